// Push plans and their deliveries in the database: a plan per published version (made once, however
// many bot processes hear the publish), one delivery row per (plan, subscriber), each document
// version in at most one plan — so a document version reaches a subscriber at most once.
import { randomUUID } from "node:crypto";
import type { DeskDb } from "../tickets/db.js";
import { insertOutbox, type OutboxDraft } from "../tickets/store.js";
import type { PushDocumentCard } from "./cards.js";
import type { Selectable } from "kysely";
import { pushDb, type PlanStatus, type PushDb, type PushDeliveriesTable, type PushPlansTable } from "./db.js";
import { encodePositions } from "./positions.js";

export type PlanRow = PushPlansTable;
export type DeliveryRow = Selectable<PushDeliveriesTable>;

export interface PlanSummary {
  perTopic: { topic: string; label: string; documents: number; subscribers: number }[];
  perPlatform: Record<string, number>;
}

export interface NewPlan {
  version: string;
  fromVersion: string | null;
  documents: { docKey: string; docId: string; change: "added" | "changed"; card: PushDocumentCard }[];
  deliveries: { subscriptionId: string; platform: string; chatId: string; positions: number[] }[];
  summary: PlanSummary;
  /** Written in the same transaction (the admin preview, through the desk outbox). */
  outbox?: (planId: string) => OutboxDraft[];
}

const BATCH = 1000;

export class PlanStore {
  readonly db: PushDb;

  constructor(
    readonly deskDb: DeskDb,
    private readonly now: () => number = Date.now,
  ) {
    this.db = pushDb(deskDb);
  }

  async byVersion(version: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom("push_plans").selectAll().where("version", "=", version).executeTakeFirst();
  }

  async get(id: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom("push_plans").selectAll().where("id", "=", id.toUpperCase()).executeTakeFirst();
  }

  async list(limit = 20): Promise<PlanRow[]> {
    return this.db.selectFrom("push_plans").selectAll().orderBy("seq", "desc").limit(limit).execute();
  }

