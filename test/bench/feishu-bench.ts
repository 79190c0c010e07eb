// npm run bench:feishu — signed, encrypted Feishu events fired at the webhook on loopback.
// This process: the Feishu emulator + the load driver. Child processes: the bot (Fastify server,
// intake, BullMQ worker, real knowledge base) on real Redis, replying to the emulator through the
// real SDK. Topology "split" (default): one receiver process (WORKER_ENABLED=false) and one worker
// process, as deployed behind a load balancer; "single": one process does both.
// Prints ack latency p50/p95, end-to-end (POST → reply shown at the emulator) p50/p95, events/s,
// lost / duplicated counts, and CPU time per event (a figure that does not depend on machine load).
//   --events N (default 3000)  --rate R offered events/s (default 300, the target)  --dup F share redelivered (0.1)
//   --topology split|single    env BENCH_CPU_PROF_DIR=dir writes V8 CPU profiles of the bot processes
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const QUESTIONS = [
  "政府性融资担保的费率是多少？",
  "企业信用修复找哪个部门？",
  "技改项目奖补资金怎么兑付？",
  "政府采购合同融资怎么办理？",
  "中小企业款项支付逾期怎么办？",
  "企业开办需要多长时间？",
  "数字化改造有什么支持政策？",
  "资金支持",
];

const argv = process.argv;
const num = (name: string, def: number) => (argv.includes(`--${name}`) ? Number(argv[argv.indexOf(`--${name}`) + 1]) : def);
const str = (name: string, def: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : def);

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

/** The bench's dedupe/session keys live for hours: remove them so repeated runs leave nothing behind. */
async function removeKeys(url: string, patterns: string[]): Promise<void> {
  const { createRedis, waitReady, closeRedis } = await import("../../bot/infra/redis.js");
  const { deleteKeysMatching } = await import("../support/redis-keys.js");
  const r = createRedis(url, "producer");
  await waitReady(r);
  await deleteKeysMatching(r, patterns);
  await closeRedis(r);
}

type ChildMsg = { port?: number; cpuMs?: number; serverAckMs?: number[] };

async function child(): Promise<void> {
  const { startServer } = await import("../../bot/server.js");
  const { feishuChannel } = await import("../../bot/channels/feishu/index.js");
  const { openKnowledgeBase } = await import("../../knowledge/index.js");
  const server = await startServer({ env: process.env, kb: await openKnowledgeBase(), channels: [feishuChannel] });
  process.on("disconnect", () => process.exit(0)); // the parent went away
  // Server-side ack time: request received by Node's http server → response fully written.
  let serverAckMs: number[] = [];
  server.http.server.on("request", (req, res) => {
    if (req.url !== "/feishu/events") return;
    const t0 = performance.now();
    res.once("finish", () => serverAckMs.push(performance.now() - t0));
  });
  let cpu0 = process.cpuUsage();
  process.on("message", async (m: { cmd?: string }) => {
    if (m.cmd === "cpu-start") {
      cpu0 = process.cpuUsage();
      serverAckMs = [];
    }
    if (m.cmd === "cpu-read") {
      const c = process.cpuUsage(cpu0);
      process.send!({ cpuMs: (c.user + c.system) / 1000, serverAckMs });
    }
    if (m.cmd === "stop") {
      if (process.env.WORKER_ENABLED !== "false") await server.app.queue.obliterate({ force: true }).catch(() => undefined);
      await server.close();
      process.exit(0);
    }
  });
  process.send!({ port: server.port });
}

