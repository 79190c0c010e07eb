import type { IndexManifest, ManifestDocument } from "./manifest.js";

/** What a document is, as the diff names it (for admins and for change notices to enterprises). */
export interface DiffDocumentMeta {
  issuer?: string;
  docNo?: string;
  issued?: string;
  effective?: string;
  status?: string;
  relatedProjects?: number[];
}

/** What changed inside a changed document: its articles/sections (by label) and the figures it states. */
export interface DocumentChanges {
  articles: { added: string[]; removed: string[]; changed: string[] };
  figures: { added: string[]; removed: string[] };
}

export interface IngestDiff {
  from: string | null;
  to: string;
  added: ({ id: string; title: string; passages: number; figures?: string[] } & DiffDocumentMeta)[];
  removed: ({ id: string; title: string; passages: number } & DiffDocumentMeta)[];
  changed: ({
    id: string;
    title: string;
    passagesBefore: number;
    passagesAfter: number;
    changes?: DocumentChanges;
  } & DiffDocumentMeta)[];
  unchanged: number;
  passages: { before: number; after: number };
  catalog: {
    projectsBefore: number;
    projectsAfter: number;
    newFigures: { project: number; figure: string }[];
    removedFigures: { project: number; figure: string }[];
    newLeadUnits: { project: number; unit: string }[];
    removedLeadUnits: { project: number; unit: string }[];
  };
  /** Documents superseded in the new version; `isNew` when they were not superseded before. */
  superseded: { id: string; title: string; supersededBy: string[]; isNew: boolean }[];
}

function byId(docs: ManifestDocument[] | undefined): Map<string, ManifestDocument> {
  return new Map((docs ?? []).map((d) => [d.id, d]));
}

/** What changed between the live version (null: none yet) and a new build. */
export function diffManifests(prev: IndexManifest | null, next: IndexManifest): IngestDiff {
  const before = byId(prev?.documents);
  const after = byId(next.documents);
  const diff: IngestDiff = {
    from: prev?.id ?? null,
    to: next.id,
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    passages: { before: prev?.passageCount ?? 0, after: next.passageCount },
    catalog: {
      projectsBefore: prev?.catalog?.length ?? 0,
      projectsAfter: next.catalog?.length ?? 0,
      newFigures: [],
      removedFigures: [],
      newLeadUnits: [],
      removedLeadUnits: [],
    },
    superseded: [],
  };
  for (const [id, d] of after) {
    const old = before.get(id);
    if (!old)
      diff.added.push({
        id,
        title: d.title,
        passages: d.passages,
        ...metaOf(d),
        ...(d.figures?.length ? { figures: d.figures } : {}),
      });
    else if (old.contentHash !== d.contentHash)
      diff.changed.push({
        id,
        title: d.title,
        passagesBefore: old.passages,
        passagesAfter: d.passages,
        ...metaOf(d),
        ...changesOf(old, d),
      });
    else diff.unchanged++;
    if (d.status === "superseded") {
      diff.superseded.push({
        id,
        title: d.title,
        supersededBy: d.supersededBy ?? [],
        isNew: old?.status !== "superseded",
      });
    }
  }
  for (const [id, d] of before)
    if (!after.has(id)) diff.removed.push({ id, title: d.title, passages: d.passages, ...metaOf(d) });

  const oldProjects = new Map((prev?.catalog ?? []).map((p) => [p.number, p]));
  for (const p of next.catalog ?? []) {
    const o = oldProjects.get(p.number);
    const oldFigures = new Set(o?.figures ?? []);
    const oldUnits = new Set(o?.leadUnits ?? []);
    for (const f of p.figures) if (!oldFigures.has(f)) diff.catalog.newFigures.push({ project: p.number, figure: f });
    for (const u of p.leadUnits) if (!oldUnits.has(u)) diff.catalog.newLeadUnits.push({ project: p.number, unit: u });
    const nowFigures = new Set(p.figures);
    const nowUnits = new Set(p.leadUnits);
    for (const f of o?.figures ?? [])
      if (!nowFigures.has(f)) diff.catalog.removedFigures.push({ project: p.number, figure: f });
    for (const u of o?.leadUnits ?? [])
      if (!nowUnits.has(u)) diff.catalog.removedLeadUnits.push({ project: p.number, unit: u });
  }
  return diff;
}

