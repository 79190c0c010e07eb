import os from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// Everything tests write at run time goes to a fresh folder, never to the project's data/.
const testDataDir = path.join(os.tmpdir(), `qft-test-data-${process.pid}`);

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
    env: { TZ: "UTC", LOG_LEVEL: "silent", DATA_DIR: testDataDir },
  },
});
