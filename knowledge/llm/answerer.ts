// Grounded LLM answers on top of the extractive result: prompt → model (whole or streamed) → zod → guardrails.
// Anything short of a fully grounded answer returns the extractive result unchanged and logs why.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { MessageContent } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { logger as rootLogger, type Logger } from "../infra/logger.js";
import { maskPersonalData } from "../infra/mask.js";
import type { AnswerResult } from "../types.js";
import type { LlmConfig } from "./config.js";
import { checkGrounding, checkModelOutput, groundingSources, leaksSystemPrompt, stripLabels } from "./guardrails.js";
import { parseModelOutput, readPartialOutput } from "./model-output.js";
import { buildMessages, selectPassages, type PromptPassage } from "./prompt.js";
import { createLatestThrottle } from "./throttle.js";
import type { FallbackReason, LlmAnswerInput, LlmAnswerer, LlmOutcome, PartialTextHandler } from "./types.js";

export interface LlmAnswererDeps {
  /** Any langchain chat model; default: ChatOpenAI on config.baseURL. Tests pass fake models. */
  model?: BaseChatModel;
  logger?: Logger;
}

export function createChatModel(config: LlmConfig): ChatOpenAI {
  return new ChatOpenAI({
    model: config.model,
    apiKey: config.apiKey,
    temperature: config.temperature,
    maxTokens: config.maxTokens,
    maxRetries: 0, // the timeout budget has no room for retries; the extractive answer is the retry
    timeout: config.streamTotalMs + 1000, // backstop; our own abort fires first
    streamUsage: false, // stream_options is not understood by every compatible server
    configuration: { baseURL: config.baseURL },
    modelKwargs: config.jsonMode ? { response_format: { type: "json_object" } } : undefined,
  });
}

