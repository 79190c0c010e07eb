// Administrative determinations (认定, 许可证, 评估…) have their own criteria and authority: a question
// about one that the evidence never mentions is not answered by a clause that shares its topic.
import { loadAnswerability } from "../data-files.js";
import { ASKS, CLAUSE_SPLIT, englishSentences, namesNothing } from "../text/asking.js";
import { backgroundIdf } from "../text/background.js";
import { dictionaryNouns, dictionaryWords, stopwordSet } from "../text/segment.js";
import { withRuns } from "../text/single-character-runs.js";
import type { KnowledgeIndex } from "../index-store.js";
import { corpusSays } from "./corpus-text.js";
import type { PreparedQuestion } from "./prepare-question.js";

/** Background IDF at which a word names something specific (工伤 11, 企业资质; not 做, 组织, 升级). */
const RARE_IDF = 8;
/** A topic put first is a short noun phrase, not a story ("刚做完税务登记", "被吊销了一个许可证"). */
const TOPIC_CHARS = 12;
const STORY_MARK = /[了被过完没有刚]/;

/**
 * An administrative determination the asking clause names (认定, 许可证, 评估…) that nothing in the
 * evidence mentions, for something the evidence does not name either (工伤认定; but 数字化车间怎么认定 is
 * the designation the clause is about), as the asker named it.
 */
export function unaddressedDetermination(
  q: PreparedQuestion,
  evidence: string,
  explainedPhrases: string[],
  /** What the evidence says of its matter, without the units' names (built only when needed). */
  content: () => string = () => evidence,
): string | undefined {
  const { determinations: acts, filings, determinationsEnglish, notAsked } = loadAnswerability();
  // A filing (备案, 登记) is the notice's matter when the ask is how to get it done (online, in one trip);
  // its content — conditions, materials, time, where — is the procedure's own.
  const determinations = MODE_ASK.test(q.text) ? acts : [...acts, ...filings];
  if (q.english) return unaddressedEnglishAct(q.text, evidence, explainedPhrases, determinationsEnglish);
  // A clause that only asks how ("有什么条件", "要准备哪些材料") asks about the clause before it.
  const clauses = q.text.split(CLAUSE_SPLIT).filter(Boolean);
  // A clause saying the asker means to go through it ("想简易注销，要公告几天") names the procedure asked about;
  // so does a procedure put first as the topic of the question after it ("高新技术企业认定 要几个知识产权").
  const topic = (c: string, next?: string) =>
    !!next &&
    ASKS.test(next) &&
    [...c].length <= TOPIC_CHARS &&
    !STORY_MARK.test(c) &&
    determinations.some((d) => c.endsWith(d));
  const asking = clauses.filter(
    (c, i) =>
      ASKS.test(c) ||
      (i + 1 < clauses.length && (HOW_ONLY.test(clauses[i + 1]) || RENEWAL.test(clauses[i + 1]))) ||
      INTENT.test(c) ||
      (i === 0 && topic(c, clauses[1])),
  );
  // Becoming one of a roster ("想当政府采购评审专家", "加入专家库") is an enrolment of its own.
  const role = ROLE.exec(q.text);
  if (role && !evidence.includes(role[2])) return role[1] + role[2];
  // Which licence an activity needs ("直播带货需要办什么证") is a determination too.
  const licence = asking.find((c) => LICENCE_ASK.test(c));
  if (licence && !/证照|许可|执照|资质|证件/.test(evidence)) return "经营所需证照";
  for (const clause of asking) {
    // Support for doing it ("注册海外商标有补贴吗") asks about the support, not the procedure.
    if (SUPPORT_ASK.test(clause)) continue;
    const words = joinSplitActs(withRuns(dictionaryWords(clause), stopwordSet()), determinations);
    for (let i = 0; i < words.length; i++) {
      const act = determinations.find(
        (d) => words[i] === d || (words[i].endsWith(d) && words[i].length <= d.length + 3),
      );
      if (!act || explainedPhrases.some((p) => p.includes(act))) continue;
      // 后|年报 cut across 后年|报 ("计划后年报创业板"): a year, then "to apply".
      if (words[i].startsWith("年") && YEAR_BEFORE.test(clause.slice(0, clause.indexOf(words[i])))) continue;
      // Someone holding the act back ("采购单位拖着不验收") is the asker's grievance, not a procedure asked for.
      if (HELD_BACK.test(clause.slice(0, clause.indexOf(words[i])))) continue;
      // What is determined, as the asker named it: 数字化车间|认定 is the designation the clause is about,
      // 工伤|认定 is not, even where the clause speaks of another 认定.
      const object =
        words[i].length > act.length ? words[i].slice(0, -act.length) : objectBefore(words, i, new Set(notAsked));
      // A graded category right before it (E类人才认定, 乙级资质) names one scheme's grade, however common its words.
      const grade = GRADE_BEFORE.exec(clause.slice(0, clause.indexOf(words[i])))?.[0];
      if (grade && !content().includes(grade)) return grade + words[i];
      const named = evidence.includes(act);
      if (object ? content().includes(object) || (named && !weighty(object, words[i], act)) : named) continue;
      if (words[i].length > act.length) return words[i];
      // As written, with what the cut left out between (高新技术|企业|认定 → 高新技术企业认定).
      const from = object ? clause.indexOf(object.slice(0, 2)) : -1;
      const to = clause.indexOf(words[i], Math.max(0, from)) + words[i].length;
      return from >= 0 && to > from && to - from <= 12 ? clause.slice(from, to) : object + words[i];
    }
  }
  return undefined;
}

