import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseNoticeCatalog, splitOutside } from "../../knowledge/catalog/parse-notice.js";
import { extractTargets } from "../../knowledge/catalog/targets.js";
import { KNOWLEDGE_CORPUS_DIR } from "../../knowledge/paths.js";

const noticeText = readFileSync(path.join(KNOWLEDGE_CORPUS_DIR, "2024-hangzhou-wei-qi-ban-shi-shi-notice.txt"), "utf8");
const catalog = parseNoticeCatalog("notice", "通知", noticeText)!;
const project = (n: number) => catalog.projects.find((p) => p.number === n)!;
const unitOf = (n: number, phrase: string) =>
  project(n)
    .clauses.flatMap((c) => c.fragments)
    .find((f) => f.text.includes(phrase))?.unit;

describe("notice catalog", () => {
  it("finds the ten projects in order with their names", () => {
    expect(catalog.projects.map((p) => p.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(project(1).shortName).toBe("政策直达");
    expect(project(10).name).toBe("“优质服务”助杭企");
  });

  it("reads the lead units, including bracketed aliases and square-bracket lists", () => {
    expect(project(2).leadUnits).toEqual(["市市场监管局", "国家税务总局杭州市税务局", "市公安局"]);
    expect(project(4).leadUnits).toEqual([
      "市委金融办（市地方金融管理局）",
      "市国资委",
      "市规划和自然资源局",
      "市发改委",
    ]);
    expect(project(7).leadUnits).toEqual(["市财政局"]);
  });

  it("maps each clause of a multi-unit project to its own unit", () => {
    expect(unitOf(2, "信用修复")).toBe("市市场监管局");
    expect(unitOf(2, "专利快速预审")).toBe("市市场监管局");
    expect(unitOf(2, "数字化电子发票")).toBe("国家税务总局杭州市税务局");
    expect(unitOf(2, "公安政务服务")).toBe("市公安局");
    expect(unitOf(1, "技改项目")).toBe("市经信局");
    expect(unitOf(1, "亲清直播间")).toBe("市发改委");
    expect(unitOf(4, "产业基金")).toBe("市国资委");
    expect(unitOf(4, "工业用地")).toBe("市规划和自然资源局");
    expect(unitOf(4, "能耗")).toBe("市发改委");
    expect(unitOf(6, "百场千企")).toBe("市经信局");
    expect(unitOf(8, "刑事风险")).toBe("市公安局");
    expect(unitOf(8, "综合查一次")).toBe("市综合行政执法局");
    expect(unitOf(9, "诉前")).toBe("市法院");
    expect(unitOf(9, "国际商事纠纷")).toBe("市贸促会");
    expect(unitOf(10, "科研仪器")).toBe("市科技局");
    expect(unitOf(10, "办不成事")).toBe("市审管办");
  });

  it("a fragment without duty words inherits the unit of the fragment before it", () => {
    expect(unitOf(4, "新增服务主体不少于1万家")).toBe("市委金融办（市地方金融管理局）");
    expect(unitOf(10, "新增服务3万次")).toBe("市科技局");
  });

  it("extracts targets with their numbers and units", () => {
    const fee = project(4).targets.find((t) => t.unit === "%" && t.value === 0.8);
    expect(fee?.text).toBe("平均担保费率不高于0.8%");
    const pay = project(7).targets.find((t) => t.unit === "个工作日");
    expect(pay).toMatchObject({ value: 5, text: "企业申请项目平均支付时间不超过5个工作日" });
    expect(project(1).targets.map((t) => `${t.value}${t.unit}`)).toEqual(["95%", "40场", "70%"]);
  });

  it("reads the sections, the issuer and the dates", () => {
    expect(catalog.sections.map((s) => s.heading)).toEqual(["工作目标", "项目内容", "工作任务", "保障措施"]);
    expect(catalog.sections[3].subsections.map((s) => s.heading)).toContain("强化督查评价");
    expect(catalog.issuer).toBe("杭州市人民政府办公厅");
    expect(catalog.date).toBe("2024-02-08");
    expect(catalog.published).toBe("2024-02-21");
  });

  it("returns null for a document without projects", () => {
    expect(
      parseNoticeCatalog("x", "x", "一、总则\n第一条 为了规范管理，制定本办法。\n二、附则\n本办法自发布之日起施行。"),
    ).toBeNull();
  });

  it("splits outside quotes and brackets only", () => {
    expect(splitOutside("甲“一,二”,乙(丙,丁),戊", ",")).toEqual(["甲“一,二”", "乙(丙,丁)", "戊"]);
    expect(extractTargets("办理维权援助案件1600件以上")).toEqual([
      { text: "办理维权援助案件1600件以上", value: 1600, unit: "件" },
    ]);
  });
});
