// Trains the question model (knowledge/routing/question-model.ts): logistic regressions by stochastic
// gradient descent over sparse features, in a fixed order so the same questions give the same model.
// Small enough to write here; the npm classifiers are dense or unmaintained.
import { probability, type QuestionModel, type Weights } from "../knowledge/routing/question-model.js";

export interface Example {
  features: string[];
  positive: boolean;
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  /** Weights smaller than this are dropped from the shipped model. */
  prune: number;
}

/** The model's thresholds, chosen from sets written after the ones trained on (README, "question model"). */
export const POLICY: QuestionModel["policy"] = {
  decline: 0.93,
  inScope: 0.05,
  project: 0.8,
  steer: 0.5,
  routedBelow: 0.1,
  unit: 0.5,
  unitChosenBelow: 0.3,
};
export const TRAINING: TrainOptions = { epochs: 8, learningRate: 0.5, l2: 1e-4, prune: 0.03 };

export function train(examples: Example[], opts: TrainOptions = TRAINING): Weights {
  // Features as numbers, weights in one array: the inner loop runs millions of times.
  const ids = new Map<string, number>();
  const rows = examples.map((e) => ({
    x: Int32Array.from(e.features, (f) => ids.get(f) ?? ids.set(f, ids.size).size - 1),
    y: e.positive ? 1 : 0,
  }));
  const w = new Float64Array(ids.size);
  let bias = 0;
  let rate = opts.learningRate;
  const random = seeded(1);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (const i of shuffled(rows.length, random)) {
      const { x, y } = rows[i];
      let z = bias;
      for (const j of x) z += w[j];
      const error = 1 / (1 + Math.exp(-z)) - y;
      // A step per question, not per feature: long questions do not move the weights further.
      const step = rate / Math.sqrt(x.length + 1);
      bias -= step * error;
      for (const j of x) w[j] -= step * (error + opts.l2 * w[j]);
    }
    rate *= 0.7;
  }
  const kept: Record<string, number> = {};
  for (const [f, j] of [...ids].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    if (Math.abs(w[j]) >= opts.prune) kept[f] = Math.round(w[j] * 10_000) / 10_000;
  return { bias: Math.round(bias * 10_000) / 10_000, weights: kept };
}

/**
 * Out-of-fold probabilities: each example is scored by a model trained without its group (a question
 * set), groups dealt into `folds` folds.
 */
export function crossValidated(examples: Example[], groups: string[], folds = 5, opts = TRAINING): number[] {
  const names = [...new Set(groups)].sort();
  const foldOf = new Map(names.map((g, i) => [g, i % folds]));
  const scores = new Array<number>(examples.length).fill(0);
  for (let k = 0; k < folds; k++) {
    const model = train(
      examples.filter((_, i) => foldOf.get(groups[i]) !== k),
      opts,
    );
    examples.forEach((e, i) => {
      if (foldOf.get(groups[i]) === k) scores[i] = probability(model, e.features);
    });
  }
  return scores;
}

function shuffled(n: number, random: () => number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** mulberry32: a small seeded generator, so training is reproducible. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
