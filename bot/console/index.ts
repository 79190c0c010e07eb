// Puts the web console on the server (bot/server.ts): /console, unless CONSOLE_ENABLED=false.
import type { FastifyInstance } from "fastify";
import type { App } from "../app.js";
import { ingestConfig } from "../../ingest/config.js";
import { dataDir } from "../../knowledge/infra/env.js";
import type { Logger } from "../../knowledge/infra/logger.js";
import { closeRedis, createRedis } from "../infra/redis.js";
import { findDesk } from "../tickets/extension.js";
import { loadConsoleConfig } from "./config.js";
import { KnowledgeAdmin } from "./knowledge-admin.js";
import { consoleRoutes } from "./routes.js";

export async function registerConsole(
  http: FastifyInstance,
  app: App,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<boolean> {
  const config = loadConsoleConfig(env);
  if (!config.enabled) return false;
  const log = logger.child({ module: "console" });
  if (!config.feishu.appId || !config.feishu.appSecret)
    log.warn("web console: FEISHU_APP_ID / FEISHU_APP_SECRET are not set, nobody can log in");
  if (!config.secureCookies)
    log.warn(
      { baseUrl: config.baseUrl },
      "web console served over plain http: browsers drop its Secure session cookie; use https in CONSOLE_BASE_URL",
    );
  if (!env.CONSOLE_BASE_URL?.trim())
    log.warn({ baseUrl: config.baseUrl }, "CONSOLE_BASE_URL is not set: the Feishu login redirects to this default");
  const queueRedis = createRedis(app.config.REDIS_URL, "producer");
  const knowledge = new KnowledgeAdmin({
    dataDir: dataDir(env),
    redis: app.redis,
    queueRedis,
    queueName: ingestConfig(env).INGEST_QUEUE,
    prefix: app.config.REDIS_PREFIX,
  });
  http.addHook("onClose", async () => {
    await knowledge.close();
    await closeRedis(queueRedis);
  });
  await http.register(async (scope) =>
    consoleRoutes(scope, {
      config,
      desk: () => findDesk(app.extensions()),
      redis: app.redis,
      keyPrefix: app.config.REDIS_PREFIX,
      knowledge,
      maxUploadBytes: ingestConfig(env).INGEST_MAX_FILE_MB * 1024 * 1024,
      logger: log,
    }),
  );
  return true;
}
