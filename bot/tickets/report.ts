// KPI report per project and per lead unit: opened, first-response and resolution time in
// working days (median, p90), SLA breaches, one-time resolution rate, satisfaction.
import type { WorkCalendar } from "./calendar.js";
import { shanghaiDayStart, nextDay } from "./calendar.js";
import { projectLabel } from "./cards.js";
import type { DeskDb } from "./db.js";
import type { TicketRow } from "./store.js";

export const ONE_TIME_RESOLUTION_TARGET = 0.95;

export interface GroupStats {
  dimension: "project" | "lead_unit" | "total";
  group: string;
  opened: number;
  firstResponseMedian: number | null;
  firstResponseP90: number | null;
  resolutionMedian: number | null;
  resolutionP90: number | null;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  resolved: number;
  oneTimeResolutionRate: number | null;
  surveys: number;
  satisfied: number; // 满意 + 基本满意
  satisfactionRate: number | null;
  dissatisfied: number;
}

export interface Report {
  from: string;
  to: string;
  generatedAt: number;
  rows: GroupStats[];
}

type Row = TicketRow & { score: number | null };

/** Tickets opened between `from` and `to` (inclusive, Asia/Shanghai dates). */
export async function buildReport(
  db: DeskDb,
  cal: WorkCalendar,
  from: string,
  to: string,
  now: number,
): Promise<Report> {
  const start = shanghaiDayStart(from);
  const end = shanghaiDayStart(nextDay(to));
  const rows = (await db
    .selectFrom("tickets")
    .leftJoin("survey_responses", "survey_responses.ticket_id", "tickets.id")
    .selectAll("tickets")
    .select("survey_responses.score as score")
    .where("tickets.created_at", ">=", start)
    .where("tickets.created_at", "<", end)
    .orderBy("tickets.created_at")
    .execute()) as Row[];
  const groups = new Map<string, { dimension: GroupStats["dimension"]; group: string; rows: Row[] }>();
  const add = (dimension: GroupStats["dimension"], group: string, r: Row) => {
    const key = `${dimension}\u0000${group}`;
    if (!groups.has(key)) groups.set(key, { dimension, group, rows: [] });
    groups.get(key)!.rows.push(r);
  };
  for (const r of rows) {
    add("project", r.project == null ? "未归类" : projectLabel(r), r);
    add("lead_unit", r.lead_unit ?? "未确定", r);
    add("total", "合计", r);
  }
  const order = { project: 0, lead_unit: 1, total: 2 };
  const stats = [...groups.values()]
    .map((g) => stats1(g.dimension, g.group, g.rows, cal, now))
    .sort(
      (a, b) =>
        order[a.dimension] - order[b.dimension] ||
        projectOrder(a.group) - projectOrder(b.group) ||
        a.group.localeCompare(b.group, "zh"),
    );
  if (!rows.length) stats.push(stats1("total", "合计", [], cal, now));
  return { from, to, generatedAt: now, rows: stats };
}

function projectOrder(g: string): number {
  const m = /^项目(\d+)/.exec(g);
  return m ? Number(m[1]) : 99;
}

function stats1(
  dimension: GroupStats["dimension"],
  group: string,
  rows: Row[],
  cal: WorkCalendar,
  now: number,
): GroupStats {
  const frt = rows
    .filter((r) => r.first_response_at != null)
    .map((r) => cal.workdaysBetween(r.created_at, r.first_response_at!));
  const res = rows.filter((r) => r.resolved_at != null).map((r) => cal.workdaysBetween(r.created_at, r.resolved_at!));
  const resolved = rows.filter((r) => r.resolved_at != null);
  const surveys = rows.filter((r) => r.score != null);
  const satisfied = surveys.filter((r) => r.score! >= 2).length;
  return {
    dimension,
    group,
    opened: rows.length,
    firstResponseMedian: percentile(frt, 0.5),
    firstResponseP90: percentile(frt, 0.9),
    resolutionMedian: percentile(res, 0.5),
    resolutionP90: percentile(res, 0.9),
    firstResponseBreaches: rows.filter((r) => (r.first_response_at ?? now) > r.first_response_due_at).length,
    resolutionBreaches: rows.filter(
      (r) =>
        (r.resolved_at ?? (r.state === "closed" ? (r.closed_at ?? now) : (r.sla_paused_at ?? now))) >
        r.resolution_due_at,
    ).length,
    resolved: resolved.length,
    oneTimeResolutionRate: resolved.length
      ? resolved.filter((r) => r.reopen_count === 0).length / resolved.length
      : null,
    surveys: surveys.length,
    satisfied,
    satisfactionRate: surveys.length ? satisfied / surveys.length : null,
    dissatisfied: surveys.length - satisfied,
  };
}

