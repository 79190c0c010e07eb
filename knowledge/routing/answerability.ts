// A positive decision on whether the chosen evidence answers the question: the question's salient
// words (weighted by how rare they are in general Chinese) are either explained by the evidence —
// the chosen clause, its project, the law articles that came with it, the lexicon's mappings into
// them — or not. When what nothing explains dominates the question, it is declined; when a clear part
// is covered, that part is answered and the rest named as not covered. No per-topic lists.
import { type AnswerabilitySettings, findUnit, loadAnswerability } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import { backgroundIdf, isFunctionWord, isPlaceName } from "../text/background.js";
import { ASKS, CLAUSE_SPLIT, CONTEXT_CLAUSE, askingClauses, englishSentences, quotedNames } from "../text/asking.js";
import { askedFigureOf } from "../text/asked-figure.js";
import { overlaps } from "../text/overlaps.js";
import { dictionaryWords, stopwordSet } from "../text/segment.js";
import { syllables } from "../text/sound.js";
import { withRuns } from "../text/single-character-runs.js";
import { isEnrolment, unaddressedDetermination, unnamedStatus } from "./determination.js";
import { caseAsked } from "./case-asked.js";
import { foreignLawAsked } from "./counterpart-abroad.js";
import { localOwnProgramme, otherDistrict, provincialSupportAsked } from "./district.js";
import { nationalSchemeAsked } from "./national-scheme.js";
import { outcomeAsked } from "./outcome-asked.js";
import { unindexedLaw } from "./unindexed-law.js";
import { unnamedTax } from "./unnamed-tax.js";
import { unnamedDesignation } from "./unnamed-designation.js";
import { marketAdviceAsked } from "./market-advice.js";
import { writingServiceAsked } from "./writing-service.js";
import { accountingAsked } from "./accounting-asked.js";
import { exchangeRulesAsked } from "./exchange-rules.js";
import { platformRulesAsked } from "./platform-rules.js";
import { unnamedProcedure } from "./unnamed-procedure.js";
import { unstatedRemedyPeriod } from "./remedy-period.js";
import { unknownAcronym } from "./unknown-acronym.js";
import { unsupportedObject } from "./unsupported-object.js";
import { systemOperationAsked } from "./system-operation.js";
import { yearsNamed } from "./years.js";
import { type PreparedQuestion, prepareQuestion } from "./prepare-question.js";
import type { Routing } from "./router.js";

export interface SalientWord {
  word: string;
  weight: number;
  explained: boolean;
  /** In the clause that asks (has the question word), not in the context around it. */
  asked?: boolean;
}

export interface Answerability {
  words: SalientWord[];
  /** Share of the salient weight the evidence explains (1 when the question has no salient word). */
  explainedShare: number;
  /** Weight of what nothing explains. */
  unexplainedWeight: number;
  /** Salient words nothing explains, heaviest first. */
  unexplained: string[];
  verdict: "answer" | "partial" | "decline";
  /** Why it is declined. */
  reason?: string;
  /** For a partial answer: what the documents do not cover. */
  notCovered?: string[];
  /**
   * Declined because nothing the lexicon read into the question is in the evidence and little else is:
   * a law article that addresses the ask (shown with the answer) still lets it stand.
   */
  unread?: boolean;
  /** Declined because what nothing explains dominates the question: an article stating the figure asked still answers it. */
  unexplainedDominates?: boolean;
  /** Declined because the question names a procedure the evidence never mentions (as the asker named it). */
  procedure?: string;
  /** Declined for what the question names outside these documents (another place, a law not indexed …). */
  outside?: boolean;
}

/** Background IDF below this carries no topic (企业 4.2, 怎么 4.4, 政策 4.5). */
const COMMON_IDF = 5.5;
/** A word the background table does not know: rare, but often a typo or a dialect form, so not the rarest. */
const UNKNOWN_IDF = 9;
const MAX_WEIGHT = 7;
/** Another city or region named in the question is a strong sign the ask lies elsewhere. */
const PLACE_WEIGHT = 6;
const ENGLISH_WEIGHT = 0;
const YEAR_WEIGHT = 4;
/** Words of a self-description ("我们是做服装的小厂") describe the asker, not the ask. */
const CONTEXT_FACTOR = 0.3;
/** Phrases of one lexicon entry said in the question that make it a reading of the clause, not a shared word. */
const SAID_TWICE = 2;
/** Below this explained share an answer says what it does not cover (above it, the rest is context). */
const PARTIAL_SHARE = 0.5;

