// Optional LLM answers. The bot works fully without them (the default); see .env.example "LLM".
// Wiring in the bot: bot/conversation/kb-loader.ts attaches the answerer to the knowledge base
// (attachLlmIfConfigured); the inbound worker streams Feishu answers into one card
// (bot/conversation/streaming-reply.ts: runStreamingPipeline + finishStreamedReply). Eval: see maybeCreateLlmAnswerer.
import { loadEnv } from "../infra/env.js";
import { createLlmAnswerer, type LlmAnswererDeps } from "./answerer.js";
import { parseLlmConfig } from "./config.js";
import type { LlmAnswerer } from "./types.js";
import { withLlmAnswers } from "./with-llm.js";
import type { KnowledgeBase } from "../types.js";

export { createLlmAnswerer, createChatModel, type LlmAnswererDeps } from "./answerer.js";
export { parseLlmConfig, llmEnvSchema, type LlmConfig } from "./config.js";
export { createLatestThrottle, type LatestThrottle } from "./throttle.js";
export { withLlmAnswers, runWithPartialTextSink } from "./with-llm.js";
export type { FallbackReason, LlmAnswerInput, LlmAnswerer, LlmOutcome, PartialTextHandler } from "./types.js";

/**
 * The one entry point for callers (eval, conversation worker, channels).
 *
 * Returns null when no model is configured (LLM_BASE_URL and LLM_MODEL both unset): callers then use the
 * extractive `AnswerResult` as is, so `npm run eval -- FILE --llm` prints the default-mode figures
 * unchanged. Throws `ConfigError` (naming the variable) when the settings are half set or invalid.
 *
 * Usage:
 * ```ts
 * const llm = maybeCreateLlmAnswerer();          // reads .env / process.env
 * const extractive = await kb.answer(question, { context });
 * const result = llm ? await llm.answer({ question, context, extractive }) : extractive;
 * // streaming into a card (≤ 1000/LLM_STREAM_INTERVAL_MS updates/s, final update included):
 * const final = await llm.answerStream({ question, context, extractive }, (text) => updateCard(text));
 * ```
 * `llm.run(input)` returns the same plus `source` ("llm" | "extractive"), `fallbackReason` and latency.
 *
 * Eval (`npm run eval -- FILE --llm`): `const llm = args.includes("--llm") ? maybeCreateLlmAnswerer() : null;`
 * then per question `llm ? await llm.answer({ question: item.q, extractive }) : extractive`, timing the
 * whole path, and mode `"llm:<model>"` (else `"extractive"`) in the summary.
 */
export function maybeCreateLlmAnswerer(
  env: NodeJS.ProcessEnv = loadEnv(),
  deps: LlmAnswererDeps = {},
): LlmAnswerer | null {
  const config = parseLlmConfig(env);
  return config ? createLlmAnswerer(config, deps) : null;
}

/** The knowledge base with LLM answers when configured; the same object, untouched, when not. */
export function attachLlmIfConfigured<K extends KnowledgeBase>(kb: K, env: NodeJS.ProcessEnv = loadEnv()): K {
  return withLlmAnswers(kb, maybeCreateLlmAnswerer(env));
}
