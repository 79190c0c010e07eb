// Tables of 政策直达 (subscriptions, push plans, deliveries) in the desk database. Their migration
// is a numbered step of bot/tickets/migrations.ts; this file gives them types.
import type { Generated, Kysely } from "kysely";
import type { DeskDb } from "../tickets/db.js";

export type SubscriptionStatus = "active" | "paused" | "cancelled";

export interface PushSubscriptionsTable {
  id: string;
  platform: string;
  tenant: string;
  chat_id: string;
  chat_type: "p2p" | "group";
  /** Who subscribed (the p2p user; in groups the first member who subscribed). */
  user_id: string;
  topics: string; // JSON string[] of topic ids
  industry: string | null;
  district: string | null;
  status: SubscriptionStatus;
  paused_reason: string | null;
  locked_by: string | null; // group owner who locked changes
  created_at: number;
  updated_at: number;
  updated_by: string;
}

export interface PushSubscriptionChangesTable {
  id: string;
  subscription_id: string;
  actor_id: string;
  action: string; // subscribe | unsubscribe | set | lock | unlock | pause | resume
  detail: string; // JSON
  at: number;
}

export type PlanStatus = "pending" | "approved" | "cancelled" | "empty";

export interface PushPlansTable {
  id: string; // P0001 …
  seq: number;
  version: string; // index version whose publish made the plan (unique: one plan per publish)
  from_version: string | null;
  status: PlanStatus;
  documents: number;
  recipients: number;
  summary: string; // JSON PlanSummary
  created_at: number;
  decided_at: number | null;
  decided_by: string | null;
  preview_message_id: string | null;
}

export interface PushPlanDocumentsTable {
  plan_id: string;
  doc_key: string; // `${docId}@${contentHash}`: one document version is pushed at most once
  doc_id: string;
  position: number;
  change: "added" | "changed";
  card: string; // JSON PushDocumentCard
}

export type DeliveryStatus = "planned" | "sent" | "failed";

export interface PushDeliveriesTable {
  id: string;
  plan_id: string;
  subscription_id: string;
  platform: string;
  chat_id: string;
  doc_positions: string; // which of the plan's documents this subscriber gets (positions.ts)
  status: DeliveryStatus;
  attempts: Generated<number>;
  locked_until: number | null;
  next_attempt_at: number | null;
  last_error: string | null;
  sent_at: number | null;
  message_id: string | null;
}

export interface PushFollowUpsTable {
  id: string;
  delivery_id: string;
  kind: "click" | "question";
  user_id: string;
  at: number;
}

export interface PushDatabase {
  push_subscriptions: PushSubscriptionsTable;
  push_subscription_changes: PushSubscriptionChangesTable;
  push_plans: PushPlansTable;
  push_plan_documents: PushPlanDocumentsTable;
  push_deliveries: PushDeliveriesTable;
  push_follow_ups: PushFollowUpsTable;
}

export type PushDb = Kysely<PushDatabase>;

/** The desk database seen through the push tables (same connection, same migrations). */
export function pushDb(db: DeskDb): PushDb {
  return db as unknown as PushDb;
}
