import { describe, expect, it } from "vitest";
import { parseCommand } from "../../bot/conversation/commands.js";
import { looksLikeFollowUp, parsePick } from "../../bot/conversation/follow-up.js";
import { renderAnswerText } from "../../bot/conversation/render-text.js";
import type { AnswerResult, Candidate } from "../../knowledge/types.js";

const cands: Candidate[] = [
  { project: 4, projectName: "“要素保强”助杭企", leadUnits: [], score: 1 },
  { project: 7, projectName: "“阳光政采”助杭企", leadUnits: [], score: 0.9 },
  { project: 9, projectName: "“权益维护”助杭企", leadUnits: [], score: 0.8 },
];

describe("reading follow-ups", () => {
  it.each([
    ["第二个", 1],
    ["2", 1],
    ["选2", 1],
    ["第2个。", 1],
    ["二", 1],
    ["我选第三个", 2],
    ["最后一个", 2],
    ["第一个吧", 0],
    ["阳光政采", 1],
    ["1！", 0],
  ])("%s → candidate %i", (text, index) => {
    expect(parsePick(text, cands)).toEqual({ index });
  });

  it("out-of-range picks and ordinary questions", () => {
    expect(parsePick("第五个", cands)).toEqual({ outOfRange: true });
    expect(parsePick("融资担保费率是多少", cands)).toBeNull();
    expect(parsePick("助杭企", cands)).toBeNull(); // matches several: not a choice
    expect(parsePick("2", [])).toBeNull();
  });

  it("elliptical questions", () => {
    expect(looksLikeFollowUp("那费率呢？")).toBe(true);
    expect(looksLikeFollowUp("牵头单位是哪个呢")).toBe(true);
    expect(looksLikeFollowUp("企业信用修复需要准备哪些材料和流程？")).toBe(false);
  });

  it("commands match whole messages only", () => {
    expect(parseCommand(" 帮助 ")).toBe("help");
    expect(parseCommand("/HELP")).toBe("help");
    expect(parseCommand("/about")).toBe("about");
    expect(parseCommand("转人工！")).toBe("handoff");
    expect(parseCommand("人工客服")).toBe("handoff");
    expect(parseCommand("我需要帮助办理信用修复")).toBeNull();
  });
});

describe("plain-text rendering", () => {
  const base: AnswerResult = {
    question: "q",
    project: 4,
    projectName: "“要素保强”助杭企",
    leadUnits: ["市委金融办"],
    confidence: 0.9,
    action: "answer",
    answer: "",
    citations: [{ document: "通知", section: "二、项目内容", quote: "平均担保费率不高于0.8%" }],
    candidates: [],
    figures: ["平均担保费率不高于0.8%"],
    passages: [],
  };

  it("adds project, lead unit, figures, citations and the way to a human when the answer lacks them", () => {
    const t = renderAnswerText({ ...base, answer: "可以申请。" });
    expect(t).toContain("对应项目：（四）“要素保强”助杭企");
    expect(t).toContain("牵头单位：市委金融办");
    expect(t).toContain("目标指标：平均担保费率不高于0.8%");
    expect(t).toContain("《通知》 二、项目内容");
    expect(t).toContain("转人工");
  });

  it("does not repeat what the KB's answer already says", () => {
    const answer =
      "对应项目：“要素保强”助杭企\n牵头单位：市委金融办\n平均担保费率不高于0.8%（《通知》）\n如未解决，可回复“转人工”。";
    expect(renderAnswerText({ ...base, answer })).toBe(answer);
  });
});
