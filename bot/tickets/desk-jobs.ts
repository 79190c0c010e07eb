// Background work of the desk: outbox delivery (BullMQ jobs with retries) and the SLA sweep
// (BullMQ job scheduler). A poll loop in every process re-enqueues undelivered outbox rows and
// re-creates the scheduler, so a Redis that was down — or came back EMPTY — still gets every
// notification delivered; the database's delivered_at mark makes delivery happen once.
import { Queue, UnrecoverableError, Worker, type ConnectionOptions } from "bullmq";
import type { Logger } from "../../knowledge/infra/logger.js";
import { closeWithDeadline } from "../infra/queue.js";
import { closeRedis, createRedis, type Redis } from "../infra/redis.js";
import type { ChannelSender } from "../conversation/types.js";
import { deskCard } from "./cards.js";
import { deskCardKey, type SendPayload } from "./notifications.js";
import type { OutboxRow, OutboxStore } from "./outbox-store.js";
import type { TicketStore } from "./store.js";

export type SenderLookup = (platform: string) => ChannelSender | undefined;

export interface DeskJobsOptions {
  store: TicketStore;
  outbox: OutboxStore;
  senders: SenderLookup;
  logger: Logger;
  /** Redis URL; absent = local mode: deliver in-process from the poll loop, no BullMQ. */
  redisUrl?: string;
  /** BullMQ key prefix (tests use their own). */
  prefix?: string;
  pollMs?: number;
  leaseMs?: number;
  sweepEveryMs?: number;
  /** Runs the SLA sweep (BullMQ scheduler job, or the poll loop in local mode). */
  sweep?: () => Promise<unknown>;
  now?: () => number;
}

