// BullMQ helpers: a queue (producer side), a worker factory with sane retry defaults, and
// shutdown with a deadline (worker.close() waits for active jobs with no timeout).
import {
  Queue,
  Worker,
  type ConnectionOptions,
  type Job,
  type JobsOptions,
  type Processor,
  type WorkerOptions,
} from "bullmq";
import type { Redis } from "ioredis";
import { logger } from "../../knowledge/infra/logger.js";

export const DEFAULT_INBOUND_QUEUE = "qft-inbound";

/** Backoff type of reply jobs: 1 s, 2 s, 4 s … doubling up to CAPPED_BACKOFF_MAX_MS, ±20 % jitter. */
export const CAPPED_BACKOFF = "capped";
export const CAPPED_BACKOFF_BASE_MS = 1000;
export const CAPPED_BACKOFF_MAX_MS = 5 * 60_000;
export const DEFAULT_REPLY_RETRY_HOURS = 6;
/** Failed jobs (their masked text) are kept this long for inspection and re-drive, then removed. */
export const FAILED_JOB_KEEP_SEC = 2 * 24 * 3600;
/** Failure reasons starting with this are final: re-driving cannot help (expired chat, bot removed). */
export const UNDELIVERABLE = "undeliverable";

export function cappedBackoffMs(
  attemptsMade: number,
  baseMs = CAPPED_BACKOFF_BASE_MS,
  maxMs = CAPPED_BACKOFF_MAX_MS,
  random = Math.random,
): number {
  const raw = Math.min(baseMs * 2 ** Math.max(0, attemptsMade - 1), maxMs);
  return Math.round(raw * (0.8 + 0.4 * random()));
}

/** Attempts whose capped backoff adds up to at least `hours` of retrying. */
export function attemptsFor(hours: number, baseMs = CAPPED_BACKOFF_BASE_MS, maxMs = CAPPED_BACKOFF_MAX_MS): number {
  let total = 0;
  let attempts = 1;
  while (total < hours * 3_600_000) total += Math.min(baseMs * 2 ** (attempts++ - 1), maxMs);
  return attempts;
}

/** Reply jobs: retried for `hours` (a platform outage delays answers, never loses them). */
export function replyJobOptions(hours = DEFAULT_REPLY_RETRY_HOURS): JobsOptions {
  return {
    attempts: attemptsFor(hours),
    backoff: { type: CAPPED_BACKOFF },
    removeOnComplete: { age: 3600, count: 5000 },
    removeOnFail: { age: FAILED_JOB_KEEP_SEC },
  };
}

export const DEFAULT_JOB_OPTIONS: JobsOptions = replyJobOptions();

/** `connection` should be a producer connection (fail fast). */
export function createQueue<T>(name: string, connection: Redis, jobOptions: JobsOptions = {}): Queue<T> {
  return new Queue<T>(name, {
    connection: connection as unknown as ConnectionOptions,
    defaultJobOptions: { ...DEFAULT_JOB_OPTIONS, ...jobOptions },
  });
}

/** `connection` must be a worker connection (`maxRetriesPerRequest: null`). */
export function createWorker<T>(
  name: string,
  processor: Processor<T>,
  connection: Redis,
  opts: Partial<WorkerOptions> = {},
  /** First retry delay of capped backoff (tests shorten it; the cap scales with it). */
  backoffBaseMs = CAPPED_BACKOFF_BASE_MS,
): Worker<T> {
  const worker = new Worker<T>(name, processor, {
    connection: connection as unknown as ConnectionOptions,
    concurrency: 8,
    ...opts,
    settings: {
      backoffStrategy: (attemptsMade: number) =>
        cappedBackoffMs(attemptsMade, backoffBaseMs, (backoffBaseMs * CAPPED_BACKOFF_MAX_MS) / CAPPED_BACKOFF_BASE_MS),
      ...opts.settings,
    },
  });
  const log = logger.child({ module: "worker", queue: name });
  worker.on("failed", (job, err) => {
    // Logged once when it is final (cannot be delivered, or every retry used); each retry at debug.
    if (err.name === "UnrecoverableError")
      log.error({ jobId: job?.id, reason: err.message }, "job failed for good (retrying cannot help)");
    else if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
      log.error(
        { jobId: job.id, attempts: job.attemptsMade, err: err.message },
        "job failed after every retry; kept for re-drive",
      );
    else log.debug({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, "job attempt failed; will retry");
  });
  worker.on("error", (err) => log.error({ err: err.message }, "worker error"));
  return worker;
}

export interface Closable {
  close(): Promise<unknown>;
}

/**
 * Closes everything, giving up after `deadlineMs` (jobs still active then are picked up again by
 * another worker once their lock expires — BullMQ's stalled-job check — so nothing is lost).
 * Returns false when the deadline was hit.
 */
export async function closeWithDeadline(items: (Closable | undefined)[], deadlineMs = 10_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), deadlineMs);
  });
  const all = Promise.allSettled(items.filter(Boolean).map((i) => i!.close())).then(() => true as const);
  const ok = await Promise.race([all, deadline]);
  clearTimeout(timer);
  if (!ok) logger.warn({ deadlineMs }, "shutdown deadline reached; active jobs will be retried elsewhere");
  return ok;
}

/** Waiting + active + delayed jobs (for /healthz). */
export async function queueDepth(
  queue: Queue,
): Promise<{ waiting: number; active: number; delayed: number; failed: number }> {
  const c = await queue.getJobCounts("waiting", "active", "delayed", "failed");
  return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
}

/**
 * Re-drives failed jobs that may still succeed (not marked undeliverable, created within
 * `maxAgeMs`): every `everyMs` and once at once. Returns a stop function.
 */
export function redriveFailedJobs<T>(
  queue: Queue<T>,
  opts: { everyMs?: number; maxAgeMs?: number; now?: () => number } = {},
): () => void {
  const log = logger.child({ module: "redrive", queue: queue.name });
  const now = opts.now ?? Date.now;
  const maxAge = opts.maxAgeMs ?? 24 * 3_600_000;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const failed = (await queue.getFailed(0, 499)) as Job<T>[];
      let n = 0;
      for (const job of failed) {
        if (!job || (job.failedReason ?? "").startsWith(UNDELIVERABLE) || now() - job.timestamp > maxAge) continue;
        await job.retry("failed", { resetAttemptsMade: true }).then(
          () => n++,
          () => undefined,
        );
      }
      if (n) log.info({ count: n }, "failed jobs re-driven");
    } catch (err) {
      log.debug({ err: (err as Error).message }, "re-drive skipped (queue unavailable)");
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), opts.everyMs ?? 10 * 60_000);
  timer.unref();
  void run();
  return () => clearInterval(timer);
}