/**
 * A project answer is explained by its clause, its project and the lexicon, not by the law articles
 * retrieval found alongside: their words "explain" questions the documents do not answer (measured on
 * the earlier sets: with the top 5 passages 15 of 49 out-of-scope questions were caught, with none 25).
 * An answer from the laws themselves (no project) is explained by its top passages.
 */
const EVIDENCE_DEPTH = 3;
/** Going abroad is what several projects are about: a foreign place is explained by it. */
const ABROAD = /境外|海外|涉外|国外|国际|出境|国别/;

const YEAR = /^(19|20)\d\d$/;
const QUANTITY = /^[零〇一二两三四五六七八九十百千万亿几多半每第整]/;

function weightOf(word: string, local: Set<string>): number {
  if (/^[a-z][a-z.+-]*$/.test(word)) return word.length >= 3 ? ENGLISH_WEIGHT : 0;
  if (YEAR.test(word)) return YEAR_WEIGHT;
  if (/^[\d.%]+$/.test(word)) return 0;
  if ([...word].length < 2 || QUANTITY.test(word) || isFunctionWord(word)) return 0;
  if (local.has(word)) return 0;
  const idf = backgroundIdf(word) ?? UNKNOWN_IDF;
  const w = Math.min(MAX_WEIGHT, Math.max(0, idf - COMMON_IDF));
  return isPlaceName(word) ? Math.max(w, PLACE_WEIGHT) : w;
}

/** Loads the background tables and converters now (a service does this at start, not per question). */
export function prepareAnswerability(): void {
  salientWords(prepareQuestion("預熱：杭州企业融资担保"));
}

interface WeightedWord {
  word: string;
  weight: number;
  asked: boolean;
  /** Joined from single characters the dictionary could not group (年|费 → 年费): maybe one word, maybe two. */
  run: boolean;
}

const HAN = /^\p{Script=Han}+$/u;

/** A word led by the local place (杭州市政府): what follows names the thing, the place asks nothing. */
function withoutLocalPlace(word: string, local: Set<string>): string {
  for (const place of local) {
    const rest = word.slice(place.length);
    if (word.startsWith(place) && [...rest].length >= 2) return rest;
  }
  return word;
}

/** The question's salient words with their weights (self-descriptions count less). */
export function salientWords(q: PreparedQuestion): WeightedWord[] {
  const stop = stopwordSet();
  const { localPlaces, notAsked } = loadAnswerability();
  const local = new Set(localPlaces);
  const ignore = new Set(notAsked);
  const out = new Map<string, WeightedWord>();
  const clauses = q.text.split(CLAUSE_SPLIT).filter(Boolean);
  const askingClauses = new Set(clauses.filter((c) => ASKS.test(c)));
  for (const clause of clauses) {
    const factor = CONTEXT_CLAUSE.test(clause) ? CONTEXT_FACTOR : 1;
    const asked = askingClauses.has(clause) || askingClauses.size === 0;
    const cut = dictionaryWords(clause);
    for (const word of withRuns(cut, stop)) {
      // A question word the dictionary joined with what it asks about (哪些方面, 哪几家) asks, not names.
      if (stop.has(word) || ignore.has(word) || (HAN.test(word) && ASKS.test(word))) continue;
      const named = withoutLocalPlace(word, local);
      const w = weightOf(named, local) * factor;
      const seen = out.get(named);
      const run = !cut.includes(word) || !!seen?.run;
      if (w > 0 && (!seen || w > seen.weight))
        out.set(named, { word: named, weight: w, asked: asked || !!seen?.asked, run });
      else if (seen) seen.run = run;
    }
  }
  return [...out.values()];
}

const LEAD_UNITS = /[［[（(]牵头单位[^）)\]］]*[）)\]］]/g;