const YEAR_BEFORE = /[后前今明去当同]$/;
const HELD_BACK = /(?:拖着|迟迟|一直|就是|总是|故意|硬是)(?:不给|不肯|不|没)$/;

/** An act the cut split in two (无效|宣告) is one word. */
function joinSplitActs(cut: string[], acts: string[]): string[] {
  const words: string[] = [];
  for (let i = 0; i < cut.length; i++) {
    const pair = cut[i] + (cut[i + 1] ?? "");
    if (i + 1 < cut.length && acts.includes(pair) && !acts.includes(cut[i])) {
      words.push(pair);
      i++;
    } else words.push(cut[i]);
  }
  return words;
}

/**
 * 工伤|认定, 建筑企业资质|升级|审批: a rare word among those right before the act names what is
 * determined (not 做|认定, 组织|认定).
 */
function weighty(object: string, word: string, act: string): boolean {
  if (word.length > act.length) return true;
  return dictionaryWords(object).some((w) => (backgroundIdf(w) ?? RARE_IDF) >= RARE_IDF);
}

const GRADE_BEFORE = /(?:(?<![a-z])[a-z]类|[甲乙丙丁][类级等])[\p{Script=Han}]{0,4}$/iu;

/** The same for a question in English ("apply for AEO certification with customs"). */
function unaddressedEnglishAct(
  text: string,
  evidence: string,
  explainedPhrases: string[],
  acts: Record<string, string[]>,
): string | undefined {
  for (const sentence of englishSentences(text.toLowerCase()).filter((s) => ASKS.test(s))) {
    for (const word of sentence.match(/[a-z]+/g) ?? []) {
      const act = acts[word] ?? acts[word.replace(/s$/, "")] ?? sameStem(acts, word);
      if (!act || act.some((a) => evidence.includes(a)) || explainedPhrases.some((p) => p.includes(word))) continue;
      return word;
    }
  }
  return undefined;
}

/** certified, certify → certification; licensed → license (the first six letters carry the act). */
function sameStem(acts: Record<string, string[]>, word: string): string[] | undefined {
  if (word.length < 6) return undefined;
  const key = Object.keys(acts).find((k) => k.length >= 6 && k.slice(0, 6) === word.slice(0, 6));
  return key ? acts[key] : undefined;
}

