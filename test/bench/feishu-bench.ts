// npm run bench:feishu — signed, encrypted Feishu events fired at the webhook on loopback.
// Parent process: the Feishu emulator + the load driver. Child process: the bot (Fastify server +
// intake + BullMQ worker + real knowledge base), using real Redis and the real SDK to reply to the
// emulator. Prints ack latency p50/p95, end-to-end (POST → reply shown at the emulator) p50/p95,
// events/s, and lost / duplicated counts.
//   options: --events N (default 3000)  --rate R events/s offered (default 400)  --dup F share redelivered (default 0.1)
import { fork } from "node:child_process";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";

const QUESTIONS = [
  "政府性融资担保的费率是多少？",
  "企业信用修复找哪个部门？",
  "技改项目奖补资金怎么兑付？",
  "政府采购合同融资怎么办理？",
  "中小企业款项支付逾期怎么办？",
  "企业开办需要多长时间？",
  "数字化改造有什么支持政策？",
  "补贴",
];

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function child(): Promise<void> {
  const { startServer } = await import("../../bot/server.js");
  const { feishuChannel } = await import("../../bot/channels/feishu/index.js");
  const { openKnowledgeBase } = await import("../../knowledge/index.js");
  const kb = await openKnowledgeBase();
  const server = await startServer({ env: process.env, kb, channels: [feishuChannel] });
  process.send!({ port: server.port });
  process.on("message", async (m: { cmd?: string }) => {
    if (m.cmd === "stop") {
      await server.app.queue.obliterate({ force: true }).catch(() => undefined);
      await server.close();
      process.exit(0);
    }
  });
}

async function parent(): Promise<void> {
  const { startFeishuEmulator } = await import("../emulators/feishu/emulator.js");
  const total = arg("events", 3000);
  const rate = arg("rate", 400);
  const dupShare = arg("dup", 0.1);

  const emu = await startFeishuEmulator({ appId: `cli_${randomUUID().replace(/-/g, "").slice(0, 16)}` });
  const id = randomUUID();
  const env = {
    ...process.env,
    PORT: "0",
    HOST: "127.0.0.1",
    REDIS_URL: process.env.REDIS_URL ?? "redis://127.0.0.1:6379",
    REDIS_PREFIX: `bench-${id}:`,
    INBOUND_QUEUE: `bench-${id}`,
    WORKER_CONCURRENCY: process.env.WORKER_CONCURRENCY ?? "64",
    RATE_LIMIT_MAX: "1000",
    FEISHU_APP_ID: emu.app.appId,
    FEISHU_APP_SECRET: emu.app.appSecret,
    FEISHU_ENCRYPT_KEY: emu.app.encryptKey,
    FEISHU_VERIFICATION_TOKEN: emu.app.verificationToken,
    FEISHU_MODE: "webhook",
    FEISHU_DOMAIN: emu.url,
    LOG_LEVEL: "warn",
  };
  const bot = fork(fileURLToPath(import.meta.url), ["--child"], { env, execArgv: ["--import", "tsx"], stdio: "inherit" });
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    bot.once("message", (m) => resolve(m as { port: number }));
    bot.once("exit", (c) => reject(new Error(`bot exited (${c})`)));
  });
  emu.setWebhook(`http://127.0.0.1:${port}/feishu/events`);

  // warm-up: token, bot info, JIT
  for (let i = 0; i < 20; i++) await emu.sendUserMessage({ chatType: "p2p", text: QUESTIONS[i % QUESTIONS.length] });
  await emu.waitForBotMessages(20, { timeoutMs: 20_000 });

  const postedAt = new Map<string, number>(); // messageId → POST start
  const e2e: number[] = [];
  const ack: number[] = [];
  const statuses = new Map<number, number>();
  let lastReplyAt = 0;
  emu.state.listeners.add((m) => {
    const messageId = m.uuid?.split(":")[1];
    const t0 = messageId ? postedAt.get(messageId) : undefined;
    if (t0 === undefined || m.history.length > 1) return;
    e2e.push(performance.now() - t0);
    lastReplyAt = performance.now();
  });

  const sent: { messageId: string; chatId: string }[] = [];
  const inflight: Promise<void>[] = [];
  const start = performance.now();
  let redelivered = 0;
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const { envelope, messageId, chatId } = emu.userMessage({ chatType: i % 5 === 0 ? "group" : "p2p", mentionBot: true, text: QUESTIONS[i % QUESTIONS.length] });
    sent.push({ messageId, chatId });
    postedAt.set(messageId, performance.now());
    inflight.push(
      emu.deliver(envelope).then(({ delivery }) => {
        ack.push(delivery!.latencyMs);
        statuses.set(delivery!.status, (statuses.get(delivery!.status) ?? 0) + 1);
      }),
    );
    if (Math.random() < dupShare) {
      redelivered++;
      const later = emu.redeliver(envelope).then(({ delivery }) => {
        statuses.set(delivery!.status, (statuses.get(delivery!.status) ?? 0) + 1);
      });
      inflight.push(later);
    }
  }
  await Promise.all(inflight);
  const firedMs = performance.now() - start;
  const deadline = Date.now() + 30_000;
  while (e2e.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 1000)); // let late duplicates show up, if any

  const shownPerQuestion = new Map<string, number>();
  for (const m of emu.state.botMessages()) {
    const messageId = m.uuid?.split(":")[1];
    if (messageId && postedAt.has(messageId)) shownPerQuestion.set(messageId, (shownPerQuestion.get(messageId) ?? 0) + 1);
  }
  const lost = sent.filter((s) => !shownPerQuestion.has(s.messageId)).length;
  const duplicatedShown = [...shownPerQuestion.values()].filter((n) => n > 1).length;
  let resentSends = 0;
  for (const [uuid, n] of emu.state.sendsByUuid) if (postedAt.has(uuid.split(":")[1]) && n > 1) resentSends++;
  const e2eSpan = (lastReplyAt - start) / 1000;

  const f = (x: number) => x.toFixed(1);
  console.log("\nfeishu webhook bench (loopback, real Redis, real SDK, real KB; bot in a child process)");
  console.log(`  events:            ${total} offered at ${rate}/s (+${redelivered} redeliveries of the same event)`);
  console.log(`  HTTP statuses:     ${[...statuses].map(([k, v]) => `${k}×${v}`).join(" ")}`);
  console.log(`  ack latency:       p50 ${f(pct(ack, 50))} ms   p95 ${f(pct(ack, 95))} ms   p99 ${f(pct(ack, 99))} ms   max ${f(Math.max(...ack))} ms`);
  console.log(`  end-to-end:        p50 ${f(pct(e2e, 50))} ms   p95 ${f(pct(e2e, 95))} ms   p99 ${f(pct(e2e, 99))} ms`);
  console.log(`  throughput:        ${f(total / e2eSpan)} events/s end-to-end (first POST → last reply shown, ${f(e2eSpan)} s); fired in ${f(firedMs / 1000)} s`);
  console.log(`  lost:              ${lost}`);
  console.log(`  duplicated shown:  ${duplicatedShown}   (sends repeated with the same uuid: ${resentSends})`);

  bot.send({ cmd: "stop" });
  await new Promise((r) => bot.once("exit", r));
  await emu.close();
  process.exit(lost || duplicatedShown ? 1 : 0);
}

if (process.argv.includes("--child")) await child();
else await parent();