/** The texts that count as the answer's evidence; without `units`, what it says of its matter alone. */
export function evidenceTexts(index: KnowledgeIndex, routing: Routing, depth = EVIDENCE_DEPTH, units = true): string[] {
  const texts: string[] = [];
  // Without its units, a project's text still names them after 牵头单位.
  if (routing.project)
    texts.push(routing.project.name, units ? routing.project.text : routing.project.text.replace(LEAD_UNITS, ""));
  // The notice a project belongs to: naming it ("2024年为企办实事里…") asks nothing beyond it.
  if (routing.catalog) texts.push(routing.catalog.title, routing.catalog.year ? `${routing.catalog.year}年` : "");
  // The units answering it, as people name them (城管, 派出所, 税务局).
  for (const name of units ? [...routing.leadUnits, ...(routing.project?.leadUnits ?? [])] : []) {
    const unit = findUnit(name);
    texts.push(name, ...(unit ? [unit.fullName, ...unit.aliases] : []));
  }
  if (routing.clause) texts.push(routing.clause.text);
  if (routing.kind === "notice" && index.catalog) {
    texts.push(index.catalog.title, index.catalog.issuer ?? "", ...index.catalog.sections.map((s) => s.text));
  }
  const top = routing.kind === "project" ? [] : routing.evidence.filter((r) => (r.bm25Score ?? 0) > 0).slice(0, depth);
  for (const r of top) texts.push(r.passage.text, r.passage.docTitle);
  return texts;
}

