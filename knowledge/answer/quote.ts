// Quoting: the sentences of a passage that match the question, and the shapes composers share.
import type { KnowledgeIndex } from "../index-store.js";
import { matchScore, type WeightedTerm } from "../retrieval/bm25.js";
import type { Answerability } from "../routing/answerability.js";
import type { PreparedQuestion } from "../routing/prepare-question.js";
import type { Routing } from "../routing/routing-types.js";
import { backgroundIdf } from "../text/background.js";
import { askedFigure } from "../text/asked-figure.js";
import { ASKS, askingClauses } from "../text/asking.js";
import { cachedTokenSet, cachedWordSet, dictionaryWords } from "../text/segment.js";
import type { Citation, RetrievedPassage } from "../types.js";
import type { AskedPart } from "./asked-part.js";

const MAX_QUOTE = 160;

export interface ComposedAnswer {
  answer: string;
  citations: Citation[];
  figures: string[];
}

export interface ComposeOptions {
  q?: PreparedQuestion;
  answerability?: Answerability;
  /** A follow-up asked for this part of the answer: it comes first. */
  focus?: AskedPart;
  /** Words of the question the documents do not cover (a partial answer names them). */
  notCovered?: string[];
}

/** The sentences of a passage that best match the question, in their original order. */
export function bestSentences(
  index: KnowledgeIndex,
  text: string,
  terms: readonly WeightedTerm[],
  max = MAX_QUOTE,
  asked?: PreparedQuestion,
  /** Facts questions like this one were answered with: their sentences come first. */
  facts: readonly string[] = [],
): string {
  const figure = asked && askedFigure(asked.text);
  const sentences = text
    .match(/[^。；;！？\n]+[。；;！？]?/g)
    ?.map((s) => s.trim())
    .filter(Boolean) ?? [text];
  const scored = sentences.map((s, i) => ({
    s,
    i,
    // A sentence stating the figure asked for comes first among equals and above weak matches.
    score:
      matchScore(cachedTokenSet(s), terms, (t) => index.bm25.idf(t)) *
        (figure?.test(s) ? 1.5 : 1) *
        // The sentence defining a term the question names says what it is.
        (asked && definesTermIn(s, asked.text) ? 2 : 1) +
      (facts.some((f) => s.includes(f)) ? REMEMBERED_FACT : 0),
  }));
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: typeof scored = [];
  let length = 0;
  for (const c of ranked) {
    if (picked.length && (c.score <= 0 || length + c.s.length > max)) continue;
    picked.push(c);
    length += c.s.length;
  }
  const quote = picked
    .sort((a, b) => a.i - b.i)
    .map((c) => c.s)
    .join("");
  return quote.length > max * 1.5 ? `${quote.slice(0, max)}…` : quote;
}

/** Above any match score: a sentence holding a remembered fact is quoted first. */
const REMEMBERED_FACT = 1_000;

/** A passage to quote, and the facts whose sentences come first. */
export interface Quoted {
  passage: RetrievedPassage;
  facts: readonly string[];
}

/** The article to quote for a project answer: the remembered one, else the best fitting of the evidence. */
export function articleToQuote(
  index: KnowledgeIndex,
  routing: Pick<Routing, "evidence" | "remembered">,
  q?: PreparedQuestion,
): Quoted | undefined {
  if (routing.remembered?.passage.passage.kind === "article") return routing.remembered;
  const passage = supportingArticle(index, routing.evidence, q);
  return passage && { passage, facts: [] };
}

/** The passage an answer that is not a project's quotes: its best one that is not a clause. */
export function passageToQuote(routing: Pick<Routing, "evidence" | "remembered">): Quoted | undefined {
  const passage = routing.evidence.find((r) => r.passage.kind !== "clause") ?? routing.evidence[0];
  if (!passage) return undefined;
  const remembered = routing.remembered?.passage.passage.id === passage.passage.id;
  return { passage, facts: remembered ? routing.remembered!.facts : [] };
}

