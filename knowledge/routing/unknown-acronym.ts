// An acronym the question asks about (LPR, ICP, AEO, N+1) names one precise thing: when no document,
// no lexicon entry and nothing in the evidence knows it, the documents do not answer what is asked.
import { loadAnswerability } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import { ASKS, CLAUSE_SPLIT, CONTEXT_CLAUSE, englishSentences } from "../text/asking.js";
import type { PreparedQuestion } from "./prepare-question.js";

/** Capitals of three or more (two-letter ones such as AI, HR, zf are everyday words), or N+1. */
const ACRONYM = /(?<![A-Za-z])(?:[A-Z][A-Z0-9]{2,6}|[A-Z]\+\d)(?![A-Za-z])/g;

/** The acronym an asking clause names that nothing known explains, if any. */
export function unknownAcronym(index: KnowledgeIndex, q: PreparedQuestion, evidence: string): string | undefined {
  // English questions are full of acronyms the documents spell out (SME, VAT, RMB): there only one that
  // names what an administrative act is for ("AEO certification", "ICP licence") counts.
  if (q.english) return englishActAcronym(index, q, evidence);
  const known = knownAcronyms(index, q, evidence);
  const clauses = q.text.split(CLAUSE_SPLIT);
  for (const [i, clause] of clauses.entries()) {
    // An acronym describing the asker ("我们做SaaS的") is context, not the ask; a bare ask ("现在是多少") or
    // one only for support ("政府有补助吗") asks about what comes before it.
    const next = clauses.slice(i + 1).find((c) => ASKS.test(c));
    const asks = ASKS.test(clause) || (!!next && (isBareAsk(next) || SUPPORT_ONLY.test(next)));
    if (!asks || CONTEXT_CLAUSE.test(clause)) continue;
    for (const m of clause.matchAll(ACRONYM))
      if (!known(m[0]) && !NAMES_A_THING.test(clause.slice(m.index + m[0].length))) return m[0];
  }
  return undefined;
}

/**
 * An acronym naming a fair, a firm or a brand (MEDICA展, ABC公司) names a thing, not a regime asked about;
 * so does one saying what kind of counterpart it is (给CRO客户开票).
 */
const NAMES_A_THING = /^(?:展|展会|博览会|大会|公司|集团|品牌|平台|店|厂|客户|供应商|厂商|企业|行业)/;

/** An asking clause with nothing of its own to ask about ("现在是多少", "怎么算"). */
function isBareAsk(clause: string): boolean {
  if (!ASKS.test(clause)) return false;
  const rest = clause.replace(new RegExp(ASKS.source, "gi"), "").replace(BARE_FILLER, "");
  return (rest.match(/\p{Script=Han}/gu) ?? []).length < 2;
}
/** A clause asking only whether there is support ("政府有补助吗") asks it for the clause before. */
const SUPPORT_ONLY =
  /^(?:政府|市里|区里|杭州|国家)?(?:有没有|有无|有|能不能|可以|会不会)?(?:什么|啥)?(?:补贴|补助|奖励|奖补|资助|扶持|优惠)(?:政策)?(?:吗|伐|么|嘛|呢|没有)?$/;
const BARE_FILLER = /现在|目前|一般|大概|大约|到底|具体|是|要|的|了|啊|吧|都|还|能|会|算/g;

/** Whether the corpus or the evidence knows an acronym (and, unless `corpusOnly`, the lexicon's reading). */
function knownAcronyms(index: KnowledgeIndex, q: PreparedQuestion, evidence: string) {
  const said = q.expansion.said.flat().map((p) => p.toLowerCase());
  return (acronym: string, corpusOnly = false) => {
    const lower = acronym.toLowerCase();
    return index.bm25.has(lower) || evidence.includes(lower) || (!corpusOnly && said.some((p) => p.includes(lower)));
  };
}

/** What a foreign regime named by its acronym imposes ("RoHS and REACH obligations"). */
const REQUIREMENTS = ["obligations", "requirements", "compliance", "standards"];

/** An unknown acronym followed within four words by an administrative act (certification, licence…) or a requirement. */
function englishActAcronym(index: KnowledgeIndex, q: PreparedQuestion, evidence: string): string | undefined {
  const known = knownAcronyms(index, q, evidence);
  // …or the one the question opens by asking about ("What's the current one-year LPR?", not "Which bureau
  // handles SME support?").
  for (const sentence of englishSentences(q.text)) {
    const asked =
      /^(?:[Ww]hat|[Hh]ow|[Ww]hich|[Ww]hen)\b[^.?]{0,30}?\b([A-Z][A-Z0-9]{2,6})(?:\s*[?.]?$|\s+(?:rate|now|currently|today|mean|stand|calculated|set)\b)/.exec(
        sentence.trim(),
      )?.[1];
    if (asked && !known(asked)) return asked;
  }
  const acts = [...Object.keys(loadAnswerability().determinationsEnglish), ...REQUIREMENTS].map((k) => k.slice(0, 6));
  for (const m of q.text.matchAll(/\b([A-Z][A-Z0-9]{2,6})\b((?:\s+[a-z0-9-]+){1,4})/g)) {
    const [, acronym, after] = m;
    if (known(acronym, true)) continue;
    if (
      after
        .trim()
        .split(/\s+/)
        .some((w) => w.length >= 6 && acts.includes(w.slice(0, 6)))
    )
      return acronym;
  }
  return undefined;
}
