// `npm run bench:dingtalk`: signed DingTalk HTTP callbacks fired at the bot on loopback; replies go
// to the local emulator. Three processes, as in a real deployment: this one (emulator + load
// driver), a receiver (`--role=receiver`: Fastify + verify + dedupe + enqueue, no worker) and a worker
// (`--role=worker`: real knowledge base, replies through the sessionWebhook).
// Prints ack p50/p95, end-to-end p50/p95, events/s, lost and duplicated replies.
//   options: --events=N (capacity phase, 2000) --concurrency=C (32) --target=R events/s (300)
//            --target-seconds=S (5) --rate=R steady events/s (30) --steady-seconds=S (10)
//   env: BENCH_CPU_PROF=<dir> also writes a CPU profile of the receiver process.
import "../dingtalk/bench-quiet.js";
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import os from "node:os";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { dingtalkChannel } from "../../bot/channels/dingtalk/index.js";
import { createApp } from "../../bot/app.js";
import { createQueue } from "../../bot/infra/queue.js";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";
import { startServer } from "../../bot/server.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { startDingtalkEmulator, type DingtalkEmulator } from "../emulators/dingtalk/emulator.js";

const QUESTIONS = [
  "政府性融资担保的费率是多少？",
  "企业信用修复找哪个部门？",
  "技改项目奖补资金怎么兑付？",
  "政府采购预付款比例是多少",
  "拖欠中小企业账款怎么投诉",
  "专利快速预审怎么申请",
  "首贷户有什么支持",
  "涉企检查怎么减少",
  "惠企政策怎么直达",
  "工程建设项目审批要多久",
];

const arg = (name: string, def: number) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.split("=")[1]) : def;
};

