// Figures behind the console's dashboard: tickets per week by project, the KPI report per project
// and lead unit (bot/tickets/report.ts — one implementation), the bot's answer / clarify / decline /
// escalate rates (interaction log) and the quarterly complaint summary (按季梳理投诉).
import type { WorkCalendar } from "../tickets/calendar.js";
import { nextDay, shanghaiDay, shanghaiDayStart } from "../tickets/calendar.js";
import { projectLabel } from "../tickets/cards.js";
import type { DeskDb } from "../tickets/db.js";
import {
  BOT_ACTIONS,
  botActionOf,
  type ActionCounts,
  type BotAction,
  type InteractionLog,
} from "../tickets/interaction-log.js";
import { buildReport, ONE_TIME_RESOLUTION_TARGET, type Report } from "../tickets/report.js";
import { maskPersonalData } from "../../knowledge/infra/mask.js";
import { STATE_NAMES } from "../tickets/states.js";

export interface Range {
  from: string; // YYYY-MM-DD, Asia/Shanghai, inclusive
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Default: the last 12 weeks up to today. Bad dates fall back to the default; at most ~3 years. */
export function parseRange(query: Record<string, unknown>, now: number): Range {
  const today = shanghaiDay(now);
  const s = (k: string) =>
    typeof query[k] === "string" && DAY.test(query[k] as string) && !Number.isNaN(Date.parse(query[k] as string))
      ? (query[k] as string)
      : undefined;
  let to = s("to") ?? today;
  let from = s("from") ?? nextDay(to, -83);
  if (from > to) [from, to] = [to, from];
  if (shanghaiDayStart(to) - shanghaiDayStart(from) > 1100 * 86_400_000) from = nextDay(to, -1100);
  return { from, to };
}

/** Monday of the week `day` falls in. */
export function weekOf(day: string): string {
  const dow = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return nextDay(day, -dow);
}

export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}年第${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}季度`;
}

/** Words by which an enterprise's request is a complaint rather than a question. */
const COMPLAINT = /投诉|举报|不满|推诿|刁难|拖延|乱收费|不作为|吃拿卡要|拖欠|欠款不还|维权/;

export interface DashboardData {
  range: Range;
  target: number;
  weekly: { weeks: string[]; series: { label: string; data: number[] }[] };
  report: Report;
  bot: ActionCounts & { weekly: { weeks: string[]; series: Record<BotAction, number[]> } };
  complaints: ComplaintSummary;
}

export interface ComplaintRow {
  quarter: string;
  project: string;
  leadUnit: string;
  opened: number;
  complaints: number;
  dissatisfied: number;
  reopened: number;
  overdue: number;
  resolved: number;
  oneTimeResolutionRate: number | null;
}

export interface ComplaintSummary {
  rows: ComplaintRow[];
  /** The complaint tickets themselves (question masked), newest first. */
  items: {
    number: string;
    day: string;
    quarter: string;
    project: string;
    leadUnit: string;
    state: string;
    question: string;
    dissatisfied: boolean;
  }[];
}

export async function dashboardData(
  db: DeskDb,
  cal: WorkCalendar,
  interactions: InteractionLog,
  range: Range,
  now: number,
): Promise<DashboardData> {
  const start = shanghaiDayStart(range.from);
  const end = shanghaiDayStart(nextDay(range.to));
  const [report, tickets, counts, botRows] = await Promise.all([
    buildReport(db, cal, range.from, range.to, now),
    db
      .selectFrom("tickets")
      .leftJoin("survey_responses", "survey_responses.ticket_id", "tickets.id")
      .select([
        "tickets.number",
        "tickets.created_at",
        "tickets.project",
        "tickets.project_name",
        "tickets.lead_unit",
        "tickets.state",
        "tickets.question",
        "tickets.conversation",
        "tickets.priority",
        "tickets.reopen_count",
        "tickets.resolved_at",
        "tickets.closed_at",
        "tickets.first_response_at",
        "tickets.first_response_due_at",
        "tickets.resolution_due_at",
        "tickets.sla_paused_at",
        "survey_responses.score as score",
      ])
      .where("tickets.created_at", ">=", start)
      .where("tickets.created_at", "<", end)
      .orderBy("tickets.created_at", "desc")
      .execute(),
    interactions.counts(start, end),
    db
      .selectFrom("interactions")
      .select(["at", "action", "category"])
      .where("at", ">=", start)
      .where("at", "<", end)
      .execute(),
  ]);

  const weeks: string[] = [];
  for (let w = weekOf(range.from); w <= range.to; w = nextDay(w, 7)) weeks.push(w);
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));

  const byProject = new Map<string, number[]>();
  for (const t of tickets) {
    const label = projectLabel(t);
    if (!byProject.has(label))
      byProject.set(
        label,
        weeks.map(() => 0),
      );
    const i = weekIndex.get(weekOf(shanghaiDay(t.created_at)));
    if (i !== undefined) byProject.get(label)![i]++;
  }
  const order = (l: string) => Number(/^项目(\d+)/.exec(l)?.[1] ?? 99);
  const series = [...byProject.entries()]
    .sort((a, b) => order(a[0]) - order(b[0]))
    .map(([label, data]) => ({ label, data }));

  const botWeekly = Object.fromEntries(BOT_ACTIONS.map((a) => [a, weeks.map(() => 0)])) as Record<BotAction, number[]>;
  for (const r of botRows) {
    const i = weekIndex.get(weekOf(shanghaiDay(Number(r.at))));
    if (i !== undefined) botWeekly[botActionOf(r)][i]++;
  }

  const groups = new Map<string, ComplaintRow>();
  const items: ComplaintSummary["items"] = [];
  for (const t of tickets) {
    const day = shanghaiDay(t.created_at);
    const quarter = quarterOf(day);
    const project = projectLabel(t);
    const leadUnit = t.lead_unit ?? "未确定";
    const key = `${quarter}\u0000${project}\u0000${leadUnit}`;
    const g = groups.get(key) ?? {
      quarter,
      project,
      leadUnit,
      opened: 0,
      complaints: 0,
      dissatisfied: 0,
      reopened: 0,
      overdue: 0,
      resolved: 0,
      oneTimeResolutionRate: null,
    };
    groups.set(key, g);
    const dissatisfied = t.score === 1;
    const complaint = COMPLAINT.test(enterpriseWords(t)) || dissatisfied;
    g.opened++;
    if (complaint) g.complaints++;
    if (dissatisfied) g.dissatisfied++;
    if (t.reopen_count > 0) g.reopened++;
    if (t.resolved_at != null) g.resolved++;
    const resolvedClock = t.resolved_at ?? (t.state === "closed" ? (t.closed_at ?? now) : (t.sla_paused_at ?? now));
    if ((t.first_response_at ?? now) > t.first_response_due_at || resolvedClock > t.resolution_due_at) g.overdue++;
    if (complaint)
      items.push({
        number: t.number,
        day,
        quarter,
        project,
        leadUnit,
        state: STATE_NAMES[t.state],
        question: maskPersonalData(t.question).slice(0, 120),
        dissatisfied,
      });
  }
  for (const g of groups.values()) {
    const resolved = tickets.filter(
      (t) =>
        quarterOf(shanghaiDay(t.created_at)) === g.quarter &&
        projectLabel(t) === g.project &&
        (t.lead_unit ?? "未确定") === g.leadUnit &&
        t.resolved_at != null,
    );
    g.oneTimeResolutionRate = resolved.length
      ? resolved.filter((t) => t.reopen_count === 0).length / resolved.length
      : null;
  }
  const rows = [...groups.values()].sort(
    (a, b) =>
      a.quarter.localeCompare(b.quarter) ||
      order(a.project) - order(b.project) ||
      a.leadUnit.localeCompare(b.leadUnit, "zh"),
  );

  return {
    range,
    target: ONE_TIME_RESOLUTION_TARGET,
    weekly: { weeks, series },
    report,
    bot: { ...counts, weekly: { weeks, series: botWeekly } },
    complaints: { rows, items },
  };
}

/** What the enterprise itself wrote (the bot's answers may quote 投诉/拖欠 from the notice). */
function enterpriseWords(t: { question: string; conversation: string }): string {
  let turns: { role?: string; text?: string }[] = [];
  try {
    turns = JSON.parse(t.conversation) as typeof turns;
  } catch {
    turns = [];
  }
  return [t.question, ...turns.filter((x) => x.role === "user").map((x) => x.text ?? "")].join("\n");
}

const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export function complaintsCsv(c: ComplaintSummary): string {
  const head = "季度,实事项目,牵头单位,受理诉求,投诉类,不满意评价,重新打开,超时,已解决,一次性化解率";
  const lines = c.rows.map((r) =>
    [
      r.quarter,
      esc(r.project),
      esc(r.leadUnit),
      r.opened,
      r.complaints,
      r.dissatisfied,
      r.reopened,
      r.overdue,
      r.resolved,
      r.oneTimeResolutionRate == null ? "" : r.oneTimeResolutionRate.toFixed(4),
    ].join(","),
  );
  const itemHead = "\n\n工单号,受理日期,季度,实事项目,牵头单位,状态,不满意,诉求摘要";
  const itemLines = c.items.map((i) =>
    [
      i.number,
      i.day,
      i.quarter,
      esc(i.project),
      esc(i.leadUnit),
      i.state,
      i.dissatisfied ? "是" : "",
      esc(i.question),
    ].join(","),
  );
  // A BOM so that spreadsheet programs read the Chinese text as UTF-8.
  return `\uFEFF${[head, ...lines].join("\n")}${itemHead}\n${itemLines.join("\n")}\n`;
}
