// BullMQ helpers: a queue (producer side), a worker factory with sane retry defaults, and
// shutdown with a deadline (worker.close() waits for active jobs with no timeout).
import { Queue, Worker, type ConnectionOptions, type JobsOptions, type Processor, type WorkerOptions } from "bullmq";
import type { Redis } from "ioredis";
import { logger } from "../../knowledge/infra/logger.js";

export const DEFAULT_INBOUND_QUEUE = "qft-inbound";

/** Retries with exponential backoff (1 s, 2 s, 4 s, 8 s …); completed jobs kept briefly for inspection. */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 6,
  backoff: { type: "exponential", delay: 1000, jitter: 0.2 },
  removeOnComplete: { age: 3600, count: 5000 },
  removeOnFail: { age: 7 * 24 * 3600 },
};

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
): Worker<T> {
  const worker = new Worker<T>(name, processor, {
    connection: connection as unknown as ConnectionOptions,
    concurrency: 8,
    ...opts,
  });
  const log = logger.child({ module: "worker", queue: name });
  worker.on("failed", (job, err) =>
    log.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, "job failed"),
  );
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
export async function queueDepth(queue: Queue): Promise<{ waiting: number; active: number; delayed: number; failed: number }> {
  const c = await queue.getJobCounts("waiting", "active", "delayed", "failed");
  return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
}
