// Versioned schema migrations (Kysely Migrator), identical for SQLite and PostgreSQL.
import { Migrator, PostgresAdapter, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { DeskDb } from "./db.js";
import { pushMigration } from "../push/migration.js";

// Migrations take Kysely<any>: they describe the schema before the types know it.
/* eslint-disable @typescript-eslint/no-explicit-any */
const migrations: Record<string, Migration> = {
  "0001_tickets": {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable("tickets")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("number", "text", (c) => c.notNull().unique())
        .addColumn("state", "text", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("tenant", "text", (c) => c.notNull())
        .addColumn("chat_id", "text", (c) => c.notNull())
        .addColumn("chat_type", "text", (c) => c.notNull())
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("user_name", "text")
        .addColumn("enterprise_name", "text")
        .addColumn("credit_code", "text")
        .addColumn("question", "text", (c) => c.notNull())
        .addColumn("dedupe_key", "text", (c) => c.notNull())
        .addColumn("open_dedupe_key", "text", (c) => c.unique())
        .addColumn("conversation", "text", (c) => c.notNull())
        .addColumn("project", "integer")
        .addColumn("project_name", "text")
        .addColumn("lead_unit", "text")
        .addColumn("suggested_units", "text", (c) => c.notNull())
        .addColumn("citations", "text", (c) => c.notNull())
        .addColumn("confidence", "real")
        .addColumn("priority", "text", (c) => c.notNull())
        .addColumn("assignee_id", "text")
        .addColumn("assignee_name", "text")
        .addColumn("desk_message_id", "text")
        .addColumn("reopen_count", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("first_response_at", "bigint")
        .addColumn("resolved_at", "bigint")
        .addColumn("closed_at", "bigint")
        .addColumn("first_response_due_at", "bigint", (c) => c.notNull())
        .addColumn("resolution_due_at", "bigint", (c) => c.notNull())
        .addColumn("info_requested_until", "bigint")
        .execute();
      await db.schema
        .createIndex("tickets_user_idx")
        .on("tickets")
        .columns(["platform", "user_id", "created_at"])
        .execute();
      await db.schema.createIndex("tickets_state_idx").on("tickets").columns(["state", "created_at"]).execute();

      await db.schema
        .createTable("ticket_events")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
        .addColumn("seq", "integer", (c) => c.notNull())
        .addColumn("type", "text", (c) => c.notNull())
        .addColumn("actor_id", "text", (c) => c.notNull())
        .addColumn("actor_name", "text")
        .addColumn("from_state", "text")
        .addColumn("to_state", "text")
        .addColumn("note", "text")
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("ticket_events_ticket_idx")
        .on("ticket_events")
        .columns(["ticket_id", "seq"])
        .execute();

      await db.schema
        .createTable("ticket_messages")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
        .addColumn("author_kind", "text", (c) => c.notNull())
        .addColumn("author_id", "text", (c) => c.notNull())
        .addColumn("author_name", "text")
        .addColumn("visibility", "text", (c) => c.notNull().check(sql`visibility in ('public', 'internal')`))
        .addColumn("body", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("ticket_messages_ticket_idx")
        .on("ticket_messages")
        .columns(["ticket_id", "at"])
        .execute();

      await db.schema
        .createTable("outbox")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("ticket_id", "text")
        .addColumn("kind", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("target_type", "text", (c) => c.notNull())
        .addColumn("target", "text")
        .addColumn("payload", "text", (c) => c.notNull())
        .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("delivered_at", "bigint")
        .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("locked_until", "bigint")
        .addColumn("last_error", "text")
        .addColumn("result_message_id", "text")
        .execute();
      await db.schema.createIndex("outbox_pending_idx").on("outbox").columns(["delivered_at", "created_at"]).execute();

      await db.schema
        .createTable("ticket_sequences")
        .addColumn("day", "text", (c) => c.primaryKey())
        .addColumn("last", "integer", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("reminders_sent")
        .addColumn("ticket_id", "text", (c) => c.notNull())
        .addColumn("stage", "text", (c) => c.notNull())
        .addColumn("sent_at", "bigint", (c) => c.notNull())
        .addPrimaryKeyConstraint("reminders_sent_pk", ["ticket_id", "stage"])
        .execute();

      await db.schema
        .createTable("survey_responses")
        .addColumn("ticket_id", "text", (c) => c.primaryKey())
        .addColumn("score", "integer", (c) => c.notNull())
        .addColumn("reason", "text")
        .addColumn("user_id", "text", (c) => c.notNull())
        .addColumn("at", "bigint", (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of [
        "survey_responses",
        "reminders_sent",
        "ticket_sequences",
        "outbox",
        "ticket_messages",
        "ticket_events",
        "tickets",
      ]) {
        await db.schema.dropTable(t).ifExists().execute();
      }
    },
  },
};

migrations["0002_outbox_backoff"] = {
  // When the poll loop may hand a failed row to BullMQ again (grows with each failed attempt).
  async up(db: Kysely<any>) {
    await db.schema.alterTable("outbox").addColumn("next_attempt_at", "bigint").execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable("outbox").dropColumn("next_attempt_at").execute();
  },
};

migrations["0003_sla_pause"] = {
  // Set while the ticket waits on the enterprise: the resolution clock is stopped since then.
  async up(db: Kysely<any>) {
    await db.schema.alterTable("tickets").addColumn("sla_paused_at", "bigint").execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.alterTable("tickets").dropColumn("sla_paused_at").execute();
  },
};

migrations["0004_identity_and_callbacks"] = {
  // Staff identity is (platform, id); card-callback event ids make a replayed click a no-op even
  // when Redis (the first dedupe) has lost its keys.
  async up(db: Kysely<any>) {
    await db.schema.alterTable("tickets").addColumn("assignee_platform", "text").execute();
    await db.schema
      .createTable("ticket_callbacks")
      .addColumn("event_id", "text", (c) => c.primaryKey())
      .addColumn("ticket_id", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable("ticket_callbacks").execute();
    await db.schema.alterTable("tickets").dropColumn("assignee_platform").execute();
  },
};

migrations["0005_console_audit"] = {
  // Every web-console action (login, refusal, ticket change, upload, publish, rollback, export).
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("console_audit")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("actor_platform", "text", (c) => c.notNull())
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("actor_name", "text")
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target", "text")
      .addColumn("outcome", "text", (c) => c.notNull())
      .addColumn("detail", "text")
      .addColumn("ip", "text")
      .execute();
    await db.schema.createIndex("console_audit_at_idx").on("console_audit").columns(["at"]).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable("console_audit").ifExists().execute();
  },
};
// 政策直达: subscriptions, push plans, deliveries (bot/push).
migrations["0006_push"] = pushMigration;

migrations["0007_knowledge_entries"] = {
  // Staff labels on resolved tickets; proposed/approved knowledge entries and their audit trail.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("ticket_labels")
      .addColumn("ticket_id", "text", (c) => c.primaryKey().references("tickets.id"))
      .addColumn("scope", "text", (c) => c.notNull().check(sql`scope in ('project', 'document', 'out_of_scope')`))
      .addColumn("project", "integer")
      .addColumn("project_name", "text")
      .addColumn("unit", "text")
      .addColumn("department", "text")
      .addColumn("document", "text")
      .addColumn("reusable", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("labelled_by", "text", (c) => c.notNull())
      .addColumn("labelled_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createTable("knowledge_entries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("state", "text", (c) => c.notNull().check(sql`state in ('pending', 'approved', 'rejected')`))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("ticket_id", "text")
      .addColumn("ticket_number", "text")
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("variants", "text", (c) => c.notNull())
      .addColumn("answer", "text", (c) => c.notNull())
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("project", "integer")
      .addColumn("project_name", "text")
      .addColumn("unit", "text")
      .addColumn("department", "text")
      .addColumn("document", "text")
      .addColumn("proposed_by", "text", (c) => c.notNull())
      .addColumn("proposed_at", "bigint", (c) => c.notNull())
      .addColumn("reviewed_by", "text")
      .addColumn("reviewed_at", "bigint")
      .addColumn("approved_at", "bigint")
      .addColumn("reject_reason", "text")
      .addColumn("admin_message_id", "text")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("knowledge_entries_state_idx")
      .on("knowledge_entries")
      .columns(["state", "proposed_at"])
      .execute();
    await db.schema
      .createTable("knowledge_events")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("entry_id", "text", (c) => c.notNull().references("knowledge_entries.id"))
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("type", "text", (c) => c.notNull())
      .addColumn("actor_id", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("knowledge_events_entry_idx")
      .on("knowledge_events")
      .columns(["entry_id", "at"])
      .execute();
  },
  async down(db: Kysely<any>) {
    for (const t of ["knowledge_events", "knowledge_entries", "ticket_labels"])
      await db.schema.dropTable(t).ifExists().execute();
  },
};

migrations["0008_interactions"] = {
  // The bot's answers (question masked, action, confidence, outcome) for the knowledge-gap report.
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("interactions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("ref", "text", (c) => c.notNull())
      .addColumn("at", "bigint", (c) => c.notNull())
      .addColumn("platform", "text", (c) => c.notNull())
      .addColumn("chat_id", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.notNull())
      .addColumn("question", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("category", "text", (c) => c.notNull())
      .addColumn("project", "integer")
      .addColumn("unit", "text")
      .addColumn("confidence", "real", (c) => c.notNull())
      .addColumn("faq_id", "text")
      .addColumn("outcome", "text")
      .addColumn("expires_at", "bigint", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("interactions_at_idx").on("interactions").columns(["at"]).execute();
    await db.schema.createIndex("interactions_ref_idx").on("interactions").columns(["ref"]).execute();
    await db.schema
      .createIndex("interactions_user_idx")
      .on("interactions")
      .columns(["platform", "chat_id", "user_id", "at"])
      .execute();
    await db.schema.createIndex("interactions_expiry_idx").on("interactions").columns(["expires_at"]).execute();
  },
  async down(db: Kysely<any>) {
    await db.schema.dropTable("interactions").ifExists().execute();
  },
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Brings the schema up to the newest version; throws (naming the migration) on failure.
 * Kysely takes no cross-process lock on SQLite, so two bot processes starting together can race;
 * the loser's transaction rolls back and a retry finds the migrations already recorded.
 */
export async function migrateToLatest(db: DeskDb, attempts = 4): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db);
    } catch (err) {
      if (attempt >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 150 * attempt + Math.random() * 100));
    }
  }
}

async function migrateOnce(db: DeskDb): Promise<void> {
  // On PostgreSQL name the schema explicitly: Kysely otherwise finds a same-named migration table
  // in ANY schema of the database and skips creating ours.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: "desk_migrations",
    migrationLockTableName: "desk_migrations_lock",
    migrationTableSchema: schema,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(
      `desk database migration ${failed?.migrationName ?? ""} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
