// Chinese word segmentation (jieba with the domain dictionary) and the token stream
// that BM25, the hashing embeddings and coverage checks share.
import { readFileSync } from "node:fs";
import path from "node:path";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import { KNOWLEDGE_DATA_DIR } from "../paths.js";

let jieba: Jieba | undefined;
let stopwords: Set<string> | undefined;

function segmenter(): Jieba {
  if (!jieba) {
    jieba = Jieba.withDict(dict);
    jieba.loadDict(readFileSync(path.join(KNOWLEDGE_DATA_DIR, "userdict.txt")));
  }
  return jieba;
}

export function stopwordSet(): Set<string> {
  if (!stopwords) {
    const text = readFileSync(path.join(KNOWLEDGE_DATA_DIR, "stopwords.txt"), "utf8");
    stopwords = new Set(
      text
        .split("\n")
        .filter((l) => !l.startsWith("#"))
        .flatMap((l) => l.split(/\s+/))
        .filter(Boolean),
    );
  }
  return stopwords;
}

const WORD = /[\p{Script=Han}\p{L}\p{N}]/u;
const ASCII_WORD = /^[a-z0-9.+%-]+$/;

/** A tiny English stemmer: enough to match "repaired" with "repair", "invoices" with "invoice", "factories" with "factory". */
export function stemEnglish(word: string): string {
  if (word.length <= 4) return word;
  // factories, subsidies → factory, subsidy (as the singular is written).
  if (word.endsWith("ies") && word.length > 5) return `${word.slice(0, -3)}y`;
  for (const suffix of ["ing", "ed", "es", "s"]) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Words of a normalised text, as jieba cuts them (no punctuation). */
export function cutWords(text: string): string[] {
  return segmenter()
    .cut(text.toLowerCase(), true)
    .map((w) => w.trim())
    .filter((w) => w && WORD.test(w))
    .map((w) => (ASCII_WORD.test(w) ? stemEnglish(w) : w));
}

/** The offsets where the text's words begin and end, as jieba cuts it (every character kept). */
export function wordBoundaries(text: string): Set<number> {
  const bounds = new Set<number>([0]);
  let at = 0;
  for (const w of segmenter().cut(text, true)) bounds.add((at += w.length));
  return bounds;
}

/** Words as the dictionary knows them (no guessed new words): salience is judged on these. */
export function dictionaryWords(text: string): string[] {
  return segmenter()
    .cut(text.toLowerCase(), false)
    .map((w) => w.trim())
    .filter((w) => w && WORD.test(w))
    .map((w) => (ASCII_WORD.test(w) ? stemEnglish(w) : w));
}

/** The nouns of a text as the dictionary tags them (诉讼时效, 最低工资; not 办完, 降到). */
export function dictionaryNouns(text: string): string[] {
  return segmenter()
    .tag(text.toLowerCase(), false)
    .filter((t) => t.tag === "n" || t.tag === "nz")
    .map((t) => t.word);
}

/**
 * Index tokens: jieba's search-mode cut (whole words plus their sub-words, so 专用发票
 * also yields 发票), without punctuation. Stop words are kept in the index; queries drop them.
 */
export function indexTokens(text: string): string[] {
  return segmenter()
    .cutForSearch(text.toLowerCase(), true)
    .map((w) => w.trim())
    .filter((w) => w && WORD.test(w))
    .map((w) => (ASCII_WORD.test(w) ? stemEnglish(w) : w));
}

// "几倍", "多少天": the question word asks for a figure; the measure word is what the text has.
const ASKS_FOR_FIGURE = /^(几|多少)(.+)$/;

/** Query tokens: like index tokens, minus stop words, with "几倍" read as "倍". */
export function queryTokens(text: string): string[] {
  const stop = stopwordSet();
  return indexTokens(text)
    .map((w) => w.match(ASKS_FOR_FIGURE)?.[2] ?? w)
    .filter((w) => !stop.has(w));
}

const SET_CACHE_MAX = 20_000;

/** A cut of corpus texts as sets, memoised (cleared when full: the corpus's texts come back every question). */
function memoisedSets(cut: (text: string) => string[]): (text: string) => Set<string> {
  const cache = new Map<string, Set<string>>();
  return (text) => {
    let set = cache.get(text);
    if (!set) {
      if (cache.size >= SET_CACHE_MAX) cache.clear();
      set = new Set(cut(text));
      cache.set(text, set);
    }
    return set;
  };
}

/** Index tokens of a corpus text as a set (clause fragments and sentences are scored on every question). */
export const cachedTokenSet = memoisedSets(indexTokens);
/** Dictionary words of a corpus text as a set (articles are weighed against every question). */
export const cachedWordSet = memoisedSets(dictionaryWords);
