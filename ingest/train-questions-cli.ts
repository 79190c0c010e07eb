// npm run train:questions -- [FILES.jsonl…] [--folds K] [--out FILE]
// Trains the question model from question sets in the evaluation format (project null = out of scope;
// a number = that project; "any" = in scope, no project), prints out-of-fold figures per threshold
// so thresholds are chosen from data, and writes knowledge/data/question-model.json and, beside it,
// answer-memory.json (the passage each question with facts was answered from).
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { readEvalFile } from "../knowledge/cli/eval-set.js";
import { canonicalUnitKey } from "../knowledge/data-files.js";
import { splitDocuments } from "../knowledge/index-store.js";
import { loadCorpusDir } from "../knowledge/loaders/index.js";
import { KNOWLEDGE_CORPUS_DIR, KNOWLEDGE_DATA_DIR } from "../knowledge/paths.js";
import {
  ANSWER_MEMORY_FILE,
  type AnswerMemoryFile,
  AnswerMemorySchema,
  rememberedQuestions,
} from "../knowledge/routing/answer-memory.js";
import { prepareQuestion } from "../knowledge/routing/prepare-question.js";
import {
  HEADS,
  QUESTION_MODEL_FILE,
  packRegressions,
  type QuestionModel,
  QuestionModelSchema,
  questionFeatures,
  type Weights,
} from "../knowledge/routing/question-model.js";
import { crossValidated, POLICY, train } from "./question-training.js";

const THRESHOLDS = [0.5, 0.7, 0.8, 0.85, 0.9, 0.93, 0.95];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      folds: { type: "string", default: "5" },
      out: { type: "string", default: path.join(KNOWLEDGE_DATA_DIR, QUESTION_MODEL_FILE) },
    },
  });
  if (!positionals.length) {
    console.error("usage: npm run train:questions -- FILES.jsonl… [--folds K] [--out FILE]");
    return 2;
  }
  const questions = positionals
    .flatMap((file) =>
      readEvalFile(file).map((item) => ({
        text: prepareQuestion(item.q).text,
        project: item.project,
        facts: item.facts,
        units: item.units.map(canonicalUnitKey),
        group: path.basename(file),
      })),
    )
    .map((q) => ({ ...q, features: questionFeatures(q.text) }));
  const outside = questions.filter((q) => q.project === null).length;
  console.log(`${questions.length} questions (${outside} out of scope) from ${positionals.length} files`);

  const scope = questions.map((q) => ({ features: q.features, positive: q.project === null }));
  const folds = Number(values.folds);
  if (folds > 1) {
    const scores = crossValidated(
      scope,
      questions.map((q) => q.group),
      folds,
    );
    console.log(`out-of-fold (${folds} folds of whole files): share scored out of scope above each threshold`);
    for (const t of THRESHOLDS) {
      const above = (out: boolean) => {
        const xs = scores.filter((_, i) => scope[i].positive === out);
        return (xs.filter((s) => s > t).length / xs.length).toFixed(3);
      };
      console.log(`  ${t.toFixed(2)}: out of scope ${above(true)}, in scope ${above(false)}`);
    }
  }

  const numbered = questions.filter((q) => typeof q.project === "number");
  const projects = [...new Set(numbered.map((q) => q.project as number))].sort((a, b) => a - b);
  const { docs, errors } = await loadCorpusDir(KNOWLEDGE_CORPUS_DIR);
  if (errors.length) throw new Error(`the default corpus did not load: ${errors[0].message}`);
  const regressions: [string, Weights][] = [
    [HEADS.outOfScope, train(scope)],
    ...projects.map((n): [string, Weights] => [
      HEADS.project(n),
      train(numbered.map((q) => ({ features: q.features, positive: q.project === n }))),
    ]),
    ...[...new Set(numbered.flatMap((q) => q.units))]
      .sort()
      .map((u): [string, Weights] => [
        HEADS.unit(u),
        train(numbered.map((q) => ({ features: q.features, positive: q.units.includes(u) }))),
      ]),
  ];
  const model: QuestionModel = QuestionModelSchema.parse({
    format: 3,
    trainedAt: new Date().toISOString(),
    policy: POLICY,
    documents: docs.map((d) => ({ id: d.id, contentHash: d.contentHash })),
    questions: { inScope: questions.length - outside, outOfScope: outside, files: positionals.length },
    ...packRegressions(regressions),
  });
  writeAtomically(values.out!, model);
  const weights = regressions.reduce((a, [, w]) => a + Object.keys(w.weights).length, 0);
  console.log(`wrote ${values.out}: ${model.heads.length} regressions, ${weights} weights`);

  const memory: AnswerMemoryFile = AnswerMemorySchema.parse({
    format: 1,
    trainedAt: model.trainedAt,
    ...rememberedQuestions(
      splitDocuments(docs).passages,
      questions.filter((q) => q.project !== null).map((q) => ({ q: q.text, facts: q.facts })),
    ),
  });
  const memoryFile = path.join(path.dirname(values.out!), ANSWER_MEMORY_FILE);
  writeAtomically(memoryFile, memory);
  console.log(`wrote ${memoryFile}: ${memory.questions.length} questions, ${memory.passages.length} passages`);
  return 0;
}

function writeAtomically(file: string, data: unknown): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(data)}\n`);
  renameSync(`${file}.tmp`, file);
}

process.exitCode = await main();
