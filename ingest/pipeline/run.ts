// The ingest run: load → parse → chunk → embed → index → validate → publish.
import { promises as fs } from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { SourceDocument } from "../../knowledge/types.js";
import { logger as rootLogger } from "../../knowledge/infra/logger.js";
import { BadDocumentError } from "../../knowledge/loaders/errors.js";
import { type LoadResult, loadDocuments } from "../../knowledge/loaders/index.js";
import { type AdditionRecord, materialiseAdditions, recordAdditions } from "./additions.js";
import { readFaqSource, type FaqSource } from "../faq-source.js";
import { IngestCache, sha256 } from "./cache.js";
import { keepCatalogs, planReuse, readPreviousBuild } from "./incremental.js";
import { type IngestDiff, diffManifests } from "./diff.js";
import { type MetadataReport, metadataReport } from "./metadata-report.js";
import { type IndexLayout, indexLayout, newVersionId } from "./layout.js";
import { acquireBuildLock } from "./lock.js";
import { type IndexManifest, MANIFEST_FILE, checksumDir, writeManifest } from "./manifest.js";
import { chunkDocuments, embedPassages, manifestDocuments, summariseCatalog, summariseCatalogs } from "./steps.js";
import type { KnowledgeCore, OpenedBuild } from "./core-types.js";
import { loaderFingerprint } from "./code-fingerprint.js";
import { readGraph } from "../../knowledge/retrieval/vector-store.js";
import { type ValidationResult, validateBuild } from "./validate.js";
import { appendHistory, currentVersion, listVersions, pruneVersions, switchCurrent } from "./versions.js";

export type Stage = "load" | "chunk" | "embed" | "index" | "validate" | "publish";
export interface Progress {
  stage: Stage;
  done: number;
  total: number;
}

export interface IngestOptions {
  dataDir: string;
  /** Files and directories to build from (directories expanded recursively). */
  sources: string[];
  /** Paths in reports are relative to this directory when inside it. */
  corpusRoot?: string;
  core: KnowledgeCore;
  dryRun?: boolean;
  skipBad?: boolean;
  /** Build and publish even when nothing changed since the live version. */
  force?: boolean;
  keepVersions?: number;
  maxBytes?: number;
  maxPassageChars?: number;
  onProgress?: (p: Progress) => void;
  /** Files copied into DATA_DIR/corpus on publish, so later runs keep them (admin additions). */
  adopt?: string[];
  /**
   * Manage the additions (default when `adopt` is given): the new version records every given or
   * earlier-added document that was built, and (when `adopt` is given) DATA_DIR/corpus is made to match
   * it on publish. A build of the bundled corpus alone records that it has none.
   */
  manageAdditions?: boolean;
  /** Called after the pointer switched (e.g. Redis publish to other bot processes). */
  onPublished?: (version: string, dir: string) => Promise<void>;
  /**
   * Smoke questions must route for a publish (default). ensurePublishedIndex turns this off for the
   * very first build, where there is no live version to protect: failures are then warnings.
   */
  smokeRequired?: boolean;
  /** Test hook: called between steps, e.g. to crash or kill a build at a chosen point. */
  beforeStage?: (stage: Stage) => Promise<void> | void;
  log?: Logger;
}

export interface SkippedDocument {
  file: string;
  reason: string;
  message: string;
}

export interface IngestReport {
  status: "published" | "dry_run" | "unchanged" | "rejected";
  /** Why a run was rejected: bad documents or a failed validation. */
  rejection?: { code: "BAD_DOCUMENTS" | "VALIDATION_FAILED"; problems: string[] };
  version: string | null;
  live: string | null;
  diff: IngestDiff | null;
  skipped: SkippedDocument[];
  validation: ValidationResult | null;
  /** Metadata of new and changed documents read from their text or sidecar, with warnings for what is missing. */
  metadata?: MetadataReport[];
  stats: {
    documents: number;
    passages: number;
    embedded: number;
    cachedVectors: number;
    chunkedFromCache: number;
    /** Passages whose vectors stayed in the live version's graph (incremental publish). */
    keptVectors?: number;
    ms: Partial<Record<Stage | "total", number>>;
  };
}

