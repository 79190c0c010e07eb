// The bot's interaction log: one row per question the knowledge base answered — what the bot did
// (answer / clarify / decline / escalate), how sure it was, which project and lead unit — with the
// question's personal data masked. Durable and shared by every bot process (the ticket database);
// rows older than the retention setting are pruned. Read by the console's KPI rates and by the
// knowledge-gap report.
import { randomUUID } from "node:crypto";
import { MESSAGES } from "../../knowledge/answer/messages.js";
import type { AnswerResult } from "../../knowledge/types.js";
import { maskPersonalData } from "../../knowledge/infra/mask.js";
import type { BotInteractionsTable, DeskDb } from "./db.js";

export type BotAction = BotInteractionsTable["action"];
export const BOT_ACTIONS: readonly BotAction[] = ["answer", "clarify", "decline", "escalate"];
export const BOT_ACTION_NAMES: Record<BotAction, string> = { answer: "直接答复", clarify: "澄清追问", decline: "超范围婉拒", escalate: "低置信转人工提示" };

const MAX_QUESTION_CHARS = 500;

/** Out of scope (declined) and low confidence (escalated) both come back as `escalate` from the KB. */
export function botActionOf(r: Pick<AnswerResult, "action" | "answer" | "project">): BotAction {
  if (r.action !== "escalate") return r.action;
  return r.project == null && r.answer.trim() === MESSAGES.outOfScope ? "decline" : "escalate";
}

export interface InteractionInput {
  platform: string;
  tenant: string;
  question: string;
  result: Pick<AnswerResult, "action" | "answer" | "project" | "leadUnits" | "confidence">;
  indexVersion?: string | null;
  at: number;
}

export interface ActionCounts {
  total: number;
  byAction: Record<BotAction, number>;
}

export class InteractionLog {
  constructor(
    private readonly db: DeskDb,
    /** Rows older than this many days are pruned (0 = keep for ever). */
    private readonly retentionDays: number,
  ) {}

  async record(i: InteractionInput): Promise<void> {
    await this.db
      .insertInto("bot_interactions")
      .values({
        id: randomUUID(),
        at: i.at,
        platform: i.platform,
        tenant: i.tenant,
        question: maskPersonalData([...i.question].slice(0, MAX_QUESTION_CHARS).join("")),
        action: botActionOf(i.result),
        confidence: Number.isFinite(i.result.confidence) ? i.result.confidence : null,
        project: i.result.project ?? null,
        lead_unit: i.result.leadUnits[0] ?? null,
        index_version: i.indexVersion ?? null,
      })
      .execute();
  }

  /** Deletes rows past the retention window; returns how many. */
  async prune(now: number): Promise<number> {
    if (this.retentionDays <= 0) return 0;
    const res = await this.db.deleteFrom("bot_interactions").where("at", "<", now - this.retentionDays * 86_400_000).executeTakeFirst();
    return Number(res.numDeletedRows ?? 0);
  }

  /** How often the bot answered, clarified, declined and escalated in [from, to). */
  async counts(from: number, to: number): Promise<ActionCounts> {
    const rows = await this.db
      .selectFrom("bot_interactions")
      .select(["action", (eb) => eb.fn.countAll<number>().as("n")])
      .where("at", ">=", from)
      .where("at", "<", to)
      .groupBy("action")
      .execute();
    const byAction = Object.fromEntries(BOT_ACTIONS.map((a) => [a, 0])) as Record<BotAction, number>;
    for (const r of rows) if (r.action in byAction) byAction[r.action] = Number(r.n);
    return { total: Object.values(byAction).reduce((a, b) => a + b, 0), byAction };
  }

  /** Rows in [from, to), newest first (for gap reports: declined / escalated questions). */
  async list(from: number, to: number, opts: { actions?: BotAction[]; limit?: number } = {}): Promise<BotInteractionsTable[]> {
    let q = this.db.selectFrom("bot_interactions").selectAll().where("at", ">=", from).where("at", "<", to);
    if (opts.actions?.length) q = q.where("action", "in", opts.actions);
    return q.orderBy("at", "desc").limit(opts.limit ?? 1000).execute();
  }
}
