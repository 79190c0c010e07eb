// The knowledge service every channel uses: answers questions from the current index,
// and swaps to a newly published index without dropping a question in flight.
import { askedPart } from "./answer/asked-part.js";
import { composeAnswer } from "./answer/compose-answer.js";
import { MESSAGES } from "./answer/messages.js";
import { supportingArticle } from "./answer/quote.js";
import { loadAnswerMemory, type RememberedPassage, rememberedPassage } from "./routing/answer-memory.js";
import { assessAnswerability, prepareAnswerability } from "./routing/answerability.js";
import { unstatedFigure } from "./routing/unstated-figure.js";
import { explainingCandidateFirst, secondLookAtDecline } from "./routing/second-look.js";
import { requestedWrongdoing } from "./routing/wrongdoing.js";
import { faqMatcherOf } from "./faq/index-matcher.js";
import { consultFaq, FAQ_POLICY, faqAnswerResult, labelledDecline, type FaqDecision } from "./faq/faq-step.js";
import type { KnowledgeIndex } from "./index-store.js";
import { correctHomophones, prepareHomophones } from "./retrieval/homophones.js";
import { askedFigure } from "./text/asked-figure.js";
import { queryTerms, retrieve } from "./retrieval/retriever.js";
import { MAX_QUESTION_CHARS, type PreparedQuestion, prepareQuestion } from "./routing/prepare-question.js";
import { namedDocument } from "./routing/named-document.js";
import { declined, type Routing, route } from "./routing/router.js";
import {
  documentsBehind,
  learnedDecline,
  learnedLeadUnit,
  learnedProject,
  loadQuestionModel,
  readQuestion,
} from "./routing/question-model.js";
import type { AnswerOptions, AnswerResult, KnowledgeBase, KnowledgeInfo, RetrievedPassage } from "./types.js";

const FOLLOW_UP = /^(那|那么|还有|另外|再问|顺便|then|and|what about)|呢\s*[?？]?$/i;

/**
 * Leans on the previous turn: a short message that says so ("那费率呢", "还有呢", "那找谁"), or that
 * asks for a part of an answer and names nothing else ("牵头单位是谁", "多少钱"). A short message
 * with a topic of its own ("贷款", "社保", "担保") is a new question.
 */
function isElliptical(q: PreparedQuestion): boolean {
  if ([...q.text].length > 12) return false;
  if (FOLLOW_UP.test(q.text)) return true;
  if (q.expansion.matched.length || q.scope.outOfScopeTopic) return false;
  const part = askedPart(q.text);
  return !!part && [...q.text.replace(PART_WORDS, "").replace(/[\s?？。!！]/g, "")].length <= 3;
}

const PART_WORDS =
  /牵头单位|哪个部门|哪个单位|哪家|部门|单位|是谁|找谁|谁负责|谁管|多少钱|多少|费率|比例|几天|多久|在哪里?|去哪里?|怎么申请|如何申请|怎么办理|怎么报名|申请|办理/g;

export class KnowledgeService implements KnowledgeBase {
  constructor(private index: KnowledgeIndex) {
    // The background word tables, script converters, question model and answer memory load here, not on
    // the first question.
    prepareAnswerability();
    prepareHomophones(index);
    loadQuestionModel();
    loadAnswerMemory();
  }

  /** Replace the index (hot reload). Questions already running keep the index they started with. */
  swap(index: KnowledgeIndex): void {
    prepareHomophones(index);
    this.index = index;
  }

  get current(): KnowledgeIndex {
    return this.index;
  }

  info(): KnowledgeInfo {
    const m = this.index.manifest;
    return {
      version: m.version,
      builtAt: m.builtAt,
      documents: m.documents.length,
      passages: m.passageCount,
      corpusDate: this.index.catalog?.date,
    };
  }

  async answer(question: string, options: AnswerOptions = {}): Promise<AnswerResult> {
    const index = this.index;
    const typed = prepareQuestion(question);
    if (typed.issue) return inputIssueResult(question, typed.issue);
    const heard = correctHomophones(index, typed.text);
    const q =
      heard === typed.text ? typed : { ...prepareQuestion(heard), raw: typed.raw, traditional: typed.traditional };
    const wrong = requestedWrongdoing(q.text);
    if (wrong) return refusalResult(question, wrong.act, q.english ? wrong.refusalEn : wrong.refusal);

    const ctx = options.context;
    const leans = !!ctx?.previousQuestion && !options.forceProject && !q.scope.injection && isElliptical(q);
    if (!leans) {
      // Reviewed service-desk knowledge first: an approved entry answers; labelled questions steer.
      const faq = options.forceProject ? null : consultFaq(faqMatcherOf(index), q);
      if (faq?.kind === "answer") return faqAnswerResult(question, faq.neighbour);
      return steeredByLabels(index, q, await answerPrepared(index, q, options.forceProject), faq);
    }

    // A follow-up such as "那费率呢？": read it together with the previous question; a follow-up
    // asking for one part ("牵头单位是谁") gets that part first.
    const combined = prepareQuestion(`${ctx!.previousQuestion} ${q.text}`);
    const followUp = await answerPrepared(
      index,
      { ...combined, english: q.english },
      ctx!.previousProject ?? undefined,
      askedPart(q.text),
    );
    return { ...followUp, question };
  }
}

