// npm run bench:push [-- --subscribers 10000 --documents 1000 --rate 200 --db sqlite|postgres]
// 1. Plan: 10,000 subscriptions and a publish that adds/changes 1,000 documents → plan computed
//    (document diff, matching, database write) — target ≤ 1 s.
// 2. Delivery: the plan approved, a delivery process sends through the Feishu emulator held to a
//    send rate limit (--rate per second); it is killed (SIGKILL) part-way and a new one finishes.
//    Every subscriber chat must show exactly one push message: zero duplicates, zero losses.
import { fork, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { logger } from "../../knowledge/infra/logger.js";
import { openDeskDb } from "../../bot/tickets/db.js";
import { migrateToLatest } from "../../bot/tickets/migrations.js";
import { createPush } from "../../bot/push/index.js";
import { pushDb } from "../../bot/push/db.js";
import { documentChangesBetween } from "../../bot/push/document-changes.js";
import { startFeishuEmulator } from "../emulators/feishu/emulator.js";
import { recordPublish, writeVersion, type FixtureDoc } from "../push/fixtures.js";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";
import { deleteKeysMatching } from "../support/redis-keys.js";

const { values: args } = parseArgs({
  options: {
    subscribers: { type: "string", default: "10000" },
    documents: { type: "string", default: "1000" },
    rate: { type: "string", default: "200" },
    db: { type: "string", default: "sqlite" },
    "plan-only": { type: "boolean", default: false },
  },
});
const N_SUBS = Number(args.subscribers);
const N_DOCS = Number(args.documents);
const RATE = Number(args.rate);
const REDIS = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const PG = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

const TAG_WORDS = [
  "融资担保和贷款贴息",
  "外贸出口和跨境通关",
  "招聘用工和社保补贴",
  "专利商标知识产权保护",
  "政府采购和投标",
  "数字化改造和工业互联网",
];
const TOPICS = ["融资", "外贸", "用工", "知识产权", "政府采购", "数字化", "项目4", "项目6", "项目7"];
const DISTRICTS = ["余杭区", "萧山区", "滨江区"];

function rand(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function synthDocs(n: number, variant: number): FixtureDoc[] {
  const r = rand(7);
  return Array.from({ length: n }, (_, i) => {
    const w = TAG_WORDS[i % TAG_WORDS.length];
    const d = r() < 0.2 ? DISTRICTS[i % DISTRICTS.length] : "";
    return {
      id: `doc-${i}`,
      title: `关于${w}的若干措施（${i}）`,
      issuer: "杭州市人民政府办公厅",
      issued: "2025-05-01",
      relatedProjects: [[4, 6, 7][i % 3]],
      articles: [
        `第一条 为支持中小企业${w}，${d}制定本措施。`,
        `第二条 补助比例不低于${10 + (i % 40)}%，单户最高${100 + variant * 50}万元。`,
        ...(variant ? [`第三条 申请材料在${5 + (i % 10)}个工作日内办结。`] : []),
      ],
    };
  });
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "push-bench-"));
  let dbUrl = `sqlite:${path.join(dataDir, "desk.db")}`;
  let schema: string | undefined;
  if (args.db === "postgres") {
    schema = `push_bench_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    await c.query(`CREATE SCHEMA ${schema}`);
    await c.end();
    dbUrl = PG;
  }
  const opened = openDeskDb(dbUrl, schema ? { schema } : {});
  await migrateToLatest(opened.db);
  const db = pushDb(opened.db);

  // 10,000 subscriptions (1–3 topics each, some with a district)
  const r = rand(42);
  const now = Date.now();
  const subs = Array.from({ length: N_SUBS }, (_, i) => {
    const topics = [
      ...new Set(Array.from({ length: 1 + Math.floor(r() * 3) }, () => TOPICS[Math.floor(r() * TOPICS.length)])),
    ];
    return {
      id: randomUUID(),
      platform: "feishu",
      tenant: "t",
      chat_id: `oc_bench_${i}`,
      chat_type: "group" as const,
      user_id: `ou_${i}`,
      topics: JSON.stringify(topics),
      industry: null,
      district: r() < 0.1 ? DISTRICTS[i % 3] : null,
      status: "active" as const,
      paused_reason: null,
      locked_by: null,
      created_at: now,
      updated_at: now,
      updated_by: `ou_${i}`,
    };
  });
  for (let i = 0; i < subs.length; i += 500)
    await db
      .insertInto("push_subscriptions")
      .values(subs.slice(i, i + 500))
      .execute();

  // A publish that changes every document (half rewritten, half new)
  const before = synthDocs(N_DOCS / 2, 0);
  const after = synthDocs(N_DOCS, 1);
  writeVersion(dataDir, "v1", before);
  writeVersion(dataDir, "v2", after);
  recordPublish(dataDir, "v2", "v1");

  const push = createPush({
    db: opened,
    desk: { deskPlatform: "feishu" },
    dataDir,
    config: { rates: { feishu: RATE }, worker: false, followUpMs: 3_600_000, lookbackMs: 86_400_000 },
    logger,
  });
  const t0 = performance.now();
  const changes = await documentChangesBetween(
    path.join(dataDir, "index/versions/v1"),
    path.join(dataDir, "index/versions/v2"),
  );
  const tDiff = performance.now() - t0;
  const t1 = performance.now();
  const { plan } = await push.planner.planVersion("v2", "v1");
  const tPlan = performance.now() - t1;
  console.log(
    `plan: ${changes.changes.length} changed documents × ${N_SUBS} subscribers → ${plan.recipients} recipients`,
  );
  console.log(
    `  document diff (both versions read): ${tDiff.toFixed(0)} ms; whole plan (diff + match + ${args.db} write): ${tPlan.toFixed(0)} ms ${tPlan <= 1000 ? "(≤ 1 s ✓)" : "(> 1 s ✗)"}`,
  );

  if (args["plan-only"]) {
    await opened.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    process.exit(tPlan <= 1000 ? 0 : 1);
  }
  // Delivery through the emulator at its rate limit, with a worker kill part-way.
  const emu = await startFeishuEmulator();
  emu.state.sendRateLimit = { perSecond: RATE };
  const prefix = `bench-push-${randomUUID()}`;
  const envFor = (): NodeJS.ProcessEnv => ({
    ...process.env,
    LOG_LEVEL: "silent",
    BENCH_DB: schema ? `${PG}` : dbUrl,
    BENCH_APP_ID: emu.app.appId,
    BENCH_APP_SECRET: emu.app.appSecret,
    BENCH_FEISHU: emu.url,
    BENCH_RATE: String(RATE),
    BENCH_REDIS: REDIS,
    BENCH_PREFIX: prefix,
    BENCH_DATA: dataDir,
    ...(schema ? { BENCH_SCHEMA: schema } : {}),
  });
  const start = (): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = fork(new URL("./push-worker.ts", import.meta.url).pathname, [], {
        env: envFor(),
        execArgv: ["--import", "tsx"],
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      child.once("message", () => resolve(child));
      child.once("error", reject);
    });
  await push.service.approve(plan.id, "bench");
  const tSend = performance.now();
  let worker = await start();
  const chatsShown = () => emu.state.botMessages().length;
  const killAt = Math.floor(plan.recipients * 0.3);
  while (chatsShown() < killAt) await new Promise((res) => setTimeout(res, 50));
  worker.kill("SIGKILL");
  const killedAfter = chatsShown();
  console.log(
    `  worker killed (SIGKILL) after ${killedAfter} messages (${((performance.now() - tSend) / 1000).toFixed(1)} s); a new worker takes over`,
  );
  worker = await start();
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    const c = await push.plans.deliveryCounts(plan.id);
    if ((c.sent ?? 0) + (c.failed ?? 0) >= plan.recipients || Date.now() > deadline) break;
    await new Promise((res) => setTimeout(res, 1000));
    if (process.env.BENCH_PROGRESS)
      console.log(`  … ${c.sent ?? 0} sent after ${((performance.now() - tSend) / 1000).toFixed(0)} s`);
  }
  const sendSec = (performance.now() - tSend) / 1000;
  worker.kill("SIGTERM");
  await new Promise((res) => setTimeout(res, 500));
  const perChat = new Map<string, number>();
  for (const m of emu.state.botMessages()) perChat.set(m.chat_id, (perChat.get(m.chat_id) ?? 0) + 1);
  const expected = await db.selectFrom("push_deliveries").select("chat_id").where("plan_id", "=", plan.id).execute();
  const duplicates = [...perChat.values()].filter((n) => n > 1).length;
  const lost = expected.filter((e) => !perChat.has(e.chat_id)).length;
  const limited = emu.state.requests.filter((q) => q.status === 429).length;
  const sendRequests = emu.state.requests.filter((q) => q.api === "create").length;
  const counts = await push.plans.deliveryCounts(plan.id);
  console.log(
    `delivery: ${expected.length} messages in ${sendSec.toFixed(1)} s = ${(expected.length / sendSec).toFixed(1)}/s at an emulator limit of ${RATE}/s`,
  );
  console.log(
    `  sent ${counts.sent ?? 0}, failed ${counts.failed ?? 0}; send requests ${sendRequests} (${limited} answered 429 and retried)`,
  );
  console.log(`  duplicates shown: ${duplicates}; lost: ${lost} ${duplicates === 0 && lost === 0 ? "✓" : "✗"}`);

  await emu.close();
  await opened.close();
  const rc = createRedis(REDIS, "producer");
  await waitReady(rc);
  await deleteKeysMatching(rc, [`${prefix}:*`]);
  await closeRedis(rc);
  if (schema) {
    const c = new pg.Client({ connectionString: PG });
    await c.connect();
    await c.query(`DROP SCHEMA ${schema} CASCADE`);
    await c.end();
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  process.exit(duplicates === 0 && lost === 0 ? 0 : 1);
}

await main();
