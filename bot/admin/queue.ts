// Re-ingest as a BullMQ job: one at a time (deduplication id + concurrency 1), the build itself in
// a child process so the worker keeps renewing its lock, progress on the job, the report as result.
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import { type ConnectionOptions, type Job, Queue, UnrecoverableError, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { InboundMessage } from "../conversation/types.js";
import { logger } from "../../knowledge/infra/logger.js";
import { createWorker } from "../infra/queue.js";
import { IngestError } from "../../ingest/errors.js";
import type { IngestReport, Progress } from "../../ingest/pipeline/run.js";
import { describeReport } from "../../ingest/report-text.js";
import type { ChildRequest } from "../../ingest/child/protocol.js";
import { runIngestInChild } from "../../ingest/child/run-in-child.js";

export const REINGEST_DEDUP_ID = "reingest";

export interface ReingestJobData {
  requestId: string;
  source: "chat" | "http" | "cli";
  requestedBy: string;
  /** For chat requests: the message to reply to with progress and the result. */
  message?: InboundMessage;
  request: Omit<ChildRequest, "dataDir">;
  /** Upload directory to remove once the job is over (its files were copied into DATA_DIR/corpus if published). */
  cleanupDir?: string;
}

export interface ReingestJobResult {
  kind: "report" | "rollback";
  status: IngestReport["status"] | "rolled_back";
  version: string | null;
  text: string;
  report?: IngestReport;
}

export type EnqueueOutcome = { queued: true; jobId: string } | { queued: false; runningJobId: string };

export function createIngestQueue(connection: Redis, name: string, prefix?: string): Queue<ReingestJobData> {
  const queue = new Queue<ReingestJobData>(name, {
    connection: connection as unknown as ConnectionOptions,
    prefix,
    defaultJobOptions: {
      attempts: 1,
      removeOnComplete: { age: 7 * 24 * 3600, count: 200 },
      removeOnFail: { age: 7 * 24 * 3600, count: 200 },
    },
  });
  let last = "";
  queue.on("error", (err: Error) => {
    if (err.message !== last) logger.child({ module: "ingest-queue" }).warn({ err: err.message }, "ingest queue error");
    last = err.message;
  });
  return queue;
}

/** Adds a re-ingest job unless one is waiting or running (then says which). */
export async function enqueueReingest(
  queue: Queue<ReingestJobData>,
  data: Omit<ReingestJobData, "requestId">,
): Promise<EnqueueOutcome> {
  const requestId = randomUUID();
  const job = await queue.add(
    "reingest",
    { ...data, requestId },
    {
      deduplication: { id: REINGEST_DEDUP_ID },
      attempts: 1,
      removeOnComplete: { age: 7 * 24 * 3600, count: 200 },
      removeOnFail: { age: 7 * 24 * 3600, count: 200 },
    },
  );
  const stored = job.id ? await queue.getJob(job.id) : undefined;
  if (stored && stored.data.requestId !== requestId) return { queued: false, runningJobId: String(job.id) };
  return { queued: true, jobId: String(job.id) };
}

export interface WorkerHooks {
  /** Progress (throttled) and the final text, e.g. to the admin's chat. */
  notify?: (data: ReingestJobData, text: string, key: string) => Promise<void>;
}

const STAGE_TEXT: Record<string, string> = {
  load: "正在读取文档",
  embed: "正在计算向量",
  validate: "正在校验新版本",
  publish: "正在发布",
};

/** The worker: `connection` must be a worker connection (maxRetriesPerRequest: null). */
export function startIngestWorker(
  name: string,
  connection: Redis,
  dataDir: string,
  hooks: WorkerHooks = {},
  opts: { prefix?: string; env?: NodeJS.ProcessEnv; corpusDir?: string } = {},
): Worker<ReingestJobData, ReingestJobResult> {
  const log = logger.child({ module: "ingest-worker" });
  const processor = async (job: Job<ReingestJobData>): Promise<ReingestJobResult> => {
    const notify = (text: string, key: string) =>
      hooks
        .notify?.(job.data, text, `${job.id}:${key}`)
        .catch((e: Error) => log.warn({ err: e.message }, "notify failed"));
    let stage = "";
    const onProgress = (p: Progress) => {
      void job.updateProgress(p).catch(() => undefined);
      if (p.stage !== stage) {
        stage = p.stage;
        if (STAGE_TEXT[p.stage])
          void notify(`${STAGE_TEXT[p.stage]}（${p.total ? `${p.total} 项` : ""}）…`, `stage-${p.stage}`);
      }
    };
    try {
      const out = await runIngestInChild(
        { corpusDir: opts.corpusDir, ...job.data.request, dataDir },
        onProgress,
        opts.env,
      );
      const result: ReingestJobResult =
        out.kind === "rollback"
          ? { kind: "rollback", status: "rolled_back", version: out.to, text: `已回滚：${out.from} → ${out.to}` }
          : {
              kind: "report",
              status: out.report.status,
              version: out.report.version,
              text: describeReport(out.report),
              report: out.report,
            };
      await notify(result.text, "done");
      return result;
    } catch (e) {
      const msg = e instanceof IngestError ? e.message : String(e);
      await notify(`知识库更新失败，线上版本保持不变。\n${msg}`, "failed");
      throw new UnrecoverableError(msg);
    } finally {
      if (job.data.cleanupDir) await rm(job.data.cleanupDir, { recursive: true, force: true }).catch(() => undefined);
    }
  };
  return createWorker<ReingestJobData>(name, processor as never, connection, {
    concurrency: 1,
    prefix: opts.prefix,
  }) as unknown as Worker<ReingestJobData, ReingestJobResult>;
}
