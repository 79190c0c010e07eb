// Nearest reviewed questions for a new question: TF-IDF cosine over the same jieba tokens and
// lexicon expansions the retriever uses (so "厂里缺钱" and "融资难" meet; expansions count less
// than words the user typed), IDF from the corpus, blended with a cosine over character bigrams of
// the content words (paraphrases share characters even where jieba cuts differently).
import { queryTerms } from "../retrieval/retriever.js";
import { prepareQuestion, type PreparedQuestion } from "../routing/prepare-question.js";
import type { FaqItem } from "./types.js";

export type TermVector = Map<string, number>;

/** Lexicon expansions say what the user meant, not what they said: they count this much. */
const EXPANSION_SHARE = 0.5;
const TOKEN_SHARE = 0.65; // the rest is the character-bigram similarity

export interface FaqNeighbour {
  item: FaqItem;
  /** The stored phrasing that matched best (question or a variant). */
  phrasing: string;
  similarity: number; // cosine 0..1
}

export function termVector(q: PreparedQuestion, idf: (term: string) => number): TermVector {
  const v: TermVector = new Map();
  for (const t of queryTerms(q)) {
    const w = t.weight * idf(t.term) * (t.group === undefined ? 1 : EXPANSION_SHARE);
    v.set(t.term, Math.max(v.get(t.term) ?? 0, w));
  }
  return v;
}

/** Character bigrams inside the question's content words (stop words left out), with counts. */
export function bigramVector(q: PreparedQuestion): TermVector {
  const v: TermVector = new Map();
  for (const token of q.tokens) {
    const chars = [...token];
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = chars[i] + chars[i + 1];
      v.set(g, (v.get(g) ?? 0) + 1);
    }
  }
  return v;
}

/** Bigrams that many stored phrasings share ("怎么", "哪里") say little: weight them by their rarity there. */
function weighBigrams(v: TermVector, df: Map<string, number>, n: number): TermVector {
  const out: TermVector = new Map();
  for (const [g, c] of v) out.set(g, c * Math.log(1 + n / (df.get(g) ?? 0.5)));
  return out;
}

interface Vectors {
  terms: TermVector;
  bigrams: TermVector;
}

function sim(a: Vectors, b: Vectors): number {
  return TOKEN_SHARE * cosine(a.terms, b.terms) + (1 - TOKEN_SHARE) * cosine(a.bigrams, b.bigrams);
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
  private readonly rows: { item: FaqItem; phrasing: string; vectors: Vectors }[] = [];
  private readonly bigramDf = new Map<string, number>();

  constructor(
    readonly items: FaqItem[],
    private readonly idf: (term: string) => number,
  ) {
    for (const item of items) {
      for (const phrasing of new Set([item.question, ...item.variants])) {
        const q = prepareQuestion(phrasing);
        if (q.issue) continue;
        this.rows.push({ item, phrasing, vectors: { terms: termVector(q, idf), bigrams: bigramVector(q) } });
      }
    }
    for (const row of this.rows)
      for (const g of row.vectors.bigrams.keys()) this.bigramDf.set(g, (this.bigramDf.get(g) ?? 0) + 1);
    for (const row of this.rows)
      row.vectors.bigrams = weighBigrams(row.vectors.bigrams, this.bigramDf, this.rows.length);
  }

  get size(): number {
    return this.items.length;
  }

  /** The k most similar items (each item once, by its best phrasing), most similar first. */
  nearest(q: PreparedQuestion, k = 5): FaqNeighbour[] {
    if (!this.rows.length) return [];
    const v: Vectors = {
      terms: termVector(q, this.idf),
      bigrams: weighBigrams(bigramVector(q), this.bigramDf, this.rows.length),
    };
    const best = new Map<FaqItem, FaqNeighbour>();
    for (const row of this.rows) {
      const similarity = sim(v, row.vectors);
      const prev = best.get(row.item);
      if (!prev || similarity > prev.similarity)
        best.set(row.item, { item: row.item, phrasing: row.phrasing, similarity });
    }
    return [...best.values()].sort((a, b) => b.similarity - a.similarity).slice(0, k);
  }
}
