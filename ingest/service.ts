// High-level entry points used by the CLI, the admin job, the HTTP plugin and the knowledge core.
import { DEFAULT_CORPUS_DIR } from "../knowledge/infra/env.js";
import { logger, type Logger } from "../knowledge/infra/logger.js";
import { createRedis, closeRedis } from "../knowledge/infra/redis.js";
import { ingestConfig } from "./config.js";
import { IngestError } from "./errors.js";
import { defaultCore } from "./pipeline/core.js";
import type { KnowledgeCore } from "./pipeline/core-types.js";
import { indexLayout } from "./pipeline/layout.js";
import { type IngestReport, type Progress, runIngest } from "./pipeline/run.js";
import { type PublishedVersion, currentVersion } from "./pipeline/versions.js";
import { announcePublished } from "./reload.js";
import path from "node:path";
import { type AdditionRecord, matchAddition } from "./pipeline/additions.js";
import { planSources } from "./sources.js";

export interface IngestRequest {
  dataDir: string;
  corpusDir?: string;
  paths?: string[];
  only?: boolean;
  /** Added documents to take out (id, file name or title, as `--list` shows them). */
  remove?: string[];
  dryRun?: boolean;
  skipBad?: boolean;
  force?: boolean;
  core?: KnowledgeCore;
  onProgress?: (p: Progress) => void;
  /** Publish to Redis after a switch (defaults to REDIS_URL when set). */
  redisUrl?: string;
  log?: Logger;
}

/** Plans sources (bundled corpus + added documents + given paths), runs the pipeline, announces the result. */
export async function ingest(req: IngestRequest): Promise<IngestReport> {
  const cfg = ingestConfig();
  const corpusDir = req.corpusDir ?? (cfg.INGEST_CORPUS_DIR || DEFAULT_CORPUS_DIR);
  const plan = await planSources({ dataDir: req.dataDir, corpusDir, paths: req.paths, only: req.only });
  if (req.remove?.length) {
    const live = await currentVersion(indexLayout(req.dataDir));
    const records = (live?.manifest.additions as AdditionRecord[] | undefined) ?? [];
    const added = path.resolve(indexLayout(req.dataDir).addedCorpus) + path.sep;
    for (const name of req.remove) {
      const rec = matchAddition(records, name);
      if (!rec) throw new IngestError("NOT_AN_ADDITION", `"${name}" is not an added document`);
      plan.files = plan.files.filter((f) => !(path.resolve(f).startsWith(added) && path.basename(f) === rec.file));
    }
  }
  const redisUrl = req.redisUrl ?? cfg.REDIS_URL;
  return runIngest({
    dataDir: req.dataDir,
    sources: plan.files,
    adopt: plan.adopt,
    manageAdditions: !req.only,
    corpusRoot: corpusDir,
    core: req.core ?? defaultCore(),
    dryRun: req.dryRun,
    skipBad: req.skipBad,
    force: req.force,
    keepVersions: cfg.INGEST_KEEP_VERSIONS,
    maxBytes: cfg.INGEST_MAX_FILE_MB * 1024 * 1024,
    maxPassageChars: cfg.INGEST_MAX_PASSAGE_CHARS,
    onProgress: req.onProgress,
    log: req.log,
    onPublished: redisUrl ? (v, dir) => notifyRedis(redisUrl, v, dir, cfg.INDEX_CHANNEL) : undefined,
  });
}

export async function notifyRedis(url: string, version: string, dir: string, channel: string): Promise<void> {
  const redis = createRedis(url, "producer", { lazyConnect: false });
  try {
    await announcePublished(redis, version, dir, channel);
  } finally {
    await closeRedis(redis);
  }
}

/**
 * The live index version, building and publishing the bundled corpus first if none exists
 * (first run of `npm run chat`). Several processes starting together: one builds, the
 * others wait for its pointer.
 */
export async function ensurePublishedIndex(
  dataDir: string,
  corpusDir: string = DEFAULT_CORPUS_DIR,
  opts: { core?: KnowledgeCore; waitMs?: number } = {},
): Promise<PublishedVersion> {
  const layout = indexLayout(dataDir);
  const live = await currentVersion(layout);
  if (live) return live;
  const deadline = Date.now() + (opts.waitMs ?? 120_000);
  for (;;) {
    try {
      const report = await runIngest({
        dataDir,
        sources: [corpusDir],
        corpusRoot: corpusDir,
        core: opts.core ?? defaultCore(),
        skipBad: true,
        manageAdditions: true,
        smokeRequired: false, // nothing live to protect yet: a routing regression must not stop the first start
        log: logger.child({ module: "ingest", reason: "first-run" }),
      });
      if (report.status !== "published" && report.status !== "unchanged") {
        throw new IngestError(
          "BUILD_FAILED",
          `could not build the default index: ${report.rejection?.problems.join("; ")}`,
          report.rejection?.problems,
        );
      }
    } catch (e) {
      if (!(e instanceof IngestError && e.code === "LOCKED")) throw e;
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
    const now = await currentVersion(layout);
    if (now) return now;
  }
}
