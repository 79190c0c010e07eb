// Adapter: which documents a publish added or changed, with what the push card shows (title, issuer,
// date, related projects, what is new). Computed here from the two published versions (manifest +
// passages.json); when ingest's report carries structured per-document changes, only
// `documentChangesBetween` needs to read those instead.
import { promises as fs } from "node:fs";
import path from "node:path";
import type { DocStatus, Passage } from "../../knowledge/types.js";
import type { IndexManifest, ManifestDocument } from "../../ingest/pipeline/manifest.js";
import type { ProjectInfo } from "./topics.js";

export interface DocumentChange {
  docId: string;
  /** `${docId}@${contentHash}`: one version of one document. */
  docKey: string;
  change: "added" | "changed";
  title: string;
  issuer?: string;
  /** Issued (or effective) date, YYYY-MM-DD. */
  date?: string;
  docNo?: string;
  status: DocStatus;
  relatedProjects: number[];
  /** The text topics are matched on: the whole document when added, the new or changed parts when changed. */
  text: string;
  /** One or two short lines: new articles, changed figures. */
  whatNew: string[];
}

export interface PublishedChanges {
  from: string | null;
  to: string;
  projects: ProjectInfo[];
  changes: DocumentChange[];
}

interface VersionData {
  manifest: IndexManifest;
  passagesByDoc: Map<string, Passage[]>;
}

async function readVersion(dir: string): Promise<VersionData> {
  const manifest = JSON.parse(await fs.readFile(path.join(dir, "manifest.json"), "utf8")) as IndexManifest;
  const passages = JSON.parse(await fs.readFile(path.join(dir, "passages.json"), "utf8")) as
    Passage[] | { passages: Passage[] };
  const list = Array.isArray(passages) ? passages : passages.passages;
  const passagesByDoc = new Map<string, Passage[]>();
  for (const p of list) {
    let arr = passagesByDoc.get(p.docId);
    if (!arr) passagesByDoc.set(p.docId, (arr = []));
    arr.push(p);
  }
  return { manifest, passagesByDoc };
}

/** The last part of a section path: "第三章 > 第十四条" → "第十四条". */
function sectionLabel(p: Passage): string {
  const parts = p.section
    .split(">")
    .map((s) => s.trim())
    .filter(Boolean);
  return parts[parts.length - 1] ?? p.section;
}

const FIGURE =
  /[\p{Script=Han}A-Za-z]{0,10}?(?:不低于|不高于|不超过|不少于|达到|提高到|降至|降低到|最高|最低|以上|以内|)?\s*\d+(?:\.\d+)?\s*(?:%|％|万元|亿元|元|个工作日|工作日|天|日|个月|年|家|人次|人|倍|项|条)/gu;

/** Figures with their unit and a few words before them ("担保费率不高于0.8%"). */
export function figuresIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.normalize("NFKC").matchAll(FIGURE)) out.add(m[0].replace(/\s+/g, ""));
  return [...out];
}

function listLine(prefix: string, items: string[], max = 4): string {
  const shown = items.slice(0, max).join("、");
  return `${prefix}${shown}${items.length > max ? ` 等 ${items.length} 处` : ""}`;
}

