// Several notices may be indexed (one per year). The most recent one in force is preferred; a
// document's related_projects refer to the notice that was current when it was issued.
import type { DocStatus } from "../types.js";
import type { Catalog, Project } from "./types.js";

/** Notices in order of preference: in force before superseded/expired, then the latest year first. */
export function orderCatalogs(
  catalogs: Catalog[],
  statusOf: (docId: string) => DocStatus | undefined = () => undefined,
): Catalog[] {
  const retired = (c: Catalog) => Number(["superseded", "expired"].includes(statusOf(c.docId) ?? ""));
  const when = (c: Catalog) => `${c.year ?? 0}|${c.date ?? ""}|${c.docId}`;
  return [...catalogs].sort((a, b) => retired(a) - retired(b) || (when(a) < when(b) ? 1 : when(a) > when(b) ? -1 : 0));
}

/**
 * The notice a document's related_projects numbers belong to: the latest notice signed on or before
 * the document's own date, else the earliest notice (laws older than every notice were written up
 * against the first one).
 */
export function noticeForDocument(catalogs: Catalog[], issued?: string): Catalog | undefined {
  const byDate = [...catalogs].sort((a, b) => (a.date ?? "").localeCompare(b.date ?? ""));
  if (!byDate.length) return undefined;
  const before = issued ? byDate.filter((c) => c.date && c.date <= issued) : [];
  return before.at(-1) ?? byDate[0];
}

export interface ProjectRef {
  catalog: Catalog;
  project: Project;
}

export const projectKey = (docId: string, number: number) => `${docId}#${number}`;

export function findProject(catalogs: Catalog[], key: string): ProjectRef | undefined {
  const cut = key.lastIndexOf("#");
  const docId = key.slice(0, cut);
  const n = Number(key.slice(cut + 1));
  const catalog = catalogs.find((c) => c.docId === docId);
  const project = catalog?.projects.find((p) => p.number === n);
  return catalog && project ? { catalog, project } : undefined;
}

/** "2025年" when the notice has a year, else "". */
export const yearLabel = (c: Catalog | undefined) => (c?.year ? `${c.year}年` : "");
