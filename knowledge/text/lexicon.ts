// Query expansion from the colloquialism lexicon (knowledge/data/lexicon.yaml).
import { loadLexicon, loadScopeLists } from "../data-files.js";
import { stemEnglish } from "./segment.js";

interface Matcher {
  says: string[];
  terms: string[];
}

let matchers: Matcher[] | undefined;

function prepare(s: string): string {
  const lower = s.normalize("NFKC").toLowerCase();
  return /^[a-z0-9 .+-]+$/.test(lower) ? lower.split(" ").map(stemEnglish).join(" ") : lower;
}

function lexiconMatchers(): Matcher[] {
  return (matchers ??= loadLexicon().expansions.map((e) => ({ says: e.says.map(prepare), terms: e.terms })));
}

/** English words stemmed so "repaired" meets "repair"; Chinese untouched. */
function prepareQuery(text: string): string {
  return text.toLowerCase().replace(/[a-z]+/g, (w) => stemEnglish(w));
}

const wordPatterns = new Map<string, RegExp>();

/** Whole-word pattern for an English phrase so "hi" does not fire inside "this" (compiled once). */
function wordPattern(phrase: string): RegExp {
  let re = wordPatterns.get(phrase);
  if (!re) wordPatterns.set(phrase, (re = new RegExp(`(^|[^a-z0-9])(${phrase.replace(/[.+]/g, "\\$&")})(?=$|[^a-z0-9])`, "g")));
  return re;
}

function phraseSpans(query: string, phrase: string): [number, number][] {
  const spans: [number, number][] = [];
  if (/^[a-z0-9 .+-]+$/.test(phrase)) {
    if (!query.includes(phrase)) return spans;
    for (const m of query.matchAll(wordPattern(phrase))) spans.push([m.index! + m[1].length, m.index! + m[0].length]);
    return spans;
  }
  for (let i = query.indexOf(phrase); i >= 0; i = query.indexOf(phrase, i + 1)) spans.push([i, i + phrase.length]);
  return spans;
}

function containsPhrase(query: string, phrase: string): boolean {
  return phraseSpans(query, phrase).length > 0;
}

export interface Expansion {
  terms: string[]; // corpus words to add to the query
  matched: string[]; // what the user said that triggered them
  groups: string[][]; // the terms of each lexicon entry that fired (one entry = one thing the user said)
  /** Per group: how many different phrases of the entry the user said ("缺钱…贷不了款…抵押物" = 3). */
  groupHits: number[];
}

/**
 * Longest match wins: a phrase found only inside a longer matched phrase does not count
 * ("数字化" inside "数字化电子发票", "海外" inside "海外客户").
 */
export function expandQuery(text: string): Expansion {
  const q = prepareQuery(text);
  const matchers = lexiconMatchers();
  const hits: { entry: number; phrase: string; start: number; end: number }[] = [];
  matchers.forEach((m, entry) => {
    for (const phrase of m.says) for (const [start, end] of phraseSpans(q, phrase)) hits.push({ entry, phrase, start, end });
  });
  const kept = hits.filter((h) => !hits.some((o) => o.end - o.start > h.end - h.start && o.start <= h.start && o.end >= h.end));
  const matched = new Set(kept.map((h) => h.phrase));
  const spansByEntry = new Map<number, [number, number][]>();
  for (const h of kept) {
    if (!spansByEntry.has(h.entry)) spansByEntry.set(h.entry, []);
    spansByEntry.get(h.entry)!.push([h.start, h.end]);
  }
  const entries = [...spansByEntry.keys()];
  const groups = entries.map((e) => matchers[e].terms);
  return { terms: [...new Set(groups.flat())], matched: [...matched], groups, groupHits: entries.map((e) => separatePlaces(spansByEntry.get(e)!)) };
}

/** How many separate places of the question the spans cover ("被查出来": 被查出 + 查出来 overlap = one place). */
function separatePlaces(spans: [number, number][]): number {
  let places = 0;
  let end = -1;
  for (const [s, e] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (s >= end) places++;
    end = Math.max(end, e);
  }
  return places;
}

export interface ScopeSignal {
  outOfScopeTopic?: string;
  outOfScopeWords: string[];
  injection: boolean;
}

/** Personal-life topics, chit-chat and prompt-injection phrases found in the question. */
export function scopeSignals(text: string): ScopeSignal {
  const q = prepareQuery(text);
  const lists = loadScopeLists();
  let topic: string | undefined;
  const words: string[] = [];
  for (const t of lists.topics) {
    if (t.unless.some((u) => containsPhrase(q, prepare(u)))) continue;
    for (const s of t.says) {
      if (containsPhrase(q, prepare(s))) {
        topic ??= t.name;
        words.push(s);
      }
    }
  }
  const injection = lists.injection.says.some((s) => containsPhrase(q, prepare(s)));
  return { outOfScopeTopic: topic, outOfScopeWords: words, injection };
}

export function resetLexiconCache(): void {
  matchers = undefined;
}