/** Background IDF above which a question word names something (not 企业, 怎么, 需要). */
const TOPICAL_IDF = 5.5;
/** A lexicon term found in few passages of the corpus (BM25 IDF), i.e. specific enough to say what is asked. */
const SPECIFIC_TERM_IDF = 3.5;
/** A typed word found in fewer passages than 中小企业 or 企业: it names what a figure is about (公示, 异议). */
const NAMING_TERM_IDF = 2.5;

/**
 * A passage of a law (an article, or its document facts) that addresses what was asked, near the top:
 * it must share a topical word the asker typed, not only the topic the lexicon read into the question.
 */
export function supportingArticle(
  index: KnowledgeIndex,
  evidence: RetrievedPassage[],
  q?: PreparedQuestion,
): RetrievedPassage | undefined {
  // Words the asker typed that name something, as whole words (职务侵占, not its 职务), and the
  // specific corpus terms the lexicon read into them (不予行政处罚 for "罚不罚"; not broad ones such
  // as 融资 that every finance article has). Two typed words, or one specific term, must be there.
  const typed = q
    ? dictionaryWords(q.text).filter(
        (t) => [...t].length >= 2 && !/^[a-z0-9.+%-]+$/.test(t) && (backgroundIdf(t) ?? 9) >= TOPICAL_IDF,
      )
    : [];
  // An English question has no Chinese words of its own: what the lexicon read is all it says.
  const read = (q?.expansion.terms ?? []).filter((t) => q?.english || index.bm25.idf(t) >= SPECIFIC_TERM_IDF);
  const fits = (r: RetrievedPassage) => {
    if (!(r.passage.kind === "article" || r.passage.section === "文件信息") || (r.bm25Score ?? 0) <= 4) return false;
    if (!q) return true;
    const has = (t: string) => r.passage.text.includes(t);
    return new Set(typed.filter(has)).size + 2 * read.filter(has).length >= 2;
  };
  const figure = q && askedFigure(q.text);
  const asking = q ? askingClauses(q.text) : [];
  return (
    (q && MEANING_ASK.test(q.text) && definingArticle(evidence.slice(0, 20), q.text)) ||
    (figure && q && articleStatingFigure(index, evidence.slice(0, 20).filter(fits), q, figure, typed, read)) ||
    // Among the articles that fit, the one holding more of what the asking clauses say answers it
    // (罚款交不起，能分期吗 → the article on 分期缴纳, not the first article on 罚款), typed or read by the
    // lexicon from them (晚交 → 逾期, 加处罚款).
    mostCovering(
      evidence.slice(0, 6).filter(fits),
      new Set(q ? askedWords(q.text).filter((w) => typed.includes(w)) : []),
      q ? termsReadFrom(q, (phrase) => asking.some((c) => c.includes(phrase))) : [],
    )
  );
}

/** A question asking what a term means ("最多跑一次到底是指什么"). */
const MEANING_ASK =
  /是指|什么意思|啥意思|指的是|具体指|到底指|什么概念|怎么理解|(?:怎么|如何)(?:解释|定义)|定义是什么|\bwhat does\b[^?]{1,40}\bmean\b|\bwhat is meant by\b/i;
const DEFINED = /(?:所称)?[“"]?([\p{Script=Han}A-Za-z0-9]{2,12}?)[”"]?[，,]?是指/gu;

/** Whether a text defines a term the question names ("本规定所称“最多跑一次”，是指…"). */
const definesTermIn = (passage: string, question: string) =>
  [...passage.matchAll(DEFINED)].some((m) => question.includes(m[1].replace(/^(?:本规定|本条例|本办法|本法)所称/, "")));

/** The article defining a term the question names. */
function definingArticle(candidates: RetrievedPassage[], text: string): RetrievedPassage | undefined {
  return candidates.find((r) => r.passage.kind === "article" && definesTermIn(r.passage.text, text));
}

/**
 * A question asking for a figure ("挂几年", "最多罚多少") is answered by the article that states one: best
 * where the figure sits in a sentence about what was asked (不良信息的保存和披露期限为五年, not …六十个工作日内
 * …检查). What the asking phrase itself was read as (挂多久 → 停止公示, 披露期限) says which figure is meant;
 * among those, the one whose figure's sentence also holds a naming word the asker typed (公示 → 三年).
 */