function projectsOf(doc: ManifestDocument, passages: Passage[]): number[] {
  const set = new Set<number>(doc.relatedProjects ?? []);
  for (const p of passages) {
    if (p.project) set.add(p.project);
    for (const n of p.relatedProjects ?? []) set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}

function describeAdded(passages: Passage[]): { whatNew: string[]; text: string } {
  const text = passages.map((p) => p.text).join("\n");
  const articles = passages.filter((p) => p.kind === "article").map(sectionLabel);
  const figures = figuresIn(text);
  const whatNew = [articles.length ? `新发布，共 ${new Set(articles).size} 条` : `新发布，共 ${passages.length} 段`];
  if (figures.length) whatNew.push(listLine("涉及指标：", figures, 3));
  return { whatNew, text };
}

function describeChanged(
  before: Passage[],
  after: Passage[],
): { whatNew: string[]; text: string; passages: Passage[] } {
  const oldBySection = new Map<string, string>();
  for (const p of before) oldBySection.set(p.section, `${oldBySection.get(p.section) ?? ""}${p.text}`);
  const newBySection = new Map<string, Passage[]>();
  for (const p of after) {
    const arr = newBySection.get(p.section);
    if (arr) arr.push(p);
    else newBySection.set(p.section, [p]);
  }
  const added: string[] = [];
  const modified: string[] = [];
  const touched: Passage[] = [];
  for (const [section, ps] of newBySection) {
    const text = ps.map((p) => p.text).join("");
    const old = oldBySection.get(section);
    if (old === undefined) added.push(sectionLabel(ps[0]));
    else if (old !== text) modified.push(sectionLabel(ps[0]));
    else continue;
    touched.push(...ps);
  }
  const removed = [...oldBySection.keys()].filter((s) => !newBySection.has(s)).length;
  const oldFigures = new Set(figuresIn(before.map((p) => p.text).join("\n")));
  const newFigures = figuresIn(touched.map((p) => p.text).join("\n")).filter((f) => !oldFigures.has(f));
  const lines: string[] = [];
  const parts: string[] = [];
  if (added.length) parts.push(listLine("新增", added));
  if (modified.length) parts.push(listLine("修改", modified));
  if (removed) parts.push(`删除 ${removed} 处`);
  lines.push(parts.length ? parts.join("；") : "内容有更新");
  if (newFigures.length) lines.push(listLine("新的数字：", newFigures, 3));
  return { whatNew: lines, text: touched.map((p) => p.text).join("\n"), passages: touched };
}

function toChange(
  doc: ManifestDocument,
  change: DocumentChange["change"],
  d: { whatNew: string[]; text: string },
  projects: number[],
): DocumentChange {
  return {
    docId: doc.id,
    docKey: `${doc.id}@${doc.contentHash}`,
    change,
    title: doc.title,
    issuer: doc.issuer,
    date: doc.issued ?? doc.effective,
    docNo: doc.docNo,
    status: doc.status,
    relatedProjects: projects,
    text: d.text,
    whatNew: d.whatNew,
  };
}

/**
 * Documents added or changed from version `fromDir` to `toDir` (null: nothing before — no changes,
 * the first build is not news). Superseded documents are not pushed.
 */
export async function documentChangesBetween(fromDir: string | null, toDir: string): Promise<PublishedChanges> {
  const next = await readVersion(toDir);
  const projects: ProjectInfo[] = (next.manifest.catalog ?? []).map((p) => ({
    number: p.number,
    name: p.name,
    leadUnits: p.leadUnits,
  }));
  if (!fromDir) return { from: null, to: next.manifest.id, projects, changes: [] };
  const prev = await readVersion(fromDir);
  const before = new Map(prev.manifest.documents.map((d) => [d.id, d]));
  const changes: DocumentChange[] = [];
  for (const doc of next.manifest.documents) {
    if (doc.status === "superseded") continue;
    const old = before.get(doc.id);
    if (old && old.contentHash === doc.contentHash) continue;
    const passages = next.passagesByDoc.get(doc.id) ?? [];
    if (!old) {
      changes.push(toChange(doc, "added", describeAdded(passages), projectsOf(doc, passages)));
      continue;
    }
    const d = describeChanged(prev.passagesByDoc.get(doc.id) ?? [], passages);
    // A changed notice concerns the projects whose clauses changed, not all ten.
    const touchedProjects = [...new Set(d.passages.map((p) => p.project).filter((n): n is number => Boolean(n)))];
    changes.push(toChange(doc, "changed", d, touchedProjects.length ? touchedProjects : projectsOf(doc, passages)));
  }
  return { from: prev.manifest.id, to: next.manifest.id, projects, changes };
}
