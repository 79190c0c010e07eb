// Kysely database for the service desk: SQLite (default) or PostgreSQL, same schema.
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect, type Generated, type SqliteDatabase } from "kysely";
import pg from "pg";
import type { TicketState } from "./states.js";

export interface TicketsTable {
  id: string;
  number: string;
  state: TicketState;
  version: number;
  platform: string;
  tenant: string;
  chat_id: string;
  chat_type: string;
  user_id: string;
  user_name: string | null;
  enterprise_name: string | null;
  credit_code: string | null;
  question: string;
  dedupe_key: string;
  open_dedupe_key: string | null; // = dedupe_key while open, NULL after: unique, so one open ticket per request
  conversation: string; // JSON [{role, text}]
  project: number | null;
  project_name: string | null;
  lead_unit: string | null;
  suggested_units: string; // JSON string[]
  citations: string; // JSON Citation[]
  confidence: number | null;
  priority: "normal" | "high";
  assignee_id: string | null;
  assignee_platform: string | null; // with assignee_id: who claimed it (NULL on older rows = DESK_PLATFORM)
  assignee_name: string | null;
  desk_message_id: string | null;
  reopen_count: number;
  created_at: number;
  updated_at: number;
  first_response_at: number | null;
  resolved_at: number | null;
  closed_at: number | null;
  first_response_due_at: number;
  resolution_due_at: number; // moved later by the working time spent waiting on the enterprise
  sla_paused_at: number | null; // set while waiting_enterprise: the resolution clock is stopped
  info_requested_until: number | null; // enterprise name / credit code may be supplied until then
}

export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  seq: number; // ticket version after the change
  type: string;
  actor_id: string;
  actor_name: string | null;
  from_state: string | null;
  to_state: string | null;
  note: string | null;
  at: number;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  author_kind: "enterprise" | "staff" | "system";
  author_id: string;
  author_name: string | null;
  visibility: "public" | "internal";
  body: string;
  at: number;
}

export interface OutboxTable {
  id: string;
  ticket_id: string | null;
  kind: string;
  platform: string;
  target_type: "chat" | "user" | "card";
  target: string | null;
  payload: string; // JSON
  idempotency_key: string;
  created_at: number;
  delivered_at: number | null;
  attempts: number;
  locked_until: number | null;
  last_error: string | null;
  result_message_id: string | null;
  next_attempt_at: number | null;
}

export interface TicketSequencesTable {
  day: string;
  last: number;
}

export interface RemindersSentTable {
  ticket_id: string;
  stage: string;
  sent_at: number;
}

export interface SurveyResponsesTable {
  ticket_id: string;
  score: number; // 3 满意, 2 基本满意, 1 不满意
  reason: string | null;
  user_id: string;
  at: number;
}

/** Card-callback event ids whose effect on a ticket is committed (a replay finds its row). */
export interface TicketCallbacksTable {
  event_id: string;
  ticket_id: string;
  at: number;
}

/** Every action taken in the web console (bot/console/audit-log.ts). */
export interface ConsoleAuditTable {
  id: string;
  at: number;
  actor_platform: string;
  actor_id: string;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: "ok" | "refused" | "failed";
  detail: string | null;
  ip: string | null;
}

/** What staff said a resolved ticket was about (one row per ticket, replaced when relabelled). */
export interface TicketLabelsTable {
  ticket_id: string;
  scope: "project" | "document" | "out_of_scope";
  project: number | null;
  project_name: string | null;
  unit: string | null; // the unit that handled it (project)
  department: string | null; // out of scope: the department that actually handles it
  document: string | null;
  reusable: number; // 1 = staff think the reply can be reused as a knowledge entry
  labelled_by: string;
  labelled_at: number;
}

export type KnowledgeState = "pending" | "approved" | "rejected";

