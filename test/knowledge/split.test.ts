import { describe, expect, it } from "vitest";
import { loadCorpusDir } from "../../knowledge/loaders/index.js";
import type { SourceDocument } from "../../knowledge/types.js";
import { KNOWLEDGE_CORPUS_DIR } from "../../knowledge/paths.js";
import { splitDocument } from "../../knowledge/split/split-document.js";
import { MAX_PASSAGE_CHARS } from "../../knowledge/split/split-prose.js";

const corpus = (await loadCorpusDir(KNOWLEDGE_CORPUS_DIR)).docs;

const proseDocument = (text: string): SourceDocument => ({
  id: "guide",
  path: "guide.md",
  contentHash: "test",
  meta: { title: "园区服务指南", status: "unknown" },
  text,
});

describe("splitting documents", () => {
  it("splits laws at articles, keeping chapter, document and validity", () => {
    const law = corpus.find((d) => d.id === "baozhang-zhongxiao-qiye-kuanxiang-zhifu-tiaoli-2025")!;
    const passages = splitDocument(law).passages;
    const art9 = passages.find((p) => p.section.endsWith("第九条"))!;
    expect(art9.section).toBe("第二章 款项支付规定 > 第九条");
    expect(art9.text).toContain("30日内支付款项");
    expect(art9.text).toContain("大型企业从中小企业采购"); // a multi-paragraph article stays whole
    expect(art9).toMatchObject({
      kind: "article",
      status: "in_force",
      effective: "2025-06-01",
      relatedProjects: [7, 9],
    });
    const old = splitDocument(corpus.find((d) => d.id.endsWith("2020"))!).passages;
    expect(old.every((p) => p.status === "superseded")).toBe(true);
  });

  it("the notice yields clause passages for every project and an overview", () => {
    const notice = corpus.find((d) => d.id.startsWith("2024-"))!;
    const { passages, catalog } = splitDocument(notice);
    expect(catalog?.projects).toHaveLength(10);
    const projects = new Set(passages.filter((p) => p.kind === "clause").map((p) => p.project));
    expect(projects.size).toBe(10);
    expect(passages.find((p) => p.id.endsWith("#overview"))?.text).toContain("杭州市人民政府办公厅");
  });

  it("every passage of every document is traceable and within the size bound", () => {
    for (const doc of corpus) {
      const { passages } = splitDocument(doc);
      expect(passages.length).toBeGreaterThan(0);
      const ids = new Set(passages.map((p) => p.id));
      expect(ids.size).toBe(passages.length);
      for (const p of passages) {
        expect(p.docId).toBe(doc.id);
        expect(p.section).toBeTruthy();
        expect(p.text.trim()).not.toBe("");
        if (p.kind === "prose" || p.kind === "notice-section")
          expect(p.text.length).toBeLessThanOrEqual(MAX_PASSAGE_CHARS);
      }
    }
  });

  it("a document without structure becomes size-bounded prose passages", () => {
    const text = `# 园区服务指南\n${"企业可以通过服务中心办理登记手续。".repeat(80)}\n## 联系方式\n电话咨询。`;
    const { passages, catalog } = splitDocument(proseDocument(text));
    expect(catalog).toBeNull();
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.every((p) => p.kind === "prose" && p.text.length <= MAX_PASSAGE_CHARS)).toBe(true);
    expect(passages.at(-1)?.section).toBe("联系方式");
  });
});