function skippedOf(errors: BadDocumentError[]): SkippedDocument[] {
  return errors.map((e) => ({ file: e.file, reason: e.reason, message: e.message }));
}

/** Runs one ingest under the build lock. Throws IngestError("LOCKED") when another run holds it. */
export async function runIngest(opts: IngestOptions): Promise<IngestReport> {
  const layout = indexLayout(opts.dataDir);
  const release = await acquireBuildLock(layout);
  try {
    return await runLocked(opts, layout);
  } finally {
    await fs.rm(layout.tmp, { recursive: true, force: true }).catch(() => undefined);
    await release();
  }
}

async function runLocked(opts: IngestOptions, layout: IndexLayout): Promise<IngestReport> {
  const log = opts.log ?? rootLogger.child({ module: "ingest" });
  const t0 = Date.now();
  const ms: IngestReport["stats"]["ms"] = {};
  const timed = async <T>(stage: Stage, fn: () => Promise<T> | T): Promise<T> => {
    await opts.beforeStage?.(stage);
    const s = Date.now();
    try {
      return await fn();
    } finally {
      ms[stage] = Date.now() - s;
    }
  };
  const progress = (stage: Stage, done: number, total: number) => opts.onProgress?.({ stage, done, total });
  const live = await currentVersion(layout);
  const report: IngestReport = {
    status: "rejected",
    version: null,
    live: live?.id ?? null,
    diff: null,
    skipped: [],
    validation: null,
    stats: { documents: 0, passages: 0, embedded: 0, cachedVectors: 0, chunkedFromCache: 0, ms },
  };
  const finish = (r: IngestReport) => ((ms.total = Date.now() - t0), r);

  const cache = new IngestCache(layout.cache);
  try {
    // load + parse (a file whose bytes, and sidecar's, are unchanged is taken from the cache)
    const loaderVersion = loaderFingerprint();
    const loaded: LoadResult = await timed("load", () =>
      loadDocuments(
        opts.sources,
        {
          root: opts.corpusRoot,
          maxBytes: opts.maxBytes,
          ...(loaderVersion ? { cache: cache.documents(loaderVersion) } : {}),
        },
        (d, t) => progress("load", d, t),
      ),
    );
    let faq: FaqSource;
    try {
      faq = await readFaqSource(layout.faqFile);
    } catch (e) {
      report.rejection = {
        code: "BAD_DOCUMENTS",
        problems: [`服务台知识条目文件无法读取 (faq source): ${(e as Error).message}`],
      };
      return finish(report);
    }
    // chunk (documents unchanged since the live version keep its passages)
    const maxChars = opts.maxPassageChars ?? 1200;
    const embedder = opts.core.createEmbedder();
    const previous = opts.force
      ? null
      : await readPreviousBuild(live, opts.core.splitterVersion, maxChars, embedder.modelKey);
    const chunks = await timed("chunk", () =>
      chunkDocuments(
        loaded.docs,
        (d) => opts.core.splitDocument(d),
        opts.core.splitterVersion,
        cache,
        maxChars,
        () => progress("chunk", 0, 0),
        previous?.passagesOf,
      ),
    );
    const bad = [...loaded.errors, ...chunks.errors];
    report.skipped = skippedOf(bad);
    if (bad.length && !opts.skipBad) {
      report.rejection = { code: "BAD_DOCUMENTS", problems: bad.map((e) => e.message) };
      log.warn({ problems: report.rejection.problems }, "bad documents; nothing published");
      return finish(report);
    }
    const docs: SourceDocument[] = loaded.docs.filter((d) => chunks.byDoc.has(d.id));
    if (!docs.length) {
      report.rejection = {
        code: "BAD_DOCUMENTS",
        problems: ["没有可导入的文档 (no usable documents)", ...bad.map((e) => e.message)],
      };
      return finish(report);
    }
    const passages = docs.flatMap((d) => chunks.byDoc.get(d.id)!);
    report.stats.documents = docs.length;
    report.stats.passages = passages.length;
    report.stats.chunkedFromCache = chunks.fromCache;

    const fingerprint = sha256(
      JSON.stringify([
        opts.core.splitterVersion,
        embedder.modelKey,
        maxChars,
        docs.map((d) => [d.id, d.contentHash]),
        ...(faq.hash ? [faq.hash] : []),
      ]),
    );
    if (live && live.manifest.fingerprint === fingerprint && !opts.force) {
      report.status = "unchanged";
      report.version = live.id;
      report.diff = diffManifests(live.manifest, live.manifest);
      log.info({ version: live.id }, "corpus unchanged; nothing to build");
      return finish(report);
    }

    // The live graph is read on the thread pool while passages are planned, embedded and indexed.
    const graph = previous?.graphReusable ? readGraph(path.join(previous.dir, "vectors")) : undefined;
    graph?.catch(() => undefined); // awaited by the index step; a failure is thrown there

    // embed (only passages not kept in the live graph)
    const reuse = previous ? planReuse(passages, previous, (p) => opts.core.embeddingText(p)) : null;
    const toEmbed = reuse ? passages.filter((p) => !reuse.keep.has(p.id)) : passages;
    const emb = await timed("embed", () =>
      embedPassages(
        toEmbed,
        embedder,
        cache,
        (p) => opts.core.embeddingText(p),
        embedder.batchSize ?? 256,
        (d, t) => progress("embed", d, t),
      ),
    );
    const embeddedAt = new Map(toEmbed.map((p, i) => [p.id, i]));
    const vectorAt = (i: number) => {
      const k = embeddedAt.get(passages[i].id);
      return k === undefined ? undefined : emb.vectorAt(k);
    };
    report.stats.embedded = emb.embedded;
    report.stats.cachedVectors = emb.cached;

    // index (into tmp/<id>, manifest last)
    const id = newVersionId(new Date(), (await listVersions(layout)).at(-1));
    const buildDir = path.join(layout.tmp, id);
    const manage = opts.manageAdditions ?? opts.adopt !== undefined;
    const addedDir = path.resolve(layout.addedCorpus) + path.sep;
    const additionFiles = opts.sources.filter(
      (f) => (opts.adopt ?? []).includes(f) || path.resolve(f).startsWith(addedDir),
    );
    let built: OpenedBuild | void;
    const manifest = await timed("index", async () => {
      await fs.mkdir(buildDir, { recursive: true });
      // Only documents new or changed since the live version can have become (or stopped being) a notice.
      const catalogs = previous?.catalogs
        ? keepCatalogs(opts.core, docs, live!.manifest, previous.catalogs)
        : opts.core.catalogsOf(docs);
      progress("index", 0, 1);
      const incremental =
        reuse && previous?.graphReusable ? { previous: { dir: previous.dir, keep: reuse.keep, graph } } : {};
      built = await opts.core.buildAndSave(
        {
          docs,
          passages,
          vectorAt,
          tokens: reuse?.tokens,
          catalogs,
          embedder,
          version: id,
          faq: faq.items,
          ...incremental,
        },
        buildDir,
      );
      report.stats.keptVectors = reuse && previous?.graphReusable ? reuse.keep.size : 0;
      // The core's saveIndex writes its own manifest.json; ours extends it (and is written last).
      const base = JSON.parse(
        await fs.readFile(path.join(buildDir, MANIFEST_FILE), "utf8").catch(() => "{}"),
      ) as Record<string, unknown>;
      const m: IndexManifest = {
        ...base,
        formatVersion: 1,
        id,
        builtAt: new Date().toISOString(),
        previous: live?.id ?? null,
        fingerprint,
        splitter: opts.core.splitterVersion,
        maxPassageChars: maxChars,
        embedding: (base.embedding as IndexManifest["embedding"]) ?? { model: embedder.modelKey, dims: embedder.dims },
        embeddingKey: embedder.modelKey,
        documentCount: docs.length,
        passageCount: passages.length,
        documents: manifestDocuments(docs, chunks.byDoc, live?.manifest.documents),
        ...(manage
          ? {
              additions: await recordAdditions(
                layout,
                additionFiles,
                docs,
                live?.manifest.additions as AdditionRecord[] | undefined,
                id,
              ),
            }
          : {}),
        catalog: summariseCatalog(catalogs[0]),
        catalogs: summariseCatalogs(catalogs),
        checksums: await checksumDir(buildDir, (base.checksums as Record<string, string> | undefined) ?? {}),
      };
      await writeManifest(buildDir, m);
      progress("index", 1, 1);
      return m;
    });
    report.version = id;
    report.diff = diffManifests(live?.manifest ?? null, manifest);
    report.metadata = metadataReport(docs, report.diff);

    // validate
    const validation = await timed("validate", () =>
      validateBuild(
        buildDir,
        manifest,
        live?.manifest ?? null,
        opts.core,
        undefined,
        opts.smokeRequired ?? true,
        built || undefined,
      ),
    );
    report.validation = validation;
    built = undefined; // the built index is not needed past validation
    if (validation.warnings.length) log.warn({ version: id, warnings: validation.warnings }, "validation warnings");
    if (!validation.ok) {
      report.rejection = { code: "VALIDATION_FAILED", problems: validation.problems };
      log.warn({ version: id, problems: validation.problems }, "validation failed; live version unchanged");
      return finish(report);
    }
    if (opts.dryRun) {
      report.status = "dry_run";
      return finish(report);
    }

    // publish
    await timed("publish", async () => {
      await fs.mkdir(layout.versions, { recursive: true });
      await fs.rename(buildDir, path.join(layout.versions, id));
      if (manage && opts.adopt !== undefined)
        await materialiseAdditions(layout, (manifest.additions as AdditionRecord[] | undefined) ?? []);
      else await adoptSources(layout, opts.adopt ?? []);
      await switchCurrent(layout, id);
      await appendHistory(layout, {
        at: new Date().toISOString(),
        action: "publish",
        version: id,
        from: live?.id ?? null,
      });
      await pruneVersions(layout, opts.keepVersions ?? 5);
    });
    report.status = "published";
    report.live = id;
    log.info({ version: id, documents: docs.length, passages: passages.length }, "index published");
    if (opts.onPublished) {
      await opts
        .onPublished(id, path.join(layout.versions, id))
        .catch((e: Error) => log.warn({ err: e.message }, "publish notification failed"));
    }
    return finish(report);
  } finally {
    cache.close();
  }
}

/** Copies added documents into DATA_DIR/corpus (replacing a same-id file of another type), via temp names + rename. */
async function adoptSources(layout: IndexLayout, files: string[]): Promise<void> {
  if (!files.length) return;
  await fs.mkdir(layout.addedCorpus, { recursive: true });
  const existing = await fs.readdir(layout.addedCorpus);
  for (const file of files) {
    const name = path.basename(file);
    const dest = path.join(layout.addedCorpus, name);
    if (path.resolve(file) === path.resolve(dest)) continue;
    const id = name.replace(/\.[^.]+$/, "");
    for (const other of existing) {
      if (other !== name && other.replace(/\.[^.]+$/, "") === id)
        await fs.rm(path.join(layout.addedCorpus, other), { force: true });
    }
    const tmp = `${dest}.tmp-${process.pid}`;
    await fs.copyFile(file, tmp);
    await fs.rename(tmp, dest);
  }
}