  /** Of these document versions, the ones already in some plan. */
  async plannedKeys(keys: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += BATCH) {
      const rows = await this.db
        .selectFrom("push_plan_documents")
        .select("doc_key")
        .where("doc_key", "in", keys.slice(i, i + BATCH))
        .execute();
      for (const r of rows) out.add(r.doc_key);
    }
    return out;
  }

  /**
   * Writes the plan, its documents and deliveries in one transaction. Returns the existing plan
   * when another process made the plan for this version first.
   */
  async create(p: NewPlan): Promise<{ plan: PlanRow; created: boolean }> {
    const existing = await this.byVersion(p.version);
    if (existing) return { plan: existing, created: false };
    const at = this.now();
    try {
      const plan = await this.deskDb.transaction().execute(async (deskTrx) => {
        const trx = pushDb(deskTrx as unknown as DeskDb);
        const last = await trx
          .selectFrom("push_plans")
          .select((eb) => eb.fn.max("seq").as("m"))
          .executeTakeFirst();
        const seq = Number(last?.m ?? 0) + 1;
        const id = `P${String(seq).padStart(4, "0")}`;
        const status: PlanStatus = p.deliveries.length ? "pending" : "empty";
        const row: PlanRow = {
          id,
          seq,
          version: p.version,
          from_version: p.fromVersion,
          status,
          documents: p.documents.length,
          recipients: p.deliveries.length,
          summary: JSON.stringify(p.summary),
          created_at: at,
          decided_at: null,
          decided_by: null,
          preview_message_id: null,
        };
        await trx.insertInto("push_plans").values(row).execute();
        for (let i = 0; i < p.documents.length; i += BATCH) {
          await trx
            .insertInto("push_plan_documents")
            .values(
              p.documents.slice(i, i + BATCH).map((d, j) => ({
                plan_id: id,
                doc_key: d.docKey,
                doc_id: d.docId,
                position: i + j,
                change: d.change,
                card: JSON.stringify(d.card),
              })),
            )
            .execute();
        }
        const encoded = new Map<number[], string>(); // subscribers of one profile share a list
        const positions = (list: number[]) => encoded.get(list) ?? encoded.set(list, encodePositions(list)).get(list)!;
        for (let i = 0; i < p.deliveries.length; i += BATCH) {
          await trx
            .insertInto("push_deliveries")
            .values(
              p.deliveries.slice(i, i + BATCH).map((d, j) => ({
                // Ids in insertion order append to the primary key instead of scattering like random ones.
                id: `${id}-${String(i + j).padStart(6, "0")}`,
                plan_id: id,
                subscription_id: d.subscriptionId,
                platform: d.platform,
                chat_id: d.chatId,
                doc_positions: positions(d.positions),
                status: "planned" as const, // the rest start as their column defaults
              })),
            )
            .execute();
        }
        if (status === "pending" && p.outbox) await insertOutbox(deskTrx, null, p.outbox(id), at);
        return row;
      });
      return { plan, created: true };
    } catch (err) {
      const raced = await this.byVersion(p.version);
      if (raced) return { plan: raced, created: false };
      throw err;
    }
  }

  async documents(planId: string): Promise<{ position: number; card: PushDocumentCard }[]> {
    const rows = await this.db
      .selectFrom("push_plan_documents")
      .select(["position", "card"])
      .where("plan_id", "=", planId)
      .orderBy("position", "asc")
      .execute();
    return rows.map((r) => ({ position: r.position, card: JSON.parse(r.card) as PushDocumentCard }));
  }

  /** Pending → approved (or cancelled). Returns the plan as it is afterwards, and whether this call changed it. */
  async decide(
    id: string,
    to: "approved" | "cancelled",
    actor: string,
  ): Promise<{ plan: PlanRow | undefined; changed: boolean }> {
    const from: PlanStatus[] = to === "approved" ? ["pending"] : ["pending", "approved"];
    const res = await this.db
      .updateTable("push_plans")
      .set({ status: to, decided_at: this.now(), decided_by: actor })
      .where("id", "=", id.toUpperCase())
      .where("status", "in", from)
      .executeTakeFirst();
    return { plan: await this.get(id), changed: Number(res.numUpdatedRows) === 1 };
  }

  async deliveryCounts(planId: string): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom("push_deliveries")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .where("plan_id", "=", planId)
      .groupBy("status")
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  /** Deliveries of approved plans still to send, due now and not leased. */
  async due(now: number, limit: number): Promise<Pick<DeliveryRow, "id" | "platform">[]> {
    return this.db
      .selectFrom("push_deliveries as d")
      .innerJoin("push_plans as p", "p.id", "d.plan_id")
      .select(["d.id", "d.platform"])
      .where("p.status", "=", "approved")
      .where("d.status", "=", "planned")
      .where((eb) => eb.or([eb("d.next_attempt_at", "is", null), eb("d.next_attempt_at", "<=", now)]))
      .where((eb) => eb.or([eb("d.locked_until", "is", null), eb("d.locked_until", "<", now)]))
      .orderBy("p.seq", "asc")
      .limit(limit)
      .execute();
  }

  /** Handed to the queue: not offered again before `until` (unless the queue loses them, then after it). */
  async markOffered(ids: string[], until: number): Promise<void> {
    for (let i = 0; i < ids.length; i += BATCH) {
      await this.db
        .updateTable("push_deliveries")
        .set({ next_attempt_at: until })
        .where("id", "in", ids.slice(i, i + BATCH))
        .where("status", "=", "planned")
        .execute();
    }
  }

  async delivery(id: string): Promise<DeliveryRow | undefined> {
    return this.db.selectFrom("push_deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** One sender (in any process) holds a delivery until `now + leaseMs`; only while its plan is approved. */
  async lease(id: string, now: number, leaseMs: number): Promise<DeliveryRow | undefined> {
    const res = await this.db
      .updateTable("push_deliveries")
      .set((eb) => ({ locked_until: now + leaseMs, attempts: eb("attempts", "+", 1) }))
      .where("id", "=", id)
      .where("status", "=", "planned")
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now)]))
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom("push_plans")
            .select("id")
            .whereRef("push_plans.id", "=", "push_deliveries.plan_id")
            .where("push_plans.status", "=", "approved"),
        ),
      )
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return undefined;
    return this.delivery(id);
  }

  async markSent(id: string, now: number, messageId?: string): Promise<void> {
    await this.db
      .updateTable("push_deliveries")
      .set({ status: "sent", sent_at: now, locked_until: null, message_id: messageId ?? null, last_error: null })
      .where("id", "=", id)
      .execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db
      .updateTable("push_deliveries")
      .set({ status: "failed", locked_until: null, last_error: error.slice(0, 500) })
      .where("id", "=", id)
      .execute();
  }

  /** Releases the delivery for another try after a backoff (2 s, 4 s … at most 10 min). */
  async markRetry(id: string, attempts: number, error: string, now: number): Promise<void> {
    const backoff = Math.min(600_000, 1000 * 2 ** Math.min(20, attempts));
    await this.db
      .updateTable("push_deliveries")
      .set({ locked_until: null, next_attempt_at: now + backoff, last_error: error.slice(0, 500) })
      .where("id", "=", id)
      .execute();
  }

  async setPreviewMessage(planId: string, messageId: string): Promise<void> {
    await this.db.updateTable("push_plans").set({ preview_message_id: messageId }).where("id", "=", planId).execute();
  }

  /** The newest delivery sent to this chat since `since` (for 问一问 and follow-up questions). */
  async lastSentTo(platform: string, chatId: string, since: number): Promise<DeliveryRow | undefined> {
    return this.db
      .selectFrom("push_deliveries")
      .selectAll()
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .where("sent_at", ">=", since)
      .orderBy("sent_at", "desc")
      .limit(1)
      .executeTakeFirst();
  }

  async recordFollowUp(deliveryId: string, kind: "click" | "question", userId: string, at: number): Promise<void> {
    await this.db
      .insertInto("push_follow_ups")
      .values({ id: randomUUID(), delivery_id: deliveryId, kind, user_id: userId, at })
      .execute();
  }
}
