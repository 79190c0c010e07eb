// The knowledge service every channel uses: answers questions from the current index,
// and swaps to a newly published index without dropping a question in flight.
import { composeAnswer } from "./answer/compose-answer.js";
import { MESSAGES } from "./answer/messages.js";
import type { KnowledgeIndex } from "./index-store.js";
import { queryTerms, retrieve } from "./retrieval/retriever.js";
import { MAX_QUESTION_CHARS, type PreparedQuestion, prepareQuestion } from "./routing/prepare-question.js";
import { namedDocument } from "./routing/named-document.js";
import { type Routing, route } from "./routing/router.js";
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

    const first = await answerPrepared(index, q, options.forceProject);
    const ctx = options.context;
    if (!ctx?.previousQuestion || options.forceProject || q.scope.injection || q.scope.outOfScopeTopic) return first;
    if (!isElliptical(q) && first.action !== "escalate") return first;

    // A follow-up such as "那费率呢？": read it together with the previous question.
    const combined = prepareQuestion(`${ctx.previousQuestion} ${q.text}`);
    const followUp = await answerPrepared(index, combined, ctx.previousProject ?? undefined);
    return { ...followUp, question };
  }
}

async function answerPrepared(index: KnowledgeIndex, q: PreparedQuestion, forceProject?: number): Promise<AnswerResult> {
  const filter = forceProject ? (i: number) => index.passages[i].project === forceProject || !!index.passages[i].relatedProjects?.includes(forceProject) || index.passages[i].kind === "notice-section" : undefined;
  const evidence = await retrieve(index, q, { k: 40, filter });
  // A question that names a document (title, 文号, article) also searches inside that document.
  const named = forceProject ? null : namedDocument(index, q);
  const focus = named ? { named, evidence: await retrieve(index, q, { k: 10, filter: (i) => index.passages[i].docId === named.docId }) } : undefined;
  const routing = route(index, q, evidence, forceProject, focus);
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
    passages: (routing.document ? routing.evidence : evidence).slice(0, 8),
    reason: routing.reason,
    ...answerRefs(index, routing),
  };
}

/** The notice (with its year) and the document an answer is drawn from, for channels and checks. */
function answerRefs(index: KnowledgeIndex, routing: Routing): Pick<AnswerResult, "notice" | "document"> {
  const refs: Pick<AnswerResult, "notice" | "document"> = {};
  const c = routing.catalog;
  if (c && (routing.project || routing.kind === "notice")) refs.notice = { docId: c.docId, title: c.title, ...(c.year ? { year: c.year } : {}) };
  const d = routing.document ? index.documents.get(routing.document.id) : undefined;
  if (d) refs.document = { id: d.id, title: d.title, status: d.status, ...(d.issuer ? { issuer: d.issuer } : {}), ...(d.docNo ? { docNo: d.docNo } : {}) };
  return refs;
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
