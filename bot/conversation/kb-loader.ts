// Opens the knowledge base for the app and the console: the lead's openKnowledgeBase(), with LLM
// answers attached when LLM_BASE_URL and LLM_MODEL are set (otherwise the extractive KB as is).
import { openKnowledgeBase, type OpenOptions } from "../../knowledge/index.js";
import { attachLlmIfConfigured } from "../../knowledge/llm/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { loadEnv } from "../infra/env.js";

export interface LoadedKnowledge {
  /** What the conversation answers with (LLM-improved when configured). */
  kb: KnowledgeBase;
  /** The extractive KB: always fast, for replies due within ~3 s (card callbacks). */
  quickKb: KnowledgeBase;
}

export async function loadKnowledge(opts?: OpenOptions, env: NodeJS.ProcessEnv = loadEnv()): Promise<LoadedKnowledge> {
  const quickKb = await openKnowledgeBase(opts);
  return { kb: attachLlmIfConfigured(quickKb, env), quickKb };
}

/** The KB the conversation uses (LLM attached when configured). */
export async function loadKnowledgeBase(opts?: OpenOptions, env?: NodeJS.ProcessEnv): Promise<KnowledgeBase> {
  return (await loadKnowledge(opts, env)).kb;
}
