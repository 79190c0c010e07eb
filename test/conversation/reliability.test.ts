// Issue 12 items 8, 11, 13 (job data), 9: replies outlive a platform outage (capped backoff for
// hours, re-drive of failed jobs, undeliverable ones given up once), the dedupe claim is short
// until the job is queued, job data is masked, and Redis durability is checked. Real Redis.
import { randomUUID } from "node:crypto";
import type { Queue, Worker } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import {
  createQueueIntake,
  dedupeKeys,
  startInboundWorker,
  type BotJobData,
  type InboundJobData,
} from "../../bot/conversation/intake.js";
import type { InboundMessage } from "../../bot/conversation/types.js";
import { ChannelError } from "../../bot/infra/errors.js";
import {
  attemptsFor,
  cappedBackoffMs,
  closeWithDeadline,
  createQueue,
  redriveFailedJobs,
  replyJobOptions,
  UNDELIVERABLE,
} from "../../bot/infra/queue.js";
import { checkRedisDurability } from "../../bot/infra/redis-durability.js";
import { closeRedis, createRedis, waitReady, type Redis } from "../../bot/infra/redis.js";
import { FakeKb } from "./fake-kb.js";
import { RecordingSender } from "./recording-sender.js";

let producer: Redis;
let workerConn: Redis;
let queue: Queue<BotJobData>;
let queueName: string;
let prefix: string;
let workers: Worker[];
const BASE_MS = 10; // 1/100 of the real 1 s first delay: a 45 s outage becomes 450 ms

beforeEach(async () => {
  queueName = `test-${randomUUID()}`;
  prefix = `${queueName}:`;
  producer = createRedis(process.env.REDIS_URL, "producer");
  workerConn = createRedis(process.env.REDIS_URL, "worker");
  await waitReady(producer);
  queue = createQueue<BotJobData>(queueName, producer, replyJobOptions());
  workers = [];
});

afterEach(async () => {
  await closeWithDeadline(workers, 5000);
  await queue.obliterate({ force: true });
  await queue.close();
  const keys = await producer.keys(`${prefix}*`);
  if (keys.length) await producer.del(...keys);
  await closeRedis(producer, workerConn);
});

const message = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  platform: "feishu",
  tenant: "t1",
  chatId: "oc_1",
  chatType: "p2p",
  senderId: "ou_user",
  messageId: `om_${randomUUID()}`,
  messageType: "text",
  text: "融资担保费率是多少？",
  mentionedBot: false,
  receivedAt: Date.now(),
  ...over,
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 25));
  }
}

function setup(sender: RecordingSender) {
  const deps = createRedisConversationDeps({ kb: new FakeKb(), redis: producer, prefix });
  const start = () => {
    const w = startInboundWorker({
      queueName,
      connection: workerConn,
      deps,
      senders: new Map([["feishu", sender]]),
      backoffBaseMs: BASE_MS,
    });
    workers.push(w);
    return w;
  };
  return { deps, intake: createQueueIntake({ dedupe: deps.dedupe, queue, claimGraceSec: 1 }), start };
}

