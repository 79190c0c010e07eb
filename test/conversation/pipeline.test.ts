// Conversation policy on the console harness with a KB test double (real KB: conversation-real-kb.test.ts).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createConsoleChat } from "../../bot/channels/console/console-chat.js";
import type { Reply } from "../../bot/conversation/types.js";
import { FakeKb } from "./fake-kb.js";

function tmp() {
  return path.join(os.tmpdir(), `qft-test-${randomUUID()}`);
}

describe("conversation pipeline (KB test double)", () => {
  it("answers a p2p question with project, lead unit and how to reach a human", async () => {
    const chat = createConsoleChat({ kb: new FakeKb() });
    const text = await chat.say("融资担保怎么申请？");
    expect(text).toContain("要素保强");
    expect(text).toContain("市委金融办");
    expect(text).toContain("转人工");
    const r = chat.history.at(-1)!;
    expect(r.kind).toBe("answer");
    expect(r.kind === "answer" && r.buttons?.map((b) => b.value.cmd)).toEqual(["feedback.solved", "feedback.unsolved"]);
  });

  it("stays silent in a group unless the bot is mentioned", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb, chatType: "group" });
    expect(await chat.say("融资担保怎么申请？", { mention: false })).toBe("");
    expect(kb.calls).toHaveLength(0);
    expect(await chat.say("融资担保怎么申请？", { mention: true })).toContain("要素保强");
  });

  it("passes the previous turn as context for an elliptical follow-up", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb });
    await chat.say("融资担保找谁？");
    const text = await chat.say("那费率呢？");
    expect(kb.calls[1].options?.context).toMatchObject({ previousQuestion: "融资担保找谁？", previousProject: 4 });
    expect(text).toContain("0.8%");
  });

  it("keeps the topic across a chain of follow-ups", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb });
    await chat.say("融资担保找谁？");
    await chat.say("那费率呢？");
    await chat.say("那牵头单位呢？");
    expect(kb.calls[2].options?.context).toMatchObject({
      previousQuestion: "融资担保找谁？ 那费率呢？",
      previousProject: 4,
    });
  });

  it("resolves 第二个 / 2 / 选2 after a clarify reply", async () => {
    for (const pick of ["第二个", "2", "选2", "第2个。"]) {
      const kb = new FakeKb();
      const chat = createConsoleChat({ kb });
      const first = await chat.say("有什么补贴？");
      expect(chat.history.at(-1)!.kind).toBe("clarify");
      expect(first).toMatch(/1\. （一）.*\n2\. （三）/);
      const text = await chat.say(pick);
      expect(kb.calls[1]).toMatchObject({ question: "有什么补贴？", options: { forceProject: 3 } });
      expect(text).toContain("数实融合");
    }
  });

  it("an out-of-range pick gets a hint, not a KB call", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb });
    await chat.say("有什么补贴？");
    expect(await chat.say("第五个")).toContain("只有 2 个选项");
    expect(kb.calls).toHaveLength(1);
  });

  it("handles help, about and non-text, empty and oversized messages politely", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb, config: { MAX_MESSAGE_CHARS: 50 } });
    expect(await chat.say("帮助")).toContain("转人工");
    expect(await chat.say("/help")).toContain("@我");
    expect(await chat.say("/about")).toContain("fake-v1");
    expect(await chat.say("", { type: "other" })).toContain("只能理解文字");
    expect(await chat.say("   ")).toContain("请问有什么可以帮您");
    expect(await chat.say("担".repeat(51))).toContain("超出了单条 50 字");
    expect(await chat.say("/quit")).toContain("暂不支持指令「/quit」");
    expect(kb.calls).toHaveLength(0);
  });

  it("turns a KB failure into a polite error, never an exception", async () => {
    const kb = new FakeKb();
    kb.failNext = true;
    const chat = createConsoleChat({ kb });
    expect(await chat.say("融资担保？")).toContain("系统暂时出了点问题");
  });

  it("records 转人工 durably with the last question and its project", async () => {
    const dir = tmp();
    const chat = createConsoleChat({ kb: new FakeKb(), dataDir: dir });
    await chat.say("融资担保找谁？");
    const text = await chat.say("转人工");
    expect(text).toMatch(/编号 H-[0-9A-F]{8}/);
    const lines = fs.readFileSync(path.join(dir, "handoff.jsonl"), "utf8").trim().split("\n");
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]);
    expect(rec.data).toMatchObject({ question: "融资担保找谁？", project: 4, via: "command", platform: "console" });
  });

  it("转人工 after a follow-up records the whole topic for staff", async () => {
    const dir = tmp();
    const chat = createConsoleChat({ kb: new FakeKb(), dataDir: dir });
    await chat.say("融资担保找谁？");
    await chat.say("那费率呢？");
    await chat.say("人工客服");
    const rec = JSON.parse(fs.readFileSync(path.join(dir, "handoff.jsonl"), "utf8").trim()).data;
    expect(rec).toMatchObject({ question: "融资担保找谁？ 那费率呢？", project: 4 });
  });

  it("rate limit: one polite notice per window, then silence", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb, config: { RATE_LIMIT_MAX: 3, RATE_LIMIT_WINDOW_SEC: 60 } });
    for (let i = 0; i < 3; i++) expect(await chat.say("融资担保？")).toContain("要素保强");
    expect(await chat.say("融资担保？")).toContain("有点频繁");
    expect(await chat.say("融资担保？")).toBe("");
    expect(await chat.say("融资担保？")).toBe("");
    expect(kb.calls).toHaveLength(3);
    // another user is not affected
    expect(await chat.say("融资担保？", { user: "other" })).toContain("要素保强");
  });

  it("feedback buttons: solved records feedback and updates the card; unsolved hands off", async () => {
    const dir = tmp();
    const chat = createConsoleChat({ kb: new FakeKb(), dataDir: dir });
    await chat.say("融资担保找谁？");
    const solved = await chat.click("已解决");
    expect(solved.toast).toBe("感谢反馈");
    const card = solved.reply as Extract<Reply, { kind: "answer" }>;
    expect(card.status?.state).toBe("solved");
    expect(card.buttons).toEqual([]);
    expect(card.text).toContain("感谢您的反馈");
    await chat.say("融资担保找谁？");
    const unsolved = await chat.click("没解决");
    expect((unsolved.reply as Extract<Reply, { kind: "answer" }>).status?.state).toBe("handed_off");
    expect(unsolved.messages?.[0].text).toContain("人工服务请求");
    const fb = fs
      .readFileSync(path.join(dir, "feedback.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).data);
    expect(fb.map((f) => f.solved)).toEqual([true, false]);
    const handoffs = fs.readFileSync(path.join(dir, "handoff.jsonl"), "utf8").trim().split("\n");
    expect(JSON.parse(handoffs[0]).data).toMatchObject({ via: "button", question: "融资担保找谁？", project: 4 });
  });

  it("clarify.pick button answers within the chosen project and updates the card", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({ kb });
    await chat.say("有什么补贴？");
    const res = await chat.click(0);
    expect(kb.calls[1]).toMatchObject({ question: "有什么补贴？", options: { forceProject: 1 } });
    expect(res.reply?.kind).toBe("answer");
    expect(res.reply?.text).toContain("政策直达");
  });

  it("interceptors run first; the first non-null result wins", async () => {
    const kb = new FakeKb();
    const chat = createConsoleChat({
      kb,
      interceptors: [
        { name: "pass", handleMessage: () => null },
        {
          name: "desk",
          handleMessage: (m) => (m.text.startsWith("/工单") ? [{ kind: "text", text: "工单列表" }] : null),
        },
      ],
    });
    expect(await chat.say("/工单 列表")).toBe("工单列表");
    expect(kb.calls).toHaveLength(0);
    expect(await chat.say("融资担保？")).toContain("要素保强");
  });

  it("interceptor traffic (desk staff) is not rate limited", async () => {
    const chat = createConsoleChat({
      kb: new FakeKb(),
      config: { RATE_LIMIT_MAX: 1 },
      interceptors: [
        { name: "desk", handleMessage: (m) => (m.text.startsWith("/工单") ? [{ kind: "text", text: "ok" }] : null) },
      ],
    });
    for (let i = 0; i < 5; i++) expect(await chat.say("/工单 列表")).toBe("ok");
    expect(await chat.say("融资担保？")).toContain("要素保强");
    expect(await chat.say("融资担保？")).toContain("有点频繁");
  });

  it("in groups, interceptors that accept it see messages without an @mention; others and the KB do not", async () => {
    const kb = new FakeKb();
    const seen: string[] = [];
    const chat = createConsoleChat({
      kb,
      chatType: "group",
      interceptors: [
        { name: "relay", handleMessage: (m) => (seen.push(m.text), null) },
        {
          name: "desk",
          acceptsUnmentioned: true,
          handleMessage: (m) => (m.text.startsWith("/工单") ? [{ kind: "text", text: "工单列表" }] : null),
        },
      ],
    });
    expect(await chat.say("/工单 列表", { mention: false })).toBe("工单列表");
    expect(await chat.say("融资担保？", { mention: false })).toBe("");
    expect(seen).toEqual([]);
    expect(kb.calls).toHaveLength(0);
  });
});
