// Minimal loader for the bundled corpus (.txt and .md with YAML front matter).
// The admin ingest pipeline (ingest/) has the full set of loaders; this one lets the
// knowledge core stand alone for tests and the first run.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { DocMeta, SourceDocument } from "./types.js";

function toList(v: unknown): string[] | undefined {
  if (v == null) return undefined;
  return (Array.isArray(v) ? v : [v]).map(String);
}

function dateString(v: unknown): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return v == null ? undefined : String(v);
}

export function metaFromFrontMatter(fm: Record<string, unknown>, fallbackTitle: string): DocMeta {
  const status = fm.status === "in_force" || fm.status === "superseded" ? fm.status : "unknown";
  return {
    title: String(fm.title ?? fallbackTitle),
    issuer: fm.issuer == null ? undefined : String(fm.issuer),
    docNo: fm.doc_no == null ? undefined : String(fm.doc_no),
    issued: dateString(fm.issued),
    effective: dateString(fm.effective),
    expires: dateString(fm.expires) ?? null,
    status,
    supersedes: toList(fm.supersedes),
    supersededBy: toList(fm.superseded_by),
    relatedProjects: toList(fm.related_projects)?.map(Number).filter((n) => n >= 1 && n <= 10),
    source: fm.source == null ? undefined : String(fm.source),
  };
}

export function documentFromText(id: string, filePath: string, raw: string): SourceDocument {
  let text = raw.replace(/^\ufeff/, "");
  let fm: Record<string, unknown> = {};
  const m = text.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n?/);
  if (m) {
    fm = (parse(m[1]) as Record<string, unknown>) ?? {};
    text = text.slice(m[0].length);
  }
  const firstLine = text.split("\n").map((l) => l.replace(/^#+\s*/, "").trim()).find(Boolean) ?? id;
  const meta = metaFromFrontMatter(fm, firstLine);
  const contentHash = createHash("sha256").update(JSON.stringify(meta)).update(text).digest("hex");
  return { id, path: filePath, contentHash, meta, text };
}

/** Every .txt/.md file below `dir`, sorted by path. */
export function loadBundledCorpus(dir: string): SourceDocument[] {
  const files: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.(txt|md)$/i.test(name) && name !== "README.md") files.push(full);
    }
  };
  walk(dir);
  return files.map((f) => documentFromText(path.basename(f).replace(/\.[^.]+$/, ""), path.relative(dir, f), readFileSync(f, "utf8")));
}
