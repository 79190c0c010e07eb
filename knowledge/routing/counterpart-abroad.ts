// A counterpart named by its country ("土耳其客户", "a Turkish distributor") in a dispute or an unpaid debt
// makes it an international one: read as the lexicon reads 海外客户, whichever country it is. A dispute
// over intellectual property abroad has a clause of its own (涉外知识产权) and is left to it.
import { loadAnswerability } from "../data-files.js";
import { ASKS, CLAUSE_SPLIT, askingClauses } from "../text/asking.js";
import { type Expansion, expandQuery } from "../text/lexicon.js";

const ABROAD = "海外客户";
const COUNTERPART_ZH =
  "(?:的)?(?:一个|一家|有个|有家)?(?:客户|买家|买方|客商|经销商|分销商|代理商|进口商|供应商|合作方|公司|工厂)";
const COUNTERPART_EN =
  "(?:customers?|buyers?|clients?|distributors?|importers?|partners?|dealers?|suppliers?|compan(?:y|ies)|firms?)";

const LAW_ZH =
  "(?:法律|法规|条例|法案|指令|机制|税率|关税|税收|所得税|补贴政策|补贴|补助金|补助|资助|协定|注册资本|标准|认证|异议期|保护期|诉讼时效|VAT|政府采购)";
/** A foreign standard or certification is that place's own, but support for meeting it may be Hangzhou's (欧盟CE认证的费用能补吗). */
const REQUIREMENT = /(?:标准|认证|certifications?|standards?|requirements?)$/i;
const SUPPORT_ASKED = /补|奖励|资助|扶持|subsid|grant|reimburse/i;
const REQUIRED_OF_EXPORTS =
  /\b(?:requirements?|standards?|certifications?|rules|regulations)\b[^.?]{0,50}\b(?:to|into) (?:the )?(EU|US|USA|UK|Europe|America|Japan|Korea|Germany|France|Australia|Canada)\b/;
/** What the city itself offers, asked beside a foreign rule told as background ("美国关税一天一个样，市里有没有…"). */
const CITY_ASKED = /市里|区里|杭州|官方|政府|咱们这边/;

/** The foreign rule is told in a clause that does not ask, and the asking clause is about the city's own offer. */
function toldAsBackground(text: string, at: number): boolean {
  const clauses = text.split(CLAUSE_SPLIT);
  let end = 0;
  const told = clauses.find((c) => (end = text.indexOf(c, end) + c.length) > at) ?? "";
  return !ASKS.test(told) && askingClauses(text).some((c) => CITY_ASKED.test(c));
}

/** A law pointed back at once a place is named ("在越南设子公司，当地企业所得税…"). */
const POINTED_BACK = new RegExp(`(?:当地|那边)的?[^，,。？?]{0,6}${LAW_ZH}`);
const LAW_EN =
  "(?:laws?|acts?|regulations?|statutes?|tax(?:es)?|tariffs?|dut(?:y|ies)|subsid(?:y|ies)|rules?|mechanisms?|reporting|certifications?|standards?|requirements?)";

interface AbroadPatterns {
  source: unknown;
  counterpartZh: RegExp;
  counterpartEn: RegExp;
  lawZh: RegExp;
  lawEn: RegExp;
  lawEnShort: RegExp;
  supportEn: RegExp;
  placeNamed: RegExp;
}
let patterns: AbroadPatterns | undefined;

