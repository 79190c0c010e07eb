// What the pipeline needs, as interfaces, so that Redis/local stores, the real or a test KB,
// and the service desk's tickets (interceptors + handoff) plug in without editing the pipeline.
import type { AnswerResult, Candidate, KnowledgeBase } from "../../knowledge/types.js";
import type { KvStore } from "../infra/kv-store.js";
import type { Logger } from "../../knowledge/infra/logger.js";
import type { RateLimiter } from "../infra/rate-limiter.js";
import type { RecordLog } from "../infra/record-log.js";
import type { CardAction, InboundMessage, Reply } from "./types.js";

/** Result of a card button press. */
export interface CardActionResult {
  /** Short toast shown to the clicker (Feishu `toast`). */
  toast?: string;
  /** The updated card content: the channel replaces the clicked card with it. */
  reply?: Reply;
  /**
   * Extra messages for the chat (e.g. a ticket card after 「没解决，转人工」). The channel sends them with
   * `sendToChat(action.chatId, reply, \`${platform}:action:${action.messageId}:${cmd}:${i}\`)`.
   */
  messages?: Reply[];
}

/**
 * Runs before the built-in behaviour (after the group-mention policy, before the rate limit).
 * Return null to pass; the first non-null result wins. Desk commands (`/工单 …`), relaying replies to
 * open tickets, and `ticket.*` / `survey.*` buttons are interceptors.
 */
export interface Interceptor {
  name: string;
  /**
   * Also sees group messages that do not @mention the bot (desk commands such as "/工单 列表":
   * Feishu delivers those when the app has the group-message scope). Default false.
   */
  acceptsUnmentioned?: boolean;
  handleMessage?(msg: InboundMessage): Promise<Reply[] | null> | Reply[] | null;
  handleCardAction?(action: CardAction): Promise<CardActionResult | null> | CardActionResult | null;
}

/** Why a handoff was requested. */
export type HandoffVia = "command" | "button";

/**
 * 转人工. The default (handoff.ts) records the request durably; the service desk replaces it with tickets.
 * `lastResult` is the user's previous answer in this chat (question, passages with scores …) if known.
 * Must be idempotent per `msg.messageId` (a retried job may call it again).
 */
export interface HandoffService {
  requestHandoff(msg: InboundMessage, lastResult?: AnswerResult, via?: HandoffVia): Promise<Reply[]>;
}

/** Short per chat+user memory for follow-up questions (TTL: settings.sessionTtlSec). */
export interface SessionState {
  lastQuestion?: string;
  lastProject?: number | null;
  /** Key of the last answer in `deps.answers` (for 转人工 and feedback). */
  lastRef?: string;
  /** Set while a clarify reply is pending: "第二个" picks candidates[1] for `question`. */
  clarify?: { question: string; candidates: Candidate[]; ref: string };
  updatedAt: number;
}

export interface FeedbackRecord {
  ref: string; // answer key, `${platform}:${messageId}` of the question
  solved: boolean;
  platform: string;
  tenant: string;
  chatId: string;
  userId: string;
  question?: string;
  project?: number | null;
}

export interface ConversationSettings {
  /** Longer messages get a polite notice instead of an answer. */
  maxChars: number;
  sessionTtlSec: number;
  /** How long answers stay available to their card buttons. */
  answerTtlSec: number;
}

export const DEFAULT_CONVERSATION_SETTINGS: ConversationSettings = {
  maxChars: 1000,
  sessionTtlSec: 30 * 60,
  answerTtlSec: 7 * 24 * 3600,
};

/**
 * Told about every answer and every 「已解决」/「没解决」 press (the desk's interaction log for the
 * knowledge-gap report). Failures are logged and never change the reply.
 */
export interface AnswerObserver {
  answered?(a: { ref: string; platform: string; chatId: string; userId: string; result: AnswerResult }): Promise<void>;
  feedback?(f: FeedbackRecord): Promise<void>;
}

export interface ConversationDeps {
  kb: KnowledgeBase;
  /** Used where the reply is due within ~3 s (card callbacks: clarify.pick); defaults to `kb`. */
  quickKb?: KnowledgeBase;
  sessions: KvStore<SessionState>;
  /** Answers by ref, so card buttons work without recomputing (passages trimmed). */
  answers: KvStore<AnswerResult>;
  rateLimiter: RateLimiter;
  feedback: RecordLog<FeedbackRecord>;
  handoff: HandoffService;
  interceptors: Interceptor[];
  settings: ConversationSettings;
  logger: Logger;
  observers?: AnswerObserver[];
}

/** Calls every observer; a failing one is logged, never thrown. */
export async function tellObservers(
  deps: ConversationDeps,
  call: (o: AnswerObserver) => Promise<void> | undefined,
): Promise<void> {
  for (const o of deps.observers ?? []) {
    try {
      await call(o);
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, "answer observer failed");
    }
  }
}
