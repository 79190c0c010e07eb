// Nearest reviewed questions for a new question: TF-IDF cosine over the same jieba tokens and
// lexicon expansions the retriever uses (so "厂里缺钱" and "融资难" meet), IDF from the corpus.
import { queryTerms } from "../retrieval/retriever.js";
import { prepareQuestion, type PreparedQuestion } from "../routing/prepare-question.js";
import type { FaqItem } from "./types.js";

export type TermVector = Map<string, number>;

export interface FaqNeighbour {
  item: FaqItem;
  /** The stored phrasing that matched best (question or a variant). */
  phrasing: string;
  similarity: number; // cosine 0..1
}

export function termVector(q: PreparedQuestion, idf: (term: string) => number): TermVector {
  const v: TermVector = new Map();
  for (const t of queryTerms(q)) v.set(t.term, Math.max(v.get(t.term) ?? 0, t.weight * idf(t.term)));
  return v;
}

export function cosine(a: TermVector, b: TermVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, w] of a) {
    na += w * w;
    const o = b.get(t);
    if (o) dot += w * o;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export class FaqMatcher {
  private readonly rows: { item: FaqItem; phrasing: string; vector: TermVector }[] = [];

  constructor(
    readonly items: FaqItem[],
    private readonly idf: (term: string) => number,
  ) {
    for (const item of items) {
      for (const phrasing of new Set([item.question, ...item.variants])) {
        const q = prepareQuestion(phrasing);
        if (q.issue) continue;
        this.rows.push({ item, phrasing, vector: termVector(q, idf) });
      }
    }
  }

  get size(): number {
    return this.items.length;
  }

  /** The k most similar items (each item once, by its best phrasing), most similar first. */
  nearest(q: PreparedQuestion, k = 5): FaqNeighbour[] {
    if (!this.rows.length) return [];
    const v = termVector(q, this.idf);
    const best = new Map<FaqItem, FaqNeighbour>();
    for (const row of this.rows) {
      const similarity = cosine(v, row.vector);
      const prev = best.get(row.item);
      if (!prev || similarity > prev.similarity) best.set(row.item, { item: row.item, phrasing: row.phrasing, similarity });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }
}
