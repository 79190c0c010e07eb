// Assembles ConversationDeps: Redis-backed for servers (shared by every bot process), in-process for
// the credential-free console/local mode.
import type { Redis } from "ioredis";
import type { AnswerResult, KnowledgeBase } from "../../knowledge/types.js";
import { MemoryDedupeStore, RedisDedupeStore, type DedupeStore } from "../infra/dedupe-store.js";
import { MemoryKvStore, RedisKvStore } from "../infra/kv-store.js";
import { logger as rootLogger, type Logger } from "../../knowledge/infra/logger.js";
import { MemoryRateLimiter, RedisRateLimiter } from "../infra/rate-limiter.js";
import { FileRecordLog, RedisRecordLog } from "../infra/record-log.js";
import type { ConversationConfig } from "./config.js";
import { conversationConfigSchema } from "./config.js";
import type {
  AnswerObserver,
  ConversationDeps,
  FeedbackRecord,
  HandoffService,
  Interceptor,
  SessionState,
} from "./deps.js";
import { RecordingHandoff, type HandoffRequest } from "./handoff.js";

export interface CommonDepsOptions {
  kb: KnowledgeBase;
  /** Fast extractive KB for card callbacks (see ConversationDeps.quickKb). */
  quickKb?: KnowledgeBase;
  config?: Partial<ConversationConfig>;
  /** Replaces the default recording handoff (the service desk: tickets). */
  handoff?: HandoffService;
  interceptors?: Interceptor[];
  observers?: AnswerObserver[];
  logger?: Logger;
}

function fullConfig(c: Partial<ConversationConfig> = {}): ConversationConfig {
  return { ...conversationConfigSchema.parse({}), ...c };
}

function settingsOf(c: ConversationConfig) {
  return { maxChars: c.MAX_MESSAGE_CHARS, sessionTtlSec: c.SESSION_TTL_SEC, answerTtlSec: c.ANSWER_TTL_SEC };
}

/** Servers: everything in Redis under `prefix` (tests pass `test-${uuid}:`). */
export function createRedisConversationDeps(
  opts: CommonDepsOptions & { redis: Redis; prefix?: string },
): ConversationDeps & { dedupe: DedupeStore } {
  const prefix = opts.prefix ?? "qft:";
  const c = fullConfig(opts.config);
  const dedupe = new RedisDedupeStore(opts.redis, prefix, c.DEDUPE_TTL_SEC);
  return {
    kb: opts.kb,
    quickKb: opts.quickKb,
    sessions: new RedisKvStore<SessionState>(opts.redis, "session", prefix),
    answers: new RedisKvStore<AnswerResult>(opts.redis, "answer", prefix),
    rateLimiter: new RedisRateLimiter(
      opts.redis,
      { max: c.RATE_LIMIT_MAX, windowSec: c.RATE_LIMIT_WINDOW_SEC },
      prefix,
    ),
    feedback: new RedisRecordLog<FeedbackRecord>(opts.redis, "feedback", prefix),
    handoff:
      opts.handoff ?? new RecordingHandoff(new RedisRecordLog<HandoffRequest>(opts.redis, "handoff", prefix), dedupe),
    interceptors: opts.interceptors ?? [],
    observers: opts.observers ?? [],
    settings: settingsOf(c),
    logger: opts.logger ?? rootLogger.child({ module: "conversation" }),
    dedupe,
  };
}

/** Local mode: in-process memory; handoff requests and feedback go to `<dataDir>/*.jsonl`. */
export function createLocalConversationDeps(
  opts: CommonDepsOptions & { dataDir: string },
): ConversationDeps & { dedupe: DedupeStore } {
  const c = fullConfig(opts.config);
  const dedupe = new MemoryDedupeStore(c.DEDUPE_TTL_SEC);
  return {
    kb: opts.kb,
    quickKb: opts.quickKb,
    sessions: new MemoryKvStore<SessionState>(),
    answers: new MemoryKvStore<AnswerResult>(),
    rateLimiter: new MemoryRateLimiter({ max: c.RATE_LIMIT_MAX, windowSec: c.RATE_LIMIT_WINDOW_SEC }),
    feedback: new FileRecordLog<FeedbackRecord>(opts.dataDir, "feedback"),
    handoff: opts.handoff ?? new RecordingHandoff(new FileRecordLog<HandoffRequest>(opts.dataDir, "handoff"), dedupe),
    interceptors: opts.interceptors ?? [],
    observers: opts.observers ?? [],
    settings: settingsOf(c),
    logger: opts.logger ?? rootLogger.child({ module: "conversation" }),
    dedupe,
  };
}
