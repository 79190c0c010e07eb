import { spawn } from "node:child_process";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIndex } from "../../knowledge/index-store.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { verifyChecksums } from "../../ingest/pipeline/manifest.js";
import { runIngest } from "../../ingest/pipeline/run.js";
import { currentVersion, listVersions } from "../../ingest/pipeline/versions.js";
import { countingCore, makeCorpus, tempDir } from "./helpers.js";

const SCRIPT = path.join(import.meta.dirname, "build-until-killed.ts");
let dataDir: string;
let corpus: string;
let live: string;

beforeAll(async () => {
  dataDir = await tempDir("kill");
  corpus = await makeCorpus(await tempDir("kill-corpus"));
  const r = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
  live = r.version!;
});
afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(corpus, { recursive: true, force: true });
});

/** Starts a child build, SIGKILLs it when it prints `waitFor` (plus an optional delay), waits for its exit. */
async function killChildBuild(pauseAt: string, waitFor: string, delayMs = 0): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT, dataDir, corpus, pauseAt], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, LOG_LEVEL: "silent" },
  });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes(waitFor)) resolve();
    });
    child.on("exit", (code) => reject(new Error(`child exited early (${code})`)));
  });
  await new Promise((r) => setTimeout(r, delayMs));
  child.kill("SIGKILL");
  await exited;
}

async function expectLiveIntact(): Promise<void> {
  const layout = indexLayout(dataDir);
  const cur = await currentVersion(layout);
  expect(cur?.id).toBe(live);
  expect(await verifyChecksums(cur!.dir, cur!.manifest)).toEqual([]);
  const index = await loadIndex(layout.current);
  expect(index.catalog?.projects).toHaveLength(10);
}

async function expectNextRunClean(): Promise<void> {
  const layout = indexLayout(dataDir);
  const r = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore(), force: true });
  expect(r.status).toBe("published");
  expect(existsSync(layout.lock)).toBe(false);
  expect(existsSync(layout.tmp)).toBe(false);
  expect((await fs.readdir(layout.root)).filter((n) => n.startsWith("current.tmp"))).toEqual([]);
  for (const v of await fs.readdir(layout.versions)) expect((await listVersions(layout)).includes(v), v).toBe(true);
  live = r.version!;
}

describe("a build killed at any point leaves the live index untouched and the next run clean", () => {
  it("SIGKILL while paused with a complete, unvalidated build in tmp/", { timeout: 60_000 }, async () => {
    await killChildBuild("validate", "PAUSED");
    const layout = indexLayout(dataDir);
    expect(existsSync(layout.lock)).toBe(true); // left behind by the dead build
    expect((await fs.readdir(layout.tmp)).length).toBe(1); // its unpublished build
    await expectLiveIntact();
    await expectNextRunClean();
  });

  it("SIGKILL at a random moment of the build after a publish", { timeout: 60_000 }, async () => {
    const delay = Math.floor(Math.random() * 1500);
    await killChildBuild("none", "BUILT 1 published", delay);
    const cur = await currentVersion(indexLayout(dataDir));
    // The child published one complete version, then died somewhere in the next build.
    expect(cur!.id).not.toBe(live);
    expect(await verifyChecksums(cur!.dir, cur!.manifest)).toEqual([]);
    expect((await loadIndex(indexLayout(dataDir).current)).catalog?.projects).toHaveLength(10);
    live = cur!.id;
    await expectNextRunClean();
  });
});
