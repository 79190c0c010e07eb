// The Feishu channel: webhook route or long connection in, SDK Client out.
//   createFeishuChannel(config, deps) → ChannelModule     feishuChannel → the entry for bot/app.ts
import type { IncomingHttpHeaders } from "node:http";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ChannelDeps, ChannelFactory, ChannelModule } from "../../conversation/channel-module.js";
import { FeishuApi, type RetryPolicy } from "./api.js";
import { loadFeishuConfig, type FeishuConfig } from "./config.js";
import { createEventRouter } from "./events.js";
import { createFeishuSender } from "./sender.js";
import { createWebhookHandler } from "./webhook.js";
import { createFeishuWsConnection } from "./ws-mode.js";

export { feishuConfigSchema, loadFeishuConfig, type FeishuConfig } from "./config.js";

export const FEISHU_EVENTS_PATH = "/feishu/events";
export const FEISHU_CARDS_PATH = "/feishu/cards";
/** Feishu events and card callbacks are a few KB; a larger body is refused (413) before any work. */
export const FEISHU_BODY_LIMIT_BYTES = 100 * 1024;

export interface FeishuChannelOptions {
  retry?: RetryPolicy;
  cardBudgetMs?: number;
}

export function createFeishuChannel(
  config: FeishuConfig,
  deps: ChannelDeps,
  opts: FeishuChannelOptions = {},
): ChannelModule {
  const log = deps.logger.child({ module: "feishu" });
  const api = new FeishuApi({
    appId: config.FEISHU_APP_ID,
    appSecret: config.FEISHU_APP_SECRET,
    domain: config.FEISHU_DOMAIN,
    logger: log,
    retry: opts.retry,
  });
  const sender = createFeishuSender(api);
  const router = createEventRouter({ api, deps, sender, logger: log, cardBudgetMs: opts.cardBudgetMs });
  const ws = config.FEISHU_MODE === "ws" ? createFeishuWsConnection(config, router, log) : null;
  const webhook = createWebhookHandler({ config, router, logger: log });
  if (!ws && !config.FEISHU_ENCRYPT_KEY) {
    log.warn(
      "⚠️  FEISHU_ALLOW_UNSIGNED=true: Feishu webhook events are NOT signed — anyone who learns the Verification Token can post events. " +
        "Set FEISHU_ENCRYPT_KEY (事件与回调 → 加密策略) for production.",
    );
  }

  const warmUp = () =>
    api.botOpenId().then(
      (id) => log.info({ botOpenId: id, mode: config.FEISHU_MODE }, "feishu bot identity loaded"),
      (err: Error) => log.warn({ err: err.message }, "feishu bot info unavailable; will retry on the first event"),
    );

  return {
    name: "feishu",
    sender,
    routes: ws
      ? undefined
      : (app: FastifyInstance) => {
          // The signature covers the exact bytes: keep the body as a string in this scope.
          app.removeAllContentTypeParsers();
          app.addContentTypeParser("*", { parseAs: "string", bodyLimit: FEISHU_BODY_LIMIT_BYTES }, (_req, body, done) =>
            done(null, body),
          );
          const route = async (req: { body: unknown; headers: IncomingHttpHeaders }, reply: FastifyReply) => {
            const res = await webhook({ rawBody: typeof req.body === "string" ? req.body : "", headers: req.headers });
            return reply.code(res.status).send(res.body);
          };
          app.post(FEISHU_EVENTS_PATH, { bodyLimit: FEISHU_BODY_LIMIT_BYTES }, route);
          app.post(FEISHU_CARDS_PATH, { bodyLimit: FEISHU_BODY_LIMIT_BYTES }, route);
        },
    async start() {
      await warmUp();
      await ws?.start();
    },
    async stop() {
      ws?.stop();
    },
    async health() {
      if (ws) return ws.health();
      return { ok: true, mode: "webhook" };
    },
  };
}

/** The entry for bot/app.ts CHANNELS. */
export const feishuChannel: ChannelFactory = {
  name: "feishu",
  label: "飞书 Feishu",
  requiredEnv: ["FEISHU_APP_ID", "FEISHU_APP_SECRET"],
  create: (env, deps) => createFeishuChannel(loadFeishuConfig(env), deps),
};
