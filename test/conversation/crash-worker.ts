// Child process for the crash test: a worker whose sender delivers reply 0 to the "platform" and
// then hangs (real knowledge base), so the parent can SIGKILL it mid-job (after the send, before the job completes).
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { startInboundWorker } from "../../bot/conversation/intake.js";
import { createRedis, waitReady } from "../../bot/infra/redis.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { RecordingSender } from "./recording-sender.js";

const queueName = process.env.CRASH_QUEUE!;
const prefix = process.env.CRASH_PREFIX!;
const producer = createRedis(process.env.REDIS_URL, "producer");
await waitReady(producer);
const sender = new RecordingSender(producer, `${prefix}platform`);
const orig = sender.reply.bind(sender);
sender.reply = async (to, reply, key) => {
  await orig(to, reply, key);
  await producer.rpush(`${prefix}crash:sent`, key);
  return new Promise(() => {}); // hang until killed
};
const deps = createRedisConversationDeps({ kb: await openKnowledgeBase(), redis: producer, prefix });
startInboundWorker({
  queueName,
  connection: createRedis(process.env.REDIS_URL, "worker"),
  deps,
  senders: new Map([["feishu", sender]]),
  lockDurationMs: 1000,
  stalledIntervalMs: 300, // the stalled-check throttle is shared by all workers of a queue
});
await producer.rpush(`${prefix}crash:ready`, "1");
