// Every passage of an index as one text, joined once per index when first needed (never at start-up).
import type { KnowledgeIndex } from "../index-store.js";

const corpusTexts = new WeakMap<KnowledgeIndex, string>();

/** Whether any document of the index says this word at all. */
export function corpusSays(index: KnowledgeIndex, word: string): boolean {
  let text = corpusTexts.get(index);
  if (text === undefined) {
    text = index.passages.map((p) => p.text).join("\n");
    corpusTexts.set(index, text);
  }
  return text.includes(word);
}
