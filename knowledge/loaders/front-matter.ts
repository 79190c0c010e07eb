import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { DocMeta } from "../types.js";
import { BadDocumentError } from "./errors.js";

const dateField = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v.trim()))
  .refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: "must be a date YYYY-MM-DD",
  });

const idList = z.union([z.string().min(1), z.array(z.string().min(1))]).transform((v) => (Array.isArray(v) ? v : [v]));

/** The front matter fields documented in knowledge/corpus/README.md (snake_case in YAML). */
export const FrontMatterSchema = z
  .object({
    title: z.string().trim().min(1, "title must not be empty"),
    issuer: z.string().trim().min(1).optional(),
    doc_no: z.union([z.string(), z.number()]).transform(String).optional(),
    issued: dateField.optional(),
    effective: dateField.optional(),
    expires: dateField.nullable().optional(),
    status: z.enum(["in_force", "superseded", "expired", "unknown"]).optional(),
    supersedes: idList.optional(),
    superseded_by: idList.optional(),
    related_projects: z.array(z.number().int().min(1).max(99)).optional(),
    source: z.string().optional(),
  })
  .strict();

const FENCE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Validates a mapping of front-matter fields (front matter or a NAME.meta.yaml sidecar) into DocMeta fields. */
export function parseMetaFields(
  raw: unknown,
  file: string,
  what = "front matter",
  titleRequired = false,
): Partial<DocMeta> {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new BadDocumentError(file, "invalid_front_matter", `${what} must be a mapping of fields`);
  }
  const res = (titleRequired ? FrontMatterSchema : FrontMatterSchema.partial({ title: true })).safeParse(raw);
  if (!res.success) {
    const why = res.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new BadDocumentError(file, "invalid_front_matter", `${what}: ${why}`);
  }
  const f = res.data;
  const meta: Partial<DocMeta> = {
    title: f.title,
    issuer: f.issuer,
    docNo: f.doc_no,
    issued: f.issued,
    effective: f.effective,
    expires: f.expires,
    status: f.status,
    supersedes: f.supersedes,
    supersededBy: f.superseded_by,
    relatedProjects: f.related_projects,
    source: f.source,
  };
  for (const k of Object.keys(meta) as (keyof DocMeta)[]) if (meta[k] === undefined) delete meta[k];
  return meta;
}

/** Splits `---\nyaml\n---\nbody`. Returns null meta when the text has no front matter. */
export function splitFrontMatter(text: string, file: string): { meta: Partial<DocMeta> | null; body: string } {
  const t = text.replace(/^\uFEFF/, "");
  if (!t.startsWith("---")) return { meta: null, body: t };
  const m = FENCE.exec(t);
  if (!m) throw new BadDocumentError(file, "invalid_front_matter", "opening --- without a closing --- line");
  let raw: unknown;
  try {
    raw = parseYaml(m[1]);
  } catch (e) {
    throw new BadDocumentError(file, "invalid_front_matter", `YAML syntax: ${(e as Error).message.split("\n")[0]}`);
  }
  // Front matter must name its title; a sidecar may leave it to the document.
  const meta = parseMetaFields(raw, file, "front matter", true);
  return { meta, body: t.slice(m[0].length) };
}
