// Receiving edge cases without a server: Redis/queue outage never loses a message (HTTP 503 so
// DingTalk retries; Stream frame left unacked so the gateway redelivers), config errors name the
// variable, and the app wires the channel from env.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApp } from "../../bot/app.js";
import { loadDingtalkConfig } from "../../bot/channels/dingtalk/config.js";
import { createCallbackHandler } from "../../bot/channels/dingtalk/http.js";
import { computeSign } from "../../bot/channels/dingtalk/sign.js";
import { handleRobotFrame } from "../../bot/channels/dingtalk/stream.js";
import type { Intake } from "../../bot/conversation/intake.js";
import type { InboundMessage } from "../../bot/conversation/types.js";
import { logger } from "../../knowledge/infra/logger.js";
import { waitReady } from "../../bot/infra/redis.js";

const SECRET = "unit-secret";
const origin = { webhookHosts: ["http://127.0.0.1:9"], robotCode: "robotU" };
const body = {
  msgtype: "text",
  text: { content: "融资担保费率" },
  msgId: "msgU1",
  conversationType: "1",
  conversationId: "cidU==",
  senderStaffId: "staffU",
  senderCorpId: "corpU",
  sessionWebhook: "http://127.0.0.1:9/robot/sendBySession?session=x",
  sessionWebhookExpiredTime: Date.now() + 3600_000,
};

function recordingIntake(fail = false): Intake & { seen: InboundMessage[] } {
  const seen: InboundMessage[] = [];
  return {
    seen,
    async accept(msg) {
      if (fail) throw new Error("Stream isn't writeable and enableOfflineQueue options is false");
      seen.push(msg);
      return "enqueued";
    },
  };
}

function signed(rawBody: string, ts = Date.now()) {
  return { timestamp: String(ts), sign: computeSign(String(ts), SECRET), rawBody };
}

describe("DingTalk receiving under failure", () => {
  it("answers 503 (DingTalk retries later) when the intake cannot reach Redis", async () => {
    const handle = createCallbackHandler({ appSecret: SECRET, origin, intake: recordingIntake(true), logger });
    const res = await handle(signed(JSON.stringify(body)));
    expect(res).toMatchObject({ status: 503, outcome: "unavailable" });
    const ok = recordingIntake();
    const res2 = await createCallbackHandler({ appSecret: SECRET, origin, intake: ok, logger })(
      signed(JSON.stringify(body)),
    );
    expect(res2).toMatchObject({ status: 200, outcome: "enqueued" });
    expect(ok.seen.map((m) => m.messageId)).toEqual(["msgU1"]);
  });

  it("leaves a Stream frame unacked when the intake fails, acks otherwise", async () => {
    expect(
      await handleRobotFrame(JSON.stringify(body), "f1", { intake: recordingIntake(true), origin, logger }),
    ).toEqual({ outcome: "unavailable", ack: false });
    expect(await handleRobotFrame(JSON.stringify(body), "f1", { intake: recordingIntake(), origin, logger })).toEqual({
      outcome: "enqueued",
      ack: true,
    });
    expect(await handleRobotFrame("{oops", "f2", { intake: recordingIntake(), origin, logger })).toEqual({
      outcome: "malformed",
      ack: true,
    });
  });

  it("checks the signature before looking at the body", async () => {
    const handle = createCallbackHandler({ appSecret: SECRET, origin, intake: recordingIntake(), logger });
    expect((await handle({ ...signed("{not json"), sign: "AAAA" })).status).toBe(401);
    expect((await handle(signed("{not json"))).status).toBe(400);
  });
});

describe("DingTalk configuration", () => {
  it("names each bad variable and how to fix it", () => {
    expect(() =>
      loadDingtalkConfig({ DINGTALK_APP_KEY: "k", DINGTALK_MODE: "websocket", DINGTALK_API_BASE: "api.dingtalk.com" }),
    ).toThrow(
      /DINGTALK_APP_SECRET: is required[\s\S]*DINGTALK_MODE: must be "http" or "stream"[\s\S]*DINGTALK_API_BASE: must be a URL/,
    );
    expect(
      loadDingtalkConfig({
        DINGTALK_APP_KEY: "k",
        DINGTALK_APP_SECRET: "s",
        DINGTALK_MODE: "",
        DINGTALK_ROBOT_CODE: " ",
      }),
    ).toEqual({
      appKey: "k",
      appSecret: "s",
      robotCode: "k",
      mode: "http",
      apiBase: "https://api.dingtalk.com",
      webhookHosts: ["oapi.dingtalk.com", "api.dingtalk.com"],
    });
  });

  it("is enabled by bot/app.ts's channel list when DINGTALK_APP_KEY and DINGTALK_APP_SECRET are set", async () => {
    const id = randomUUID();
    const env = {
      REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
      REDIS_PREFIX: `test-${id}:`,
      INBOUND_QUEUE: `test-${id}`,
      WORKER_ENABLED: "false",
      DINGTALK_APP_KEY: "k",
      DINGTALK_APP_SECRET: "s",
    };
    const app = await createApp({
      env,
      kb: {
        answer: async () => {
          throw new Error("unused");
        },
        info: () => ({ version: "t", builtAt: "", documents: 0, passages: 0 }),
      },
    });
    try {
      await waitReady(app.redis);
      expect(app.channels.map((c) => c.name)).toContain("dingtalk");
      expect(await app.channels.find((c) => c.name === "dingtalk")!.health!()).toEqual({ ok: true, mode: "http" });
    } finally {
      await app.queue.obliterate({ force: true });
      await app.close();
    }
  });
});
