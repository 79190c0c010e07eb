import type { FastifyInstance } from "fastify";
import { dataDir as dataDirOf } from "../../knowledge/infra/env.js";
import { closeRedis, createRedis, DEFAULT_REDIS_URL } from "../infra/redis.js";
import { ingestConfig } from "../../ingest/config.js";
import { adminIngestRoutes } from "./http-routes.js";
import { createIngestQueue } from "./queue.js";
import path from "node:path";

/** Adds POST /admin/ingest and GET /admin/ingest/:id to the bot's Fastify server (bot/server.ts). */
export async function registerAdminIngest(http: FastifyInstance, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const cfg = ingestConfig(env);
  const redis = createRedis(cfg.REDIS_URL ?? DEFAULT_REDIS_URL, "producer");
  const queue = createIngestQueue(redis, cfg.INGEST_QUEUE);
  http.addHook("onClose", async () => {
    await queue.close();
    await closeRedis(redis);
  });
  await http.register(adminIngestRoutes, {
    queue,
    token: cfg.ADMIN_TOKEN,
    uploadDir: path.join(dataDirOf(env), "uploads"),
    maxFileBytes: cfg.INGEST_MAX_FILE_MB * 1024 * 1024,
    allowedDir: cfg.INGEST_ALLOWED_DIR ? path.resolve(cfg.INGEST_ALLOWED_DIR) : undefined,
  });
}
