// A thing the question names that no document mentions at all (诉讼时效, 施工图审查, 执业印章): nothing in
// them can answer a figure or a procedure asked of it.
import type { KnowledgeIndex } from "../index-store.js";
import { namesNothing } from "../text/asking.js";
import { backgroundIdf, isPlaceName } from "../text/background.js";
import { dictionaryNouns } from "../text/segment.js";
import { overlaps } from "../text/overlaps.js";
import { corpusSays } from "./corpus-text.js";
import type { PreparedQuestion } from "./prepare-question.js";

/** A word this rare in general Chinese names a thing of its own (诉讼时效, 最低工资, 退税率; not 标准, 一般). */
const THING_IDF = 8;

/**
 * The first noun of the clause that names such a thing: three characters or more (shorter ones are often
 * colloquial: 款子, 封顶), rare, absent from every passage and unread by the lexicon.
 */
export function unnamedThingIn(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  clause: string,
  words: string[] = dictionaryNouns(clause),
): string | undefined {
  const said = q.expansion.said.flat();
  for (const word of words) {
    if ([...word].length < 3 || namesNothing(word) || isPlaceName(word)) continue;
    const idf = backgroundIdf(word);
    if (idf === undefined || idf < THING_IDF) continue;
    // Read whole by the lexicon; a phrase it read inside the word (时效 in 诉讼时效) is less than the word says.
    if (said.some((p) => p.includes(word) || (!word.includes(p) && overlaps(q.text, word, p)))) continue;
    if (!corpusSays(index, word)) return word;
  }
  return undefined;
}
