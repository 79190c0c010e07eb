// Plugs the LLM answerer into anything that takes a KnowledgeBase (conversation pipeline, console, eval)
// without changing it: `withLlmAnswers(kb, llm)` answers extractively, then lets the model improve it.
// A channel worker that can update a card opens a streaming scope around the pipeline call; answers
// computed inside it stream their text to that scope's sink.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AnswerOptions, AnswerResult, KnowledgeBase } from "../types.js";
import type { LlmAnswerer, PartialTextHandler } from "./types.js";

const streamingScope = new AsyncLocalStorage<PartialTextHandler>();

/**
 * Runs `fn` so that LLM answers computed inside it stream their growing text to `sink` (throttled:
 * at most one call per LLM_STREAM_INTERVAL_MS, never overlapping). Without an LLM, `sink` is never called.
 */
export function runWithPartialTextSink<T>(sink: PartialTextHandler, fn: () => Promise<T>): Promise<T> {
  return streamingScope.run(sink, fn);
}

/** The KnowledgeBase itself when `llm` is null (LLM not configured): the default mode is untouched. */
export function withLlmAnswers<K extends KnowledgeBase>(kb: K, llm: LlmAnswerer | null): K {
  if (!llm) return kb;
  const answer = async (question: string, options?: AnswerOptions): Promise<AnswerResult> => {
    const extractive = await kb.answer(question, options);
    if (extractive.faq?.kind === "entry") return extractive; // an approved answer is sent as approved, never rewritten
    const input = { question, context: options?.context, extractive };
    const sink = streamingScope.getStore();
    return sink ? llm.answerStream(input, sink) : llm.answer(input);
  };
  // A proxy keeps every other member of the concrete service (info, reload …) working as before.
  return new Proxy(kb, {
    get(target, prop) {
      if (prop === "answer") return answer;
      const v = Reflect.get(target, prop);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}
