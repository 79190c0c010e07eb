// A national scheme the question asks about (国家自然科学基金, 国家级专精特新“小巨人”, a national key
// laboratory): its own rules and authority, never the city's notice, unless a document says its name.
// Not a firm's own title told as context ("客户是国家级专精特新小巨人，在考虑上市").
import type { KnowledgeIndex } from "../index-store.js";
import { CLAUSE_SPLIT } from "../text/asking.js";
import { corpusSays } from "./corpus-text.js";

const SCHEME =
  /国家(?:级)?(?:的|那个|这个)?[“"']?([^，。？?a-z]{2,14}?(?:基金|计划|项目|实验室|工程|专项|小巨人|补贴|贴息)|小巨人)/u;
const SCHEME_EN =
  /\bnational (?:key |major )?(?:laborator(?:y|ies)|labs?|natural science fund(?:ation)?|science fund|research programmes?|research programs?)\b/i;
/** A ministry or national authority whose own support or programme is asked ("商务部稳外贸 出口贴息还有吗"). */
const MINISTRY =
  /(商务部|工信部|工业和信息化部|科技部|财政部|人社部|人力资源和社会保障部|农业农村部|生态环境部|国家发改委|国家税务总局|海关总署|国务院|国家市场监管总局|国家知识产权局)[^，。？?]{0,12}(?:基金|计划|项目|专项|补贴|补助|贴息|奖励|资金|扶持|政策)/u;
const TOLD_AS_CONTEXT = /(?:是|属于|作为|评上了?|拿到了?)[^，。？?]{0,3}$/;

/** The national scheme asked about, as the asker named it. */
export function nationalSchemeAsked(index: KnowledgeIndex, text: string): string | undefined {
  for (const clause of text.split(CLAUSE_SPLIT)) {
    const m = SCHEME.exec(clause);
    if (!m || TOLD_AS_CONTEXT.test(clause.slice(0, m.index))) continue;
    const name = m[0].replace(/[“"']/g, "").replace(/^国家(级)?(?:那个|这个)/, "国家$1");
    if (!corpusSays(index, name.replace(/^国家(?:级)?(?:的|那个|这个)?/, ""))) return name;
  }
  const ministry = MINISTRY.exec(text);
  if (ministry && !corpusSays(index, ministry[1])) return ministry[0];
  return SCHEME_EN.exec(text)?.[0];
}