/**
 * Nearest-neighbour evidence beside the clause match: when the staff labels of similar resolved
 * questions agree on a project the router did not pick (or declined), answer within that project;
 * when they agree the question is out of the notice's scope, decline.
 */
async function steeredByLabels(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routed: AnswerResult,
  faq: FaqDecision | null,
): Promise<AnswerResult> {
  if (!faq || faq.kind === "answer") return routed;
  // Labels overrule the router only when their evidence is not much weaker than the router's own.
  const margin = faq.kind === "decline" ? FAQ_POLICY.declineMargin : FAQ_POLICY.overruleMargin;
  if (routed.action !== "escalate" && faq.similarity < routed.confidence - margin) return routed;
  if (faq.kind === "decline" && routed.action === "answer" && faq.similarity < FAQ_POLICY.declineFloor) return routed;
  if (faq.kind === "decline")
    return routed.project === null && routed.action === "escalate" ? routed : labelledDecline(routed.question, faq);
  if (routed.project === faq.project && routed.action === "answer") return routed;
  const steered = await answerPrepared(index, q, faq.project);
  const top = faq.support[0];
  return {
    ...steered,
    reason: `${steered.reason ?? ""}；参考服务台已归类的相似问题（${top.item.id}，相似度 ${Math.round(faq.similarity * 100) / 100}）`,
    faq: {
      id: top.item.id,
      kind: top.item.kind,
      approvedAt: top.item.approvedAt,
      similarity: Math.round(faq.similarity * 100) / 100,
    },
  };
}

