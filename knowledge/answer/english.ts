// Replies to questions asked in English: the frame (project, lead unit, figures, next step, the
// ticket offer) in English; the notice's clause is quoted in Chinese with its figures.
import type { KnowledgeIndex } from "../index-store.js";
import type { Routing } from "../routing/router.js";
import type { WeightedTerm } from "../retrieval/bm25.js";
import {
  articleToQuote,
  bestSentences,
  type ComposeOptions,
  type ComposedAnswer,
  passageToQuote,
  withContext,
} from "./quote.js";
import { validityText } from "./compose-document.js";
import { nextStep, projectInEnglish, unitInEnglish } from "./next-step.js";

export const MESSAGES_EN = {
  outOfScope: (year?: number | string) =>
    `Sorry, this question is outside Hangzhou's ${year ? `${year} ` : ""}"为企办实事" (Practical Things for Enterprises) notice and the policies behind it, so I cannot give a reliable answer. Reply "转人工" (human agent) and we will open a ticket for staff to follow up.`,
  notCovered: (what: string) =>
    `Sorry, the notice and the related policies do not cover this (${what}), so I cannot give a reliable answer. Reply "转人工" (human agent) and we will open a ticket for staff to follow up.`,
  lowConfidence:
    'Sorry, I could not find anything in the notice or the related policies that matches your question closely enough. Try asking in other words, or reply "转人工" (human agent) for staff to help.',
  clarify:
    'Your question may concern several projects; reply with a number (e.g. "1") to choose. Meanwhile, the closest one:',
  handoff: 'Not solved? Reply "转人工" (human agent) to open a ticket.',
  nextGeneral: "Next step: call the 12345 government service hotline and describe your company's situation.",
} as const;

export function composeEnglish(
  index: KnowledgeIndex,
  routing: Routing,
  terms: readonly WeightedTerm[],
  opts: ComposeOptions,
): ComposedAnswer {
  if (routing.action === "escalate") {
    const declined = routing.kind === "out_of_scope";
    const why =
      declined && opts.answerability?.verdict === "decline"
        ? opts.answerability.unexplained.slice(0, 3).join(", ")
        : "";
    return {
      answer: declined
        ? why
          ? MESSAGES_EN.notCovered(why)
          : MESSAGES_EN.outOfScope(index.catalog?.year)
        : MESSAGES_EN.lowConfidence,
      citations: [],
      figures: [],
    };
  }
  const lines: string[] = [];
  if (routing.action === "clarify") {
    lines.push(MESSAGES_EN.clarify);
    routing.candidates.forEach((c, i) =>
      lines.push(
        `${i + 1}. ${projectInEnglish(c.projectName) ?? c.projectName} (lead unit: ${unitInEnglish(c.leadUnits[0] ?? "")})`,
      ),
    );
  }
  const citations: ComposedAnswer["citations"] = [];
  let figures: string[] = [];
  const notice = routing.catalog ?? index.catalog;
  const noticeTitle = notice?.title ?? "通知";
  if (routing.kind === "project" && routing.project && routing.clause) {
    const { project, clause } = routing;
    const section = `${project.section ?? "二、项目内容"} > ${project.label}${project.name}`;
    figures = [...new Set(clause.targets.map((t) => t.text))];
    const english = projectInEnglish(project.name);
    lines.push(`Project: ${project.label} ${english ? `${english} (${project.name})` : project.name}`);
    lines.push(`Lead unit: ${routing.leadUnits.map((u) => `${unitInEnglish(u)} (${u})`).join("; ")}`);
    if (figures.length) lines.push(`Targets: ${figures.join("; ")}`);
    lines.push(`The notice says: ${clause.text}。(《${noticeTitle}》${section})`);
    citations.push({
      document: noticeTitle,
      section,
      quote: clause.text,
      passageId: `${notice?.docId ?? ""}#p${project.number}c${clause.index}`,
      status: "in_force",
    });
    const { passage: article, facts } = articleToQuote(index, routing, opts.q) ?? {};
    if (article) {
      const quote = withContext(
        article.passage.text,
        bestSentences(index, article.passage.text, terms, undefined, undefined, facts),
      );
      lines.push(
        `Related rule: ${quote}（《${article.passage.docTitle}》${article.passage.section.split(" > ").at(-1)}）`,
      );
      citations.push({
        document: article.passage.docTitle,
        section: article.passage.section,
        quote,
        passageId: article.passage.id,
        status: article.passage.status,
      });
    }
    const step = nextStep(routing.leadUnits[0], true);
    lines.push(step ? `Next step: ${step}` : MESSAGES_EN.nextGeneral);
  } else if (routing.kind === "document" && routing.document) {
    const picked = routing.document.passage.passage;
    const doc = index.documents.get(picked.docId);
    const quote = bestSentences(index, picked.text, terms);
    const where = picked.section === "文件信息" ? "" : picked.section.split(" > ").at(-1);
    lines.push(
      `Document: 《${picked.docTitle}》${doc?.issuer ? `, issued by ${doc.issuer}` : ""}${doc?.docNo ? ` (${doc.docNo})` : ""}`,
    );
    lines.push(`Source text: ${quote}${where ? `（${where}）` : ""}`);
    if (doc) lines.push(`Validity: ${validityText(index, doc, "en")}`);
    lines.push(doc?.issuer ? `Next step: contact the issuing body, ${doc.issuer}.` : MESSAGES_EN.nextGeneral);
    citations.push({
      document: picked.docTitle,
      section: picked.section,
      quote,
      passageId: picked.id,
      status: picked.status,
    });
  } else {
    const { passage: main, facts } = passageToQuote(routing) ?? {};
    if (routing.kind === "notice" && index.catalog) {
      lines.push(`About the notice: 《${index.catalog.title}》, ${index.catalog.projects.length} projects.`);
    }
    if (main) {
      const quote = bestSentences(index, main.passage.text, terms, undefined, undefined, facts);
      lines.push(`Source text: ${quote}（《${main.passage.docTitle}》${main.passage.section}）`);
      citations.push({
        document: main.passage.docTitle,
        section: main.passage.section,
        quote,
        passageId: main.passage.id,
        status: main.passage.status,
      });
    }
    lines.push(MESSAGES_EN.nextGeneral);
  }
  lines.push(MESSAGES_EN.handoff);
  return { answer: lines.join("\n"), citations, figures };
}
