// Reads an evaluation file (format: ../shared/eval/README.md) and scores answers.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { canonicalUnitKey } from "../data-files.js";
import type { AnswerResult } from "../types.js";

export const EvalQuestion = z.object({
  id: z.string(),
  q: z.string(),
  project: z.union([z.number().int().min(1).max(10), z.literal("any"), z.null()]),
  units: z.array(z.string()).default([]),
  facts: z.array(z.string()).optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

export function readEvalFile(file: string): EvalQuestion[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const parsed = EvalQuestion.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new Error(
          `${file}:${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
        );
      return parsed.data;
    });
}

export interface Graded {
  id: string;
  q: string;
  project: number | null;
  unit: string | null;
  action: string;
  confidence: number;
  ms: number;
  pass: { project?: boolean; unit?: boolean; declined?: boolean; facts?: boolean };
}

const declined = (r: AnswerResult) => r.project === null && r.action === "escalate";

export function grade(item: EvalQuestion, r: AnswerResult, ms: number): Graded {
  const pass: Graded["pass"] = {};
  if (typeof item.project === "number") {
    pass.project = r.project === item.project;
    const predicted = r.leadUnits[0] ? canonicalUnitKey(r.leadUnits[0]) : "";
    pass.unit = item.units.some((u) => canonicalUnitKey(u) === predicted);
  } else if (item.project === null) {
    pass.declined = declined(r);
  }
  if (item.facts?.length) pass.facts = item.facts.every((f) => r.answer.includes(f));
  return {
    id: item.id,
    q: item.q,
    project: r.project,
    unit: r.leadUnits[0] ?? null,
    action: r.action,
    confidence: r.confidence,
    ms: Math.round(ms * 100) / 100,
    pass,
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function summarize(rows: Graded[]) {
  const share = (key: keyof Graded["pass"]) => {
    const xs = rows.filter((r) => r.pass[key] !== undefined);
    return xs.length ? Math.round((xs.filter((r) => r.pass[key]).length / xs.length) * 1000) / 1000 : null;
  };
  const ms = rows.map((r) => r.ms);
  return {
    ...headline(),
    ...calibration(rows),
    p50Ms: Math.round(percentile(ms, 50) * 100) / 100,
    p95Ms: Math.round(percentile(ms, 95) * 100) / 100,
  };
  function headline() {
    return {
      n: rows.length,
      projectAccuracy: share("project"),
      unitAccuracy: share("unit"),
      outOfScopeDeclined: share("declined"),
      factRecall: share("facts"),
    };
  }
}

/** Confidence bands of answered questions: [from, to). */
const BANDS: [number, number][] = [
  [0, 0.4],
  [0.4, 0.6],
  [0.6, 0.8],
  [0.8, 1.01],
];

/**
 * Calibration, so thresholds are chosen from data: for answered questions (answer or clarify) with an
 * expected project or an expected decline, the share answered right (project and unit; an
 * out-of-scope question answered is wrong) per confidence band; and how often the bot declined.
 */
export function calibration(rows: Graded[]) {
  const answered = rows.filter(
    (r) => r.action !== "escalate" && (r.pass.project !== undefined || r.pass.declined !== undefined),
  );
  const right = (r: Graded) => r.pass.declined === undefined && !!r.pass.project && !!r.pass.unit;
  const bands = BANDS.map(([lo, hi]) => {
    const xs = answered.filter((r) => r.confidence >= lo && r.confidence < hi);
    return {
      band: `${lo.toFixed(1)}-${Math.min(1, hi).toFixed(1)}`,
      answered: xs.length,
      accuracy: xs.length ? round3(xs.filter(right).length / xs.length) : null,
    };
  });
  const inScope = rows.filter((r) => r.pass.project !== undefined);
  const declinedRows = rows.filter((r) => r.action === "escalate");
  return {
    calibration: bands,
    declineRate: rows.length ? round3(declinedRows.length / rows.length) : null,
    inScopeDeclined: inScope.length
      ? round3(inScope.filter((r) => r.action === "escalate").length / inScope.length)
      : null,
    answeredAccuracy: answered.length ? round3(answered.filter(right).length / answered.length) : null,
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;