export function assessAnswerability(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routing: Routing,
  alsoExplaining: string[] = [],
): Answerability {
  const settings = loadAnswerability();
  const evidence = [...evidenceTexts(index, routing), ...alsoExplaining].join("\n").toLowerCase();
  // A lexicon entry that fired explains what the user said when its corpus words are in the evidence.
  const inEvidence = q.expansion.groups.map((terms) => terms.some((t) => evidence.includes(t.toLowerCase())));
  const readGroups = q.expansion.groups.filter((_, g) => inEvidence[g]);
  const explainedPhrases = q.expansion.groups.flatMap((_, g) => (inEvidence[g] ? (q.expansion.said[g] ?? []) : []));
  const ownKind = askerOwnKind(q.text);
  const words = salientWords(q)
    .map(({ word, weight, asked, run }) => {
      const foreignPlace = isPlaceName(word) && !settings.domesticPlaces.includes(word) && ABROAD.test(evidence);
      const explained =
        foreignPlace ||
        evidence.includes(word) ||
        evidence.includes(withoutComplement(word)) ||
        splitInEvidence(word, evidence) ||
        explainedPhrases.some((p) => p.includes(word) || word.includes(p) || overlaps(q.text, word, p));
      return { word, weight, explained, asked, run };
    })
    // Two single characters in a row may be two words (创新券|领): such a pair explains, but never counts against;
    // nor does the kind of firm asking.
    .filter(
      (w) =>
        w.explained ||
        ((!w.run || [...w.word].length > 2) &&
          !settings.askerKinds.includes(w.word) &&
          !ownKind.some((k) => k.includes(w.word))),
    );
  words.push(...quotedNamesSaid(q, evidence, words));
  const total = words.reduce((a, w) => a + w.weight, 0);
  const unexplainedWords = words.filter((w) => !w.explained).sort((a, b) => b.weight - a.weight);
  const unexplainedWeight = unexplainedWords.reduce((a, w) => a + w.weight, 0);
  const explainedShare = total > 0 ? 1 - unexplainedWeight / total : 1;
  const result = {
    words,
    explainedShare: round(explainedShare),
    unexplainedWeight: round(unexplainedWeight),
    unexplained: unexplainedWords.map((w) => w.word),
  };

  const decline = (reason: string, more: Partial<Answerability> = {}): Answerability => ({
    ...result,
    verdict: "decline",
    reason,
    ...more,
  });
  const outside = outsideTheDocuments(index, q, routing, evidence, settings);
  if (outside) return decline(outside, { outside: true });
  // What a procedure is for is named by what the evidence says, not by the unit's name (税务|登记 ≠ 税务局).
  // (Only needed when the question names a procedure: built then.)
  let content: string | undefined;
  const matter = () => (content ??= evidenceTexts(index, routing, EVIDENCE_DEPTH, false).join("\n").toLowerCase());
  const procedure = unaddressedDetermination(q, evidence, explainedPhrases, matter);
  if (procedure)
    return decline(`通知及相关政策没有涉及“${procedure}”的办理`, {
      unexplained: [procedure, ...result.unexplained.filter((w) => !procedure.includes(w))],
      ...(isEnrolment(procedure) ? {} : { procedure }),
    });
  const status = unnamedStatus(index, q);
  if (status)
    return decline(`通知及相关政策没有涉及“${status}”的认定`, {
      unexplained: [status, ...result.unexplained.filter((w) => w !== status)],
    });
  const operation = systemOperationAsked(q.text, evidence);
  if (operation)
    return decline(`通知及相关政策没有涉及“${operation}”这类系统操作（请向该平台的客服咨询）`, {
      unexplained: [operation, ...result.unexplained],
    });
  const thing = unnamedProcedure(index, q);
  if (thing)
    return decline(`通知及相关政策没有涉及“${thing}”的办理`, {
      unexplained: [thing, ...result.unexplained.filter((w) => w !== thing)],
    });
  // Support asked for something no document names (汇兑损失补助), or an acronym nothing knows (LPR).
  const unknown = unsupportedObject(q, evidence, explainedPhrases) ?? unknownAcronym(index, q, evidence);
  if (unknown) return decline(`通知及相关政策没有涉及“${unknown}”`, { unexplained: [unknown, ...result.unexplained] });
  // A measure answers for its own narrow subject: most of the ask unexplained is not a part-answer.
  const narrow =
    routing.kind === "document" && explainedShare < PARTIAL_SHARE && unexplainedWeight >= settings.minUnexplained / 2;
  const notInvolved = () => `通知及相关政策没有涉及“${result.unexplained.slice(0, 3).join("、")}”`;
  // A programme's quoted name the asker typed and the evidence says (“千名顾问助万企”是个啥) names the clause itself;
  // so do two ways of saying what one lexicon entry reads into it (三拨检查…能不能一起来查一次 → 综合查一次).
  const namesTheClause =
    quotedNames(q.text).some((n) => evidence.includes(n.toLowerCase())) ||
    q.expansion.said.some((said, g) => inEvidence[g] && new Set(said).size >= SAID_TWICE);
  if (
    !namesTheClause &&
    (narrow || (unexplainedWeight >= settings.minUnexplained && 1 - explainedShare > settings.declineShare))
  )
    return decline(notInvolved(), { unexplainedDominates: !narrow });
  // Nothing the lexicon read is in the evidence, and it explains little of what was typed: the clause
  // shares a word or two with a question about something else (增值税起征点 → 数电发票's 纳税人).
  if (
    !readGroups.length &&
    explainedShare < settings.unreadExplainedShare &&
    unexplainedWeight >= settings.unreadMinUnexplained
  )
    return decline(notInvolved(), { unread: true });
  // Named as not covered: heavy words no document of the corpus has at all.
  // (what the lexicon read into the corpus's words is covered somewhere: 加罚 → 加处罚款).
  const read = q.expansion.said.flat();
  const notCovered = unexplainedWords
    .filter((w) => w.weight >= settings.partialWeight && !index.bm25.has(w.word))
    .filter((w) => !read.some((p) => p.includes(w.word) || w.word.includes(p)))
    .map((w) => w.word);
  return notCovered.length && explainedShare < PARTIAL_SHARE
    ? { ...result, verdict: "partial", notCovered }
    : { ...result, verdict: "answer" };
}

/**
 * Why the question is about something outside these documents altogether, whatever the evidence explains:
 * another place's measure, programme, support or law, a national scheme, a law not indexed, another year,
 * how far targets were met, or one case's state.
 */
