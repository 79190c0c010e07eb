// Query expansion from the colloquialism lexicon (knowledge/data/lexicon.yaml).
import { loadLexicon, loadScopeLists } from "../data-files.js";
import { dictionaryWords, stemEnglish, wordBoundaries } from "./segment.js";

const ENGLISH = /^[a-z0-9 .+-]+$/;

/** A phrase as it is matched: normalised, English words stemmed; English phrases match whole words. */
interface Phrase {
  text: string;
  english: boolean;
  /** An English phrase of several words: its words, and the pattern matching them with words between. */
  gapped?: { words: string[]; pattern: RegExp };
}

interface Matcher {
  says: Phrase[];
  terms: string[];
  aspect: boolean;
  /** Phrases that keep the entry from firing. */
  unless: Phrase[];
}

function prepare(s: string): string {
  const lower = s.normalize("NFKC").toLowerCase().replace(HYPHEN, " ");
  return ENGLISH.test(lower) ? lower.split(" ").map(stemEnglish).join(" ") : lower;
}

function phrase(s: string, gapped = false): Phrase {
  const text = prepare(s);
  const english = ENGLISH.test(text);
  const words = text.split(" ");
  if (english && words.length > 1) return { text, english, gapped: { words, pattern: gappedPattern(words) } };
  // A Chinese phrase of two words also matches with a few characters between ("错过各种补贴申报" for 错过申报);
  // its empty first group stands where an English pattern holds the boundary before the phrase.
  const parts = gapped && !english && text.length === 4 ? dictionaryWords(text) : [];
  return parts.length === 2 && parts.every((w) => w.length === 2)
    ? {
        text,
        english,
        gapped: { words: parts, pattern: new RegExp(`()(${parts[0]}[^，。？?！!,.;；\\s]{1,4}?${parts[1]})`, "g") },
      }
    : { text, english };
}

// Prepared once per loaded data file (the loaded object is the cache key, so a reload re-prepares).
let matchers: { source: unknown; matchers: Matcher[] } | undefined;
let scopeLists:
  | {
      source: unknown;
      topics: { name: string; says: { raw: string; p: Phrase }[]; unless: Phrase[]; aside: boolean }[];
      injection: Phrase[];
    }
  | undefined;

function lexiconMatchers(): Matcher[] {
  const lexicon = loadLexicon();
  if (matchers?.source !== lexicon) {
    matchers = {
      source: lexicon,
      matchers: lexicon.expansions.map((e) => ({
        says: e.says.map((x) => phrase(x, true)),
        terms: e.terms,
        aspect: !!e.aspect,
        unless: (e.unless ?? []).map((x) => phrase(x, true)),
      })),
    };
  }
  return matchers.matchers;
}

function preparedScopeLists() {
  const lists = loadScopeLists();
  if (scopeLists?.source !== lists) {
    scopeLists = {
      source: lists,
      topics: lists.topics.map((t) => ({
        name: t.name,
        says: t.says.map((raw) => ({ raw, p: phrase(raw) })),
        unless: t.unless.map((x) => phrase(x)),
        aside: !!t.aside,
      })),
      injection: lists.injection.says.map((x) => phrase(x)),
    };
  }
  return scopeLists;
}

/** English words stemmed so "repaired" meets "repair"; Chinese untouched. */
function prepareQuery(text: string): string {
  return text
    .toLowerCase()
    .replace(HYPHEN, " ")
    .replace(/[a-z]+/g, (w) => stemEnglish(w));
}
/** "on-site", "pay-when-paid": English words joined by a hyphen match as separate words. */
const HYPHEN = /(?<=[a-z])-(?=[a-z])/g;

const wordPatterns = new Map<string, RegExp>();

/** Whole-word pattern for an English phrase so "hi" does not fire inside "this" (compiled once). */
function wordPattern(phrase: string): RegExp {
  let re = wordPatterns.get(phrase);
  if (!re)
    wordPatterns.set(
      phrase,
      (re = new RegExp(`(^|[^a-z0-9])(${phrase.replace(/[.+]/g, "\\$&")})(?=$|[^a-z0-9])`, "g")),
    );
  return re;
}

/**
 * An English phrase of several words also matches with up to two words between its words ("fine us very
 * differently" for "fine us differently", "mediate online" in "mediate it online"): English puts them there.
 */
function gappedPattern(words: string[]): RegExp {
  const escaped = words.map((w) => w.replace(/[.+]/g, "\\$&"));
  return new RegExp(`(^|[^a-z0-9])(${escaped.join("(?:\\s+[a-z0-9'’-]+){0,2}\\s+")})(?=$|[^a-z0-9])`, "g");
}

function phraseSpans(query: string, p: Phrase): [number, number][] {
  const spans: [number, number][] = [];
  if (p.gapped && !query.includes(p.text)) {
    if (!p.gapped.words.every((w) => query.includes(w))) return spans;
    for (const m of query.matchAll(p.gapped.pattern)) spans.push([m.index! + m[1].length, m.index! + m[0].length]);
    return spans;
  }
  if (!query.includes(p.text)) return spans;
  if (p.english) {
    for (const m of query.matchAll(wordPattern(p.text))) spans.push([m.index! + m[1].length, m.index! + m[0].length]);
    return spans;
  }
  for (let i = query.indexOf(p.text); i >= 0; i = query.indexOf(p.text, i + 1)) spans.push([i, i + p.text.length]);
  return spans;
}

