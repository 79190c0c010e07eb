// A national scheme the question asks about (国家自然科学基金, 国家级专精特新“小巨人”, a national key
// laboratory): its own rules and authority, never the city's notice, unless a document says its name.
// Not a firm's own title told as context ("客户是国家级专精特新小巨人，在考虑上市").
import type { KnowledgeIndex } from "../index-store.js";
import { CLAUSE_SPLIT } from "../text/asking.js";
import { corpusSays } from "./corpus-text.js";

const SCHEME =
  /国家(?:级)?(?:的|那个|这个)?[“"']?([^，。？?a-z]{2,14}?(?:基金|计划|项目|实验室|工程|专项|小巨人|补贴|贴息))/u;
const SCHEME_EN =
  /\bnational (?:key |major )?(?:laborator(?:y|ies)|labs?|natural science fund(?:ation)?|science fund|research programmes?|research programs?)\b/i;
const TOLD_AS_CONTEXT = /(?:是|属于|作为|评上了?|拿到了?)[^，。？?]{0,3}$/;

/** The national scheme asked about, as the asker named it. */
export function nationalSchemeAsked(index: KnowledgeIndex, text: string): string | undefined {
  for (const clause of text.split(CLAUSE_SPLIT)) {
    const m = SCHEME.exec(clause);
    if (!m || TOLD_AS_CONTEXT.test(clause.slice(0, m.index))) continue;
    const name = m[0].replace(/[“"']/g, "").replace(/^国家(级)?(?:那个|这个)/, "国家$1");
    if (!corpusSays(index, name.replace(/^国家(?:级)?(?:的|那个|这个)?/, ""))) return name;
  }
  return SCHEME_EN.exec(text)?.[0];
}
