// Extractive answers: the project and its unit, the matching clause quoted, its figures,
// a supporting law article when one fits, and where each piece comes from.
import type { KnowledgeIndex } from "../index-store.js";
import { matchScore, type WeightedTerm } from "../retrieval/bm25.js";
import { cachedTokenSet } from "../text/segment.js";
import type { Routing } from "../routing/routing-types.js";
import { yearLabel } from "../catalog/catalogs.js";
import {
  articleToQuote,
  passageToQuote,
  bestSentences,
  type ComposedAnswer,
  type ComposeOptions,
  supportingArticle,
  withContext,
} from "./quote.js";
import { composeDocumentAnswer } from "./compose-document.js";
import { composeEnglish } from "./english.js";
import { nextStep } from "./next-step.js";
import type { Citation, Passage, RetrievedPassage } from "../types.js";
import { queryTerms } from "../retrieval/retriever.js";
import { type PreparedQuestion, prepareQuestion } from "../routing/prepare-question.js";
import { ASKS, chatSentences } from "../text/asking.js";
import { MESSAGES } from "./messages.js";

export { bestSentences, type ComposedAnswer, type ComposeOptions } from "./quote.js";

function validityNote(index: KnowledgeIndex, p: Passage): string {
  if (p.status === "expired") return "（注意：该文件已过有效期）";
  if (p.status !== "superseded") return "";
  const doc = index.manifest.documents.find((d) => d.id === p.docId);
  const successor = index.manifest.documents.find(
    (d) => d.status === "in_force" && d.title.split("（")[0] === doc?.title.split("（")[0],
  );
  return `（注意：该文件已失效${successor ? `，现行版本为《${successor.title}》` : ""}）`;
}

function citation(index: KnowledgeIndex, p: Passage, quote: string): Citation {
  return { document: p.docTitle, section: p.section, quote, passageId: p.id, status: p.status };
}

/** Title, issuer, date and the ten projects: what a question about the notice as a whole needs first. */
function noticeOverview(c: NonNullable<KnowledgeIndex["catalog"]>): string {
  const d = c.date?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  const issued = [c.issuer, d ? `${d[1]}年${Number(d[2])}月${Number(d[3])}日印发` : null].filter(Boolean).join("，");
  const projects = c.projects.map((p) => `${p.label}${p.name}`).join("、");
  return `通知概况：《${c.title}》${issued ? `（${issued}）` : ""}，共${c.projects.length}件实事（${c.projects.length}个项目）：${projects}。`;
}

/** The sentences of a message that each ask something (split at question marks, or at spaces in chat). */
function askingSentences(text: string): string[] {
  return chatSentences(text)
    .map((s) => s.trim())
    .filter((s) => [...s].length >= 4 && ASKS.test(s));
}

/** For a message that asks two things, the article that addresses the part the main article does not. */
function otherPartArticle(
  index: KnowledgeIndex,
  evidence: RetrievedPassage[],
  q: PreparedQuestion,
  main: RetrievedPassage | undefined,
): { article: RetrievedPassage; part: PreparedQuestion } | undefined {
  const sentences = askingSentences(q.text);
  if (sentences.length < 2) return undefined;
  for (const sentence of sentences) {
    const part = prepareQuestion(sentence);
    // The evidence was ranked for the whole message: rank it again for this part.
    const terms = queryTerms(part);
    const score = (r: RetrievedPassage) => matchScore(cachedTokenSet(r.passage.text), terms, (t) => index.bm25.idf(t));
    const ranked = evidence
      .slice(0, 20)
      .map((r) => ({ r, s: score(r) }))
      .sort((a, b) => b.s - a.s)
      .map(({ r }) => r);
    const article = supportingArticle(index, ranked, part);
    if (article && article.passage.id !== main?.passage.id) return { article, part };
  }
  return undefined;
}