function metaOf(d: ManifestDocument): DiffDocumentMeta {
  const m: DiffDocumentMeta = { status: d.status };
  if (d.issuer) m.issuer = d.issuer;
  if (d.docNo) m.docNo = d.docNo;
  if (d.issued) m.issued = d.issued;
  if (d.effective) m.effective = d.effective;
  if (d.relatedProjects?.length) m.relatedProjects = d.relatedProjects;
  return m;
}

/** Articles/sections added, removed or reworded, and figures that appeared or went (needs both manifests' digests). */
function changesOf(old: ManifestDocument, now: ManifestDocument): { changes?: DocumentChanges } {
  if (!old.sections || !now.sections) return {};
  const label = (s: string) => s.split(" > ").at(-1)!;
  const a = new Map(old.sections.map(([s, h]) => [label(s), h]));
  const b = new Map(now.sections.map(([s, h]) => [label(s), h]));
  const oldFigures = new Set(old.figures ?? []);
  const newFigures = new Set(now.figures ?? []);
  return {
    changes: {
      articles: {
        added: [...b.keys()].filter((k) => !a.has(k)),
        removed: [...a.keys()].filter((k) => !b.has(k)),
        changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
      },
      figures: {
        added: [...newFigures].filter((f) => !oldFigures.has(f)),
        removed: [...oldFigures].filter((f) => !newFigures.has(f)),
      },
    },
  };
}

export function diffIsEmpty(d: IngestDiff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length;
}

const CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const proj = (n: number) => `（${CN_NUM[n] ?? n}）`;

/** The diff as a short Chinese report for admins (chat reply, CLI output). */
export function formatDiff(d: IngestDiff, maxItems = 8): string {
  const lines: string[] = [];
  const list = <T>(items: T[], fmt: (t: T) => string) => {
    for (const it of items.slice(0, maxItems)) lines.push(`  · ${fmt(it)}`);
    if (items.length > maxItems) lines.push(`  · ……另有 ${items.length - maxItems} 项`);
  };
  lines.push(`版本：${d.from ?? "（无）"} → ${d.to}`);
  lines.push(`文档：新增 ${d.added.length}，删除 ${d.removed.length}，变更 ${d.changed.length}，未变 ${d.unchanged}`);
  const who = (m: DiffDocumentMeta) => [m.issuer, m.docNo, m.issued].filter(Boolean).join("，");
  list(d.added, (a) => `新增《${a.title}》（${a.passages} 段${who(a) ? `；${who(a)}` : ""}）`);
  list(d.removed, (r) => `删除《${r.title}》`);
  list(d.changed, (c) => {
    const ch = c.changes;
    const parts = ch
      ? [
          ch.articles.added.length && `新增 ${ch.articles.added.join("、")}`,
          ch.articles.changed.length && `修改 ${ch.articles.changed.join("、")}`,
          ch.articles.removed.length && `删去 ${ch.articles.removed.join("、")}`,
          ch.figures.added.length && `新数字 ${ch.figures.added.join("、")}`,
        ].filter(Boolean)
      : [];
    return `变更《${c.title}》（${c.passagesBefore} → ${c.passagesAfter} 段${parts.length ? `；${parts.join("；")}` : ""}）`;
  });
  lines.push(`段落总数：${d.passages.before} → ${d.passages.after}`);
  const c = d.catalog;
  if (c.projectsBefore !== c.projectsAfter) lines.push(`项目目录：${c.projectsBefore} → ${c.projectsAfter} 个项目`);
  if (c.newFigures.length) lines.push("新的目标指标：");
  list(c.newFigures, (f) => `${proj(f.project)} ${f.figure}`);
  if (c.removedFigures.length) lines.push("不再出现的目标指标：");
  list(c.removedFigures, (f) => `${proj(f.project)} ${f.figure}`);
  if (c.newLeadUnits.length) lines.push("新的牵头单位：");
  list(c.newLeadUnits, (u) => `${proj(u.project)} ${u.unit}`);
  if (c.removedLeadUnits.length) lines.push("不再牵头的单位：");
  list(c.removedLeadUnits, (u) => `${proj(u.project)} ${u.unit}`);
  if (d.superseded.length) lines.push("已被替代（废止/修订）的文档：");
  list(
    d.superseded,
    (s) =>
      `《${s.title}》${s.supersededBy.length ? ` → ${s.supersededBy.join("、")}` : ""}${s.isNew ? "（本次新标记）" : ""}`,
  );
  return lines.join("\n");
}
