// Knowledge for admins in the console: the live index version, its history with diffs, and
// uploads that go dry-run → publish, or a rollback — all as re-ingest jobs on the same queue the
// CLI, /reingest and POST /admin/ingest use (one build at a time, the live index never half-written).
import { randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { type IngestDiff, diffManifests } from "../../ingest/pipeline/diff.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { readManifest } from "../../ingest/pipeline/manifest.js";
import { currentVersion, listVersions, readHistory } from "../../ingest/pipeline/versions.js";
import { SUPPORTED_EXTENSIONS } from "../../knowledge/loaders/index.js";
// The admin ingest trigger (moving to bot/admin/ on merge: this is the only console import of it).
import { createIngestQueue, enqueueReingest, type ReingestJobData, type ReingestJobResult } from "../admin/queue.js";

export { SUPPORTED_EXTENSIONS };

export interface VersionEntry {
  at: string;
  action: "publish" | "rollback";
  version: string;
  from: string | null;
  onDisk: boolean;
  diff: IngestDiff | null;
}

export interface StagedUpload {
  id: string;
  dir: string;
  files: string[];
  by: string;
  at: number;
  dryRunJobId?: string;
  publishJobId?: string;
}

export interface JobStatus {
  id: string;
  state: string;
  kind: "dry_run" | "publish" | "rollback" | "other";
  progress: unknown;
  result: { status: string; version: string | null; text: string; diff: IngestDiff | null } | null;
  error: string | null;
  finished: boolean;
}

const STAGED_TTL_SEC = 24 * 3600;

export class KnowledgeAdmin {
  readonly queue: Queue<ReingestJobData>;

  constructor(
    private readonly o: { dataDir: string; redis: Redis; queueRedis: Redis; queueName: string; prefix: string },
  ) {
    this.queue = createIngestQueue(o.queueRedis, o.queueName);
  }

  async live(): Promise<{ id: string; builtAt: string; documents: number; passages: number } | null> {
    const v = await currentVersion(indexLayout(this.o.dataDir));
    return v
      ? {
          id: v.id,
          builtAt: v.manifest.builtAt,
          documents: v.manifest.documentCount,
          passages: v.manifest.passageCount,
        }
      : null;
  }

  /** Publish/rollback history, newest first, each with its diff against the version it replaced. */
  async history(limit = 20): Promise<VersionEntry[]> {
    const layout = indexLayout(this.o.dataDir);
    const onDisk = new Set(await listVersions(layout));
    const hist = (await readHistory(layout)).slice(-limit).reverse();
    const manifest = async (id: string | null) =>
      id && onDisk.has(id) ? readManifest(path.join(layout.versions, id)) : null;
    return Promise.all(
      hist.map(async (h) => {
        const [to, from] = await Promise.all([manifest(h.version), manifest(h.from)]);
        return { ...h, onDisk: onDisk.has(h.version), diff: to ? diffManifests(from, to) : null };
      }),
    );
  }

  private stagedKey(id: string): string {
    return `${this.o.prefix}console:upload:${id}`;
  }

  /** Keeps uploaded files under DATA_DIR/uploads until they are published (or a day passes). */
  uploadDir(): { id: string; dir: string } {
    const id = randomUUID();
    return { id, dir: path.join(this.o.dataDir, "uploads", `console-${id}`) };
  }

  async stage(u: StagedUpload): Promise<void> {
    await this.o.redis.set(this.stagedKey(u.id), JSON.stringify(u), "EX", STAGED_TTL_SEC);
  }

  async staged(id: string): Promise<StagedUpload | null> {
    if (!/^[0-9a-f-]{36}$/.test(id)) return null;
    const raw = await this.o.redis.get(this.stagedKey(id));
    return raw ? (JSON.parse(raw) as StagedUpload) : null;
  }

  async discard(u: StagedUpload): Promise<void> {
    await this.o.redis.del(this.stagedKey(u.id));
    await fs.rm(u.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  /** Dry run: builds and validates with the uploaded files, publishes nothing; the files stay staged. */
  async dryRun(u: StagedUpload, by: string) {
    const out = await enqueueReingest(this.queue, {
      source: "http",
      requestedBy: by,
      request: { paths: u.files, dryRun: true },
    });
    if (out.queued) await this.stage({ ...u, dryRunJobId: out.jobId });
    return out;
  }

  /** Publish after a dry run: the same files, for real; the job removes the upload folder afterwards. */
  async publish(u: StagedUpload, by: string) {
    const out = await enqueueReingest(this.queue, {
      source: "http",
      requestedBy: by,
      request: { paths: u.files },
      cleanupDir: u.dir,
    });
    if (out.queued) await this.stage({ ...u, publishJobId: out.jobId });
    return out;
  }

  async rollback(by: string) {
    return enqueueReingest(this.queue, { source: "http", requestedBy: by, request: { rollback: true } });
  }

  async job(id: string): Promise<JobStatus | null> {
    if (!/^[\w:-]{1,80}$/.test(id)) return null;
    const job = await this.queue.getJob(id);
    if (!job) return null;
    const state = await job.getState();
    const r = job.returnvalue as ReingestJobResult | null;
    const req = job.data.request;
    return {
      id: String(job.id),
      state,
      kind: req.rollback ? "rollback" : req.dryRun ? "dry_run" : req.paths?.length ? "publish" : "other",
      progress: job.progress,
      result: r ? { status: r.status, version: r.version, text: r.text, diff: r.report?.diff ?? null } : null,
      error: job.failedReason ?? null,
      finished: state === "completed" || state === "failed",
    };
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
