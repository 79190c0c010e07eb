// npm run bench: retrieval + routing latency over the eval questions (repeated) and peak memory.
import { performance } from "node:perf_hooks";
import path from "node:path";
import { openKnowledgeBase } from "../index.js";
import { KNOWLEDGE_DIR } from "../paths.js";
import { percentile, readEvalFile } from "./eval-set.js";

const file = process.argv[2] ?? path.join(KNOWLEDGE_DIR, "..", "..", "shared", "eval", "dev.jsonl");
const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
const questions = readEvalFile(file).map((x) => x.q);

let peakRss = process.memoryUsage().rss;
const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
const timer = setInterval(sample, 5);

const t0 = performance.now();
const kb = await openKnowledgeBase();
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
console.log(`retrieval + routing over ${report.questions} questions × ${rounds}: p50 ${report.p50Ms} ms, p95 ${report.p95Ms} ms, max ${report.maxMs} ms; peak RSS ${report.peakRssMB} MB`);
console.log(JSON.stringify(report));
