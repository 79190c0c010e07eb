// TicketStore: every ticket read and write, each change with its audit event, message and
// outbox rows in ONE transaction. Works the same on SQLite and PostgreSQL.
import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { shanghaiDay } from "./calendar.js";
import type { DeskDatabase, DeskDb, OutboxTable, TicketsTable } from "./db.js";
import { TicketError, wrongState } from "./errors.js";
import { canApply, isOpen, nextState, OPEN_STATES, type TicketAction } from "./states.js";

export type TicketRow = TicketsTable;
export type Trx = Transaction<DeskDatabase>;

/** Who made a change: (platform, id) — see identity.ts. */
export interface Actor {
  platform: string;
  id: string;
  name?: string;
}

export interface OutboxDraft {
  kind: string;
  platform: string;
  targetType: OutboxTable["target_type"];
  target: string | null;
  payload: unknown;
  idempotencyKey: string;
}

export type NewTicket = Omit<
  TicketRow,
  | "id"
  | "number"
  | "state"
  | "version"
  | "open_dedupe_key"
  | "assignee_id"
  | "assignee_platform"
  | "assignee_name"
  | "desk_message_id"
  | "reopen_count"
  | "created_at"
  | "updated_at"
  | "first_response_at"
  | "resolved_at"
  | "closed_at"
  | "sla_paused_at"
>;

export interface ChangeSpec {
  action?: TicketAction; // state transition (checked by the state machine); none = state unchanged
  event: string; // audit event type
  actor: Actor;
  note?: string;
  message?: { authorKind: "enterprise" | "staff" | "system"; visibility: "public" | "internal"; body: string };
  patch?: (t: TicketRow) => Partial<TicketRow>;
  guard?: (t: TicketRow) => void; // throws a TicketError to refuse, with fresh data
  outbox?: (t: TicketRow) => OutboxDraft[];
  /** The platform's id of the card click that asked for this change: recorded in the same transaction, so a replay is refused. */
  callbackEventId?: string;
  /** More writes in the same transaction (e.g. the ticket's label). */
  extra?: (trx: Trx, t: TicketRow) => Promise<void>;
}

export class TicketStore {
  constructor(readonly db: DeskDb) {}

  /** Creates a ticket, or returns the open one for the same request (`created: false`). */
  async create(
    input: NewTicket,
    now: number,
    outbox: (t: TicketRow) => OutboxDraft[],
  ): Promise<{ ticket: TicketRow; created: boolean }> {
    const existing = await this.findOpenByDedupeKey(input.dedupe_key);
    if (existing) return { ticket: existing, created: false };
    try {
      const ticket = await this.db.transaction().execute(async (trx) => {
        const day = shanghaiDay(now);
        const seq = await trx
          .insertInto("ticket_sequences")
          .values({ day, last: 1 })
          .onConflict((oc) => oc.column("day").doUpdateSet({ last: sql<number>`ticket_sequences.last + 1` }))
          .returning("last")
          .executeTakeFirstOrThrow();
        const row: TicketRow = {
          ...input,
          id: randomUUID(),
          number: `QY-${day.replaceAll("-", "")}-${String(seq.last).padStart(4, "0")}`,
          state: "new",
          version: 1,
          open_dedupe_key: input.dedupe_key,
          assignee_id: null,
          assignee_platform: null,
          assignee_name: null,
          desk_message_id: null,
          reopen_count: 0,
          created_at: now,
          updated_at: now,
          first_response_at: null,
          resolved_at: null,
          closed_at: null,
          sla_paused_at: null,
        };
        await trx.insertInto("tickets").values(row).execute();
        await insertEvent(
          trx,
          row,
          "created",
          { platform: input.platform, id: input.user_id, name: input.user_name ?? undefined },
          null,
          "new",
          null,
          now,
        );
        await insertMessage(
          trx,
          row.id,
          { authorKind: "enterprise", visibility: "public", body: input.question },
          { platform: input.platform, id: input.user_id, name: input.user_name ?? undefined },
          now,
        );
        await insertOutbox(trx, row.id, outbox(row), now);
        return row;
      });
      return { ticket, created: true };
    } catch (err) {
      // A concurrent request for the same thing won the unique open_dedupe_key: return its ticket.
      const winner = await this.findOpenByDedupeKey(input.dedupe_key);
      if (winner) return { ticket: winner, created: false };
      throw err;
    }
  }

  /**
   * Applies one change under optimistic locking: the UPDATE only matches the version that was
   * read, so of two concurrent changes exactly one wins and the other gets TICKET_CONFLICT.
   */
  async change(number: string, spec: ChangeSpec, now: number): Promise<TicketRow> {
    return this.db.transaction().execute(async (trx) => {
      const t = await trx.selectFrom("tickets").selectAll().where("number", "=", number).executeTakeFirst();
      if (!t) throw new TicketError("TICKET_NOT_FOUND", `no ticket ${number}`, { number });
      if (spec.action && !canApply(spec.action, t.state)) throw wrongState(number, t.state, spec.action);
      spec.guard?.(t);
      if (spec.callbackEventId) {
        const seen = await trx
          .insertInto("ticket_callbacks")
          .values({ event_id: spec.callbackEventId, ticket_id: t.id, at: now })
          .onConflict((oc) => oc.column("event_id").doNothing())
          .executeTakeFirst();
        if (Number(seen.numInsertedOrUpdatedRows ?? 0) !== 1)
          throw new TicketError("TICKET_DUPLICATE_CALLBACK", `callback ${spec.callbackEventId} already applied`, {
            number,
          });
      }
      const to = spec.action ? nextState(spec.action, t.state) : t.state;
      const patch = spec.patch?.(t) ?? {};
      const next: TicketRow = { ...t, ...patch, state: to, version: t.version + 1, updated_at: now };
      if (!isOpen(to)) next.open_dedupe_key = null;
      else if (!t.open_dedupe_key && !(await this.findOpenByDedupeKey(t.dedupe_key, trx)))
        next.open_dedupe_key = t.dedupe_key;
      const res = await trx
        .updateTable("tickets")
        .set({ ...patch, state: to, version: next.version, updated_at: now, open_dedupe_key: next.open_dedupe_key })
        .where("id", "=", t.id)
        .where("version", "=", t.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1)
        throw new TicketError("TICKET_CONFLICT", `ticket ${number} changed concurrently`, { number });
      await insertEvent(trx, next, spec.event, spec.actor, t.state, to, spec.note ?? null, now);
      if (spec.message) await insertMessage(trx, t.id, spec.message, spec.actor, now);
      if (spec.outbox) await insertOutbox(trx, t.id, spec.outbox(next), now);
      if (spec.extra) await spec.extra(trx, next);
      return next;
    });
  }