/** The patterns built from the foreign places, per version of the settings (an admin's edit gives a new one). */
function abroadPatterns(): AbroadPatterns {
  const settings = loadAnswerability();
  if (patterns?.source !== settings) {
    const zh = settings.foreignPlaces.filter((p) => /\p{Script=Han}/u.test(p)).join("|");
    const en = settings.foreignPlaces.filter((p) => !/\p{Script=Han}/u.test(p));
    const enLong = en.filter((p) => p.length > 3).join("|");
    // Short names only as written in capitals (EU, UK): "us" is also a pronoun.
    const enShort = en
      .filter((p) => p.length <= 3)
      .map((p) => p.toUpperCase())
      .join("|");
    patterns = {
      source: settings,
      counterpartZh: new RegExp(`(?:${zh})${COUNTERPART_ZH}`),
      counterpartEn: new RegExp(`\\b(?:${en.join("|")})\\s+${COUNTERPART_EN}\\b`, "i"),
      // …or what counts as infringing there ("在欧洲到底怎样才算侵权").
      lawZh: new RegExp(
        `(${zh})(?:的|那边的?|当地的?)?(?:有没有|有什么|是否有)?(?:类似|一样|同样)?的?[^，,。？?]{0,12}?${LAW_ZH}|在(${zh})[^，,。？?]{0,8}(?:才算|算不算|算)侵权` +
          // …a procedure under its courts or its trade remedies ("在美国怎么申报债权", "美国对我们发起反倾销调查").
          `|在(${zh})(?:要|该|应该)?(?:怎么|如何)(?:申报债权|起诉|打官司|应诉|申请破产|注册商标)|在(${zh})(?:注册|设立|开)(?:个|一个|家|一家)?(?:子)?公司[^。？?]{0,12}(?:流程|怎么|如何|要什么|手续)|(${zh})[^，,。？?]{0,10}(?:反倾销|反补贴|双反)|(${zh})[^，,。？?]{0,20}加征?(?:了)?关税|(${zh})[^。？?]{0,16}关税[^，。？?]{0,4}(?:加|涨|提高)(?:到|了)` +
          // …or its authorities acting on the asker ("美国海关扣了我们的货", "海外仓被当地警察查").
          `|(${zh})(?:的)?(?:海关|法院|警察|警方|税务局|税局|移民局|政府|监管部门)[^。？?]{0,8}(?:扣|查|罚|封|起诉|判|冻结|没收)|(海外|国外|境外)[^。？?]{0,10}当地(?:的)?(?:海关|法院|警察|警方|税务局|政府)[^。？?]{0,6}(?:扣|查|罚|封|起诉|冻结|没收)`,
      ),
      lawEn: lawOf(enLong, "i", ""),
      placeNamed: new RegExp(`(?:${zh})`),
      // …or what its government gives ("Does Singapore give grants to…", "Singapore's Market Readiness Assistance grant").
      supportEn: new RegExp(
        `\\b(?:does|do|will|would|can|could) (?:the )?(${enLong})(?: government)? (?:give|offer|provide|have|pay|fund)\\b[^.?]{0,30}\\b(?:grants?|subsid|incentives?|funding|tax breaks?)|\\b(${enLong})'s (?:[A-Za-z-]+ ){0,4}grants?\\b|\\bwhat (?:grants|subsidies|incentives|support) (?:does|do|will|would) (?:the )?(${enLong})\\b`,
        "i",
      ),
      // (Short names only in capitals, so the law's word may be capitalised too: "US Inflation Reduction Act".)
      lawEnShort: lawOf(
        enShort,
        "",
        "(?:the )?",
        LAW_EN.replace(/(?<=\(\?:|\|)([a-z])/g, (c) => `[${c}${c.toUpperCase()}]`),
      ),
    };
  }
  return patterns;
}

/** A law, tax or subsidy of one of these places, in English: "the equivalent law in Malaysia", "the EU's tax". */
function lawOf(places: string, flags: string, article: string, law = LAW_EN): RegExp {
  return new RegExp(
    `\\b${law}\\b[^.?]{0,30}\\b(?:in|of) ${article}(${places})\\b|\\b(${places})(?:'s)? (?:[A-Za-z-]+ ){0,2}${law}\\b` +
      // …or how its government deals with a matter ("How does the UK handle late payments").
      `|\\b(?:does|do) ${article}(${places})(?: government)? (?:handle|regulate|treat|deal with|require|protect)\\b`,
    flags,
  );
}

/** The expansion with a counterpart abroad read into it, when the question names one by its country. */
export function withCounterpartAbroad(text: string, expansion: Expansion): Expansion {
  const { counterpartZh, counterpartEn } = abroadPatterns();
  const typed = (counterpartZh.exec(text) ?? counterpartEn.exec(text))?.[0];
  const dispute = expansion.terms.some((t) => t === "调解" || t === "支付") && !expansion.terms.includes("知识产权");
  if (!typed || !dispute) return expansion;
  const read = expandQuery(ABROAD);
  const fresh = read.groups.flatMap((g, i) => (expansion.groups.some((e) => e.join() === g.join()) ? [] : [i]));
  if (!fresh.length) return expansion;
  return {
    terms: [...new Set([...expansion.terms, ...fresh.flatMap((i) => read.groups[i])])],
    matched: [...expansion.matched, typed],
    groups: [...expansion.groups, ...fresh.map((i) => read.groups[i])],
    groupHits: [...expansion.groupHits, ...fresh.map((i) => read.groupHits[i])],
    said: [...expansion.said, ...fresh.map(() => [typed])],
    aspects: [...expansion.aspects, ...fresh.map((i) => read.aspects[i])],
  };
}

/**
 * Another country's own law, tax or subsidy asked about ("新加坡有没有类似的法律", "the equivalent law in
 * Singapore"): the documents are China's and Hangzhou's. Its policy news is another matter (国别政策动态).
 */
export function foreignLawAsked(text: string): string | undefined {
  const { lawZh, lawEn, lawEnShort, supportEn, placeNamed } = abroadPatterns();
  for (const pattern of [lawZh, lawEn, lawEnShort, supportEn]) {
    const m = pattern.exec(text);
    if (m && !(REQUIREMENT.test(m[0]) && SUPPORT_ASKED.test(text)) && !toldAsBackground(text, m.index))
      return m.slice(1).find(Boolean);
  }
  // …or what it requires of goods exported to it ("CE marking requirements for exporting switchgear to the EU").
  const exportedTo = REQUIRED_OF_EXPORTS.exec(text);
  if (exportedTo && !SUPPORT_ASKED.test(text)) return exportedTo[1];
  // …or its law pointed back at in an asking clause, once the place is named.
  return askingClauses(text).some((c) => POINTED_BACK.test(c)) ? placeNamed.exec(text)?.[0] : undefined;
}
