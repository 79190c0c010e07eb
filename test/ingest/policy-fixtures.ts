// 测试数据 — fictitious policy documents for tests (no real notice, measure or figure). They have the
// shapes admins really ingest: a later year's 为企办实事 notice, a 细则 in .docx with 第X条 articles and no
// metadata, a GBK .txt with numbered sections (一、（一）1.), an html announcement and a corrupt PDF.
import { promises as fs } from "node:fs";
import path from "node:path";
import { Document, Packer, Paragraph } from "docx";
import iconv from "iconv-lite";

export const NOTICE_2025 = `杭州市人民政府办公厅关于高质量实施2025年市政府“为企办实事”项目的通知
各区、县(市)人民政府,市政府各部门、各直属单位:
经市政府研究决定,2025年推出6件“为企办实事”项目。现将有关要求通知如下:
一、工作目标
聚焦企业关切,持续优化营商环境。
二、项目内容
(一)“融资畅通”助杭企。全市政府性融资担保机构平均担保费率不高于0.6%,新增首贷户3000户以上。(牵头单位:市委金融办)
(二)“数据赋能”助杭企。开放公共数据集200个以上,支持企业数据产品登记500项。(牵头单位:市数据资源局)
(三)“出海护航”助杭企。组织企业参加境外展会120个以上,提供涉外法律咨询服务1500次。(牵头单位:市商务局、市贸促会)
(四)“人才安居”助杭企。筹集保障性租赁住房2万套,为企业人才发放租房补贴5亿元。(牵头单位:市住保房管局)
(五)“低碳转型”助杭企。完成企业节能诊断800家,新增绿色工厂60家。(牵头单位:市生态环境局)
(六)“审批提速”助杭企。企业投资项目审批时间压缩至30个工作日以内。(牵头单位:市审管办)
三、保障措施
各牵头单位要细化任务,按季度报送进展。
杭州市人民政府办公厅
2025年2月10日
（测试数据：虚构文件，仅用于自动化测试）
`;

export const DOCX_MEASURE_LINES = [
  "杭州市测试区经济和信息化局关于印发《测试区中小企业数字化改造补助实施细则》的通知",
  "测试区经信〔2025〕8号",
  "（测试数据：虚构文件，仅用于自动化测试）",
  "第一条 为推动中小企业数字化改造，结合本区实际，制定本细则。",
  "第二条 本细则适用于在本区登记注册、依法纳税的中小企业。",
  "第三条 企业实施数字化改造的，按改造投入的20%给予补助，单个企业最高不超过50万元。",
  "第四条 企业应当在项目验收后3个月内提出补助申请。",
  "第五条 本细则自2025年4月1日起施行，有效期至2027年12月31日。",
  "杭州市测试区经济和信息化局",
  "2025年3月15日",
];

export const GBK_MEASURE = `杭州市测试县商务局关于支持企业参加境外展会的若干措施
（测试数据：虚构文件，仅用于自动化测试）
一、支持对象
在本县登记注册、具有进出口经营资格的企业。
二、支持标准
（一）展位费补助
1. 对参加境外展会的企业，按展位费的60%给予补助，单个展会最高3万元。
2. 同一企业每年补助不超过5个展会。
（二）人员费用补助
对参展人员的国际旅费给予50%补助，每个展会最多补助2人。
三、申请方式
企业应在展会结束后60日内通过县商务局网站提交申请。
杭州市测试县商务局
2025年5月6日
`;

export const HTML_ANNOUNCEMENT = `<!doctype html><html><head><title>稳岗补贴公告_测试区政府网</title></head><body>
<nav><a href="/">首页</a> | <a href="/gk">政务公开</a></nav>
<div id="main"><article>
<h1>杭州市测试区人力资源和社会保障局关于发放2025年稳岗补贴的公告</h1>
<p>（测试数据：虚构文件，仅用于自动化测试）</p>
<p>为支持企业稳定就业岗位，现就2025年稳岗补贴发放有关事项公告如下。</p>
<p>一、发放对象。上年度未裁员或裁员率低于5.5%的参保企业。</p>
<p>二、发放标准。按企业上年度实际缴纳失业保险费的50%返还，中小微企业返还比例提高至60%。</p>
<p>三、发放方式。符合条件的企业无需申请，补贴资金直接拨付至企业对公账户。</p>
<p>杭州市测试区人力资源和社会保障局</p>
<p>2025年6月1日</p>
</article></div>
<footer>版权所有 测试区政府网</footer>
</body></html>`;

export async function writeDocxMeasure(file: string): Promise<void> {
  const doc = new Document({ sections: [{ children: DOCX_MEASURE_LINES.map((l) => new Paragraph(l)) }] });
  await fs.writeFile(file, await Packer.toBuffer(doc));
}

/** Writes the set into `dir`; returns the paths by role. */
export async function writePolicySet(dir: string) {
  await fs.mkdir(dir, { recursive: true });
  const f = (n: string) => path.join(dir, n);
  await fs.writeFile(f("2025-notice.txt"), NOTICE_2025);
  await writeDocxMeasure(f("digital-subsidy.docx"));
  await fs.writeFile(f("expo-support.txt"), iconv.encode(GBK_MEASURE, "gbk"));
  await fs.writeFile(f("job-subsidy.html"), HTML_ANNOUNCEMENT);
  await fs.writeFile(f("broken.pdf"), "%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage, not a PDF body");
  return {
    notice: f("2025-notice.txt"),
    docx: f("digital-subsidy.docx"),
    gbk: f("expo-support.txt"),
    html: f("job-subsidy.html"),
    pdf: f("broken.pdf"),
  };
}
