// SLA clocks in Chinese working days and the sweep that reminds and escalates, once per stage.
import type { WorkCalendar } from "./calendar.js";
import type { SlaPolicy } from "./config.js";
import type { OutboxStore } from "./outbox-store.js";
import { OPEN_STATES, type TicketState } from "./states.js";
import type { OutboxDraft, TicketRow, TicketStore } from "./store.js";

export function slaDays(
  policy: SlaPolicy,
  project: number | null,
): { firstResponseDays: number; resolutionDays: number } {
  return (
    (project != null && policy.perProject[project]) || {
      firstResponseDays: policy.firstResponseDays,
      resolutionDays: policy.resolutionDays,
    }
  );
}

export function dueDates(cal: WorkCalendar, policy: SlaPolicy, createdAt: number, project: number | null) {
  const d = slaDays(policy, project);
  return {
    first_response_due_at: cal.dueAfterWorkdays(createdAt, d.firstResponseDays),
    resolution_due_at: cal.dueAfterWorkdays(createdAt, d.resolutionDays),
  };
}

/**
 * The resolution clock stops while a ticket waits on the enterprise: entering 待企业回复 records
 * when, leaving it moves the deadline later by the working time spent waiting.
 */
export function slaClockPatch(cal: WorkCalendar, t: TicketRow, to: TicketState, now: number): Partial<TicketRow> {
  if (to === "waiting_enterprise") return t.sla_paused_at == null ? { sla_paused_at: now } : {};
  if (t.sla_paused_at == null) return {};
  return {
    sla_paused_at: null,
    resolution_due_at: cal.addWorkdays(t.resolution_due_at, cal.workdaysBetween(t.sla_paused_at, now)),
  };
}

export type SlaStage =
  "first_response.reminder" | "first_response.breach" | "resolution.reminder" | "resolution.breach";

/** The stages that are due for `t` at `now` (pure; the store makes each one happen once). */
export function dueStages(t: TicketRow, now: number, leadMs: number): SlaStage[] {
  if (!OPEN_STATES.includes(t.state)) return [];
  const out: SlaStage[] = [];
  if (t.first_response_at == null) {
    if (now > t.first_response_due_at) out.push("first_response.breach");
    else if (now >= t.first_response_due_at - leadMs) out.push("first_response.reminder");
  }
  if (t.state === "waiting_enterprise") return out; // the resolution clock is stopped
  if (now > t.resolution_due_at) out.push("resolution.breach");
  else if (now >= t.resolution_due_at - leadMs) out.push("resolution.reminder");
  return out;
}

export interface SweepResult {
  reminders: number;
  escalations: number;
  closed: number;
}

/** What the sweeper needs to word a reminder or an escalation (bot/tickets/notifications.ts provides it). */
export interface SlaNotifier {
  slaStage(t: TicketRow, stage: SlaStage): OutboxDraft[];
}

export class SlaSweeper {
  constructor(
    private readonly deps: {
      store: TicketStore;
      outbox: OutboxStore;
      notifier: SlaNotifier;
      policy: SlaPolicy;
      now: () => number;
      /** Closes resolved tickets past the reopen window (the service does it with an audit event). */
      autoClose: (t: TicketRow) => Promise<void>;
    },
  ) {}

  async sweep(): Promise<SweepResult> {
    const { store, outbox, notifier, policy } = this.deps;
    const now = this.deps.now();
    const result: SweepResult = { reminders: 0, escalations: 0, closed: 0 };
    const horizon = now + policy.reminderLeadMs;
    const candidates = await store.db
      .selectFrom("tickets")
      .selectAll()
      .where("state", "in", OPEN_STATES)
      .where((eb) =>
        eb.or([
          eb.and([eb("first_response_at", "is", null), eb("first_response_due_at", "<=", horizon)]),
          eb("resolution_due_at", "<=", horizon),
        ]),
      )
      .orderBy("created_at", "asc")
      .limit(500)
      .execute();
    for (const t of candidates) {
      for (const stage of dueStages(t, now, policy.reminderLeadMs)) {
        const drafts = notifier.slaStage(t, stage);
        if (await outbox.recordReminder(t.id, stage, now, drafts)) {
          if (stage.endsWith(".breach")) result.escalations++;
          else result.reminders++;
        }
      }
    }
    const stale = await store.db
      .selectFrom("tickets")
      .selectAll()
      .where("state", "=", "resolved")
      .where("resolved_at", "<", now - policy.reopenDays * 86_400_000)
      .limit(500)
      .execute();
    for (const t of stale) {
      try {
        await this.deps.autoClose(t);
        result.closed++;
      } catch {
        // changed concurrently (reopened or closed elsewhere): the next sweep sees the truth
      }
    }
    return result;
  }
}
