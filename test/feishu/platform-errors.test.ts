// Platform failure modes against the emulator, through the real SDK Client: token expiry, 429 and
// 230020 backoff, 230002 dropped without retries, lost responses retried without showing twice,
// the 30 KB card limit.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FeishuApi } from "../../bot/channels/feishu/api.js";
import { CARD_LIMIT_BYTES, TRUNCATED_NOTE } from "../../bot/channels/feishu/card.js";
import { createFeishuSender } from "../../bot/channels/feishu/sender.js";
import type { InboundMessage, Reply } from "../../bot/conversation/types.js";
import { ChannelError } from "../../bot/infra/errors.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import type { AnswerResult } from "../../knowledge/types.js";
import { startFeishuEmulator, type FeishuEmulator } from "../emulators/feishu/emulator.js";
import { cardText, realKb, shownContent, sleep, startFeishuStack, type FeishuStack } from "./harness.js";

const log = createLogger("silent");
let emu: FeishuEmulator;

function setup() {
  const api = new FeishuApi({
    appId: emu.app.appId,
    appSecret: emu.app.appSecret,
    domain: emu.url,
    logger: log,
    retry: { rateLimitRetries: 3, baseDelayMs: 20, maxDelayMs: 200 },
  });
  return { api, sender: createFeishuSender(api) };
}

function p2p(chatId = "oc_p2p_u1"): InboundMessage {
  return {
    platform: "feishu",
    tenant: "t",
    chatId,
    chatType: "p2p",
    senderId: "ou_u1",
    messageId: `om_${Math.random().toString(16).slice(2)}`,
    messageType: "text",
    text: "q",
    mentionedBot: false,
    receivedAt: Date.now(),
  };
}

const text = (t: string): Reply => ({ kind: "text", text: t });