const SCHEDULER_ID = "sla-sweep";
/** BullMQ calls wait for a connection that may never come; the poll loop must not hang on them. */
const REDIS_OP_TIMEOUT_MS = 3000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`redis operation timed out after ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class DeskJobs {
  private producer?: Redis;
  private workerConn?: Redis;
  private outboxQueue?: Queue;
  private slaQueue?: Queue;
  private workers: Worker[] = [];
  private timer?: NodeJS.Timeout;
  private polling = false;
  private pollAgain = false;
  private stopped = false;
  private inFlight: Promise<void> = Promise.resolve();
  private lastSweep = 0;
  private redisDownLogged = false;
  private readonly now: () => number;
  private readonly log: Logger;

  constructor(private readonly o: DeskJobsOptions) {
    this.now = o.now ?? Date.now;
    this.log = o.logger.child({ module: "desk-jobs" });
  }

  async start(): Promise<void> {
    if (this.o.redisUrl) {
      const prefix = this.o.prefix ?? "bull";
      this.producer = createRedis(this.o.redisUrl, "producer");
      this.workerConn = createRedis(this.o.redisUrl, "worker");
      const conn = (c: Redis) => c as unknown as ConnectionOptions;
      this.outboxQueue = new Queue("desk-outbox", { connection: conn(this.producer), prefix });
      this.slaQueue = new Queue("desk-sla", { connection: conn(this.producer), prefix });
      for (const q of [this.outboxQueue, this.slaQueue]) q.on("error", () => undefined); // logged by the connection
      const outboxWorker = new Worker<{ id: string }>("desk-outbox", async (job) => this.deliver(job.data.id), {
        connection: conn(this.workerConn),
        prefix,
        concurrency: 4,
      });
      const slaWorker = new Worker("desk-sla", async () => this.o.sweep?.(), {
        connection: conn(this.workerConn),
        prefix,
        concurrency: 1,
      });
      for (const w of [outboxWorker, slaWorker]) {
        w.on("error", (err) => this.log.debug({ err: err.message }, "worker error"));
        w.on("failed", (job, err) =>
          this.log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, "desk job failed"),
        );
      }
      this.workers = [outboxWorker, slaWorker];
    }
    this.timer = setInterval(() => void this.poll(), this.o.pollMs ?? 2000);
    this.timer.unref();
    void this.poll(); // not awaited: start-up never waits for Redis
  }

  /** Hands undelivered rows to BullMQ (or delivers them in local mode). Call after each change. */
  kick(): void {
    void this.poll();
  }

  poll(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.polling) {
      this.pollAgain = true; // a change arrived mid-poll: look again right after
      return this.inFlight;
    }
    this.polling = true;
    this.inFlight = this.pollOnce();
    return this.inFlight;
  }

  private async pollOnce(): Promise<void> {
    this.pollAgain = false;
    try {
      const rows = await this.o.outbox.pending(this.now(), 200);
      if (!this.outboxQueue) {
        for (const r of rows)
          await this.deliver(r.id).catch((err: Error) =>
            this.log.warn({ id: r.id, err: err.message }, "delivery failed"),
          );
        if (this.o.sweep && this.now() - this.lastSweep >= (this.o.sweepEveryMs ?? 60_000)) {
          this.lastSweep = this.now();
          await this.o.sweep();
        }
        return;
      }
      await withTimeout(this.ensureScheduler(), REDIS_OP_TIMEOUT_MS);
      for (const r of rows) {
        await withTimeout(
          this.outboxQueue.add(
            "deliver",
            { id: r.id },
            {
              jobId: `ob-${r.id}`, // one job per row while it exists; a re-add after an empty Redis is harmless
              attempts: 5,
              backoff: { type: "exponential", delay: 500 },
              removeOnComplete: { age: 3600 },
              removeOnFail: true, // the poll loop tries again later
            },
          ),
          REDIS_OP_TIMEOUT_MS,
        );
      }
      if (this.redisDownLogged) this.log.info("redis back: outbox re-enqueued");
      this.redisDownLogged = false;
    } catch (err) {
      if (!this.redisDownLogged)
        this.log.warn({ err: (err as Error).message }, "outbox poll failed; notifications wait in the database");
      this.redisDownLogged = true;
    } finally {
      this.polling = false;
      if (this.pollAgain) void this.poll();
    }
  }

  private async ensureScheduler(): Promise<void> {
    if (!this.slaQueue || !this.o.sweep) return;
    if (await this.slaQueue.getJobScheduler(SCHEDULER_ID)) return;
    await this.slaQueue.upsertJobScheduler(
      SCHEDULER_ID,
      { every: this.o.sweepEveryMs ?? 60_000 },
      { name: "sweep", opts: { removeOnComplete: 50, removeOnFail: 50 } },
    );
  }

  /** Delivers one outbox row; throws (so BullMQ retries) when the channel fails. */
  async deliver(id: string): Promise<"delivered" | "skipped"> {
    const row = await this.o.outbox.lease(id, this.now(), this.o.leaseMs ?? 30_000);
    if (!row) {
      const current = await this.o.outbox.get(id);
      if (!current || current.delivered_at) return "skipped"; // delivered already
      // Another worker holds the lease (or crashed holding it): retry after it expires, never drop.
      throw new Error("outbox row is leased by another sender");
    }
    try {
      const messageId = await this.send(row);
      await this.o.outbox.markDelivered(row.id, this.now(), messageId);
      return "delivered";
    } catch (err) {
      await this.o.outbox.markFailed(row.id, (err as Error).message, this.now()).catch(() => undefined);
      // A channel error marked not retryable (e.g. the bot was removed from the chat) skips BullMQ's
      // quick retries; the poll loop still offers the row again later, with a growing backoff.
      if ((err as { retryable?: boolean }).retryable === false) throw new UnrecoverableError((err as Error).message);
      throw err;
    }
  }

  private async send(row: OutboxRow): Promise<string | undefined> {
    const sender = this.o.senders(row.platform);
    if (!sender) throw new Error(`no channel sender for platform ${row.platform}`);
    const payload = JSON.parse(row.payload) as SendPayload & { ticketId?: string };
    const key = row.idempotency_key;
    if (row.kind === "send") {
      const fn = row.target_type === "user" ? sender.sendToUser : sender.sendToChat;
      if (!fn || !row.target) throw new Error(`platform ${row.platform} cannot send to a ${row.target_type}`);
      return (await fn.call(sender, row.target, payload.reply, key)).messageId;
    }
    const ticket = payload.ticketId ? await this.o.store.getById(payload.ticketId) : undefined;
    if (!ticket) return undefined; // nothing to show
    if (row.kind === "desk_card.post") {
      if (!sender.sendToChat || !row.target) throw new Error(`platform ${row.platform} cannot post to a chat`);
      const res = await sender.sendToChat(row.target, deskCard(ticket), key);
      if (res.messageId) await this.o.store.setDeskMessageId(ticket.id, res.messageId);
      return res.messageId;
    }
    if (row.kind === "desk_card.update") {
      if (!ticket.desk_message_id) {
        // The post (rendered from the ticket as it is then) has not gone out yet: wait for it.
        const post = await this.o.outbox.byKey(deskCardKey(ticket));
        if (post && !post.delivered_at) throw new Error("desk card not posted yet");
        return undefined;
      }
      await sender.updateCard?.(ticket.desk_message_id, deskCard(ticket));
      return undefined;
    }
    throw new Error(`unknown outbox kind ${row.kind}`);
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await withTimeout(this.inFlight, REDIS_OP_TIMEOUT_MS).catch(() => undefined); // a poll stuck on a dead database must not block shutdown
  }

  async close(): Promise<void> {
    await this.stop();
    // worker.close() waits for active jobs with no timeout (and for Redis): bound it.
    await closeWithDeadline([...this.workers, this.outboxQueue, this.slaQueue], 5000);
    await closeRedis(this.producer, this.workerConn);
  }

  /** For tests: drop every key of this prefix's queues. */
  async obliterate(): Promise<void> {
    await this.stop(); // no re-adds while the keys go
    await closeWithDeadline(this.workers, 5000);
    await Promise.allSettled([
      this.outboxQueue?.obliterate({ force: true }),
      this.slaQueue?.obliterate({ force: true }),
    ]);
  }
}
