// What labelled questions taught: logistic regressions over a question's words and character n-grams,
// trained (`npm run train:questions`) on questions labelled with their project or as outside the
// documents' scope. They complement the clause match: it asks whether the evidence accounts for the
// question's words; these have seen thousands of questions, in the ways people ask them, and the
// near-topic ones the documents do not answer. They speak only for the documents they were trained
// against.
import { z } from "zod";
import { canonicalUnitKey, loadGenerated } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import type { RetrievedPassage } from "../types.js";
import { cutWords } from "../text/segment.js";

export const QUESTION_MODEL_FILE = "question-model.json";

/** The regressions' names in the model file: outside the scope, a project against the rest, a lead unit's. */
export const HEADS = {
  outOfScope: "out",
  project: (n: number) => `p:${n}`,
  unit: (name: string) => `u:${canonicalUnitKey(name)}`,
};
const PROJECT_HEAD = /^p:(\d+)$/;

/** One logistic regression: a bias and a weight per feature it uses. */
export interface Weights {
  bias: number;
  weights: Record<string, number>;
}

export const QuestionModelSchema = z.object({
  format: z.literal(3),
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
    /** Another of the project's lead units is named first when its probability is above `unit` and the chosen one's below `unitChosenBelow`. */
    unit: z.number().min(0).max(1),
    unitChosenBelow: z.number().min(0).max(1),
  }),
  /** The documents the labels refer to: the model is used only for answers drawn from these versions. */
  documents: z.array(z.object({ id: z.string(), contentHash: z.string() })).min(1),
  questions: z.object({ inScope: z.number().int(), outOfScope: z.number().int(), files: z.number().int() }),
  /**
   * The regressions (`out`: outside the scope; `p:N`: project N against the rest; `u:UNIT`: one of that
   * lead unit's questions), packed by feature: `features` joined by newlines; feature i's weights are at
   * [start[i], start[i + 1]) of `head` (which regression) and `weight`, stored as base64 of little-endian
   * Int32, Uint8 and Float32 arrays. Hundreds of thousands of weights as JSON numbers would cost a bot
   * process tens of megabytes to parse.
   */
  heads: z.array(z.string()).min(1).max(256),
  bias: z.array(z.number()),
  features: z.string(),
  start: z.string(),
  head: z.string(),
  weight: z.string(),
});
export type QuestionModel = z.infer<typeof QuestionModelSchema>;
type Packed = Pick<QuestionModel, "heads" | "bias" | "features" | "start" | "head" | "weight">;

