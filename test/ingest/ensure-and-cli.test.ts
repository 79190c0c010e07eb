import { spawnSync } from "node:child_process";
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../knowledge/infra/env.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { listVersions } from "../../ingest/pipeline/versions.js";
import { ensurePublishedIndex } from "../../ingest/service.js";
import { FAPIAO, countingCore, makeCorpus, tempDir } from "./helpers.js";

let dataDir: string;
let corpus: string;
beforeEach(async () => {
  dataDir = await tempDir("ensure");
  corpus = await makeCorpus(await tempDir("ensure-corpus"));
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(corpus, { recursive: true, force: true });
});

describe("ensurePublishedIndex (first use of npm run chat)", () => {
  it("builds and publishes the corpus once, even when several processes ask at the same time", async () => {
    const core = countingCore();
    const results = await Promise.all([1, 2, 3].map(() => ensurePublishedIndex(dataDir, corpus, { core })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await listVersions(indexLayout(dataDir))).toEqual([results[0].id]);
    const calls = core.embedCalls.calls;
    const again = await ensurePublishedIndex(dataDir, corpus, { core });
    expect(again.id).toBe(results[0].id);
    expect(core.embedCalls.calls).toBe(calls);
    expect(again.manifest.catalog).toHaveLength(10);
  });
});

describe("npm run ingest", () => {
  it("--dry-run with a changed document prints the report and publishes nothing", { timeout: 60_000 }, async () => {
    await ensurePublishedIndex(dataDir, corpus, { core: countingCore() });
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          "--import",
          "tsx",
          path.join(PROJECT_ROOT, "ingest/cli.ts"),
          "--data-dir",
          dataDir,
          "--corpus",
          corpus,
          ...args,
        ],
        {
          encoding: "utf8",
          env: { ...process.env, LOG_LEVEL: "silent", REDIS_URL: "" },
        },
      );
    await fs.appendFile(path.join(corpus, FAPIAO), "\n第九十九条 测试条款。\n");
    const dry = cli("--dry-run", "--json");
    expect(dry.status, dry.stderr).toBe(0);
    const report = JSON.parse(dry.stdout) as { status: string; diff: { changed: { id: string }[] } };
    expect(report.status).toBe("dry_run");
    expect(report.diff.changed.map((c) => c.id)).toEqual(["fapiao-guanli-banfa"]);
    expect(await listVersions(indexLayout(dataDir))).toHaveLength(1);
  });
});
