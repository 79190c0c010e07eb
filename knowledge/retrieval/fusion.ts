// Fusing the keyword and the vector ranking into one score per passage.

/** Reciprocal rank fusion: Σ weight / (k + rank) over ranked lists (rank from 1). */
export function reciprocalRankFusion(lists: { ids: string[]; weight: number }[], k = 60): Map<string, number> {
  const fused = new Map<string, number>();
  for (const { ids, weight } of lists) {
    ids.forEach((id, i) => fused.set(id, (fused.get(id) ?? 0) + weight / (k + i + 1)));
  }
  return fused;
}

/**
 * Score blend that keeps magnitudes (RRF does not: a passage that matches the question's
 * rare terms five times better than the next one only gets a slightly better rank).
 * BM25 is scaled by the best BM25 score, similarity above a floor by what is left above it.
 */
export function blendScores(
  bm25: Map<string, number>,
  similarity: Map<string, number>,
  opts: { vectorWeight: number; similarityFloor: number },
): Map<string, number> {
  const maxBm25 = Math.max(0, ...bm25.values()) || 1;
  const out = new Map<string, number>();
  for (const id of new Set([...bm25.keys(), ...similarity.keys()])) {
    const keyword = (bm25.get(id) ?? 0) / maxBm25;
    const sim = similarity.get(id);
    const semantic = sim === undefined ? 0 : Math.max(0, (sim - opts.similarityFloor) / (1 - opts.similarityFloor));
    out.set(id, (1 - opts.vectorWeight) * keyword + opts.vectorWeight * semantic);
  }
  return out;
}
