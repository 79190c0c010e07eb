import { promises as fs } from "node:fs";
import path from "node:path";
import type { DocumentFacts } from "../../knowledge/index-store.js";
import { hashFile, readText } from "../../knowledge/infra/hashed-files.js";
import type { DocStatus, MetaProvenance } from "../../knowledge/types.js";

export const MANIFEST_FILE = "manifest.json";

export interface ManifestDocument extends DocumentFacts {
  id: string;
  path: string;
  title: string;
  contentHash: string;
  passages: number;
  status: DocStatus;
  docNo?: string;
  effective?: string;
  supersedes?: string[];
  supersededBy?: string[];
  /** Front-matter metadata the push planner shows (bot/push). */
  issuer?: string;
  issued?: string;
  relatedProjects?: number[];
  /** Where the metadata came from and what a derivation could not find (absent for bundled front matter). */
  provenance?: MetaProvenance;
  /** Short digest of every passage (section → text hash), for the diff's changed articles. */
  sections?: [string, string][];
  /** Figures (number + unit) the document states, for the diff's changed figures. */
  figures?: string[];
}

export interface CatalogSummary {
  docId: string;
  title: string;
  year?: number;
  date?: string;
  issuer?: string;
  projects: CatalogProjectSummary[];
}

export interface CatalogProjectSummary {
  number: number;
  name: string;
  leadUnits: string[];
  figures: string[];
}

export interface IndexManifest {
  formatVersion: 1;
  id: string;
  builtAt: string;
  previous: string | null;
  /** Hash of splitter version, embedding model and every document's content hash. */
  fingerprint: string;
  splitter: string;
  embedding: { model: string; dims: number };
  /** Cache key of the embedder (model + dims): vectors are reused only under the same key. */
  embeddingKey: string;
  documentCount: number;
  passageCount: number;
  documents: ManifestDocument[];
  /** The preferred notice's projects (the most recent notice in force). */
  catalog: CatalogProjectSummary[] | null;
  /** Every notice in the version, preferred first (absent in versions built before several notices). */
  catalogs?: CatalogSummary[];
  /** sha256 of every file in the version directory (except this manifest), by relative path. */
  checksums: Record<string, string>;
  /** Fields the knowledge core's own saveIndex wrote (its loader reads them). */
  [extra: string]: unknown;
}

async function listFiles(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(full, base)));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

/**
 * sha256 of every file in `dir` but the manifest. `known` holds sums the writer computed from the bytes it
 * wrote (the knowledge core's saveIndex); only files without one are read and hashed.
 */
export async function checksumDir(dir: string, known: Record<string, string> = {}): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const rel of await listFiles(dir)) {
    if (rel === MANIFEST_FILE) continue;
    sums[rel] = known[rel] ?? (await hashFile(path.join(dir, rel)));
  }
  return sums;
}

/** Written last, after an fsync of its contents: a version directory without it is incomplete. */
export async function writeManifest(dir: string, manifest: IndexManifest): Promise<void> {
  const tmp = path.join(dir, `${MANIFEST_FILE}.tmp`);
  const fh = await fs.open(tmp, "w");
  try {
    await fh.writeFile(JSON.stringify(manifest, null, 2));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await fs.rename(tmp, path.join(dir, MANIFEST_FILE));
}

export async function readManifest(dir: string): Promise<IndexManifest | null> {
  try {
    const m = JSON.parse(await readText(path.join(dir, MANIFEST_FILE))) as IndexManifest;
    return m.formatVersion === 1 ? m : null;
  } catch {
    return null;
  }
}

/** Lists files whose checksum no longer matches the manifest (empty = intact). */
export async function verifyChecksums(dir: string, manifest: IndexManifest): Promise<string[]> {
  const actual = await checksumDir(dir);
  const bad: string[] = [];
  for (const [rel, sum] of Object.entries(manifest.checksums)) if (actual[rel] !== sum) bad.push(rel);
  for (const rel of Object.keys(actual)) if (!(rel in manifest.checksums)) bad.push(rel);
  return bad;
}
