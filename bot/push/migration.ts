// Schema step for 政策直达, registered in bot/tickets/migrations.ts after the desk's own steps.
import type { Kysely, Migration } from "kysely";

// Migrations take Kysely<any>: they describe the schema before the types know it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export const pushMigration: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("push_subscriptions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("tenant", "text", (c) => c.notNull())
      .addColumn("chat_id", "text", (c) => c.notNull())
      .addColumn("chat_type", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("topics", "text", (c) => c.notNull())
      .addColumn("industry", "text")
      .addColumn("district", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("paused_reason", "text")
      .addColumn("locked_by", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addColumn("updated_by", "text", (c) => c.notNull())
      .addUniqueConstraint("push_subscriptions_chat_uq", ["platform", "chat_id"])
      .execute();
    await db.schema
      .createTable("push_subscription_changes")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subscription_id", "text", (c) => c.notNull())
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("detail", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("push_sub_changes_idx")
      .on("push_subscription_changes")
      .columns(["subscription_id", "at"])
      .execute();
    await db.schema
      .createTable("push_plans")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("seq", "integer", (c) => c.notNull().unique())
      .addColumn("version", "text", (c) => c.notNull().unique())
      .addColumn("from_version", "text")
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("documents", "integer", (c) => c.notNull())
      .addColumn("recipients", "integer", (c) => c.notNull())
      .addColumn("summary", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("decided_at", "bigint")
      .addColumn("decided_by", "text")
      .addColumn("preview_message_id", "text")
      .execute();
    await db.schema
      .createTable("push_plan_documents")
      .addColumn("plan_id", "text", (c) => c.notNull())
      .addColumn("doc_key", "text", (c) => c.notNull().unique())
      .addColumn("doc_id", "text", (c) => c.notNull())
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("change", "text", (c) => c.notNull())
      .addColumn("card", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("push_plan_documents_pk", ["plan_id", "position"])
      .execute();
    await db.schema
      .createTable("push_deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("plan_id", "text", (c) => c.notNull())
      .addColumn("subscription_id", "text", (c) => c.notNull())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("chat_id", "text", (c) => c.notNull())
      .addColumn("doc_positions", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("locked_until", "bigint")
      .addColumn("next_attempt_at", "bigint")
      .addColumn("last_error", "text")
      .addColumn("sent_at", "bigint")
      .addColumn("message_id", "text")
      .addUniqueConstraint("push_deliveries_uq", ["plan_id", "subscription_id"])
      .execute();
    await db.schema
      .createIndex("push_deliveries_chat_idx")
      .on("push_deliveries")
      .columns(["platform", "chat_id", "sent_at"])
      .execute();
    await db.schema
      .createTable("push_follow_ups")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("delivery_id", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("push_follow_ups_delivery_idx")
      .on("push_follow_ups")
      .columns(["delivery_id"])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of [
      "push_follow_ups",
      "push_deliveries",
      "push_plan_documents",
      "push_plans",
      "push_subscription_changes",
      "push_subscriptions",
    ]) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
