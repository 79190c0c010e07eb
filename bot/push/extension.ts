// Plugs 政策直达 into the server (bot/app.ts EXTENSIONS): the /订阅 … interceptor and card buttons,
// planning when a publish is announced (and on a timer, for publishes nobody announced), and the
// delivery queue workers.
import type { ConversationExtensionFactory } from "../conversation/extension.js";
import type { InboundMessage, Platform } from "../conversation/types.js";
import { ConfigError, dataDir as dataDirOf } from "../../knowledge/infra/env.js";
import { ingestConfig } from "../../ingest/config.js";
import { closeRedis, createRedis, type Redis } from "../infra/redis.js";
import { loadServerConfig } from "../infra/server-config.js";
import { parseDeskConfig } from "../tickets/config.js";
import { isListed, parseAllowlist } from "../tickets/identity.js";
import { openDeskDb } from "../tickets/db.js";
import { migrateToLatest } from "../tickets/migrations.js";
import { createPushInterceptor } from "./commands.js";
import { parsePushConfig } from "./config.js";
import { createPush } from "./index.js";

const PLAN_POLL_MS = 60_000;

export const pushExtension: ConversationExtensionFactory = async (ctx) => {
  const server = loadServerConfig(ctx.env);
  const desk = parseDeskConfig(ctx.env);
  const config = parsePushConfig(ctx.env);
  const channel = ingestConfig(ctx.env).INDEX_CHANNEL;
  const log = ctx.logger.child({ module: "push-extension" });
  let opened;
  try {
    opened = openDeskDb(desk.databaseUrl);
    await migrateToLatest(opened.db);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    log.error({ err: (err as Error).message }, "政策直达 unavailable (desk database?)");
    return null;
  }
  const push = createPush({
    db: opened,
    desk,
    config,
    dataDir: dataDirOf(ctx.env),
    senders: (p) => ctx.senders.get(p as Platform),
    kb: ctx.kb,
    redisUrl: server.REDIS_URL,
    prefix: `${ctx.keyPrefix}push`,
    logger: ctx.logger,
  });
  const isGroupOwner = async (msg: Pick<InboundMessage, "platform" | "chatId" | "senderId" | "senderIsGroupAdmin">) => {
    if (msg.senderIsGroupAdmin) return true;
    const sender = ctx.senders.get(msg.platform);
    return sender?.isGroupOwner ? sender.isGroupOwner(msg.chatId, msg.senderId).catch(() => false) : false;
  };
  const admins = parseAllowlist(desk.adminIds, desk.deskPlatform);
  const interceptor = createPushInterceptor({
    service: push.service,
    isAdmin: (platform, id) => isListed(admins, { platform, id }),
    isGroupOwner,
  });
  let sub: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;
  const plan = () =>
    void push.planner.planPending().catch((err: Error) => log.warn({ err: err.message }, "push planning failed"));
  return {
    name: "push",
    interceptors: [interceptor],
    async start() {
      await push.delivery?.start();
      sub = createRedis(server.REDIS_URL, "worker");
      sub.on("message", (ch: string) => {
        if (ch === channel) plan();
      });
      await sub
        .subscribe(channel)
        .catch((err: Error) =>
          log.warn({ err: err.message }, "cannot subscribe to publish announcements; planning on a timer"),
        );
      timer = setInterval(plan, PLAN_POLL_MS);
      timer.unref();
      plan();
    },
    async stop() {
      if (timer) clearInterval(timer);
      await closeRedis(sub);
      await push.delivery?.close();
      await opened.close();
    },
  };
};
