// Intake → BullMQ → worker → sender against the real Redis: duplicates give one reply, a failed or
// crashed worker is retried and still gives one reply. KB: test double (real-KB variant elsewhere).
import { randomUUID } from "node:crypto";
import type { Queue, Worker } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { createQueueIntake, startInboundWorker, type BotJobData } from "../../bot/conversation/intake.js";
import type { InboundMessage } from "../../bot/conversation/types.js";
import { ChannelError } from "../../bot/infra/errors.js";
import { closeWithDeadline, createQueue } from "../../bot/infra/queue.js";
import { closeRedis, createRedis, waitReady, type Redis } from "../../bot/infra/redis.js";
import { FakeKb } from "./fake-kb.js";
import { RecordingSender } from "./recording-sender.js";

let producer: Redis;
let workerConn: Redis;
let queue: Queue<BotJobData>;
let queueName: string;
let prefix: string;
let workers: Worker[];

beforeEach(async () => {
  queueName = `test-${randomUUID()}`;
  prefix = `${queueName}:`;
  producer = createRedis(process.env.REDIS_URL, "producer");
  workerConn = createRedis(process.env.REDIS_URL, "worker");
  await waitReady(producer);
  // short backoff so retries happen within the test
  queue = createQueue<BotJobData>(queueName, producer, { backoff: { type: "fixed", delay: 100 } });
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

function message(over: Partial<InboundMessage> = {}): InboundMessage {
  return {
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
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function setup(sender: RecordingSender) {
  const deps = createRedisConversationDeps({ kb: new FakeKb(), redis: producer, prefix });
  const intake = createQueueIntake({ dedupe: deps.dedupe, queue });
  const start = () => {
    const w = startInboundWorker({ queueName, connection: workerConn, deps, senders: new Map([["feishu", sender]]) });
    workers.push(w);
    return w;
  };
  return { deps, intake, start };
}

describe("intake → queue → worker (real Redis)", () => {
  it("replies once to a message delivered several times (same event, retried event, concurrent)", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    const { intake, start } = setup(sender);
    start();
    const msg = message();
    const outcomes = await Promise.all([
      intake.accept(msg, { eventId: "ev1" }),
      intake.accept(msg, { eventId: "ev1" }),
      intake.accept(msg, { eventId: "ev2" }), // platform re-push with a new event id
    ]);
    expect(outcomes.filter((o) => o === "enqueued")).toHaveLength(1);
    await until(async () => (await sender.shown()).length === 1);
    expect(await intake.accept(msg, { eventId: "ev1" })).toBe("duplicate");
    await new Promise((r) => setTimeout(r, 300));
    const shown = await sender.shown();
    expect(shown).toHaveLength(1);
    expect(shown[0].key).toBe(`feishu:${msg.messageId}:0`);
    expect(shown[0].text).toContain("0.8%");
    expect(await sender.calls()).toBe(1);
  });

  it("a send that fails after the platform accepted it is retried with the same key: shown once", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    let failed = false;
    const { intake, start } = setup(sender);
    // the platform stores the message but the response is lost → worker sees an error
    const orig = sender.reply.bind(sender);
    sender.reply = async (to, reply, key) => {
      const res = await orig(to, reply, key);
      if (!failed) {
        failed = true;
        throw new Error("socket hang up");
      }
      return res;
    };
    start();
    const msg = message();
    expect(await intake.accept(msg, { eventId: "e" })).toBe("enqueued");
    await until(async () => (await sender.calls()) >= 2);
    const shown = await sender.shown();
    expect(shown).toHaveLength(1);
    expect(await sender.calls()).toBe(2);
  });

  it("a non-retryable channel error (bot not in chat) fails the job at once", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    sender.beforeSend = async () => {
      throw new ChannelError("FEISHU_230002", "Bot/User can NOT be out of the chat.", { retryable: false });
    };
    const { intake, start } = setup(sender);
    start();
    await intake.accept(message());
    await until(async () => (await queue.getJobCounts("failed")).failed === 1);
    const [job] = await queue.getJobs(["failed"]);
    expect(job.attemptsMade).toBe(1);
    expect(job.failedReason).toContain("FEISHU_230002");
  });

  it("keeps the question when Redis refuses the enqueue: the claim is released so a redelivery works", async () => {
    const sender = new RecordingSender(producer, `${prefix}platform`);
    const { deps } = setup(sender);
    const broken = {
      add: async () => Promise.reject(new Error("Connection is closed.")),
    } as unknown as Queue<BotJobData>;
    const intake = createQueueIntake({ dedupe: deps.dedupe, queue: broken });
    const msg = message();
    await expect(intake.accept(msg, { eventId: "x" })).rejects.toThrow("Connection is closed");
    const good = createQueueIntake({ dedupe: deps.dedupe, queue });
    expect(await good.accept(msg, { eventId: "x" })).toBe("enqueued");
  });
});

describe("worker crash (real process, SIGKILL, real knowledge base)", () => {
  it("a worker killed mid-job leaves the job to another worker, and the reply is shown once", async () => {
    const { spawn } = await import("node:child_process");
    const sender = new RecordingSender(producer, `${prefix}platform`);
    const child = spawn(process.execPath, ["--import", "tsx", "test/conversation/crash-worker.ts"], {
      env: { ...process.env, CRASH_QUEUE: queueName, CRASH_PREFIX: prefix, LOG_LEVEL: "silent" },
      stdio: ["ignore", "ignore", "inherit"],
    });
    // the parent loads its own KB while the child starts
    const { openKnowledgeBase } = await import("../../knowledge/index.js");
    const deps = createRedisConversationDeps({ kb: await openKnowledgeBase(), redis: producer, prefix });
    const intake = createQueueIntake({ dedupe: deps.dedupe, queue });
    try {
      await until(async () => (await producer.llen(`${prefix}crash:ready`)) === 1, 60_000);
      const msg = message();
      await intake.accept(msg, { eventId: "crash" });
      await until(async () => (await producer.llen(`${prefix}crash:sent`)) === 1);
      child.kill("SIGKILL");
      await new Promise((r) => child.once("exit", r));
      expect((await sender.shown()).length).toBe(1); // the killed worker had already sent reply 0

      const w = startInboundWorker({
        queueName,
        connection: workerConn,
        deps,
        senders: new Map([["feishu", sender]]),
        stalledIntervalMs: 300,
      });
      workers.push(w);
      await until(async () => (await queue.getJobCounts("completed")).completed === 1, 10_000);
      expect(await sender.calls()).toBe(2); // resent after the crash …
      const shown = await sender.shown();
      expect(shown).toHaveLength(1); // … but shown once (same idempotency key)
      expect(shown[0].key).toBe(`feishu:${msg.messageId}:0`);
      expect(shown[0].text).toContain("0.8%");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  }, 90_000);
});
