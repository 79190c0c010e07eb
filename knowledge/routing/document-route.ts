// Answers from a document of its own — a measure, 办法 or 细则 that is not a notice project — when the
// question names it (title, document number, article) or its passage is the best evidence.
import { findUnit, loadAnswerability } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import { matchScore } from "../retrieval/bm25.js";
import { missedCorpusWords } from "../retrieval/retriever.js";
import { askedFigure } from "../text/asked-figure.js";
import { askingClause, characterPairs } from "../text/asking.js";
import { cachedTokenSet } from "../text/segment.js";
import type { Passage, RetrievedPassage } from "../types.js";
import { otherDistrict } from "./district.js";
import { type NamedDocument, titleCore } from "./named-document.js";
import type { PreparedQuestion } from "./prepare-question.js";
import type { Routing } from "./routing-types.js";

/** A named document and its own best passages for the question. */
export interface DocumentFocus {
  named: NamedDocument;
  evidence: RetrievedPassage[];
}

const MIN_CONFIDENCE = 0.35;
/** A passage must match the question on its own words at least this much to answer for its document. */
const MIN_BM25 = 4;
// About the document itself (its dates, issuer, validity); "什么时候申报" asks about its content instead.
const ASKS_FACTS =
  /(发文|印发|发布|文号|字号|施行|实施日期|开始实施|开始执行|生效|有效|失效|废止|作废|过期|现行|还能用|哪个部门|哪个单位|谁发|in force|valid|expired|superseded|take[sn]? effect|took effect)/i;
/** A document number as officials write it: 杭科〔2021〕7号. */
const DOC_NO = /[\p{Script=Han}]{1,8}[〔［(（[]\d{4}[〕］)）\]]\d+号/gu;

export function isNotice(index: KnowledgeIndex, docId: string): boolean {
  return index.catalogs.some((c) => c.docId === docId);
}

/** Not a notice and not tied to a notice's projects (no related_projects): it answers only for itself. */
export function isStandalone(index: KnowledgeIndex, docId: string): boolean {
  return !isNotice(index, docId) && !index.documents.get(docId)?.relatedProjects?.length;
}

interface Context {
  coverage: number;
  strength: number;
  weight: (docId: string) => number;
}

export function documentRoute(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  focus: DocumentFocus | undefined,
  ctx: Context,
): Routing | null {
  const found = focus
    ? (namedPassage(index, q, focus) ?? unnamedPassage(index, q, evidence, ctx))
    : unnamedPassage(index, q, evidence, ctx);
  if (!found) return null;
  const picked =
    (found.passage.section === "文件信息" && (ASKS_FACTS.test(q.text) || !focus)) ||
    (focus?.named.article && focus.named.docId === found.passage.docId)
      ? found
      : bestOfDocument(index, q, found, [...(focus?.evidence ?? []), ...evidence]);
  const doc = index.documents.get(picked.passage.docId);
  if (!doc) return null;
  const base = 0.4 + 0.3 * ctx.coverage + 0.3 * ctx.strength;
  const confidence = round(focus ? Math.max(0.7, base) : base);
  const rest = [...(focus?.evidence ?? []), ...evidence].filter(
    (r, i, all) =>
      r.passage.docId === doc.id &&
      r.passage.id !== picked.passage.id &&
      all.findIndex((x) => x.passage.id === r.passage.id) === i,
  );
  return {
    kind: "document",
    project: null,
    clause: null,
    // The issuer as the desk knows it (杭州市商务局 → 市商务局) when it is one of the units.
    leadUnits: doc.issuer ? [findUnit(doc.issuer)?.name ?? doc.issuer] : [],
    confidence,
    action: confidence >= MIN_CONFIDENCE ? "answer" : "escalate",
    candidates: [],
    reason: `匹配文件《${doc.title}》${picked.passage.section === "文件信息" ? "" : picked.passage.section.split(" > ").at(-1)}`,
    evidence: [picked, ...rest],
    document: { id: doc.id, passage: picked },
  };
}

