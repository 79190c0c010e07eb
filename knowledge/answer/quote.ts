// Quoting: the sentences of a passage that match the question, and the shapes composers share.
import type { KnowledgeIndex } from "../index-store.js";
import { matchScore, type WeightedTerm } from "../retrieval/bm25.js";
import type { Answerability } from "../routing/answerability.js";
import type { PreparedQuestion } from "../routing/prepare-question.js";
import { cachedTokenSet } from "../text/segment.js";
import type { Citation } from "../types.js";
import type { AskedPart } from "./asked-part.js";

const MAX_QUOTE = 160;

export interface ComposedAnswer {
  answer: string;
  citations: Citation[];
  figures: string[];
}

export interface ComposeOptions {
  q?: PreparedQuestion;
  answerability?: Answerability;
  /** A follow-up asked for this part of the answer: it comes first. */
  focus?: AskedPart;
  /** Words of the question the documents do not cover (a partial answer names them). */
  notCovered?: string[];
}

/** The sentences of a passage that best match the question, in their original order. */
export function bestSentences(index: KnowledgeIndex, text: string, terms: WeightedTerm[], max = MAX_QUOTE): string {
  const sentences = text.match(/[^。；;！？\n]+[。；;！？]?/g)?.map((s) => s.trim()).filter(Boolean) ?? [text];
  const scored = sentences.map((s, i) => ({ s, i, score: matchScore(cachedTokenSet(s), terms, (t) => index.bm25.idf(t)) }));
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: typeof scored = [];
  let length = 0;
  for (const c of ranked) {
    if (picked.length && (c.score <= 0 || length + c.s.length > max)) continue;
    picked.push(c);
    length += c.s.length;
  }
  const quote = picked.sort((a, b) => a.i - b.i).map((c) => c.s).join("");
  return quote.length > max * 1.5 ? `${quote.slice(0, max)}…` : quote;
}

