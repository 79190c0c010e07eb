// Desk figures: ticket creation (转人工, with outbox rows) and claim latency on SQLite and
// PostgreSQL, and create → delivered latency through BullMQ on real Redis.
// Run: npx tsx test/tickets/desk-bench.ts [tickets=200]
import { randomUUID } from "node:crypto";
import { createLogger } from "../../knowledge/infra/logger.js";
import { createDesk } from "../../bot/tickets/index.js";
import { percentile } from "../../bot/tickets/report.js";
import { answerResult } from "./fixtures.js";
import { DIALECTS, freshDb, inbound, RecordingSender, REDIS_URL, testConfig, waitFor } from "./helpers.js";

const N = Number(process.argv[2] ?? 200);
const fmt = (v: number[]) => `p50 ${percentile(v, 0.5)!.toFixed(1)} ms · p95 ${percentile(v, 0.95)!.toFixed(1)} ms`;

for (const dialect of DIALECTS) {
  const tdb = await freshDb(dialect);
  const sender = new RecordingSender();
  const desk = await createDesk({
    config: testConfig(),
    db: tdb,
    senders: () => sender,
    redisUrl: REDIS_URL,
    prefix: `bench-${randomUUID()}`,
    pollMs: 200,
    logger: createLogger("silent"),
  });
  await desk.start();
  const create: number[] = [];
  const claim: number[] = [];
  const numbers: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const s = performance.now();
    const [r] = await desk.handoff.requestHandoff(
      inbound({ senderId: `ou_${i}` }),
      answerResult({ question: `问题 ${i}` }),
    );
    create.push(performance.now() - s);
    numbers.push(/QY-\d{8}-\d{4}/.exec(r.text)![0]);
  }
  const createWall = performance.now() - t0;
  await waitFor(() => sender.calls.filter((c) => c.reply.kind === "card").length >= N, 60_000, 20);
  const deliveredAll = performance.now() - t0;
  for (const number of numbers) {
    const s = performance.now();
    const res = await desk.interceptors[0].handleCardAction!({
      platform: "feishu",
      tenant: "t",
      chatId: "oc_desk",
      operatorId: "ou_staff",
      messageId: "om",
      value: { cmd: "ticket.claim", number },
    });
    claim.push(performance.now() - s);
    if (!res?.toast?.startsWith("已认领")) throw new Error(`claim failed: ${res?.toast}`);
  }
  console.log(
    `${dialect}: ${N} tickets via 转人工: ${fmt(create)} (${(N / (createWall / 1000)).toFixed(0)}/s sequential); all ${N} desk cards delivered through BullMQ ${deliveredAll.toFixed(0)} ms after the first; card claim: ${fmt(claim)}`,
  );
  await desk.jobs.obliterate();
  await desk.close();
  await tdb.drop();
}
