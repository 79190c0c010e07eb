// Delivers approved plans: a poll loop hands due deliveries (database rows) to one BullMQ queue per
// platform, whose limiter keeps to that platform's send rate; a worker leases the row, sends, and
// marks it sent. The row's lease and status make each (plan, subscriber) message go out once across
// crashes, restarts and a Redis that comes back empty (the poll loop re-offers what is not marked
// sent); the platform idempotency key covers a crash between the send and the mark.
import { Queue, Worker, type ConnectionOptions } from "bullmq";
import type { Logger } from "../../knowledge/infra/logger.js";
import { ChannelError } from "../infra/errors.js";
import { closeWithDeadline } from "../infra/queue.js";
import { closeRedis, createRedis, type Redis } from "../infra/redis.js";
import type { ChannelSender } from "../conversation/types.js";
import { pushCard, type PushDocumentCard as PushCardDocument } from "./cards.js";
import type { DeliveryRow, PlanStore } from "./plan-store.js";
import { topicsOf, type SubscriptionRow, type SubscriptionStore } from "./subscription-store.js";
import { decodePositions } from "./positions.js";

export type SenderLookup = (platform: string) => ChannelSender | undefined;

export interface DeliveryOptions {
  plans: PlanStore;
  subscriptions: SubscriptionStore;
  senders: SenderLookup;
  topicLabel: (id: string) => string;
  logger: Logger;
  /** Absent: local mode (send from the poll loop, no BullMQ). */
  redisUrl?: string;
  prefix?: string;
  /** Messages per second per platform. */
  rates: Record<string, number>;
  /** Run the BullMQ workers in this process (the poll loop always runs). */
  worker?: boolean;
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  /** A delivery handed to the queue is offered again after this long if it is still not sent. */
  reofferMs?: number;
  maxAttempts?: number;
  now?: () => number;
}

const REDIS_OP_TIMEOUT_MS = 5000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis operation timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export const queueName = (platform: string) => `push-${platform}`;

export type DeliverOutcome = "sent" | "skipped" | "failed" | "retry";