/** The passage of a named document: the article it names, its facts when those are asked, else its best match. */
function namedPassage(index: KnowledgeIndex, q: PreparedQuestion, focus: DocumentFocus): RetrievedPassage | null {
  const { docId, article } = focus.named;
  // A notice named as a document routes through its projects; a law tied to projects too, unless an article is named.
  // Named by its number, or asked about its facts (still in force?), it answers for itself too.
  const forItself = !!article || focus.named.how === "doc_no" || ASKS_FACTS.test(q.text);
  if (isNotice(index, docId) || (!isStandalone(index, docId) && !forItself)) return null;
  if (article) {
    const named = passagesOf(index, docId).find(
      (p) =>
        p.section
          .split(" > ")
          .at(-1)
          ?.replace(/（第\d+\/\d+部分）$/, "") === article,
    );
    if (named)
      return (
        focus.evidence.find((r) => r.passage.id === named.id) ?? {
          passage: named,
          score: 1,
          bm25Score: MIN_BM25 + 1,
        }
      );
  }
  // Another document's number quoted ("以前那个杭科〔2021〕7号…"): the passage that mentions it (a repeal).
  const own = index.documents.get(docId)?.docNo;
  // The number's issuer abbreviation is its last Han characters before the bracket (杭科〔2021〕7号).
  const quoted = [...q.text.matchAll(DOC_NO)]
    .map((m) => m[0].slice(m[0].search(/.{2}[〔［(（[]\d{4}/u)))
    .filter((n) => !own?.includes(n));
  const mentioning = quoted.length
    ? passagesOf(index, docId).find((p) => p.section !== "文件信息" && quoted.some((n) => p.text.includes(n)))
    : undefined;
  if (mentioning) return { passage: mentioning, score: 1, bm25Score: MIN_BM25 + 1 };
  if (ASKS_FACTS.test(q.text)) {
    const info = passagesOf(index, docId).find((p) => p.section === "文件信息");
    if (info) return { passage: info, score: 1, bm25Score: MIN_BM25 + 1 };
  }
  const best = focus.evidence.filter((r) => r.passage.section !== "文件信息" || focus.evidence.length === 1);
  if (best[0]) return best[0];
  const first = passagesOf(index, docId)[0];
  return first ? { passage: first, score: 0.5, bm25Score: 0 } : null;
}

/**
 * A passage of a document of its own answers when it beats every notice clause: on the fused score, or
 * on the words the user actually typed (the lexicon's expansions are written for the notice's wording,
 * so a measure that says exactly what was asked can trail a clause that only shares the theme).
 */
function unnamedPassage(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  ctx: Context,
): RetrievedPassage | null {
  const near = evidence.slice(0, TOP_CONTENDERS);
  const { localPlaces } = loadAnswerability();
  const answering = near.filter(
    (r) =>
      isStandalone(index, r.passage.docId) &&
      r.passage.section !== "文件信息" &&
      (r.bm25Score ?? 0) >= MIN_BM25 &&
      !otherDistrict(index.documents.get(r.passage.docId) ?? { title: "" }, q.text, localPlaces),
  );
  // A superseded or expired measure yields to one in force that says nearly as much (its successor).
  const inForce = answering.find((r) => r.passage.status === "in_force");
  const own =
    answering[0]?.passage.status !== "in_force" && inForce && inForce.score >= answering[0].score * IN_FORCE_SHARE
      ? inForce
      : answering[0];
  if (!own || literalScore(index, q, own.passage) === 0) return null;
  // The best clause of the notice the question is about (another year's counts less).
  const clause = evidence
    .filter((r) => r.passage.kind === "clause")
    .reduce<RetrievedPassage | undefined>(
      (best, r) =>
        !best || r.score * ctx.weight(r.passage.docId) > best.score * ctx.weight(best.passage.docId) ? r : best,
      undefined,
    );
  if (!clause || clause.score * ctx.weight(clause.passage.docId) <= own.score) return own;
  const typed = (r: RetrievedPassage) => literalScore(index, q, r.passage);
  const rival = near.filter((r) => !isStandalone(index, r.passage.docId)).reduce((m, r) => Math.max(m, typed(r)), 0);
  return typed(own) > rival * LITERAL_MARGIN ? own : null;
}

/**
 * Within the chosen document, the passage that says what was asked: the words of the question that are
 * not in the document's title (those only picked the document) decide; ties keep the retrieval order.
 */
function bestOfDocument(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  found: RetrievedPassage,
  pool: RetrievedPassage[],
): RetrievedPassage {
  const title = cachedTokenSet(index.documents.get(found.passage.docId)?.title ?? "");
  const words = [...contentWords(q.tokens), ...missedCorpusWords(index, q).map((t) => t.term)];
  const docNo = index.documents.get(found.passage.docId)?.docNo ?? "";
  const asked = words.filter((t) => !title.has(t) && ![...title].some((w) => w.includes(t)) && !docNo.includes(t));
  // The document's name in the question (《…》, its title, a number) picks the document, not the passage.
  const docTitle = index.documents.get(found.passage.docId)?.title ?? "";
  const unnamed = q.text
    .replace(/《[^》]*》/g, "，")
    .replaceAll(titleCore(docTitle), "，")
    .replace(DOC_NO, "，");
  const askingPairs = characterPairs(askingClause(unnamed));
  if (!asked.length && !askingPairs.size) return found;
  const terms = asked.map((term) => ({ term, weight: 1 }));
  // Every passage of the document (a measure is short), retrieved ones first in their order.
  const rest = passagesOf(index, found.passage.docId).map((passage) => ({ passage, score: 0, bm25Score: 0 }));
  const own = [found, ...pool, ...rest].filter(
    (r, i, all) =>
      r.passage.docId === found.passage.docId &&
      r.passage.section !== "文件信息" &&
      all.findIndex((x) => x.passage.id === r.passage.id) === i,
  );
  // A question asking for a figure ("补多少", "比例") is answered by a passage that states one.
  const figure = askedFigure(q.text);
  const stating = figure ? own.filter((r) => figure.test(r.passage.text)) : [];
  const candidates = stating.length ? stating : own;
  // The words asked (segmentation can split them: 展位费能补 → 展位|费能|补, so the asking clause's
  // character pairs count too, each by how few of the document's passages have it: the title's
  // words are everywhere and say nothing); ties keep the retrieval order.
  const textOf = (p: Passage) => `${p.section} ${p.text}`;
  const pairWeight = new Map(
    [...askingPairs].map((pair) => {
      const df = own.filter((r) => textOf(r.passage).includes(pair)).length;
      return [pair, df ? Math.log(1 + own.length / df) : 0];
    }),
  );
  const scoreOf = (p: Passage) => {
    const text = textOf(p);
    const pairs = [...askingPairs].reduce((sum, pair) => sum + (text.includes(pair) ? pairWeight.get(pair)! : 0), 0);
    return matchScore(cachedTokenSet(text), terms, (t) => index.bm25.idf(t)) + PAIR_WEIGHT * pairs;
  };
  let best = candidates[0];
  let bestScore = scoreOf(best.passage);
  for (const r of candidates.slice(1)) {
    const score = scoreOf(r.passage);
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  return best;
}

const byDocument = new WeakMap<KnowledgeIndex, Map<string, Passage[]>>();

/** A document's passages in their order, grouped once per index (an index never changes once loaded). */
function passagesOf(index: KnowledgeIndex, docId: string): Passage[] {
  let groups = byDocument.get(index);
  if (!groups) {
    groups = new Map();
    for (const p of index.passages) {
      const list = groups.get(p.docId);
      if (list) list.push(p);
      else groups.set(p.docId, [p]);
    }
    byDocument.set(index, groups);
  }
  return groups.get(docId) ?? [];
}

const TOP_CONTENDERS = 5;
const IN_FORCE_SHARE = 0.8;
const PAIR_WEIGHT = 1;
const LITERAL_MARGIN = 1.1;

/** How well a passage matches the question's own words (no lexicon expansion): Σ idf of the typed words it contains. */
function literalScore(index: KnowledgeIndex, q: PreparedQuestion, p: Passage): number {
  const tokens = cachedTokenSet(`${p.section} ${p.text}`);
  return matchScore(
    tokens,
    contentWords(q.tokens).map((term) => ({ term, weight: 1 })),
    (t) => index.bm25.idf(t),
  );
}

/** Years and bare numbers say which notice or figure, not what the question is about. */
const contentWords = (tokens: string[]) => tokens.filter((t) => !/^[\d.]+[年月日号]?$/.test(t));

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
