// Plain-text rendering of replies: the console prints it, other channels reuse it for text or
// markdown fallbacks. One place decides how an answer reads as text.
import type { AnswerResult, Candidate, Citation } from "../../knowledge/types.js";
import { LABEL } from "./messages.js";
import type { ReplyStatus } from "./types.js";

const CN_NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/** 4 → "（四）" (channels and their tests rely on this form). */
export function projectOrdinal(n: number): string {
  return `（${CN_NUM[n] ?? n}）`;
}

export function projectLabel(project: number | null, projectName: string | null): string | null {
  if (project == null) return projectName;
  return `${projectOrdinal(project)}${projectName ?? ""}`;
}

const MAX_QUOTE = 80;

function citationLine(c: Citation): string {
  const quote = c.quote.length > MAX_QUOTE ? `${c.quote.slice(0, MAX_QUOTE)}…` : c.quote;
  const status = c.status === "superseded" ? LABEL.superseded : "";
  return `《${c.document}》${status}${c.section ? ` ${c.section}` : ""}${quote ? `：“${quote}”` : ""}`;
}

/**
 * The full answer as plain text: answer, project, lead unit, figures, citations, how to reach a human.
 * The KB's answer text may already contain some of these; only the missing parts are added.
 */
export function renderAnswerText(r: AnswerResult, opts: { maxCitations?: number } = {}): string {
  const body = r.answer.trim();
  const has = (s: string) => body.includes(s);
  const lines: string[] = [];
  if (r.action === "escalate" && !body) lines.push(LABEL.escalateIntro);
  if (body) lines.push(body);
  const meta: string[] = [];
  const project = projectLabel(r.project, r.projectName);
  if (project && r.projectName && !has(r.projectName)) meta.push(`${LABEL.project}：${project}`);
  if (r.leadUnits.length && !r.leadUnits.every(has)) meta.push(`${LABEL.leadUnits}：${r.leadUnits.join("、")}`);
  const figures = r.figures.filter((f) => !has(f));
  if (figures.length) meta.push(`${LABEL.figures}：${figures.join("；")}`);
  if (meta.length) lines.push("", ...meta);
  const cites = r.citations.filter((c) => !has(`《${c.document}》`)).slice(0, opts.maxCitations ?? 3);
  if (cites.length) lines.push("", `${LABEL.citations}：`, ...cites.map((c, i) => `${i + 1}. ${citationLine(c)}`));
  if (!has("转人工")) lines.push("", LABEL.howToReachHuman);
  return lines.join("\n");
}

export function candidateLine(c: Candidate, i: number): string {
  const units = c.leadUnits.length ? `（${LABEL.leadUnits}：${c.leadUnits.join("、")}）` : "";
  return `${i + 1}. ${projectLabel(c.project, c.projectName)}${units}`;
}

/** Clarify reply: the KB's text, plus the numbered candidates unless the KB already listed them. */
export function renderClarifyText(r: AnswerResult, candidates: Candidate[]): string {
  const body = r.answer.trim();
  if (body && candidates.every((c) => body.includes(c.projectName))) return body;
  const lines: string[] = [];
  if (body) lines.push(body, "");
  lines.push(LABEL.clarifyIntro, ...candidates.map(candidateLine));
  return lines.join("\n");
}

/** An answer after a button press: the answer plus a status line on top. */
export function renderStatusText(r: AnswerResult, status: ReplyStatus): string {
  const mark = status.state === "solved" ? "✅" : "👤";
  return `${mark} ${status.note}\n\n${renderAnswerText(r)}`;
}
