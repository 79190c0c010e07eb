// A question asking how much money, what share or how long is answered by a figure of that kind: when
// neither the clause nor a law article found with it states one, the documents do not answer it.
import type { KnowledgeIndex } from "../index-store.js";
import { askedFigureOf, type FigureKind, PERIOD_START, SHARE } from "../text/asked-figure.js";
import { ASKS, askingClauses, chatSentences, englishSentences, namesNothing } from "../text/asking.js";
import { isFunctionWord, isPlaceName } from "../text/background.js";
import { dictionaryWords } from "../text/segment.js";
import { syllables } from "../text/sound.js";
import type { RetrievedPassage } from "../types.js";
import { evidenceTexts } from "./answerability.js";
import type { PreparedQuestion } from "./prepare-question.js";
import type { Routing } from "./router.js";
import { unnamedThingIn } from "./unnamed-thing.js";

const FIGURE_NAMES: Partial<Record<FigureKind, string>> = {
  amount: "具体金额",
  share: "具体比例",
  days: "具体天数",
  span: "具体时限",
  contact: "具体网址、地址或联系方式",
  platform: "具体平台或系统",
  date: "具体日期",
};

const SUPPORT: [RegExp, RegExp] = [
  /补贴|补助|奖补|资助|贴息|奖励|补多少|补几|贴几|subsid|grant|reimburse/i,
  /补|贴|奖|拨付|资助|资金/,
];
const SHARES_OF: [RegExp, RegExp][] = [
  SUPPORT,
  [/税率|税负|税点|征收率|关税|tax rate|\btax\b|\bdut(?:y|ies)\b|\btariffs?\b/i, /税/],
  [/利率|利息|interest rate/i, /利率|利息/],
  // A stake is stated where shares are (投向民营项目比重超75% is no fund's stake in one firm).
  [/占股|股份|股权|持股/, /股/],
];
/** What one firm may borrow is stated where a loan is (not a guarantor's 净资产的10倍). */
const LOAN: [RegExp, RegExp] = [
  /(?:能|可以|最多|最高)(?:贷|借)|(?:贷|借)(?:款)?多少|(?:贷款|授信)额度|(?:给(?:我们|我|我司)|单户|每户|一家企业)[^，。？?]{0,6}担保多少/,
  /贷|借款|授信/,
];
/**
 * A day asked for (几号, 哪天开幕, 截止日期, 下一场什么时候), not when something will be rolled out (数电票什么时候能开:
 * its project's target answers), not "someday" (怕哪天踩雷), not from when a period runs (从哪天起算).
 */
const DAY_ASKED = /几号|几月几|哪一?天|日期|截止|开幕|下一(?:场|期|次|届)/;
const NOT_A_DAY = new RegExp(`(?:怕|万一|说不定|担心|免得|省得)[^，。？?]{0,8}哪一?天|${PERIOD_START}`);
const dayAsked = (text: string) => askingClauses(text).some((c) => DAY_ASKED.test(c) && !NOT_A_DAY.test(c));

/** How to reach a place, when it is open, or which firms or people to reach: the contact's own asks. */
const CONTACT_WORDS =
  /电话|号码|联系|在哪|哪里|哪儿|地方|地址|位置|上班|营业|开门|哪几家|哪些(?:机构|公司)|叫(?:啥|什么)名字?|(?:老师|经理|负责人|联系人|顾问)是谁|拨|哪(?:个|位)(?:经理|人|领导|联系人|负责人)|谁负责|具体是谁/;
/**
 * A contact asked beside another ask ("有没有仪器共享平台？联系电话多少"): the other ask is answered and the
 * contact left to the unit's channel; asked alone, or with where it is, the documents do not answer it.
 */
const asksMoreThanContact = (text: string) =>
  askingClauses(text).some((c) => askedFigureOf(c)?.kind !== "contact" && !CONTACT_WORDS.test(c));

/** The clauses that ask (sentences, in English), or the whole question. */
const askingPart = (text: string) =>
  (/\p{Script=Han}/u.test(text) ? askingClauses(text) : englishSentences(text).filter((c) => ASKS.test(c))).join(
    "，",
  ) || text;

const MONEY_NAMED = /多少万|几万|几十万|多少钱|多少元|几千|多少块|how much (?:money|cash)/i;
const SHARE_WORDS = "(?:几成|百分之几|多少比例|比例|几个点|多少个点)";
const SHARE_OF = new RegExp(
  `按(?:照)?([\\p{Script=Han}]{2,8}?)的?${SHARE_WORDS}|补(?![贴助])([\\p{Script=Han}]{1,6}?(?:款|额|费|价))的${SHARE_WORDS}`,
  "u",
);
const PER_FIRM =
  /一家|每家|单户|单家|每户|每个|一张|每张|一笔|单笔|个人|每人|我|注册资本|营收|营业额|销售额|收入|利润|产值|多少万|几万|几十万|能(?:贷|借|拿|领|批)|可以(?:贷|借|拿|领|批)|\b(?:we|us|our|per (?:company|firm))\b/i;
