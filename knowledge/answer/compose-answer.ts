// Extractive answers: the project and its unit, the matching clause quoted, its figures,
// a supporting law article when one fits, and where each piece comes from.
import { findUnit } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import type { WeightedTerm } from "../retrieval/bm25.js";
import type { Routing } from "../routing/router.js";
import { indexTokens } from "../text/segment.js";
import type { Citation, Passage, RetrievedPassage } from "../types.js";
import { MESSAGES } from "./messages.js";

const MAX_QUOTE = 160;

export interface ComposedAnswer {
  answer: string;
  citations: Citation[];
  figures: string[];
}

/** The sentences of a passage that best match the question, in their original order. */
export function bestSentences(index: KnowledgeIndex, text: string, terms: WeightedTerm[], max = MAX_QUOTE): string {
  const sentences = text.match(/[^。；;！？\n]+[。；;！？]?/g)?.map((s) => s.trim()).filter(Boolean) ?? [text];
  const scored = sentences.map((s, i) => {
    const tokens = new Set(indexTokens(s));
    const score = terms.reduce((acc, { term, weight }) => acc + (tokens.has(term) ? weight * index.bm25.idf(term) : 0), 0);
    return { s, i, score };
  });
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.i - b.i);
  const picked: typeof scored = [];
  let length = 0;
  for (const c of ranked) {
    if (picked.length && (c.score <= 0 || length + c.s.length > max)) continue;
    picked.push(c);
    length += c.s.length;
  }
  const quote = picked.sort((a, b) => a.i - b.i).map((c) => c.s).join("");
  return quote.length > max * 1.5 ? `${quote.slice(0, max)}…` : quote;
}

function validityNote(index: KnowledgeIndex, p: Passage): string {
  if (p.status !== "superseded") return "";
  const doc = index.manifest.documents.find((d) => d.id === p.docId);
  const successor = index.manifest.documents.find((d) => d.status === "in_force" && d.title.split("（")[0] === doc?.title.split("（")[0]);
  return `（注意：该文件已失效${successor ? `，现行版本为《${successor.title}》` : ""}）`;
}

function citation(index: KnowledgeIndex, p: Passage, quote: string): Citation {
  return { document: p.docTitle, section: p.section, quote, passageId: p.id, status: p.status };
}

/** A law article among the evidence that genuinely matches (BM25 found it, near the top). */
function supportingArticle(evidence: RetrievedPassage[]): RetrievedPassage | undefined {
  return evidence.slice(0, 6).find((r) => r.passage.kind === "article" && (r.bm25Score ?? 0) > 4);
}

function contactLine(units: string[]): string {
  const info = findUnit(units[0] ?? "");
  return info?.contact ? `咨询渠道：${info.name}（${info.contact}）。` : "";
}

export function composeAnswer(index: KnowledgeIndex, routing: Routing, terms: WeightedTerm[]): ComposedAnswer {
  if (routing.action === "escalate") {
    return { answer: routing.kind === "out_of_scope" ? MESSAGES.outOfScope : MESSAGES.lowConfidence, citations: [], figures: [] };
  }
  if (routing.action === "clarify") {
    const lines = routing.candidates.map((c, i) => `${i + 1}. ${index.catalog?.projects.find((p) => p.number === c.project)?.label ?? ""}${c.projectName}（牵头单位：${c.leadUnits[0]}）`);
    return { answer: [MESSAGES.clarifyIntro, ...lines].join("\n"), citations: [], figures: [] };
  }

  const lines: string[] = [];
  const citations: Citation[] = [];
  let figures: string[] = [];

  if (routing.kind === "project" && routing.project && routing.clause) {
    const { project, clause } = routing;
    const noticeTitle = index.catalog?.title ?? "通知";
    lines.push(`对应项目：${project.label}${project.name}`);
    lines.push(`牵头单位：${routing.leadUnits.join("、")}`);
    lines.push(`相关内容：${clause.text}`);
    figures = [...new Set(clause.targets.map((t) => t.text))];
    if (figures.length) lines.push(`目标指标：${figures.join("；")}`);
    citations.push({ document: noticeTitle, section: `二、项目内容 > ${project.label}${project.name}`, quote: clause.text, passageId: `${routing.evidence.find((r) => r.passage.project === project.number)?.passage.docId ?? index.catalog?.docId}#p${project.number}c${clause.index}`, status: "in_force" });
  }

  const main = routing.kind === "project" ? supportingArticle(routing.evidence) : routing.evidence.find((r) => r.passage.kind !== "clause") ?? routing.evidence[0];
  if (main) {
    const quote = bestSentences(index, main.passage.text, terms);
    const where = `《${main.passage.docTitle}》${main.passage.section === "文件信息" ? "" : main.passage.section}`;
    lines.push(`${routing.kind === "project" ? "相关规定" : "答复"}：${quote}`);
    lines.push(`（出处：${where}${validityNote(index, main.passage)}）`);
    citations.push(citation(index, main.passage, quote));
  }
  if (routing.kind === "project") {
    lines.push(`（出处：《${index.catalog?.title ?? "通知"}》二、项目内容 ${routing.project?.label ?? ""}）`);
    const contact = contactLine(routing.leadUnits);
    if (contact) lines.push(contact);
  }
  lines.push(MESSAGES.handoffHint);
  return { answer: lines.join("\n"), citations, figures };
}
