// Long-connection mode: the real SDK WSClient connects to the emulator's /callback/ws/endpoint and
// protobuf WebSocket; events and card callbacks feed the same intake and pipeline.
import { afterAll, beforeAll, expect, it } from "vitest";
import { cardButtons, cardText, realKb, sleep, startFeishuStack, type FeishuStack } from "./harness.js";

let s: FeishuStack;

beforeAll(async () => {
  s = await startFeishuStack({ kb: await realKb(), mode: "ws" });
  const deadline = Date.now() + 5000;
  while (s.emu.ws.connected < 1 && Date.now() < deadline) await sleep(20);
});
afterAll(async () => {
  await s?.close();
});

it("connects through /callback/ws/endpoint and reports healthy", async () => {
  expect(s.emu.ws.connected).toBe(1);
  const h = (await (await fetch(`http://127.0.0.1:${s.server.port}/healthz`)).json()) as {
    channels: { feishu: { ok: boolean; mode: string } };
  };
  expect(h.channels.feishu).toMatchObject({ ok: true, mode: "ws" });
  // no webhook route in ws mode
  expect((await fetch(`http://127.0.0.1:${s.server.port}/feishu/events`, { method: "POST", body: "{}" })).status).toBe(
    404,
  );
});

it("answers an event pushed over the long connection, acked with code 200; a re-push gives no second reply", async () => {
  const sent = await s.emu.sendUserMessage({
    chatType: "group",
    text: "企业信用修复找哪个部门？",
    mentionBot: true,
    via: "ws",
  });
  expect(sent.ack?.code).toBe(200);
  const [reply] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
  expect(reply.parent_id).toBe(sent.messageId);
  expect(cardText(reply)).toContain("市市场监管局");
  const again = await s.emu.redeliver(sent.envelope, "ws");
  expect(again.ack?.code).toBe(200);
  await sleep(400);
  expect(s.emu.state.botMessages(sent.chatId)).toHaveLength(1);
});

it("reassembles an event split over several frames", async () => {
  const { envelope, chatId } = s.emu.userMessage({ chatType: "p2p", text: "政府性融资担保的费率是多少？" });
  const ack = await s.emu.ws.push(envelope, 3);
  expect(ack.code).toBe(200);
  const [reply] = await s.emu.waitForBotMessages(1, { chatId });
  expect(cardText(reply)).toContain("要素保强");
});

it("handles a card callback over the long connection: the ack carries toast and card", async () => {
  const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "政府性融资担保的费率是多少？", via: "ws" });
  const [card] = await s.emu.waitForBotMessages(1, { chatId: sent.chatId });
  const solved = cardButtons(card).find((b) => b.value.cmd === "feedback.solved")!;
  const click = await s.emu.clickButton({
    messageId: card.message_id,
    operatorOpenId: "ou_ws_clicker",
    value: solved.value,
    via: "ws",
  });
  expect(click.toast?.content).toBeTruthy();
  expect(click.cardError).toBeNull();
  expect(card.history).toHaveLength(2);
  expect(cardButtons(card)).toHaveLength(0);
});
