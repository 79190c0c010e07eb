// The webhook benchmark shared by `npm run bench:feishu` and `npm run bench:dingtalk`: signed events
// fired on loopback at the bot (real Fastify server, real Redis, BullMQ, real knowledge base, real
// platform SDKs) replying to the local platform emulator. This process is the emulator and the load
// driver; the bot runs in child processes — topology "split" (default): a receiver
// (WORKER_ENABLED=false) and a worker, as deployed behind a load balancer; "single": one process.
//
// After an unreported warm-up (`--warmup-seconds` at the target rate, 10), two open-loop phases
// (events start on schedule whatever the bot does; ~10% are delivered twice):
//   1. target:   `--rate` events/s (300) for `--seconds` (10): ack and end-to-end latency at that load.
//   2. capacity: `--capacity-rate` events/s (default 2 × rate; 0 skips): end-to-end events/s when
//                offered more than the target (replies shown ÷ first POST → last reply).
// Prints ack p50/p95/p99 (as the sender sees it, and inside the receiver), end-to-end p50/p95,
// events/s, lost / duplicated replies, CPU per event (bot processes, this process, Redis) and a
// verdict against the targets (ack p95 ≤ 20 ms at 300/s, ≥ 300 events/s, none lost or shown twice).
//   env BENCH_CPU_PROF_DIR=dir writes V8 CPU profiles of the bot processes.
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deleteKeysMatching } from "../support/redis-keys.js";

export const QUESTIONS = [
  "政府性融资担保的费率是多少？",
  "企业信用修复找哪个部门？",
  "技改项目奖补资金怎么兑付？",
  "政府采购合同融资怎么办理？",
  "中小企业款项支付逾期怎么办？",
  "企业开办需要多长时间？",
  "数字化改造有什么支持政策？",
  "拖欠中小企业账款怎么投诉",
  "专利快速预审怎么申请",
  "资金支持",
];

const TARGET_ACK_P95_MS = 20;
const TARGET_EVENTS_PER_SEC = 300;

export interface Delivered {
  status: number;
  latencyMs: number;
}

/** One user message, ready to be delivered (and redelivered, as the platform retries). */
export interface BenchEvent {
  /** Identifies the bot's reply to it at the emulator. */
  key: string;
  deliver(): Promise<Delivered>;
}

export interface BenchPlatform {
  name: string;
  /** "feishu" | "dingtalk": the channel the bot processes run. */
  channel: string;
  webhookPath: string;
  /** Credentials and emulator addresses for the bot processes. */
  env: NodeJS.ProcessEnv;
  /** The bot listens at `baseUrl` (point the emulator's webhook there). */
  connect(baseUrl: string): void;
  /** Event number `i` asking `question`; every 5th comes from a group with the bot @mentioned. */
  event(i: number, question: string): BenchEvent;
  /** `listener(key)` whenever the emulator shows a new bot reply (not a card update). */
  onReply(listener: (key: string) => void): void;
  close(): Promise<void>;
}

const argv = process.argv;
const num = (name: string, def: number) =>
  argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def;
const str = (name: string, def: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : def);

export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "n/a");

type ChildMsg = { port?: number; cpuMs?: number; serverAckMs?: number[] };

/** A bot process: Fastify server + intake (+ worker unless WORKER_ENABLED=false) for one channel. */
async function child(): Promise<void> {
  const { startServer } = await import("../../bot/server.js");
  const { openKnowledgeBase } = await import("../../knowledge/index.js");
  const channel =
    process.env.BENCH_CHANNEL === "dingtalk"
      ? (await import("../../bot/channels/dingtalk/index.js")).dingtalkChannel
      : (await import("../../bot/channels/feishu/index.js")).feishuChannel;
  const server = await startServer({ env: process.env, kb: await openKnowledgeBase(), channels: [channel] });
  process.on("disconnect", () => process.exit(0)); // the driver went away
  // Receiver-side ack time: request received by Node's http server → response fully written.
  let serverAckMs: number[] = [];
  server.http.server.on("request", (req, res) => {
    if (req.url !== process.env.BENCH_WEBHOOK_PATH) return;
    const t0 = performance.now();
    res.once("finish", () => serverAckMs.push(performance.now() - t0));
  });
  let cpu0 = process.cpuUsage();
  process.on("message", async (m: { cmd?: string }) => {
    if (m.cmd === "cpu-start") {
      cpu0 = process.cpuUsage();
      serverAckMs = [];
      process.send!({});
    }
    if (m.cmd === "cpu-read") {
      const c = process.cpuUsage(cpu0);
      process.send!({ cpuMs: (c.user + c.system) / 1000, serverAckMs });
    }
    if (m.cmd === "stop") {
      if (process.env.WORKER_ENABLED !== "false")
        await server.app.queue.obliterate({ force: true }).catch(() => undefined);
      await server.close();
      process.exit(0);
    }
  });
  process.send!({ port: server.port });
}

