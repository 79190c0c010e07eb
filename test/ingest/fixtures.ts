// Builders for small test documents of every supported type (written into a temp dir by the tests).
import { promises as fs } from "node:fs";
import path from "node:path";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import iconv from "iconv-lite";
import { PDFDocument, PDFHexString, PDFName, PDFNumber, PDFOperator, PDFString, StandardFonts, rgb } from "pdf-lib";

export const LAW_MD = `---
title: 测试企业服务条例
issuer: 测试市人民代表大会常务委员会
doc_no: 测试令第1号
issued: 2023-05-01
effective: 2023-07-01
status: in_force
related_projects: [2, 7]
source: https://example.test/law
---
# 测试企业服务条例

## 第一章 总则

第一条 为了优化营商环境，保障企业合法权益，制定本条例。

第二条 本条例适用于本市行政区域内的企业服务活动。

## 第二章 服务保障

第三条 机关应当自收到企业申请之日起5个工作日内作出答复。

第四条 本条例自2023年7月1日起施行。
`;

/** A .docx with a heading and a few paragraphs (what a government office would send). */
export async function makeDocx(file: string): Promise<void> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "关于开展企业走访服务的通知", heading: HeadingLevel.HEADING_1 }),
          new Paragraph("测试区经信〔2024〕12号"),
          new Paragraph("各有关单位：为做好企业服务工作，现将有关事项通知如下。"),
          new Paragraph({ text: "一、走访对象", heading: HeadingLevel.HEADING_2 }),
          new Paragraph("全区规模以上工业企业和专精特新企业。"),
          new Paragraph({ text: "二、工作要求", heading: HeadingLevel.HEADING_2 }),
          new Paragraph("各单位应当在2024年3月31日前完成走访并报送问题清单。"),
          new Paragraph("测试区经济和信息化局"),
          new Paragraph("2024年2月20日"),
        ],
      },
    ],
  });
  await fs.writeFile(file, await Packer.toBuffer(doc));
}

/**
 * A text PDF whose Chinese text is extractable: a Type0 font with Identity-H encoding and a
 * ToUnicode CMap (no glyphs are needed for text extraction, and no CJK font file is available).
 */
export async function makeChinesePdf(file: string, lines: string[], opts: { title?: string } = {}): Promise<void> {
  const pdf = await PDFDocument.create();
  if (opts.title) pdf.setTitle(opts.title);
  const ctx = pdf.context;
  const chars = [...new Set(lines.join(""))];
  const cid = new Map(chars.map((c, i) => [c, i + 1]));
  const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, "0");
  const bf = chars.map((c) => `<${hex4(cid.get(c)!)}> <${hex4(c.charCodeAt(0))}>`);
  const cmap = [
    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
    "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    `${bf.length} beginbfchar`,
    ...bf,
    "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end",
  ].join("\n");
  const toUnicode = ctx.register(ctx.stream(cmap));
  const descriptor = ctx.register(
    ctx.obj({
      Type: "FontDescriptor",
      FontName: "TestCJK",
      Flags: 4,
      FontBBox: [0, -120, 1000, 880],
      ItalicAngle: 0,
      Ascent: 880,
      Descent: -120,
      CapHeight: 700,
      StemV: 80,
    }),
  );
  const cidFont = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: "TestCJK",
      CIDSystemInfo: ctx.obj({ Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 }),
      FontDescriptor: descriptor,
      DW: 1000,
    }),
  );
  const font = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: "TestCJK",
      Encoding: "Identity-H",
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode,
    }),
  );
  const page = pdf.addPage([595, 842]);
  page.node.setFontDictionary(PDFName.of("FCJK"), font);
  let y = 800;
  for (const line of lines) {
    const hex = [...line].map((c) => hex4(cid.get(c)!)).join("");
    page.pushOperators(
      PDFOperator.of("BT" as never),
      PDFOperator.of("Tf" as never, [PDFName.of("FCJK"), PDFNumber.of(12)]),
      PDFOperator.of("Td" as never, [PDFNumber.of(50), PDFNumber.of(y)]),
      PDFOperator.of("Tj" as never, [PDFHexString.of(hex)]),
      PDFOperator.of("ET" as never),
    );
    y -= 20;
  }
  await fs.writeFile(file, await pdf.save({ useObjectStreams: false }));
}

