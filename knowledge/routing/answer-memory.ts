// Which passage answered questions like this one. Labelled questions whose facts (the figures and terms
// a right answer must hold) stand in one law article or notice clause are remembered with it; a new
// question's nearest remembered questions vote for the passage, and their facts say which sentence of
// it to quote. Ranking by shared words picks the first article on 罚款 for "罚款要在几天内交", or a
// project's first clause for "各国政策去哪看"; questions people asked before know the article on
// 十五日内缴纳 and the clause on 国别政策. Built by `npm run train:questions`; a passage whose text
// changed since is not voted for.
import { z } from "zod";
import { loadGenerated } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import { sha256Hex } from "../infra/hashed-files.js";
import type { Passage, RetrievedPassage } from "../types.js";
import { questionFeatures } from "./question-model.js";

export const ANSWER_MEMORY_FILE = "answer-memory.json";

export const AnswerMemorySchema = z.object({
  format: z.literal(1),
  trainedAt: z.string(),
  passages: z.array(z.object({ id: z.string(), textHash: z.string() })),
  questions: z.array(z.object({ q: z.string(), passage: z.number().int().min(0), facts: z.array(z.string()) })),
});
export type AnswerMemoryFile = z.infer<typeof AnswerMemorySchema>;

const textHashes = new WeakMap<Passage, string>();

/** How a passage's text is recognised as the one remembered (computed once per passage). */
export function passageTextHash(p: Passage): string {
  let hash = textHashes.get(p);
  if (hash === undefined) textHashes.set(p, (hash = sha256Hex(p.text).slice(0, 16)));
  return hash;
}

/** The passage labelled questions like this one were answered from, and their facts it states. */
export interface RememberedPassage {
  passage: RetrievedPassage;
  facts: string[];
  similarity: number;
}

/** Chosen on sets written after the ones remembered (README, "answer memory"). */
export const MEMORY_POLICY = {
  /** Neighbours this similar (TF-IDF cosine over words and character n-grams) vote… */
  neighbours: 5,
  voterSimilarity: 0.25,
  /** …and the passage's summed similarity must be at least this, and this share of all votes. */
  votes: 0.5,
  share: 0.75,
};

/** Facts standing in more passages than this say too little of which one answered. */
const MAX_STATING = 3;

/** What answers are quoted from: law articles, the notice's clauses and its other sections. */
const REMEMBERED_KINDS = new Set<Passage["kind"]>(["article", "clause", "notice-section"]);

/**
 * Of the passages stating a question's facts, the one that answered it: one in force (the 2025
 * regulation, not the 2020 one it replaced), then the one sharing most of the question's characters.
 */
function answeringPassage(stating: Passage[], q: string): Passage | undefined {
  const inForce = stating.filter((p) => p.status === "in_force");
  const candidates = inForce.length ? inForce : stating;
  if (!candidates.length || candidates.length > MAX_STATING) return undefined;
  const bigrams = (t: string) => new Set([...t].map((c, i, cs) => c + (cs[i + 1] ?? "")));
  const asked = bigrams(q);
  const shared = (p: Passage) => [...bigrams(p.text)].filter((g) => asked.has(g)).length;
  const [best, next] = candidates.map((p) => ({ p, n: shared(p) })).sort((a, b) => b.n - a.n);
  // Two passages the question's words do not tell apart (an English question): it says nothing of either.
  return next && next.n === best.n ? undefined : best.p;
}

/** The labelled questions (prepared text) whose facts stand in a passage, with the passage that answered. */
export function rememberedQuestions(
  passages: Passage[],
  questions: { q: string; facts?: string[] }[],
): Pick<AnswerMemoryFile, "passages" | "questions"> {
  const quotable = passages.filter((p) => REMEMBERED_KINDS.has(p.kind));
  const slot = new Map<string, number>();
  const kept: AnswerMemoryFile["passages"] = [];
  const remembered: AnswerMemoryFile["questions"] = [];
  const seen = new Set<string>();
  for (const { q, facts } of questions) {
    if (!facts?.length) continue;
    const p = answeringPassage(
      quotable.filter((a) => facts.every((f) => a.text.includes(f))),
      q,
    );
    if (!p) continue;
    let i = slot.get(p.id);
    if (i === undefined) {
      slot.set(p.id, (i = kept.length));
      kept.push({ id: p.id, textHash: passageTextHash(p) });
    }
    // A question asked the same way in several sets counts once: repeats would outvote nearer ones.
    const key = `${i}\u0000${q}`;
    if (seen.has(key)) continue;
    seen.add(key);
    remembered.push({ q, passage: i, facts });
  }
  return { passages: kept, questions: remembered };
}

