// 测试数据: fictitious documents (test/ingest/policy-fixtures.ts) ingested through the real pipeline, then
// asked about through the published index — project, unit, figure and cited document.
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingest } from "../../ingest/service.js";
import { openPublishedKnowledgeBase } from "../../ingest/live-knowledge-base.js";
import { rollback } from "../../ingest/pipeline/rollback.js";
import { currentVersion } from "../../ingest/pipeline/versions.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { unsupportedFigures } from "../../knowledge/llm/figures.js";
import type { AnswerResult } from "../../knowledge/types.js";
import { tempDir } from "./helpers.js";
import { writePolicySet } from "./policy-fixtures.js";

let root: string;
let dataDir: string;
let files: Awaited<ReturnType<typeof writePolicySet>>;

async function ask(q: string): Promise<AnswerResult> {
  const live = await openPublishedKnowledgeBase({ dataDir, watch: false, redisUrl: null });
  return live.kb.answer(q);
}

/** Every figure of the answer's quoted lines is in the document cited beside it. */
function figuresFromCited(r: AnswerResult) {
  const quoted = r.answer
    .split("\n")
    .filter((l) => /原文/.test(l))
    .join("\n");
  return unsupportedFigures(
    quoted,
    r.citations.map((c) => `${c.section} ${c.quote}`),
  );
}

beforeAll(async () => {
  root = await tempDir("new-docs");
  dataDir = path.join(root, "data");
  files = await writePolicySet(path.join(root, "in"));
  const r = await ingest({ dataDir, paths: Object.values(files), skipBad: true, redisUrl: "" });
  expect(r.status).toBe("published");
}, 120_000);
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe("a later year's notice is parsed into its own catalog", () => {
  it("a question naming 2025 gets the 2025 project, unit and figure", async () => {
    const r = await ask("2025年平均担保费率是多少？");
    expect(r.notice?.year).toBe(2025);
    expect(r.project).toBe(1);
    expect(r.answer).toContain("0.6%");
    expect(r.answer).not.toContain("0.8%");
    expect(r.answer).toContain("2025年目标");
  });

  it("a question that fits both years leads with the latest and labels each figure with its year", async () => {
    const r = await ask("融资担保费率是多少？");
    expect(r.notice?.year).toBe(2025);
    expect(r.answer).toMatch(/2025年目标[^\n]*0\.6%/);
    expect(r.answer).toMatch(/2024年目标[^\n]*0\.8%/);
  });

  it("a 2025 project with a unit of its own", async () => {
    const r = await ask("公共数据集开放多少个？");
    expect(r.notice?.year).toBe(2025);
    expect(r.leadUnits[0]).toBe("市数据资源局");
    expect(r.answer).toContain("200个");
  });

  it("in English, a 2025 project keeps its own Chinese name and cites the 2025 notice", async () => {
    const r = await ask("What is the average guarantee fee rate in 2025?");
    expect(r.notice?.year).toBe(2025);
    expect(r.answer).toContain("Project: (一) “融资畅通”助杭企");
    expect(r.answer).not.toContain("Policies Delivered Directly");
    expect(r.answer).toContain("0.6%");
    expect(r.citations[0].document).toBe(r.notice?.title);
  });

  it("a personal-sounding topic (租房, 住房) that a notice project covers is answered, not caught by the safety net", async () => {
    const r = await ask("员工租房难，政府筹集多少套保障性租赁住房？");
    expect(r.notice?.year).toBe(2025);
    expect(r.leadUnits[0]).toBe("市住保房管局");
    expect(r.answer).toContain("2万套");
  });

  it("naming the notice does not turn a question about one of its targets into a question about the notice", async () => {
    const r = await ask("2025年为企办实事里首贷户要新增多少？");
    expect(r.project).toBe(1);
    expect(r.answer).toContain("3000户");
  });

  it("a question naming 2025 that only a 2024 project fits is not answered with 2024's project", async () => {
    for (const q of ["2025年为企办实事里有没有帮企业解决用电指标的项目？", "2025年有没有给企业用电指标倾斜的实事？"]) {
      const r = await ask(q);
      expect(r.project).toBeNull();
      expect(r.answer).not.toContain("2024年目标");
    }
  });

  it("a 2025 target asked with a year beats a measure that shares the theme", async () => {
    const r = await ask("2025年组织企业参加境外展会多少个？");
    expect(r.notice?.year).toBe(2025);
    expect(r.answer).toContain("120个");
  });

  it("naming the older notice and its year is explained by that notice: answered, not declined", async () => {
    const r = await ask("2024年为企办实事里，技工院校和民企合办的订单班要办多少个？");
    expect(r.notice?.year).toBe(2024);
    expect(r.project).toBe(5);
    expect(r.answer).toContain("70个");
  });

  it("the manifest lists both notices; the 2024 one is still there", async () => {
    const live = await currentVersion(indexLayout(dataDir));
    expect(live?.manifest.catalogs?.map((c) => c.year)).toEqual([2025, 2024]);
  });
});

