// The console's ticket queue: filters (state, project, lead unit, assignee, SLA status), search by
// number or text, sorting; plus each ticket's SLA status as the desk computes deadlines.
import { sql } from "kysely";
import type { DeskDb } from "../tickets/db.js";
import { isOpen, TICKET_STATES, type TicketState } from "../tickets/states.js";
import type { TicketRow } from "../tickets/store.js";

export type SlaStatus = "overdue" | "due_soon" | "on_track" | "paused" | "done";
export const SLA_NAMES: Record<SlaStatus, string> = {
  overdue: "已超时",
  due_soon: "即将到期",
  on_track: "正常",
  paused: "等待企业（暂停计时）",
  done: "已办结",
};

export const SORTS = ["created_at", "updated_at", "resolution_due_at", "number", "state", "priority"] as const;
export type Sort = (typeof SORTS)[number];

export interface QueueFilter {
  state?: TicketState | "open";
  project?: number | "none";
  leadUnit?: string;
  assignee?: string | "none";
  sla?: SlaStatus;
  q?: string;
  sort: Sort;
  dir: "asc" | "desc";
}

const MAX_ROWS = 300;

/** Reads and validates the query string; anything unknown is dropped, never passed to SQL. */
export function parseFilter(query: Record<string, unknown>): QueueFilter {
  const s = (k: string) => (typeof query[k] === "string" ? (query[k] as string).trim() : "");
  const state = s("state");
  const project = s("project");
  const sla = s("sla");
  const sort = s("sort");
  return {
    state:
      state === "open" || (TICKET_STATES as readonly string[]).includes(state)
        ? (state as QueueFilter["state"])
        : undefined,
    project: project === "none" ? "none" : /^\d{1,2}$/.test(project) ? Number(project) : undefined,
    leadUnit: s("unit").slice(0, 60) || undefined,
    assignee: s("assignee").slice(0, 100) || undefined,
    sla: (Object.keys(SLA_NAMES) as string[]).includes(sla) ? (sla as SlaStatus) : undefined,
    q: s("q").slice(0, 100) || undefined,
    sort: (SORTS as readonly string[]).includes(sort) ? (sort as Sort) : "created_at",
    dir: s("dir") === "asc" ? "asc" : "desc",
  };
}

export function filterQuery(f: QueueFilter, over: Partial<Record<string, string>> = {}): string {
  const p = new URLSearchParams();
  const set = (k: string, v: string | number | undefined) => v !== undefined && v !== "" && p.set(k, String(v));
  set("state", f.state);
  set("project", f.project);
  set("unit", f.leadUnit);
  set("assignee", f.assignee);
  set("sla", f.sla);
  set("q", f.q);
  set("sort", f.sort);
  set("dir", f.dir);
  for (const [k, v] of Object.entries(over))
    if (v === undefined || v === "") p.delete(k);
    else p.set(k, v);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function slaStatus(t: TicketRow, now: number, soonMs: number): SlaStatus {
  if (!isOpen(t.state)) return "done";
  const frBreached = t.first_response_at == null && now > t.first_response_due_at;
  const clock = t.sla_paused_at ?? now;
  if (frBreached || clock > t.resolution_due_at) return "overdue";
  if (t.sla_paused_at != null) return "paused";
  const nextDue =
    t.first_response_at == null ? Math.min(t.first_response_due_at, t.resolution_due_at) : t.resolution_due_at;
  return nextDue - now <= soonMs ? "due_soon" : "on_track";
}

export interface QueueRow extends TicketRow {
  sla: SlaStatus;
}

export async function listQueue(db: DeskDb, f: QueueFilter, now: number, soonMs: number): Promise<QueueRow[]> {
  let q = db.selectFrom("tickets").selectAll();
  if (f.state === "open")
    q = q.where("state", "in", ["new", "assigned", "in_progress", "waiting_enterprise", "transferred"]);
  else if (f.state) q = q.where("state", "=", f.state);
  if (f.project === "none") q = q.where("project", "is", null);
  else if (f.project !== undefined) q = q.where("project", "=", f.project);
  if (f.leadUnit) q = q.where("lead_unit", "=", f.leadUnit);
  if (f.assignee === "none") q = q.where("assignee_id", "is", null);
  else if (f.assignee) q = q.where("assignee_id", "=", f.assignee);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb("number", "=", f.q!.toUpperCase()),
        eb(sql<string>`upper(number)`, "like", sql<string>`${like.toUpperCase()} escape '\\'`),
        eb("question", "like", sql<string>`${like} escape '\\'`),
        eb("enterprise_name", "like", sql<string>`${like} escape '\\'`),
        eb("conversation", "like", sql<string>`${like} escape '\\'`),
      ]),
    );
  }
  if (f.sort === "priority")
    q = q.orderBy("priority", f.dir === "asc" ? "desc" : "asc"); // "high" < "normal"
  else q = q.orderBy(f.sort, f.dir);
  q = q.orderBy("created_at", "desc");
  // SLA status depends on the clock, so it is filtered after reading (open tickets are few).
  const rows = await q.limit(f.sla ? MAX_ROWS * 5 : MAX_ROWS).execute();
  const out = rows.map((t) => ({ ...t, sla: slaStatus(t, now, soonMs) }));
  return (f.sla ? out.filter((r) => r.sla === f.sla) : out).slice(0, MAX_ROWS);
}

/** Values for the filter menus. */
export async function queueFacets(db: DeskDb) {
  const [projects, units, assignees] = await Promise.all([
    db
      .selectFrom("tickets")
      .select(["project", "project_name"])
      .where("project", "is not", null)
      .groupBy(["project", "project_name"])
      .orderBy("project")
      .execute(),
    db
      .selectFrom("tickets")
      .select("lead_unit")
      .where("lead_unit", "is not", null)
      .groupBy("lead_unit")
      .orderBy("lead_unit")
      .execute(),
    db
      .selectFrom("tickets")
      .select(["assignee_id", "assignee_name"])
      .where("assignee_id", "is not", null)
      .groupBy(["assignee_id", "assignee_name"])
      .execute(),
  ]);
  const uniqueProjects = [...new Map(projects.map((p) => [p.project!, p.project_name])).entries()].map(
    ([project, name]) => ({ project, name }),
  );
  const uniqueAssignees = [...new Map(assignees.map((a) => [a.assignee_id!, a.assignee_name])).entries()].map(
    ([id, name]) => ({ id, name }),
  );
  return { projects: uniqueProjects, units: units.map((u) => u.lead_unit!), assignees: uniqueAssignees };
}

/** A cheap fingerprint of the ticket table: changes whenever any ticket changes (for live refresh). */
export async function queueStamp(db: DeskDb): Promise<string> {
  // Every change bumps its ticket's version, so the sum moves even when two changes share a millisecond.
  const r = await db
    .selectFrom("tickets")
    .select([
      (eb) => eb.fn.max("updated_at").as("m"),
      (eb) => eb.fn.countAll<number>().as("n"),
      (eb) => eb.fn.sum<number>("version").as("v"),
    ])
    .executeTakeFirst();
  return `${Number(r?.m ?? 0)}:${Number(r?.n ?? 0)}:${Number(r?.v ?? 0)}`;
}
