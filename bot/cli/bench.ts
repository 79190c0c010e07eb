// npm run bench [-- FILE.jsonl] [--bundled] [--data-dir DIR]: retrieval + routing latency over the eval
// questions (repeated) and peak memory, on the published index under DATA_DIR (built on first use).
// Always extractive: the LLM's latency is the provider's, not ours.
import { performance } from "node:perf_hooks";
import path from "node:path";
import { percentile, readEvalFile } from "../../knowledge/cli/eval-set.js";
import { KNOWLEDGE_DIR } from "../../knowledge/paths.js";
import { cliKnowledgeOptions, openCliKnowledge, positionalArgs, SOURCE_FLAGS } from "./open-kb.js";

const args = process.argv.slice(2);
const file =
  positionalArgs(args, SOURCE_FLAGS)[0] ?? path.join(KNOWLEDGE_DIR, "..", "..", "shared", "eval", "dev.jsonl");
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const questions = readEvalFile(file).map((x) => x.q);

let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 5);

const t0 = performance.now();
const cli = await openCliKnowledge({ ...cliKnowledgeOptions(args), extractive: true });
const kb = cli.kb;
const loadMs = performance.now() - t0;
for (const q of questions) await kb.answer(q); // warm-up round, not measured

const times: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const q of questions) {
    const start = performance.now();
    await kb.answer(q);
    times.push(performance.now() - start);
  }
  sample();
}
clearInterval(timer);
sample();

const fmt = (x: number) => Math.round(x * 100) / 100;
const report = {
  questions: questions.length,
  rounds,
  answers: times.length,
  indexBuildMs: fmt(loadMs),
  p50Ms: fmt(percentile(times, 50)),
  p95Ms: fmt(percentile(times, 95)),
  maxMs: fmt(Math.max(...times)),
  throughputPerSec: fmt(times.length / (times.reduce((a, b) => a + b, 0) / 1000)),
  peakRssMB: fmt(peakRss / 1024 / 1024),
  heapUsedMB: fmt(process.memoryUsage().heapUsed / 1024 / 1024),
};
console.log(
  `retrieval + routing over ${report.questions} questions × ${rounds}: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms; peak RSS ${report.peakRssMB} MB`,
);
console.log(JSON.stringify({ ...report, index: cli.info().version, source: cli.source }));
await cli.close();
process.exit(0);