function spawnBot(env: NodeJS.ProcessEnv): Promise<{ proc: ChildProcess; port: number }> {
  const prof = process.env.BENCH_CPU_PROF_DIR;
  const proc = fork(fileURLToPath(import.meta.url), ["--child"], {
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

async function parent(): Promise<void> {
  const { startFeishuEmulator } = await import("../emulators/feishu/emulator.js");
  const total = num("events", 3000);
  const rate = num("rate", 300);
  const dupShare = num("dup", 0.1);
  const topology = str("topology", "split");

  const emu = await startFeishuEmulator({ appId: `cli_${randomUUID().replace(/-/g, "").slice(0, 16)}` });
  const id = randomUUID();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `bench-${id}:`,
    INBOUND_QUEUE: `bench-${id}`,
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "32",
    RATE_LIMIT_MAX: "100000",
    FEISHU_APP_ID: emu.app.appId,
    FEISHU_APP_SECRET: emu.app.appSecret,
    FEISHU_ENCRYPT_KEY: emu.app.encryptKey,
    FEISHU_VERIFICATION_TOKEN: emu.app.verificationToken,
    FEISHU_MODE: "webhook",
    FEISHU_DOMAIN: emu.url,
    LOG_LEVEL: "error",
    DATA_DIR: mkdtempSync(join(tmpdir(), "feishu-bench-")),
    INGEST_WORKER_ENABLED: "false",
    INGEST_QUEUE: `bench-${id}-ingest`,
    INDEX_CHANNEL: `bench-${id}:index-published`,
  };
  const bots = topology === "single" ? [await spawnBot(env)] : await Promise.all([spawnBot({ ...env, WORKER_ENABLED: "false" }), spawnBot({ ...env, WORKER_ENABLED: "true" })]);
  emu.setWebhook(`http://127.0.0.1:${bots[0].port}/feishu/events`);

  // warm-up: token, bot info, JIT
  for (let i = 0; i < 40; i++) await emu.sendUserMessage({ chatType: "p2p", text: QUESTIONS[i % QUESTIONS.length] });
  await emu.waitForBotMessages(40, { timeoutMs: 30_000 });

  const postedAt = new Map<string, number>(); // question message id → POST start
  const e2e: number[] = [];
  const ack: number[] = [];
  const statuses = new Map<number, number>();
  let lastReplyAt = 0;
  emu.state.listeners.add((m) => {
    const t0 = postedAt.get(m.uuid?.split(":")[1] ?? "");
    if (t0 === undefined || m.history.length > 1) return;
    e2e.push(performance.now() - t0);
    lastReplyAt = performance.now();
  });

  const load0 = loadavg()[0];
  await Promise.all(bots.map((b) => new Promise((r) => (b.proc.send({ cmd: "cpu-start" }), setTimeout(r, 50)))));
  const parentCpu0 = process.cpuUsage();
  const sent: string[] = [];
  const inflight: Promise<void>[] = [];
  const count = (status: number) => statuses.set(status, (statuses.get(status) ?? 0) + 1);
  const start = performance.now();
  let redelivered = 0;
  for (let i = 0; i < total; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { envelope, messageId } = emu.userMessage({ chatType: i % 5 === 0 ? "group" : "p2p", mentionBot: true, text: QUESTIONS[i % QUESTIONS.length] });
    sent.push(messageId);
    postedAt.set(messageId, performance.now());
    // A POST that gets no answer within 10 s counts as status 0 (the platform would redeliver it).
    inflight.push(emu.deliver(envelope).then(({ delivery }) => (ack.push(delivery!.latencyMs), void count(delivery!.status)), () => void count(0)));
    if (Math.random() < dupShare) {
      redelivered++;
      inflight.push(emu.redeliver(envelope).then(({ delivery }) => void count(delivery!.status), () => void count(0)));
    }
  }
  await Promise.all(inflight);
  const firedSec = (performance.now() - start) / 1000;
  const deadline = Date.now() + 60_000;
  while (e2e.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const e2eSpan = (lastReplyAt - start) / 1000;
  const reads = await Promise.all(bots.map((b) => ask(b.proc, "cpu-read")));
  const botCpu = reads.map((m) => m.cpuMs ?? 0);
  const serverAck = reads[0].serverAckMs ?? [];
  const botCpuMs = botCpu.reduce((a, b) => a + b, 0);
  const pc = process.cpuUsage(parentCpu0);
  const load1 = loadavg()[0];
  await new Promise((r) => setTimeout(r, 1000)); // let late duplicates show up, if any

  const shown = new Map<string, number>();
  for (const m of emu.state.botMessages()) {
    const q = m.uuid?.split(":")[1];
    if (q && postedAt.has(q)) shown.set(q, (shown.get(q) ?? 0) + 1);
  }
  const lost = sent.filter((q) => !shown.has(q)).length;
  const duplicated = [...shown.values()].filter((n) => n > 1).length;
  let resent = 0;
  for (const [uuid, n] of emu.state.sendsByUuid) if (postedAt.has(uuid.split(":")[1]) && n > 1) resent++;

  const f = (x: number) => x.toFixed(1);
  console.log(`\nfeishu webhook bench — loopback, real Redis, real SDK, real KB; bot topology: ${topology === "single" ? "1 process (receiver + worker)" : "receiver process + worker process"}`);
  console.log(`  events:          ${total} offered at ${rate}/s over ${f(firedSec)} s, +${redelivered} redeliveries of the same event`);
  console.log(`  HTTP statuses:   ${[...statuses].map(([k, v]) => `${k}×${v}`).join(" ")}`);
  console.log(`  ack latency:     p50 ${f(pct(ack, 50))} ms   p95 ${f(pct(ack, 95))} ms   p99 ${f(pct(ack, 99))} ms   max ${f(Math.max(...ack))} ms   (driver: POST → response)`);
  console.log(`                   p50 ${f(pct(serverAck, 50))} ms   p95 ${f(pct(serverAck, 95))} ms   p99 ${f(pct(serverAck, 99))} ms   (receiver: request in → response written, ${serverAck.length} requests)`);
  console.log(`  end-to-end:      p50 ${f(pct(e2e, 50))} ms   p95 ${f(pct(e2e, 95))} ms   p99 ${f(pct(e2e, 99))} ms`);
  console.log(`  throughput:      ${f(e2e.length / e2eSpan)} events/s end-to-end (first POST → last reply shown: ${f(e2eSpan)} s)`);
  const perProcess = botCpu.length > 1 ? ` = receiver ${f(botCpu[0] / total)} + worker ${f(botCpu[1] / total)}` : "";
  console.log(`  CPU per event:   bot ${f(botCpuMs / total)} ms${perProcess}; emulator+driver ${f((pc.user + pc.system) / 1000 / total)} ms`);
  console.log(`  machine:         ${cpus().length} cores, 1-min load average ${load0.toFixed(1)} at start, ${load1.toFixed(1)} at end`);
  console.log(`  lost:            ${lost}`);
  console.log(`  duplicated:      ${duplicated} shown twice (sends repeated with the same uuid: ${resent})`);

  await Promise.all(bots.map((b) => new Promise((r) => (b.proc.once("exit", r), b.proc.send({ cmd: "stop" })))));
  await emu.close();
  await removeKeys(env.REDIS_URL!, [`bench-${id}:*`, `bull:bench-${id}:*`, `bull:bench-${id}-ingest:*`]);
  rmSync(env.DATA_DIR!, { recursive: true, force: true });
  process.exit(lost || duplicated ? 1 : 0);
}

if (argv.includes("--child")) await child();
else
  await parent().catch((err: Error) => {
    console.error("bench failed:", err);
    process.exit(2);
  });
