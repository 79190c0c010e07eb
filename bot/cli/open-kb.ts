// How the command-line tools (ask, eval, bench) get their knowledge base: by default the published
// index under DATA_DIR — the one the bot serves, built from the bundled corpus on first use — with
// LLM answers when LLM_BASE_URL and LLM_MODEL are set. `--bundled` builds the bundled corpus in memory
// instead (deterministic tests); `--extractive` never uses the LLM.
import { openPublishedKnowledgeBase } from "../../ingest/live-knowledge-base.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { dataDir, loadEnv } from "../../knowledge/infra/env.js";
import { attachLlmIfConfigured } from "../../knowledge/llm/index.js";
import { parseLlmConfig } from "../../knowledge/llm/config.js";
import type { KnowledgeBase, KnowledgeInfo } from "../../knowledge/types.js";

export const SOURCE_FLAGS = ["--bundled", "--extractive", "--llm"] as const;

export interface CliKnowledge {
  kb: KnowledgeBase;
  /** The extractive service underneath (info, warm-up). */
  info(): KnowledgeInfo;
  /** "extractive" or "llm:<model>". */
  mode: string;
  /** "published:<DATA_DIR>" or "bundled". */
  source: string;
  close(): Promise<void>;
}

export interface CliKnowledgeOptions {
  bundled?: boolean;
  extractive?: boolean;
  dataDir?: string;
}

export function cliKnowledgeOptions(args: string[]): CliKnowledgeOptions {
  const i = args.indexOf("--data-dir");
  return {
    bundled: args.includes("--bundled"),
    extractive: args.includes("--extractive"),
    dataDir: i >= 0 ? args[i + 1] : undefined,
  };
}

/** Positional arguments once the tool's flags (and `--data-dir DIR`) are taken out. */
export function positionalArgs(args: string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--data-dir") i++;
    else if (!flags.includes(args[i])) out.push(args[i]);
  }
  return out;
}

export async function openCliKnowledge(
  opts: CliKnowledgeOptions,
  env: NodeJS.ProcessEnv = loadEnv(),
): Promise<CliKnowledge> {
  const llmModel = opts.extractive ? null : (parseLlmConfig(env)?.model ?? null);
  const mode = llmModel ? `llm:${llmModel}` : "extractive";
  if (opts.bundled) {
    const service = await openKnowledgeBase();
    const kb = opts.extractive ? service : attachLlmIfConfigured(service, env);
    return { kb, info: () => service.info(), mode, source: "bundled", close: async () => undefined };
  }
  const dir = opts.dataDir ?? dataDir(env);
  const live = await openPublishedKnowledgeBase({ dataDir: dir, watch: false, redisUrl: null });
  const kb = opts.extractive ? live.kb : attachLlmIfConfigured(live.kb, env);
  return { kb, info: () => live.kb.info(), mode, source: `published:${dir}`, close: live.close };
}
