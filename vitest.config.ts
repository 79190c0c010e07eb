import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "bot/**/*.test.ts", "knowledge/**/*.test.ts", "ingest/**/*.test.ts"],
    environment: "node",
    reporters: ["default", "./test/support/summary-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests share one Redis and one PostgreSQL; each test uses its own
    // key prefix / schema, but running files one at a time keeps timings honest.
    fileParallelism: false,
    env: { TZ: "UTC", LOG_LEVEL: "silent" },
  },
});
