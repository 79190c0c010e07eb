// Child process for the crash test: an inbound worker with the real Feishu sender and the real KB.
// The emulator is told to hang after showing the reply, so the parent can SIGKILL this process
// mid-job (after the send, before the job completes).
import { feishuChannel } from "../../bot/channels/feishu/index.js";
import type { ChannelDeps } from "../../bot/conversation/channel-module.js";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { startInboundWorker } from "../../bot/conversation/intake.js";
import { logger } from "../../knowledge/infra/logger.js";
import { createRedis, waitReady } from "../../bot/infra/redis.js";
import { openKnowledgeBase } from "../../knowledge/index.js";

const env = process.env;
const producer = createRedis(env.REDIS_URL, "producer");
await waitReady(producer);
const deps = createRedisConversationDeps({ kb: await openKnowledgeBase(), redis: producer, prefix: env.REDIS_PREFIX });
const unused = () => {
  throw new Error("not used by a worker-only process");
};
const channel = await feishuChannel.create(env, {
  intake: { accept: unused },
  outbound: { send: unused },
  handleCardAction: unused,
  dedupe: deps.dedupe,
  redis: producer,
  keyPrefix: env.REDIS_PREFIX!,
  logger,
} as ChannelDeps);
startInboundWorker({
  queueName: env.INBOUND_QUEUE!,
  connection: createRedis(env.REDIS_URL, "worker"),
  deps,
  senders: new Map([["feishu", channel.sender]]),
  lockDurationMs: 1000,
  stalledIntervalMs: 300,
});
process.send?.("ready");