async function answerPrepared(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  forceProject?: number,
  focus?: ReturnType<typeof askedPart>,
): Promise<AnswerResult> {
  const filter = forceProject
    ? (i: number) =>
        index.passages[i].project === forceProject ||
        !!index.passages[i].relatedProjects?.includes(forceProject) ||
        index.passages[i].kind === "notice-section"
    : undefined;
  const evidence = await retrieve(index, q, { k: 40, filter });
  // A question that names a document (title, 文号, article) also searches inside that document.
  const named = forceProject ? null : namedDocument(index, q);
  const inNamed = named
    ? { named, evidence: await retrieve(index, q, { k: 10, filter: (i) => index.passages[i].docId === named.docId }) }
    : undefined;
  let routing = route(index, q, evidence, forceProject, inNamed);
  if (!forceProject) routing = explainingCandidateFirst(index, q, evidence, routing);
  const figureArticles = await articlesStatingAskedFigure(index, q, routing);
  // Answer only when the evidence accounts for what is asked (a picked candidate is the asker's choice).
  const assessed = routing.action === "escalate" ? undefined : assessAnswerability(index, q, routing);
  // A law article that addresses the ask explains what the lexicon did not read.
  const article = routing.kind === "project" ? supportingArticle(index, routing.evidence, q) : undefined;
  // An article that states the figure asked and matches the question strongly answers it too.
  const figureArticle = supportingArticle(index, figureArticles, q);
  const stating = figureArticle && (figureArticle.bm25Score ?? 0) >= STRONG_FIGURE_ARTICLE ? figureArticle : undefined;
  const unstated = assessed && !forceProject ? unstatedFigure(index, q, routing, article, stating) : undefined;
  let answerability = unstated
    ? { ...assessed!, verdict: "decline" as const, reason: unstated }
    : (assessed?.unread && article) || (assessed?.unexplainedDominates && stating)
      ? { ...assessed, verdict: "answer" as const }
      : assessed;
  // Declined: a law article found with the project, or the next best project's own clause, may still answer.
  if (answerability?.verdict === "decline" && !forceProject)
    ({ routing, answerability } = secondLookAtDecline(
      index,
      q,
      evidence,
      { routing, answerability },
      article,
      stating,
    ));
  // What labelled questions taught, beside the clause match (never over an injection, or a decline for
  // what the question names outside the documents).
  const reading = q.scope.injection
    ? null
    : readQuestion(index, q.text, documentsBehind(evidence, routing.document?.id, routing.catalog?.docId));
  // The passage labelled questions like this one were answered from, when they agree on one.
  const remembered = q.scope.injection ? undefined : rememberedPassage(index, q.text);
  const readAsOutside = !!reading && learnedDecline(reading);
  const answering = routing.action !== "escalate" && answerability?.verdict !== "decline";
  if (readAsOutside && !forceProject && answering)
    routing = declined(`与已标注为范围外的问题相似（学习评分 ${reading!.outOfScope.toFixed(2)}）`, evidence);
  else if (answerability?.verdict === "decline" && !forceProject)
    routing = declined(answerability.reason ?? "通知及相关政策没有涉及这个问题", evidence);
  else if (answerability)
    routing = { ...routing, confidence: calibrated(routing.confidence, answerability.explainedShare) };
  // Too unsure to answer: the reply says nothing fitting was found, so it names no project either; the
  // best guess stays a candidate for the service desk's ticket.
  if (routing.action === "escalate" && routing.project && !forceProject) routing = withGuessOnly(routing);
  // A declined question may be answered within a project, an answer moved to another; a notice-level
  // answer (no project) is left be.
  const routed = routing.project?.number ?? null;
  const learned =
    reading && !forceProject && !answerability?.outside && (routed === null) === (routing.action === "escalate")
      ? learnedProject(reading, routed)
      : undefined;
  if (learned) {
    const steered = await answerPrepared(index, q, learned, focus);
    return {
      ...steered,
      reason: `${steered.reason ?? ""}；按已标注问题的学习评分归入项目${learned}（${reading!.share.toFixed(2)}）`,
    };
  }
  // A section of the notice itself (who oversees the projects, when their 细则 are due) answers what
  // questions like this one asked, unless the question is read or named as outside the documents.
  if (
    remembered?.passage.passage.kind === "notice-section" &&
    !forceProject &&
    !answerability?.outside &&
    !readAsOutside &&
    (routing.kind === "project" || routing.action === "escalate")
  )
    routing = noticeSectionAnswer(index, remembered, evidence);
  // The clause or article they were answered from is quoted; it does not decide whether to answer (an
  // article on 价格扣除 is not the percentage asked).
  else if (routing.kind === "project" && routing.action !== "escalate") routing = withRemembered(routing, remembered);
  const unit =
    reading && routing.action !== "escalate" && routing.project && routing.leadUnits[0]
      ? learnedLeadUnit(reading, routing.project.leadUnits, routing.leadUnits[0])
      : undefined;
  if (unit) routing = { ...routing, leadUnits: [unit, ...routing.leadUnits.filter((u) => u !== unit)] };
  if (routing.action !== "escalate") routing = withArticlesStating(routing, figureArticles);
  const terms = queryTerms(q);
  const composed = composeAnswer(index, routing, terms, {
    q,
    answerability,
    focus,
    notCovered: answerability?.notCovered,
  });

  return {
    question: q.raw,
    project: routing.project?.number ?? null,
    projectName: routing.project?.name ?? null,
    leadUnits: routing.leadUnits,
    confidence: routing.confidence,
    action: routing.action,
    answer: composed.answer,
    citations: composed.citations,
    candidates: routing.candidates,
    figures: composed.figures,
    passages: (routing.document ? routing.evidence : evidence).slice(0, 8),
    reason: routing.reason,
    ...answerRefs(index, routing),
  };
}

/** A figure article this strong a match (BM25) answers the figure asked, whatever the clause says. */
const STRONG_FIGURE_ARTICLE = 10;

/**
 * A question asking for a figure ("处罚信息要挂多久") is answered by an article that states one: the
 * articles stating a figure of that kind that best match the question.
 */
async function articlesStatingAskedFigure(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routing: Routing,
): Promise<RetrievedPassage[]> {
  const shape = askedFigure(q.text);
  if (!shape || routing.action === "escalate" || routing.kind === "document") return [];
  return retrieve(index, q, {
    k: 5,
    filter: (i) => index.passages[i].kind === "article" && shape.test(index.passages[i].text),
  });
}

/** The articles stating a figure of the kind asked join the evidence where the supporting article is chosen. */
function withArticlesStating(routing: Routing, articles: RetrievedPassage[]): Routing {
  const seen = new Set(routing.evidence.map((r) => r.passage.id));
  const extra = articles.filter((r) => !seen.has(r.passage.id));
  if (!extra.length) return routing;
  return { ...routing, evidence: [...routing.evidence.slice(0, 10), ...extra, ...routing.evidence.slice(10)] };
}

