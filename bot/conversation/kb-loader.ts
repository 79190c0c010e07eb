// Opens the knowledge base the bot serves: the published index under DATA_DIR (the bundled
// corpus is built and published on first use), with LLM answers attached when LLM_BASE_URL and
// LLM_MODEL are set. The server's ingest extension follows later publishes (Redis pub/sub);
// the console, which has no Redis, watches the pointer file itself.
import { openPublishedKnowledgeBase } from "../../ingest/live-knowledge-base.js";
import { attachLlmIfConfigured } from "../../knowledge/llm/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { dataDir, loadEnv } from "../../knowledge/infra/env.js";

export interface LoadedKnowledge {
  /** What the conversation answers with (LLM-improved when configured). */
  kb: KnowledgeBase;
  /** The extractive KB: always fast, for replies due within ~3 s (card callbacks). */
  quickKb: KnowledgeBase;
  close(): Promise<void>;
}

export interface LoadOptions {
  /** Watch the published pointer file and swap in new versions (local mode). */
  watchLocal?: boolean;
}

export async function loadKnowledge(
  opts: LoadOptions = {},
  env: NodeJS.ProcessEnv = loadEnv(),
): Promise<LoadedKnowledge> {
  const live = await openPublishedKnowledgeBase({
    dataDir: dataDir(env),
    watch: opts.watchLocal ?? false,
    redisUrl: null,
  });
  return { kb: attachLlmIfConfigured(live.kb, env), quickKb: live.kb, close: live.close };
}
