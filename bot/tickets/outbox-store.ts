// Outbox rows: notifications written with the change that caused them, delivered later.
import type { DeskDb, OutboxTable } from "./db.js";
import { insertOutbox, type OutboxDraft } from "./store.js";

export type OutboxRow = OutboxTable;

export class OutboxStore {
  constructor(readonly db: DeskDb) {}

  /** Undelivered rows created before `olderThan`, oldest first. */
  async pending(olderThan: number, limit = 100): Promise<OutboxRow[]> {
    return this.db
      .selectFrom("outbox")
      .selectAll()
      .where("delivered_at", "is", null)
      .where("created_at", "<=", olderThan)
      .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", olderThan)]))
      .orderBy("created_at", "asc")
      .limit(limit)
      .execute();
  }

  async get(id: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom("outbox").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /**
   * Leases an undelivered row for one sender: only one worker (in any process) holds it
   * until `now + leaseMs`. Returns the row, or undefined when delivered or leased elsewhere.
   */
  async lease(id: string, now: number, leaseMs: number): Promise<OutboxRow | undefined> {
    const res = await this.db
      .updateTable("outbox")
      .set((eb) => ({ locked_until: now + leaseMs, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where("delivered_at", "is", null)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    return this.get(id);
  }

  async byKey(key: string): Promise<OutboxRow | undefined> {
    return this.db.selectFrom("outbox").selectAll().where("idempotency_key", "=", key).executeTakeFirst();
  }

  async markDelivered(id: string, now: number, messageId?: string): Promise<void> {
    await this.db
      .updateTable("outbox")
      .set({ delivered_at: now, locked_until: null, result_message_id: messageId ?? null, last_error: null })
      .where("id", "=", id)
      .execute();
  }

  /** Releases the row; the poll loop offers it again after a backoff (1 s, 2 s, 4 s … at most 10 min). */
  async markFailed(id: string, error: string, now: number): Promise<void> {
    const row = await this.get(id);
    const backoff = Math.min(600_000, 1000 * 2 ** Math.min(20, Math.max(0, (row?.attempts ?? 1) - 1)));
    await this.db
      .updateTable("outbox")
      .set({ locked_until: null, last_error: error.slice(0, 500), next_attempt_at: now + backoff })
      .where("id", "=", id)
      .execute();
  }

  async listForTicket(ticketId: string): Promise<OutboxRow[]> {
    return this.db
      .selectFrom("outbox")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .orderBy("created_at", "asc")
      .execute();
  }

  /**
   * Records that `stage` was handled for a ticket and writes its notifications in the same
   * transaction. Returns false (and writes nothing) when the stage was already recorded.
   */
  async recordReminder(ticketId: string, stage: string, now: number, drafts: OutboxDraft[]): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const res = await trx
        .insertInto("reminders_sent")
        .values({ ticket_id: ticketId, stage, sent_at: now })
        .onConflict((oc) => oc.columns(["ticket_id", "stage"]).doNothing())
        .executeTakeFirst();
      if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) return false;
      await insertOutbox(trx, ticketId, drafts, now);
      return true;
    });
  }

  async remindersFor(ticketId: string) {
    return this.db.selectFrom("reminders_sent").selectAll().where("ticket_id", "=", ticketId).execute();
  }
}
