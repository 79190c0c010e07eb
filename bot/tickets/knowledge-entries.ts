// Knowledge entries: staff label resolved tickets and propose a ticket's last public reply as a
// reusable answer (待审核); admins approve, edit or reject it. Every change is written with its
// audit event (and the admin card's outbox row) in one transaction. Approved entries and the
// labelled questions are exported as the index's faq source and published through ingest.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { maskPersonalData } from "../../knowledge/infra/mask.js";
import type { FaqFile, FaqItem } from "../../knowledge/faq/types.js";
import { FAQ_FORMAT_VERSION } from "../../knowledge/faq/types.js";
import { shanghaiDay } from "./calendar.js";
import { parseJson } from "./cards.js";
import type { DeskDb, KnowledgeEntriesTable, KnowledgeState, TicketLabelsTable } from "./db.js";
import { TicketError } from "./errors.js";
import { type LabelInput } from "./labels.js";
import { insertOutbox, type Actor, type OutboxDraft, type TicketRow, type Trx } from "./store.js";

export type EntryRow = KnowledgeEntriesTable;
export type LabelRow = TicketLabelsTable;

export const STATE_LABELS: Record<KnowledgeState, string> = {
  pending: "待审核",
  approved: "已通过",
  rejected: "已驳回",
};
const ENTRY_ID = /^K-\d{8}-\d{4,}$/i;
const MAX_ANSWER_CHARS = 2000;
const MAX_VARIANTS = 6;

export function bad(hint: string): TicketError {
  return new TicketError("TICKET_BAD_INPUT", hint, { hint });
}

export function normaliseEntryId(id: string): string {
  const t = id.trim().toUpperCase();
  if (!ENTRY_ID.test(t)) throw bad(`没有识别出知识条目编号「${id.trim()}」，编号格式如 K-20241126-0001。`);
  return t;
}

export function checkAnswer(answer: string): string {
  const t = answer.trim();
  if (!t) throw bad("答复内容不能为空。");
  if ([...t].length > MAX_ANSWER_CHARS)
    throw bad(`答复过长（${[...t].length} 字），请精简到 ${MAX_ANSWER_CHARS} 字以内。`);
  return t;
}

/** The enterprise's other phrasings of the question in the ticket's conversation (masked). */
export function questionVariants(t: Pick<TicketRow, "question" | "conversation">): string[] {
  const turns = parseJson<{ role: string; text: string }[]>(t.conversation, []);
  const seen = new Set([t.question.trim()]);
  const out: string[] = [];
  for (const turn of turns) {
    const text = turn.text?.trim();
    if (turn.role !== "user" || !text || seen.has(text) || [...text].length < 4 || [...text].length > 300) continue;
    seen.add(text);
    out.push(maskPersonalData(text));
  }
  return out.slice(-MAX_VARIANTS);
}

export class KnowledgeStore {
  constructor(readonly db: DeskDb) {}

