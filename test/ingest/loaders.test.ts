import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadDocumentError } from "../../knowledge/loaders/errors.js";
import { loadCorpusDir, loadDocument, loadDocuments } from "../../knowledge/loaders/index.js";
import { DEFAULT_CORPUS_DIR } from "../../knowledge/infra/env.js";
import { GBK_TEXT, makeEncryptedPdf, makeImageOnlyPdf, writeFixtureSet } from "./fixtures.js";

let dir: string;
let files: Record<string, string>;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "qft-loaders-"));
  files = await writeFixtureSet(dir);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function badReason(file: string, opts = {}): Promise<string> {
  try {
    await loadDocument(file, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(BadDocumentError);
    const err = e as BadDocumentError;
    expect(err.message).toContain(path.basename(file));
    expect(err.code).toBe("BAD_DOCUMENT");
    return err.reason;
  }
  throw new Error(`${file} loaded but should not have`);
}

describe("loaders", () => {
  it("reads markdown front matter into DocMeta and strips it from the text", async () => {
    const d = await loadDocument(files.md);
    expect(d.id).toBe("law");
    expect(d.meta).toMatchObject({
      title: "测试企业服务条例",
      issuer: "测试市人民代表大会常务委员会",
      docNo: "测试令第1号",
      issued: "2023-05-01",
      effective: "2023-07-01",
      status: "in_force",
      relatedProjects: [2, 7],
    });
    expect(d.text.startsWith("# 测试企业服务条例")).toBe(true);
    expect(d.text).not.toContain("doc_no");
    expect(d.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("takes the main text of an HTML page and drops navigation, sidebar, footer and scripts", async () => {
    const d = await loadDocument(files.html);
    expect(d.meta.title).toBe("测试市关于优化企业服务的通知");
    expect(d.text).toContain("采购资金平均支付时间不超过5个工作日");
    expect(d.text).toContain("一、总体要求");
    for (const junk of ["首页", "政务公开", "市长信箱", "网站标识码", "ICP", "analytics"])
      expect(d.text).not.toContain(junk);
    expect(d.meta.issued).toBe("2024-02-08");
    expect(d.meta.issuer).toBe("测试市人民政府办公厅");
  });

  it("reads .docx paragraphs and headings, and the 发文字号 and signing date from the text", async () => {
    const d = await loadDocument(files.docx);
    expect(d.meta.title).toBe("关于开展企业走访服务的通知");
    expect(d.meta.docNo).toBe("测试区经信〔2024〕12号");
    expect(d.meta.issued).toBe("2024-02-20");
    expect(d.meta.issuer).toBe("测试区经济和信息化局");
    expect(d.text).toMatch(/^## 一、走访对象$/m);
    expect(d.text).toContain("全区规模以上工业企业和专精特新企业。");
  });

  it("reads the text layer of a PDF (Chinese text, title from the PDF info)", async () => {
    const d = await loadDocument(files.pdf);
    expect(d.meta.title).toBe("测试市企业服务指南");
    expect(d.text).toContain("第一条 企业可以在线申请信用修复。");
    expect(d.text).toContain("五个工作日内办结");
  });

  it("detects GBK text and converts it", async () => {
    const d = await loadDocument(files.gbk);
    expect(d.text).toBe(GBK_TEXT.trim());
    expect(d.meta).toMatchObject({
      title: "杭州市测试局关于企业开办服务的通知",
      docNo: "测试政办〔2024〕3号",
      issued: "2024-03-01",
      issuer: "杭州市测试局",
    });
  });

  it("loads the bundled corpus (README skipped) with front matter and the notice's date", async () => {
    const { docs, errors } = await loadCorpusDir(DEFAULT_CORPUS_DIR);
    expect(errors).toEqual([]);
    expect(docs.length).toBe(12);
    expect(docs.map((d) => d.path)).not.toContain("README.md");
    const notice = docs.find((d) => d.id === "2024-hangzhou-wei-qi-ban-shi-shi-notice")!;
    expect(notice.meta.title).toBe("杭州市人民政府办公厅关于高质量实施2024年市政府“为企办实事”项目的通知");
    expect(notice.meta.issued).toBe("2024-02-08");
    expect(notice.meta.issuer).toBe("杭州市人民政府办公厅");
    expect(notice.text).toContain("杭州网·国家重点新闻网站"); // published page footer kept
    const old = docs.find((d) => d.id.endsWith("tiaoli-2020"))!;
    expect(old.meta.status).toBe("superseded");
    expect(old.meta.supersededBy).toEqual(["baozhang-zhongxiao-qiye-kuanxiang-zhifu-tiaoli-2025"]);
  });
});

describe("bad documents", () => {
  const write = async (name: string, data: string | Buffer) => {
    const f = path.join(dir, name);
    await fs.writeFile(f, data);
    return f;
  };

  it("refuses unsupported types, empty files and files over the size limit", async () => {
    expect(await badReason(await write("sheet.xlsx", "PK..."))).toBe("unsupported_type");
    expect(await badReason(await write("empty.txt", ""))).toBe("empty");
    expect(await badReason(await write("blank.md", "   \n\n  \n"))).toBe("empty");
    expect(await badReason(await write("big.txt", "企业".repeat(2000)), { maxBytes: 1000 })).toBe("too_large");
    expect(await badReason(path.join(dir, "missing.txt"))).toBe("unreadable");
  });

  it("refuses undecodable bytes", async () => {
    const noise = Buffer.from(
      Array.from({ length: 600 }, (_, i) => (i * 7919 + 13) % 256).map((b) => (b === 0 ? 1 : b)),
    );
    expect(await badReason(await write("noise.txt", noise))).toBe("undecodable");
  });

  it("refuses invalid front matter with the field named", async () => {
    const cases: [string, string][] = [
      ["fm-yaml.md", "---\ntitle: [unclosed\n---\n正文"],
      ["fm-status.md", "---\ntitle: 某条例\nstatus: repealed\n---\n第一条 正文。"],
      ["fm-date.md", "---\ntitle: 某条例\neffective: 2024-13-45\n---\n第一条 正文。"],
      ["fm-unknown.md", "---\ntitle: 某条例\nauthor: 张三\n---\n第一条 正文。"],
      ["fm-open.md", "---\ntitle: 某条例\n第一条 正文。"],
    ];
    for (const [name, text] of cases) expect(await badReason(await write(name, text))).toBe("invalid_front_matter");
    await expect(loadDocument(path.join(dir, "fm-status.md"))).rejects.toThrow(/status/);
    await expect(loadDocument(path.join(dir, "fm-date.md"))).rejects.toThrow(/effective/);
  });

  it("refuses corrupt, encrypted and scanned (no text layer) PDFs and corrupt .docx", async () => {
    const good = await fs.readFile(files.pdf);
    expect(await badReason(await write("truncated.pdf", good.subarray(0, 200)))).toBe("corrupt");
    expect(await badReason(await write("fake.pdf", "this is not a pdf"))).toBe("corrupt");
    await makeEncryptedPdf(path.join(dir, "locked.pdf"));
    expect(await badReason(path.join(dir, "locked.pdf"))).toBe("encrypted");
    await makeImageOnlyPdf(path.join(dir, "scan.pdf"));
    expect(await badReason(path.join(dir, "scan.pdf"))).toBe("no_text_layer");
    expect(await badReason(await write("broken.docx", "PK\u0003\u0004 not really a zip"))).toBe("corrupt");
  });

  it("loadDocuments collects errors per file and keeps the good ones", async () => {
    const sub = path.join(dir, "mixed");
    await fs.mkdir(sub, { recursive: true });
    await fs.copyFile(files.md, path.join(sub, "ok.md"));
    await fs.writeFile(path.join(sub, "bad.pdf"), "garbage");
    await fs.writeFile(path.join(sub, "README.md"), "# not a document");
    const { docs, errors } = await loadDocuments([sub]);
    expect(docs.map((d) => d.id)).toEqual(["ok"]);
    expect(errors.map((e) => [path.basename(e.file), e.reason])).toEqual([["bad.pdf", "corrupt"]]);
  });
});
