// A designation the asker wants to apply for (申报高新技术企业, 申请涉密信息系统集成资质) that no document names:
// its criteria and authority are its own, however many words of a nearby clause the question shares.
// Recognised by the form of the ask (applying for a kind of firm, title or qualification), so a designation
// an ingested document names is answered from it.
import type { KnowledgeIndex } from "../index-store.js";
import { namesNothing } from "../text/asking.js";
import { dictionaryWords } from "../text/segment.js";
import { corpusSays } from "./corpus-text.js";

const APPLYING =
  /(?:申报|申请|想评|要评|能评|能不能评|可以评|能否评|够不够(?:条件)?(?:申请|申报)?|评审)(?:个|一个|成|为)?[“"]?([\p{Script=Han}]{2,12}?(?:企业|称号|资质|工厂|车间|基地))/u;
/** Words before a designation that say where or how many, not what. */
const ASKERS_WORDS = /^(?:市里|区里|省里|县里|的|家|个|种|多少|几)$/;
/** A level says who grants it, not what it is (市级智能工厂 is the notice's 智能工厂). */
const LEVEL = /^(?:国家级?|省级|市级|区级|县级|浙江省|杭州市)/;

/** …or named first, its application asked after ("绿色工厂省级的申报条件是啥"). */
const NAMED_FIRST =
  /([\p{Script=Han}]{2,10}?(?:企业|称号|资质|工厂|车间|基地|计划))(?:省级|市级|国家级|区级)?的?(?:申报|认定|评定)(?:条件|标准|窗口|时间|要求)/u;

/** The designation asked to be applied for, as the asker named it, when no document says it. */
export function unnamedDesignation(index: KnowledgeIndex, text: string): string | undefined {
  const named = APPLYING.exec(text)?.[1] ?? NAMED_FIRST.exec(text)?.[1];
  if (!named) return undefined;
  // The words before it may be the asker's (市里的|数字化车间, 多少家|智能工厂, 当|试点企业).
  const words = dictionaryWords(named);
  let i = 0;
  while (i < words.length - 1 && (namesNothing(words[i]) || ASKERS_WORDS.test(words[i]))) i++;
  const name = words.slice(i).join("");
  const core = name.replace(LEVEL, "");
  return [...core].length >= 4 && !corpusSays(index, core) ? name : undefined;
}
