// Intake: channel decodes → intake.accept() dedupes (event id AND message id) → enqueues a BullMQ
// job → channel answers the platform (200). A worker (this or another process) runs the pipeline and
// sends through the channel's ChannelSender with idempotency key `${platform}:${messageId}:${i}`.
//
// Exactly-once display: the dedupe claim stops redeliveries; the job's computed replies are saved in
// the job before sending, so a retried job resends the SAME replies with the SAME keys and the
// platform (Feishu `uuid`) shows each once. A crash before the save re-runs the pipeline (same answer).
// The claim is short until the job is safely queued, then extended to the whole window: a crash
// between the two costs a redelivery's worth of delay, never the message.
// Job data is minimal and masked (phone and ID numbers): failed jobs stay in Redis for a while.
import { UnrecoverableError, type Job, type Queue, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import { finishStreamedReply, runStreamingPipeline } from "./streaming-reply.js";
import { DEFAULT_DEDUPE_TTL_SEC, type DedupeStore } from "../infra/dedupe-store.js";
import { ChannelError } from "../infra/errors.js";
import { logger } from "../../knowledge/infra/logger.js";
import { maskPhonesAndIds } from "../../knowledge/infra/mask.js";
import { CAPPED_BACKOFF_BASE_MS, createWorker, UNDELIVERABLE } from "../infra/queue.js";
import type { ConversationDeps } from "./deps.js";
import { handleInbound } from "./pipeline.js";
import type { ChannelSender, InboundMessage, Platform, Reply } from "./types.js";

export interface InboundJobData {
  msg: InboundMessage;
  eventId?: string;
  /** Set by the worker once computed, so retries resend exactly these. */
  replies?: Reply[];
  /** The card an LLM answer streamed into (Feishu); replies[0] is delivered into it. */
  streamMessageId?: string;
}

/** A reply to deliver into a chat outside an answer (e.g. after a card click), retried like answers. */
export interface SendJobData {
  send: { platform: Platform; chatId: string; reply: Reply; key: string };
}

/** Everything the bot's queue carries: messages to answer and replies to deliver. */
export type BotJobData = InboundJobData | SendJobData;

export type IntakeOutcome = "enqueued" | "duplicate";

export interface Intake {
  /**
   * Dedupe + enqueue. `eventId`: the platform's delivery id (Feishu `header.event_id`, v1 `uuid`).
   * Throws when Redis is unavailable (the claim is released first): answer the platform with a 5xx
   * so that it redelivers later — the question is never lost.
   */
  accept(msg: InboundMessage, opts?: { eventId?: string }): Promise<IntakeOutcome>;
}

/** Queued delivery of a reply into a chat; `key` is the idempotency key (the same key is sent once). */
export interface Outbound {
  send(platform: Platform, chatId: string, reply: Reply, key: string): Promise<void>;
}

/** Per platform, who sends replies. */
export type SenderRegistry = ReadonlyMap<Platform, ChannelSender>;

export function dedupeKeys(msg: Pick<InboundMessage, "platform" | "tenant" | "messageId">, eventId?: string): string[] {
  const keys = [`${msg.platform}:msg:${msg.tenant}:${msg.messageId}`];
  if (eventId) keys.push(`${msg.platform}:evt:${eventId}`);
  return keys;
}

/** BullMQ job ids must not contain ':' nor be all digits. */
const jobId = (id: string) => id.replace(/:/g, "_");

export function inboundJobId(msg: Pick<InboundMessage, "platform" | "messageId">): string {
  return jobId(`${msg.platform}.${msg.messageId}`);
}

export function idempotencyKey(msg: Pick<InboundMessage, "platform" | "messageId">, index: number): string {
  return `${msg.platform}:${msg.messageId}:${index}`;
}

/** Until the job is queued, a claim lives this long (less than the platforms' first redelivery gap, 15 s+). */
export const CLAIM_GRACE_SEC = 10;

/** What a job keeps of a message: personal data masked (the answer does not need it). */
export function jobMessage(msg: InboundMessage): InboundMessage {
  return {
    ...msg,
    text: maskPhonesAndIds(msg.text),
    ...(msg.senderName ? { senderName: maskPhonesAndIds(msg.senderName) } : {}),
  };
}

export function createQueueIntake(opts: {
  dedupe: DedupeStore;
  queue: Queue<BotJobData>;
  dedupeTtlSec?: number;
  claimGraceSec?: number;
}): Intake {
  const ttl = opts.dedupeTtlSec ?? DEFAULT_DEDUPE_TTL_SEC;
  const grace = Math.min(opts.claimGraceSec ?? CLAIM_GRACE_SEC, ttl);
  const log = logger.child({ module: "intake" });
  return {
    async accept(msg, { eventId } = {}) {
      const keys = dedupeKeys(msg, eventId);
      if (!(await opts.dedupe.claim(keys, grace))) return "duplicate";
      try {
        await opts.queue.add("inbound", { msg: jobMessage(msg), eventId }, { jobId: inboundJobId(msg) });
      } catch (err) {
        await opts.dedupe.release(keys).catch(() => undefined);
        throw err;
      }
      // Queued: now keep the claim for the whole redelivery window. Should this fail, a redelivery
      // finds the job by its id (adding it again is a no-op while it exists).
      await opts.dedupe
        .extend(keys, ttl)
        .catch((err: Error) => log.warn({ err: err.message, messageId: msg.messageId }, "dedupe claim not extended"));
      return "enqueued";
    },
  };
}

export function createQueueOutbound(queue: Queue<BotJobData>): Outbound {
  return {
    async send(platform, chatId, reply, key) {
      await queue.add("send", { send: { platform, chatId, reply, key } }, { jobId: jobId(`send.${key}`) });
    },
  };
}

/** Replies as kept in the job for a retry: retrieved passages are not rendered, so they are not stored. */
function withoutPassages(reply: Reply): Reply {
  return "result" in reply ? ({ ...reply, result: { ...reply.result, passages: [] } } as Reply) : reply;
}

/** The job processor: pipeline once, then send each reply with its idempotency key. */
export function createInboundProcessor(deps: ConversationDeps, senders: SenderRegistry) {
  const log = logger.child({ module: "inbound" });
  const senderFor = (platform: Platform): ChannelSender => {
    const sender = senders.get(platform);
    if (!sender) throw new UnrecoverableError(`${UNDELIVERABLE}: no ChannelSender registered for platform ${platform}`);
    return sender;
  };
  return async (job: Job<BotJobData>): Promise<{ sent: number }> => {
    if ("send" in job.data) {
      const { platform, chatId, reply, key } = job.data.send;
      const sender = senderFor(platform);
      if (!sender.sendToChat)
        throw new UnrecoverableError(`${UNDELIVERABLE}: the ${platform} channel cannot send into a chat`);
      await retryable(() => sender.sendToChat!(chatId, reply, key));
      return { sent: 1 };
    }
    const { msg } = job.data;
    const sender = senderFor(msg.platform);
    let { replies, streamMessageId } = job.data;
    if (!replies) {
      // With an LLM configured (and a sender that can update cards), the answer streams into one card.
      const out = await runStreamingPipeline(
        sender,
        msg,
        idempotencyKey(msg, 0),
        () => handleInbound(msg, deps),
        (err) => log.warn({ err: (err as Error).message, messageId: msg.messageId }, "streaming update failed"),
      );
      replies = out.replies;
      streamMessageId = out.streamMessageId;
      // Several replies (or a streamed card) are kept so that a retry sends exactly the same ones;
      // a single reply needs no record: a retry recomputes it and its idempotency key shows it once.
      if (replies.length > 1 || streamMessageId) {
        await job.updateData({ ...job.data, replies: replies.map(withoutPassages), streamMessageId });
      }
    }
    for (let i = 0; i < replies.length; i++) {
      const reply = replies[i];
      if (i === 0 && (await retryable(() => finishStreamedReply(sender, msg, streamMessageId, reply)))) continue;
      await retryable(() => sender.reply(msg, reply, idempotencyKey(msg, i)));
    }
    return { sent: replies.length };
  };
}

/** A platform error that retrying cannot fix (e.g. bot not in the chat) ends the job without retries. */
async function retryable<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    if (err instanceof ChannelError && !err.retryable)
      throw new UnrecoverableError(`${UNDELIVERABLE}: ${err.code}: ${err.message}`);
    throw err;
  }
}

/**
 * Starts a worker on the inbound queue. `connection` must be a worker connection
 * (createRedis(url, "worker")). Close with closeWithDeadline([worker]).
 */
export function startInboundWorker(opts: {
  queueName: string;
  connection: Redis;
  deps: ConversationDeps;
  senders: SenderRegistry;
  concurrency?: number;
  /** Shorter lock/stall settings for tests simulating a crashed worker. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** First retry delay of a failed send (tests shorten it). */
  backoffBaseMs?: number;
}): Worker<BotJobData> {
  const worker = createWorker<BotJobData>(
    opts.queueName,
    createInboundProcessor(opts.deps, opts.senders),
    opts.connection,
    {
      concurrency: opts.concurrency ?? 8,
      ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs } : {}),
      ...(opts.stalledIntervalMs ? { stalledInterval: opts.stalledIntervalMs } : {}),
    },
    opts.backoffBaseMs ?? CAPPED_BACKOFF_BASE_MS,
  );
  worker.on("completed", (job) => logger.debug({ jobId: job.id }, "inbound job done"));
  return worker;
}
