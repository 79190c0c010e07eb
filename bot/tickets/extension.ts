// Plugs the service desk into the server (bot/app.ts EXTENSIONS): tickets replace the default
// handoff, desk interceptors handle /工单, /我的工单, relays and ticket/survey buttons.
import type { ConversationExtension, ConversationExtensionFactory } from "../conversation/extension.js";
import type { Platform } from "../conversation/types.js";
import { RecordingHandoff, type HandoffRequest } from "../conversation/handoff.js";
import { RedisDedupeStore } from "../infra/dedupe-store.js";
import { ConfigError, dataDir } from "../../knowledge/infra/env.js";
import { childProcessPublisher } from "./knowledge-publish.js";
import { RedisRecentList } from "../infra/recent-list.js";
import { RedisRecordLog } from "../infra/record-log.js";
import { loadServerConfig } from "../infra/server-config.js";
import { createDesk, type Desk } from "./index.js";
import type { ConversationTurn } from "./service.js";

export const deskExtension: ConversationExtensionFactory = async (ctx) => {
  const server = loadServerConfig(ctx.env);
  // If the ticket database is down, 转人工 is still recorded durably in Redis (the default handoff).
  const fallbackHandoff = new RecordingHandoff(
    new RedisRecordLog<HandoffRequest>(ctx.redis, "handoff", ctx.keyPrefix),
    new RedisDedupeStore(ctx.redis, ctx.keyPrefix),
  );
  let desk;
  try {
    desk = await createDesk({
      env: ctx.env,
      senders: (platform) => ctx.senders.get(platform as Platform),
      redisUrl: server.REDIS_URL,
      prefix: `${ctx.keyPrefix}desk`,
      history: new RedisRecentList<ConversationTurn>(ctx.redis, "desk-history", ctx.keyPrefix),
      logger: ctx.logger,
      fallbackHandoff,
      publisher: childProcessPublisher({
        dataDir: dataDir(ctx.env),
        corpusDir: ctx.env.INGEST_CORPUS_DIR || undefined,
        env: ctx.env,
      }),
    });
  } catch (err) {
    if (err instanceof ConfigError) throw err; // a wrong setting must stop start-up
    // The Q&A keeps working without the desk; 转人工 falls back to the recorded default.
    ctx.logger.error(
      { err: (err as Error).message },
      "service desk unavailable (ticket database?); 转人工 is recorded without tickets",
    );
    return null;
  }
  const ext: DeskExtension = {
    name: "desk",
    desk,
    handoff: desk.handoff,
    interceptors: desk.interceptors,
    observer: desk.observer,
    start: () => desk.start(),
    stop: () => desk.close(),
  };
  return ext;
};

export interface DeskExtension extends ConversationExtension {
  name: "desk";
  desk: Desk;
}

/** The running desk among the app's extensions (null while starting or when the database is down). */
export function findDesk(extensions: readonly ConversationExtension[]): Desk | null {
  const ext = extensions.find((e): e is DeskExtension => e.name === "desk" && "desk" in e);
  return ext?.desk ?? null;
}
