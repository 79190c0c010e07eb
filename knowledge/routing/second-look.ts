// A second look at a routing before it is answered or declined: between two close projects, the one
// whose clause explains more of the question; for a project whose clause explains little, a law article
// found with it that names what was asked.
import type { KnowledgeIndex } from "../index-store.js";
import { askedFigure } from "../text/asked-figure.js";
import type { RetrievedPassage } from "../types.js";
import { type Answerability, assessAnswerability } from "./answerability.js";
import type { PreparedQuestion } from "./prepare-question.js";
import { type Routing, route } from "./router.js";
import { unstatedFigure } from "./unstated-figure.js";

/** A routing with the verdict on whether its evidence answers the question. */
interface Decision {
  routing: Routing;
  answerability: Answerability;
}

/** How much more of the question a close second's clause must explain to be offered first. */
const EXPLAINS_MORE = 0.15;

/**
 * Two projects close enough to ask which one is meant: the one whose clause accounts for clearly more of
 * the question comes first (被罚过款，想做信用修复，要跑一趟吗 → 信用修复's project, not penalties').
 */
export function explainingCandidateFirst(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  routing: Routing,
): Routing {
  const second = routing.candidates[1];
  if (routing.action !== "clarify" || routing.kind !== "project" || !second) return routing;
  const alternative = route(index, q, evidence, second.project);
  const share = (r: Routing) => assessAnswerability(index, q, r).explainedShare;
  if (alternative.kind !== "project" || share(alternative) < share(routing) + EXPLAINS_MORE) return routing;
  return {
    ...alternative,
    action: "clarify",
    confidence: routing.confidence,
    candidates: [second, ...routing.candidates.filter((c) => c !== second)],
  };
}

/** A corpus term this rare (BM25 IDF) names one provision: a law article holding it is about the question. */
const RARE_LAW_TERM_IDF = 5;
/** How much of the question such an article must explain to answer in the project's place. */
const LAW_EXPLAINS = 0.5;

/** A figure is asked and the article does not state one of its kind. */
function figureUnstatedBy(q: PreparedQuestion, article: RetrievedPassage): boolean {
  const shape = askedFigure(q.text);
  return !!shape && !shape.test(article.passage.text);
}

/** The same question answered from a law article rather than a project. */
function lawRouting(routing: Routing, article: RetrievedPassage): Routing {
  return {
    ...routing,
    kind: "unclear",
    project: null,
    clause: null,
    leadUnits: [],
    candidates: [],
    reason: "由相关法规条文回答",
    evidence: [article, ...routing.evidence.filter((r) => r !== article)],
  };
}

/**
 * The project's clause does not account for the question, but the law article found with it holds a rare
 * term the lexicon read from the question (背靠背 → 第三方付款) and explains enough of it: answered from
 * that law instead, unless a figure is asked that the article does not state.
 */
function answeredByLaw(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routing: Routing,
  article: RetrievedPassage,
): Decision | undefined {
  const rare = q.expansion.terms.some(
    (t) => index.bm25.idf(t) >= RARE_LAW_TERM_IDF && article.passage.text.includes(t),
  );
  if (!rare || figureUnstatedBy(q, article)) return undefined;
  const fromLaw = lawRouting(routing, article);
  const assessed = assessAnswerability(index, q, fromLaw);
  return assessed.verdict !== "decline" && assessed.explainedShare >= LAW_EXPLAINS
    ? { routing: fromLaw, answerability: assessed }
    : undefined;
}

/** At most this many projects behind the law, and at least this BM25 match, for its article to vouch for a project. */
const NARROW_LAW_PROJECTS = 2;
const STRONG_LAW_MATCH = 14;

/**
 * The project's clause does not account for the question, but a law article behind that very project
 * (its related_projects name it) addresses the ask and, with the clause, explains it: answered within the
 * project, the article quoted (区里的局换了领导、要重新走内部流程 → 项目七 with 第十四条).
 */
function explainedWithProjectLaw(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  routing: Routing,
  article: RetrievedPassage,
): Answerability | undefined {
  const number = routing.project?.number;
  const related = article.passage.relatedProjects ?? [];
  // A law behind many projects (a general act) speaks of too much to vouch for one; a weak match, of too little.
  if (!number || !related.includes(number) || related.length > NARROW_LAW_PROJECTS) return undefined;
  if ((article.bm25Score ?? 0) < STRONG_LAW_MATCH || figureUnstatedBy(q, article)) return undefined;
  const assessed = assessAnswerability(index, q, routing, [article.passage.text]);
  return assessed.verdict === "answer" ? assessed : undefined;
}

/** How much of the question the runner-up's clause must explain to answer in the declined project's place. */
const RUNNER_UP_EXPLAINS = 0.5;

/**
 * The chosen project's clause leaves most of the question unexplained, but the next best project's own
 * clause accounts for it (想去越南设厂，有没有国别政策的信息: 政策信息 found 项目一's clause, 国别政策 is 项目六's):
 * that project answers.
 */
function explainedByRunnerUp(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  routing: Routing,
): Decision | undefined {
  if (routing.kind !== "project" || !routing.runnerUp) return undefined;
  const alternative = route(index, q, evidence, routing.runnerUp);
  if (alternative.kind !== "project") return undefined;
  const assessed = assessAnswerability(index, q, alternative);
  if (assessed.verdict !== "answer" || assessed.explainedShare < RUNNER_UP_EXPLAINS) return undefined;
  return { routing: { ...alternative, confidence: routing.confidence }, answerability: assessed };
}

/**
 * A declined project answer, looked at again: the law article found with it answers instead (from the law,
 * or within the project when the law is the project's own), or else the next best project's own clause does.
 */
export function secondLookAtDecline(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  decision: Decision,
  article: RetrievedPassage | undefined,
  stating: RetrievedPassage | undefined,
): Decision {
  let { routing, answerability } = decision;
  if (article) {
    const fromLaw = answerability.unexplainedDominates ? answeredByLaw(index, q, routing, article) : undefined;
    if (fromLaw) ({ routing, answerability } = fromLaw);
    else if (answerability.unexplainedDominates || answerability.procedure)
      answerability = explainedWithProjectLaw(index, q, routing, article) ?? answerability;
  }
  if (answerability.verdict === "decline" && (answerability.unexplainedDominates || answerability.unread)) {
    const runnerUp = explainedByRunnerUp(index, q, evidence, routing);
    if (runnerUp && !unstatedFigure(index, q, runnerUp.routing, undefined, stating)) return runnerUp;
  }
  return { routing, answerability };
}
