// Plugs re-ingest into the bot (bot/app.ts EXTENSIONS): the /reingest interceptor, the ingest
// worker (its replies go back through the channel the admin wrote from), and hot reload of the
// app's knowledge base when it was not opened by openPublishedKnowledgeBase (which reloads itself).
import type { Worker } from "bullmq";
import type { ConversationExtensionFactory } from "../conversation/extension.js";
import { dataDir as dataDirOf, DEFAULT_CORPUS_DIR } from "../../knowledge/infra/env.js";
import { closeRedis, createRedis, DEFAULT_REDIS_URL, type Redis } from "../infra/redis.js";
import { loadIndex } from "../../knowledge/index-store.js";
import { KnowledgeService } from "../../knowledge/knowledge-base.js";
import { ingestConfig } from "../../ingest/config.js";
import { isSelfReloading } from "../../ingest/live-knowledge-base.js";
import { type HotReloader, watchPublishedIndex } from "../../ingest/reload.js";
import { createIngestQueue, type ReingestJobData, type ReingestJobResult, startIngestWorker } from "./queue.js";
import { createReingestInterceptor } from "./reingest-command.js";
import { parseDeskConfig } from "../tickets/config.js";
import { describeAllowlist, parseAllowlist } from "../tickets/identity.js";

export const ingestExtension: ConversationExtensionFactory = async (ctx) => {
  const cfg = ingestConfig(ctx.env);
  const redisUrl = cfg.REDIS_URL ?? DEFAULT_REDIS_URL;
  const dataDir = dataDirOf(ctx.env);
  const queue = createIngestQueue(ctx.queueRedis, cfg.INGEST_QUEUE);
  const log = ctx.logger.child({ module: "ingest-extension" });
  const admins = parseAllowlist(cfg.ADMIN_OPEN_IDS, parseDeskConfig(ctx.env).deskPlatform);
  let workerConn: Redis | undefined;
  let worker: Worker<ReingestJobData, ReingestJobResult> | undefined;
  let reloader: HotReloader | undefined;
  return {
    name: "ingest",
    interceptors: [createReingestInterceptor({ queue, admins })],
    async start() {
      if (cfg.INGEST_WORKER_ENABLED) {
        workerConn = createRedis(redisUrl, "worker");
        worker = startIngestWorker(
          cfg.INGEST_QUEUE,
          workerConn,
          dataDir,
          {
            notify: async (data, text, key) => {
              const msg = data.message;
              const sender = msg ? ctx.senders.get(msg.platform) : undefined;
              if (msg && sender) await sender.reply(msg, { kind: "text", text }, key);
            },
          },
          { corpusDir: ctx.env.INGEST_CORPUS_DIR || DEFAULT_CORPUS_DIR },
        );
      }
      const kb = ctx.kb();
      if (kb instanceof KnowledgeService && !isSelfReloading(kb)) {
        reloader = await watchPublishedIndex({
          dataDir,
          initialVersion: kb.info().version,
          redisUrl,
          channel: cfg.INDEX_CHANNEL,
          load: (dir) => loadIndex(dir),
          swap: (index) => kb.swap(index),
        });
        await reloader.check(); // serve the published version if it differs from what was loaded
      }
      log.info(
        { admins: describeAllowlist(admins), worker: Boolean(worker), hotReload: Boolean(reloader) },
        "ingest extension started",
      );
    },
    async stop() {
      await reloader?.close();
      await worker?.close();
      await queue.close();
      await closeRedis(workerConn);
    },
  };
};
