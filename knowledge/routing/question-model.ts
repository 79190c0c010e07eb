// What labelled questions taught: logistic regressions over a question's words and character n-grams,
// trained (`npm run train:questions`) on questions labelled with their project or as outside the
// documents' scope. They complement the clause match: it asks whether the evidence accounts for the
// question's words; these have seen thousands of questions, in the ways people ask them, and the
// near-topic ones the documents do not answer. They speak only for the documents they were trained
// against.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { KNOWLEDGE_DATA_DIR } from "../paths.js";
import type { KnowledgeIndex } from "../index-store.js";
import type { RetrievedPassage } from "../types.js";
import { cutWords } from "../text/segment.js";

export const QUESTION_MODEL_FILE = "question-model.json";

const Weights = z.object({ bias: z.number(), weights: z.record(z.string(), z.number()) });
export type Weights = z.infer<typeof Weights>;

export const QuestionModelSchema = z.object({
  format: z.literal(2),
  trainedAt: z.string(),
  /** Thresholds, chosen from figures on question sets written after the ones trained on (README). */
  policy: z.object({
    /** Decline an answer whose out-of-scope probability is above this. */
    decline: z.number().min(0).max(1),
    /** A declined question this plainly in scope (probability below) … */
    inScope: z.number().min(0).max(1),
    /** … whose project this clearly leads (share of the projects' probabilities) is answered within it. */
    project: z.number().min(0).max(1),
    /** An answer's project is replaced when another leads by this share and its own is below `routedBelow`. */
    steer: z.number().min(0).max(1),
    routedBelow: z.number().min(0).max(1),
  }),
  /** The documents the labels refer to: the model is used only for answers drawn from these versions. */
  documents: z.array(z.object({ id: z.string(), contentHash: z.string() })).min(1),
  questions: z.object({ inScope: z.number().int(), outOfScope: z.number().int(), files: z.number().int() }),
  outOfScope: Weights,
  /** One-against-the-rest weights per project number. */
  projects: z.record(z.string(), Weights),
});
export type QuestionModel = z.infer<typeof QuestionModelSchema>;

const COUNTED = /[\p{Script=Han}a-z0-9]/u;

/** What the model reads of a (normalised) question: its words, and its character bigrams and trigrams. */
export function questionFeatures(text: string): string[] {
  const lower = text.toLowerCase();
  const features = new Set(cutWords(lower).map((w) => `w:${w}`));
  const chars = [...lower].filter((c) => COUNTED.test(c)).join("");
  for (let i = 0; i + 1 < chars.length; i++) features.add(`c:${chars.slice(i, i + 2)}`);
  for (let i = 0; i + 2 < chars.length; i++) features.add(`t:${chars.slice(i, i + 3)}`);
  return [...features];
}

export function probability(model: Weights, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

let loaded: { file: string; model: QuestionModel | null } | undefined;

/** The shipped model (knowledge/data/question-model.json); null when there is none. */
export function loadQuestionModel(dir = KNOWLEDGE_DATA_DIR): QuestionModel | null {
  const file = path.join(dir, QUESTION_MODEL_FILE);
  if (loaded?.file === file) return loaded.model;
  let model: QuestionModel | null = null;
  if (existsSync(file)) {
    const parsed = QuestionModelSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
    if (!parsed.success) throw new Error(`${file} is invalid: ${parsed.error.issues[0]?.message}`);
    model = parsed.data;
  }
  loaded = { file, model };
  return model;
}

/** What the model says of one question. */
export interface QuestionReading {
  policy: QuestionModel["policy"];
  outOfScope: number;
  /** The project whose share of the projects' probabilities is largest, and that share. */
  project: number;
  share: number;
  /** A project's share. */
  shareOf(project: number): number;
}

/**
 * The model's reading of a question whose answer stands on these documents; null when one of them is
 * not the version the model was trained against — a newly ingested measure, a new year's notice —
 * because its labels say nothing about what those cover.
 */
export function readQuestion(
  index: KnowledgeIndex,
  text: string,
  documentsUsed: Iterable<string>,
  model = loadQuestionModel(),
): QuestionReading | null {
  if (!model) return null;
  const known = trainedVersions(model);
  for (const id of documentsUsed) if (known.get(id) !== index.documents.get(id)?.contentHash) return null;
  const features = questionFeatures(text);
  const shares = new Map(Object.entries(model.projects).map(([n, w]) => [Number(n), probability(w, features)]));
  const total = [...shares.values()].reduce((a, b) => a + b, 0) || 1;
  const [project, top] = [...shares].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  return {
    policy: model.policy,
    outOfScope: probability(model.outOfScope, features),
    project,
    share: top / total,
    shareOf: (n) => (shares.get(n) ?? 0) / total,
  };
}

/** Accounted for by the evidence, yet read as one of the questions labelled outside the documents' scope. */
export function learnedDecline(reading: QuestionReading): boolean {
  return reading.outOfScope > reading.policy.decline;
}

/**
 * The project the reading puts the question in, over the clause match's decision: a declined question
 * read plainly as in scope, with one project clearly leading; or an answer whose project the reading
 * all but rules out, with another clearly leading. Undefined when the reading leaves the decision be.
 */
export function learnedProject(reading: QuestionReading, routed: number | null): number | undefined {
  const { policy } = reading;
  const moves =
    routed === null
      ? reading.outOfScope < policy.inScope && reading.share > policy.project
      : reading.project !== routed && reading.share > policy.steer && reading.shareOf(routed) < policy.routedBelow;
  return moves ? reading.project : undefined;
}

/** How many of the best passages name the documents an answer stands on. */
const EVIDENCE_CHECKED = 5;

/** The documents an answer stands on: its best passages' and the notice or document it names. */
export function documentsBehind(passages: RetrievedPassage[], ...named: (string | undefined)[]): string[] {
  const ids = passages.slice(0, EVIDENCE_CHECKED).map((p) => p.passage.docId);
  return [...new Set([...ids, ...named.filter((id): id is string => !!id)])];
}

const versions = new WeakMap<QuestionModel, Map<string, string>>();
function trainedVersions(model: QuestionModel): Map<string, string> {
  let known = versions.get(model);
  if (!known) versions.set(model, (known = new Map(model.documents.map((d) => [d.id, d.contentHash]))));
  return known;
}
