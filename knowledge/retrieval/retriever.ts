// The one retrieval entry point: BM25 over jieba tokens and HNSW vectors, fused by RRF.
// Returns ranked passages with their scores and provenance.
import { contextSpans, onlyInSpans, tellingSpans } from "../text/asking.js";
import type { KnowledgeIndex } from "../index-store.js";
import type { PreparedQuestion } from "../routing/prepare-question.js";
import { isHanText } from "../text/normalize.js";
import { indexTokens } from "../text/segment.js";
import type { RetrievedPassage } from "../types.js";
import type { WeightedTerm } from "./bm25.js";
import { blendScores, reciprocalRankFusion } from "./fusion.js";
import { searchVectors } from "./vector-store.js";

export const EXPANSION_WEIGHT = 0.8;
const REPEAT_BONUS = 0.4;
const MAX_REPEATS = 2;
/** A word inside a phrase the lexicon interpreted ("资金" in "资金周转") counts less than the interpretation. */
const INTERPRETED_WORD_WEIGHT = 0.4;
const CONTEXT_WEIGHT = 0.5;
/** What is read from a clause that tells (not the one that asks), beside what the asking clause reads. */
const TELLING_WEIGHT = 0.75;
const ASPECT_WEIGHT = 0.5;
const SUPERSEDED_PENALTY = 0.6; // prefer documents in force today
const VECTOR_WEIGHT = 0.3;
const SIMILARITY_FLOOR = 0.1;

/**
 * The question's weighted query terms. Retrieval, routing, clause choice and composing all ask for them
 * (several times per question): built once per prepared question; callers share the list, never change it.
 */
export function queryTerms(q: PreparedQuestion): readonly WeightedTerm[] {
  let terms = termsOf.get(q);
  if (!terms) termsOf.set(q, (terms = buildQueryTerms(q)));
  return terms;
}

const termsOf = new WeakMap<PreparedQuestion, readonly WeightedTerm[]>();

function buildQueryTerms(q: PreparedQuestion): WeightedTerm[] {
  const interpreted = q.expansion.matched.join(" ");
  // What the lexicon reads into the asker's description of themselves ("客户是做智能化软件的" → 数字化改造)
  // weighs less than what they ask; words they typed that the documents use keep their weight (我们在滨江做跨境电商).
  const context = contextSpans(q.text);
  // …and so does what it reads into a clause that tells rather than asks ("今年上了条自动化产线，技改补助能先拨吗"),
  // when another entry is read from the clause that asks.
  const telling = tellingSpans(q.text);
  const saidInAsk = (said: string[]) => said.some((p) => !onlyInSpans(q.text, p, telling));
  const asksRead = q.expansion.said.some((said) => said.length && saidInAsk(said));
  const aside = (said: string[]) =>
    !said.length
      ? 1
      : said.every((p) => onlyInSpans(q.text, p, context))
        ? CONTEXT_WEIGHT
        : asksRead && !saidInAsk(said)
          ? TELLING_WEIGHT
          : 1;
  const terms: WeightedTerm[] = q.tokens.map((term) => ({
    term,
    weight: interpreted.includes(term) ? INTERPRETED_WORD_WEIGHT : 1,
  }));
  // One lexicon entry is one thing the user said: its terms share the weight, so an entry
  // with many synonyms does not outvote a word the user actually typed.
  // A side of a matter (a penalty) weighs less beside the matter itself (发票丢了罚多少: the invoice rules).
  const hasMatter = q.expansion.groups.some((_, g) => !q.expansion.aspects[g]);
  q.expansion.groups.forEach((phrases, group) => {
    // Saying the same thing several ways ("缺钱…贷不了款…没抵押物") is stronger evidence than once.
    const said =
      EXPANSION_WEIGHT *
      (1 + REPEAT_BONUS * Math.min(MAX_REPEATS, (q.expansion.groupHits[group] ?? 1) - 1)) *
      (hasMatter && q.expansion.aspects[group] ? ASPECT_WEIGHT : 1);
    const weight = (said / Math.sqrt(phrases.length)) * aside(q.expansion.said[group] ?? []);
    for (const phrase of phrases) {
      for (const term of new Set([phrase, ...indexTokens(phrase)]))
        terms.push({ term, weight, group, groupWeight: said });
    }
  });
  return terms;
}