const HOW_ONLY =
  /^(?:那|请问)?(?:[\p{Script=Han}]{1,2}(?=要|需要|得))?(?:要|需要|得|应该)?(?:满足|准备|提供|交|走|有)?(?:什么|哪些|啥)(?:条件|材料|资料|手续|流程)|^(?:流程|手续|条件)(?:是什么|有哪些)|^(?:流程|手续)?怎么(?:办|弄|申请|办理|走)[？?]?$|^(?:今年|每年|一般)?(?:什么时候|何时|几月份?)(?:开始)?(?:申报|申请|受理|报)[？?]?$|^(?:这个|整个)?(?:流程|手续)?(?:一般|大概|大约)?(?:要|需要)?(?:多久|多长时间)(?:能下来|能办好)?[？?]?$|^(?:找谁|找哪个部门|去哪(?:里|儿)?办)[？?]?$/u;
/** Renewing what the clause before names ("许可证快到期了，延续要提前多久申请", "…到期，要办延续"). */
const RENEWAL =
  /^(?:那|请问)?(?:怎么|如何)?(?:要|得|需要|准备)?(?:办|申请|办理)?(?:延续|续期|续证|续办|续|换证|延期|重新申请)/;
// Not a casual "想评估一下" (to weigh it up): a procedure is gone through, not tried out; not what else is
// coming ("还要降资质": the authority's next step, not the asker's).
const INTENT =
  /^(?:[^，。]{0,8}?)(?<![还也又])(?:想|要|准备|打算|计划)(?:去|先)?(?:申请|办理|办|做|走)?[\p{Script=Han}]{0,6}(?<!一下|看看)$/u;
const ROSTERS = "评审专家|专家库|专家|会员单位|会员|委员";
const ROLE = new RegExp(`(?:当|成为|加入|进入|入选)((?:[\\p{Script=Han}]{0,8}?))(${ROSTERS})`, "u");
const ROSTER = new RegExp(`(?:${ROSTERS})$`, "u");

/** The procedure named is an enrolment in a roster (评审专家): a law speaking of the roster does not answer it. */
export const isEnrolment = (procedure: string) => ROSTER.test(procedure);
export const MODE_ASK =
  /网上|网办|线上|在线|跑一次|跑几趟|跑一趟|一次办|不用跑|少跑|窗口|上门|一站式|一网通办|掌上|手机上/;
export const SUPPORT_ASK = /补贴|补助|奖励|奖补|资助|扶持|支持|优惠/;
const LICENCE_ASK = /(?:办|要|需要|得|拿|申请)(?:什么|啥|哪些|哪个|哪种)(?:证|证照|执照|资质|许可)/;

/**
 * The content words before position `i` (up to three, question and filler words in between skipped), as
 * the asker wrote them: 数字化车间|怎么|认定 → 数字化车间.
 */
function objectBefore(words: string[], i: number, skip: Set<string>): string {
  const filler = (w: string) => skip.has(w) || namesNothing(w);
  let j = i - 1;
  while (j >= 0 && filler(words[j])) j--;
  let object = "";
  for (let k = j; k >= 0 && k > j - 3 && !filler(words[k]); k--) object = words[k] + object;
  return object;
}

/** Whether something counts as a status ("算不算工伤", "属不属于高新企业"): the status is the determination asked. */
const STATUS_ASK =
  /(?:算不算|属不属于|属于不属于|是否属于|能不能算|能否算|可不可以算|能不能认定为?|能否认定为?|够不够得上)([\p{Script=Han}]{2,10})/u;

/**
 * A status asked about that no document mentions at all (员工出差摔伤了算不算工伤): the documents cannot say
 * whether it applies. As the asker named it, when it is a word of its own, unread by the lexicon.
 */
export function unnamedStatus(index: KnowledgeIndex, q: PreparedQuestion): string | undefined {
  const status = STATUS_ASK.exec(q.text)?.[1];
  if (!status) return undefined;
  const said = q.expansion.said.flat();
  const word = dictionaryNouns(status).find((w) => [...w].length >= 2 && !namesNothing(w));
  if (!word || (backgroundIdf(word) ?? RARE_IDF) < RARE_IDF) return undefined;
  if (said.some((p) => p.includes(word) || word.includes(p)) || corpusSays(index, word)) return undefined;
  return word;
}
