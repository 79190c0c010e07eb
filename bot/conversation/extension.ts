// What an add-on (the service desk, re-ingest) contributes to the conversation, and what it is given.
// The list of add-ons is EXTENSIONS in bot/app.ts; add-ons import these types from here, not from app.ts.
import type { Redis } from "ioredis";
import type { Logger } from "../../knowledge/infra/logger.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import type { AnswerObserver, HandoffService, Interceptor } from "./deps.js";
import type { ChannelSender, Platform } from "./types.js";

/** What a ticket system (or any add-on) contributes to the conversation. */
export interface ConversationExtension {
  name: string;
  handoff?: HandoffService;
  interceptors?: Interceptor[];
  observer?: AnswerObserver;
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export interface ExtensionContext {
  env: NodeJS.ProcessEnv;
  /** Auto-pipelined, for stores; give BullMQ queues `queueRedis` (see bot/infra/redis.ts). */
  redis: Redis;
  queueRedis: Redis;
  keyPrefix: string;
  kb: () => KnowledgeBase | null;
  /** Filled once channels exist: push messages (ticket progress …) into chats. */
  senders: ReadonlyMap<Platform, ChannelSender>;
  logger: Logger;
}
export type ConversationExtensionFactory = (ctx: ExtensionContext) => Promise<ConversationExtension | null>;