/** A reusable answer proposed from a ticket; reaches enterprises only once an admin approved it. */
export interface KnowledgeEntriesTable {
  id: string; // K-YYYYMMDD-NNNN
  state: KnowledgeState;
  revision: number;
  ticket_id: string | null;
  ticket_number: string | null;
  question: string; // personal data masked
  variants: string; // JSON string[] (masked)
  answer: string;
  scope: "project" | "document" | "out_of_scope";
  project: number | null;
  project_name: string | null;
  unit: string | null;
  department: string | null;
  document: string | null;
  proposed_by: string;
  proposed_at: number;
  reviewed_by: string | null;
  reviewed_at: number | null;
  approved_at: number | null;
  reject_reason: string | null;
  admin_message_id: string | null;
  updated_at: number;
}

export interface KnowledgeEventsTable {
  id: string;
  entry_id: string;
  revision: number;
  type: string; // proposed | approved | rejected | edited | exported
  actor_id: string;
  note: string | null;
  at: number;
}

/** One answer the bot gave, kept (masked) for the knowledge-gap report until expires_at. */
export interface InteractionsTable {
  id: string;
  ref: string; // the answer's ref (platform:messageId), to attach feedback
  at: number;
  platform: string;
  chat_id: string;
  user_id: string;
  question: string; // masked
  action: string; // answer | clarify | escalate
  category: string; // answered | declined | low_confidence
  project: number | null;
  unit: string | null;
  confidence: number;
  faq_id: string | null;
  outcome: string | null; // solved | unsolved | handoff
  expires_at: number;
}

export interface DeskDatabase {
  tickets: TicketsTable;
  console_audit: ConsoleAuditTable;
  ticket_events: TicketEventsTable;
  ticket_messages: TicketMessagesTable;
  outbox: OutboxTable;
  ticket_sequences: TicketSequencesTable;
  reminders_sent: RemindersSentTable;
  survey_responses: SurveyResponsesTable;
  ticket_callbacks: TicketCallbacksTable;
  ticket_labels: TicketLabelsTable;
  knowledge_entries: KnowledgeEntriesTable;
  knowledge_events: KnowledgeEventsTable;
  interactions: InteractionsTable;
}

export type DeskDb = Kysely<DeskDatabase>;
export type Dialect = "sqlite" | "postgres";
export type { Generated };

export interface OpenedDb {
  db: DeskDb;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * `postgres://…` → PostgreSQL; `sqlite:PATH` → SQLite file (WAL). `schema` (PostgreSQL only)
 * puts every table in that schema (tests use one per run).
 */
export function openDeskDb(url: string, opts: { schema?: string } = {}): OpenedDb {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // int8/numeric columns hold epoch ms: return them as numbers, not strings.
      types: {
        getTypeParser: (oid: number, format?: "text" | "binary") =>
          oid === 20 || oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as "text"),
      },
      ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}),
    });
    pool.on("error", () => undefined); // idle-client errors surface on the next query
    const db = new Kysely<DeskDatabase>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", close: () => db.destroy() };
  }
  const m = /^sqlite:(.+)$/.exec(url);
  if (!m) throw new Error(`DATABASE_URL must be postgres://… or sqlite:PATH, got "${url}"`);
  const file = m[1];
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 5000");
  switchToWal(sqlite);
  sqlite.pragma("foreign_keys = ON");
  const db = new Kysely<DeskDatabase>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/**
 * Several processes opening one new file at once all switch it to WAL. SQLite answers SQLITE_BUSY at once,
 * without waiting on the busy timeout, when waiting could deadlock (another connection is upgrading its
 * lock): the switch is then tried again after a short pause.
 */
function switchToWal(sqlite: Database.Database, attempts = 20): void {
  for (let attempt = 1; ; attempt++) {
    try {
      sqlite.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || attempt >= attempts) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * attempt);
    }
  }
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query afresh; the same few queries run for every chat message (is there an
 * open ticket here?), so prepared statements are kept by SQL text. Kysely never streams here, so a
 * cached statement is never busy when it is reused.
 */
function withStatementCache(sqlite: Database.Database): SqliteDatabase {
  const cache = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.clear();
        stmt = sqlite.prepare(sql);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