describe("replies outlive a platform outage", () => {
  it("retries for hours with a capped delay (the old 6 × 1 s exponential gave up after ~31 s)", () => {
    const attempts = attemptsFor(6);
    let total = 0;
    for (let a = 1; a < attempts; a++) total += Math.min(1000 * 2 ** (a - 1), 5 * 60_000);
    expect(total).toBeGreaterThanOrEqual(6 * 3_600_000);
    expect(replyJobOptions(6)).toMatchObject({ attempts, backoff: { type: "capped" } });
    const delays = Array.from({ length: 40 }, (_, i) => cappedBackoffMs(i + 1, 1000, 300_000, () => 0.5));
    expect(Math.max(...delays)).toBe(300_000);
    expect(delays.slice(0, 3)).toEqual([1000, 2000, 4000]);
  });

  it("a send failing for a (scaled) 45 s outage is delivered once the platform is back, shown once", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    const outageEnds = Date.now() + 450;
    sender.beforeSend = async () => {
      if (Date.now() < outageEnds) throw new Error("connect ECONNREFUSED (platform down)");
    };
    const { intake, start } = setup(sender);
    start();
    const msg = message();
    expect(await intake.accept(msg, { eventId: "e1" })).toBe("enqueued");
    await until(async () => (await sender.shown()).length === 1);
    expect((await queue.getJobCounts("failed")).failed).toBe(0);
  });

  it("re-drives a reply that failed every retry; one that can never be delivered is left alone", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    let down = true;
    sender.beforeSend = async (key) => {
      if (key.includes("gone"))
        throw new ChannelError("FEISHU_230002", "Bot/User can NOT be out of the chat.", { retryable: false });
      if (down) throw new Error("platform down");
    };
    const { deps, start } = setup(sender);
    const shortQueue = createQueue<BotJobData>(queueName, producer, { ...replyJobOptions(), attempts: 2 });
    const intake = createQueueIntake({ dedupe: deps.dedupe, queue: shortQueue });
    start();
    await intake.accept(message({ messageId: "om_retry" }));
    await intake.accept(message({ messageId: "om_gone" }));
    await until(async () => (await queue.getJobCounts("failed")).failed === 2);
    const reasons = (await queue.getJobs(["failed"])).map((j) => j.failedReason).sort();
    expect(reasons[1]).toMatch(new RegExp(`^${UNDELIVERABLE}: FEISHU_230002`));
    down = false;
    const stop = redriveFailedJobs(queue, { everyMs: 60_000 });
    try {
      await until(async () => (await sender.shown()).length === 1);
      expect((await sender.shown())[0].key).toBe("feishu:om_retry:0");
      expect((await queue.getJobCounts("failed")).failed).toBe(1); // the undeliverable one stays failed
    } finally {
      stop();
      await shortQueue.close();
    }
  });
});

describe("intake: claim, enqueue, then keep the claim", () => {
  it("a claim left behind by a crash before the enqueue expires within seconds, so the redelivery is answered", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    const { deps, intake } = setup(sender);
    const msg = message();
    // The process dies after the claim, before the job is queued: the add never completes.
    const hanging = { add: () => new Promise(() => undefined) } as unknown as Queue<BotJobData>;
    void createQueueIntake({ dedupe: deps.dedupe, queue: hanging, claimGraceSec: 1 }).accept(msg, { eventId: "ev" });
    await new Promise((r) => setTimeout(r, 50));
    expect(await intake.accept(msg, { eventId: "ev" })).toBe("duplicate");
    await new Promise((r) => setTimeout(r, 1200));
    expect(await intake.accept(msg, { eventId: "ev" })).toBe("enqueued");
    // once queued, the claim lasts the whole dedupe window
    const ttl = await producer.ttl(`${prefix}dedupe:${dedupeKeys(msg, "ev")[0]}`);
    expect(ttl).toBeGreaterThan(25_000);
  });

  it("keeps only masked text in the job (phone and ID numbers)", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    const { intake } = setup(sender);
    const msg = message({ text: "我的电话+8613912345678，身份证330106198001011234，问融资担保费率" });
    await intake.accept(msg);
    const job = await queue.getJob(`feishu.${msg.messageId}`);
    const text = (job!.data as InboundJobData).msg.text;
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("198001011234");
    expect(text).toContain("融资担保费率");
  });
});

describe("Redis durability check", () => {
  it("reads appendonly and maxmemory-policy and names what is missing", async () => {
    const report = await checkRedisDurability(producer);
    expect(report.checked).toBe(true);
    if (report.appendonly !== "yes") expect(report.problems.join(" ")).toContain("appendonly");
    if (report.maxmemoryPolicy !== "noeviction") expect(report.problems.join(" ")).toContain("maxmemory-policy");
    if (report.appendonly === "yes" && report.maxmemoryPolicy === "noeviction") expect(report.problems).toEqual([]);
  });
});
