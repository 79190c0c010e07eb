import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { IngestError } from "../../ingest/errors.js";
import { loadIndex } from "../../knowledge/index-store.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { readManifest } from "../../ingest/pipeline/manifest.js";
import { rollback } from "../../ingest/pipeline/rollback.js";
import { type IngestOptions, runIngest } from "../../ingest/pipeline/run.js";
import { currentVersion, listVersions, readHistory } from "../../ingest/pipeline/versions.js";
import { FAPIAO, NOTICE, countingCore, editFile, makeCorpus, tempDir } from "./helpers.js";

let dataDir: string;
let corpus: string;
let core: ReturnType<typeof countingCore>;
const run = (extra: Partial<IngestOptions> = {}) =>
  runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core, ...extra });

beforeEach(async () => {
  dataDir = await tempDir("data");
  corpus = await makeCorpus(await tempDir("corpus"));
  core = countingCore();
});
afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(corpus, { recursive: true, force: true });
});

describe("build and publish", () => {
  it("publishes a versioned, validated index behind an atomic `current` symlink", async () => {
    const r = await run();
    expect(r.status).toBe("published");
    expect(r.validation?.ok).toBe(true);
    const layout = indexLayout(dataDir);
    const link = await fs.readlink(layout.current);
    expect(link).toBe(`versions/${r.version}`);
    const m = (await readManifest(path.join(layout.versions, r.version!)))!;
    expect(m).toMatchObject({ id: r.version, documentCount: 4, embedding: { model: "hashing-zh-v1", dims: 512 } });
    expect(m.passageCount).toBe(r.stats.passages);
    expect(Object.keys(m.checksums)).toEqual(
      expect.arrayContaining(["passages.json", "catalog.json", "vectors/hnswlib.index"]),
    );
    expect(m.catalog).toHaveLength(10);
    const index = await loadIndex(layout.current);
    expect(index.passages).toHaveLength(m.passageCount);
    expect(existsSync(layout.lock)).toBe(false);
    expect(existsSync(layout.tmp)).toBe(false);
    expect(r.diff?.added).toHaveLength(4);
    expect(r.diff?.superseded.map((s) => s.id)).toEqual(["baozhang-zhongxiao-qiye-kuanxiang-zhifu-tiaoli-2020"]);
  });

  it("re-ingesting unchanged documents does no embedding work; changing one re-embeds only its passages", async () => {
    const first = await run();
    const embeddedFirst = core.embedCalls.texts.length;
    expect(embeddedFirst).toBe(first.stats.passages);

    core.embedCalls.calls = 0;
    core.embedCalls.texts = [];
    const same = await run();
    expect(same.status).toBe("unchanged");
    expect(same.live).toBe(first.version);
    const forced = await run({ force: true });
    expect(forced.status).toBe("published");
    expect(core.embedCalls.calls).toBe(0);
    expect(forced.stats).toMatchObject({ embedded: 0, cachedVectors: first.stats.passages, chunkedFromCache: 4 });

    await editFile(path.join(corpus, FAPIAO), (t) => t.replace("第一条", "第一条 （测试修改）"));
    const changed = await run();
    expect(changed.status).toBe("published");
    expect(changed.diff?.changed.map((c) => c.id)).toEqual(["fapiao-guanli-banfa"]);
    expect(changed.diff?.unchanged).toBe(3);
    expect(changed.stats.embedded).toBeGreaterThan(0);
    expect(changed.stats.embedded).toBeLessThan(5);
    expect(core.embedCalls.texts).toHaveLength(changed.stats.embedded);
    for (const t of core.embedCalls.texts) expect(t).toContain("发票");
  });

  it("reports catalog changes: a new target figure in the notice", async () => {
    await run();
    await editFile(path.join(corpus, NOTICE), (t) => t.replace("平均担保费率不高于0.8%", "平均担保费率不高于0.6%"));
    const r = await run();
    expect(r.status).toBe("published");
    expect(r.diff?.changed.map((c) => c.id)).toEqual(["2024-hangzhou-wei-qi-ban-shi-shi-notice"]);
    expect(r.diff?.catalog.newFigures.some((f) => f.project === 4 && f.figure.includes("0.6%"))).toBe(true);
    expect(r.diff?.catalog.removedFigures.some((f) => f.project === 4 && f.figure.includes("0.8%"))).toBe(true);
  });

  it("a dry run builds and validates but publishes nothing", async () => {
    const first = await run();
    await editFile(path.join(corpus, FAPIAO), (t) => t + "\n第九十九条 测试条款。\n");
    const dry = await run({ dryRun: true });
    expect(dry.status).toBe("dry_run");
    expect(dry.diff?.changed).toHaveLength(1);
    expect((await currentVersion(indexLayout(dataDir)))?.id).toBe(first.version);
    expect(await listVersions(indexLayout(dataDir))).toEqual([first.version]);
  });
});