function containsPhrase(query: string, p: Phrase): boolean {
  return phraseSpans(query, p).length > 0;
}

export interface Expansion {
  terms: string[]; // corpus words to add to the query
  matched: string[]; // what the user said that triggered them
  groups: string[][]; // the terms of each lexicon entry that fired (one entry = one thing the user said)
  /** Per group: how many different phrases of the entry the user said ("缺钱…贷不了款…抵押物" = 3). */
  groupHits: number[];
  /** Per group: the phrases of the question that fired it. */
  said: string[][];
  /** Per group: it reads a side of a matter (a penalty), not a matter of its own. */
  aspects: boolean[];
}

/**
 * Longest match wins: a phrase found only inside a longer matched phrase does not count
 * ("数字化" inside "数字化电子发票", "海外" inside "海外客户").
 */
export function expandQuery(text: string): Expansion {
  const q = prepareQuery(text);
  const matchers = lexiconMatchers();
  const hits: { entry: number; phrase: string; english: boolean; start: number; end: number }[] = [];
  matchers.forEach((m, entry) => {
    // An entry that names its own context out (投诉 is a procurement complaint beside 投标).
    if (m.unless.some((u) => phraseSpans(q, u).length)) return;
    for (const p of m.says)
      for (const [start, end] of phraseSpans(q, p))
        hits.push({ entry, phrase: p.text, english: p.english, start, end });
  });
  // A Chinese phrase matched across a gap is not said when the gap says something of its own ("海外[参展]找客户");
  // an English one, when a phrase of several words matched as written overlaps it ("government [backed
  // guarantee] agency"; a single word between, as in "fine [us very] differently", does not count).
  const gapped = (h: (typeof hits)[number]) => h.end - h.start > h.phrase.length;
  const overlapping = (h: (typeof hits)[number], o: (typeof hits)[number]) =>
    o !== h && o.start < h.end && o.end > h.start;
  const gappedOver = (h: (typeof hits)[number]) =>
    gapped(h) && hits.some((o) => overlapping(h, o) && (!h.english || (!gapped(o) && o.phrase.includes(" "))));
  const said = hits.filter((h) => !gappedOver(h));
  const kept = said.filter(
    (h) => !said.some((o) => o.end - o.start > h.end - h.start && o.start <= h.start && o.end >= h.end),
  );
  const matched = new Set(kept.map((h) => h.phrase));
  const spansByEntry = new Map<number, [number, number][]>();
  const saidByEntry = new Map<number, Set<string>>();
  for (const h of kept) {
    if (!spansByEntry.has(h.entry)) spansByEntry.set(h.entry, []);
    spansByEntry.get(h.entry)!.push([h.start, h.end]);
    saidByEntry.set(h.entry, (saidByEntry.get(h.entry) ?? new Set()).add(h.phrase));
  }
  const entries = [...spansByEntry.keys()];
  const groups = entries.map((e) => matchers[e].terms);
  return {
    terms: [...new Set(groups.flat())],
    matched: [...matched],
    groups,
    groupHits: entries.map((e) => separatePlaces(spansByEntry.get(e)!)),
    said: entries.map((e) => [...saidByEntry.get(e)!]),
    aspects: entries.map((e) => matchers[e].aspect),
  };
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

/** A Chinese phrase found only straddling words at both ends ("那个|税控" holds 个税) is not said. */
function containsWholeWords(query: string, p: Phrase, bounds: () => Set<number>): boolean {
  if (p.english) return containsPhrase(query, p);
  return phraseSpans(query, p).some(([start, end]) => bounds().has(start) || bounds().has(end));
}

export interface ScopeSignal {
  outOfScopeTopic?: string;
  outOfScopeWords: string[];
  injection: boolean;
  /** Every topic word found is of an `aside` topic (哈哈, 谢谢): beside a real question it asks nothing. */
  aside?: boolean;
}

/** Personal-life topics, chit-chat and prompt-injection phrases found in the question. */
export function scopeSignals(text: string): ScopeSignal {
  const q = prepareQuery(text);
  const lists = preparedScopeLists();
  let topic: string | undefined;
  const words: string[] = [];
  let aside = true;
  // Cut only when a listed phrase is there at all (most questions hold none).
  let cut: Set<number> | undefined;
  const bounds = () => (cut ??= wordBoundaries(q));
  for (const t of lists.topics) {
    if (t.unless.some((u) => containsPhrase(q, u))) continue;
    for (const s of t.says) {
      if (containsWholeWords(q, s.p, bounds)) {
        topic ??= t.name;
        words.push(s.raw);
        aside &&= !!t.aside;
      }
    }
  }
  const injection = lists.injection.some((p) => containsPhrase(q, p));
  return { outOfScopeTopic: topic, outOfScopeWords: words, injection, ...(topic && aside ? { aside } : {}) };
}
