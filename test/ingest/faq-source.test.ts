// The faq source (DATA_DIR/faq/approved.json) goes through the same build → validate → publish
// path as documents: a new version when it changes, none when it does not, a clear rejection when
// it is malformed, and a rollback takes the entries out again.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../ingest/service.js";
import { rollback } from "../../ingest/pipeline/rollback.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { KnowledgeService, loadIndex } from "../../knowledge/index.js";
import { FAQ_FORMAT_VERSION } from "../../knowledge/faq/types.js";

const entry = {
  id: "K-20240301-0001",
  revision: 1,
  kind: "entry",
  scope: "out_of_scope",
  question: "公司社保缴费基数每年什么时候调整？",
  variants: [],
  answer: "社保缴费请联系市人力社保局（12333）。",
  project: null,
  projectName: null,
  unit: null,
  department: "市人力社保局（12333）",
  document: null,
  approvedAt: "2024-03-01",
};

describe("faq source in ingest", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "faq-ingest-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("publishes, skips unchanged, rejects malformed, and rolls back", async () => {
    const base = await ingest({ dataDir, redisUrl: "" });
    expect(base.status).toBe("published");
    const faqFile = indexLayout(dataDir).faqFile;
    mkdirSync(path.dirname(faqFile), { recursive: true });
    writeFileSync(
      faqFile,
      JSON.stringify({ formatVersion: FAQ_FORMAT_VERSION, exportedAt: new Date().toISOString(), items: [entry] }),
    );

    const withFaq = await ingest({ dataDir, redisUrl: "" });
    expect(withFaq.status).toBe("published");
    const live = new KnowledgeService(await loadIndex(indexLayout(dataDir).current));
    expect((await live.answer("我们公司的社保缴费基数每年是什么时候调整？")).faq?.id).toBe("K-20240301-0001");

    expect((await ingest({ dataDir, redisUrl: "" })).status).toBe("unchanged");

    writeFileSync(faqFile, JSON.stringify({ formatVersion: FAQ_FORMAT_VERSION, items: [{ id: "" }] }));
    const bad = await ingest({ dataDir, redisUrl: "" });
    expect(bad.status).toBe("rejected");
    expect(bad.rejection?.problems.join(" ")).toMatch(/faq source/);

    const back = await rollback(dataDir);
    expect(back.to).toBe(base.version);
    const rolled = new KnowledgeService(await loadIndex(indexLayout(dataDir).current));
    expect((await rolled.answer("我们公司的社保缴费基数每年是什么时候调整？")).faq).toBeUndefined();
  }, 120_000);
});