function outsideTheDocuments(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routing: Routing,
  evidence: string,
  settings: AnswerabilitySettings,
): string | undefined {
  const routedDoc =
    routing.kind === "document" && routing.document ? index.documents.get(routing.document.id) : undefined;
  const district = routedDoc && otherDistrict(routedDoc, q.text, settings.localPlaces);
  if (routedDoc && district) return `您问的是${district.asked}，而《${routedDoc.title}》只适用于${district.own}`;
  if ((routing.kind === "project" || routing.kind === "notice") && outcomeAsked(q.text))
    return "通知只定了目标，没有公布实际完成情况";
  const oneCase = caseAsked(q.text);
  if (oneCase === "case") return "具体个案的办理进度、评审结果或裁决走向，文件里查不到，要由经办单位查询";
  if (oneCase === "contact") return "具体科室或经办人员的联系方式文件里没有，请通过牵头单位的公开渠道联系";
  if (oneCase === "office") return "办公时间和办公地点文件里没有写，请以该单位官网或政务服务网公布的为准";
  const ownProgramme = localOwnProgramme(q.text, settings.localPlaces, evidence);
  if (ownProgramme) return `您问的是${ownProgramme}自己的政策，而这份通知是杭州市的`;
  const province = provincialSupportAsked(q.text, evidence, routing.kind === "document");
  if (province) return `您问的是${province}的政策，而这份通知是杭州市的`;
  const abroad = foreignLawAsked(q.text);
  if (abroad) return `您问的是${abroad}的法律或政策，而这些文件只涉及中国和杭州市`;
  const scheme = nationalSchemeAsked(index, q.text);
  if (scheme) return `“${scheme}”是国家层面的项目，不在这些文件里`;
  const law = unindexedLaw(index, q.text);
  if (law) return `现有文件中没有《${law}》`;
  const remedy = unstatedRemedyPeriod(index, q.text);
  if (remedy) return `${remedy}的期限由相应法律规定，现有文件没有写明`;
  const elsewhere = otherPlace(q.text, evidence, settings);
  if (elsewhere) return `您问的是${elsewhere}的政策，而这份通知只涉及杭州市`;
  if (marketAdviceAsked(q.text)) return "哪家更便宜、哪条路更有利、怎么谈判这类建议，文件里没有";
  if (platformRulesAsked(q.text))
    return "商业平台（电商、直播、外卖或企业信息查询网站）自己的规则和处理，文件里没有，请以平台公布的为准";
  if (exchangeRulesAsked(q.text))
    return "上市的条件和标准由证券交易所的规则规定，不在这些文件里（通知只涉及上市辅导培训）";
  if (writingServiceAsked(q.text)) return "起草、润色、翻译或审阅文书不是我能提供的服务，文件里只有政策规定";
  if (accountingAsked(q.text, evidence))
    return "会计上怎么处理、入什么科目由会计准则规定，这些文件里没有（请咨询会计师或主管税务机关）";
  const designation = unnamedDesignation(index, q.text);
  if (designation) return `通知及相关政策没有涉及“${designation}”的申报或认定`;
  const tax = unnamedTax(index, q.text);
  if (tax) return `现有文件没有涉及${tax}的规定（请向税务机关咨询）`;
  const edition = otherEdition(index, q.text, evidence);
  if (edition) return `您问的是${edition}年的实事项目，而现有通知是${index.catalog?.date?.slice(0, 4)}年的`;
  const targetYear = otherYearsFigure(q, routing, evidence);
  if (targetYear) return `您问的是${targetYear}年的数字，而现有通知定的是${routing.catalog?.year}年的目标`;
  const noticeYear = otherNoticeYear(index, q.text, routing);
  return noticeYear ? `${noticeYear}年的通知中没有与此对应的项目` : undefined;
}

/** A verb's direction or aspect said after it (上门来, 办下来了) adds nothing to what it names. */
const COMPLEMENT = /(?:下来|起来|出来|过来|回来|来|去|了|过|着)$/;
const withoutComplement = (word: string) => {
  const stem = word.replace(COMPLEMENT, "");
  return [...stem].length >= 2 ? stem : word;
};

/**
 * A four-character compound the evidence writes with a word inside it (实施细则 in 实施操作细则, 融资担保 in
 * 融资性担保): its halves one or two characters apart.
 */
