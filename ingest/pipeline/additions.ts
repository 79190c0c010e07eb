// Documents added by admins are managed state, recorded per index version: the version's manifest lists
// them (file, title, status, the version that added it) and their bytes are kept content-addressed in
// DATA_DIR/additions/<sha256>/. DATA_DIR/corpus is made to match the live version on every publish and
// rollback, so a rolled-back or refused document does not come back with the next ingest.
import { createHash } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { docIdFor, sidecarPaths } from "../../knowledge/loaders/index.js";
import type { SourceDocument } from "../../knowledge/types.js";
import type { IndexLayout } from "./layout.js";

export interface AdditionRecord {
  id: string;
  /** File name in DATA_DIR/corpus. */
  file: string;
  title: string;
  status: string;
  issuer?: string;
  /** The version that added this content (unchanged content keeps its first version). */
  addedIn: string;
  sha256: string;
  /** Its NAME.meta.yaml, when it came with one. */
  sidecar?: string;
}

export const storeDir = (layout: IndexLayout) => path.join(layout.dataDir, "additions");

async function sha256File(file: string): Promise<string> {
  return createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");
}

async function copyAtomic(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true });
  const tmp = `${to}.tmp-${process.pid}`;
  await fs.copyFile(from, tmp);
  await fs.rename(tmp, to);
}

/**
 * The additions of a new version: every given or earlier-added file whose document was built (a refused
 * one is never kept). Their bytes (and sidecars) go into the content-addressed store now; nothing visible changes.
 */
export async function recordAdditions(
  layout: IndexLayout,
  files: string[],
  built: SourceDocument[],
  previous: AdditionRecord[] | undefined,
  version: string,
): Promise<AdditionRecord[]> {
  const byId = new Map(built.map((d) => [d.id, d]));
  const before = new Map((previous ?? []).map((r) => [r.id, r]));
  const out: AdditionRecord[] = [];
  for (const file of files) {
    const doc = byId.get(docIdFor(file));
    if (!doc) continue;
    const sha = await sha256File(file);
    const name = path.basename(file);
    const blob = path.join(storeDir(layout), sha, name);
    if (!existsSync(blob)) await copyAtomic(file, blob);
    const sidecarFile = sidecarPaths(file).find((p) => existsSync(p));
    if (sidecarFile) await copyAtomic(sidecarFile, path.join(storeDir(layout), sha, path.basename(sidecarFile)));
    const prev = before.get(doc.id);
    out.push({
      id: doc.id,
      file: name,
      title: doc.meta.title,
      status: doc.meta.status,
      ...(doc.meta.issuer ? { issuer: doc.meta.issuer } : {}),
      addedIn: prev && prev.sha256 === sha ? prev.addedIn : version,
      sha256: sha,
      ...(sidecarFile ? { sidecar: path.basename(sidecarFile) } : {}),
    });
  }
  return out;
}

/** Makes DATA_DIR/corpus hold exactly these additions (files and sidecars), from the store. */
export async function materialiseAdditions(layout: IndexLayout, records: AdditionRecord[]): Promise<void> {
  const dir = layout.addedCorpus;
  await fs.mkdir(dir, { recursive: true });
  const wanted = new Map<string, string>();
  for (const r of records) {
    wanted.set(r.file, path.join(storeDir(layout), r.sha256, r.file));
    if (r.sidecar) wanted.set(r.sidecar, path.join(storeDir(layout), r.sha256, r.sidecar));
  }
  for (const name of await fs.readdir(dir)) {
    if (!wanted.has(name)) await fs.rm(path.join(dir, name), { recursive: true, force: true });
  }
  for (const [name, blob] of wanted) {
    const dest = path.join(dir, name);
    const same = existsSync(dest) && (await sha256File(dest)) === (await sha256File(blob));
    if (!same) await copyAtomic(blob, dest);
  }
}

/** The additions matching NAME: its id, file name or title. */
export function matchAddition(records: AdditionRecord[], name: string): AdditionRecord | undefined {
  const n = name.trim();
  return records.find((r) => r.id === n || r.file === n || r.title === n || r.file === path.basename(n));
}
