// Checks a validated model output against what was retrieved and what the router decided. Any doubt →
// a fallback reason; only a fully grounded answer becomes the new AnswerResult.
import { maskPersonalData } from "../infra/mask.js";
import type { AnswerResult, Citation, ConversationContext, Passage } from "../types.js";
import { unsupportedFigures } from "./figures.js";
import type { ModelOutput } from "./model-output.js";
import { SYSTEM_PROMPT, type PromptPassage } from "./prompt.js";
import type { FallbackReason } from "./types.js";

export type GuardrailVerdict =
  { ok: true; result: AnswerResult } | { ok: false; reason: FallbackReason; detail: string };

/** "市委金融办（市地方金融管理局）" → "市委金融办"; spaces dropped. */
export function normalizeUnit(unit: string): string {
  return unit.replace(/\s+/g, "").replace(/[（(【[][^）)】\]]*[）)】\]]/g, "");
}

function sameUnit(a: string, b: string): boolean {
  const x = normalizeUnit(a);
  const y = normalizeUnit(b);
  if (!x || !y) return false;
  return x === y || (Math.min(x.length, y.length) >= 3 && (x.includes(y) || y.includes(x)));
}

/** Citation labels the model may leave in its text ("[P1]", "（P2）") are removed for display. */
export function stripLabels(text: string, partial = false): string {
  const t = partial ? text.replace(/[[【（(]\s*P?\d{0,2}$|\bP\d?$/, "") : text;
  return t
    .replace(/[[【（(]\s*P\d{1,2}(?:\s*[,，、]\s*P\d{1,2})*\s*[\]】）)]/g, "")
    .replace(/\bP\d{1,2}\b/g, "")
    .replace(/[ \t]+\n/g, "\n")
    .trim();
}

const LINK = /(?:https?:\/\/|www\.)[^\s，。；、）)"'<>]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

const LEAK_WINDOW = 14;
const leakShingles = new Set<string>();
for (const line of SYSTEM_PROMPT.split("\n")) {
  const s = line.replace(/\s+/g, "");
  for (let i = 0; i + LEAK_WINDOW <= s.length; i++) leakShingles.add(s.slice(i, i + LEAK_WINDOW));
}

/** True when the text repeats a stretch of the system prompt (disclosure after an injection). */
export function leaksSystemPrompt(text: string): boolean {
  const s = text.replace(/\s+/g, "");
  for (let i = 0; i + LEAK_WINDOW <= s.length; i++) if (leakShingles.has(s.slice(i, i + LEAK_WINDOW))) return true;
  return false;
}

/** What an answer may draw figures and links from: the passages, the question (raw and masked), context. */
export function groundingSources(
  passages: Passage[],
  input: Pick<GuardrailInput, "question" | "context" | "extractive">,
): string[] {
  // The model saw the question masked ("139****5678"); both forms count as given.
  const asked = [input.question, input.context?.previousQuestion ?? ""].flatMap((q) => [q, maskPersonalData(q)]);
  // "第四项" / "第4个项目" name a project the passages label "(四)".
  const projects = new Set(
    [input.extractive.project, ...passages.map((p) => p.project)].filter((p): p is number => typeof p === "number"),
  );
  const ordinals = [...projects].map((n) => `第${n}项 第${n}个 第${n}件`);
  return [...passages.map(sourceText), ...asked, input.extractive.projectName ?? "", ...ordinals];
}

/** Figures and links of `text` that `sources` do not contain; null when everything is grounded. */
export function checkGrounding(
  text: string,
  sources: string[],
): { reason: "unsupported_figure" | "unsupported_link"; detail: string } | null {
  const bad = unsupportedFigures(text, sources);
  if (bad.length) return { reason: "unsupported_figure", detail: bad.map((f) => f.raw).join(", ") };
  const joined = sources.join("\n");
  const links = (text.match(LINK) ?? []).filter((l) => !joined.includes(l));
  if (links.length) return { reason: "unsupported_link", detail: links.join(", ") };
  return null;
}

export interface GuardrailInput {
  question: string;
  context?: ConversationContext;
  extractive: AnswerResult;
  shown: PromptPassage[];
  output: ModelOutput;
}

function sourceText(p: Passage): string {
  return `${p.docTitle}\n${p.section}\n${p.text}`;
}

export function checkModelOutput(input: GuardrailInput): GuardrailVerdict {
  const { output, extractive, shown } = input;
  if (!output.answerable)
    return { ok: false, reason: "not_answerable", detail: "model says the passages do not answer" };
  const text = stripLabels(output.answer);
  if (!text) return { ok: false, reason: "invalid_output", detail: "empty answer" };
  if (output.citations.length === 0) return { ok: false, reason: "invalid_output", detail: "no citation" };

  const byLabel = new Map<string, PromptPassage>();
  for (const sp of shown) {
    byLabel.set(sp.label.toLowerCase(), sp);
    byLabel.set(sp.retrieved.passage.id.toLowerCase(), sp);
  }
  const cited: Passage[] = [];
  for (const c of output.citations) {
    const hit = byLabel.get(
      c
        .trim()
        .replace(/^\[|\]$/g, "")
        .toLowerCase(),
    );
    if (!hit)
      return {
        ok: false,
        reason: "unknown_citation",
        detail: `cited ${JSON.stringify(c)}, not among ${shown.length} retrieved`,
      };
    if (!cited.includes(hit.retrieved.passage)) cited.push(hit.retrieved.passage);
  }

  if (leaksSystemPrompt(output.answer))
    return { ok: false, reason: "prompt_leak", detail: "answer repeats the instructions" };

  const sources = groundingSources(cited, input);
  const ungrounded = checkGrounding(text, sources);
  if (ungrounded) return { ok: false, ...ungrounded, detail: `not in cited passages: ${ungrounded.detail}` };

  const routing = decideRouting(output, extractive, cited);
  if (!routing.ok) return routing;

  const superseded = cited.filter((p) => p.status === "superseded");
  let answer = text;
  if (superseded.length && !/废止|失效|替代|取代|修订|旧版|不再有效/.test(answer)) {
    const titles = [...new Set(superseded.map((p) => `《${p.docTitle}》`))].join("、");
    answer += `\n（提示：所引${titles}已被新规定替代，请以现行规定为准。）`;
  }
  const result: AnswerResult = {
    ...extractive,
    project: routing.project,
    projectName: routing.projectName,
    leadUnits: routing.leadUnits,
    answer,
    citations: cited.map(toCitation),
    // The catalog's target figures stay (grounded, shown beside the answer) unless the project changed.
    figures: routing.project === extractive.project ? extractive.figures : [],
    reason: `${extractive.reason ? `${extractive.reason}；` : ""}回答由大模型依据所引资料组织`,
  };
  return { ok: true, result };
}

type Routing = { ok: true; project: number | null; projectName: string | null; leadUnits: string[] };
type Rejection = Extract<GuardrailVerdict, { ok: false }>;

function decideRouting(output: ModelOutput, extractive: AnswerResult, cited: Passage[]): Routing | Rejection {
  const keep: Routing = {
    ok: true,
    project: extractive.project,
    projectName: extractive.projectName,
    leadUnits: extractive.leadUnits,
  };
  const citedProjects = new Set(cited.map((p) => p.project).filter((p): p is number => typeof p === "number"));
  const citedText = cited.map((p) => p.text).join("\n");

  if (output.project !== null && output.project !== extractive.project) {
    // Another project only when every cited project passage belongs to it.
    const supported = citedProjects.size === 1 && citedProjects.has(output.project);
    if (!supported) {
      return {
        ok: false,
        reason: "project_mismatch",
        detail: `model project ${output.project}, router ${extractive.project}, cited projects [${[...citedProjects].join(",")}]`,
      };
    }
    const units = output.leadUnits.filter((u) => citedText.includes(normalizeUnit(u)) || citedText.includes(u));
    if (units.length === 0 || units.length !== output.leadUnits.length) {
      return {
        ok: false,
        reason: "unit_mismatch",
        detail: `units ${output.leadUnits.join("、") || "(none)"} not in cited passages of project ${output.project}`,
      };
    }
    return {
      ok: true,
      project: output.project,
      projectName: projectNameFor(output.project, extractive, cited),
      leadUnits: units,
    };
  }

  // Same project (or the model names none): the primary unit must be the router's.
  const primary = output.leadUnits[0];
  if (primary && extractive.leadUnits.length > 0 && !sameUnit(primary, extractive.leadUnits[0])) {
    return { ok: false, reason: "unit_mismatch", detail: `model unit ${primary}, router ${extractive.leadUnits[0]}` };
  }
  if (
    primary &&
    extractive.leadUnits.length === 0 &&
    !output.leadUnits.every((u) => citedText.includes(normalizeUnit(u)))
  ) {
    return { ok: false, reason: "unit_mismatch", detail: `model unit ${primary} not in cited passages (router: none)` };
  }
  if (primary && extractive.leadUnits.length === 0) return { ...keep, leadUnits: output.leadUnits };
  return keep;
}

function projectNameFor(project: number, extractive: AnswerResult, cited: Passage[]): string | null {
  const cand = extractive.candidates.find((c) => c.project === project);
  if (cand) return cand.projectName;
  const p = cited.find((x) => x.project === project);
  if (!p) return null;
  const last = p.section.split(">").pop()?.trim() ?? "";
  return last.replace(/^[（(][一二三四五六七八九十]+[）)]\s*/, "") || null;
}

function toCitation(p: Passage): Citation {
  const quote = p.text.replace(/\s+/g, " ").trim();
  return {
    document: p.docTitle,
    section: p.section,
    quote: quote.length > 160 ? `${quote.slice(0, 159)}…` : quote,
    passageId: p.id,
    status: p.status,
  };
}
