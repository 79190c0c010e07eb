// Measures the channel-independent path on loopback with the real Redis and the real KB:
// intake.accept (dedupe + enqueue) latency, end-to-end accept → sender call, and messages/s, with
// 10% duplicate deliveries that must not produce replies. Run: npx tsx test/conversation/bench-intake.ts [N]
import fs from "node:fs";
import { randomUUID } from "node:crypto";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { createQueueIntake, startInboundWorker, type InboundJobData } from "../../bot/conversation/intake.js";
import type { ChannelSender, InboundMessage } from "../../bot/conversation/types.js";
import { closeWithDeadline, createQueue } from "../../bot/infra/queue.js";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";

const N = Number(process.argv[2] ?? 2000);
const CONCURRENCY = Number(process.env.WORKER_CONCURRENCY ?? 16);
const questions = fs
  .readFileSync(new URL("../../../shared/eval/dev.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => (JSON.parse(l) as { q: string }).q);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const kb = process.env.BENCH_FAKE_KB ? new (await import("./fake-kb.js")).FakeKb() : await openKnowledgeBase();
const queueName = `bench-${randomUUID()}`;
const prefix = `${queueName}:`;
const producer = createRedis(undefined, "producer");
const workerConn = createRedis(undefined, "worker");
await waitReady(producer);
const queue = createQueue<InboundJobData>(queueName, producer);
const deps = createRedisConversationDeps({ kb, redis: producer, prefix, config: { RATE_LIMIT_MAX: 1_000_000 } });
const intake = createQueueIntake({ dedupe: deps.dedupe, queue });

const sentAt = new Map<string, number>();
const shown = new Set<string>();
let calls = 0;
let resolveDone: () => void;
const done = new Promise<void>((r) => (resolveDone = r));
const sender: ChannelSender = {
  async reply(to, _reply, key) {
    calls++;
    if (!shown.has(key)) {
      shown.add(key);
      sentAt.set(to.messageId, performance.now());
    }
    if (sentAt.size === N) resolveDone();
    return {};
  },
};
const silent: ChannelSender = { reply: async () => ({}) };
const worker = startInboundWorker({ queueName, connection: workerConn, deps, senders: new Map([["feishu", sender], ["console", silent]]), concurrency: CONCURRENCY });

const acceptMs: number[] = [];
const startedAt = new Map<string, number>();
const t0 = performance.now();
let duplicates = 0;
const batch = 50;
for (let i = 0; i < N; i += batch) {
  await Promise.all(
    Array.from({ length: Math.min(batch, N - i) }, async (_, j) => {
      const n = i + j;
      const msg: InboundMessage = {
        platform: "feishu", tenant: "bench", chatId: `oc_${n % 40}`, chatType: "p2p", senderId: `ou_${n % 200}`,
        messageId: `om_${n}_${queueName}`, messageType: "text", text: questions[n % questions.length], mentionedBot: false, receivedAt: Date.now(),
      };
      const s = performance.now();
      startedAt.set(msg.messageId, s);
      await intake.accept(msg, { eventId: `ev_${n}` });
      acceptMs.push(performance.now() - s);
      if (n % 10 === 0 && (await intake.accept(msg, { eventId: `ev_${n}_retry` })) === "duplicate") duplicates++;
    }),
  );
}
const acceptedIn = performance.now() - t0;
// One delivery at a time (what a single webhook request sees), while the worker is busy.
const seqMs: number[] = [];
for (let n = 0; n < 200; n++) {
  const msg: InboundMessage = {
    platform: "console", tenant: "bench", chatId: "c", chatType: "group", senderId: "u", messageId: `seq_${n}_${queueName}`,
    messageType: "text", text: "x", mentionedBot: false, receivedAt: Date.now(), // group, not mentioned: silent
  };
  const s = performance.now();
  await intake.accept(msg, { eventId: `seq_ev_${n}` });
  seqMs.push(performance.now() - s);
}
await Promise.race([done, new Promise((r) => setTimeout(r, 120_000))]);
const total = performance.now() - t0;
await new Promise((r) => setTimeout(r, 500)); // let any stray duplicate job surface
const e2e = [...sentAt].map(([id, t]) => t - startedAt.get(id)!);

console.log(`messages ${N}, duplicate deliveries ${duplicates} (all rejected), worker concurrency ${CONCURRENCY}`);
console.log(`accept (dedupe+enqueue): p50 ${pct(acceptMs, 50).toFixed(2)} ms, p95 ${pct(acceptMs, 95).toFixed(2)} ms; all accepted in ${(acceptedIn / 1000).toFixed(2)} s`);
console.log(`accept, one at a time: p50 ${pct(seqMs, 50).toFixed(2)} ms, p95 ${pct(seqMs, 95).toFixed(2)} ms`);
console.log(`end-to-end accept→send: p50 ${pct(e2e, 50).toFixed(0)} ms, p95 ${pct(e2e, 95).toFixed(0)} ms`);
console.log(`throughput: ${(sentAt.size / (total / 1000)).toFixed(0)} messages/s answered (${sentAt.size}/${N} replied, ${calls} send calls, ${shown.size} shown)`);

await closeWithDeadline([worker], 5000);
await queue.obliterate({ force: true });
await queue.close();
const keys = await producer.keys(`${prefix}*`);
for (let i = 0; i < keys.length; i += 500) await producer.del(...keys.slice(i, i + 500));
await closeRedis(producer, workerConn);