const CITY_TOTAL = /[\d.]+亿元/;
const CITY_TOTALS = /[\d.]+亿元/g;
const BASE_ENDS = /最|收|交|缴|付|拿|能|可以|要|是/;
const TIME_SHARE = /(?:时限|期限|时间|周期)[^，。；]{0,12}?\d[\d.]*%/;
/** A fee asked for is often stated as a rate (担保费多少 → 平均担保费率不高于0.8%). */
const FEE_RATE = /费率?[^，。；]{0,8}?\d[\d.]*%/;

/**
 * Why the documents do not answer the figure asked (技改补助最高能拿多少万; 商标官费多少钱), naming the
 * project it is closest to; undefined when they state one. A date counts only when a day is asked.
 */
export function unstatedFigure(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routing: Routing,
  article: RetrievedPassage | undefined,
  stating?: RetrievedPassage,
): string | undefined {
  if (routing.kind !== "project" || !routing.project) return undefined;
  // Each sentence that asks is a question of its own ("展位费多少钱？哪天开幕？"; in chat a space may end it),
  // and so is each ask listed in one ("官费多少、多久能下来"); the whole question's last ask is checked too.
  const parts = chatSentences(q.text).flatMap((sentence) => sentence.split(/[、，,；;]/).filter((c) => c.length >= 4));
  let aside: boolean | undefined;
  const contactAside = () => (aside ??= asksMoreThanContact(q.text));
  for (const text of [q.text, ...parts]) {
    const asked = askedFigureOf(text);
    const name = asked && FIGURE_NAMES[asked.kind];
    if (asked?.kind === "date" && !dayAsked(text)) continue;
    if (asked?.kind === "contact" && contactAside()) continue;
    if (asked?.final && name && !stated(index, q, text, routing, asked, article, stating)) return reply(routing, name);
  }
  // A figure of the kind asked is stated, but of something else.
  const unnamed = unnamedSubject(index, q, contactAside);
  return unnamed && `通知及相关政策没有涉及“${unnamed}”，无法给出您问的数字（相关的是${projectOf(routing)}）`;
}

function stated(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  part: string,
  routing: Routing,
  asked: NonNullable<ReturnType<typeof askedFigureOf>>,
  article: RetrievedPassage | undefined,
  stating?: RetrievedPassage,
): boolean {
  const extra = [article?.passage.text ?? "", stating?.passage.text ?? ""];
  // An amount or a share is the clause's own: another clause's figure does not answer this one's question.
  // How long is looser: a project's schedule may be stated beside the clause.
  const own =
    asked.kind === "amount" || asked.kind === "share" ? [routing.clause?.text ?? ""] : evidenceTexts(index, routing);
  const texts = [...own, ...extra];
  // A share of a base the asker names ("按设备投资额的百分之几") is stated only where that base is.
  // (Not a rate per day or a manner: 按每天百分之几, 按这种方式拨的比例.)
  // (The base ends where the verb of the ask begins: 按合同金额|最多收多少比例.)
  const base = asked.kind === "share" ? SHARE_OF.exec(q.text)?.slice(1).find(Boolean)?.split(BASE_ENDS)[0] : undefined;
  if (base && [...base].length >= 2 && !/^[每这那]/.test(base) && !texts.some((t) => t.includes(base))) return false;
  // A share of something is stated where that thing's share is: a subsidy's (预拨70%), not a fee rate
  // (担保费率0.8%); a tax rate where a tax is, an interest rate where interest is.
  // (What the share is of is said where the figure is asked: 推送率有多少, not 补助政策会不会推送.)
  const figureClauses = askingClauses(part).filter((c) => askedFigureOf(c)?.kind === asked.kind);
  const where = figureClauses.length ? figureClauses.join("，") : askingPart(part);
  // A fee named (诉讼费, 保费, 年费) is stated only where the evidence names that fee (担保费 → 担保费率; 保费 is not 担保费).
  const fee = asked.kind === "amount" || asked.kind === "share" ? feeNamed(where) : undefined;
  if (fee && !texts.some((t) => dictionaryWords(t).some(startsSoundingLike(fee)))) return false;
  const of = figureOf(asked.kind, where);
  // (How much of a cost is covered, 保费能补多少, is answered by the share covered, unless money is named: 最高拿多少万.)
  const shapes = asked.kind === "amount" && !MONEY_NAMED.test(where) ? [asked.shape, SHARE] : [asked.shape];
  if (of)
    return texts.some((t) =>
      (t.match(/[^。；;,，]+/g) ?? []).some((s) => shapes.some((shape) => shape.test(s)) && of[1].test(s)),
    );
  // A city-wide total (200亿元) answers a total asked (总额度有多少), not what one firm may get (一家最多能批多少万).
  if (asked.kind === "amount" && !PER_FIRM.test(where) && texts.some((t) => CITY_TOTAL.test(t))) return true;
  // (What one firm may get is not stated by a city-wide total: 助力企业融资突破3000亿元 is no one loan.)
  const perFirm = asked.kind === "amount" && PER_FIRM.test(where);
  const statingTexts = texts.filter((t) => asked.shape.test(perFirm ? t.replace(CITY_TOTALS, "") : t));
  // A figure set for one kind of firm does not answer it for another (融资担保公司's capital ≠ 小额贷款公司's).
  const firm = firmKind(q.text);
  if (statingTexts.length) return !firm || statingTexts.some((t) => t.includes(firm));
  // A time limit may be stated as a share of the statutory one (审批时限压缩至法定时限的40%).
  if ((asked.kind === "span" || asked.kind === "days") && texts.some((t) => TIME_SHARE.test(t))) return true;
  if (asked.kind === "amount" && /费|\bfees?\b/i.test(q.text) && texts.some((t) => FEE_RATE.test(t))) return true;
  // A law may state an amount as a share or a multiple (保证金不得超过预算的2%; 罚款一倍以上).
  return asked.kind === "amount" && !!article && /%|百分之|倍/.test(article.passage.text);
}

