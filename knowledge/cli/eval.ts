// npm run eval -- FILE.jsonl [--llm] [--index DIR]: one JSON line per question, the summary object last.
// --index: a saved index version (e.g. DATA_DIR/index/current, with its service-desk entries)
// instead of the bundled corpus built in memory.
import { performance } from "node:perf_hooks";
import { openKnowledgeBase, loadIndex, KnowledgeService } from "../index.js";
import { maybeCreateLlmAnswerer } from "../llm/index.js";
import { grade, readEvalFile, summarize } from "./eval-set.js";

const args = process.argv.slice(2);
const indexAt = args.indexOf("--index");
const indexDir = indexAt >= 0 ? args[indexAt + 1] : undefined;
const file = args.find((a, i) => !a.startsWith("--") && i !== indexAt + 1);
if (!file || (indexAt >= 0 && !indexDir)) {
  console.error("usage: npm run eval -- FILE.jsonl [--llm] [--index DIR]");
  process.exit(2);
}

const questions = readEvalFile(file);
// --llm: answers go through the configured model (with its guardrails); with none configured the
// default-mode figures are printed unchanged.
const llm = args.includes("--llm") ? maybeCreateLlmAnswerer() : null;
const kb = indexDir ? new KnowledgeService(await loadIndex(indexDir)) : await openKnowledgeBase();
// Warm the process (JIT, dictionaries) as a running bot is warm; these are not eval questions.
for (const q of ["融资担保费率", "发票怎么开", "天气", "这份通知", "尾款拖欠"]) await kb.answer(q);

const rows = [];
for (const item of questions) {
  const t0 = performance.now();
  const extractive = await kb.answer(item.q);
  const result = llm ? await llm.answer({ question: item.q, extractive }) : extractive;
  const row = grade(item, result, performance.now() - t0);
  rows.push(row);
  console.log(JSON.stringify(row));
}
const mode = llm ? `llm:${process.env.LLM_MODEL}` : "extractive";
console.log(JSON.stringify({ ...summarize(rows), mode, index: kb.info().version }));
