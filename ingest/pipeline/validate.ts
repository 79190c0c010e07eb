import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { KnowledgeCore } from "./core-types.js";
import { type IndexManifest, verifyChecksums } from "./manifest.js";

const SmokeSchema = z.object({
  questions: z.array(z.object({ question: z.string().min(1), project: z.number().int().min(1).max(10).nullable(), unit: z.string().optional() })),
});
export type SmokeQuestion = z.infer<typeof SmokeSchema>["questions"][number];

export const SMOKE_FILE = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "data", "smoke-questions.yaml");

export function loadSmokeQuestions(file = SMOKE_FILE): SmokeQuestion[] {
  return SmokeSchema.parse(parse(readFileSync(file, "utf8"))).questions;
}

export interface ValidationResult {
  ok: boolean;
  problems: string[];
  /** Failed checks that were not required (smoke questions on a first build, see runIngest). */
  warnings: string[];
  checks: { name: string; ok: boolean; detail?: string }[];
}

/**
 * A built version is published only if: its files match the manifest, it loads, every
 * document has passages, the notice (when present — and it must be if the live version had
 * it) yields its ten projects each with lead units, and the smoke questions still route.
 */
export async function validateBuild(
  dir: string,
  manifest: IndexManifest,
  live: IndexManifest | null,
  core: KnowledgeCore,
  smoke: SmokeQuestion[] = loadSmokeQuestions(),
  smokeRequired = true,
): Promise<ValidationResult> {
  const checks: ValidationResult["checks"] = [];
  const check = (name: string, ok: boolean, detail?: string) => checks.push({ name, ok, detail });

  const bad = await verifyChecksums(dir, manifest);
  check("checksums", bad.length === 0, bad.length ? `mismatch: ${bad.join(", ")}` : undefined);
  const empty = manifest.documents.filter((d) => d.passages === 0).map((d) => d.path);
  check("every document has passages", empty.length === 0, empty.join(", ") || undefined);

  let opened;
  try {
    opened = await core.openBuilt(dir);
    check("index loads", true);
  } catch (e) {
    check("index loads", false, (e as Error).message);
  }
  if (opened) {
    check("passage count", opened.passageCount === manifest.passageCount, `${opened.passageCount} loaded, ${manifest.passageCount} built`);
    const cat = opened.catalog;
    if (!cat && live?.catalog) check("notice catalog present", false, "the live version has the notice's project catalog; the new build has none");
    if (cat) {
      const numbers = cat.projects.map((p) => p.number).sort((a, b) => a - b).join(",");
      check("ten projects", numbers === "1,2,3,4,5,6,7,8,9,10", `projects: ${numbers || "none"}`);
      const noUnits = cat.projects.filter((p) => p.leadUnits.length === 0).map((p) => p.number);
      check("lead units", noUnits.length === 0, noUnits.length ? `no lead unit for project(s) ${noUnits.join(", ")}` : undefined);
      for (const q of smoke) {
        try {
          const r = await opened.kb.answer(q.question);
          const ok = (q.project === null ? r.project === null : r.project === q.project) && (!q.unit || r.leadUnits[0] === q.unit);
          const want = `${q.project ?? "out of scope"}${q.unit ? ` / ${q.unit}` : ""}`;
          const got = `${r.project ?? "out of scope"}${q.unit ? ` / ${r.leadUnits[0] ?? "-"}` : ""} (${r.action})`;
          check(`smoke: ${q.question}`, ok, `expected ${want}, got ${got}`);
        } catch (e) {
          check(`smoke: ${q.question}`, false, `threw ${(e as Error).message}`);
        }
      }
    }
  }
  const describe = (c: (typeof checks)[number]) => `${c.name}${c.detail ? `: ${c.detail}` : ""}`;
  const failed = checks.filter((c) => !c.ok);
  const optional = (c: (typeof checks)[number]) => !smokeRequired && c.name.startsWith("smoke:");
  const problems = failed.filter((c) => !optional(c)).map(describe);
  const warnings = failed.filter(optional).map(describe);
  return { ok: problems.length === 0, problems, warnings, checks };
}