export class AnswerMemory {
  /** Feature → its number; per number its IDF squared (its weight in a dot product). */
  private readonly ids = new Map<string, number>();
  private readonly weight: Float64Array;
  /** The questions having feature f: holders[start[f]] … holders[start[f + 1] - 1] (one array for all). */
  private readonly start: Int32Array;
  private readonly holders: Int32Array;
  private readonly norms: Float64Array;
  /** Scratch for one lookup at a time (lookups are synchronous). */
  private readonly dots: Float64Array;
  private readonly unseenWeight: number;

  constructor(
    readonly file: AnswerMemoryFile,
    featuresOf: (q: string) => string[] = questionFeatures,
  ) {
    const byQuestion = file.questions.map((x) =>
      Int32Array.from(featuresOf(x.q), (f) => this.ids.get(f) ?? this.ids.set(f, this.ids.size).size - 1),
    );
    const n = byQuestion.length;
    const df = new Int32Array(this.ids.size);
    for (const fs of byQuestion) for (const f of fs) df[f]++;
    this.start = new Int32Array(this.ids.size + 1);
    for (let f = 0; f < df.length; f++) this.start[f + 1] = this.start[f] + df[f];
    this.holders = new Int32Array(this.start[df.length]);
    const filled = this.start.slice(0, -1);
    byQuestion.forEach((fs, j) => fs.forEach((f) => (this.holders[filled[f]++] = j)));
    this.weight = Float64Array.from(df, (d) => Math.log(1 + n / d) ** 2);
    this.norms = Float64Array.from(byQuestion, (fs) => Math.sqrt(fs.reduce((sum, f) => sum + this.weight[f], 0)));
    this.dots = new Float64Array(n);
    this.unseenWeight = Math.log(1 + n) ** 2;
  }

  /** The remembered questions nearest to these features (TF-IDF cosine), most similar first. */
  nearest(features: string[], k: number): { question: number; similarity: number }[] {
    const known = features.flatMap((f) => this.ids.get(f) ?? []);
    // A feature no remembered question has is as rare as can be: it counts in the question's norm, so a
    // question sharing only "2024年" with them is not near them.
    const unknown = (features.length - known.length) * this.unseenWeight;
    const norm = Math.sqrt(known.reduce((sum, f) => sum + this.weight[f], unknown));
    if (!norm) return [];
    const touched: number[] = [];
    for (const f of known)
      for (let i = this.start[f]; i < this.start[f + 1]; i++) {
        const j = this.holders[i];
        if (this.dots[j] === 0) touched.push(j);
        this.dots[j] += this.weight[f];
      }
    const best: { question: number; similarity: number }[] = [];
    for (const j of touched) {
      const similarity = this.dots[j] / (norm * this.norms[j]);
      this.dots[j] = 0;
      if (best.length < k || similarity > best[best.length - 1].similarity) {
        best.push({ question: j, similarity });
        best.sort((a, b) => b.similarity - a.similarity || a.question - b.question);
        if (best.length > k) best.pop();
      }
    }
    return best;
  }

  /**
   * The passage the nearest remembered questions agree on, when they clearly do and it is in this
   * index with the text they were answered from; undefined otherwise.
   */
  recall(index: KnowledgeIndex, text: string, policy = MEMORY_POLICY): RememberedPassage | undefined {
    const voters = this.nearest(questionFeatures(text), policy.neighbours).filter(
      (n) => n.similarity >= policy.voterSimilarity,
    );
    const votes = new Map<number, { sum: number; facts: Set<string> }>();
    for (const { question, similarity } of voters) {
      const { passage, facts } = this.file.questions[question];
      const v = votes.get(passage) ?? { sum: 0, facts: new Set<string>() };
      v.sum += similarity;
      facts.forEach((f) => v.facts.add(f));
      votes.set(passage, v);
    }
    const total = [...votes.values()].reduce((s, v) => s + v.sum, 0);
    const [slot, top] = [...votes].sort((a, b) => b[1].sum - a[1].sum || a[0] - b[0])[0] ?? [];
    if (!top || top.sum < policy.votes || top.sum < policy.share * total) return undefined;
    // The nearest question of all must be one of them: several loosely similar ones do not outvote it.
    if (this.file.questions[voters[0].question].passage !== slot) return undefined;
    const stored = this.file.passages[slot!];
    const at = index.byId.get(stored.id);
    const passage = at === undefined ? undefined : index.passages[at];
    if (!passage || passageTextHash(passage) !== stored.textHash) return undefined;
    return {
      passage: { passage, score: top.sum },
      facts: [...top.facts].filter((f) => passage.text.includes(f)),
      similarity: voters[0].similarity,
    };
  }
}

/** The shipped memory (knowledge/data/answer-memory.json); null when there is none. */
export const loadAnswerMemory = (): AnswerMemory | null =>
  loadGenerated(ANSWER_MEMORY_FILE, AnswerMemorySchema, (data) => new AnswerMemory(data));

/** The passage remembered for a question, from the shipped memory. */
export function rememberedPassage(index: KnowledgeIndex, text: string): RememberedPassage | undefined {
  return loadAnswerMemory()?.recall(index, text);
}
