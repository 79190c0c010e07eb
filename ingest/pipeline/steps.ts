// The pure-ish steps between load and publish: chunk, embed, summarise. Plain data in and out.
import type { Passage, SourceDocument } from "../../knowledge/types.js";
import { BadDocumentError } from "../../knowledge/loaders/errors.js";
import { documentFacts } from "../../knowledge/index-store.js";
import { figuresIn } from "../../knowledge/answer/figures.js";
import { type IngestCache, sha256 } from "./cache.js";
import type { CatalogProjectSummary, CatalogSummary, ManifestDocument } from "./manifest.js";

/** What the ingest pipeline needs from the knowledge core (see ./core.ts for the real one). */
export interface EmbedderLike {
  /** Identifies model + dimensions + settings; vectors are cached under this key. */
  readonly modelKey: string;
  readonly dims: number;
  /** Texts per call it prefers (default 256: few round trips to a remote model). */
  readonly batchSize?: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
}

export interface ChunkResult {
  byDoc: Map<string, Passage[]>;
  fromCache: number;
  split: number;
  errors: BadDocumentError[];
}

/**
 * Splits each document with the knowledge core's structure-aware splitter (cached by content
 * hash + splitter version), then enforces the size bound on any passage that exceeds it.
 */
export function chunkDocuments(
  docs: SourceDocument[],
  split: (doc: SourceDocument) => Passage[],
  splitterVersion: string,
  cache: IngestCache,
  maxChars: number,
  onDoc?: () => void,
  /** The live version's passages per document (same splitter and size bound): used when the content hash matches. */
  live?: Map<string, { contentHash: string; passages: Passage[] }>,
): ChunkResult {
  const res: ChunkResult = { byDoc: new Map(), fromCache: 0, split: 0, errors: [] };
  const cacheKey = `${splitterVersion}|max=${maxChars}`;
  for (const doc of docs) {
    const kept = live?.get(doc.id);
    let passages =
      kept && kept.contentHash === doc.contentHash ? kept.passages : cache.getPassages(doc.contentHash, cacheKey);
    if (passages) res.fromCache++;
    else {
      try {
        passages = boundPassages(split(doc), maxChars);
      } catch (e) {
        res.errors.push(new BadDocumentError(doc.path, "corrupt", `splitting failed: ${(e as Error).message}`));
        onDoc?.();
        continue;
      }
      res.split++;
      if (passages.length) cache.putPassages(doc.contentHash, cacheKey, passages);
    }
    if (!passages.length)
      res.errors.push(new BadDocumentError(doc.path, "no_passages", "the splitter produced no passages"));
    else if (passages.length > MAX_PASSAGES_PER_DOCUMENT)
      res.errors.push(
        new BadDocumentError(doc.path, "too_large", `${passages.length} passages > ${MAX_PASSAGES_PER_DOCUMENT}`),
      );
    else res.byDoc.set(doc.id, passages);
    onDoc?.();
  }
  return res;
}

/** A document that splits into more passages than this is refused (a pathological or padded file). */
export const MAX_PASSAGES_PER_DOCUMENT = 5000;

const SENTENCE_END = /(?<=[。！？；!?;\n])/;

/** Splits passages longer than `maxChars` at sentence ends (then hard cuts), keeping doc + section. */
export function boundPassages(passages: Passage[], maxChars: number): Passage[] {
  const out: Passage[] = [];
  for (const p of passages) {
    if (p.text.length <= maxChars) {
      out.push(p);
      continue;
    }
    const pieces: string[] = [];
    let buf = "";
    for (const s of p.text.split(SENTENCE_END)) {
      for (let i = 0; i < s.length; i += maxChars) {
        const part = s.slice(i, i + maxChars);
        if (buf.length + part.length > maxChars && buf) {
          pieces.push(buf);
          buf = "";
        }
        buf += part;
      }
    }
    if (buf.trim()) pieces.push(buf);
    pieces.forEach((text, i) =>
      out.push({
        ...p,
        id: `${p.id}~${i + 1}`,
        section: `${p.section}（第${i + 1}/${pieces.length}部分）`,
        text: text.trim(),
      }),
    );
  }
  return out;
}

export interface EmbedResult {
  /**
   * The vector of passage i, read from the cache (where this step leaves every one): the index is built
   * from them one at a time, so a 20,000-passage build never holds all its vectors in JavaScript.
   */
  vectorAt(i: number): Float64Array;
  embedded: number;
  cached: number;
}

