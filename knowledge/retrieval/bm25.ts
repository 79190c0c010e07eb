// Okapi BM25 over jieba tokens (langchain's BM25Retriever cannot score Chinese: stack.md §4).

export interface WeightedTerm {
  term: string;
  weight: number;
  group?: number; // terms from one lexicon entry share a group: they count once when matching a clause
  groupWeight?: number; // the weight the group counts with when matched once (its BM25 weight is split)
}

/** How well a set of tokens matches the question: Σ weight·idf, each group counted once (its best term). */
export function matchScore(tokens: Set<string>, terms: WeightedTerm[], idf: (term: string) => number): number {
  const best = new Map<string, number>();
  for (const { term, weight, group, groupWeight } of terms) {
    if (!tokens.has(term)) continue;
    const key = group === undefined ? `t:${term}` : `g:${group}`;
    best.set(key, Math.max(best.get(key) ?? 0, (groupWeight ?? weight) * idf(term)));
  }
  let sum = 0;
  for (const v of best.values()) sum += v;
  return sum;
}

export interface Bm25Hit {
  index: number; // position of the passage in the index
  score: number;
}

export class Bm25Index {
  private readonly postings = new Map<string, { doc: number; tf: number }[]>();
  private readonly lengths: number[];
  private readonly avgLength: number;

  constructor(
    readonly documents: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = documents.map((d) => d.length);
    this.avgLength = this.lengths.reduce((a, n) => a + n, 0) / Math.max(1, documents.length);
    documents.forEach((tokens, doc) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const [term, n] of tf) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, tf: n });
      }
    });
  }

  get size(): number {
    return this.documents.length;
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Scores every passage that shares a term with the query; highest first. */
  search(query: WeightedTerm[], k = 20, filter?: (index: number) => boolean): Bm25Hit[] {
    const scores = new Map<number, number>();
    const seen = new Map<string, number>();
    for (const { term, weight } of query) seen.set(term, Math.max(seen.get(term) ?? 0, weight));
    for (const [term, weight] of seen) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        if (filter && !filter(doc)) continue;
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]) / this.avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + weight * idf * ((tf * (this.k1 + 1)) / norm));
      }
    }
    return [...scores.entries()]
      .map(([index, score]) => ({ index, score }))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, k);
  }
}
