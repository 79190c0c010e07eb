// A law or regulation the question names (新公司法, 《招标投标法》, 食品安全法里…) that no indexed document is:
// what it says is not in the documents, however many of its words they share. Recognised by the title's
// own characters, so a new document an admin ingests is found by the same test.
import type { KnowledgeIndex } from "../index-store.js";
import { namesNothing } from "../text/asking.js";
import { dictionaryNouns, dictionaryWords, stopwordSet } from "../text/segment.js";
import { titleCore, titlesOf } from "./named-document.js";

/** Words ending in 法 that name a way or a verdict, not a law. */
const NOT_A_LAW =
  /(?:(?<!管理|实施|暂行)办法|方法|做法|想法|说法|看法|手法|算法|写法|用法|疗法|语法|技法|兵法|魔法|戏法|笔法|章法|合法|违法|非法|依法|执法|立法|守法|(?<!公)司法)$/;
const LAW_WORD = /^[\p{Script=Han}]{1,10}(?:法|法典|条例)$/u;
const BROKEN = /(?:违反|违背|触犯|涉嫌违反)(?:了)?《?[\p{Script=Han}]{2,12}(?:法|条例)》?/gu;
// "本公司法遵部门": 本公司 and 法遵 (compliance), cut across.
const OUR_FIRM = /[本我贵该这那子分母总]$/;
const BRACKETED = /《([^》]{2,30})》/g;
/** A measure named without brackets (浙江省化工园区认定管理办法): the dictionary cuts it into common words. */
const MEASURE =
  /[\p{Script=Han}]{2,16}?(?:管理办法|实施办法|暂行办法|实施细则|(?<!办)法(?=里|中|上|是不是|有没有|规定|第[一二三四五六七八九十百\d]+条))/gu;
const LAW_MARK = /[法例《]/;
const PREFIX = /^(?:新|新版|最新|修订后的?|中华人民共和国|国家|浙江省|杭州市)+/;
const TYPE = /(法典|法|条例|办法|规定|细则|规则)$/;

/** The law as the question names it, when the index holds no document of that name. */
export function unindexedLaw(index: KnowledgeIndex, text: string): string | undefined {
  // A law the asker is said to have broken ("被说违反广告法") is the story; the ask is about what follows.
  const said = text.replace(BROKEN, "");
  // (Most questions name no law: cut only when one may be there.)
  if (!LAW_MARK.test(said)) return undefined;
  const words = dictionaryWords(said);
  const stop = stopwordSet();
  const named = [
    ...[...said.matchAll(BRACKETED)].map((m) => m[1]),
    ...[...said.matchAll(MEASURE)]
      .map((m) => trailingName(m[0], stop))
      .filter((name) => [...name].length >= 4 && !NOT_A_LAW.test(name)),
    ...words.flatMap((w, i) => {
      if ([...w].length < 3 || !LAW_WORD.test(w) || NOT_A_LAW.test(w) || OUR_FIRM.test(said.slice(0, said.indexOf(w))))
        return [];
      // The name as written, where the cut split it (招标|投标法, 劳动|合同法).
      const before = words[i - 1];
      const joined =
        before && !stop.has(before) && dictionaryNouns(before).includes(before) && said.includes(before + w);
      return [joined ? before + w : w];
    }),
  ];
  const titles = titlesOf(index);
  return named.find((name) => !titles.some(({ core }) => sameLaw(name.replace(PREFIX, ""), core)));
}

/** The words that end a measure's name, without the asker's words before it (我想问|浙江省|化工|…). */
function trailingName(span: string, stop: Set<string>): string {
  const words = dictionaryWords(span);
  let i = words.length - 1;
  while (i > 0 && !stop.has(words[i - 1]) && !namesNothing(words[i - 1])) i--;
  // Laws against something open with 反 (反不正当竞争法, 反垄断法), which the walk stops at.
  if (words[i - 1] === "不" && words[i - 2] === "反") i -= 2;
  else if (words[i - 1] === "反") i -= 1;
  return words.slice(i).join("");
}

/** 政府采购法 ⊂ 政府采购法实施条例; 公共信用条例 ~ 公共信用信息管理条例 (its words, the same kind of act). */
function sameLaw(name: string, title: string): boolean {
  if (!name) return true;
  if (title.includes(name) || name.includes(titleCore(title))) return true;
  const kind = TYPE.exec(name)?.[1];
  if (!kind || TYPE.exec(title)?.[1] !== kind) return false;
  const content = name.slice(0, -kind.length);
  const pairs = [...content].slice(1).map((c, i) => content[i] + c);
  return pairs.length > 0 && pairs.every((p) => title.includes(p));
}