/** A PDF with only graphics (what a scanned page looks like to a text extractor). */
export async function makeImageOnlyPdf(file: string): Promise<void> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.8) });
  await fs.writeFile(file, await pdf.save());
}

/** A PDF encrypted with a user password (standard security handler; the empty password fails). */
export async function makeEncryptedPdf(file: string): Promise<void> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage().drawText("secret", { font, x: 50, y: 700 });
  const ctx = pdf.context;
  const bytes32 = (seed: number) =>
    PDFHexString.of(
      Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, "0")).join(""),
    );
  const encrypt = ctx.register(
    ctx.obj({ Filter: "Standard", V: 1, R: 2, Length: 40, O: bytes32(11), U: bytes32(97), P: -44 }),
  );
  ctx.trailerInfo.Encrypt = encrypt;
  ctx.trailerInfo.ID = ctx.obj([
    PDFHexString.of("0123456789ABCDEF0123456789ABCDEF"),
    PDFHexString.of("0123456789ABCDEF0123456789ABCDEF"),
  ]);
  await fs.writeFile(file, await pdf.save({ useObjectStreams: false }));
}

export const GBK_TEXT = `杭州市测试局关于企业开办服务的通知
测试政办〔2024〕3号

一、企业开办全程网办，一日办结。
二、数电发票开具纳税人全覆盖。

杭州市测试局
2024年3月1日
`;

export async function writeGbk(file: string, text = GBK_TEXT): Promise<void> {
  await fs.writeFile(file, iconv.encode(text, "gbk"));
}

export const NEWS_HTML = `<!doctype html><html><head><title>关于企业服务的通知_测试市政府门户网站</title></head>
<body>
<header><div class="logo">测试市人民政府门户网站</div><nav><a href="/">首页</a> | <a href="/zw">政务公开</a> | <a href="/fw">办事服务</a></nav></header>
<aside class="sidebar"><h3>热点推荐</h3><ul><li><a href="/a">市长信箱</a></li><li><a href="/b">网站地图</a></li></ul></aside>
<div id="main"><article>
<h1>测试市关于优化企业服务的通知</h1>
<p>各区、县（市）人民政府，市政府各部门：为进一步优化营商环境，提升企业服务质量，经市政府同意，现就有关事项通知如下。</p>
<h2>一、总体要求</h2>
<p>坚持问题导向，聚焦企业办事的难点堵点，推动企业诉求高效办理，确保企业反映的问题件件有回音、事事有着落。</p>
<h2>二、主要任务</h2>
<p>（一）推行惠企政策直达快享，新增惠企政策主动推送率超过95%。</p>
<p>（二）深化政府采购支付改革，采购资金平均支付时间不超过5个工作日。</p>
<p>测试市人民政府办公厅</p>
<p>2024年2月8日</p>
</article></div>
<footer><p>版权所有：测试市人民政府办公厅 | 网站标识码 3301000001 | 浙ICP备00000000号</p><script>var analytics = 1;</script></footer>
</body></html>`;

export async function writeFixtureSet(dir: string): Promise<Record<string, string>> {
  await fs.mkdir(dir, { recursive: true });
  const f = (n: string) => path.join(dir, n);
  await fs.writeFile(f("law.md"), LAW_MD);
  await fs.writeFile(f("page.html"), NEWS_HTML);
  await makeDocx(f("notice.docx"));
  await makeChinesePdf(
    f("guide.pdf"),
    ["测试市企业服务指南", "第一条 企业可以在线申请信用修复。", "第二条 申请材料齐全的，五个工作日内办结。"],
    { title: "测试市企业服务指南" },
  );
  await writeGbk(f("gbk.txt"));
  return { md: f("law.md"), html: f("page.html"), docx: f("notice.docx"), pdf: f("guide.pdf"), gbk: f("gbk.txt") };
}
