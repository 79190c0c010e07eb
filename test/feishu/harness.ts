// One Feishu stack for integration tests: the emulator, the real server (Fastify + intake +
// BullMQ worker + the Feishu channel using the real SDK), real Redis, and the real knowledge base.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { feishuChannel } from "../../bot/channels/feishu/index.js";
import { startServer, type Server } from "../../bot/server.js";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";
import { startFeishuEmulator, type EmulatorOptions, type FeishuEmulator } from "../emulators/feishu/emulator.js";
import { deleteKeysMatching } from "../support/redis-keys.js";

let kbPromise: Promise<KnowledgeBase> | null = null;
/** The real knowledge base, built once per test file. */
export function realKb(): Promise<KnowledgeBase> {
  return (kbPromise ??= openKnowledgeBase());
}

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export interface FeishuStack {
  emu: FeishuEmulator;
  server: Server;
  env: Record<string, string>;
  prefix: string;
  queueName: string;
  /** Jobs in the inbound queue, any state. */
  jobCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startFeishuStack(
  o: { kb?: KnowledgeBase; mode?: "webhook" | "ws"; emulator?: EmulatorOptions; env?: Record<string, string> } = {},
): Promise<FeishuStack> {
  const emu = await startFeishuEmulator({ appId: `cli_${randomUUID().replace(/-/g, "").slice(0, 16)}`, ...o.emulator });
  const id = randomUUID();
  const prefix = `test-${id}:`;
  const queueName = `test-${id}`;
  const env: Record<string, string> = {
    PORT: "0",
    HOST: "127.0.0.1",
    REDIS_URL,
    REDIS_PREFIX: prefix,
    INBOUND_QUEUE: queueName,
    WORKER_ENABLED: "true",
    FEISHU_APP_ID: emu.app.appId,
    FEISHU_APP_SECRET: emu.app.appSecret,
    FEISHU_ENCRYPT_KEY: emu.app.encryptKey,
    FEISHU_VERIFICATION_TOKEN: emu.app.verificationToken,
    FEISHU_MODE: o.mode ?? "webhook",
    FEISHU_DOMAIN: emu.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    DATA_DIR: mkdtempSync(join(tmpdir(), "feishu-test-")),
    // Keep other add-ons (re-ingest) off shared queues/channels.
    INGEST_WORKER_ENABLED: "false",
    INGEST_QUEUE: `${queueName}-ingest`,
    INDEX_CHANNEL: `${prefix}index-published`,
    ...o.env,
  };
  const server = await startServer({ env, kb: o.kb ?? (await realKb()), channels: [feishuChannel] });
  emu.setWebhook(`http://127.0.0.1:${server.port}/feishu/events`);
  return {
    emu,
    server,
    env,
    prefix,
    queueName,
    async jobCount() {
      const c = await server.app.queue.getJobCounts();
      return Object.values(c).reduce((a, b) => a + b, 0);
    },
    async close() {
      await server.app.queue.obliterate({ force: true }).catch(() => undefined);
      await server.close();
      await emu.close();
      const r = createRedis(REDIS_URL, "producer");
      await waitReady(r);
      await deleteKeysMatching(r, [`${prefix}*`, `bull:${queueName}:*`, `bull:${queueName}-ingest:*`]);
      await closeRedis(r);
      rmSync(env.DATA_DIR, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Parsed card JSON (or text) of a shown message. */
export function shownContent(m: { content: string }): {
  text?: string;
  config?: { update_multi?: boolean };
  header?: { title?: { content?: string } };
  elements?: unknown[];
} {
  return JSON.parse(m.content) as ReturnType<typeof shownContent>;
}

/** Every string inside a card, joined — for "the card mentions X" assertions. */
export function cardText(m: { content: string }): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(JSON.parse(m.content));
  return out.join("\n");
}

/** Buttons (text + value) of a card: v1 action rows, or JSON 2.0 column_set buttons with a callback behaviour (not form submits). */
export function cardButtons(m: { content: string }): { text: string; value: Record<string, unknown> }[] {
  type V2Button = {
    tag: string;
    text?: { content: string };
    behaviors?: { type: string; value: Record<string, unknown> }[];
    columns?: { elements?: V2Button[] }[];
  };
  const card = JSON.parse(m.content) as {
    elements?: { tag: string; actions?: { text: { content: string }; value: Record<string, unknown> }[] }[];
    body?: { elements?: V2Button[] };
  };
  const v1 = (card.elements ?? [])
    .filter((e) => e.tag === "action")
    .flatMap((e) => (e.actions ?? []).map((a) => ({ text: a.text.content, value: a.value })));
  const v2 = (card.body?.elements ?? [])
    .filter((e) => e.tag === "column_set")
    .flatMap((e) => (e.columns ?? []).flatMap((c) => c.elements ?? []))
    .flatMap((b) =>
      b.tag === "button" && b.behaviors?.[0] ? [{ text: b.text?.content ?? "", value: b.behaviors[0].value }] : [],
    );
  return [...v1, ...v2];
}
