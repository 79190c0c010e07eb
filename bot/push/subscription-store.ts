// Subscriptions: one per chat (platform + chat id); a group's belongs to the group. Every change is
// written with who made it.
import { randomUUID } from "node:crypto";
import type { PushDb, PushSubscriptionsTable, SubscriptionStatus } from "./db.js";

export type SubscriptionRow = PushSubscriptionsTable;

export interface ChatRef {
  platform: string;
  tenant: string;
  chatId: string;
  chatType: "p2p" | "group";
}

export interface SubscriptionPatch {
  topics?: string[];
  industry?: string | null;
  district?: string | null;
  status?: SubscriptionStatus;
  pausedReason?: string | null;
  lockedBy?: string | null;
}

export function topicsOf(row: Pick<SubscriptionRow, "topics">): string[] {
  try {
    const v = JSON.parse(row.topics) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export class SubscriptionStore {
  constructor(
    readonly db: PushDb,
    private readonly now: () => number = Date.now,
  ) {}

  async get(platform: string, chatId: string): Promise<SubscriptionRow | undefined> {
    return this.db
      .selectFrom("push_subscriptions")
      .selectAll()
      .where("platform", "=", platform)
      .where("chat_id", "=", chatId)
      .executeTakeFirst();
  }

  async byId(id: string): Promise<SubscriptionRow | undefined> {
    return this.db.selectFrom("push_subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Active subscriptions with at least one topic (the planner's input). */
  async active(): Promise<Pick<SubscriptionRow, "id" | "platform" | "chat_id" | "topics" | "industry" | "district">[]> {
    return this.db
      .selectFrom("push_subscriptions")
      .select(["id", "platform", "chat_id", "topics", "industry", "district"])
      .where("status", "=", "active")
      .orderBy("created_at", "asc")
      .execute();
  }

  /** Creates the chat's subscription or changes it, and records the change, in one transaction. */
  async upsert(chat: ChatRef, actorId: string, action: string, patch: SubscriptionPatch): Promise<SubscriptionRow> {
    const at = this.now();
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom("push_subscriptions")
        .selectAll()
        .where("platform", "=", chat.platform)
        .where("chat_id", "=", chat.chatId)
        .executeTakeFirst();
      const id = existing?.id ?? randomUUID();
      const values = {
        topics: patch.topics ? JSON.stringify(patch.topics) : (existing?.topics ?? "[]"),
        industry: patch.industry !== undefined ? patch.industry : (existing?.industry ?? null),
        district: patch.district !== undefined ? patch.district : (existing?.district ?? null),
        status: patch.status ?? existing?.status ?? "active",
        paused_reason: patch.pausedReason !== undefined ? patch.pausedReason : (existing?.paused_reason ?? null),
        locked_by: patch.lockedBy !== undefined ? patch.lockedBy : (existing?.locked_by ?? null),
        updated_at: at,
        updated_by: actorId,
      };
      if (existing) {
        await trx.updateTable("push_subscriptions").set(values).where("id", "=", id).execute();
      } else {
        await trx
          .insertInto("push_subscriptions")
          .values({
            id,
            platform: chat.platform,
            tenant: chat.tenant,
            chat_id: chat.chatId,
            chat_type: chat.chatType,
            user_id: actorId,
            created_at: at,
            ...values,
          })
          .onConflict((oc) => oc.columns(["platform", "chat_id"]).doUpdateSet(values))
          .execute();
      }
      await trx
        .insertInto("push_subscription_changes")
        .values({ id: randomUUID(), subscription_id: id, actor_id: actorId, action, detail: JSON.stringify(patch), at })
        .execute();
      return await trx
        .selectFrom("push_subscriptions")
        .selectAll()
        .where("platform", "=", chat.platform)
        .where("chat_id", "=", chat.chatId)
        .executeTakeFirstOrThrow();
    });
  }

  /** Pauses a subscription whose chat cannot be reached any more (bot removed, chat dissolved). */
  async pause(id: string, reason: string): Promise<void> {
    const at = this.now();
    await this.db.transaction().execute(async (trx) => {
      const res = await trx
        .updateTable("push_subscriptions")
        .set({ status: "paused", paused_reason: reason.slice(0, 300), updated_at: at, updated_by: "system" })
        .where("id", "=", id)
        .where("status", "=", "active")
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) return;
      await trx
        .insertInto("push_subscription_changes")
        .values({
          id: randomUUID(),
          subscription_id: id,
          actor_id: "system",
          action: "pause",
          detail: JSON.stringify({ reason }),
          at,
        })
        .execute();
    });
  }

  async changes(id: string) {
    return this.db
      .selectFrom("push_subscription_changes")
      .selectAll()
      .where("subscription_id", "=", id)
      .orderBy("at", "asc")
      .execute();
  }
}
