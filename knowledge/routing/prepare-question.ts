// A question as the retriever and router see it.
import { hasMeaningfulText, normalizeText } from "../text/normalize.js";
import { type Expansion, expandQuery, type ScopeSignal, scopeSignals } from "../text/lexicon.js";
import { queryTokens } from "../text/segment.js";

/** Longer questions are not analysed: the user is asked to shorten them. */
export const MAX_QUESTION_CHARS = 1000;

export interface PreparedQuestion {
  raw: string;
  text: string; // normalised
  tokens: string[]; // content words (stop words removed)
  expansion: Expansion;
  scope: ScopeSignal;
  issue?: "empty" | "too_long" | "no_text";
}

export function prepareQuestion(raw: string): PreparedQuestion {
  const text = normalizeText(typeof raw === "string" ? raw : "");
  const base = { raw, text, tokens: [], expansion: { terms: [], matched: [], groups: [], groupHits: [] }, scope: { outOfScopeWords: [], injection: false } };
  if (!text) return { ...base, issue: "empty" };
  if (text.length > MAX_QUESTION_CHARS) return { ...base, issue: "too_long" };
  if (!hasMeaningfulText(text)) return { ...base, issue: "no_text" };
  return { raw, text, tokens: queryTokens(text), expansion: expandQuery(text), scope: scopeSignals(text) };
}
