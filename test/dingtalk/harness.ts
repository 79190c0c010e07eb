// One bot server (Fastify + intake + BullMQ worker, real Redis) wired to the DingTalk emulator.
// Each harness uses its own Redis key prefix and queue name and removes them on close.
import { randomUUID } from "node:crypto";
import { dingtalkChannel } from "../../bot/channels/dingtalk/index.js";
import { waitReady } from "../../bot/infra/redis.js";
import { startServer, type Server } from "../../bot/server.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import type { ConversationExtensionFactory } from "../../bot/conversation/extension.js";
import {
  startDingtalkEmulator,
  type DingtalkEmulator,
  type DingtalkEmulatorOptions,
} from "../emulators/dingtalk/emulator.js";

export interface Harness {
  emu: DingtalkEmulator;
  server: Server;
  url: string; // the bot's base URL
  prefix: string;
  /** POSTs a body to /dingtalk/events with the given (or correctly signed) headers. */
  post(body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: unknown; ms: number }>;
  close(): Promise<void>;
}

export async function startHarness(opts: {
  kb: KnowledgeBase;
  mode?: "http" | "stream";
  emulator?: DingtalkEmulatorOptions;
  /** An emulator already started by the test (closed by the harness). */
  emu?: DingtalkEmulator;
  env?: Record<string, string>;
  /** Add-ons (default none). */
  extensions?: ConversationExtensionFactory[];
}): Promise<Harness> {
  const emu = opts.emu ?? (await startDingtalkEmulator(opts.emulator));
  const id = randomUUID();
  const prefix = `test-${id}:`;
  const env: NodeJS.ProcessEnv = {
    PORT: "0",
    HOST: "127.0.0.1",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: prefix,
    INBOUND_QUEUE: `test-${id}`,
    WORKER_ENABLED: "true",
    SHUTDOWN_TIMEOUT_MS: "3000",
    DINGTALK_APP_KEY: emu.app.appKey,
    DINGTALK_APP_SECRET: emu.app.appSecret,
    DINGTALK_ROBOT_CODE: emu.app.robotCode,
    DINGTALK_WEBHOOK_HOSTS: emu.baseUrl, // the emulator's sessionWebhooks (http on loopback)
    DINGTALK_MODE: opts.mode ?? "http",
    DINGTALK_API_BASE: emu.baseUrl,
    ...opts.env,
  };
  const server = await startServer({
    env,
    kb: opts.kb,
    channels: [dingtalkChannel],
    extensions: opts.extensions ?? [],
  });
  // startServer does not wait for the producer connection; the first callback would get a 503.
  await waitReady(server.app.redis, 5000);
  const url = `http://127.0.0.1:${server.port}`;

  return {
    emu,
    server,
    url,
    prefix,
    async post(body, headers) {
      const t = performance.now();
      const res = await fetch(`${url}/dingtalk/events`, {
        method: "POST",
        headers: headers ?? emu.signedHeaders(),
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      const text = await res.text();
      const ms = performance.now() - t;
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed, ms };
    },
    async close() {
      const { redis, queue } = server.app;
      await queue.obliterate({ force: true }).catch(() => undefined);
      let cursor = "0";
      do {
        const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
        if (keys.length) await redis.del(...keys);
        cursor = next;
      } while (cursor !== "0");
      await server.close();
      await emu.close();
    },
  };
}

/** Polls `check` until true (real delays; no fake timers with Redis). */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 8000,
  what = "condition",
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