function spawnBot(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; port: number }> {
  const prof = process.env.BENCH_CPU_PROF_DIR;
  const proc = fork(fileURLToPath(import.meta.url), ["--bench-child"], {
    env,
    execArgv: ["--import", "tsx", ...(prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [])],
    stdio: "inherit",
  });
  return new Promise((resolve, reject) => {
    proc.once("message", (m) => resolve({ proc, port: (m as ChildMsg).port! }));
    proc.once("exit", (c) => reject(new Error(`bot process exited (${c})`)));
  });
}

function ask(proc: ChildProcess, cmd: string): Promise<ChildMsg> {
  return new Promise((resolve) => {
    proc.once("message", (m) => resolve(m as ChildMsg));
    proc.send({ cmd });
  });
}

/** Redis server CPU seconds so far (INFO cpu): Redis shares the machine, so it counts too. */
async function redisCpuMs(redis: import("ioredis").Redis): Promise<number> {
  const info = await redis.info("cpu");
  const sec = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
  return (sec("used_cpu_user") + sec("used_cpu_sys")) * 1000;
}

interface PhaseResult {
  rate: number;
  events: number;
  redelivered: number;
  statuses: Map<number, number>;
  ack: number[];
  serverAck: number[];
  e2e: number[];
  /** Replies shown ÷ (first POST → last reply), in events/s. */
  throughput: number;
  lost: number;
  duplicated: number;
  cpu: { bot: number[]; driver: number; redis: number };
}

