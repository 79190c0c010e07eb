// Measures the LLM layer on an eval file with the local emulator as the "model" (grounded echo: answers
// by quoting the first passage). Prints the eval summary for extractive and LLM modes, how often the
// model was asked / accepted / rejected (by reason), and the answerer's own overhead per question.
//   npx tsx test/llm/llm-eval-emulated.ts ../shared/eval/dev.jsonl
import { performance } from "node:perf_hooks";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { grade, percentile, readEvalFile, summarize } from "../../knowledge/cli/eval-set.js";
import { createLlmAnswerer } from "../../knowledge/llm/answerer.js";
import { parseLlmConfig } from "../../knowledge/llm/config.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { startOpenAiEmulator } from "../emulators/openai/server.js";
import { groundedEchoResponder } from "../emulators/openai/responders.js";

const file = process.argv[2] ?? "../shared/eval/dev.jsonl";
const stream = process.argv.includes("--stream");
const questions = readEvalFile(file);
const kb = await openKnowledgeBase();
const emu = await startOpenAiEmulator({ responder: (req) => ({ ...groundedEchoResponder(req), chunkDelayMs: 0 }) });
const config = parseLlmConfig({ LLM_BASE_URL: emu.baseURL, LLM_MODEL: "emulated", LLM_STREAM_INTERVAL_MS: "200" });
if (!config) throw new Error("unreachable");
const llm = createLlmAnswerer(config, { logger: createLogger("silent") });
await kb.answer("预热");

const base = [];
const withLlm = [];
const reasons: Record<string, number> = {};
const overhead: number[] = [];
for (const item of questions) {
  const t0 = performance.now();
  const extractive = await kb.answer(item.q);
  const t1 = performance.now();
  const out = await llm.run({ question: item.q, extractive }, stream ? () => {} : undefined);
  const t2 = performance.now();
  base.push(grade(item, extractive, t1 - t0));
  withLlm.push(grade(item, out.result, t2 - t0));
  const key = out.source === "llm" ? "accepted" : (out.fallbackReason ?? "?");
  reasons[key] = (reasons[key] ?? 0) + 1;
  if (!out.fallbackReason?.startsWith("skipped_")) overhead.push(t2 - t1);
}
await emu.close();
const r = (x: number) => Math.round(x * 10) / 10;
console.log(JSON.stringify({ mode: "extractive", ...summarize(base) }));
console.log(JSON.stringify({ mode: stream ? "llm-emulated-stream" : "llm-emulated", ...summarize(withLlm) }));
console.log(
  JSON.stringify({
    n: questions.length,
    modelRequests: emu.requests.length,
    outcomes: reasons,
    llmOverheadP50Ms: r(percentile(overhead, 50)),
    llmOverheadP95Ms: r(percentile(overhead, 95)),
  }),
);
