// End-to-end through the webhook: emulator (signed, encrypted events) → POST /feishu/events →
// intake (real Redis) → BullMQ worker → real KB → real SDK Client → emulator shows the reply.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardButtons, cardText, realKb, shownContent, sleep, startFeishuStack, type FeishuStack } from "./harness.js";

let s: FeishuStack;

beforeAll(async () => {
  s = await startFeishuStack({ kb: await realKb() });
});
afterAll(async () => {
  await s?.close();
});

describe("feishu webhook → queue → worker → emulator", () => {
  it("answers a private-chat question with an answer card (project, lead unit, figures, buttons)", async () => {
    const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "政府性融资担保的费率是多少？" });
    expect(sent.delivery?.status).toBe(200);
    const [reply] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
    expect(reply.msg_type).toBe("interactive");
    const card = shownContent(reply);
    expect(card.config?.update_multi).toBe(true);
    const text = cardText(reply);
    expect(text).toContain("要素保强");
    expect(text).toContain("市委金融办");
    expect(text).toMatch(/费率/);
    const buttons = cardButtons(reply);
    expect(buttons.map((b) => b.text)).toEqual(["已解决", "没解决，转人工"]);
    expect(buttons[0].value.cmd).toBe("feedback.solved");
    expect(buttons[1].value.cmd).toBe("feedback.unsolved");
    // p2p: posted into the chat (not as a thread reply), with the idempotency key as uuid
    expect(reply.parent_id).toBe("");
    expect(reply.uuid).toBe(`feishu:${sent.messageId}:0`);
  });

  it("in a group answers only when the bot itself is @mentioned, replying to the asker's message", async () => {
    const chatId = "oc_group_policy";
    const silent = await s.emu.sendUserMessage({ chatType: "group", chatId, text: "企业信用修复找哪个部门？" });
    const all = await s.emu.sendUserMessage({
      chatType: "group",
      chatId,
      text: "企业信用修复找哪个部门？",
      mentionAll: true,
    });
    const other = await s.emu.sendUserMessage({
      chatType: "group",
      chatId,
      text: "企业信用修复找哪个部门？",
      mentionUsers: ["ou_someone_else"],
    });
    const asked = await s.emu.sendUserMessage({
      chatType: "group",
      chatId,
      text: "企业信用修复找哪个部门？",
      mentionBot: true,
    });
    for (const d of [silent, all, other, asked]) expect(d.delivery?.status).toBe(200);
    const [reply] = await s.emu.waitForBotMessages(1, { chatId });
    expect(reply.parent_id).toBe(asked.messageId);
    expect(cardText(reply)).toContain("市市场监管局");
    await sleep(400); // the other three were processed too (silently)
    expect(s.emu.state.botMessages(chatId)).toHaveLength(1);
  });

  it("a duplicated delivery (same event redelivered, and a new event for the same message) gives one reply", async () => {
    const first = await s.emu.sendUserMessage({ chatType: "p2p", text: "技改项目奖补资金怎么兑付？" });
    const again = await s.emu.redeliver(first.envelope);
    const sameMessageNewEvent = structuredClone(first.envelope);
    sameMessageNewEvent.header.event_id = `${first.eventId}-x`;
    const third = await s.emu.deliver(sameMessageNewEvent);
    const concurrent = await Promise.all([1, 2, 3].map(() => s.emu.redeliver(first.envelope)));
    for (const d of [first.delivery, again.delivery, third.delivery, ...concurrent.map((c) => c.delivery)])
      expect(d?.status).toBe(200);
    await s.emu.waitForBotMessages(1, { chatId: first.chatId });
    await sleep(500);
    expect(s.emu.state.botMessages(first.chatId)).toHaveLength(1);
  });

  it("rejects a bad signature with 401 and enqueues nothing", async () => {
    const before = await s.jobCount();
    const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "融资担保费率？" });
    const r = await s.emu.deliver(envelope, "webhook", { badSignature: true });
    expect(r.delivery?.status).toBe(401);
    const unsigned = s.emu.seal(envelope);
    const r2 = await s.emu.postRaw(unsigned.body, { "content-type": "application/json" });
    expect(r2.status).toBe(401);
    expect(await s.jobCount()).toBe(before);
  });

  it("rejects a stale timestamp with 401", async () => {
    const { envelope } = s.emu.userMessage({ chatType: "p2p", text: "融资担保费率？" });
    const r = await s.emu.deliver(envelope, "webhook", { timestamp: Math.floor(Date.now() / 1000) - 8 * 3600 }); // past the ~7.2 h window
    expect(r.delivery?.status).toBe(401);
  });

  it("answers malformed bodies with 400 (not JSON, undecryptable, not an event)", async () => {
    const before = await s.jobCount();
    const notJson = s.emu.seal({});
    const bad = await s.emu.postRaw("{not json", signedHeaders(notJson.headers, "{not json"));
    expect(bad.status).toBe(400);
    const garbage = JSON.stringify({ encrypt: Buffer.from("x".repeat(40)).toString("base64") });
    expect((await s.emu.postRaw(garbage, signedHeaders(notJson.headers, garbage))).status).toBe(400);
    const noHeader = s.emu.seal({ schema: "2.0", event: {} });
    expect((await s.emu.postRaw(noHeader.body, noHeader.headers)).status).toBe(400);
    const badEvent = s.emu.seal(s.emu.envelope("im.message.receive_v1", { message: { chat_id: 1 } }));
    expect((await s.emu.postRaw(badEvent.body, badEvent.headers)).status).toBe(400);
    expect(await s.jobCount()).toBe(before);
  });

  it("answers the url_verification challenge, plain and encrypted", async () => {
    const plain = await s.emu.challenge("ch-plain", false);
    expect(plain.status).toBe(200);
    expect(plain.json).toEqual({ challenge: "ch-plain" });
    const enc = await s.emu.challenge("ch-enc", true);
    expect(enc.json).toEqual({ challenge: "ch-enc" });
  });

  it("ignores unknown event types with 200", async () => {
    const before = await s.jobCount();
    const env = s.emu.envelope("im.chat.member.bot.added_v1", { chat_id: "oc_x", operator_id: { open_id: "ou_x" } });
    const r = await s.emu.deliver(env);
    expect(r.delivery?.status).toBe(200);
    expect(await s.jobCount()).toBe(before);
  });

  it("a card click records feedback and updates the card (toast + raw card, update_multi kept)", async () => {
    const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "政府性融资担保的费率是多少？" });
    const [card] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
    const solved = cardButtons(card).find((b) => b.value.cmd === "feedback.solved")!;
    const click = await s.emu.clickButton({
      messageId: card.message_id,
      operatorOpenId: "ou_clicker",
      value: solved.value,
    });
    expect(click.delivery?.status).toBe(200);
    expect(click.delivery!.latencyMs).toBeLessThan(3000);
    expect(click.toast?.content).toBeTruthy();
    expect(click.cardError).toBeNull();
    expect(card.history.length).toBe(2);
    expect(cardButtons(card)).toHaveLength(0); // buttons removed once answered
    expect(shownContent(card).config?.update_multi).toBe(true);
    // the same click delivered again does nothing more
    expect(s.emu.state.botMessages(sent.chatId)).toHaveLength(1);
  });

  it("clarify candidates are buttons; picking one answers within that project", async () => {
    // The KB evolves; use whichever broad question it currently answers with a clarify card.
    const kb = await realKb();
    let question = "";
    for (const q of ["资金支持", "补贴", "政策支持", "奖补资金", "支持政策"]) {
      if ((await kb.answer(q)).action === "clarify") {
        question = q;
        break;
      }
    }
    expect(question, "no broad question gives a clarify answer").not.toBe("");
    const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: question });
    const [card] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
    const picks = cardButtons(card).filter((b) => b.value.cmd === "clarify.pick");
    expect(picks.length).toBeGreaterThan(1);
    const pick = picks[1];
    const click = await s.emu.clickButton({
      messageId: card.message_id,
      operatorOpenId: "ou_clicker",
      value: pick.value,
    });
    expect(click.delivery?.status).toBe(200);
    expect(click.cardError).toBeNull();
    expect(card.history.length).toBe(2);
    const label = pick.text.replace(/^\d+\.\s*/, "");
    expect(cardText(card)).toContain(label);
    expect(cardButtons(card).map((b) => b.value.cmd)).toContain("feedback.solved");
  });

  it("「没解决，转人工」 hands over: card updated, request recorded, the user is told what happens next", async () => {
    const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "企业信用修复找哪个部门？" });
    const [card] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
    const unsolved = cardButtons(card).find((b) => b.value.cmd === "feedback.unsolved")!;
    const click = await s.emu.clickButton({
      messageId: card.message_id,
      operatorOpenId: "ou_clicker",
      value: unsolved.value,
    });
    expect(click.delivery?.status).toBe(200);
    expect(click.toast?.content).toBeTruthy();
    const shown = [
      click.toast?.content,
      cardText(card),
      ...s.emu.state.botMessages(sent.chatId).slice(1).map(cardText),
    ].join("\n");
    expect(shown).toMatch(/人工|工作人员/);
    // a second delivery of the same click changes nothing
    const historyLen = card.history.length;
    const again = await s.emu.clickButton({
      messageId: card.message_id,
      operatorOpenId: "ou_clicker",
      value: unsolved.value,
    });
    expect(again.delivery?.status).toBe(200);
    await sleep(300);
    expect(card.history.length).toBeGreaterThanOrEqual(historyLen);
  });

  it("the message after a card click is queued: a failed send is retried and shown once", async () => {
    const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "技改项目奖补资金怎么兑付？" });
    const [card] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
    const unsolved = cardButtons(card).find((b) => b.value.cmd === "feedback.unsolved")!;
    s.emu.fail("create", "server_error", 1); // the first attempt at the follow-up message fails
    const click = await s.emu.clickButton({
      messageId: card.message_id,
      operatorOpenId: "ou_retry_clicker",
      value: unsolved.value,
    });
    expect(click.delivery?.status).toBe(200);
    const msgs = await s.emu.waitForBotMessages(2, { chatId: sent.chatId, timeoutMs: 10_000 });
    expect(cardText(msgs[1])).toMatch(/人工|工作人员/);
    await sleep(500);
    expect(s.emu.state.botMessages(sent.chatId)).toHaveLength(2);
  });

  it("a follow-up question uses the conversation context", async () => {
    const user = "ou_followup_user";
    const first = await s.emu.sendUserMessage({
      chatType: "p2p",
      userOpenId: user,
      text: "政府性融资担保业务规模目标是多少？",
    });
    await s.emu.waitForBotMessages(1, { chatId: first.chatId });
    await s.emu.sendUserMessage({ chatType: "p2p", userOpenId: user, text: "那费率呢？" });
    const msgs = await s.emu.waitForBotMessages(2, { chatId: first.chatId });
    const text = cardText(msgs[1]);
    expect(text).toContain("要素保强");
    expect(text).toMatch(/费率/);
  });

  it("oversized text gets a polite notice; non-text gets a short note", async () => {
    const long = await s.emu.sendUserMessage({ chatType: "p2p", text: "请问融资担保".repeat(3000) });
    const [notice] = await s.emu.waitForBotMessages(1, { chatId: long.chatId });
    expect(notice.msg_type).toBe("text");
    expect(shownContent(notice).text).toMatch(/超出|较长/);
    const img = await s.emu.sendUserMessage({ chatType: "p2p", messageType: "image" });
    const [note] = await s.emu.waitForBotMessages(1, { chatId: img.chatId });
    expect(shownContent(note).text).toMatch(/文字/);
  });

  it("/healthz reports ready", async () => {
    const r = await fetch(`http://127.0.0.1:${s.server.port}/healthz`);
    expect(r.status).toBe(200);
    const h = (await r.json()) as { channels: { feishu: { ok: boolean } } };
    expect(h.channels.feishu.ok).toBe(true);
  });
});

/** Re-signs `body` with the emulator's key, reusing timestamp/nonce from `headers`. */
function signedHeaders(headers: Record<string, string>, body: string): Record<string, string> {
  const ts = headers["x-lark-request-timestamp"];
  const nonce = headers["x-lark-request-nonce"];
  return { ...headers, "x-lark-signature": sig(ts, nonce, body) };
}
import { signBody } from "../emulators/feishu/envelope.js";
function sig(ts: string, nonce: string, body: string): string {
  return signBody(ts, nonce, s.emu.app.encryptKey, body);
}