/** Lengths of the corpus words looked for inside the question's text. */
const MISSED_WORD_LENGTHS = [3, 4, 5, 6];

/**
 * Words of the corpus that the question contains but its own cut split differently ("…实事里首贷户"
 * cut as 里首|贷户, while the documents say 首贷户): looked up in the index's vocabulary directly.
 */
export function missedCorpusWords(index: KnowledgeIndex, q: PreparedQuestion): WeightedTerm[] {
  // Retrieval, routing and the choice of passage all ask for them: looked up once per question.
  const cached = missedWords.get(q);
  if (cached?.index === index) return cached.words;
  const words = lookUpMissedWords(index, q);
  missedWords.set(q, { index, words });
  return words;
}

const missedWords = new WeakMap<PreparedQuestion, { index: KnowledgeIndex; words: WeightedTerm[] }>();

function lookUpMissedWords(index: KnowledgeIndex, q: PreparedQuestion): WeightedTerm[] {
  const text = q.text;
  const found = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    for (const n of MISSED_WORD_LENGTHS) {
      const word = text.slice(i, i + n);
      if (word.length < n || !isHanText(word)) break;
      if (index.bm25.has(word) && !q.tokens.some((t) => t.includes(word))) found.add(word);
    }
  }
  return [...found].map((term) => ({ term, weight: 1 }));
}

/**
 * The question's embedding, once per question and index: a question searched several times (its evidence,
 * inside a named document, among the articles stating a figure) is embedded once — with a remote
 * embeddings service that is one request, not three.
 */
function queryVector(index: KnowledgeIndex, q: PreparedQuestion): Promise<number[]> {
  const cached = vectors.get(q);
  if (cached?.index === index) return cached.vector;
  const vector = index.embeddings.embedQuery(`${q.text} ${q.expansion.terms.join(" ")}`);
  vectors.set(q, { index, vector });
  return vector;
}

const vectors = new WeakMap<PreparedQuestion, { index: KnowledgeIndex; vector: Promise<number[]> }>();

export interface RetrieveOptions {
  k?: number;
  filter?: (passageIndex: number) => boolean;
}

export async function retrieve(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  opts: RetrieveOptions = {},
): Promise<RetrievedPassage[]> {
  const k = opts.k ?? 20;
  const bm25Hits = index.bm25.search([...queryTerms(q), ...missedCorpusWords(index, q)], k * 2, opts.filter);
  const vector = await queryVector(index, q);
  const vectorHits = (await searchVectors(index.vectors, vector, k * 2)).filter((h) => {
    const i = index.byId.get(h.id);
    return i !== undefined && (!opts.filter || opts.filter(i));
  });

  const bm25Ids = bm25Hits.map((h) => index.passages[h.index].id);
  const vectorIds = vectorHits.map((h) => h.id);
  const bm25Score = new Map(bm25Hits.map((h) => [index.passages[h.index].id, h.score]));
  // Routing needs magnitudes (blend); RRF only breaks ties between equal blends.
  const blended = blendScores(bm25Score, new Map(vectorHits.map((h) => [h.id, h.similarity])), {
    vectorWeight: VECTOR_WEIGHT,
    similarityFloor: SIMILARITY_FLOOR,
  });
  const rrf = reciprocalRankFusion([
    { ids: bm25Ids, weight: 1 },
    { ids: vectorIds, weight: 1 },
  ]);

  return [...blended.entries()]
    .map(([id, score]) => {
      const passage = index.passages[index.byId.get(id)!];
      const penalty = passage.status === "superseded" ? SUPERSEDED_PENALTY : 1;
      const bm25Rank = bm25Ids.indexOf(id);
      const vectorRank = vectorIds.indexOf(id);
      return {
        passage,
        score: score * penalty + (rrf.get(id) ?? 0) * 1e-3,
        bm25Rank: bm25Rank < 0 ? undefined : bm25Rank + 1,
        vectorRank: vectorRank < 0 ? undefined : vectorRank + 1,
        bm25Score: bm25Score.get(id) ?? 0,
      };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, k);
}
