// The knowledge service every channel uses: answers questions from the current index,
// and swaps to a newly published index without dropping a question in flight.
import { composeAnswer } from "./answer/compose-answer.js";
import { MESSAGES } from "./answer/messages.js";
import { faqMatcherOf } from "./faq/index-matcher.js";
import { consultFaq, FAQ_POLICY, faqAnswerResult, labelledDecline, type FaqDecision } from "./faq/faq-step.js";
import type { KnowledgeIndex } from "./index-store.js";
import { queryTerms, retrieve } from "./retrieval/retriever.js";
import { MAX_QUESTION_CHARS, type PreparedQuestion, prepareQuestion } from "./routing/prepare-question.js";
import { route } from "./routing/router.js";
import type { AnswerOptions, AnswerResult, KnowledgeBase, KnowledgeInfo } from "./types.js";

const FOLLOW_UP = /^(那|那么|还有|另外|再问|顺便|then|and|what about)|[呢吗]\s*[?？]?$/i;

function isElliptical(q: PreparedQuestion): boolean {
  return q.text.length <= 12 && (FOLLOW_UP.test(q.text) || q.tokens.length <= 1);
}

export class KnowledgeService implements KnowledgeBase {
  constructor(private index: KnowledgeIndex) {}

  /** Replace the index (hot reload). Questions already running keep the index they started with. */
  swap(index: KnowledgeIndex): void {
    this.index = index;
  }

  get current(): KnowledgeIndex {
    return this.index;
  }

  info(): KnowledgeInfo {
    const m = this.index.manifest;
    return { version: m.version, builtAt: m.builtAt, documents: m.documents.length, passages: m.passageCount, corpusDate: this.index.catalog?.date };
  }

  async answer(question: string, options: AnswerOptions = {}): Promise<AnswerResult> {
    const index = this.index;
    const q = prepareQuestion(question);
    if (q.issue) return inputIssueResult(question, q.issue);

    // Reviewed service-desk knowledge first: an approved entry answers; labelled questions steer.
    const faq = options.forceProject ? null : consultFaq(faqMatcherOf(index), q);
    if (faq?.kind === "answer") return faqAnswerResult(question, faq.neighbour);
    const first = await steeredByLabels(index, q, await answerPrepared(index, q, options.forceProject), faq);
    const ctx = options.context;
    if (!ctx?.previousQuestion || options.forceProject || q.scope.injection || q.scope.outOfScopeTopic) return first;
    if (!isElliptical(q) && first.action !== "escalate") return first;

    // A follow-up such as "那费率呢？": read it together with the previous question.
    const combined = prepareQuestion(`${ctx.previousQuestion} ${q.text}`);
    const followUp = await answerPrepared(index, combined, ctx.previousProject ?? undefined);
    return { ...followUp, question };
  }
}

/**
 * Nearest-neighbour evidence beside the clause match: when the staff labels of similar resolved
 * questions agree on a project the router did not pick (or declined), answer within that project;
 * when they agree the question is out of the notice's scope, decline.
 */
async function steeredByLabels(index: KnowledgeIndex, q: PreparedQuestion, routed: AnswerResult, faq: FaqDecision | null): Promise<AnswerResult> {
  if (!faq || faq.kind === "answer") return routed;
  // Labels overrule the router only when their evidence is not much weaker than the router's own.
  const margin = faq.kind === "decline" ? FAQ_POLICY.declineMargin : FAQ_POLICY.overruleMargin;
  if (routed.action !== "escalate" && faq.similarity < routed.confidence - margin) return routed;
  if (faq.kind === "decline") return routed.project === null && routed.action === "escalate" ? routed : labelledDecline(routed.question, faq);
  if (routed.project === faq.project && routed.action === "answer") return routed;
  const steered = await answerPrepared(index, q, faq.project);
  const top = faq.support[0];
  return {
    ...steered,
    reason: `${steered.reason ?? ""}；参考服务台已归类的相似问题（${top.item.id}，相似度 ${Math.round(faq.similarity * 100) / 100}）`,
    faq: { id: top.item.id, kind: top.item.kind, approvedAt: top.item.approvedAt, similarity: Math.round(faq.similarity * 100) / 100 },
  };
}

async function answerPrepared(index: KnowledgeIndex, q: PreparedQuestion, forceProject?: number): Promise<AnswerResult> {
  const filter = forceProject ? (i: number) => index.passages[i].project === forceProject || !!index.passages[i].relatedProjects?.includes(forceProject) || index.passages[i].kind === "notice-section" : undefined;
  const evidence = await retrieve(index, q, { k: 40, filter });
  const routing = route(index, q, evidence, forceProject);
  const terms = queryTerms(q);
  const composed = composeAnswer(index, routing, terms);
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
    passages: evidence.slice(0, 8),
    reason: routing.reason,
  };
}

function inputIssueResult(question: string, issue: NonNullable<PreparedQuestion["issue"]>): AnswerResult {
  const answer = issue === "empty" ? MESSAGES.empty : issue === "no_text" ? MESSAGES.noText : MESSAGES.tooLong(MAX_QUESTION_CHARS);
  return {
    question: typeof question === "string" ? question.slice(0, 200) : "",
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
    reason: `输入无法处理：${issue}`,
    inputIssue: issue,
  };
}