  async get(number: string): Promise<TicketRow | undefined> {
    return this.db.selectFrom("tickets").selectAll().where("number", "=", number).executeTakeFirst();
  }

  async getById(id: string): Promise<TicketRow | undefined> {
    return this.db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findOpenByDedupeKey(key: string, trx: DeskDb | Trx = this.db): Promise<TicketRow | undefined> {
    return trx.selectFrom("tickets").selectAll().where("open_dedupe_key", "=", key).executeTakeFirst();
  }

  async listByUser(platform: string, userId: string, limit = 10): Promise<TicketRow[]> {
    return this.db
      .selectFrom("tickets")
      .selectAll()
      .where("platform", "=", platform)
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .limit(limit)
      .execute();
  }

  async listOpen(limit = 20): Promise<TicketRow[]> {
    return this.db
      .selectFrom("tickets")
      .selectAll()
      .where("state", "in", OPEN_STATES)
      .orderBy("created_at", "asc")
      .limit(limit)
      .execute();
  }

  /** The newest ticket of this user in this chat in one of `states`. */
  async latestInChat(
    platform: string,
    chatId: string,
    userId: string,
    states: TicketRow["state"][],
  ): Promise<TicketRow | undefined> {
    return this.db
      .selectFrom("tickets")
      .selectAll()
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("user_id", "=", userId)
      .where("state", "in", states)
      .orderBy("updated_at", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  async events(ticketId: string) {
    return this.db
      .selectFrom("ticket_events")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .orderBy("seq", "asc")
      .execute();
  }

  async messages(ticketId: string) {
    return this.db
      .selectFrom("ticket_messages")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .orderBy("at", "asc")
      .execute();
  }

  async setDeskMessageId(ticketId: string, messageId: string): Promise<void> {
    await this.db.updateTable("tickets").set({ desk_message_id: messageId }).where("id", "=", ticketId).execute();
  }

  /** Records a survey answer once per ticket; later calls only add a missing reason. */
  async recordSurvey(
    ticketId: string,
    score: number,
    reason: string | null,
    userId: string,
    now: number,
  ): Promise<boolean> {
    const res = await this.db
      .insertInto("survey_responses")
      .values({ ticket_id: ticketId, score, reason, user_id: userId, at: now })
      .onConflict((oc) => oc.column("ticket_id").doNothing())
      .executeTakeFirst();
    const inserted = Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    if (!inserted && reason) {
      await this.db
        .updateTable("survey_responses")
        .set({ reason })
        .where("ticket_id", "=", ticketId)
        .where("reason", "is", null)
        .execute();
    }
    return inserted;
  }

  async survey(ticketId: string) {
    return this.db.selectFrom("survey_responses").selectAll().where("ticket_id", "=", ticketId).executeTakeFirst();
  }
}

async function insertEvent(
  trx: Trx,
  t: TicketRow,
  type: string,
  actor: Actor,
  from: string | null,
  to: string | null,
  note: string | null,
  at: number,
): Promise<void> {
  await trx
    .insertInto("ticket_events")
    .values({
      id: randomUUID(),
      ticket_id: t.id,
      seq: t.version,
      type,
      actor_id: actor.id,
      actor_name: actor.name ?? null,
      from_state: from,
      to_state: to,
      note,
      at,
    })
    .execute();
}

async function insertMessage(
  trx: Trx,
  ticketId: string,
  m: NonNullable<ChangeSpec["message"]>,
  actor: Actor,
  at: number,
): Promise<void> {
  await trx
    .insertInto("ticket_messages")
    .values({
      id: randomUUID(),
      ticket_id: ticketId,
      author_kind: m.authorKind,
      author_id: actor.id,
      author_name: actor.name ?? null,
      visibility: m.visibility,
      body: m.body,
      at,
    })
    .execute();
}

export async function insertOutbox(
  trx: Trx,
  ticketId: string | null,
  drafts: OutboxDraft[],
  now: number,
): Promise<void> {
  for (const d of drafts) {
    await trx
      .insertInto("outbox")
      .values({
        id: randomUUID(),
        ticket_id: ticketId,
        kind: d.kind,
        platform: d.platform,
        target_type: d.targetType,
        target: d.target,
        payload: JSON.stringify(d.payload),
        idempotency_key: d.idempotencyKey,
        created_at: now,
        delivered_at: null,
        attempts: 0,
        locked_until: null,
        last_error: null,
        result_message_id: null,
        next_attempt_at: null,
      })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .execute();
  }
}
