// DingTalk channel: enterprise internal robot, HTTP callbacks or Stream mode (DINGTALK_MODE),
// replies through the sessionWebhook with the robot OpenAPI as fallback.
//   config.ts  zod schema of DINGTALK_*          sign.ts    callback timestamp + sign check
//   decode.ts  callback → InboundMessage          encode.ts  Reply → markdown / actionCard / OpenAPI msgKey
//   http.ts    POST /dingtalk/events              stream.ts  dingtalk-stream DWClient (TOPIC_ROBOT)
//   api.ts     sessionWebhook, token, robot sends sender.ts  ChannelSender (idempotent, with fallback)
import type { ChannelDeps, ChannelFactory, ChannelModule } from "../../conversation/channel-module.js";
import { MemoryKvStore, RedisKvStore, type KvStore } from "../../infra/kv-store.js";
import { DingtalkOpenApi, type FetchFn } from "./api.js";
import { loadDingtalkConfig, type DingtalkChannelConfig } from "./config.js";
import { createCallbackHandler, registerCallbackRoute } from "./http.js";
import { createDingtalkSender, type ChatRoute, type SentMark } from "./sender.js";
import { createStreamReceiver, type StreamDeps } from "./stream.js";

export { loadDingtalkConfig, type DingtalkChannelConfig } from "./config.js";

export interface DingtalkChannelOptions {
  fetchFn?: FetchFn;
  now?: () => number;
  onFrame?: StreamDeps["onFrame"];
}

export function createDingtalkChannel(
  config: DingtalkChannelConfig,
  deps: ChannelDeps,
  opts: DingtalkChannelOptions = {},
): ChannelModule {
  const logger = deps.logger.child({ module: "dingtalk" });
  const api = new DingtalkOpenApi(config, opts.fetchFn, opts.now);
  const sent: KvStore<SentMark> = deps.redis
    ? new RedisKvStore<SentMark>(deps.redis, "dingtalk:sent", deps.keyPrefix)
    : new MemoryKvStore<SentMark>();
  const chats: KvStore<ChatRoute> = deps.redis
    ? new RedisKvStore<ChatRoute>(deps.redis, "dingtalk:chat", deps.keyPrefix)
    : new MemoryKvStore<ChatRoute>();
  const origin = { webhookHosts: config.webhookHosts, robotCode: config.robotCode, corpId: config.corpId };
  const sender = createDingtalkSender({
    api,
    sent,
    chats,
    logger,
    fetchFn: opts.fetchFn,
    now: opts.now,
    webhookHosts: config.webhookHosts,
  });

  if (config.mode === "stream") {
    const stream = createStreamReceiver(config, {
      intake: deps.intake,
      origin,
      logger,
      now: opts.now,
      onFrame: opts.onFrame,
    });
    return {
      name: "dingtalk",
      sender,
      start: () => stream.start(),
      stop: () => stream.stop(),
      health: async () => ({ ok: stream.connected(), mode: "stream", connected: stream.connected() }),
    };
  }
  const handle = createCallbackHandler({
    appSecret: config.appSecret,
    origin,
    intake: deps.intake,
    logger,
    now: opts.now,
  });
  return {
    name: "dingtalk",
    sender,
    routes: (app) => registerCallbackRoute(app, handle),
    health: async () => ({ ok: true, mode: "http" }),
  };
}

/** The entry for bot/app.ts's channel list. */
export const dingtalkChannel: ChannelFactory = {
  name: "dingtalk",
  label: "钉钉 DingTalk",
  requiredEnv: ["DINGTALK_APP_KEY", "DINGTALK_APP_SECRET"],
  create: (env, deps) => createDingtalkChannel(loadDingtalkConfig(env), deps),
};
