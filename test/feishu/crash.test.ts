// A worker process dies after the reply was shown but before its job completed: another worker
// picks the stalled job up and resends with the same uuid — the user sees one reply.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { startInboundWorker } from "../../bot/conversation/intake.js";
import { closeWithDeadline } from "../../bot/infra/queue.js";
import { closeRedis, createRedis, waitReady, type Redis } from "../../bot/infra/redis.js";
import { realKb, sleep, startFeishuStack, type FeishuStack, REDIS_URL } from "./harness.js";

let s: FeishuStack;
let child: ChildProcess | undefined;
let conns: Redis[] = [];

beforeAll(async () => {
  s = await startFeishuStack({ kb: await realKb(), env: { WORKER_ENABLED: "false" } });
});
afterAll(async () => {
  child?.kill("SIGKILL");
  await s?.close();
  await closeRedis(...conns);
});

it("retry after a worker crash gives one reply", async () => {
  child = fork(fileURLToPath(new URL("./crash-worker.ts", import.meta.url)), [], {
    env: { ...process.env, ...s.env },
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  await new Promise<void>((resolve, reject) => {
    child!.once("message", () => resolve());
    child!.once("exit", (code) => reject(new Error(`crash worker exited early (${code})`)));
  });
  s.emu.fail("create", "hang_after_show", 1);
  const sent = await s.emu.sendUserMessage({ chatType: "p2p", text: "企业信用修复找哪个部门？" });
  expect(sent.delivery?.status).toBe(200);
  await s.emu.waitForBotMessages(1, { chatId: sent.chatId, timeoutMs: 10_000 });
  child.kill("SIGKILL");
  await new Promise((r) => child!.once("exit", r));

  const producer = createRedis(REDIS_URL, "producer");
  const workerConn = createRedis(REDIS_URL, "worker");
  conns = [producer, workerConn];
  await waitReady(producer);
  const deps = createRedisConversationDeps({ kb: await realKb(), redis: producer, prefix: s.prefix });
  const worker = startInboundWorker({
    queueName: s.queueName,
    connection: workerConn,
    deps,
    senders: new Map([["feishu", s.server.app.channels[0].sender]]),
    lockDurationMs: 1000,
    stalledIntervalMs: 300,
  });
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && (await s.server.app.queue.getCompletedCount()) < 1) await sleep(100);
  await closeWithDeadline([worker], 5000);
  expect(await s.server.app.queue.getCompletedCount()).toBe(1);
  const creates = s.emu.state.requests.filter((r) => r.api === "create");
  expect(creates.length).toBe(2); // the hung send and the retried one
  expect(s.emu.state.botMessages(sent.chatId)).toHaveLength(1);
}, 30_000);
