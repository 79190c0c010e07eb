// How rare a word is in general Chinese: jieba's IDF table (a broad background corpus) and the
// place names of its dictionary. A rare word is likely what a question is about; a common one
// (企业, 怎么, 需要) is not.
import { dict, idf } from "@node-rs/jieba/dict.js";

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
const PLACE = 1;
const FUNCTION_WORD = 2;
const SPACE = 0x20;
const NEWLINE = 0x0a;

/**
 * jieba's word lists looked up where they lie (the UTF-8 buffers the package already holds): an
 * open-addressing table of line offsets, hashed on the word's bytes. A few MB and tens of milliseconds,
 * where Maps of 600,000 strings took 40 MB of heap and a second to build.
 */
class WordTable {
  private readonly slots: Int32Array;
  /** Per slot: PLACE | FUNCTION_WORD bits (dictionary) — or unused. */
  readonly kinds: Uint8Array;

  constructor(
    readonly bytes: Uint8Array,
    lines: number,
  ) {
    let size = 1;
    while (size < lines * 1.5) size <<= 1; // at most two thirds full: short probe runs
    this.slots = new Int32Array(size);
    this.kinds = new Uint8Array(size);
  }

  private static hash(bytes: Uint8Array, start: number, end: number): number {
    let h = 0x811c9dc5;
    for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 16777619);
    return h >>> 0;
  }

  /** The slot of the word key[start, end) (a stored word ends at a space), inserted when `insert`; -1 when absent. */
  private slotOf(key: Uint8Array, start: number, end: number, insert: boolean): number {
    const mask = this.slots.length - 1;
    for (let s = WordTable.hash(key, start, end) & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] - 1;
      if (at < 0) {
        if (!insert) return -1;
        this.slots[s] = start + 1;
        return s;
      }
      let i = 0;
      while (i < end - start && this.bytes[at + i] === key[start + i]) i++;
      if (i === end - start && this.bytes[at + i] === SPACE) {
        if (insert) this.slots[s] = start + 1; // a later line of the same word wins, as in a Map
        return s;
      }
    }
  }

  add(start: number, end: number): number {
    return this.slotOf(this.bytes, start, end, true);
  }

  /** Where the word's line starts, and its slot; null when the list lacks it. */
  find(word: string): { line: number; slot: number } | null {
    const key = Buffer.from(word, "utf8");
    const slot = this.slotOf(key, 0, key.length, false);
    return slot < 0 ? null : { line: this.slots[slot] - 1, slot };
  }
}

function countLines(bytes: Uint8Array): number {
  let n = 1;
  for (let i = bytes.indexOf(NEWLINE); i >= 0; i = bytes.indexOf(NEWLINE, i + 1)) n++;
  return n;
}

function lineEnd(bytes: Uint8Array, start: number): number {
  const end = bytes.indexOf(NEWLINE, start);
  return end < 0 ? bytes.length : end;
}

let idfTable: WordTable | undefined;
let dictTable: WordTable | undefined;

/** idf.txt: "word idf" per line. */
function idfWords(): WordTable {
  if (idfTable) return idfTable;
  const table = new WordTable(idf, countLines(idf));
  for (let start = 0; start < idf.length;) {
    const end = lineEnd(idf, start);
    const space = idf.indexOf(SPACE, start);
    if (space > start && space < end) table.add(start, space);
    start = end + 1;
  }
  return (idfTable = table);
}

/** dict.txt: "word frequency tag" per line; a word's kinds are those of all its lines. */
function dictWords(): WordTable {
  if (dictTable) return dictTable;
  const table = new WordTable(dict, countLines(dict));
  const text = Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength);
  for (let start = 0; start < dict.length;) {
    const end = lineEnd(dict, start);
    const first = dict.indexOf(SPACE, start);
    const second = first >= 0 && first < end ? dict.indexOf(SPACE, first + 1) : -1;
    if (first >= 0 && first < end && second >= 0 && second < end) {
      const third = dict.indexOf(SPACE, second + 1);
      const tag = text.toString("latin1", second + 1, third >= 0 && third < end ? third : end);
      const kind = tag === "ns" ? PLACE : FUNCTIONAL.has(tag.trim()) ? FUNCTION_WORD : 0;
      if (kind) table.kinds[table.add(start, first)] |= kind;
    }
    start = end + 1;
  }
  return (dictTable = table);
}

/** Background IDF at which a word names something of its own (发票, 汇率; not 出去, 企业, 政府). */
export const NAMING_IDF = 6;

/** Background IDF of a word; undefined when the table does not know it. */
export function backgroundIdf(word: string): number | undefined {
  const found = idfWords().find(word);
  if (!found) return undefined;
  const end = lineEnd(idf, found.line);
  const space = idf.indexOf(SPACE, found.line);
  return Number(Buffer.from(idf.buffer, idf.byteOffset, idf.byteLength).toString("latin1", space + 1, end));
}

/** True when jieba's dictionary tags the word as a place name (深圳, 中关村). */
export function isPlaceName(word: string): boolean {
  const found = dictWords().find(word);
  return !!found && (dictWords().kinds[found.slot] & PLACE) !== 0;
}

/** True when the dictionary's part of speech says the word names nothing (时候, 三个, 我们, 一直, 左右). */
export function isFunctionWord(word: string): boolean {
  const found = dictWords().find(word);
  return !!found && (dictWords().kinds[found.slot] & FUNCTION_WORD) !== 0;
}
