// Homophone typos from pinyin input are read as the corpus word that sounds the same, only when the
// words around it confirm it; colloquial words the dictionary lacks are left alone.
import { beforeAll, describe, expect, it } from "vitest";
import { openKnowledgeBase, type KnowledgeService } from "../../knowledge/index.js";
import { correctHomophones } from "../../knowledge/retrieval/homophones.js";
import { prepareQuestion } from "../../knowledge/routing/prepare-question.js";

let kb: KnowledgeService;
beforeAll(async () => {
  kb = await openKnowledgeBase();
});

describe("how chat writes words", () => {
  it("reads zf as 政府 (its pinyin initials), not inside other words", () => {
    expect(prepareQuestion("天天去翻zf网站找补贴").text).toContain("政府网站");
    expect(prepareQuestion("ZF采购的款多久付").text).toContain("政府采购");
    expect(prepareQuestion("zfb付款可以吗").text).toContain("zfb");
  });

  it("reads other common initials in Chinese chat only (fp, lb, gs)", () => {
    expect(prepareQuestion("数电fp和纸质fp一样吗").text).toContain("数电发票");
    expect(prepareQuestion("lb让我问问贷款").text).toContain("老板");
    expect(prepareQuestion("The parcel weighs 10 lb").text).toContain("lb");
  });
});

describe("homophone typos", () => {
  it.each([
    ["政府性融资担保废率多少", "担保费率"],
    ["新项目用能知标紧张怎么办", "用能指标"],
    ["专利快速预申怎么弄", "快速预审"],
    ["这单是正府彩购 钱多久到账", "政府采购"], // two typos side by side, one read as a function word
  ])("%s is read with %s", (typed, meant) => {
    expect(correctHomophones(kb.current, typed)).toContain(meant);
  });

  it.each([
    "营收差一点够不上标准",
    "竞品抄得很快怎么办",
    "工信那块的资金什么时候拨",
    "人不在国内能调解吗",
    "我们是有注册商标的",
  ])("leaves real words alone: %s", (typed) => {
    expect(correctHomophones(kb.current, typed)).toBe(typed);
  });

  it("answers the question the typo meant", async () => {
    const r = await kb.answer("政府性融资担保废率多少");
    expect(r.project).toBe(4);
    expect(r.answer).toContain("0.8%");
    expect(r.question).toBe("政府性融资担保废率多少");
  });
});