function pct(values: number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");

/** Child process: `--role=receiver` (Fastify + intake, no worker) or `--role=worker` (pipeline + replies). */
async function childMain(role: string): Promise<void> {
  const kb = await openKnowledgeBase();
  if (role === "receiver") {
    const server = await startServer({ env: { ...process.env, WORKER_ENABLED: "false" }, kb, channels: [dingtalkChannel], extensions: [] });
    await waitReady(server.app.redis, 5000);
    // The parent asks for CPU time used, to report the receiver's own cost per request (load-independent).
    process.on("message", (m: unknown) => {
      if (m === "cpu") process.send!(process.cpuUsage());
    });
    process.stdout.write(`READY ${server.port}\n`);
    process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
    return;
  }
  const app = await createApp({ env: { ...process.env, WORKER_ENABLED: "true" }, channels: [dingtalkChannel], extensions: [], kb });
  await app.start();
  process.stdout.write("READY\n");
  process.once("SIGTERM", () => void app.close().then(() => process.exit(0)));
}

interface Event {
  body: Record<string, unknown>;
  sentAt: number;
}

function startChild(role: "receiver" | "worker", env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; port: number }> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the receiver (where its time per request goes).
  const prof = role === "receiver" && process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, ...process.execArgv, fileURLToPath(import.meta.url), `--role=${role}`], {
    env,
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${role} exited early (${code})`)));
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY ?(\d*)/.exec(out);
      if (m) resolve({ child, port: Number(m[1] || 0) });
    });
  });
}

function cpuMs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (u) => resolve(((u as NodeJS.CpuUsage).user + (u as NodeJS.CpuUsage).system) / 1000));
    child.send("cpu");
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

interface FireResult {
  acks: number[];
  statuses: Map<number, number>;
  seconds: number;
}

// node:http with keep-alive: much cheaper per request than fetch, so the driver disturbs less.
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function postOnce(url: URL, headers: Record<string, string>, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function poster(emu: DingtalkEmulator, url: string, out: FireResult) {
  const target = new URL(`${url}/dingtalk/events`);
  return async (body: Record<string, unknown>) => {
    const payload = JSON.stringify(body);
    const headers = emu.signedHeaders();
    const t = performance.now();
    const status = await postOnce(target, headers, payload);
    out.acks.push(performance.now() - t);
    out.statuses.set(status, (out.statuses.get(status) ?? 0) + 1);
  };
}

/** Closed loop: `concurrency` senders back to back — measures the intake's capacity. */
async function fireClosed(emu: DingtalkEmulator, url: string, events: Event[], concurrency: number, dupEvery: number): Promise<FireResult> {
  const out: FireResult = { acks: [], statuses: new Map(), seconds: 0 };
  const post = poster(emu, url, out);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < events.length) {
        const i = next++;
        events[i].sentAt = Date.now();
        await post(events[i].body);
        if (dupEvery && i % dupEvery === 0) await post(events[i].body); // a DingTalk redelivery
      }
    }),
  );
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

/** Open loop: events start at a fixed rate whatever the server does — measures ack latency at that load. */
async function fireOpen(emu: DingtalkEmulator, url: string, events: Event[], ratePerSec: number, dupEvery: number): Promise<FireResult> {
  const out: FireResult = { acks: [], statuses: new Map(), seconds: 0 };
  const post = poster(emu, url, out);
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < events.length; i++) {
    const wait = t0 + (i * 1000) / ratePerSec - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    events[i].sentAt = Date.now();
    const e = events[i];
    inflight.push(post(e.body).then(() => (dupEvery && i % dupEvery === 0 ? post(e.body) : undefined)));
  }
  await Promise.all(inflight);
  out.seconds = (performance.now() - t0) / 1000;
  return out;
}

function makeEvents(emu: DingtalkEmulator, n: number, tag: string): Event[] {
  return Array.from({ length: n }, (_, i) => ({
    body: emu.callback({ conversationType: "1", staffId: `bench-${tag}-${i}`, text: `${QUESTIONS[i % QUESTIONS.length]}（${tag}${i}）` }),
    sentAt: 0,
  }));
}

async function drain(emu: DingtalkEmulator, events: Event[], timeoutMs: number) {
  const ids = new Set(events.map((e) => e.body.conversationId as string));
  const end = Date.now() + timeoutMs;
  const done = () => new Set(emu.state.shown.filter((m) => ids.has(m.conversationId ?? "")).map((m) => m.conversationId)).size;
  while (done() < ids.size && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1000)); // late duplicates would arrive now
  const replies = new Map<string, number[]>();
  for (const m of emu.state.shown) if (ids.has(m.conversationId ?? "")) replies.set(m.conversationId!, [...(replies.get(m.conversationId!) ?? []), m.at]);
  const e2e: number[] = [];
  let lost = 0;
  let duplicated = 0;
  for (const e of events) {
    const at = replies.get(e.body.conversationId as string);
    if (!at) lost++;
    else {
      if (at.length > 1) duplicated++;
      e2e.push(at[0] - e.sentAt);
    }
  }
  const lastReply = Math.max(...[...replies.values()].map((a) => a[0]));
  return { e2e, lost, duplicated, lastReply };
}

async function main(): Promise<void> {
  const n = arg("events", 2000);
  const concurrency = arg("concurrency", 32);
  const target = arg("target", 300);
  const targetSec = arg("target-seconds", 5);
  const rate = arg("rate", 30);
  const steadySec = arg("steady-seconds", 10);
  const emu = await startDingtalkEmulator();
  const id = randomUUID();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    PORT: "0",
    HOST: "127.0.0.1",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `bench-${id}:`,
    INBOUND_QUEUE: `bench-${id}`,
    DINGTALK_APP_KEY: emu.app.appKey,
    DINGTALK_APP_SECRET: emu.app.appSecret,
    DINGTALK_ROBOT_CODE: emu.app.robotCode,
    DINGTALK_MODE: "http",
    DINGTALK_API_BASE: emu.baseUrl,
    RATE_LIMIT_MAX: "1000",
  };
  const receiver = await startChild("receiver", env);
  const startWorker = () => startChild("worker", { ...env, WORKER_CONCURRENCY: "8" });
  let worker = await startWorker();
  const url = `http://127.0.0.1:${receiver.port}`;
  try {
    const warm = makeEvents(emu, 100, "w");
    await fireClosed(emu, url, warm, 8, 0);
    await drain(emu, warm, 30_000);
    const ackLine = (r: FireResult) =>
      `ack p50 ${f1(pct(r.acks, 50))} ms  p95 ${f1(pct(r.acks, 95))} ms  (${r.acks.length} requests, HTTP ${JSON.stringify(Object.fromEntries(r.statuses))})`;
    console.log(`DingTalk webhook bench — loopback, real Redis, real knowledge base; every 10th event delivered twice`);

    // Capacity of the receiver alone: on a small machine the worker's CPU-bound answering would
    // otherwise compete for the same cores. The worker is restarted afterwards and drains the backlog.
    await stopChild(worker.child);
    const cap = makeEvents(emu, n, "c");
    const cpu0 = await cpuMs(receiver.child);
    const c = await fireClosed(emu, url, cap, concurrency, 10);
    const cpuPerRequest = ((await cpuMs(receiver.child)) - cpu0) / c.acks.length;
    worker = await startWorker();
    console.log(`1. receiver capacity (closed loop, ${concurrency} concurrent senders, ${n} events, worker stopped meanwhile)`);
    console.log(`   intake ${f1(n / c.seconds)} events/s (${f1(c.acks.length / c.seconds)} requests/s); ${ackLine(c)}`);
    console.log(`   receiver CPU ${cpuPerRequest.toFixed(2)} ms per request (Redis time not included); machine load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`);
    const cd = await drain(emu, cap, 600_000);
    console.log(`   replies after the worker drained the backlog: lost ${cd.lost}  duplicated ${cd.duplicated}`);

    const load = makeEvents(emu, Math.round(target * targetSec), "t");
    const t = await fireOpen(emu, url, load, target, 10);
    console.log(`2. target load (open loop, ${target} events/s for ${targetSec} s)`);
    console.log(`   ${ackLine(t)}; offered ${f1(load.length / t.seconds)} events/s`);
    const td = await drain(emu, load, 600_000);
    const answered = (load.length - td.lost) / ((td.lastReply - Math.min(...load.map((e) => e.sentAt))) / 1000);
    console.log(`   end-to-end (worker backlog included) p50 ${f1(pct(td.e2e, 50))} ms  p95 ${f1(pct(td.e2e, 95))} ms; lost ${td.lost}  duplicated ${td.duplicated}`);
    console.log(`   one worker process answered ${f1(answered)} events/s (real knowledge base)`);

    const steady = makeEvents(emu, Math.round(rate * steadySec), "s");
    const s = await fireOpen(emu, url, steady, rate, 10);
    const sd = await drain(emu, steady, 120_000);
    console.log(`3. steady (open loop, ${rate} events/s for ${steadySec} s, within one worker's capacity)`);
    console.log(`   ${ackLine(s)}`);
    console.log(`   end-to-end p50 ${f1(pct(sd.e2e, 50))} ms  p95 ${f1(pct(sd.e2e, 95))} ms; lost ${sd.lost}  duplicated ${sd.duplicated}`);
    const lost = cd.lost + td.lost + sd.lost;
    const dup = cd.duplicated + td.duplicated + sd.duplicated;
    console.log(`targets: ack p95 ≤ 20 ms at ${target}/s: ${pct(t.acks, 95) <= 20 ? "met" : "NOT met"}; ≥ 300 events/s intake: ${n / c.seconds >= 300 ? "met" : "NOT met"}; none lost/duplicated: ${lost + dup === 0 ? "met" : "NOT met"}`);
  } finally {
    await Promise.all([stopChild(worker.child), stopChild(receiver.child)]);
    const redis = createRedis(env.REDIS_URL, "producer");
    await waitReady(redis, 5000);
    const queue = createQueue(env.INBOUND_QUEUE!, redis);
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    let cursor = "0";
    do {
      const [nextCursor, keys] = await redis.scan(cursor, "MATCH", `bench-${id}:*`, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = nextCursor;
    } while (cursor !== "0");
    await closeRedis(redis);
    await emu.close();
  }
}

const role = process.argv.find((a) => a.startsWith("--role="))?.slice("--role=".length);
if (role) {
  childMain(role).catch((err: Error) => {
    console.error(err);
    process.exit(1);
  });
} else {
  main().then(
    () => process.exit(0),
    (err: Error) => {
      console.error(err);
      process.exit(1);
    },
  );
}
