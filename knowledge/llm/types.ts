import type { AnswerResult, ConversationContext } from "../types.js";
import type { LlmConfig } from "./config.js";

/** Why the extractive answer was kept. Every one is logged as an `llm.fallback` event. */
export type FallbackReason =
  | "skipped_out_of_scope" // router escalated / no grounding passage: the model is never asked
  | "skipped_not_answer" // clarify or unusable input: the router's reply stands
  | "not_answerable" // model: the passages do not answer
  | "invalid_output" // not JSON, wrong shape, empty answer, no citation
  | "unknown_citation" // cites something that was not retrieved
  | "unsupported_figure" // a number not in the cited passages
  | "unsupported_link" // a URL or e-mail address not in the cited passages (injection → phishing)
  | "project_mismatch"
  | "unit_mismatch"
  | "prompt_leak"
  | "timeout"
  | "http_error"
  | "error";

export interface LlmAnswerInput {
  question: string;
  context?: ConversationContext;
  /** The knowledge base's extractive result: its passages are the model's only source. */
  extractive: AnswerResult;
}

export interface LlmOutcome {
  result: AnswerResult; // the improved answer, or `extractive` itself on fallback
  source: "llm" | "extractive";
  fallbackReason?: FallbackReason;
  detail?: string;
  latencyMs: number;
  /** Partial-text callbacks delivered (streaming only). */
  partialUpdates: number;
}

/** Receives the answer text so far (cumulative, citation labels removed). May be async. */
export type PartialTextHandler = (text: string) => void | Promise<void>;

export interface LlmAnswerer {
  readonly config: LlmConfig;
  /** Improved AnswerResult, or the extractive one unchanged. Never throws. */
  answer(input: LlmAnswerInput): Promise<AnswerResult>;
  /**
   * Streams: `onPartialText` gets the growing text at most once per `config.streamIntervalMs`, never
   * overlapping, and the promise resolves no sooner than one interval after the last partial call, so a
   * consumer that updates a card on each call and once more with the final result stays within
   * 1000/streamIntervalMs updates per second (Feishu: 5 per message). Resolves with the validated result
   * or the extractive fallback; never throws.
   */
  answerStream(input: LlmAnswerInput, onPartialText: PartialTextHandler): Promise<AnswerResult>;
  /** Same as answer / answerStream, with the outcome details (source, fallback reason, latency). */
  run(input: LlmAnswerInput, onPartialText?: PartialTextHandler): Promise<LlmOutcome>;
}