  async get(id: string): Promise<EntryRow | undefined> {
    return this.db.selectFrom("knowledge_entries").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async list(state?: KnowledgeState, limit = 50): Promise<EntryRow[]> {
    let q = this.db.selectFrom("knowledge_entries").selectAll();
    if (state) q = q.where("state", "=", state);
    return q.orderBy("proposed_at", "desc").limit(limit).execute();
  }

  async approved(): Promise<EntryRow[]> {
    return this.db
      .selectFrom("knowledge_entries")
      .selectAll()
      .where("state", "=", "approved")
      .orderBy("id", "asc")
      .execute();
  }

  async forTicket(ticketId: string): Promise<EntryRow | undefined> {
    return this.db
      .selectFrom("knowledge_entries")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .where("state", "in", ["pending", "approved"])
      .orderBy("proposed_at", "desc")
      .executeTakeFirst();
  }

  async label(ticketId: string): Promise<LabelRow | undefined> {
    return this.db.selectFrom("ticket_labels").selectAll().where("ticket_id", "=", ticketId).executeTakeFirst();
  }

  /** Labelled tickets with their (masked on export) questions, for routing examples. */
  async labelledTickets(): Promise<(LabelRow & { number: string; question: string; conversation: string })[]> {
    return this.db
      .selectFrom("ticket_labels")
      .innerJoin("tickets", "tickets.id", "ticket_labels.ticket_id")
      .selectAll("ticket_labels")
      .select(["tickets.number", "tickets.question", "tickets.conversation"])
      .orderBy("tickets.number", "asc")
      .execute();
  }

  async events(entryId: string) {
    return this.db
      .selectFrom("knowledge_events")
      .selectAll()
      .where("entry_id", "=", entryId)
      .orderBy("at", "asc")
      .execute();
  }

  /** Inside a ticket change's transaction: the label replaces any earlier one. */
  static async writeLabel(trx: Trx, ticketId: string, label: LabelInput, actor: Actor, now: number): Promise<void> {
    const row: LabelRow = {
      ticket_id: ticketId,
      scope: label.scope,
      project: label.project,
      project_name: label.project_name,
      unit: label.unit,
      department: label.department,
      document: label.document,
      reusable: label.reusable ? 1 : 0,
      labelled_by: actor.id,
      labelled_at: now,
    };
    await trx
      .insertInto("ticket_labels")
      .values(row)
      .onConflict((oc) => oc.column("ticket_id").doUpdateSet({ ...row }))
      .execute();
  }

  async create(
    entry: Omit<
      EntryRow,
      | "id"
      | "revision"
      | "state"
      | "updated_at"
      | "reviewed_by"
      | "reviewed_at"
      | "approved_at"
      | "reject_reason"
      | "admin_message_id"
    >,
    now: number,
    outbox: (e: EntryRow) => OutboxDraft[],
  ): Promise<EntryRow> {
    return this.db.transaction().execute(async (trx) => {
      const day = shanghaiDay(now);
      const seq = await trx
        .insertInto("ticket_sequences")
        .values({ day: `K${day}`, last: 1 })
        .onConflict((oc) => oc.column("day").doUpdateSet({ last: sql<number>`ticket_sequences.last + 1` }))
        .returning("last")
        .executeTakeFirstOrThrow();
      const row: EntryRow = {
        ...entry,
        id: `K-${day.replaceAll("-", "")}-${String(seq.last).padStart(4, "0")}`,
        revision: 1,
        state: "pending",
        updated_at: now,
        reviewed_by: null,
        reviewed_at: null,
        approved_at: null,
        reject_reason: null,
        admin_message_id: null,
      };
      await trx.insertInto("knowledge_entries").values(row).execute();
      await insertEntryEvent(
        trx,
        row,
        "proposed",
        entry.proposed_by,
        entry.ticket_number ? `来自工单 ${entry.ticket_number}` : null,
        now,
      );
      await insertOutbox(trx, entry.ticket_id, outbox(row), now);
      return row;
    });
  }

  /** One change under optimistic locking (revision), with its audit event. */
  async change(
    id: string,
    spec: {
      type: string;
      actor: Actor;
      note?: string;
      guard?: (e: EntryRow) => void;
      patch: (e: EntryRow) => Partial<EntryRow>;
    },
    now: number,
  ): Promise<EntryRow> {
    return this.db.transaction().execute(async (trx) => {
      const e = await trx.selectFrom("knowledge_entries").selectAll().where("id", "=", id).executeTakeFirst();
      if (!e) throw bad(`没有找到知识条目 ${id}。发送「/知识 待审」查看待审核条目。`);
      spec.guard?.(e);
      const patch = spec.patch(e);
      const next: EntryRow = { ...e, ...patch, revision: e.revision + 1, updated_at: now };
      const res = await trx
        .updateTable("knowledge_entries")
        .set({ ...patch, revision: next.revision, updated_at: now })
        .where("id", "=", id)
        .where("revision", "=", e.revision)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw bad(`知识条目 ${id} 刚被他人更新，请刷新后再试。`);
      await insertEntryEvent(trx, next, spec.type, spec.actor.id, spec.note ?? null, now);
      return next;
    });
  }

  async setAdminMessageId(id: string, messageId: string): Promise<void> {
    await this.db.updateTable("knowledge_entries").set({ admin_message_id: messageId }).where("id", "=", id).execute();
  }

  async audit(id: string, type: string, actor: Actor, note: string | null, now: number): Promise<void> {
    const e = await this.get(id);
    if (e) await insertEntryEvent(this.db as unknown as Trx, e, type, actor.id, note, now);
  }
}

async function insertEntryEvent(
  trx: Trx,
  e: EntryRow,
  type: string,
  actorId: string,
  note: string | null,
  at: number,
): Promise<void> {
  await trx
    .insertInto("knowledge_events")
    .values({ id: randomUUID(), entry_id: e.id, revision: e.revision, type, actor_id: actorId, note, at })
    .execute();
}

/** Approved entries and labelled ticket questions as the index's faq source. */
export async function buildFaqExport(store: KnowledgeStore, now: number): Promise<FaqFile> {
  const items: FaqItem[] = [];
  const taught = new Set<string>();
  for (const e of await store.approved()) {
    if (e.ticket_id) taught.add(e.ticket_id);
    items.push({
      id: e.id,
      revision: e.revision,
      kind: "entry",
      scope: e.scope,
      question: maskPersonalData(e.question),
      variants: parseJson<string[]>(e.variants, []).map(maskPersonalData),
      answer: e.answer,
      project: e.project,
      projectName: e.project_name,
      unit: e.unit,
      department: e.department,
      document: e.document,
      approvedAt: e.approved_at ? shanghaiDay(e.approved_at) : null,
    });
  }
  for (const l of await store.labelledTickets()) {
    if (taught.has(l.ticket_id) || l.scope === "document" || !l.question.trim() || l.question.startsWith("（"))
      continue;
    items.push({
      id: l.number,
      revision: 1,
      kind: "example",
      scope: l.scope,
      question: maskPersonalData(l.question),
      variants: questionVariants(l),
      answer: "",
      project: l.project,
      projectName: l.project_name,
      unit: l.unit,
      department: null, // staff wording reaches enterprises only through an approved entry
      document: null,
      approvedAt: null,
    });
  }
  return { formatVersion: FAQ_FORMAT_VERSION, exportedAt: new Date(now).toISOString(), items };
}