describe("bad input and failed validation leave the live version alone", () => {
  it("a bad document blocks the publish unless --skip-bad", async () => {
    const first = await run();
    await fs.writeFile(path.join(corpus, "broken.pdf"), "%PDF-1.7 garbage");
    const r = await run();
    expect(r.status).toBe("rejected");
    expect(r.rejection?.code).toBe("BAD_DOCUMENTS");
    expect(r.rejection?.problems[0]).toContain("broken.pdf");
    expect((await currentVersion(indexLayout(dataDir)))?.id).toBe(first.version);

    const skip = await run({ skipBad: true, force: true });
    expect(skip.status).toBe("published");
    expect(skip.skipped.map((s) => [s.file, s.reason])).toEqual([["broken.pdf", "corrupt"]]);
  });

  it("a build that fails validation (notice lost a project) is not published and leaves no trace", async () => {
    const first = await run();
    await editFile(path.join(corpus, NOTICE), (t) => t.replace(/\(十\)“优质服务”助杭企[^\n]*\n/, ""));
    const r = await run();
    expect(r.status).toBe("rejected");
    expect(r.rejection?.code).toBe("VALIDATION_FAILED");
    expect(r.rejection?.problems.join("\n")).toMatch(/ten projects|notice catalog/);
    const layout = indexLayout(dataDir);
    expect((await currentVersion(layout))?.id).toBe(first.version);
    expect(await listVersions(layout)).toEqual([first.version]);
    expect(existsSync(layout.tmp)).toBe(false);
    expect((await loadIndex(layout.current)).catalog?.projects).toHaveLength(10);
  });

  it("one build at a time", async () => {
    const [a, b] = await Promise.allSettled([run(), run()]);
    const results = [a, b];
    expect(results.filter((x) => x.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((x) => x.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(IngestError);
    expect((rejected.reason as IngestError).code).toBe("LOCKED");
  });
});

describe("versions", () => {
  it("rolls back to the previously live version and keeps only the last N", async () => {
    const v1 = (await run({ keepVersions: 2 })).version!;
    await editFile(path.join(corpus, FAPIAO), (t) => t + "\n第九十八条 测试一。\n");
    const v2 = (await run({ keepVersions: 2 })).version!;
    const layout = indexLayout(dataDir);
    expect((await rollback(dataDir)).to).toBe(v1);
    expect((await currentVersion(layout))?.id).toBe(v1);
    const h = await readHistory(layout);
    expect(h.map((e) => [e.action, e.version, e.from])).toEqual([
      ["publish", v1, null],
      ["publish", v2, v1],
      ["rollback", v1, v2],
    ]);
    await expect(rollback(dataDir)).rejects.toMatchObject({ code: "NO_PREVIOUS_VERSION" });

    await editFile(path.join(corpus, FAPIAO), (t) => t + "\n第九十七条 测试二。\n");
    const v3 = (await run({ keepVersions: 2 })).version!;
    expect(await listVersions(layout)).toEqual([v2, v3]);
    expect((await rollback(dataDir)).to).toBe(v2); // v3 was published from v1, which is pruned: the newest older version on disk
  });
});
