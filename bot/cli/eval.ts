// npm run eval -- FILE.jsonl [--extractive] [--bundled] [--data-dir DIR]: one JSON line per question, the
// summary object last. Answers come from the published index under DATA_DIR (built on first use) and
// go through the LLM when one is configured (--extractive: never; --llm is accepted for compatibility).
import { performance } from "node:perf_hooks";
import { grade, readEvalFile, summarize } from "../../knowledge/cli/eval-set.js";
import { cliKnowledgeOptions, openCliKnowledge, positionalArgs, SOURCE_FLAGS } from "./open-kb.js";

const args = process.argv.slice(2);
const [file] = positionalArgs(args, SOURCE_FLAGS);
if (!file) {
  console.error("usage: npm run eval -- FILE.jsonl [--extractive] [--bundled] [--data-dir DIR]");
  process.exit(2);
}

const questions = readEvalFile(file);
const cli = await openCliKnowledge(cliKnowledgeOptions(args));
// Warm the process (JIT, dictionaries) as a running bot is warm; these are not eval questions.
const warm =
  cli.mode === "extractive" ? cli.kb : (await openCliKnowledge({ ...cliKnowledgeOptions(args), extractive: true })).kb;
for (const q of ["融资担保费率", "发票怎么开", "天气", "这份通知", "尾款拖欠"]) await warm.answer(q);

const rows = [];
for (const item of questions) {
  const t0 = performance.now();
  const result = await cli.kb.answer(item.q);
  const row = grade(item, result, performance.now() - t0);
  rows.push(row);
  console.log(JSON.stringify(row));
}
console.log(JSON.stringify({ ...summarize(rows), mode: cli.mode, index: cli.info().version }));
await cli.close();
process.exit(0);
