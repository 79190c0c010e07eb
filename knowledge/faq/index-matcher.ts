// One matcher per loaded index version (built on first use, dropped with the index).
import type { KnowledgeIndex } from "../index-store.js";
import { FaqMatcher } from "./faq-matcher.js";

const matchers = new WeakMap<KnowledgeIndex, FaqMatcher | null>();

export function faqMatcherOf(index: KnowledgeIndex): FaqMatcher | null {
  let m = matchers.get(index);
  if (m === undefined) {
    m = index.faq.length ? new FaqMatcher(index.faq, (t) => index.bm25.idf(t)) : null;
    matchers.set(index, m);
  }
  return m;
}
