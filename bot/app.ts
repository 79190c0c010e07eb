// Composition: config → Redis, stores, queue, KB, conversation deps, channels, worker.
// bot/server.ts puts it behind Fastify. Tests build it with `createApp({ env, kb, channels, extensions })`.
//
// Adding a channel = one entry in CHANNELS: a `ChannelFactory` exported by the channel folder,
//   export const feishuChannel: ChannelFactory = { name: "feishu", label: "飞书 Feishu",
//     requiredEnv: ["FEISHU_APP_ID", "FEISHU_APP_SECRET"],
//     create: (env, deps) => createFeishuChannel(loadFeishuConfig(env), deps) };  // → ChannelModule
// (ChannelModule / ChannelDeps: bot/conversation/channel-module.ts). Routes are registered in their
// own encapsulated Fastify scope; `start()` runs after the KB is loaded and the worker is up.
// Adding tickets = one entry in EXTENSIONS (a ConversationExtensionFactory, bot/conversation/extension.ts): its handoff
// replaces the default recording one, its interceptors run first (later extensions after earlier).
import type { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { ChannelDeps, ChannelFactory, ChannelModule } from "./conversation/channel-module.js";
import type {
  ConversationExtension,
  ConversationExtensionFactory,
  ExtensionContext,
} from "./conversation/extension.js";
import { loadConversationConfig } from "./conversation/config.js";
import { createRedisConversationDeps } from "./conversation/create-deps.js";
import type { ConversationDeps } from "./conversation/deps.js";
import {
  createQueueIntake,
  createQueueOutbound,
  startInboundWorker,
  type BotJobData,
  type Intake,
} from "./conversation/intake.js";
import { loadKnowledge } from "./conversation/kb-loader.js";
import { MSG } from "./conversation/messages.js";
import { handleCardAction } from "./conversation/pipeline.js";
import type { ChannelSender, Platform } from "./conversation/types.js";
import { RedisDedupeStore, type DedupeStore } from "./infra/dedupe-store.js";
import { loadEnv } from "../knowledge/infra/env.js";
import { logger as rootLogger } from "../knowledge/infra/logger.js";
import { closeWithDeadline, createQueue, queueDepth, redriveFailedJobs, replyJobOptions } from "./infra/queue.js";
import { warnIfRedisNotDurable } from "./infra/redis-durability.js";
import { closeRedis, createRedis, pingRedis, waitReady } from "./infra/redis.js";
import { loadServerConfig, type ServerConfig } from "./infra/server-config.js";
import { dingtalkChannel } from "./channels/dingtalk/index.js";
import { feishuChannel } from "./channels/feishu/index.js";
import { deskExtension } from "./tickets/extension.js";
import { ingestExtension } from "./admin/extension.js";
import { pushExtension } from "./push/extension.js";

/** Every channel the server knows. Channel helpers: add your factory here (one line each). */
export const CHANNELS: ChannelFactory[] = [feishuChannel, dingtalkChannel];

/** Add-ons (政策直达 first: its /订阅 commands must not be relayed to an open ticket; tickets, re-ingest). One line each. */
export const EXTENSIONS: ConversationExtensionFactory[] = [pushExtension, deskExtension, ingestExtension];

export interface AppOptions {
  env?: NodeJS.ProcessEnv;
  /** Defaults to the published index (built on first use) with LLM answers when configured (loaded in start()). */
  kb?: KnowledgeBase;
  /** Fast KB for card callbacks; defaults to `kb` when `kb` is given. */
  quickKb?: KnowledgeBase;
  channels?: ChannelFactory[];
  extensions?: ConversationExtensionFactory[];
}

export interface HealthReport {
  ok: boolean;
  redis: boolean;
  index: { loaded: boolean; version?: string; builtAt?: string; error?: string };
  queue?: { waiting: number; active: number; delayed: number; failed: number };
  worker: boolean;
  channels: Record<string, unknown>;
  missing: string[];
}

export interface App {
  config: ServerConfig;
  channels: ChannelModule[];
  /** Channels left out, with the reason (missing variables or a config error). */
  missing: string[];
  intake: Intake;
  queue: Queue<BotJobData>;
  dedupe: DedupeStore;
  redis: Redis;
  /** null until start() has loaded the knowledge base. */
  deps(): ConversationDeps | null;
  worker(): Worker<BotJobData> | null;
  /** Extensions started so far (empty until start() ran), e.g. the desk for the web console. */
  extensions(): readonly ConversationExtension[];
  /** Loads the KB, starts extensions, the worker and long-connection channels. */
  start(): Promise<void>;
  health(): Promise<HealthReport>;
  close(): Promise<void>;
}

export async function createApp(opts: AppOptions = {}): Promise<App> {
  const env = opts.env ?? loadEnv();
  const config = loadServerConfig(env);
  const convConfig = loadConversationConfig(env);
  const log = rootLogger.child({ module: "app" });
  const prefix = config.REDIS_PREFIX;

  const redis = createRedis(config.REDIS_URL, "stores");
  const queueConn = createRedis(config.REDIS_URL, "producer");
  const workerConn = config.WORKER_ENABLED ? createRedis(config.REDIS_URL, "worker") : undefined;
  // These connections fail fast by design, so wait for them once; if Redis is down the server
  // still starts (healthz 503, intake errors → platforms redeliver) and ioredis keeps reconnecting.
  await Promise.all([waitReady(redis, 5000, true), waitReady(queueConn, 5000, true)]).then(
    () => warnIfRedisNotDurable(queueConn, log),
    (err: Error) => log.error({ err: err.message }, "Redis unreachable at start-up"),
  );
  const queue = createQueue<BotJobData>(config.INBOUND_QUEUE, queueConn, replyJobOptions(config.REPLY_RETRY_HOURS));
  queue.on("error", (err) => log.warn({ err: err.message }, "inbound queue error"));
  const senders = new Map<Platform, ChannelSender>();
  let kb: KnowledgeBase | null = opts.kb ?? null;
  let quickKb: KnowledgeBase | undefined = opts.quickKb;
  let kbError: string | undefined;
  let conv: (ConversationDeps & { dedupe: DedupeStore }) | null = null;
  let worker: Worker<BotJobData> | null = null;
  let stopRedrive: (() => void) | undefined;
  const extensions: ConversationExtension[] = [];

  // Dedupe and intake do not need the KB, so webhooks are accepted (queued) while it loads.
  const dedupe = new RedisDedupeStore(redis, prefix, convConfig.DEDUPE_TTL_SEC);
  const intake = createQueueIntake({ dedupe, queue, dedupeTtlSec: convConfig.DEDUPE_TTL_SEC });
  const outbound = createQueueOutbound(queue);

  const channelDeps: ChannelDeps = {
    intake,
    outbound,
    handleCardAction: async (action) => {
      if (!conv) return { toast: MSG.starting };
      return handleCardAction(action, conv);
    },
    dedupe,
    redis,
    keyPrefix: prefix,
    logger: rootLogger,
  };

  const channels: ChannelModule[] = [];
  const missing: string[] = [];
  for (const f of opts.channels ?? CHANNELS) {
    const absent = f.requiredEnv.filter((k) => !env[k]?.trim());
    if (absent.length) {
      missing.push(`${f.label}: not configured (missing ${absent.join(", ")})`);
      continue;
    }
    try {
      const ch = await f.create(env, channelDeps);
      channels.push(ch);
      senders.set(ch.name, ch.sender);
    } catch (err) {
      missing.push(`${f.label}: configuration error — ${(err as Error).message}`);
    }
  }
  if (channels.length === 0) {
    log.warn(
      { missing },
      "no chat channel configured: the server runs, but no platform can reach it — see .env.example",
    );
  }
  for (const m of missing) log.warn(m);

  async function start(): Promise<void> {
    if (!kb) {
      try {
        ({ kb, quickKb } = await loadKnowledge(undefined, env));
      } catch (err) {
        kbError = (err as Error).message;
        log.error({ err: kbError }, "knowledge base failed to load; /healthz reports 503");
        throw err;
      }
    }
    const ctx: ExtensionContext = {
      env,
      redis,
      queueRedis: queueConn,
      keyPrefix: prefix,
      kb: () => kb,
      senders,
      logger: rootLogger,
    };
    for (const factory of opts.extensions ?? EXTENSIONS) {
      const ext = await factory(ctx);
      if (ext) extensions.push(ext);
    }
    const handoff = [...extensions].reverse().find((e) => e.handoff)?.handoff;
    const interceptors = extensions.flatMap((e) => e.interceptors ?? []);
    const observers = extensions.flatMap((e) => (e.observer ? [e.observer] : []));
    conv = createRedisConversationDeps({
      kb,
      quickKb,
      redis,
      prefix,
      config: convConfig,
      handoff,
      interceptors,
      observers,
    });
    for (const ext of extensions) await ext.start?.();
    if (workerConn) {
      worker = startInboundWorker({
        queueName: config.INBOUND_QUEUE,
        connection: workerConn,
        deps: conv,
        senders,
        concurrency: config.WORKER_CONCURRENCY,
      });
      stopRedrive = redriveFailedJobs(queue); // replies that failed every retry (a long outage) get another round
    }
    for (const ch of channels) await ch.start?.();
    log.info({ channels: channels.map((c) => c.name), worker: Boolean(worker), index: kb.info().version }, "ready");
  }

  async function health(): Promise<HealthReport> {
    const redisOk = await pingRedis(redis);
    const info = kb ? safeInfo(kb) : null;
    const queueInfo = redisOk ? await queueDepth(queue).catch(() => undefined) : undefined;
    const chans: Record<string, unknown> = {};
    let chansOk = true;
    for (const ch of channels) {
      const h = ch.health ? await ch.health().catch((e: Error) => ({ ok: false, error: e.message })) : { ok: true };
      chans[ch.name] = h;
      chansOk &&= h.ok;
    }
    const loaded = Boolean(info) && Boolean(conv);
    // No channel configured: running, but no platform can reach it — not ready (README → /healthz).
    return {
      ok: redisOk && loaded && chansOk && channels.length > 0,
      redis: redisOk,
      index: info ? { loaded, version: info.version, builtAt: info.builtAt } : { loaded: false, error: kbError },
      queue: queueInfo,
      worker: Boolean(worker),
      channels: chans,
      missing,
    };
  }

  async function close(): Promise<void> {
    stopRedrive?.();
    await closeWithDeadline(
      channels.map((c) => ({ close: async () => c.stop?.() })),
      config.SHUTDOWN_TIMEOUT_MS,
    );
    await closeWithDeadline([worker ?? undefined], config.SHUTDOWN_TIMEOUT_MS);
    await closeWithDeadline(
      extensions.map((e) => ({ close: async () => e.stop?.() })),
      config.SHUTDOWN_TIMEOUT_MS,
    );
    await closeWithDeadline([queue], 2000);
    await closeRedis(redis, queueConn, workerConn);
  }

  return {
    config,
    channels,
    missing,
    intake,
    queue,
    dedupe,
    redis,
    deps: () => conv,
    worker: () => worker,
    extensions: () => extensions,
    start,
    health,
    close,
  };
}

function safeInfo(kb: KnowledgeBase) {
  try {
    return kb.info();
  } catch {
    return null;
  }
}