const splitInEvidence = (word: string, evidence: string): boolean => {
  const chars = [...word];
  if (chars.length !== 4 || !HAN.test(word)) return false;
  const head = chars.slice(0, 2).join("");
  const tail = chars.slice(2).join("");
  for (let i = evidence.indexOf(head); i >= 0; i = evidence.indexOf(head, i + 1)) {
    const after = evidence.slice(i + 2, i + 6);
    const at = after.indexOf(tail);
    if (at === 1 || at === 2) return true;
  }
  return false;
};

/** The asker's own kind of firm, as it calls itself ("我们小茶叶店", "我们是做包装的工厂"): who asks, not what. */
const OWN_KIND =
  /(?:我们|咱们|我司|我家)(?:是|这种|这样的|这家|家)?(?:一家|一个|个|家)?(?:小|做)?([\p{Script=Han}]{1,6}?(?:店|厂|作坊|工作室|门店|商户|餐馆|饭店|档口|铺子))/gu;
const askerOwnKind = (text: string) => [...text.matchAll(OWN_KIND)].map((m) => m[1]);

/** The weight of a programme's own name, said as the evidence quotes it: a rare word's. */
const QUOTED_NAME_WEIGHT = 6;

/**
 * A programme's quoted name in the evidence (“双百双千”) that the asker said as written: it names what the
 * evidence is about, though the dictionary cuts it into pieces the word weights miss.
 */
function quotedNamesSaid(q: PreparedQuestion, evidence: string, words: { word: string }[]) {
  const text = q.text.toLowerCase();
  const covered = (name: string) => words.some((w) => name.includes(w.word) || w.word.includes(name));
  const names = new Set(quotedNames(evidence).filter((n) => text.includes(n)));
  return [...names]
    .filter((n) => !covered(n))
    .map((word) => ({ word, weight: QUOTED_NAME_WEIGHT, explained: true, asked: true, run: false }));
}

/** A place in China outside Hangzhou that the question is about (and the evidence does not mention). */
function otherPlace(asked: string, evidence: string, settings: AnswerabilitySettings): string | undefined {
  const { domesticPlaces: domestic, localPlaces: local } = settings;
  const text = withChinesePlaceNames(asked, settings);
  // (As a word of its own or the start of one: 大连 is not in 大|连锁超市.)
  let words: string[] | undefined;
  const saidAsPlace = (p: string) => (words ??= dictionaryWords(text)).some((w) => w.startsWith(p));
  const other = domestic.filter((p) => text.includes(p) && !evidence.includes(p) && saidAsPlace(p));
  if (!other.length) return comparedWithHangzhou(text, local) ?? countyThere(text, local);
  const clauses = text.split(CLAUSE_SPLIT);
  const asking = clauses.filter((c) => ASKS.test(c));
  // A clause that asks and opens with the other place is about it ("宁波有没有跟杭州一样的政策").
  const subject = other.find((p) => asking.some((c) => c.startsWith(p) && !ACTOR.test(c.slice(p.length))));
  if (subject) return subject;
  // In English: "Does Wuxi have…", "What subsidies does Nanjing give…".
  const englishSubject = other.find((p) =>
    new RegExp(`\\b(?:does|do|did|is|are|can|will|would) (?:the )?${p}`, "i").test(text),
  );
  if (englishSubject) return englishSubject;
  // …or set beside Hangzhou ("Is the fee in Wuxi capped the way it is in Hangzhou?").
  const englishCompared =
    ENGLISH_COMPARED_WITH_HANGZHOU.test(text) && other.find((p) => new RegExp(`\\bin ${p}`).test(text));
  if (englishCompared) return englishCompared;
  // A question that opens with the other place is about it ("苏州的工业用地是不是比杭州便宜"); one that
  // also names Hangzhou otherwise asks about Hangzhou ("深圳的企业搬来杭州", "去北京参展，杭州有补贴吗").
  // A place that only says where someone is from ("深圳的客户拖了货款") does not make it another city's question.
  const opening = other.find((p) => {
    const at = text.indexOf(p);
    return OPENING.test(text.slice(0, at)) && !ACTOR.test(text.slice(at + p.length));
  });
  if (opening) return opening;
  // An asking clause pointing back at the place named before it asks about that place, even beside
  // Hangzhou ("搬去深圳前海，那边有啥补贴？跟杭州比哪个好").
  const back = text.search(ASKED_THERE);
  const before =
    back > 0 && thereIsAPlace(text.slice(0, back), other) ? other.filter((p) => text.lastIndexOf(p, back) >= 0) : [];
  if (before.length) return before.sort((a, b) => text.lastIndexOf(b, back) - text.lastIndexOf(a, back))[0];
  if (local.some((p) => text.includes(p))) return undefined;
  const saidIn = (p: string, pattern: RegExp) => clauses.some((c) => c.includes(p) && pattern.test(c));
  // Nor is it where the asker happens to be ("我人在义乌进货"), or a place met only in the asker's story
  // ("以前在成都…", "刚从合肥搬过来") when no asking clause names it or points back at it ("那边的费率").
  const pointsBack = asking.some((c) => {
    const m = POINTS_BACK.exec(c);
    return !!m && thereIsAPlace(c.slice(0, m.index), other);
  });
  const inStory = (p: string) => saidIn(p, STORY) && !pointsBack && !asking.some((c) => c.includes(p));
  // Nor where a counterpart is ("被义乌一家厂仿了", "苏州的客户拖了货款") when no asking clause points back at it.
  const actorThere = (p: string) => {
    const at = text.indexOf(p);
    const after = text.slice(at + p.length);
    return (
      !pointsBack &&
      ((COUNTERPART_BEFORE.test(text.slice(Math.max(0, at - 2), at)) && ACTOR.test(after)) || COUNTERPART.test(after))
    );
  };
  return other.find((p) => !saidIn(p, WHERE_I_AM) && !inStory(p) && !actorThere(p));
}
/** 那边 points back at a place when it opens its clause or follows the place, not after what else it means (法院那边). */
const thereIsAPlace = (before: string, places: string[]) =>
  !/\p{Script=Han}$/u.test(before) || places.some((p) => before.endsWith(p));