const toBase64 = (a: ArrayBufferView) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");
function fromBase64<T>(text: string, make: (b: ArrayBuffer) => T): T {
  const bytes = Buffer.from(text, "base64");
  // A copy, aligned for the typed array (a Buffer may sit at any offset of a shared pool).
  return make(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

/** Regressions packed by feature, as the model file holds them. */
export function packRegressions(regressions: [string, Weights][]): Packed {
  const byFeature = new Map<string, number[]>();
  regressions.forEach(([, w], h) => {
    for (const [f, v] of Object.entries(w.weights)) {
      const row = byFeature.get(f) ?? byFeature.set(f, []).get(f)!;
      row.push(h, v);
    }
  });
  const features: string[] = [];
  const [start, head, weight]: number[][] = [[0], [], []];
  for (const [f, row] of [...byFeature].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    features.push(f);
    for (let i = 0; i < row.length; i += 2) {
      head.push(row[i]);
      weight.push(row[i + 1]);
    }
    start.push(head.length);
  }
  return {
    heads: regressions.map(([name]) => name),
    bias: regressions.map(([, w]) => w.bias),
    features: features.join("\n"),
    start: toBase64(Int32Array.from(start)),
    head: toBase64(Uint8Array.from(head)),
    weight: toBase64(Float32Array.from(weight)),
  };
}

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

/**
 * A trained model as it is scored: every weight of a feature, whatever the regression, found by one
 * lookup, and kept in typed arrays.
 */
export class QuestionScorer {
  readonly policy: QuestionModel["policy"];
  readonly versions: ReadonlyMap<string, string>;
  /** The projects the model has a regression for. */
  readonly projects: number[];
  private readonly heads: string[];
  private readonly bias: Float64Array;
  private readonly rows: Map<string, number>;
  private readonly start: Int32Array;
  private readonly head: Uint8Array;
  private readonly weight: Float32Array;

  constructor(model: Pick<QuestionModel, "policy" | "documents"> & Packed) {
    this.policy = model.policy;
    this.versions = new Map(model.documents.map((d) => [d.id, d.contentHash]));
    this.heads = model.heads;
    this.projects = model.heads.flatMap((h) => h.match(PROJECT_HEAD)?.[1] ?? []).map(Number);
    this.bias = Float64Array.from(model.bias);
    this.rows = new Map((model.features ? model.features.split("\n") : []).map((f, i) => [f, i]));
    this.start = fromBase64(model.start, (b) => new Int32Array(b));
    this.head = fromBase64(model.head, (b) => new Uint8Array(b));
    this.weight = fromBase64(model.weight, (b) => new Float32Array(b));
    if (this.start.length !== this.rows.size + 1 || this.head.length !== this.weight.length)
      throw new Error("question model: packed arrays do not match its features");
  }

  /** Every regression's probability for these features, by head name (out, p:N, u:UNIT). */
  probabilities(features: string[]): Map<string, number> {
    const z = Float64Array.from(this.bias);
    for (const f of features) {
      const row = this.rows.get(f);
      if (row === undefined) continue;
      for (let i = this.start[row]; i < this.start[row + 1]; i++) z[this.head[i]] += this.weight[i];
    }
    return new Map(this.heads.map((name, h) => [name, 1 / (1 + Math.exp(-z[h]))]));
  }
}

/** The shipped model (knowledge/data/question-model.json) ready to score; null when there is none. */
export const loadQuestionModel = (): QuestionScorer | null =>
  loadGenerated(QUESTION_MODEL_FILE, QuestionModelSchema, (data) => new QuestionScorer(data));

/** What the model says of one question. */
export interface QuestionReading {
  policy: QuestionModel["policy"];
  outOfScope: number;
  /** The project whose share of the projects' probabilities is largest, and that share. */
  project: number;
  share: number;
  /** A project's share. */
  shareOf(project: number): number;
  /** The probability that the question is one of this unit's; undefined for a unit the model does not know. */
  unitProbability(unit: string): number | undefined;
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
  scorer = loadQuestionModel(),
): QuestionReading | null {
  if (!scorer) return null;
  for (const id of documentsUsed) if (scorer.versions.get(id) !== index.documents.get(id)?.contentHash) return null;
  const probabilities = scorer.probabilities(questionFeatures(text));
  const shares = new Map(scorer.projects.map((n) => [n, probabilities.get(HEADS.project(n)) ?? 0]));
  const total = [...shares.values()].reduce((a, b) => a + b, 0) || 1;
  const [project, top] = [...shares].sort((a, b) => b[1] - a[1])[0] ?? [0, 0];
  return {
    policy: scorer.policy,
    outOfScope: probabilities.get(HEADS.outOfScope) ?? 0,
    project,
    share: top / total,
    shareOf: (n) => (shares.get(n) ?? 0) / total,
    unitProbability: (unit) => probabilities.get(HEADS.unit(unit)),
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

/**
 * The lead unit to name first among a project's: another than the chosen one when the reading clearly
 * puts the question with it and not with the chosen one. Undefined when the reading leaves the choice be.
 */
export function learnedLeadUnit(reading: QuestionReading, projectUnits: string[], chosen: string): string | undefined {
  const [best, p] = projectUnits
    .map((u) => [u, reading.unitProbability(u)] as const)
    .filter((x): x is readonly [string, number] => x[1] !== undefined)
    .sort((a, b) => b[1] - a[1])[0] ?? [undefined, 0];
  if (!best || canonicalUnitKey(best) === canonicalUnitKey(chosen)) return undefined;
  const own = reading.unitProbability(chosen) ?? 0;
  return p > reading.policy.unit && own < reading.policy.unitChosenBelow ? best : undefined;
}

/** How many of the best passages name the documents an answer stands on. */
const EVIDENCE_CHECKED = 5;

/** The documents an answer stands on: its best passages' and the notice or document it names. */
export function documentsBehind(passages: RetrievedPassage[], ...named: (string | undefined)[]): string[] {
  const ids = passages.slice(0, EVIDENCE_CHECKED).map((p) => p.passage.docId);
  return [...new Set([...ids, ...named.filter((id): id is string => !!id)])];
}