describe("FeishuApi / sender against the emulator", () => {
  beforeAll(async () => {
    emu = await startFeishuEmulator({ rateLimitResetSeconds: 0 });
  });
  afterAll(async () => {
    await emu.close();
  });
  afterEach(() => {
    emu.state.failures.length = 0;
  });

  it("refreshes an expired token and sends once", async () => {
    const { sender } = setup();
    await sender.reply(p2p(), text("one"), "k-token-1");
    const tokenCalls = () => emu.state.requests.filter((r) => r.api === "token").length;
    const before = tokenCalls();
    emu.expireTokens();
    const r = await sender.reply(p2p(), text("two"), "k-token-2");
    expect(r.messageId).toMatch(/^om_/);
    expect(tokenCalls()).toBe(before + 1);
    expect(emu.state.requests.some((x) => x.code === 99991663)).toBe(true);
  });

  it("a failing token endpoint gives a retryable error; the next attempt succeeds", async () => {
    const { sender } = setup();
    emu.expireTokens();
    emu.fail("token", "token_error", 1);
    const err = await sender.reply(p2p("oc_p2p_tok"), text("x"), "k-tok").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).retryable).toBe(true);
    await sender.reply(p2p("oc_p2p_tok"), text("x"), "k-tok");
    expect(emu.state.botMessages("oc_p2p_tok")).toHaveLength(1);
  });

  it("backs off on HTTP 429 (99991400) and on 230020, then succeeds", async () => {
    const { sender } = setup();
    emu.fail("create", "rate_limit", 2);
    emu.fail("create", "im_rate_limit", 1);
    const chat = "oc_p2p_rl";
    await sender.reply(p2p(chat), text("hello"), "k-rl-1");
    const codes = emu.state.requests
      .filter((r) => r.api === "create")
      .slice(-4)
      .map((r) => r.code);
    expect(codes).toEqual([99991400, 99991400, 230020, 0]);
    expect(emu.state.botMessages(chat)).toHaveLength(1);
  });

  it("gives up after repeated rate limiting with a retryable error (the job queue retries later)", async () => {
    const { sender } = setup();
    emu.fail("create", "rate_limit", 10);
    const err = await sender.reply(p2p("oc_p2p_rl2"), text("x"), "k-rl-2").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).retryable).toBe(true);
  });

  it("230002 (bot not in chat) is not retryable and is tried once", async () => {
    const { sender } = setup();
    emu.removeBotFromChat("oc_p2p_gone");
    const n = emu.state.requests.length;
    const err = await sender.reply(p2p("oc_p2p_gone"), text("x"), "k-gone").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChannelError);
    expect((err as ChannelError).retryable).toBe(false);
    expect((err as ChannelError).code).toBe("FEISHU_230002");
    expect(emu.state.requests.slice(n).filter((r) => r.code === 230002)).toHaveLength(1);
  });

  it("the same idempotency key shows one message, even when the first response was lost", async () => {
    const { sender } = setup();
    const chat = "oc_p2p_lost";
    emu.fail("create", "lost_response", 1);
    const first = await sender.reply(p2p(chat), text("once"), "feishu:om_lost:0").catch((e: unknown) => e);
    expect(first).toBeInstanceOf(ChannelError);
    const second = await sender.reply(p2p(chat), text("once"), "feishu:om_lost:0");
    expect(emu.state.botMessages(chat)).toHaveLength(1);
    expect(second.messageId).toBe(emu.state.botMessages(chat)[0].message_id);
  });

  it("hashes idempotency keys longer than 50 characters into a stable uuid", async () => {
    const { sender } = setup();
    const chat = "oc_p2p_longkey";
    const key = `feishu:action:${"om_".padEnd(60, "x")}:feedback.unsolved:0`;
    await sender.sendToChat(chat, text("a"), key);
    await sender.sendToChat(chat, text("a"), key);
    const shown = emu.state.botMessages(chat);
    expect(shown).toHaveLength(1);
    expect(shown[0].uuid!.length).toBeLessThanOrEqual(50);
  });

  it("keeps a huge answer card under 30 KB with a truncation note, and the platform accepts it", async () => {
    const { sender } = setup();
    const chat = "oc_p2p_big";
    const kb = await realKb();
    const base = await kb.answer("政府性融资担保的费率是多少？");
    const result: AnswerResult = {
      ...base,
      answer: "融资担保政策说明。".repeat(6000),
      citations: base.citations.map((c) => ({ ...c, quote: c.quote.repeat(50) })),
    };
    const reply: Reply = { kind: "answer", result, text: result.answer };
    await sender.reply(p2p(chat), reply, "k-big");
    const [m] = emu.state.botMessages(chat);
    expect(m.msg_type).toBe("interactive");
    expect(Buffer.byteLength(m.content)).toBeLessThanOrEqual(CARD_LIMIT_BYTES);
    expect(cardText(m)).toContain(TRUNCATED_NOTE);
    expect(cardText(m)).toContain("要素保强");
  });

  it("patches a card only when update_multi is declared (updateCard)", async () => {
    const { sender } = setup();
    const chat = "oc_p2p_patch";
    const card = (md: string): Reply => ({
      kind: "card",
      text: md,
      card: { title: "工单", markdown: md, buttons: [] },
    });
    const { messageId } = await sender.sendToChat(chat, card("处理中"), "k-patch");
    await sender.updateCard(messageId!, card("已办结"));
    const [m] = emu.state.botMessages(chat);
    expect(m.history).toHaveLength(2);
    expect(cardText(m)).toContain("已办结");
    expect(shownContent(m).config?.update_multi).toBe(true);
  });
});

describe("worker retries through the whole stack", () => {
  let s: FeishuStack;
  beforeAll(async () => {
    s = await startFeishuStack({ kb: await realKb() });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("a send whose response was lost is retried by the queue and shown once", async () => {
    s.emu.fail("create", "lost_response", 1);
    const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "企业信用修复找哪个部门？" });
    await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
    // the job's retry (backoff ~1 s) resends with the same uuid
    const deadline = Date.now() + 6000;
    while (Date.now() < deadline && s.emu.state.requests.filter((r) => r.api === "create" && r.code === 0).length < 1)
      await sleep(100);
    await sleep(300);
    expect(s.emu.state.botMessages(sent.chatId)).toHaveLength(1);
    expect(s.emu.state.requests.filter((r) => r.api === "create" && r.status === 502)).toHaveLength(1);
  });

  it("230002 fails the job once, without a retry storm", async () => {
    const { envelope, chatId } = s.emu.userMessage({
      chatType: "group",
      chatId: "oc_left_group",
      text: "企业信用修复找哪个部门？",
      mentionBot: true,
    });
    s.emu.removeBotFromChat(chatId);
    const r = await s.emu.deliver(envelope);
    expect(r.delivery?.status).toBe(200);
    await sleep(2500); // longer than the queue's first backoff
    expect(s.emu.state.requests.filter((x) => x.code === 230002)).toHaveLength(1);
    const failed = await s.server.app.queue.getFailed();
    expect(failed).toHaveLength(1);
    expect(failed[0].attemptsMade).toBe(1);
  });
});