/**
 * A remembered passage on the routing: a clause of the routed project is quoted instead of the one the
 * match chose, with the unit of its fragment holding the remembered facts; an article is quoted beside.
 */
function withRemembered(routing: Routing, remembered: RememberedPassage | undefined): Routing {
  if (!remembered) return routing;
  const p = remembered.passage.passage;
  const clause =
    p.kind === "clause" &&
    p.project === routing.project?.number &&
    p.docId === (routing.catalog?.docId ?? p.docId) &&
    p.clauseIndex !== routing.clause?.index
      ? routing.project?.clauses.find((c) => c.index === p.clauseIndex)
      : undefined;
  if (!clause) return { ...routing, remembered };
  const unit =
    clause.fragments.find((f) => remembered.facts.some((fact) => f.text.includes(fact)))?.unit ??
    (clause.units.includes(routing.leadUnits[0]) ? routing.leadUnits[0] : clause.units[0]);
  const leadUnits = [unit, ...clause.units.filter((u) => u !== unit)];
  return { ...routing, clause, leadUnits, remembered };
}

function noticeSectionAnswer(
  index: KnowledgeIndex,
  remembered: RememberedPassage,
  evidence: RetrievedPassage[],
): Routing {
  const section = remembered.passage;
  return {
    kind: "notice",
    project: null,
    clause: null,
    leadUnits: [],
    confidence: Math.round((0.5 + 0.5 * remembered.similarity) * 100) / 100,
    action: "answer",
    candidates: [],
    reason: `已标注的相似问题由通知的“${section.passage.section.split(" > ").at(-1)}”回答`,
    evidence: [section, ...evidence.filter((r) => r.passage.id !== section.passage.id)],
    catalog: index.catalogs.find((c) => c.docId === section.passage.docId) ?? index.catalog,
    remembered,
  };
}

function withGuessOnly(routing: Routing): Routing {
  const guess = routing.project
    ? [
        {
          project: routing.project.number,
          projectName: routing.project.name,
          leadUnits: routing.leadUnits,
          score: routing.confidence,
          ...(routing.catalog?.year ? { year: routing.catalog.year } : {}),
          ...(routing.catalog ? { noticeId: routing.catalog.docId } : {}),
        },
      ]
    : [];
  return { ...routing, kind: "unclear", project: null, clause: null, leadUnits: [], candidates: guess, catalog: null };
}

/** Routing confidence tempered by how much of the question the evidence explains. */
function calibrated(confidence: number, explainedShare: number): number {
  return Math.round(confidence * (0.6 + 0.4 * explainedShare) * 100) / 100;
}

function refusalResult(question: string, act: string, answer: string): AnswerResult {
  return { ...noAnswer(question, answer, `拒绝协助：${act}`), refused: act };
}

/** A reply that answers nothing (refusal, unusable input): no project, no citations, a ticket offer. */
function noAnswer(question: string, answer: string, reason: string): AnswerResult {
  return {
    question,
    project: null,
    projectName: null,
    leadUnits: [],
    confidence: 0,
    action: "escalate",
    answer,
    citations: [],
    candidates: [],
    figures: [],
    passages: [],
    reason,
  };
}

/** The notice (with its year) and the document an answer is drawn from, for channels and checks. */
function answerRefs(index: KnowledgeIndex, routing: Routing): Pick<AnswerResult, "notice" | "document"> {
  const refs: Pick<AnswerResult, "notice" | "document"> = {};
  const c = routing.catalog;
  if (c && (routing.project || routing.kind === "notice"))
    refs.notice = { docId: c.docId, title: c.title, ...(c.year ? { year: c.year } : {}) };
  const d = routing.document ? index.documents.get(routing.document.id) : undefined;
  if (d)
    refs.document = {
      id: d.id,
      title: d.title,
      status: d.status,
      ...(d.issuer ? { issuer: d.issuer } : {}),
      ...(d.docNo ? { docNo: d.docNo } : {}),
    };
  return refs;
}

function inputIssueResult(question: string, issue: NonNullable<PreparedQuestion["issue"]>): AnswerResult {
  const answer =
    issue === "empty" ? MESSAGES.empty : issue === "no_text" ? MESSAGES.noText : MESSAGES.tooLong(MAX_QUESTION_CHARS);
  const shown = typeof question === "string" ? question.slice(0, 200) : "";
  return { ...noAnswer(shown, answer, `输入无法处理：${issue}`), inputIssue: issue };
}
