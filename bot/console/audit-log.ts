// The console's audit trail: one row per action (login, refusal, ticket change, upload, publish,
// rollback, export), in the ticket database. Ticket changes are also in the ticket's own events.
import { randomUUID } from "node:crypto";
import type { ConsoleAuditTable, DeskDb } from "../tickets/db.js";
import { maskPersonalData } from "../../knowledge/infra/mask.js";

export type AuditEntry = Omit<ConsoleAuditTable, "id" | "at" | "detail" | "ip" | "actor_name" | "target"> & {
  actor_name?: string | null;
  target?: string | null;
  detail?: string | null;
  ip?: string | null;
};

export class ConsoleAuditLog {
  constructor(
    private readonly db: DeskDb,
    private readonly now: () => number = Date.now,
  ) {}

  async record(e: AuditEntry): Promise<void> {
    await this.db
      .insertInto("console_audit")
      .values({
        id: randomUUID(),
        at: this.now(),
        actor_platform: e.actor_platform,
        actor_id: e.actor_id,
        actor_name: e.actor_name ?? null,
        action: e.action,
        target: e.target ?? null,
        outcome: e.outcome,
        detail: e.detail ? maskPersonalData(e.detail).slice(0, 500) : null,
        ip: e.ip ?? null,
      })
      .execute();
  }

  async recent(limit = 100): Promise<ConsoleAuditTable[]> {
    return this.db.selectFrom("console_audit").selectAll().orderBy("at", "desc").limit(limit).execute();
  }
}