export class PushDelivery {
  private producer?: Redis;
  private workerConn?: Redis;
  private readonly queues = new Map<string, Queue>();
  private workers: Worker[] = [];
  private timer?: NodeJS.Timeout;
  private polling: Promise<void> | null = null;
  private stopped = false;
  private redisDownLogged = false;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly o: DeliveryOptions) {
    this.now = o.now ?? Date.now;
    this.log = o.logger.child({ module: "push-delivery" });
  }

  async start(): Promise<void> {
    if (this.o.redisUrl) {
      const prefix = this.o.prefix ?? "bull";
      this.producer = createRedis(this.o.redisUrl, "producer");
      const conn = (c: Redis) => c as unknown as ConnectionOptions;
      for (const platform of Object.keys(this.o.rates)) {
        const q = new Queue(queueName(platform), { connection: conn(this.producer), prefix });
        q.on("error", () => undefined); // logged by the connection
        this.queues.set(platform, q);
      }
      if (this.o.worker !== false) {
        this.workerConn = createRedis(this.o.redisUrl, "worker");
        for (const [platform, rate] of Object.entries(this.o.rates)) {
          const w = new Worker<{ id: string }>(queueName(platform), async (job) => this.deliver(job.data.id), {
            connection: conn(this.workerConn),
            prefix,
            concurrency: this.o.concurrency ?? 8,
            limiter: { max: Math.max(1, Math.floor(rate)), duration: 1000 },
            // A send takes milliseconds: short locks let a dead worker's jobs move on within seconds.
            lockDuration: 10_000,
            stalledInterval: 5_000,
          });
          w.on("error", (err) => this.log.debug({ err: err.message }, "worker error"));
          w.on("failed", (job, err) => this.log.warn({ jobId: job?.id, err: err.message }, "push job failed"));
          this.workers.push(w);
        }
      }
    }
    this.timer = setInterval(() => void this.poll(), this.o.pollMs ?? 2000);
    this.timer.unref();
    void this.poll();
  }

  /** Offers due deliveries now (after an approval). */
  kick(): void {
    void this.poll();
  }

  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    try {
      for (;;) {
        const rows = await this.o.plans.due(this.now(), 1000);
        if (!rows.length) break;
        if (!this.queues.size) {
          for (const r of rows)
            await this.deliver(r.id).catch((err: Error) =>
              this.log.warn({ id: r.id, err: err.message }, "push delivery failed"),
            );
          if (rows.length < 1000) break;
          continue;
        }
        const byPlatform = new Map<string, string[]>();
        for (const r of rows) byPlatform.set(r.platform, [...(byPlatform.get(r.platform) ?? []), r.id]);
        for (const [platform, ids] of byPlatform) {
          const q = this.queues.get(platform);
          if (!q) {
            for (const id of ids) await this.o.plans.markFailed(id, `no delivery queue for platform ${platform}`);
            continue;
          }
          // One job per row while it exists: re-adding after Redis lost it is harmless (the row decides).
          await withTimeout(
            q.addBulk(
              ids.map((id) => ({
                name: "deliver",
                data: { id },
                opts: { jobId: `pd-${id}`, attempts: 1, removeOnComplete: true, removeOnFail: true },
              })),
            ),
            REDIS_OP_TIMEOUT_MS,
          );
        }
        await this.o.plans.markOffered(
          rows.map((r) => r.id),
          this.now() + (this.o.reofferMs ?? 120_000),
        );
        if (rows.length < 1000) break;
      }
      if (this.redisDownLogged) this.log.info("redis back: push deliveries offered again");
      this.redisDownLogged = false;
    } catch (err) {
      if (!this.redisDownLogged)
        this.log.warn({ err: (err as Error).message }, "push poll failed; deliveries wait in the database");
      this.redisDownLogged = true;
    }
  }

  /** Sends one delivery if it is still due; never throws for channel errors (the row records them). */
  async deliver(id: string): Promise<DeliverOutcome> {
    const row = await this.o.plans.lease(id, this.now(), this.o.leaseMs ?? 60_000);
    if (!row) return "skipped"; // sent, failed, plan not approved, or another sender holds it (it will finish or its lease expires)
    const sub = await this.o.subscriptions.byId(row.subscription_id);
    if (!sub || sub.status !== "active") {
      await this.o.plans.markFailed(row.id, sub ? `subscription ${sub.status}` : "subscription gone");
      return "failed";
    }
    try {
      const messageId = await this.send(row, sub);
      await this.o.plans.markSent(row.id, this.now(), messageId);
      return "sent";
    } catch (err) {
      const e = err as Error;
      const permanent = e instanceof ChannelError && !e.retryable;
      if (permanent) {
        // The bot was removed, the chat dissolved, the user is gone: record it and stop pushing there.
        await this.o.plans.markFailed(row.id, `${(e as ChannelError).code}: ${e.message}`);
        await this.o.subscriptions.pause(sub.id, `${(e as ChannelError).code}: ${e.message}`);
        this.log.warn(
          { delivery: row.id, chat: row.chat_id, code: (e as ChannelError).code },
          "push undeliverable; subscription paused",
        );
        return "failed";
      }
      if (row.attempts >= (this.o.maxAttempts ?? 8)) {
        await this.o.plans.markFailed(row.id, e.message);
        return "failed";
      }
      await this.o.plans.markRetry(row.id, row.attempts, e.message, this.now());
      return "retry";
    }
  }

  private async send(row: DeliveryRow, sub: SubscriptionRow): Promise<string | undefined> {
    const sender = this.o.senders(row.platform);
    if (!sender?.sendToChat)
      throw new ChannelError("PUSH_NO_SENDER", `no channel sender for ${row.platform}`, { retryable: true });
    const all = await this.planDocuments(row.plan_id);
    const positions = new Set(decodePositions(row.doc_positions));
    const reply = pushCard({
      planId: row.plan_id,
      deliveryId: row.id,
      documents: all.filter((d) => positions.has(d.position)),
      subscribedTopics: topicsOf(sub),
      topicLabel: this.o.topicLabel,
    });
    const key = `push:${row.id}`;
    // DingTalk cannot post into a single chat by its conversation id: message the subscriber instead.
    if (row.platform === "dingtalk" && sub.chat_type === "p2p" && sender.sendToUser)
      return (await sender.sendToUser(sub.user_id, reply, key)).messageId;
    return (await sender.sendToChat(row.chat_id, reply, key)).messageId;
  }

  private readonly docsCache = new Map<string, Promise<{ position: number; card: PushCardDocument }[]>>();

  /** A plan's documents never change once written: read them once per plan (a few plans kept). */
  private planDocuments(planId: string) {
    let p = this.docsCache.get(planId);
    if (!p) {
      if (this.docsCache.size >= 4) this.docsCache.delete(this.docsCache.keys().next().value!);
      p = this.o.plans.documents(planId);
      p.catch(() => this.docsCache.delete(planId));
      this.docsCache.set(planId, p);
    }
    return p;
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await withTimeout(this.polling ?? Promise.resolve(), REDIS_OP_TIMEOUT_MS).catch(() => undefined);
    await closeWithDeadline([...this.workers, ...this.queues.values()], 5000);
    await closeRedis(this.producer, this.workerConn);
  }

  /** For tests: drop every key of the push queues (as if Redis lost them). */
  async obliterate(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.obliterate({ force: true })));
  }
}