const ENGLISH_COMPARED_WITH_HANGZHOU =
  /\b(?:like|as|the (?:same )?way (?:it is|they are|it's)|compared (?:to|with)|than|similar to)\b[^.?]{0,12}杭州/i;
/** Set beside Hangzhou ("柯桥那边…比杭州高吗"), a place the lists do not know is still another place asked about. */
const COMPARED_WITH_HANGZHOU = /比杭州|(?:跟|和|与|同)杭州(?:比|相比|一样|差不多)/;
const PLACE_THERE = /(?:^|[，,。？?！!\s])([\p{Script=Han}]{2,4}?)(?:那边|那里|当地)/u;
function comparedWithHangzhou(text: string, local: string[]): string | undefined {
  if (!COMPARED_WITH_HANGZHOU.test(text)) return undefined;
  const place = PLACE_THERE.exec(text)?.[1];
  return place && !local.some((p) => place.includes(p)) && !/我|他们|你们|客户|公司|厂/.test(place) ? place : undefined;
}
/** A county the lists do not know, pointed at as where the asked policy is ("安吉县那边对家具有啥补贴"). */
const COUNTY_THERE =
  /([\p{Script=Han}]{2,3}县)(?:那边|那里|当地)[^。？?]{0,16}(?:有没有|有啥|有什么|有哪些|补贴|政策|扶持)/u;
function countyThere(text: string, local: string[]): string | undefined {
  const place = COUNTY_THERE.exec(text)?.[1];
  return place && !local.some((p) => place.startsWith(p)) && !/我|他|你|们|本/.test(place) ? place : undefined;
}
/** The asker's past or elsewhere: where it was before, came from, or was at the time. */
const STORY = /以前|之前|原来|过去|刚从|搬过来|搬来|搬到|的时候|那时|老家/;
const THERE = "那边|那里|那儿|当地|该地";
const POINTS_BACK = new RegExp(`${THERE}|\\bthere\\b`, "i");
const ASKED_THERE = new RegExp(`(?:${THERE})[^，。？?]{0,12}(?:有没有|有啥|有什么|有哪些|怎么样|多少|补贴|政策)`);
const WHERE_I_AM =
  /(?:我|我们|老板|人)(?:人)?(?:在|正在|还在)[^，。？?]{0,4}(?:出差|进货|开会|参展|办事|旅游|跑业务|谈业务|谈生意)|(?:人|我)在外地|(?:我|老板)人在/;

/** Places named in English ("Does Suzhou have…") read as the Chinese names the lists hold. */
function withChinesePlaceNames(text: string, settings: AnswerabilitySettings): string {
  if (!/[a-z]{4}/i.test(text)) return text;
  const names = englishPlaces(settings);
  return text.replace(/\b[a-z]{4,}\b/gi, (w) => names.get(w.toLowerCase()) ?? w);
}
/** Pinyin of the place lists, per version of the settings (an admin's edit gives a new one). */
const englishPlaceNames = new WeakMap<AnswerabilitySettings, Map<string, string>>();
function englishPlaces(settings: AnswerabilitySettings): Map<string, string> {
  let names = englishPlaceNames.get(settings);
  if (!names) {
    const places = [...settings.domesticPlaces, ...settings.localPlaces];
    names = new Map(places.map((p) => [syllables(p.replace(/[市省区]$/, "")).join(""), p]));
    englishPlaceNames.set(settings, names);
  }
  return names;
}

// (A go-between's "会员问：" opens it too.)
const OPENING = /^(?:[\p{Script=Han}]{0,4}问[：:]\s*)?(?:请问|你好|您好|问一下|想问一下|想问下)?[，,\s]*$/u;
/** Someone the asker deals with, named by where they are. */
const COUNTERPART =
  /^(?:那边|当地)?的?(?:一家|一个|有家)?(?:客户|供应商|买家|卖家|合作方|经销商|采购商|甲方|总包|母公司|总公司|总部|集团|原厂|厂家|厂商|品牌方)|^(?:-based)?\s+(?:hq|headquarters|head office|parent|client|customer|supplier|buyer|partner|distributor)\b/i;
const COUNTERPART_BEFORE = /[被给跟和与向]/;
const ACTOR =
  /^(?:那边|这边|当地)?的?(?:一家|一个|有家)?(?:客户|企业|公司|原厂|厂家|厂商|厂|工厂|供应商|买家|卖家|老板|分公司|总部|子公司|合作方|同行|员工|工人|朋友|老乡|采购商|经销商)/;

/** The question names a year whose notice is in the index, but the project found is another year's. */
function otherNoticeYear(index: KnowledgeIndex, text: string, routing: Routing): string | undefined {
  const year = routing.kind === "project" ? routing.catalog?.year : undefined;
  const named = yearsNamed(text, index.catalogs);
  return year && named.size && !named.has(year) ? [...named].join("、") : undefined;
}

/**
 * A figure asked for another year than the notice's ("政策超市2025年的推送率目标定的多少", "in 2025"): the
 * notice sets its own year's targets only (a year the evidence itself names is another matter).
 */
function otherYearsFigure(q: PreparedQuestion, routing: Routing, evidence: string): string | undefined {
  const year = routing.kind === "project" ? routing.catalog?.year : undefined;
  if (!year) return undefined;
  for (const clause of q.english ? englishSentences(q.text) : askingClauses(q.text)) {
    if (!askedFigureOf(clause)?.final) continue;
    const named = clause.match(/(?<!\d)(?:19|20)\d\d(?!\d)/g) ?? [];
    const other = named.find((y) => y !== String(year) && !evidence.includes(y));
    if (other) return other;
  }
  return undefined;
}

/** "2023年…为企办实事": another year's edition of the notice. */
function otherEdition(index: KnowledgeIndex, text: string, evidence: string): string | undefined {
  const year = index.catalog?.date?.slice(0, 4);
  if (!year) return undefined;
  const m =
    text.match(/((?:19|20)\d\d|明年|下一年度?)\s*年?[^，。？?]{0,12}(为企办实事|实事项目|办实事)/) ??
    text.match(/(?:为企办实事|实事项目)[^，。？?]{0,4}?(明年|下一年度?)()/);
  // Next year's projects are not out yet, whichever year the asker writes in.
  const asked = m && /^\d/.test(m[1]) ? m[1] : m && String(new Date().getFullYear() + 1);
  return asked && asked !== year && !evidence.includes(`${asked}年`) ? asked : undefined;
}

const round = (x: number) => Math.round(x * 100) / 100;