/** Makes sure every passage's vector is cached (by text hash): the missing ones are embedded in batches. */
export async function embedPassages(
  passages: Passage[],
  embedder: EmbedderLike,
  cache: IngestCache,
  textOf: (p: Passage) => string = (p) => p.text,
  batchSize = 256,
  onBatch?: (done: number, total: number) => void,
): Promise<EmbedResult> {
  const hashes: string[] = new Array(passages.length);
  // Missing vectors by text hash (texts repeat): the passages that need it. Texts are made again per batch,
  // so a cold build does not hold every passage's text twice.
  const missing = new Map<string, number[]>();
  passages.forEach((p, i) => {
    const hash = (hashes[i] = sha256(textOf(p)));
    if (missing.has(hash)) missing.get(hash)!.push(i);
    else if (!cache.hasVector(embedder.modelKey, hash, embedder.dims)) missing.set(hash, [i]);
  });
  const todo = [...missing.entries()];
  const cached = passages.length - todo.reduce((n, [, idx]) => n + idx.length, 0);
  let done = cached;
  for (let b = 0; b < todo.length; b += batchSize) {
    const batch = todo.slice(b, b + batchSize);
    const vs = await embedder.embedDocuments(batch.map(([, idx]) => textOf(passages[idx[0]])));
    if (vs.length !== batch.length) throw new Error(`embedder returned ${vs.length} vectors for ${batch.length} texts`);
    cache.putVectors(
      embedder.modelKey,
      batch.map(([hash], k) => ({ textHash: hash, vector: vs[k] })),
    );
    done += batch.reduce((n, [, idx]) => n + idx.length, 0);
    onBatch?.(done, passages.length);
  }
  const vectorAt = (i: number): Float64Array => {
    const v = cache.getVector(embedder.modelKey, hashes[i]);
    if (!v) throw new Error(`the vector of passage ${passages[i].id} is missing from the embedding cache`);
    return v;
  };
  return { vectorAt, embedded: todo.length, cached };
}

/** Manifest entries; a document unchanged since `live` keeps its entry's digests (no re-hashing). */
export function manifestDocuments(
  docs: SourceDocument[],
  byDoc: Map<string, Passage[]>,
  live?: ManifestDocument[],
): ManifestDocument[] {
  const before = new Map((live ?? []).map((d) => [d.id, d]));
  return docs
    .filter((d) => byDoc.has(d.id))
    .map((d) => {
      const passages = byDoc.get(d.id)!;
      const old = before.get(d.id);
      const digests =
        old && old.contentHash === d.contentHash && old.sections && old.passages === passages.length
          ? { sections: old.sections, figures: old.figures ?? [] }
          : null;
      const m: ManifestDocument = {
        id: d.id,
        path: d.path,
        title: d.meta.title,
        contentHash: d.contentHash,
        passages: passages.length,
        status: d.meta.status,
        ...documentFacts(d.meta),
        sections: digests?.sections ?? passages.map((p) => [p.section, sha256(p.text).slice(0, 12)]),
        figures: digests?.figures ?? [...new Set(passages.flatMap((p) => figuresIn(p.text)))],
      };
      if (d.meta.docNo) m.docNo = d.meta.docNo;
      if (d.meta.effective) m.effective = d.meta.effective;
      if (d.meta.supersedes?.length) m.supersedes = d.meta.supersedes;
      if (d.meta.supersededBy?.length) m.supersededBy = d.meta.supersededBy;
      if (d.meta.issuer) m.issuer = d.meta.issuer;
      if (d.meta.issued) m.issued = d.meta.issued;
      if (d.meta.relatedProjects?.length) m.relatedProjects = d.meta.relatedProjects;
      if (d.provenance && d.provenance.source !== "front_matter") m.provenance = d.provenance;
      return m;
    });
}

export interface CatalogLike {
  docId: string;
  title: string;
  year?: number;
  date?: string;
  issuer?: string;
  projects: {
    number: number;
    name: string;
    leadUnits: string[];
    targets: { text: string }[];
    clauses?: { text: string }[];
  }[];
}

export function summariseCatalog(catalog: CatalogLike | null | undefined): CatalogProjectSummary[] | null {
  if (!catalog) return null;
  return catalog.projects.map((p) => ({
    number: p.number,
    name: p.name,
    leadUnits: [...p.leadUnits],
    figures: [...new Set(p.targets.map((t) => t.text))],
  }));
}

/** Every notice of a build with its projects (the manifest's `catalogs`, preferred first). */
export function summariseCatalogs(catalogs: CatalogLike[]): CatalogSummary[] {
  return catalogs.map((c) => ({
    docId: c.docId,
    title: c.title,
    ...(c.year ? { year: c.year } : {}),
    ...(c.date ? { date: c.date } : {}),
    ...(c.issuer ? { issuer: c.issuer } : {}),
    projects: summariseCatalog(c) ?? [],
  }));
}