class Fallback extends Error {
  constructor(
    readonly reason: FallbackReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Whether the model may be asked at all; out-of-scope and clarify results keep the router's reply. */
function gate(extractive: AnswerResult, shown: PromptPassage[]): Fallback | null {
  if (extractive.inputIssue) return new Fallback("skipped_not_answer", `input issue ${extractive.inputIssue}`);
  if (extractive.action === "escalate") return new Fallback("skipped_out_of_scope", "router escalated");
  if (extractive.action !== "answer") return new Fallback("skipped_not_answer", `router action ${extractive.action}`);
  if (shown.length === 0) return new Fallback("skipped_out_of_scope", "no retrieved passage");
  if (extractive.project === null) {
    const grounded = shown.some(
      (s) => s.retrieved.passage.kind === "article" || s.retrieved.passage.kind === "notice-section",
    );
    if (!grounded || extractive.citations.length === 0)
      return new Fallback("skipped_out_of_scope", "no project and no law/notice passage");
  }
  return null;
}

function contentText(content: MessageContent): string {
  if (typeof content === "string") return content;
  return content
    .map((part) =>
      typeof part === "string" ? part : part.type === "text" ? String((part as { text?: string }).text ?? "") : "",
    )
    .join("");
}

function classifyError(err: unknown, timedOut: boolean): Fallback {
  if (err instanceof Fallback) return err;
  if (timedOut) return new Fallback("timeout", "no complete answer within the time limit");
  const e = err as {
    status?: number;
    response?: { status?: number };
    name?: string;
    message?: string;
    lc_error_code?: string;
  };
  const status = e?.status ?? e?.response?.status;
  const msg = String(e?.message ?? err).slice(0, 200);
  if (typeof status === "number") return new Fallback("http_error", `HTTP ${status}: ${msg}`);
  if (/timed? ?out|timeout/i.test(msg) || e?.name === "TimeoutError") return new Fallback("timeout", msg);
  if (/\b[45]\d\d\b.*(status|error)|status code [45]\d\d/i.test(msg)) return new Fallback("http_error", msg);
  return new Fallback("error", `${e?.name ?? "Error"}: ${msg}`);
}

/** Rejects as soon as `signal` aborts, even when the model ignores the signal (fake or custom models). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error("aborted"));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/**
 * Streams show text clause by clause: the unfinished tail may be half a figure, so only text up to the
 * last clause mark is checked — and only checked text is ever shown.
 */
function finishedPart(text: string): string {
  const i = Math.max(...["，", "。", "；", "！", "？", "\n", "：", ",", ";"].map((p) => text.lastIndexOf(p)));
  return i < 0 ? "" : text.slice(0, i + 1);
}

export function createLlmAnswerer(config: LlmConfig, deps: LlmAnswererDeps = {}): LlmAnswerer {
  const model = deps.model ?? createChatModel(config);
  const log = (deps.logger ?? rootLogger).child({ module: "llm" });

  async function callWhole(messages: ReturnType<typeof buildMessages>): Promise<string> {
    const ac = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, config.timeoutMs);
    try {
      const msg = await untilAborted(model.invoke(messages, { signal: ac.signal }), ac.signal);
      return contentText(msg.content);
    } catch (err) {
      throw classifyError(err, timedOut);
    } finally {
      clearTimeout(timer);
    }
  }

  async function callStreaming(
    messages: ReturnType<typeof buildMessages>,
    input: LlmAnswerInput,
    shown: PromptPassage[],
    onPartial: (text: string) => void,
  ): Promise<string> {
    const ac = new AbortController();
    let timedOut = false;
    const expire = () => {
      timedOut = true;
      ac.abort();
    };
    let idle = setTimeout(expire, config.timeoutMs);
    const total = setTimeout(expire, config.streamTotalMs);
    // Partial text is checked against everything shown (citations may not be known yet); the final
    // check is against the cited passages only.
    const sources = groundingSources(
      shown.map((s) => s.retrieved.passage),
      input,
    );
    let buffer = "";
    let last = "";
    let partialsOn = true;
    let iterator: AsyncIterator<{ content: MessageContent }> | undefined;
    try {
      const stream = await untilAborted(model.stream(messages, { signal: ac.signal }), ac.signal);
      iterator = stream[Symbol.asyncIterator]();
      for (;;) {
        const next = await untilAborted(iterator.next(), ac.signal);
        if (next.done) break;
        const chunk = next.value;
        clearTimeout(idle);
        idle = setTimeout(expire, config.timeoutMs);
        buffer += contentText(chunk.content);
        if (!partialsOn) continue;
        const partial = readPartialOutput(buffer);
        if (partial.answerableFalse) {
          partialsOn = false;
          continue;
        }
        if (!partial.answer) continue;
        const text = stripLabels(partial.answer, true);
        const done = finishedPart(text);
        const ungrounded = checkGrounding(done, sources);
        const leak = leaksSystemPrompt(done)
          ? { reason: "prompt_leak" as const, detail: "repeats the instructions" }
          : null;
        const violation = leak ?? ungrounded;
        if (violation) {
          ac.abort();
          throw new Fallback(violation.reason, `while streaming: ${violation.detail}`);
        }
        if (done.trim() && done !== last) {
          last = done;
          onPartial(done.trimEnd());
        }
      }
      return buffer;
    } catch (err) {
      throw classifyError(err, timedOut);
    } finally {
      clearTimeout(idle);
      clearTimeout(total);
      if (!ac.signal.aborted) ac.abort(); // stop the HTTP stream if we left early
      void iterator?.return?.()?.catch(() => {});
    }
  }

  async function run(input: LlmAnswerInput, onPartialText?: PartialTextHandler): Promise<LlmOutcome> {
    const started = Date.now();
    const { extractive } = input;
    const suspicious: string[] = [];
    const shown = selectPassages(extractive, config.maxPassages, suspicious);
    if (suspicious.length)
      log.warn(
        { event: "llm.passage_skipped", passages: suspicious },
        "retrieved passages with planted instructions were not shown to the model",
      );
    const throttle = onPartialText
      ? createLatestThrottle(onPartialText, config.streamIntervalMs, (err) =>
          log.warn({ event: "llm.partial_error", err: String(err) }, "partial update failed"),
        )
      : null;
    const done = async (o: Omit<LlmOutcome, "latencyMs" | "partialUpdates">): Promise<LlmOutcome> => {
      if (throttle) await throttle.close();
      const outcome: LlmOutcome = {
        ...o,
        detail: o.detail && maskPersonalData(o.detail),
        latencyMs: Date.now() - started,
        partialUpdates: throttle?.calls ?? 0,
      };
      const fields = {
        event: o.source === "llm" ? "llm.answer" : "llm.fallback",
        reason: o.fallbackReason,
        detail: outcome.detail,
        ms: outcome.latencyMs,
        project: outcome.result.project,
        partialUpdates: outcome.partialUpdates,
      };
      if (o.source === "llm") log.info(fields, "llm answer accepted");
      else if (o.fallbackReason?.startsWith("skipped_")) log.debug(fields, "llm not asked");
      else log.warn(fields, "llm answer rejected, extractive answer kept");
      return outcome;
    };
    const skip = gate(extractive, shown);
    if (skip)
      return done({ result: extractive, source: "extractive", fallbackReason: skip.reason, detail: skip.detail });

    const messages = buildMessages(input.question, input.context, extractive, shown);
    try {
      const raw = throttle
        ? await callStreaming(messages, input, shown, (t) => throttle.push(t))
        : await callWhole(messages);
      log.debug({ event: "llm.raw", raw: maskPersonalData(raw.slice(0, 2000)) }, "model output");
      const parsed = parseModelOutput(raw);
      if (!parsed.ok) throw new Fallback("invalid_output", parsed.error);
      const verdict = checkModelOutput({
        question: input.question,
        context: input.context,
        extractive,
        shown,
        output: parsed.output,
      });
      if (!verdict.ok) throw new Fallback(verdict.reason, verdict.detail);
      return done({ result: verdict.result, source: "llm" });
    } catch (err) {
      const f = classifyError(err, false);
      return done({ result: extractive, source: "extractive", fallbackReason: f.reason, detail: f.detail });
    }
  }

  return {
    config,
    run,
    answer: async (input) => (await run(input)).result,
    answerStream: async (input, onPartialText) => (await run(input, onPartialText)).result,
  };
}
