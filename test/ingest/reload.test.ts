import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedis, closeRedis } from "../../bot/infra/redis.js";
import { openPublishedKnowledgeBase, type LiveKnowledgeBase } from "../../ingest/live-knowledge-base.js";
import { rollback } from "../../ingest/pipeline/rollback.js";
import { runIngest } from "../../ingest/pipeline/run.js";
import { announcePublished } from "../../ingest/reload.js";
import { NOTICE, countingCore, editFile, makeCorpus, tempDir } from "./helpers.js";

let dataDir: string;
let corpus: string;
const open: LiveKnowledgeBase[] = [];

beforeEach(async () => {
  dataDir = await tempDir("reload");
  corpus = await makeCorpus(await tempDir("reload-corpus"));
});
afterEach(async () => {
  for (const l of open.splice(0)) await l.close();
  await fs.rm(dataDir, { recursive: true, force: true });
  await fs.rm(corpus, { recursive: true, force: true });
});

const QUESTIONS = [
  "融资担保费率是多少？",
  "数电发票怎么开？",
  "政府采购款多久支付？",
  "明天会下雨吗？",
  "技工院校订单班找谁？",
];

/** Asks questions non-stop from `n` concurrent askers until stopped; collects failures. */
function askContinuously(live: LiveKnowledgeBase, n: number) {
  let stop = false;
  const failures: string[] = [];
  let answered = 0;
  const versions = new Set<string>();
  const askers = Array.from({ length: n }, async (_, k) => {
    for (let i = k; !stop; i++) {
      try {
        const r = await live.kb.answer(QUESTIONS[i % QUESTIONS.length]);
        if (!r || typeof r.answer !== "string" || !r.answer) failures.push(`empty answer for ${r?.question}`);
        versions.add(live.kb.info().version);
        answered++;
      } catch (e) {
        failures.push((e as Error).message);
      }
      await new Promise((r) => setImmediate(r));
    }
  });
  return {
    failures,
    versions,
    get answered() {
      return answered;
    },
    async stop() {
      stop = true;
      await Promise.all(askers);
    },
  };
}

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const figureIn = async (live: LiveKnowledgeBase) => (await live.kb.answer("融资担保费率是多少？")).answer;

describe("hot reload", () => {
  it("local mode: a publish is picked up by the pointer watch while questions keep being answered", async () => {
    const first = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
    const live = await openPublishedKnowledgeBase({ dataDir, corpusDir: corpus, redisUrl: null });
    open.push(live);
    expect(live.kb.info().version).toBe(first.version);
    expect(await figureIn(live)).toContain("0.8%");

    const load = askContinuously(live, 4);
    await editFile(path.join(corpus, NOTICE), (t) => t.replace("平均担保费率不高于0.8%", "平均担保费率不高于0.6%"));
    const second = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
    expect(second.status).toBe("published");
    await until(() => live.kb.info().version === second.version);
    const before = load.answered;
    await until(() => load.answered > before + 20);
    await load.stop();
    expect(load.failures).toEqual([]);
    expect(load.versions).toEqual(new Set([first.version, second.version]));
    expect(await figureIn(live)).toContain("0.6%");

    // rollback is a publish too
    await rollback(dataDir);
    await until(() => live.kb.info().version === first.version);
    expect(await figureIn(live)).toContain("0.8%");
  });

  it("Redis mode: every process subscribed to the channel swaps to the new version", async () => {
    const channel = `test-${randomUUID()}:index:published`;
    const url = "redis://127.0.0.1:6379";
    await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
    // File watching off: only the Redis message can trigger these reloads.
    const a = await openPublishedKnowledgeBase({
      dataDir,
      corpusDir: corpus,
      redisUrl: url,
      channel,
      watchFiles: false,
    });
    const b = await openPublishedKnowledgeBase({
      dataDir,
      corpusDir: corpus,
      redisUrl: url,
      channel,
      watchFiles: false,
    });
    open.push(a, b);
    const loadA = askContinuously(a, 2);
    const loadB = askContinuously(b, 2);

    await editFile(path.join(corpus, NOTICE), (t) => t.replace("平均担保费率不高于0.8%", "平均担保费率不高于0.5%"));
    const pub = createRedis(url, "producer");
    try {
      const next = await runIngest({
        dataDir,
        sources: [corpus],
        corpusRoot: corpus,
        core: countingCore(),
        onPublished: async (v, dir) => void (await announcePublished(pub, v, dir, channel)),
      });
      await until(() => a.kb.info().version === next.version && b.kb.info().version === next.version);
    } finally {
      await closeRedis(pub);
    }
    await loadA.stop();
    await loadB.stop();
    expect([...loadA.failures, ...loadB.failures]).toEqual([]);
    expect(await figureIn(a)).toContain("0.5%");
    expect(await figureIn(b)).toContain("0.5%");
  });

  it("a version that fails to load is skipped; the process keeps answering from the old one", async () => {
    const first = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
    const live = await openPublishedKnowledgeBase({ dataDir, corpusDir: corpus, redisUrl: null });
    open.push(live);
    await editFile(path.join(corpus, NOTICE), (t) => t.replace("0.8%", "0.7%"));
    const second = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
    // Someone damages the new version on disk before this process reloads it.
    await until(() => live.kb.info().version !== first.version).catch(() => undefined);
    await fs.writeFile(path.join(dataDir, "index", "versions", second.version!, "passages.json"), "[]");
    await rollback(dataDir);
    await until(() => live.kb.info().version === first.version);
    await fs.rm(path.join(dataDir, "index", "current"));
    await fs.symlink(`versions/${second.version}`, path.join(dataDir, "index", "current"));
    await live.reloader!.check();
    expect(live.kb.info().version).toBe(first.version);
    expect((await live.kb.answer("融资担保费率是多少？")).project).toBe(4);
  });
});
