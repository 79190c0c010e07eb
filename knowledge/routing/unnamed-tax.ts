// A tax the question names (土地增值税, 印花税) that no document mentions: its rules, rates and filing are the
// tax authority's, not in these documents, however many words of an invoice or a tax clause they share.
// Recognised by the word's own form (a dictionary word ending in 税), so an ingested tax rule is found too.
import type { KnowledgeIndex } from "../index-store.js";
import { dictionaryNouns, dictionaryWords } from "../text/segment.js";
import { corpusSays } from "./corpus-text.js";

/** 税 ending a word that is a duty, not an act (纳税, 退税, 逃税) or a tax office. */
const NOT_A_TAX = /(?:纳|缴|交|退|抵|逃|偷|漏|避|免|减|扣|完|计|报|征|控|个)税$/;

/** The tax as the question names it, when no document says it. */
export function unnamedTax(index: KnowledgeIndex, text: string): string | undefined {
  if (!text.includes("税")) return undefined;
  const words = dictionaryWords(text);
  const nouns = new Set(dictionaryNouns(text));
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!/^[\p{Script=Han}]{2,7}税$/u.test(w) || NOT_A_TAX.test(w)) continue;
    // The dictionary may cut a tax's name before a tax the documents do name (土地|增值税).
    const before = words[i - 1];
    const names = before && nouns.has(before) && [...before].length >= 2 ? [before + w, w] : [w];
    const unsaid = names.find((name) => !corpusSays(index, name));
    if (unsaid) return unsaid;
  }
  return undefined;
}
