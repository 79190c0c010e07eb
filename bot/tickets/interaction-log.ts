// The bot's answer actions, kept for the knowledge-gap report (`npm run gaps`) and the console's
// KPI rates: question (personal data masked), action, confidence and what came of it (solved /
// unsolved / handoff), each row until its retention period (INTERACTION_RETENTION_DAYS) has passed.
import { randomUUID } from "node:crypto";
import { maskPersonalData } from "../../knowledge/infra/mask.js";
import type { AnswerResult } from "../../knowledge/types.js";
import type { DeskDb, InteractionsTable } from "./db.js";

export type InteractionRow = InteractionsTable;
export type Outcome = "solved" | "unsolved" | "handoff";

/** Answers below this confidence count as low-confidence in the report. */
export const LOW_CONFIDENCE = 0.5;
const DAY_MS = 86_400_000;
const PURGE_EVERY_MS = 3_600_000;
/** A later outcome replaces an earlier one only when it says more (a handoff after 「没解决」). */
const OUTCOME_RANK: Record<Outcome, number> = { solved: 1, unsolved: 2, handoff: 3 };

export interface AnsweredQuestion {
  ref: string;
  platform: string;
  chatId: string;
  userId: string;
  result: AnswerResult;
}

/** declined: out of scope; low_confidence: escalated, a clarify, or a weak answer; answered otherwise (and for approved entries). */
export function categoryOf(r: AnswerResult): "answered" | "declined" | "low_confidence" {
  if (r.faq?.kind === "entry") return "answered"; // a reviewed service-desk answer was given
  if (r.action === "escalate") return r.project === null && r.confidence === 0 ? "declined" : "low_confidence";
  if (r.action === "clarify" || r.confidence < LOW_CONFIDENCE) return "low_confidence";
  return "answered";
}

/** What the bot did, as the console counts it: out of scope (declined) told apart from a low-confidence escalation. */
export type BotAction = "answer" | "clarify" | "decline" | "escalate";
export const BOT_ACTIONS: readonly BotAction[] = ["answer", "clarify", "decline", "escalate"];
export const BOT_ACTION_NAMES: Record<BotAction, string> = {
  answer: "直接答复",
  clarify: "澄清追问",
  decline: "超范围婉拒",
  escalate: "低置信转人工提示",
};

export function botActionOf(row: Pick<InteractionRow, "action" | "category">): BotAction {
  if (row.category === "declined") return "decline";
  return row.action === "answer" || row.action === "clarify" ? row.action : "escalate";
}

export interface ActionCounts {
  total: number;
  byAction: Record<BotAction, number>;
}

export class InteractionLog {
  private lastPurge = 0;

  constructor(
    readonly db: DeskDb,
    private readonly retentionDays: number,
    private readonly now: () => number = Date.now,
  ) {}

  async record(a: AnsweredQuestion): Promise<void> {
    const at = this.now();
    const r = a.result;
    if (r.inputIssue || !r.question.trim()) return;
    await this.db
      .insertInto("interactions")
      .values({
        id: randomUUID(),
        ref: a.ref,
        at,
        platform: a.platform,
        chat_id: a.chatId,
        user_id: a.userId,
        question: maskPersonalData(r.question).slice(0, 500),
        action: r.action,
        category: categoryOf(r),
        project: r.project,
        unit: r.leadUnits[0] ?? null,
        confidence: r.confidence,
        faq_id: r.faq?.kind === "entry" ? r.faq.id : null,
        outcome: null,
        expires_at: at + this.retentionDays * DAY_MS,
      })
      .execute();
    if (at - this.lastPurge > PURGE_EVERY_MS) {
      this.lastPurge = at;
      await this.purgeExpired();
    }
  }

  /** Feedback on an answer (its card buttons carry the ref). */
  async setOutcome(ref: string, outcome: Outcome): Promise<void> {
    const rows = await this.db.selectFrom("interactions").select(["id", "outcome"]).where("ref", "=", ref).execute();
    for (const row of rows) await this.upgrade(row, outcome);
  }

  /** 转人工 typed as a command: the user's latest answer in this chat (within a day) led to a ticket. */
  async markHandoff(platform: string, chatId: string, userId: string): Promise<void> {
    const row = await this.db
      .selectFrom("interactions")
      .select(["id", "outcome"])
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("user_id", "=", userId)
      .where("at", ">=", this.now() - DAY_MS)
      .orderBy("at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (row) await this.upgrade(row, "handoff");
  }

  private async upgrade(row: { id: string; outcome: string | null }, outcome: Outcome): Promise<void> {
    const before = OUTCOME_RANK[row.outcome as Outcome] ?? 0;
    if (OUTCOME_RANK[outcome] <= before) return;
    await this.db.updateTable("interactions").set({ outcome }).where("id", "=", row.id).execute();
  }

  async purgeExpired(): Promise<number> {
    const res = await this.db.deleteFrom("interactions").where("expires_at", "<", this.now()).executeTakeFirst();
    return Number(res.numDeletedRows ?? 0);
  }

  async between(from: number, to: number): Promise<InteractionRow[]> {
    return this.db
      .selectFrom("interactions")
      .selectAll()
      .where("at", ">=", from)
      .where("at", "<", to)
      .orderBy("at", "asc")
      .execute();
  }

  /** How often the bot answered, clarified, declined and escalated in [from, to). */
  async counts(from: number, to: number): Promise<ActionCounts> {
    const rows = await this.db
      .selectFrom("interactions")
      .select(["action", "category", (eb) => eb.fn.countAll<number>().as("n")])
      .where("at", ">=", from)
      .where("at", "<", to)
      .groupBy(["action", "category"])
      .execute();
    const byAction = Object.fromEntries(BOT_ACTIONS.map((a) => [a, 0])) as Record<BotAction, number>;
    for (const r of rows) byAction[botActionOf(r)] += Number(r.n);
    return { total: Object.values(byAction).reduce((a, b) => a + b, 0), byAction };
  }

  /** Rows in [from, to), newest first, with the console's action (e.g. declined and escalated questions). */
  async list(
    from: number,
    to: number,
    opts: { actions?: BotAction[]; limit?: number } = {},
  ): Promise<(InteractionRow & { botAction: BotAction })[]> {
    const rows = await this.db
      .selectFrom("interactions")
      .selectAll()
      .where("at", ">=", from)
      .where("at", "<", to)
      .orderBy("at", "desc")
      .limit(opts.limit ?? 1000)
      .execute();
    return rows
      .map((r) => ({ ...r, botAction: botActionOf(r) }))
      .filter((r) => !opts.actions?.length || opts.actions.includes(r.botAction));
  }
}
