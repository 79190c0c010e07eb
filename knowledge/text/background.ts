// How rare a word is in general Chinese: jieba's IDF table (a broad background corpus) and the
// place names of its dictionary. A rare word is likely what a question is about; a common one
// (企业, 怎么, 需要) is not.
import { dict, idf } from "@node-rs/jieba/dict.js";

let table: { idf: Map<string, number>; places: Set<string>; functional: Set<string> } | undefined;
// Parts of speech that never name what is asked: time, numerals, measure words, pronouns, adverbs,
// prepositions, conjunctions, particles, interjections, onomatopoeia, directions.
const FUNCTIONAL = new Set([
  "t",
  "tg",
  "m",
  "mq",
  "mg",
  "q",
  "r",
  "rr",
  "rz",
  "rg",
  "d",
  "dg",
  "df",
  "p",
  "c",
  "u",
  "uj",
  "ul",
  "uz",
  "uv",
  "ud",
  "ug",
  "y",
  "e",
  "o",
  "f",
  "k",
  "h",
]);
const utf8 = new TextDecoder("utf-8");

function load() {
  if (table) return table;
  const idfs = new Map<string, number>();
  for (const line of utf8.decode(idf).split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0) idfs.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  const places = new Set<string>();
  const functional = new Set<string>();
  for (const line of utf8.decode(dict).split("\n")) {
    const [word, , tag] = line.split(" ");
    if (tag === "ns") places.add(word);
    else if (tag && FUNCTIONAL.has(tag.trim())) functional.add(word);
  }
  return (table = { idf: idfs, places, functional });
}

/** Background IDF of a word; undefined when the table does not know it. */
export function backgroundIdf(word: string): number | undefined {
  return load().idf.get(word);
}

/** True when jieba's dictionary tags the word as a place name (深圳, 中关村). */
export function isPlaceName(word: string): boolean {
  return load().places.has(word);
}

/** True when the dictionary's part of speech says the word names nothing (时候, 三个, 我们, 一直, 左右). */
export function isFunctionWord(word: string): boolean {
  return load().functional.has(word);
}
