import { promises as fs } from "node:fs";
import path from "node:path";
import { IngestError } from "../errors.js";
import type { IndexLayout } from "./layout.js";
import { type IndexManifest, MANIFEST_FILE, readManifest } from "./manifest.js";

export interface PublishedVersion {
  id: string;
  dir: string;
  manifest: IndexManifest;
}

/** The live version (the `current` pointer), or null when nothing was published yet. */
export async function currentVersion(layout: IndexLayout): Promise<PublishedVersion | null> {
  let dir: string;
  try {
    dir = await fs.realpath(layout.current);
  } catch {
    return null;
  }
  const manifest = await readManifest(dir);
  return manifest ? { id: manifest.id, dir, manifest } : null;
}

/**
 * Points `current` at versions/<id> atomically: a temp symlink is created and renamed over
 * the old one (rename(2) replaces in one step; readers see the old or the new, never neither).
 */
export async function switchCurrent(layout: IndexLayout, id: string): Promise<void> {
  const target = path.join("versions", id);
  if (!(await readManifest(path.join(layout.root, target))))
    throw new IngestError("NO_VERSION", `version ${id} is missing or incomplete`);
  const tmp = path.join(layout.root, `current.tmp-${process.pid}-${Date.now()}`);
  await fs.symlink(target, tmp);
  try {
    await fs.rename(tmp, layout.current);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  const dirHandle = await fs.open(layout.root, "r");
  await dirHandle.sync().catch(() => undefined);
  await dirHandle.close();
}

export interface HistoryEntry {
  at: string;
  action: "publish" | "rollback";
  version: string;
  from: string | null;
}

export async function appendHistory(layout: IndexLayout, entry: HistoryEntry): Promise<void> {
  await fs.appendFile(layout.history, JSON.stringify(entry) + "\n");
}

export async function readHistory(layout: IndexLayout): Promise<HistoryEntry[]> {
  const raw = await fs.readFile(layout.history, "utf8").catch(() => "");
  return raw
    .split("\n")
    .filter(Boolean)
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as HistoryEntry];
      } catch {
        return [];
      }
    });
}

/** Complete versions on disk, oldest first (ids sort by time). */
export async function listVersions(layout: IndexLayout): Promise<string[]> {
  const names = await fs.readdir(layout.versions).catch(() => [] as string[]);
  const ok: string[] = [];
  // A version is complete once its manifest.json exists (it is written last, by rename); no need to parse it.
  for (const n of names.sort())
    if (
      await fs.stat(path.join(layout.versions, n, MANIFEST_FILE)).then(
        (st) => st.isFile(),
        () => false,
      )
    )
      ok.push(n);
  return ok;
}

/** Keeps the newest `keep` versions plus the live one; incomplete version dirs are removed too. */
export async function pruneVersions(layout: IndexLayout, keep: number): Promise<string[]> {
  const live = (await currentVersion(layout))?.id;
  const complete = new Set(await listVersions(layout));
  const all = (await fs.readdir(layout.versions).catch(() => [] as string[])).sort();
  const keepSet = new Set([...complete].slice(-keep));
  if (live) keepSet.add(live);
  const removed: string[] = [];
  for (const n of all) {
    if (keepSet.has(n)) continue;
    await fs.rm(path.join(layout.versions, n), { recursive: true, force: true });
    removed.push(n);
  }
  return removed;
}

/**
 * The version to roll back to: the one that was live before the current one (following the
 * publish history, skipping versions no longer on disk), else the newest older version on disk.
 */
export async function previousVersion(layout: IndexLayout): Promise<string | null> {
  const cur = await currentVersion(layout);
  if (!cur) return null;
  const onDisk = new Set(await listVersions(layout));
  const hist = await readHistory(layout);
  for (let i = hist.length - 1; i >= 0; i--) {
    const h = hist[i];
    if (h.action === "publish" && h.version === cur.id && h.from && h.from !== cur.id && onDisk.has(h.from))
      return h.from;
  }
  const older = [...onDisk].filter((v) => v < cur.id);
  return older.length ? older[older.length - 1] : null;
}