describe("measures without metadata answer for themselves", () => {
  it(".docx 细则 asked by name and article: that article, its figures, issuer, number and validity", async () => {
    const r = await ask("测试区数字化改造补助细则第三条怎么规定的？");
    expect(r.document?.id).toBe("digital-subsidy");
    expect(r.leadUnits[0]).toBe("杭州市测试区经济和信息化局");
    expect(r.answer).toContain("20%");
    expect(r.answer).toContain("50万元");
    expect(r.answer).toContain("测试区经信〔2025〕8号");
    expect(r.answer).toContain("有效期至2027年12月31日");
    expect(r.citations[0].section).toContain("第三条");
    expect(figuresFromCited(r)).toEqual([]);
  });

  it("asked in English by its number: the document, its issuer and its validity in English", async () => {
    const r = await ask("Is 测试区经信〔2025〕8号 still in force?");
    expect(r.document?.id).toBe("digital-subsidy");
    expect(r.answer).toContain("Document: 《");
    expect(r.answer).toMatch(/Validity: in force \(现行有效\), valid until 2027-12-31/);
    expect(r.answer).toContain("Next step: contact the issuing body, 杭州市测试区经济和信息化局.");
  });

  it("named by its number and asked for a figure: the passage that states that figure, not the cover page", async () => {
    const r = await ask("测试区经信〔2025〕8号的补助最高能拿多少？");
    expect(r.document?.id).toBe("digital-subsidy");
    expect(r.citations[0].section).toContain("第三条");
    expect(r.answer).toContain("50万元");
  });

  it("GBK .txt with numbered sections: the item that answers, not another measure's amount", async () => {
    const r = await ask("参加境外展会展位费能补助多少？");
    expect(r.document?.id).toBe("expo-support");
    expect(r.answer).toContain("60%");
    expect(r.answer).toContain("3万元");
    expect(r.answer).not.toContain("50万元");
    expect(figuresFromCited(r)).toEqual([]);
  });

  it("html announcement: the section with the figure, issuer as the unit to contact", async () => {
    const r = await ask("稳岗补贴返还比例是多少？");
    expect(r.document?.id).toBe("job-subsidy");
    expect(r.leadUnits[0]).toBe("杭州市测试区人力资源和社会保障局");
    expect(r.answer).toContain("50%");
    expect(figuresFromCited(r)).toEqual([]);
  });

  it("the report shows the derived metadata; the corrupt PDF is skipped and not kept", async () => {
    const live = await currentVersion(indexLayout(dataDir));
    const docx = live!.manifest.documents.find((d) => d.id === "digital-subsidy")!;
    expect(docx.issuer).toBe("杭州市测试区经济和信息化局");
    expect(docx.docNo).toBe("测试区经信〔2025〕8号");
    expect(docx.effective).toBe("2025-04-01");
    expect(existsSync(path.join(dataDir, "corpus", "broken.pdf"))).toBe(false);
    expect((live!.manifest.additions as { file: string }[]).map((a) => a.file).sort()).toEqual([
      "2025-notice.txt",
      "digital-subsidy.docx",
      "expo-support.txt",
      "job-subsidy.html",
    ]);
  });
});

describe("additions are managed state", () => {
  it("--remove takes one out; --rollback brings back exactly the previous set, and a rolled-back addition does not return", async () => {
    const removed = await ingest({ dataDir, remove: ["job-subsidy"], redisUrl: "" });
    expect(removed.status).toBe("published");
    expect(removed.diff?.removed.map((d) => d.id)).toEqual(["job-subsidy"]);
    expect(existsSync(path.join(dataDir, "corpus", "job-subsidy.html"))).toBe(false);

    await rollback(dataDir);
    expect(existsSync(path.join(dataDir, "corpus", "job-subsidy.html"))).toBe(true);

    const extra = path.join(root, "in", "extra-measure.txt");
    await fs.writeFile(
      extra,
      "杭州市测试区科学技术局关于科技企业研发补助的通知\n（测试数据：虚构文件）\n一、对研发投入超过500万元的企业给予10%补助。\n杭州市测试区科学技术局\n2025年7月1日\n",
    );
    expect((await ingest({ dataDir, paths: [extra], redisUrl: "" })).status).toBe("published");
    expect(existsSync(path.join(dataDir, "corpus", "extra-measure.txt"))).toBe(true);
    await rollback(dataDir);
    expect(existsSync(path.join(dataDir, "corpus", "extra-measure.txt"))).toBe(false);
    await ingest({ dataDir, redisUrl: "" });
    const live = await currentVersion(indexLayout(dataDir));
    const ids = live!.manifest.documents.map((d) => d.id);
    expect(ids).not.toContain("extra-measure");
    expect(ids).toContain("job-subsidy");
  }, 120_000);
});
