// People type Chinese through pinyin input methods, so their typos are homophones of the word they meant
// (数电发漂 for 发票, 政府菜购 for 采购, 信用修付 for 修复). A stretch of the question that is no word at all —
// neither in jieba's dictionary nor in the corpus — is read as the corpus word that sounds the same and
// differs from it by one character, when the words around it then say what the corpus or lexicon says.
import { backgroundIdf, isFunctionWord } from "../text/background.js";
import { expandQuery } from "../text/lexicon.js";
import { isHanText } from "../text/normalize.js";
import { dictionaryWords } from "../text/segment.js";
import { syllables } from "../text/sound.js";
import type { KnowledgeIndex } from "../index-store.js";
import type { Bm25Index } from "./bm25.js";

const LENGTHS = [4, 3, 2];

type SoundTable = Map<string, string>;
const tables = new WeakMap<Bm25Index, SoundTable>();

const sound = (word: string) => syllables(word).join(" ");

/** Corpus words (2–4 characters, also in the dictionary) by their toneless sound; the commoner one wins a tie. */
function soundTable(bm25: Bm25Index): SoundTable {
  const cached = tables.get(bm25);
  if (cached) return cached;
  const table: SoundTable = new Map();
  for (const term of bm25.table.terms) {
    if (term.length < 2 || term.length > 4 || !isHanText(term) || backgroundIdf(term) === undefined) continue;
    const key = sound(term);
    const seen = table.get(key);
    if (!seen || bm25.idf(term) < bm25.idf(seen)) table.set(key, term);
  }
  tables.set(bm25, table);
  return table;
}

/** Builds the sound table now (a service does this at start, not on its first question). */
export function prepareHomophones(index: KnowledgeIndex): void {
  soundTable(index.bm25);
}

/**
 * The text with homophone typos of corpus words replaced by the words. Only stretches the dictionary cut
 * into single characters are candidates (数电|发|漂): a typo is no word, and a stretch across two real
 * words (数字|化电) is never one.
 */
export function correctHomophones(index: KnowledgeIndex, text: string): string {
  const table = soundTable(index.bm25);
  let out = text;
  let said: Set<string> | undefined;
  // What the lexicon reads in the text as it stands, looked up only when a sound-alike needs confirming.
  const lexiconSaid = () => (said ??= new Set(expandQuery(out).matched));
  for (const run of singleCharacterRuns(text)) {
    const before = out;
    for (let i = run.start; i < run.end;) {
      let step = 1;
      for (const n of LENGTHS) {
        const word = i + n <= run.end ? confirmedReplacement(index, table, out, i, n, lexiconSaid) : undefined;
        if (!word) continue;
        out = out.slice(0, i) + word + out.slice(i + n);
        said = undefined;
        step = n;
        break;
      }
      i += step;
    }
    if (out === before) out = twoTyposInOne(index, table, out, run);
  }
  return out;
}

/**
 * Two typos side by side (正府彩购 for 政府采购): neither sound-alike is confirmed alone, but together they
 * make what the corpus says.
 */
function twoTyposInOne(index: KnowledgeIndex, table: SoundTable, text: string, run: { start: number; end: number }) {
  let fixed = text;
  const at: number[] = [];
  // (The character before the run may be a typo too, read as a function word: 是正|府|彩|购.)
  for (let i = Math.max(0, run.start - 1); i + 2 <= run.end;) {
    const word = replacement(index.bm25, table, fixed.slice(i, i + 2));
    if (word) {
      fixed = fixed.slice(0, i) + word + fixed.slice(i + 2);
      at.push(i);
      i += 2;
    } else i++;
  }
  // (The two must be next to each other: one word mistyped twice.)
  if (at.length !== 2 || at[1] !== at[0] + 2) return text;
  const span = fixed.slice(at[0], at[1] + 2);
  return index.passages.some((p) => p.text.includes(span)) ? fixed : text;
}

/**
 * The sound-alike of `text[at, at + n)`, taken only when the words around it confirm it: with it, the text
 * says what the corpus or the lexicon says (政府菜购 → 政府采购, 数电发漂 → 数电发票). A colloquial word the
 * dictionary lacks (营收, 竞品) has sound-alikes too, but with its neighbours they say nothing the corpus does.
 */
function confirmedReplacement(
  index: KnowledgeIndex,
  table: SoundTable,
  text: string,
  at: number,
  n: number,
  lexiconSaid: () => Set<string>,
): string | undefined {
  const word = replacement(index.bm25, table, text.slice(at, at + n));
  if (!word) return undefined;
  const fixed = text.slice(0, at) + word + text.slice(at + n);
  // A phrase of the lexicon (数电发票, 能耗指标) says it as well as the corpus.
  if (expandQuery(fixed).matched.some((m) => !lexiconSaid().has(m) && m.includes(word))) return word;
  for (let before = 0; before <= Math.min(2, at); before++)
    for (let after = 0; after <= 2 && at + n + after <= fixed.length; after++) {
      if (before + after < 2) continue;
      const window = fixed.slice(at - before, at + n + after);
      if (isHanText(window) && index.passages.some((p) => p.text.includes(window))) return word;
    }
  return undefined;
}

/** Where the dictionary cut leaves two or more single Han characters in a row. */
function singleCharacterRuns(text: string): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  let from = 0;
  let run: { start: number; end: number } | undefined;
  for (const word of dictionaryWords(text)) {
    const at = text.indexOf(word, from);
    if (at < 0) continue;
    from = at + word.length;
    // 是|个, 不|在: grammar, not a mistyped word.
    const single = word.length === 1 && isHanText(word) && !isFunctionWord(word);
    if (single && run && run.end === at) run.end = from;
    else {
      if (run && run.end - run.start >= 2) runs.push(run);
      run = single ? { start: at, end: from } : undefined;
    }
  }
  if (run && run.end - run.start >= 2) runs.push(run);
  return runs;
}

function replacement(bm25: Bm25Index, table: SoundTable, s: string): string | undefined {
  if (!isHanText(s) || bm25.has(s) || backgroundIdf(s) !== undefined) return undefined;
  const word = table.get(sound(s));
  if (!word || word.length !== s.length || word === s) return undefined;
  let differ = 0;
  for (let k = 0; k < s.length; k++) if (word[k] !== s[k]) differ++;
  return differ === 1 ? word : undefined;
}
