import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import type { KnowledgeCore, OpenedBuild } from "./core-types.js";
import { type IndexManifest, verifyChecksums } from "./manifest.js";
import type { CatalogLike } from "./steps.js";

const SmokeSchema = z.object({
  /** The year of the notice the numbered questions were written for. */
  notice_year: z.number().int().optional(),
  questions: z.array(
    z.object({ question: z.string().min(1), project: z.number().int().min(1).nullable(), unit: z.string().optional() }),
  ),
});
export type SmokeQuestion = z.infer<typeof SmokeSchema>["questions"][number] & { year?: number };

export const SMOKE_FILE = path.join(
  path.dirname(new URL(import.meta.url).pathname),
  "..",
  "data",
  "smoke-questions.yaml",
);

export function loadSmokeQuestions(file = SMOKE_FILE): SmokeQuestion[] {
  const parsed = SmokeSchema.parse(parse(readFileSync(file, "utf8")));
  return parsed.questions.map((q) =>
    parsed.notice_year && q.project !== null ? { ...q, year: parsed.notice_year } : q,
  );
}

export interface ValidationResult {
  ok: boolean;
  problems: string[];
  /** Failed checks that were not required (smoke questions on a first build, see runIngest). */
  warnings: string[];
  checks: { name: string; ok: boolean; detail?: string }[];
}

const label = (c: CatalogLike) => `${c.year ? `${c.year}年` : ""}《${c.title}》`;

/**
 * A built version is published only if: its files match the manifest, it loads, every document has
 * passages, every notice found yields numbered projects (1..N) each with lead units, no notice that is
 * live loses projects or disappears, and the smoke questions still route. Smoke questions follow the
 * notices found: the file's questions are asked of the notice of their year (named in the question
 * when several notices are indexed), and each notice's projects are asked for by name.
 *
 * `built`: the index as built in memory, when the core hands it back. It is validated instead of a copy
 * loaded from `dir`; the checksums then prove that the files on disk are the bytes serialised from it.
 */
