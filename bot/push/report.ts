// Push figures for `npm run report`: subscribers, plans, messages sent, failures, the share of
// recipients reached within one hour of approval (the notice's 主动推送率 target), follow-ups.
import { sql } from "kysely";
import type { DeskDb } from "../tickets/db.js";
import { pushDb } from "./db.js";

export const PUSH_RATE_TARGET = 0.95;
const HOUR = 3_600_000;

export interface PushReport {
  subscribers: { active: number; paused: number; cancelled: number };
  plans: { total: number; pending: number; approved: number; cancelled: number; empty: number };
  messages: { planned: number; sent: number; failed: number; pending: number };
  reachedWithinHour: number;
  /** reachedWithinHour / deliveries of approved plans; null when nothing was approved. */
  pushRate: number | null;
  followUps: { deliveries: number; clicks: number; questions: number };
}

/** Plans made between `fromMs` and `toMs` (and their messages); subscriber counts are current. */
export async function buildPushReport(desk: DeskDb, fromMs: number, toMs: number): Promise<PushReport> {
  const db = pushDb(desk);
  const subs = await db
    .selectFrom("push_subscriptions")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  const sc = Object.fromEntries(subs.map((r) => [r.status, Number(r.n)]));
  const plans = await db
    .selectFrom("push_plans")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("created_at", ">=", fromMs)
    .where("created_at", "<", toMs)
    .groupBy("status")
    .execute();
  const pc = Object.fromEntries(plans.map((r) => [r.status, Number(r.n)]));
  const inRange = db
    .selectFrom("push_deliveries as d")
    .innerJoin("push_plans as p", "p.id", "d.plan_id")
    .where("p.created_at", ">=", fromMs)
    .where("p.created_at", "<", toMs);
  const msgs = await inRange
    .select(["d.status", "p.status as plan_status", (eb) => eb.fn.countAll<number>().as("n")])
    .groupBy(["d.status", "p.status"])
    .execute();
  let planned = 0,
    sent = 0,
    failed = 0,
    pending = 0,
    approvedTotal = 0;
  for (const r of msgs) {
    const n = Number(r.n);
    planned += n;
    if (r.status === "sent") sent += n;
    if (r.status === "failed") failed += n;
    if (r.status === "planned" && r.plan_status === "approved") pending += n;
    if (r.plan_status === "approved" || r.status === "sent") approvedTotal += n;
  }
  const reached = await inRange
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("d.status", "=", "sent")
    .where(sql<boolean>`d.sent_at - p.decided_at <= ${HOUR}`)
    .executeTakeFirst();
  const follow = await inRange
    .innerJoin("push_follow_ups as f", "f.delivery_id", "d.id")
    .select([
      (eb) => eb.fn.count<number>("f.delivery_id").distinct().as("deliveries"),
      sql<number>`sum(case when f.kind = 'click' then 1 else 0 end)`.as("clicks"),
      sql<number>`sum(case when f.kind = 'question' then 1 else 0 end)`.as("questions"),
    ])
    .executeTakeFirst();
  const reachedWithinHour = Number(reached?.n ?? 0);
  return {
    subscribers: { active: sc.active ?? 0, paused: sc.paused ?? 0, cancelled: sc.cancelled ?? 0 },
    plans: {
      total: Object.values(pc).reduce((a, b) => a + b, 0),
      pending: pc.pending ?? 0,
      approved: pc.approved ?? 0,
      cancelled: pc.cancelled ?? 0,
      empty: pc.empty ?? 0,
    },
    messages: { planned, sent, failed, pending },
    reachedWithinHour,
    pushRate: approvedTotal ? reachedWithinHour / approvedTotal : null,
    followUps: {
      deliveries: Number(follow?.deliveries ?? 0),
      clicks: Number(follow?.clicks ?? 0),
      questions: Number(follow?.questions ?? 0),
    },
  };
}

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

export function pushReportMarkdown(r: PushReport): string {
  return [
    "## 政策直达（推送）",
    "",
    "| 指标 | 数值 |",
    "|---|---|",
    `| 订阅会话（有效 / 暂停 / 已退订） | ${r.subscribers.active} / ${r.subscribers.paused} / ${r.subscribers.cancelled} |`,
    `| 推送计划（共 / 已批准 / 待审批 / 已取消 / 无需推送） | ${r.plans.total} / ${r.plans.approved} / ${r.plans.pending} / ${r.plans.cancelled} / ${r.plans.empty} |`,
    `| 消息（计划 / 已发送 / 失败 / 待发送） | ${r.messages.planned} / ${r.messages.sent} / ${r.messages.failed} / ${r.messages.pending} |`,
    `| 批准后 1 小时内送达 | ${r.reachedWithinHour}（主动推送率 ${pct(r.pushRate)}，目标 ${pct(PUSH_RATE_TARGET)}） |`,
    `| 追问（推送后提问或点「问一问」的会话 / 点击 / 提问） | ${r.followUps.deliveries} / ${r.followUps.clicks} / ${r.followUps.questions} |`,
  ].join("\n");
}

export function pushReportCsv(r: PushReport): string {
  const rows: [string, string | number][] = [
    ["subscribers_active", r.subscribers.active],
    ["subscribers_paused", r.subscribers.paused],
    ["subscribers_cancelled", r.subscribers.cancelled],
    ["plans_total", r.plans.total],
    ["plans_approved", r.plans.approved],
    ["plans_pending", r.plans.pending],
    ["plans_cancelled", r.plans.cancelled],
    ["messages_planned", r.messages.planned],
    ["messages_sent", r.messages.sent],
    ["messages_failed", r.messages.failed],
    ["messages_pending", r.messages.pending],
    ["reached_within_hour", r.reachedWithinHour],
    ["push_rate", r.pushRate === null ? "" : r.pushRate.toFixed(4)],
    ["follow_up_deliveries", r.followUps.deliveries],
    ["follow_up_clicks", r.followUps.clicks],
    ["follow_up_questions", r.followUps.questions],
  ];
  return ["push_metric,value", ...rows.map(([k, v]) => `${k},${v}`)].join("\n");
}
