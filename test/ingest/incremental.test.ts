// An incremental publish (the live graph updated by markDelete/addPoint, unchanged passages kept) answers
// exactly as a full rebuild of the same documents does. 测试数据: fictitious documents from policy-fixtures.ts.
import { promises as fs } from "node:fs";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPublishedKnowledgeBase } from "../../ingest/live-knowledge-base.js";
import { runIngest } from "../../ingest/pipeline/run.js";
import { defaultCore } from "../../ingest/pipeline/core.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { verifyChecksums } from "../../ingest/pipeline/manifest.js";
import { currentVersion } from "../../ingest/pipeline/versions.js";
import { NOTICE, makeCorpus, tempDir } from "./helpers.js";
import { GBK_MEASURE, writePolicySet } from "./policy-fixtures.js";

const QUESTIONS = [
  "融资担保费率是多少？",
  "2025年公共数据集开放多少个？",
  "参加境外展会展位费能补助多少？",
  "同一企业每年补助不超过几个展会？",
  "数字化改造补助比例是多少？",
  "稳岗补贴返还比例是多少？",
  "数电发票怎么开？",
  "中小企业款项支付期限是多少天？",
  "明天杭州会下雨吗？",
];

let root: string;
let corpus: string;

async function answers(dataDir: string) {
  const live = await openPublishedKnowledgeBase({ dataDir, watch: false, redisUrl: null });
  const out = [];
  for (const q of QUESTIONS) {
    const r = await live.kb.answer(q);
    out.push({
      q,
      project: r.project,
      units: r.leadUnits,
      answer: r.answer,
      citations: r.citations,
      passages: r.passages.map((p) => p.passage.id),
    });
  }
  return out;
}

beforeAll(async () => {
  root = await tempDir("incremental");
  corpus = await makeCorpus(path.join(root, "corpus"));
  const files = await writePolicySet(path.join(root, "policies"));
  await fs.rm(files.pdf);
  for (const f of Object.values(files).filter((f) => f !== files.pdf))
    await fs.copyFile(f, path.join(corpus, path.basename(f)));
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("incremental publish", () => {
  it("changing and removing documents updates the live graph and answers as a full rebuild does", async () => {
    const dataDir = path.join(root, "data");
    const run = (force = false) =>
      runIngest({
        dataDir,
        sources: [corpus],
        corpusRoot: corpus,
        core: defaultCore(),
        force,
        log: createLogger("silent"),
      });
    expect((await run()).status).toBe("published");

    await fs.writeFile(
      path.join(corpus, "expo-support.txt"),
      iconv.encode(GBK_MEASURE.replace("同一企业每年补助不超过5个展会", "同一企业每年补助不超过8个展会"), "gbk"),
    );
    await fs.rm(path.join(corpus, "job-subsidy.html"));
    const inc = await run();
    expect(inc.status).toBe("published");
    expect(inc.stats.keptVectors).toBeGreaterThan(inc.stats.passages - 10);
    expect(inc.stats.embedded).toBeLessThanOrEqual(2);
    // Validated as built (no reload); the published files are that build's bytes.
    expect(inc.validation?.checks.find((c) => c.name === "index loads")?.detail).toMatch(/as built/);
    const published = await currentVersion(indexLayout(dataDir));
    expect(await verifyChecksums(published!.dir, published!.manifest)).toEqual([]);

    // An incremental build that fails validation (the notice loses a project) leaves the live version as it was.
    const notice = path.join(corpus, NOTICE);
    const noticeText = await fs.readFile(notice, "utf8");
    await fs.writeFile(notice, noticeText.replace(/\(十\)“优质服务”助杭企[^\n]*\n/, ""));
    const refused = await run();
    expect(refused.rejection?.code).toBe("VALIDATION_FAILED");
    expect((await currentVersion(indexLayout(dataDir)))?.id).toBe(published!.id);
    expect(await verifyChecksums(published!.dir, published!.manifest)).toEqual([]);
    await fs.writeFile(notice, noticeText);
    const incremental = await answers(dataDir);
    expect(incremental.find((a) => a.q.startsWith("同一企业"))?.answer).toContain("8个展会");

    const full = await run(true);
    expect(full.stats.keptVectors).toBe(0);
    expect(await answers(dataDir)).toEqual(incremental);
  }, 180_000);
});
