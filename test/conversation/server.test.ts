// bot/server.ts + bot/app.ts: /healthz, channel wiring through ChannelModule, no-channel start-up,
// Redis outage → 503, graceful shutdown. Real Redis, real KB; the channel is a minimal test module.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import type { ChannelFactory } from "../../bot/conversation/channel-module.js";
import type { InboundMessage } from "../../bot/conversation/types.js";
import type { HealthReport } from "../../bot/app.js";
import { startServer, type Server } from "../../bot/server.js";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";
import { RecordingSender } from "./recording-sender.js";

let kb: KnowledgeBase;
let server: Server | undefined;

beforeAll(async () => {
  kb = await openKnowledgeBase();
});
afterEach(async () => {
  if (server) {
    const { REDIS_PREFIX } = server.app.config;
    const redis = server.app.redis;
    await server.app.queue.obliterate({ force: true }).catch(() => undefined);
    const keys = await redis.keys(`${REDIS_PREFIX}*`).catch(() => []);
    if (keys.length) await redis.del(...keys);
    await server.close();
    server = undefined;
  }
});

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const id = `test-${randomUUID()}`;
  return { PORT: "0", HOST: "127.0.0.1", REDIS_PREFIX: `${id}:`, INBOUND_QUEUE: id, LOG_LEVEL: "silent", ...extra };
}

/** A minimal channel: POST /test/events {id, text} → intake; replies recorded like a platform would. */
function testChannel(sender: RecordingSender): ChannelFactory {
  return {
    name: "console",
    label: "测试渠道",
    requiredEnv: ["TEST_CHANNEL_TOKEN"],
    create: (_env, deps) => ({
      name: "console",
      sender,
      routes(app) {
        app.post<{ Body: { id: string; text: string } }>("/test/events", async (req, reply) => {
          const msg: InboundMessage = {
            platform: "console",
            tenant: "t",
            chatId: "c",
            chatType: "p2p",
            senderId: "u",
            messageId: req.body.id,
            messageType: "text",
            text: req.body.text,
            mentionedBot: false,
            receivedAt: Date.now(),
          };
          const outcome = await deps.intake.accept(msg, { eventId: `ev-${req.body.id}` });
          return reply.send({ outcome });
        });
      },
    }),
  };
}

describe("server", () => {
  it("starts with no channel configured, says what is missing, and is not ready (503) until a channel is", async () => {
    server = await startServer({
      env: env(),
      kb,
      channels: [testChannel(null as unknown as RecordingSender)],
      extensions: [],
    });
    await server.ready;
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as HealthReport;
    expect(body).toMatchObject({ ok: false, redis: true, index: { loaded: true }, worker: true, channels: {} });
    expect(body.queue).toMatchObject({ waiting: 0, active: 0 });
    expect(body.missing[0]).toContain("missing TEST_CHANNEL_TOKEN");
  });

  it("a configured channel's webhook goes through intake, queue and worker to its sender, once", async () => {
    const e = env({ TEST_CHANNEL_TOKEN: "x" });
    const probe = createRedis(undefined, "producer");
    await waitReady(probe);
    const sender = new RecordingSender(probe, `${e.REDIS_PREFIX}platform`);
    try {
      server = await startServer({ env: e, kb, channels: [testChannel(sender)], extensions: [] });
      await server.ready;
      const post = (id: string, text: string) =>
        fetch(`http://127.0.0.1:${server!.port}/test/events`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ id, text }),
        }).then((r) => r.json());
      expect(await post("m1", "融资担保费率是多少？")).toEqual({ outcome: "enqueued" });
      expect(await post("m1", "融资担保费率是多少？")).toEqual({ outcome: "duplicate" });
      const end = Date.now() + 10_000;
      while ((await sender.shown()).length < 1 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      const shown = await sender.shown();
      expect(shown).toHaveLength(1);
      expect(shown[0].key).toBe("console:m1:0");
      expect(shown[0].text).toContain("0.8%");
    } finally {
      const keys = await probe.keys(`${e.REDIS_PREFIX}*`);
      if (keys.length) await probe.del(...keys);
      await closeRedis(probe);
    }
  });

  it("reports 503 while Redis is unreachable", async () => {
    // full composition (default channels and extensions), Redis down: listening, but not ready
    server = await startServer({
      env: env({ REDIS_URL: "redis://127.0.0.1:1", WORKER_ENABLED: "false", SHUTDOWN_TIMEOUT_MS: "1000" }),
      kb,
    });
    const res = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, redis: false });
    await server.close();
    server = undefined;
  });
});
