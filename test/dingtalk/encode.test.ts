// Reply → DingTalk message bodies.
import { describe, expect, it } from "vitest";
import { sendTextLink, toOpenApiMessage, toWebhookMessage } from "../../bot/channels/dingtalk/encode.js";
import type { Reply } from "../../bot/conversation/types.js";
import type { AnswerResult } from "../../knowledge/types.js";

const result: AnswerResult = {
  question: "融资担保费率？",
  project: 4,
  projectName: "“要素保强”助杭企",
  leadUnits: ["市委金融办（市地方金融管理局）"],
  confidence: 0.9,
  action: "answer",
  answer: "政府性融资担保平均费率不高于0.8%。",
  citations: [{ document: "杭州市为企办实事通知", section: "二、项目内容 > (四)", quote: "平均担保费率不高于0.8%" }],
  candidates: [],
  figures: ["平均担保费率不高于0.8%"],
  passages: [],
};

const answer: Reply = {
  kind: "answer",
  result,
  text: "plain",
  buttons: [{ text: "没解决，转人工", value: { cmd: "feedback.unsolved" } }],
};

describe("DingTalk encoding", () => {
  it("renders an answer as markdown with title, project, lead unit, figures, citations and 转人工", () => {
    const m = toWebhookMessage(answer, { group: false, mentionStaffId: "s1" });
    if (m.msgtype !== "markdown") throw new Error(m.msgtype);
    expect(m.markdown.title).toBe("企服通：（四）“要素保强”助杭企");
    for (const part of [
      "（四）“要素保强”助杭企",
      "市委金融办",
      "平均担保费率不高于0.8%",
      "《杭州市为企办实事通知》",
      "转人工",
      sendTextLink("转人工"),
    ]) {
      expect(m.markdown.text).toContain(part);
    }
    expect(m.at).toBeUndefined(); // single chat: nobody to @
  });

  it("@-mentions the asker in groups (at.atUserIds and @staffId in the text)", () => {
    const m = toWebhookMessage(answer, { group: true, mentionStaffId: "s1" });
    if (m.msgtype !== "markdown") throw new Error(m.msgtype);
    expect(m.at).toEqual({ atUserIds: ["s1"], isAtAll: false });
    expect(m.markdown.text).toMatch(/@s1$/);
    const notice = toWebhookMessage(
      { kind: "notice", notice: "help", text: "您好" },
      { group: true, mentionStaffId: "s1" },
    );
    expect(notice).toEqual({
      msgtype: "text",
      text: { content: "您好\n@s1" },
      at: { atUserIds: ["s1"], isAtAll: false },
    });
  });

  it("renders clarify as an actionCard in single chats whose buttons send the candidate number", () => {
    const clarify: Reply = {
      kind: "clarify",
      text: "plain",
      result: { ...result, action: "clarify", answer: "" },
      candidates: [
        { project: 4, projectName: "“要素保强”助杭企", leadUnits: ["市委金融办"], score: 1 },
        { project: 7, projectName: "“阳光政采”助杭企", leadUnits: ["市财政局"], score: 0.8 },
      ],
    };
    const m = toWebhookMessage(clarify, { group: false });
    if (m.msgtype !== "actionCard") throw new Error(m.msgtype);
    expect(m.actionCard.title.trim()).not.toBe("");
    expect(m.actionCard.btns.map((b) => b.actionURL)).toEqual([sendTextLink("1"), sendTextLink("2")]);
    expect(m.actionCard.text).toContain("阳光政采");
    // groups: markdown (actionCard cannot @ anyone)
    expect(toWebhookMessage(clarify, { group: true, mentionStaffId: "s1" }).msgtype).toBe("markdown");
    // OpenAPI fallback: markdown with the links inline
    const api = toOpenApiMessage(clarify, { group: false });
    expect(api.msgKey).toBe("sampleMarkdown");
    expect(JSON.parse(api.msgParam).text).toContain(sendTextLink("2"));
  });

  it("gives a generic card a non-empty title even when the card has none", () => {
    const m = toWebhookMessage(
      { kind: "card", text: "t", card: { title: " ", markdown: "**工单** 已创建", buttons: [] } },
      { group: false },
    );
    if (m.msgtype !== "markdown") throw new Error(m.msgtype);
    expect(m.markdown.title).toBe("企服通");
  });

  it("encodes OpenAPI messages as msgKey + JSON-string msgParam, without @", () => {
    const md = toOpenApiMessage(answer, { group: true, mentionStaffId: "s1" });
    expect(md.msgKey).toBe("sampleMarkdown");
    const p = JSON.parse(md.msgParam) as { title: string; text: string };
    expect(p.title).toBeTruthy();
    expect(p.text).not.toContain("@s1");
    expect(toOpenApiMessage({ kind: "text", text: "好的" }, { group: false })).toEqual({
      msgKey: "sampleText",
      msgParam: JSON.stringify({ content: "好的" }),
    });
  });

  it("keeps very long answers within the size cap", () => {
    const long: Reply = { kind: "answer", text: "x", result: { ...result, answer: "很长".repeat(5000) } };
    const m = toWebhookMessage(long, { group: true, mentionStaffId: "s1" });
    if (m.msgtype !== "markdown") throw new Error(m.msgtype);
    expect(m.markdown.text.length).toBeLessThanOrEqual(4000);
    expect(m.markdown.text).toMatch(/@s1$/); // the mention survives clipping
  });
});