export function composeAnswer(
  index: KnowledgeIndex,
  routing: Routing,
  terms: readonly WeightedTerm[],
  opts: ComposeOptions = {},
): ComposedAnswer {
  if (opts.q?.english) return composeEnglish(index, routing, terms, opts);
  if (routing.action === "escalate") {
    const uncovered =
      routing.kind === "out_of_scope" && opts.answerability?.verdict === "decline" ? routing.reason : undefined;
    const text =
      routing.kind === "out_of_scope"
        ? uncovered
          ? MESSAGES.notCovered(uncovered)
          : MESSAGES.outOfScope
        : MESSAGES.lowConfidence;
    return { answer: text, citations: [], figures: [] };
  }
  const lines: string[] = [];
  if (routing.action === "clarify") {
    // Offer the candidates, and meanwhile answer for the most likely one.
    lines.push(MESSAGES.clarifyIntro);
    const notice = routing.catalog ?? index.catalog;
    routing.candidates.forEach((c, i) =>
      lines.push(
        `${i + 1}. ${notice?.projects.find((p) => p.number === c.project)?.label ?? ""}${c.projectName}（牵头单位：${c.leadUnits[0]}）`,
      ),
    );
    lines.push(MESSAGES.clarifyBest);
  }
  const citations: Citation[] = [];
  let figures: string[] = [];

  if (routing.kind === "document" && routing.document) {
    const doc = composeDocumentAnswer(index, routing, (text) => bestSentences(index, text, terms));
    return { answer: [...lines, ...doc.lines].join("\n"), citations: doc.citations, figures: doc.figures };
  }

  if (routing.kind === "project" && routing.project && routing.clause) {
    const { project, clause } = routing;
    const notice = routing.catalog ?? index.catalog;
    const year = yearLabel(notice ?? undefined);
    const noticeTitle = notice?.title ?? "通知";
    const section = `${project.section ?? "二、项目内容"} > ${project.label}${project.name}`;
    figures = [...new Set(clause.targets.map((t) => t.text))];
    if (opts.focus === "unit") lines.push(`牵头单位：${routing.leadUnits.join("、")}。`);
    if (opts.focus === "figures" && figures.length)
      lines.push(`${year ? `${year}目标` : "相关指标"}：${figures.join("；")}。`);
    if (opts.focus === "where") {
      const step = nextStep(routing.leadUnits[0]);
      if (step) lines.push(`办理途径：${step}`);
    }
    lines.push(`对应项目：${project.label}${project.name}｜牵头单位：${routing.leadUnits.join("、")}`);
    lines.push(`通知原文${year ? `（${year}目标）` : ""}：${clause.text}。（《${noticeTitle}》${section}）`);
    if (figures.length && clause.text.length > 60)
      lines.push(`${year ? `${year}目标` : "目标指标"}：${figures.join("；")}`);
    const passageId = `${notice?.docId ?? ""}#p${project.number}c${clause.index}`;
    citations.push({ document: noticeTitle, section, quote: clause.text, passageId, status: "in_force" });
    if (routing.alsoIn) {
      // The question fits another year's notice too: its figures, labelled with their own year and source.
      const other = routing.alsoIn;
      const otherYear = yearLabel(other.catalog);
      const otherSection = `${other.project.section ?? "二、项目内容"} > ${other.project.label}${other.project.name}`;
      lines.push(
        `${otherYear || "另一份通知"}对应：${other.project.label}${other.project.name}｜牵头单位：${other.unit}`,
      );
      lines.push(
        `通知原文${otherYear ? `（${otherYear}目标）` : ""}：${other.clause.text}。（《${other.catalog.title}》${otherSection}）`,
      );
      citations.push({
        document: other.catalog.title,
        section: otherSection,
        quote: other.clause.text,
        passageId: `${other.catalog.docId}#p${other.project.number}c${other.clause.index}`,
        status: "in_force",
      });
    }
  }

  const overviewOf = routing.catalog ?? index.catalog;
  if (routing.kind === "notice" && overviewOf) lines.push(noticeOverview(overviewOf));

  // A follow-up asking for one part gets that part and the clause, not the whole card again.
  const quoted =
    opts.focus && routing.kind === "project"
      ? undefined
      : routing.kind === "project"
        ? articleToQuote(index, routing, opts.q)
        : passageToQuote(routing);
  const main = quoted?.passage;
  if (main) {
    const quote = withContext(
      main.passage.text,
      bestSentences(index, main.passage.text, terms, undefined, opts.q, quoted.facts),
    );
    const where = `《${main.passage.docTitle}》${main.passage.section === "文件信息" ? "" : main.passage.section.split(" > ").at(-1)}`;
    lines.push(
      `${routing.kind === "project" ? "相关规定" : "答复"}：${quote}（${where}${validityNote(index, main.passage)}）`,
    );
    citations.push(citation(index, main.passage, quote));
  }
  // A message asking two things ("多少天内要缴？逾期会加罚多少？") gets the article for the other one too.
  const second = opts.q && !opts.focus ? otherPartArticle(index, routing.evidence, opts.q, main) : undefined;
  if (second) {
    const quote = withContext(
      second.article.passage.text,
      bestSentences(index, second.article.passage.text, queryTerms(second.part), undefined, second.part),
    );
    const where = `《${second.article.passage.docTitle}》${second.article.passage.section.split(" > ").at(-1)}`;
    lines.push(`相关规定：${quote}（${where}${validityNote(index, second.article.passage)}）`);
    citations.push(citation(index, second.article.passage, quote));
  }
  if (opts.notCovered?.length) lines.push(MESSAGES.partial(opts.notCovered));
  const step = routing.kind === "project" ? nextStep(routing.leadUnits[0]) : undefined;
  lines.push(step ? `下一步：${step}` : MESSAGES.nextStepGeneral);
  lines.push(MESSAGES.handoffHint);
  return { answer: lines.join("\n"), citations, figures };
}