function articleStatingFigure(
  index: KnowledgeIndex,
  candidates: RetrievedPassage[],
  q: PreparedQuestion,
  figure: RegExp,
  typed: string[],
  read: string[],
): RetrievedPassage | undefined {
  const figureSentences = (r: RetrievedPassage) => sentencesOf(r.passage.text).filter((s) => figure.test(s));
  const stating = candidates.filter((r) => figure.test(r.passage.text));
  const about = (terms: string[]) => (r: RetrievedPassage) =>
    figureSentences(r).some((s) => terms.some((t) => s.includes(t)));
  const askTerms = termsReadFrom(q, (phrase) => !!askedFigure(phrase));
  // Not quantities or question words (五个月's 五个 is not what 五个工作日 is about).
  const naming = typed.filter(
    (t) =>
      index.bm25.idf(t) >= NAMING_TERM_IDF &&
      !/^[\d零〇一二两三四五六七八九十百千万几多半每第]/.test(t) &&
      !ASKS.test(t),
  );
  const typedIn = (r: RetrievedPassage) =>
    Math.max(0, ...figureSentences(r).map((s) => naming.filter((t) => s.includes(t)).length));
  const byAsk = askTerms.length ? stating.filter(about(askTerms)) : [];
  return (
    byAsk.reduce<RetrievedPassage | undefined>((b, r) => (!b || typedIn(r) > typedIn(b) ? r : b), undefined) ??
    stating.find(about([...typed, ...read])) ??
    stating[0]
  );
}

/** The corpus terms the lexicon read from phrases of the question that `said` accepts. */
function termsReadFrom(q: PreparedQuestion, said: (phrase: string) => boolean): string[] {
  return q.expansion.groups.flatMap((terms, g) => ((q.expansion.said[g] ?? []).some(said) ? terms : []));
}

const sentencesOf = (text: string) => text.match(/[^。；;]+/g) ?? [];

/** The passage whose words hold most of `words` and whose text most of `terms`; the first among equals. */
function mostCovering(passages: RetrievedPassage[], words: Set<string>, terms: string[]): RetrievedPassage | undefined {
  let best: RetrievedPassage | undefined;
  let bestCovered = -1;
  for (const r of passages) {
    const own = cachedWordSet(r.passage.text);
    const covered =
      [...words].filter((w) => own.has(w)).length + terms.filter((t) => r.passage.text.includes(t)).length;
    if (covered > bestCovered) [best, bestCovered] = [r, covered];
  }
  return best;
}

/** The words of the clauses that ask; a word after a demonstrative (这种条款) points back at the context. */
function askedWords(text: string): string[] {
  return askingClauses(text).flatMap((c) => dictionaryWords(c).filter((w) => !afterDemonstrative(c, w)));
}

function afterDemonstrative(clause: string, word: string): boolean {
  for (let i = clause.indexOf(word); i >= 0; i = clause.indexOf(word, i + 1))
    if (DEMONSTRATIVE.test(clause.slice(0, i))) return true;
  return false;
}
const DEMONSTRATIVE = /(?:这|那|该)(?:种|个|类|样的|些)?$/;

export const LIST_ITEM = /^[（(][一二三四五六七八九十\d]+[)）]|^[一二三四五六七八九十]+、|^\d+[.、]/;

/** A list item quoted alone loses its meaning: lead it with the sentence that introduces the list. */
export function withContext(text: string, quote: string): string {
  if (!LIST_ITEM.test(quote)) return quote;
  // The lead is what comes before the list, however many clauses it has ("……可以处1万元以下的罚款；有违法所得的予以没收：").
  const lead =
    text.match(/^[^。]*?[：:](?=\s*(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、]))/)?.[0] ??
    text.match(/^[^。；;]*?[：:]/)?.[0];
  return lead && !quote.startsWith(lead) ? `${lead}……${quote}` : quote;
}