/** Nearest-rank percentile; null for no data. */
export function percentile(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const days = (v: number | null) => (v == null ? "—" : v.toFixed(2));
const pct = (v: number | null) => (v == null ? "—" : `${(v * 100).toFixed(1)}%`);

export function reportMarkdown(r: Report): string {
  const head =
    "| 分组 | 受理量 | 首次响应中位数 | 首次响应P90 | 办结中位数 | 办结P90 | 首响超时 | 办结超时 | 已解决 | 一次性化解率 | 评价数 | 满意度 |";
  const sep = "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  const line = (s: GroupStats) =>
    `| ${s.group} | ${s.opened} | ${days(s.firstResponseMedian)} | ${days(s.firstResponseP90)} | ${days(s.resolutionMedian)} | ${days(s.resolutionP90)} | ` +
    `${s.firstResponseBreaches} | ${s.resolutionBreaches} | ${s.resolved} | ${pct(s.oneTimeResolutionRate)}${flag(s)} | ${s.surveys} | ${pct(s.satisfactionRate)} |`;
  const section = (title: string, dim: GroupStats["dimension"]) => [
    `## ${title}`,
    "",
    head,
    sep,
    ...r.rows.filter((s) => s.dimension === dim).map(line),
    "",
  ];
  const total = r.rows.find((s) => s.dimension === "total");
  return [
    `# 企服通服务台工单报表（${r.from} 至 ${r.to}）`,
    "",
    "时间单位：工作日（按法定节假日与调休计算，Asia/Shanghai）。一次性化解率 = 已解决且未被重新打开的工单 / 已解决工单，目标 95%。满意度 = （满意 + 基本满意）/ 评价数。",
    "",
    total
      ? `合计受理 ${total.opened} 件，一次性化解率 ${pct(total.oneTimeResolutionRate)}${flag(total)}，满意度 ${pct(total.satisfactionRate)}。`
      : "",
    "",
    ...section("按实事项目", "project"),
    ...section("按牵头单位", "lead_unit"),
    ...section("合计", "total"),
  ].join("\n");
}

function flag(s: GroupStats): string {
  if (s.oneTimeResolutionRate == null) return "";
  return s.oneTimeResolutionRate >= ONE_TIME_RESOLUTION_TARGET ? " ✅" : " ⚠️";
}

export function reportCsv(r: Report): string {
  const cols = [
    "dimension",
    "group",
    "opened",
    "first_response_median_wd",
    "first_response_p90_wd",
    "resolution_median_wd",
    "resolution_p90_wd",
    "first_response_breaches",
    "resolution_breaches",
    "resolved",
    "one_time_resolution_rate",
    "surveys",
    "satisfied",
    "dissatisfied",
    "satisfaction_rate",
  ];
  const num = (v: number | null, d = 3) => (v == null ? "" : v.toFixed(d));
  const esc = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
  const lines = r.rows.map((s) =>
    [
      s.dimension,
      esc(s.group),
      s.opened,
      num(s.firstResponseMedian),
      num(s.firstResponseP90),
      num(s.resolutionMedian),
      num(s.resolutionP90),
      s.firstResponseBreaches,
      s.resolutionBreaches,
      s.resolved,
      num(s.oneTimeResolutionRate, 4),
      s.surveys,
      s.satisfied,
      s.dissatisfied,
      num(s.satisfactionRate, 4),
    ].join(","),
  );
  return [cols.join(","), ...lines].join("\n");
}