export async function runWebhookBench(platform: BenchPlatform): Promise<void> {
  const { createRedis, waitReady, closeRedis } = await import("../../bot/infra/redis.js");
  const rate = num("rate", TARGET_EVENTS_PER_SEC);
  const seconds = num("seconds", 10);
  const capacityRate = num("capacity-rate", rate * 2);
  const dupShare = num("dup", 0.1);
  const topology = str("topology", "split");

  const id = randomUUID();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...platform.env,
    BENCH_CHANNEL: platform.channel,
    BENCH_WEBHOOK_PATH: platform.webhookPath,
    PORT: "0",
    HOST: "127.0.0.1",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `bench-${id}:`,
    INBOUND_QUEUE: `bench-${id}`,
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "32",
    RATE_LIMIT_MAX: "100000",
    LOG_LEVEL: "error",
    DATA_DIR: mkdtempSync(join(tmpdir(), `${platform.channel}-bench-`)),
    INGEST_WORKER_ENABLED: "false",
    INGEST_QUEUE: `bench-${id}-ingest`,
    INDEX_CHANNEL: `bench-${id}:index-published`,
  };
  const redis = createRedis(env.REDIS_URL, "producer");
  await waitReady(redis);
  const bots =
    topology === "single"
      ? [await spawnBot(env)]
      : await Promise.all([
          spawnBot({ ...env, WORKER_ENABLED: "false" }),
          spawnBot({ ...env, WORKER_ENABLED: "true" }),
        ]);
  platform.connect(`http://127.0.0.1:${bots[0].port}`);

  const postedAt = new Map<string, number>(); // event key → first POST
  const repliedAt = new Map<string, number>(); // event key → first reply shown
  const shown = new Map<string, number>(); // event key → replies shown
  platform.onReply((key) => {
    shown.set(key, (shown.get(key) ?? 0) + 1);
    if (!repliedAt.has(key)) repliedAt.set(key, performance.now());
  });

  let next = 0;
  async function waitForReplies(keys: string[], timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (keys.some((k) => !repliedAt.has(k)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  }

  async function phase(eventsPerSec: number, secs = seconds): Promise<PhaseResult> {
    const total = Math.round(eventsPerSec * secs);
    const statuses = new Map<number, number>();
    const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
    const ack: number[] = [];
    const keys: string[] = [];
    const inflight: Promise<void>[] = [];
    await Promise.all(bots.map((b) => ask(b.proc, "cpu-start")));
    const driverCpu0 = process.cpuUsage();
    const redisCpu0 = await redisCpuMs(redis);
    let redelivered = 0;
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const wait = start + (i * 1000) / eventsPerSec - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const n = next++;
      const e = platform.event(n, QUESTIONS[n % QUESTIONS.length]);
      keys.push(e.key);
      postedAt.set(e.key, performance.now());
      // A POST that gets no answer within 10 s counts as status 0 (the platform would redeliver it).
      inflight.push(
        e.deliver().then(
          (d) => (ack.push(d.latencyMs), void count(d.status)),
          () => void count(0),
        ),
      );
      if (Math.random() < dupShare) {
        redelivered++;
        inflight.push(
          e.deliver().then(
            (d) => void count(d.status),
            () => void count(0),
          ),
        );
      }
    }
    await Promise.all(inflight);
    await waitForReplies(keys, 120_000);
    const reads = await Promise.all(bots.map((b) => ask(b.proc, "cpu-read")));
    const driver = process.cpuUsage(driverCpu0);
    const redisCpu = (await redisCpuMs(redis)) - redisCpu0;
    await new Promise((r) => setTimeout(r, 1000)); // late duplicates would show up now
    const answered = keys.filter((k) => repliedAt.has(k));
    const last = Math.max(...answered.map((k) => repliedAt.get(k)!));
    return {
      rate: eventsPerSec,
      events: total,
      redelivered,
      statuses,
      ack,
      serverAck: reads[0].serverAckMs ?? [],
      e2e: answered.map((k) => repliedAt.get(k)! - postedAt.get(k)!),
      throughput: answered.length / ((last - start) / 1000),
      lost: keys.length - answered.length,
      duplicated: keys.filter((k) => (shown.get(k) ?? 0) > 1).length,
      cpu: {
        bot: reads.map((m) => (m.cpuMs ?? 0) / total),
        driver: (driver.user + driver.system) / 1000 / total,
        redis: redisCpu / total,
      },
    };
  }

  try {
    // Warm-up, not reported: tokens, bot info, connection pools and the JIT reach the state of a
    // server that has been running for a while.
    const warm = Array.from({ length: 20 }, () => platform.event(next, QUESTIONS[next++ % QUESTIONS.length]));
    for (const e of warm) await e.deliver();
    await waitForReplies(
      warm.map((e) => e.key),
      30_000,
    );
    await phase(rate, num("warmup-seconds", 10));

    const load0 = loadavg()[0];
    const target = await phase(rate);
    const capacity = capacityRate > 0 ? await phase(capacityRate) : undefined;

    const bar = topology === "single" ? "1 process (receiver + worker)" : "receiver process + worker process";
    console.log(`\n${platform.name} webhook bench — loopback, real Redis, real SDK, real knowledge base; bot: ${bar}`);
    const report = (title: string, r: PhaseResult) => {
      console.log(
        `${title}: ${r.events} events offered at ${r.rate}/s over ${seconds} s, +${r.redelivered} redelivered`,
      );
      console.log(`  HTTP statuses:   ${[...r.statuses].map(([k, v]) => `${k}×${v}`).join(" ")}`);
      console.log(
        `  ack latency:     p50 ${f1(pct(r.ack, 50))} ms   p95 ${f1(pct(r.ack, 95))} ms   p99 ${f1(pct(r.ack, 99))} ms   (sender: POST → response)`,
      );
      console.log(
        `                   p50 ${f1(pct(r.serverAck, 50))} ms   p95 ${f1(pct(r.serverAck, 95))} ms   p99 ${f1(pct(r.serverAck, 99))} ms   (receiver: request in → response written)`,
      );
      console.log(
        `  end-to-end:      p50 ${f1(pct(r.e2e, 50))} ms   p95 ${f1(pct(r.e2e, 95))} ms   (POST → reply shown at the emulator)`,
      );
      const keptUp = r.lost === 0 && r.throughput >= 0.97 * r.rate ? "; kept up with the offered rate" : "";
      console.log(
        `  throughput:      ${f1(r.throughput)} events/s end-to-end (replies ÷ first POST → last reply${keptUp})`,
      );
      const perProcess = r.cpu.bot.length > 1 ? ` = receiver ${f1(r.cpu.bot[0])} + worker ${f1(r.cpu.bot[1])}` : "";
      const botCpu = r.cpu.bot.reduce((a, b) => a + b, 0);
      console.log(
        `  CPU per event:   bot ${f1(botCpu)} ms${perProcess}; Redis ${f1(r.cpu.redis)} ms; emulator + driver ${f1(r.cpu.driver)} ms`,
      );
      console.log(`  lost ${r.lost}, shown twice ${r.duplicated}`);
    };
    report(`1. target load`, target);
    if (capacity) report(`2. capacity (offered more than the target)`, capacity);
    console.log(
      `machine: ${cpus().length} cores, 1-min load average ${load0.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
    );

    const ackP95 = pct(target.ack, 95);
    const eps = Math.max(target.throughput, capacity?.throughput ?? 0);
    const lost = target.lost + (capacity?.lost ?? 0);
    const dup = target.duplicated + (capacity?.duplicated ?? 0);
    const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
    console.log(
      `targets: ack p95 ≤ ${TARGET_ACK_P95_MS} ms at ${rate}/s: ${verdict(ackP95 <= TARGET_ACK_P95_MS)} (${f1(ackP95)} ms); ` +
        `≥ ${TARGET_EVENTS_PER_SEC} events/s end-to-end: ${verdict(eps >= TARGET_EVENTS_PER_SEC)} (${f1(eps)}); ` +
        `none lost or shown twice: ${verdict(lost + dup === 0)}`,
    );
    process.exitCode = lost || dup ? 1 : 0;
  } finally {
    await Promise.all(bots.map((b) => new Promise((r) => (b.proc.once("exit", r), b.proc.send({ cmd: "stop" })))));
    await platform.close();
    await deleteKeysMatching(redis, [`bench-${id}:*`, `bull:bench-${id}:*`, `bull:bench-${id}-ingest:*`]);
    await closeRedis(redis);
    rmSync(env.DATA_DIR!, { recursive: true, force: true });
  }
}

if (argv.includes("--bench-child")) await child();
