// The step beside the router: a question close to an approved service-desk entry is answered with
// it; labelled questions of resolved tickets vote (nearest neighbours) for the project they were
// about, or for "not in the notice's scope".
import { findUnit } from "../data-files.js";
import { MESSAGES } from "../answer/messages.js";
import type { PreparedQuestion } from "../routing/prepare-question.js";
import type { AnswerResult } from "../types.js";
import type { FaqMatcher, FaqNeighbour } from "./faq-matcher.js";

/**
 * How much reviewed knowledge counts (calibrated once on the experiment's ticketed-question
 * paraphrases and the regular evaluation sets, never on its held-out questions; see README):
 * - answer: an approved entry answers when the question is at least this similar to a phrasing;
 * - route: labelled questions at least this similar count as routing evidence;
 * - overruleMargin: labels overrule the router only when their similarity is at most this far
 *   below the router's own confidence (or the router escalated);
 * - declineMargin: the same for "not in the notice's scope" labels, stricter because a wrong
 *   decline throws a right answer away.
 */
// declineFloor: turning an answer into a decline is the costliest steer, so it needs similar labelled
// questions in absolute terms too, not only relative to the router's (explained-share-scaled) confidence.
export const FAQ_POLICY = { answer: 0.6, route: 0.25, overruleMargin: 0.35, declineMargin: 0.3, declineFloor: 0.4 };
export const ANSWER_SIMILARITY = FAQ_POLICY.answer;
/** The winning label needs this share of the neighbours' similarity mass. */
const ROUTE_MAJORITY = 0.6;
const NEIGHBOURS = 5;

export type FaqDecision =
  | { kind: "answer"; neighbour: FaqNeighbour }
  | { kind: "route"; project: number; similarity: number; support: FaqNeighbour[] }
  | { kind: "decline"; similarity: number; support: FaqNeighbour[] };

export function consultFaq(matcher: FaqMatcher | null | undefined, q: PreparedQuestion): FaqDecision | null {
  if (!matcher?.size || q.issue || q.scope.injection) return null;
  const near = matcher.nearest(q, NEIGHBOURS);
  const answer = near.find((n) => n.item.kind === "entry" && n.item.answer.trim() && n.similarity >= FAQ_POLICY.answer);
  if (answer) return { kind: "answer", neighbour: answer };
  const support = near.filter((n) => n.similarity >= FAQ_POLICY.route);
  if (!support.length) return null;
  const votes = new Map<string, number>();
  for (const n of support) {
    const label = labelOf(n);
    if (label) votes.set(label, (votes.get(label) ?? 0) + n.similarity);
  }
  const total = [...votes.values()].reduce((a, b) => a + b, 0);
  const [label, mass] = [...votes.entries()].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (!label || !total || mass! / total < ROUTE_MAJORITY) return null;
  const backing = support.filter((n) => labelOf(n) === label);
  const similarity = Math.max(...backing.map((n) => n.similarity));
  if (label === "out") return { kind: "decline", similarity, support: backing };
  return { kind: "route", project: Number(label), similarity, support: backing };
}

function labelOf(n: FaqNeighbour): string | null {
  if (n.item.scope === "out_of_scope") return "out";
  return n.item.project != null ? String(n.item.project) : null;
}

const CN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** The reply for a question an approved entry answers, marked as a service-desk answer. */
export function faqAnswerResult(question: string, n: FaqNeighbour): AnswerResult {
  const e = n.item;
  const approved = e.approvedAt ? `${e.approvedAt} 审核通过` : "已审核";
  const lines = [`服务台答复（${approved}，编号 ${e.id}）：`];
  const out = e.scope === "out_of_scope";
  const body = e.answer.trim();
  lines.push(out && !body.startsWith("这不属于") ? `这不属于为企办实事事项，${body}` : body);
  if (out && e.department && !body.includes(e.department)) lines.push(`承办部门：${e.department}`);
  if (!out && e.project != null)
    lines.push(
      `对应项目：（${CN[e.project] ?? e.project}）${e.projectName ?? ""}${e.unit ? `｜承办单位：${e.unit}` : ""}`,
    );
  else if (!out && e.unit) lines.push(`承办单位：${e.unit}`);
  if (e.document) lines.push(`相关文件：《${e.document.replace(/^《|》$/g, "")}》`);
  const contact = !out && e.unit ? findUnit(e.unit)?.contact : undefined;
  lines.push(`${contact ? `咨询渠道：${findUnit(e.unit!)!.name}（${contact}）。` : ""}${MESSAGES.handoffHint}`);
  return {
    question,
    project: out ? null : e.project,
    projectName: out ? null : e.projectName,
    leadUnits: out ? [] : e.unit ? [e.unit] : [],
    confidence: round(n.similarity),
    action: out ? "escalate" : "answer",
    answer: lines.join("\n"),
    citations: [{ document: "服务台知识库", section: `${e.id}（${approved}）`, quote: body.slice(0, 160) }],
    candidates: [],
    figures: [],
    passages: [],
    reason: `与服务台已审核条目 ${e.id} 相似（${round(n.similarity)}）`,
    faq: { id: e.id, kind: "entry", approvedAt: e.approvedAt, similarity: round(n.similarity) },
  };
}

/** A decline backed by staff labels: the question resembles ones staff marked out of scope. */
export function labelledDecline(question: string, d: Extract<FaqDecision, { kind: "decline" }>): AnswerResult {
  return {
    question,
    project: null,
    projectName: null,
    leadUnits: [],
    confidence: 0,
    action: "escalate",
    answer: MESSAGES.outOfScope,
    citations: [],
    candidates: [],
    figures: [],
    passages: [],
    reason: `与服务台标注为“不在通知范围”的问题相似（${round(d.similarity)}）`,
    faq: {
      id: d.support[0].item.id,
      kind: d.support[0].item.kind,
      approvedAt: d.support[0].item.approvedAt,
      similarity: round(d.similarity),
    },
  };
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
