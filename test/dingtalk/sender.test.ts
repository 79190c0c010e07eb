// The DingTalk ChannelSender against the emulator: idempotency keys (Redis marks), token caching and
// refresh after 401, OpenAPI errors surfaced as typed, retry-classified ChannelErrors.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DingtalkApiError, DingtalkOpenApi } from "../../bot/channels/dingtalk/api.js";
import { decodeForTest } from "./sender-fixtures.js";
import { createDingtalkSender, type ChatRoute, type SentMark } from "../../bot/channels/dingtalk/sender.js";
import { RedisKvStore } from "../../bot/infra/kv-store.js";
import { logger } from "../../knowledge/infra/logger.js";
import { closeRedis, createRedis, waitReady, type Redis } from "../../bot/infra/redis.js";
import { startDingtalkEmulator, type DingtalkEmulator } from "../emulators/dingtalk/emulator.js";

let emu: DingtalkEmulator;
let redis: Redis;
let prefix: string;

beforeEach(async () => {
  emu = await startDingtalkEmulator();
  redis = createRedis(process.env.REDIS_URL, "producer");
  await waitReady(redis);
  prefix = `test-${randomUUID()}:`;
});

afterEach(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await closeRedis(redis);
  await emu.close();
});

function setup() {
  const api = new DingtalkOpenApi({ ...emu.app, apiBase: emu.baseUrl });
  const sent = new RedisKvStore<SentMark>(redis, "dingtalk:sent", prefix);
  const chats = new RedisKvStore<ChatRoute>(redis, "dingtalk:chat", prefix);
  return { api, sender: createDingtalkSender({ api, sent, chats, logger, webhookHosts: [emu.baseUrl] }) };
}

const reply = { kind: "text" as const, text: "您好，这是答复。" };

describe("DingTalk sender", () => {
  it("shows a reply once per idempotency key, even when the job is retried", async () => {
    const { sender } = setup();
    const msg = decodeForTest(emu.callback({ conversationType: "1", text: "q" }));
    await sender.reply(msg, reply, "dingtalk:m1:0");
    await sender.reply(msg, reply, "dingtalk:m1:0");
    await sender.reply(msg, reply, "dingtalk:m1:1");
    expect(emu.state.shown.map((m) => m.text)).toEqual([reply.text, reply.text]);
  });

  it("sends later messages (ticket updates) to a single chat through batchSend and to a group through groupMessages/send", async () => {
    const { sender } = setup();
    const p2p = decodeForTest(emu.callback({ conversationType: "1", text: "q", staffId: "staff-p" }));
    const group = decodeForTest(
      emu.callback({ conversationType: "2", text: "q", staffId: "staff-g", conversationId: "cidG2==" }),
    );
    await sender.reply(p2p, reply, "r1");
    await sender.reply(group, reply, "r2");
    await sender.sendToChat(p2p.chatId, { kind: "text", text: "工单已受理" }, "t1");
    await sender.sendToChat(group.chatId, { kind: "text", text: "工单已受理" }, "t2");
    const later = emu.state.shown.slice(2);
    expect(later.map((m) => [m.via, m.staffIds ?? m.conversationId])).toEqual([
      ["batchSend", ["staff-p"]],
      ["groupSend", "cidG2=="],
    ]);
  });

  it("caches the access token and fetches a new one after a 401", async () => {
    const { sender } = setup();
    await sender.sendToUser("staff1", reply, "k1");
    await sender.sendToChat("cidG==", reply, "k2");
    expect(emu.state.requests.filter((r) => r.api === "token")).toHaveLength(1);
    emu.state.tokens.clear(); // revoked on DingTalk's side
    await sender.sendToUser("staff1", reply, "k3");
    expect(emu.state.requests.filter((r) => r.api === "token")).toHaveLength(2);
    expect(emu.state.shown.map((m) => m.via)).toEqual(["batchSend", "groupSend", "batchSend"]);
  });

  it("classifies OpenAPI failures: 5xx/429 retryable, 400 not; nothing is marked as sent", async () => {
    const { sender } = setup();
    const msg = decodeForTest(emu.callback({ conversationType: "1", text: "q", webhookTtlMs: -1 }));
    emu.state.failures.push({ api: "batchSend", times: 1, status: 500, code: "ServiceUnavailable", message: "busy" });
    const e1 = await sender.reply(msg, reply, "k-a").catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DingtalkApiError);
    expect((e1 as DingtalkApiError).retryable).toBe(true);
    emu.state.failures.push({ api: "batchSend", times: 1, status: 400, code: "InvalidParameter", message: "bad" });
    const e2 = await sender.reply(msg, reply, "k-a").catch((e: unknown) => e);
    expect((e2 as DingtalkApiError).retryable).toBe(false);
    await sender.reply(msg, reply, "k-a");
    expect(emu.state.shown).toHaveLength(1);
  });

  it("throws a retryable error on a rate-limit errcode and a non-retryable one when no route is left", async () => {
    const { sender } = setup();
    const msg = decodeForTest(emu.callback({ conversationType: "1", text: "q" }));
    emu.state.failures.push({ api: "webhook", times: 1, errcode: 130101, errmsg: "send too fast" });
    const e = await sender.reply(msg, reply, "k-r").catch((err: unknown) => err);
    expect((e as DingtalkApiError).detail).toMatchObject({ errcode: 130101, rateLimited: true });
    expect((e as DingtalkApiError).retryable).toBe(true);
    const anon = decodeForTest({
      ...emu.callback({ conversationType: "1", text: "q", webhookTtlMs: -1 }),
      senderStaffId: undefined,
    });
    const e2 = await sender.reply(anon, reply, "k-x").catch((err: unknown) => err);
    expect((e2 as DingtalkApiError).code).toBe("DINGTALK_NO_STAFF_ID");
    expect((e2 as DingtalkApiError).retryable).toBe(false);
  });

  it("reports a wrong AppSecret as a token error", async () => {
    const api = new DingtalkOpenApi({ ...emu.app, appSecret: "wrong", apiBase: emu.baseUrl });
    await expect(api.accessToken()).rejects.toMatchObject({ code: "DINGTALK_TOKEN", retryable: false });
  });
});
