// The KnowledgeBase wrapper and the streaming card: a fake channel sender records what a chat would see.
import { describe, expect, it } from "vitest";
import { FakeListChatModel } from "@langchain/core/utils/testing";
import { createLlmAnswerer } from "../../knowledge/llm/answerer.js";
import { createStreamingReply } from "../../bot/conversation/streaming-reply.js";
import { runWithPartialTextSink, withLlmAnswers } from "../../knowledge/llm/index.js";
import type { AnswerOptions, KnowledgeBase } from "../../knowledge/types.js";
import type { ChannelSender, InboundMessage, Reply } from "../../bot/conversation/types.js";
import { VALID_GUARANTEE, guaranteeResult, outOfScopeResult, testConfig } from "./fixtures.js";

function fakeKb(): KnowledgeBase & { calls: { q: string; o?: AnswerOptions }[] } {
  const calls: { q: string; o?: AnswerOptions }[] = [];
  return {
    calls,
    async answer(q, o) {
      calls.push({ q, o });
      return q.includes("天气") ? outOfScopeResult(q) : guaranteeResult(q);
    },
    info: () => ({ version: "v-test", builtAt: "2026-01-01T00:00:00Z", documents: 1, passages: 3 }),
  };
}

function recordingSender() {
  const events: { t: number; op: "reply" | "update"; reply: Reply; id: string }[] = [];
  const sender: ChannelSender = {
    async reply(_to, reply, key) {
      events.push({ t: Date.now(), op: "reply", reply, id: key });
      await new Promise((r) => setTimeout(r, 20));
      return { messageId: `om_${key}` };
    },
    async updateCard(messageId, reply) {
      events.push({ t: Date.now(), op: "update", reply, id: messageId });
      await new Promise((r) => setTimeout(r, 20));
    },
  };
  return { sender, events };
}

const msg: InboundMessage = {
  platform: "feishu",
  tenant: "t1",
  chatId: "oc_1",
  chatType: "group",
  senderId: "ou_1",
  messageId: "om_q1",
  messageType: "text",
  text: "担保费率多少",
  mentionedBot: true,
  receivedAt: Date.now(),
};

describe("withLlmAnswers", () => {
  it("returns the knowledge base itself when no LLM is configured", () => {
    const kb = fakeKb();
    expect(withLlmAnswers(kb, null)).toBe(kb);
  });

  it("answers extractively first, passes options through, lets the model improve, keeps info()", async () => {
    const kb = fakeKb();
    const llm = createLlmAnswerer(testConfig(), { model: new FakeListChatModel({ responses: [VALID_GUARANTEE] }) });
    const wrapped = withLlmAnswers(kb, llm);
    const r = await wrapped.answer("担保费率多少", { context: { previousQuestion: "融资" }, forceProject: 4 });
    expect(kb.calls[0].o).toEqual({ context: { previousQuestion: "融资" }, forceProject: 4 });
    expect(r.answer).toContain("您好！根据通知");
    expect(wrapped.info().version).toBe("v-test");
    const oos = await wrapped.answer("明天天气");
    expect(oos.action).toBe("escalate");
  });
});

describe("streaming into one card", () => {
  it("first text sends the card, later text updates it, the final answer replaces it; ≤ 5 updates/s", async () => {
    const model = new FakeListChatModel({ responses: [VALID_GUARANTEE], sleep: 6 });
    const wrapped = withLlmAnswers(fakeKb(), createLlmAnswerer(testConfig({ streamIntervalMs: 250 }), { model }));
    const { sender, events } = recordingSender();
    const stream = createStreamingReply({ sender, msg, idempotencyKey: "feishu:om_q1:0:stream" });
    const result = await runWithPartialTextSink(
      (t) => stream.onPartialText(t),
      () => wrapped.answer("担保费率多少"),
    );
    const final: Reply = { kind: "answer", result, text: result.answer };
    expect(await stream.finish(final)).toBe(true);

    expect(events[0].op).toBe("reply");
    expect(events.filter((e) => e.op === "reply")).toHaveLength(1);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(events.slice(1).every((e) => e.op === "update" && e.id === "om_feishu:om_q1:0:stream")).toBe(true);
    expect(events[events.length - 1].reply).toBe(final);
    expect(events[1].reply.kind).toBe("card");
    for (let i = 1; i < events.length; i++) expect(events[i].t - events[i - 1].t).toBeGreaterThanOrEqual(245);
    const inAnySecond = Math.max(...events.map((e) => events.filter((x) => x.t >= e.t && x.t < e.t + 1000).length));
    expect(inAnySecond).toBeLessThanOrEqual(5);
  });

  it("no card is streamed for an out-of-scope question; finish() says send normally", async () => {
    const wrapped = withLlmAnswers(
      fakeKb(),
      createLlmAnswerer(testConfig(), { model: new FakeListChatModel({ responses: [VALID_GUARANTEE] }) }),
    );
    const { sender, events } = recordingSender();
    const stream = createStreamingReply({ sender, msg, idempotencyKey: "k" });
    const result = await runWithPartialTextSink(
      (t) => stream.onPartialText(t),
      () => wrapped.answer("明天天气怎么样"),
    );
    expect(await stream.finish({ kind: "answer", result, text: result.answer })).toBe(false);
    expect(events).toHaveLength(0);
  });

  it("a retried job finishes the card streamed by the earlier attempt", async () => {
    const { sender, events } = recordingSender();
    const stream = createStreamingReply({ sender, msg, idempotencyKey: "k", messageId: "om_earlier" });
    expect(await stream.finish({ kind: "text", text: "好的" })).toBe(true);
    expect(events).toMatchObject([{ op: "update", id: "om_earlier", reply: { kind: "card" } }]);
  });
});
