// What kind of figure a question asks for ("挂几年" a span of time, "最多罚多少" an amount), as the
// shape of the figure that answers it.
import { ASKS } from "./asking.js";

const NUMBER = "[零〇一二两三四五六七八九十百千万\\d.]+";
/** A share as the documents state it: 70%, 百分之三, 七成. */
export const SHARE = /%|百分之|[一二三四五六七八九十\d]成/;
/** From which day a period runs (哪天开始算): it asks about the period, not a date. */
export const PERIOD_START = "哪一?天(?:开始)?(?:起算|算起|开始算|计算)";
export type FigureKind = "date" | "span" | "amount" | "days" | "share" | "contact" | "platform";
const ASKED_FIGURES: [FigureKind, RegExp, RegExp][] = [
  // A date: 什么时候报 → 6月1日至6月30日.
  [
    "date",
    // (From which day a period runs, 从哪天开始算, asks about the period, not a date.)
    new RegExp(`什么时候|何时|(?!${PERIOD_START})哪一?天|哪年|几月|几号|截止到|截至`),
    new RegExp(`${NUMBER}月(?:${NUMBER}日)?|${NUMBER}年${NUMBER}月`),
  ],
  [
    "span",
    // …or a span put forward to be confirmed ("诉讼时效是三年吗", "是不是六个月").
    /几年|多少年|(?<![这那前后近头最好])几个月|多少个月|挂多久|保留多久|保存多久|公示多久|多长时间|多久|how long|(?:是|是不是)[零〇一二两三四五六七八九十\d]+(?:个)?(?:年|个月)(?=吗|嘛|么|吧|呢|还是|[？?]|$)/i,
    // A span, not a year: 3年, 六个月 (2024年 dates a target).
    /(?<![\d年月])(?:[零〇一二两三四五六七八九十百]+|\d{1,3}(?:\.\d+)?)(?:个)?(?:年|日|天|个月|工作日)/,
  ],
  [
    "amount",
    // Money asked after what it is for (官费多少, 租金是多少, 要交多少税, 有多少奖励资金, 净利润要几千万).
    /多少钱|(?:要|得|需要)?花(?:费)?多少|(?:赔偿|补偿|赔偿金|补偿金|经济补偿)(?:标准)?(?:一般|大概|具体)?(?:怎么算|怎么计算|如何计算|是多少|多少)|罚多少|罚款多少|多少元|金额|额度|限额|封顶|最多罚|最高罚|最少罚|(?:补|贴|补贴|补助|奖励|奖|拿|给|领|贷|借|交|缴|垫|减|退|扣|付|担|报销|出|投)多少|多少[^，。？?]{0,3}费(?!率)|多少预算|预算(?:要)?多少|最多能拿|最高能拿|(?:费|金|钱|价格|价|税|款|息|工资|月薪|年薪|薪资|薪水|底薪|租|资本|营收|收入|营业额|销售额|利润|产值)(?:用|标准|门槛)?(?:最低|最高|是|要|大概|一般|大约|达到|能|可以|有|具体|过|超过|满|到|至少)*多少|赔多少|多少(?:税|奖励|奖金|补贴|补助|资金|费用|注册资本|资本|产值|利润|营收)|每(?:人|个人|家|户)(?:能|可以)?(?:拿|给|补|发|领)?多少(?![人家个次])|(?:工资|价格|收费|缴费|罚款)标准[^，。？?]{0,8}?多少|(?:要|需要|是|有|拿|补|给)几(?:千|百|十)?万|多少万|多少个?亿|(?:补|贴|给|拿|奖|返|赔)几(?:毛|块|分钱)|多少(?:以内|以下|之内|以上)(?:的|可以|能|才|就|免|不用)|什么价|啥价|多少价|(?<=费(?:用)?[^，。？?]{0,8})(?:怎么收|怎么算|如何收取?|如何计算|怎么计算)|how much\s*[?？]|how much (?:is|are|does|do|will|would|can|could|should|money|cost|fee|subsidy|subsidies|funding|we|they|it|per|for each|in total)\b|how much (?:[a-z]+ )?(?:money|cash|subsid(?:y|ies)|funding|grants?|support|compensation)\b|\b(?:cash|exact|prize|award|reward|subsidy|grant) amount\b|what(?:'s| is) the (?:\w+ ){0,2}(?:fee|price|cost|wage|salary|amount|reward|award|bonus|prize)s?\b(?! rate)/i,
    // A cap may be a multiple of a base (担保责任余额不得超过净资产的10倍).
    new RegExp(`${NUMBER}(?:元|万元|倍)`),
  ],
  [
    "days",
    /几天|多少天|几个工作日|多少日|how many (?:working |business )?days|(?:是|是不是)[零〇一二两三四五六七八九十百\d]+(?:个工作日|天|日)(?=吗|嘛|么|吧|呢|还是|[？?]|$)/i,
    new RegExp(`${NUMBER}(?:日|天|个工作日|工作日)`),
  ],
  // Where exactly, or how to reach it: a web address, a street address, a venue, a service line.
  [
    "contact",
    /网址|网站地址|官网地址|链接是|哪个位置|什么位置|具体位置|地址在哪|地址是|哪个场馆|哪个展馆|客服电话|手机号(?:码)?|电话(?:号码)?(?:和地址|和邮箱)?(?:到底|究竟)?(?:是|大概)?多少|电话号码|\b(?:phone|hotline|telephone) number\b|what(?:'s| is) the (?:website|web address|url|address)|which (?:venue|hall)/i,
    /https?:\/\/|www\.|\.gov\.cn|路\d+号|\d+号楼|\d{3,4}-?\d{7,8}/,
  ],
  // Which platform or system: its name answers it (“亲清在线·政策超市”), not only its address.
  [
    "platform",
    /(?:在)?(?:哪个|什么|哪一个)(?:平台|系统|网站)(?:上)?(?:看|查|办|申请|填|能看到)?/,
    /“[^”]{0,16}(?:平台|在线|超市|网|系统)[^”]{0,8}”|[\p{Script=Han}]{2,10}(?:平台|系统)(?!建设)/u,
  ],
  // A share asked outright, or as a choice between two ("是1%还是3%").
  [
    "share",
    /比例|占比|占股多少|占(?:多少|几成)股|(?:股份|股权|持股)(?:比例)?(?:是|要|能|占)?多少|百分之|费率|税率|税负|征收率|多少%|利率|几成|几个点|多少个点|税点[^，,。？?]{0,4}多少|百分之几|按多少(?:交|缴|征|收)|(?<=率[^，,。？?]{0,6})多少|[\d.]+%还是[\d.]+%|(?:还是|是不是)[\d.]+%(?:吗|伐|么|嘛|呢)?|what (?:percentage|proportion|share)|what(?:'s| is) the (?:\w+ ){0,3}rate\b|\bwhat (?:\w+ )?rates?\b|\b(?:duty|tax|interest|fee|tariff|exchange) rates?\b(?=[^.?]*\?)/i,
    SHARE,
  ],
];

/** The shape of the figure a question asks for, if it asks for one. */
export function askedFigure(text: string): RegExp | undefined {
  const asked = askedFigureOf(text);
  return asked?.final ? asked.shape : undefined;
}

/**
 * The kind and shape of the figure a question asks for, and whether the figure is what its clause finally
 * asks: in "罚多少到底有没有标准" a later question word makes it a yes/no question about a standard.
 */
export function askedFigureOf(text: string): { kind: FigureKind; shape: RegExp; final: boolean } | undefined {
  // Several asks ("没写哪天付，多少天之内要付"): the last one is the question.
  let last: { at: number; kind: FigureKind; shape: RegExp } | undefined;
  for (const [kind, asks, shape] of ASKED_FIGURES) {
    const at = lastIndexOf(text, asks);
    if (at >= 0 && (!last || at > last.at)) last = { at, kind, shape };
  }
  if (!last) return undefined;
  // 多久更新一次: how often, not how long.
  if (last.kind === "span" && /^[^，。？?]{0,6}一次/.test(text.slice(last.at + 2))) return undefined;
  // 十几年前, 几十万, 晚交了几天: a rough quantity the asker states, not a question.
  const before = text.slice(0, last.at);
  if (/[十数好]$/.test(before) || /^几十/.test(text.slice(last.at)) || (/了$/.test(before) && text[last.at] === "几"))
    return undefined;
  const rest = text
    .slice(last.at)
    .split(/[，,。；;？?！!]/)[0]
    .slice(2);
  return { kind: last.kind, shape: last.shape, final: !LATER_ASK.test(rest) };
}

const LATER_ASK =
  /有没有|是不是|能不能|是否|可不可以|怎么|怎样|如何|哪里|哪个|谁|什么后果|什么影响|什么处罚|有影响|影响吗/;

/** Where the pattern last matches inside a clause that asks (not 罚款金额有点大，能分期吗). */
function lastIndexOf(text: string, pattern: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))) {
    const index = m.index ?? 0;
    const clause = clauseAround(text, index);
    if (ASKS.test(clause) || clause.includes("还是")) at = index;
  }
  return at;
}

function clauseAround(text: string, index: number): string {
  const start = Math.max(...[...CLAUSE_MARKS].map((c) => text.lastIndexOf(c, index))) + 1;
  const ends = [...CLAUSE_MARKS].map((c) => text.indexOf(c, index)).filter((i) => i >= 0);
  return text.slice(start, ends.length ? Math.min(...ends) + 1 : text.length);
}
const CLAUSE_MARKS = "，,。；;？?！!";