export async function validateBuild(
  dir: string,
  manifest: IndexManifest,
  live: IndexManifest | null,
  core: KnowledgeCore,
  smoke: SmokeQuestion[] = loadSmokeQuestions(),
  smokeRequired = true,
  built?: OpenedBuild,
): Promise<ValidationResult> {
  const checks: ValidationResult["checks"] = [];
  const check = (name: string, ok: boolean, detail?: string) => checks.push({ name, ok, detail });

  const bad = await verifyChecksums(dir, manifest);
  check("checksums", bad.length === 0, bad.length ? `mismatch: ${bad.join(", ")}` : undefined);
  const empty = manifest.documents.filter((d) => d.passages === 0).map((d) => d.path);
  check("every document has passages", empty.length === 0, empty.join(", ") || undefined);

  let opened = built;
  if (opened) check("index loads", true, "validated as built; the saved files are its serialisation (checksums)");
  else {
    try {
      opened = await core.openBuilt(dir);
      check("index loads", true);
    } catch (e) {
      check("index loads", false, (e as Error).message);
    }
  }
  if (opened) {
    check(
      "passage count",
      opened.passageCount === manifest.passageCount,
      `${opened.passageCount} loaded, ${manifest.passageCount} built`,
    );
    const catalogs = opened.catalogs;
    if (!catalogs.length && live?.catalog)
      check("notice catalog present", false, "the live version has a notice's project catalog; the new build has none");
    for (const cat of catalogs) {
      const numbers = cat.projects.map((p) => p.number).sort((a, b) => a - b);
      const consecutive = numbers.every((n, i) => n === i + 1);
      check(
        `notice catalog ${label(cat)}: projects numbered 1..${numbers.length}`,
        consecutive && numbers.length >= 2,
        `projects: ${numbers.join(",") || "none"}`,
      );
      const noUnits = cat.projects.filter((p) => p.leadUnits.length === 0).map((p) => p.number);
      check(
        `notice catalog ${label(cat)}: lead units`,
        noUnits.length === 0,
        noUnits.length ? `no lead unit for project(s) ${noUnits.join(", ")}` : undefined,
      );
      const before = liveProjectCount(live, cat.docId);
      if (before !== undefined && before > cat.projects.length) {
        check(
          `notice catalog ${label(cat)}: no project lost`,
          false,
          `the live version has ${before} projects, the new build ${cat.projects.length}`,
        );
      }
    }
    const several = catalogs.length > 1;
    const questions = smoke.flatMap((q) => {
      if (q.project === null) return [{ ...q, ask: q.question }];
      const notice = catalogs.find((c) => c.year === q.year) ?? (q.year === undefined ? catalogs[0] : undefined);
      if (!notice) return []; // written for a notice this build does not have
      return [
        { ...q, ask: several && notice.year ? `${notice.year}年${q.question}` : q.question, notice: notice.docId },
      ];
    });
    if (catalogs.length) {
      for (const q of questions) {
        try {
          const r = await opened.kb.answer(q.ask);
          const rightNotice = !("notice" in q) || !several || r.notice?.docId === q.notice;
          const ok =
            (q.project === null ? r.project === null : r.project === q.project && rightNotice) &&
            (!q.unit || r.leadUnits[0] === q.unit);
          const want = `${q.project ?? "out of scope"}${q.unit ? ` / ${q.unit}` : ""}`;
          const got = `${r.project ?? "out of scope"}${q.unit ? ` / ${r.leadUnits[0] ?? "-"}` : ""} (${r.action}${r.notice?.year ? `, ${r.notice.year}` : ""})`;
          check(`smoke: ${q.ask}`, ok, `expected ${want}, got ${got}`);
        } catch (e) {
          check(`smoke: ${q.ask}`, false, `threw ${(e as Error).message}`);
        }
      }
      // Advisory, and only for notices new or changed in this build (an unchanged one was checked when it came).
      const hashOf = (m: IndexManifest | null, id: string) => m?.documents.find((d) => d.id === id)?.contentHash;
      for (const cat of catalogs)
        if (!live || hashOf(live, cat.docId) !== hashOf(manifest, cat.docId))
          await checkProjectsByName(cat, several, opened.kb, check);
    }
  }
  const describe = (c: (typeof checks)[number]) => `${c.name}${c.detail ? `: ${c.detail}` : ""}`;
  const failed = checks.filter((c) => !c.ok);
  const optional = (c: (typeof checks)[number]) =>
    c.name.startsWith(ADVISORY) || (!smokeRequired && c.name.startsWith("smoke"));
  const problems = failed.filter((c) => !optional(c)).map(describe);
  const warnings = failed.filter(optional).map(describe);
  return { ok: problems.length === 0, problems, warnings, checks };
}

function liveProjectCount(live: IndexManifest | null, docId: string): number | undefined {
  if (!live) return undefined;
  const found = live.catalogs?.find((c) => c.docId === docId);
  if (found) return found.projects.length;
  // Versions built before several notices: `catalog` is the one notice, `catalogDocId` names it.
  return live.catalogDocId === docId ? (live.catalog?.length ?? undefined) : undefined;
}

/** Checks that only warn: a project asked for by name may fairly be answered by a measure on the same subject. */
const ADVISORY = "hint: ";

/** Each project of a notice, asked for by its name and the start of its first clause (with the year when several notices are indexed), must route to itself; most must. */
async function checkProjectsByName(
  cat: CatalogLike,
  several: boolean,
  kb: { answer(q: string): Promise<{ project: number | null; notice?: { docId: string } }> },
  check: (name: string, ok: boolean, detail?: string) => void,
) {
  const missed: string[] = [];
  for (const p of cat.projects) {
    const firstClause = p.clauses?.[0]?.text.slice(0, 30) ?? "";
    const ask = `${several && cat.year ? `${cat.year}年` : ""}${p.name.replace(/[。.]$/, "")}：${firstClause}`;
    const r = await kb.answer(ask);
    if (r.project !== p.number || (several && r.notice?.docId !== cat.docId))
      missed.push(`(${p.number}) → ${r.project ?? "none"}`);
  }
  // Names are short and some share words across projects; a parse that is really broken misses most.
  const ok = missed.length <= Math.floor(cat.projects.length / 5);
  check(
    `${ADVISORY}projects of ${label(cat)} found by name`,
    ok,
    missed.length ? `not routed to themselves: ${missed.join(", ")}` : undefined,
  );
}