/** Words for paying or fees in general, not one fee. */
const ANY_FEE = /^(?:收费|免费|付费|缴费|交费|花费|经费|消费|费用|收的费|乱收费)$/;
/**
 * The fee the ask names as one word (诉讼费, 服务费, 官费), if any, with a single character the dictionary
 * left before it (a mistyped 单|保费 is one word).
 */
function feeNamed(where: string): string | undefined {
  const words = dictionaryWords(where);
  const at = words.findIndex((w) => [...w].length >= 2 && w.endsWith("费") && !ANY_FEE.test(w));
  if (at < 0) return undefined;
  const before = words[at - 1] ?? "";
  return /^\p{Script=Han}$/u.test(before) && !isFunctionWord(before) ? before + words[at] : words[at];
}

/** Whether a word starts with the fee as it sounds (a typed 单保费 is the evidence's 担保费率). */
function startsSoundingLike(fee: string): (word: string) => boolean {
  const heard = syllables(fee).join(" ");
  const length = [...fee].length;
  return (word) =>
    word.startsWith(fee) || ([...word].length >= length && syllables(word).slice(0, length).join(" ") === heard);
}

/**
 * What a share asked for is of (a subsidy's, a tax's, interest); an amount of support, likewise, is stated
 * where support is (a subsidy's 万元, not an investment's 亿元).
 */
function figureOf(kind: FigureKind, where: string): [RegExp, RegExp] | undefined {
  if (kind === "share") return SHARES_OF.find(([asks]) => asks.test(where));
  if (kind !== "amount") return undefined;
  return [SUPPORT, LOAN].find(([asks]) => asks.test(where));
}

/** The kind of firm the question asks about setting up (设立一家小额贷款公司 → 小额贷款), if any. */
function firmKind(text: string): string | undefined {
  const setUp = SETTING_UP.exec(text)?.[1];
  if (!setUp) return undefined;
  const words = dictionaryWords(setUp);
  const kind = words.at(-2);
  return kind && [...kind].length >= 2 && !namesNothing(kind) && !isPlaceName(kind) ? kind : undefined;
}
const SETTING_UP = /(?:设立|成立|新设|开办|注册)(?:一家|一个|家|个)?([\p{Script=Han}]{2,10}?(?:公司|机构))/u;

function reply(routing: Routing, name: string): string {
  return `通知及相关政策没有写明您问的${name}（相关的是${projectOf(routing)}）`;
}

function projectOf(routing: Routing): string {
  const unit = routing.leadUnits[0];
  const project = routing.project ? `${routing.project.label}${routing.project.name}` : "";
  return `${project}${unit ? `，牵头单位${unit}` : ""}`;
}

/**
 * A figure asked of something no document mentions at all (诉讼时效是几年, 最低工资标准多少, 出口退税率多少):
 * no figure in them can be its.
 */
function unnamedSubject(index: KnowledgeIndex, q: PreparedQuestion, contactAside: () => boolean): string | undefined {
  for (const clause of askingClauses(q.text)) {
    const asked = askedFigureOf(clause);
    if (!asked?.final || (asked.kind === "contact" && contactAside())) continue;
    const thing = unnamedThingIn(index, q, clause);
    if (thing) return thing;
  }
  return undefined;
}
