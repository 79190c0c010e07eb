// A knowledge base over the published index that follows every new publish (hot reload).
import { dataDir as defaultDataDir, DEFAULT_CORPUS_DIR } from "../knowledge/infra/env.js";
import { loadIndex } from "../knowledge/index-store.js";
import { KnowledgeService } from "../knowledge/knowledge-base.js";
import { ingestConfig } from "./config.js";
import { type HotReloader, watchPublishedIndex } from "./reload.js";
import { ensurePublishedIndex } from "./service.js";

const selfReloading = new WeakSet<KnowledgeService>();
/** True for knowledge bases that already follow publishes (so nobody adds a second watcher). */
export function isSelfReloading(kb: KnowledgeService): boolean {
  return selfReloading.has(kb);
}

export interface LiveKnowledgeBaseOptions {
  dataDir?: string;
  corpusDir?: string;
  /** Subscribe to publishes over Redis (several bot processes); default REDIS_URL. Unset = watch the pointer file. */
  redisUrl?: string | null;
  channel?: string;
  /** false = no hot reload (one-shot tools such as `npm run ask`). */
  watch?: boolean;
  pollMs?: number;
  /** false = rely on Redis alone (tests of the pub/sub path). */
  watchFiles?: boolean;
}

export interface LiveKnowledgeBase {
  kb: KnowledgeService;
  reloader: HotReloader | null;
  close(): Promise<void>;
}

/**
 * Ensures an index is published (building the bundled corpus on first use), loads it into a
 * KnowledgeService and, unless `watch: false`, swaps in each newly published version. A question
 * in flight keeps the index it started with; a version that fails to load is logged and skipped.
 */
export async function openPublishedKnowledgeBase(opts: LiveKnowledgeBaseOptions = {}): Promise<LiveKnowledgeBase> {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const live = await ensurePublishedIndex(dataDir, opts.corpusDir ?? DEFAULT_CORPUS_DIR);
  const kb = new KnowledgeService(await loadIndex(live.dir));
  if (opts.watch === false) return { kb, reloader: null, close: async () => undefined };
  const cfg = ingestConfig();
  const reloader = await watchPublishedIndex({
    dataDir,
    initialVersion: live.id,
    redisUrl: opts.redisUrl === null ? undefined : (opts.redisUrl ?? cfg.REDIS_URL),
    channel: opts.channel ?? cfg.INDEX_CHANNEL,
    pollMs: opts.pollMs,
    watchFiles: opts.watchFiles,
    load: (dir) => loadIndex(dir),
    swap: (index) => kb.swap(index),
  });
  selfReloading.add(kb);
  return { kb, reloader, close: () => reloader.close() };
}
