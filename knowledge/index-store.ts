// A built knowledge index: passages, BM25, HNSW vectors and the notice catalog, saved
// together in one directory with manifest.json written last.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { noticeForDocument, orderCatalogs } from "./catalog/catalogs.js";
import type { Catalog } from "./catalog/types.js";
import { readHashed, readText, sha256Hex, writeHashed, writeJsonArray } from "./infra/hashed-files.js";
import { Bm25Index, type TokenRow } from "./retrieval/bm25.js";
import { readTokens, saveTokens } from "./retrieval/token-file.js";
import { type ConfiguredEmbeddings, createEmbeddings, HashingEmbeddings } from "./retrieval/embeddings.js";
import {
  buildVectorStore,
  loadVectorStore,
  type SavedGraph,
  saveVectorStore,
  updateVectorStore,
  type VectorStore,
} from "./retrieval/vector-store.js";
import { parseFaqFile, FAQ_FORMAT_VERSION, type FaqItem } from "./faq/types.js";
import { splitDocument } from "./split/split-document.js";
import { indexTokens } from "./text/segment.js";
import type { DocMeta, DocStatus, Passage, SourceDocument } from "./types.js";

/** What answers say about a document: its metadata as loaded (front matter, sidecar or derived). */
export interface DocumentFacts {
  issuer?: string;
  docNo?: string;
  issued?: string;
  effective?: string;
  expires?: string | null;
  supersedes?: string[];
  supersededBy?: string[];
  relatedProjects?: number[];
}

export interface ManifestDocument extends DocumentFacts {
  id: string;
  title: string;
  path: string;
  contentHash: string;
  status: DocStatus;
  passages: number;
}

export function documentFacts(meta: DocMeta): DocumentFacts {
  const facts: DocumentFacts = {};
  if (meta.issuer) facts.issuer = meta.issuer;
  if (meta.docNo) facts.docNo = meta.docNo;
  if (meta.issued) facts.issued = meta.issued;
  if (meta.effective) facts.effective = meta.effective;
  if (meta.expires) facts.expires = meta.expires;
  if (meta.supersedes?.length) facts.supersedes = meta.supersedes;
  if (meta.supersededBy?.length) facts.supersededBy = meta.supersededBy;
  if (meta.relatedProjects?.length) facts.relatedProjects = meta.relatedProjects;
  return facts;
}

export interface IndexManifest {
  version: string;
  builtAt: string;
  embedding: { model: string; dims: number };
  documents: ManifestDocument[];
  passageCount: number;
  catalogDocId: string | null;
  [extra: string]: unknown;
}

export interface KnowledgeIndex {
  manifest: IndexManifest;
  passages: Passage[];
  byId: Map<string, number>;
  /** The preferred notice (the most recent in force); null without any. */
  catalog: Catalog | null;
  /** Every notice in the index, preferred first. */
  catalogs: Catalog[];
  documents: Map<string, ManifestDocument>;
  /** The notice each document's related_projects refer to (docId → notice docId). */
  relatedNotice: Map<string, string>;
  bm25: Bm25Index;
  vectors: VectorStore;
  embeddings: ConfiguredEmbeddings;
  /** Reviewed service-desk entries and labelled questions (faq.json; none in older versions). */
  faq: FaqItem[];
}

/** What gets embedded for a passage (also the key of ingest's embedding cache). */
export function passageEmbeddingText(p: Passage): string {
  return `${p.section}\n${p.text}`;
}

/** What BM25 indexes for a passage: its section path (chapter, project name) and its text. */
export function passageIndexTokens(p: Passage): string[] {
  return indexTokens(`${p.section} ${p.text}`.normalize("NFKC"));
}

export interface SplitCorpus {
  passages: Passage[];
  /** Every notice found (any order). */
  catalogs: Catalog[];
  perDocument: Map<string, number>;
}

export function splitDocuments(documents: SourceDocument[]): SplitCorpus {
  const passages: Passage[] = [];
  const perDocument = new Map<string, number>();
  const catalogs: Catalog[] = [];
  for (const doc of documents) {
    const res = splitDocument(doc);
    if (res.catalog) catalogs.push(res.catalog);
    passages.push(...res.passages);
    perDocument.set(doc.id, res.passages.length);
  }
  return { passages, catalogs, perDocument };
}

/** Passage vectors by position: an array, or a function (so a big build can read them one at a time from a cache). */
export type VectorSource = (ArrayLike<number> | undefined)[] | ((i: number) => ArrayLike<number> | undefined);

export interface BuildInput {
  documents: SourceDocument[];
  split?: SplitCorpus; // when the caller already split (ingest does, to cache)
  /** Aligned with split.passages; computed when absent. With `previous`, only passages not kept need one. */
  vectors?: VectorSource;
  /** BM25 tokens aligned with split.passages (undefined entries are tokenized here). */
  tokens?: (readonly string[] | TokenRow | undefined)[];
  /**
   * Build on the previous version's saved graph: passages whose ids are in `keep` keep their vectors
   * there, the rest are marked deleted and the new ones added (incremental publish). `graph`: that graph
   * already being read (readGraph of dir/vectors), so the read overlaps the caller's other work.
   */
  previous?: { dir: string; keep: Set<string>; graph?: Promise<SavedGraph> };
  embeddings?: ConfiguredEmbeddings;
  version?: string;
  extraManifest?: Record<string, unknown>;
  /** Approved service-desk entries and routing examples (ingest's faq source). */
  faq?: FaqItem[];
}

export async function buildIndex(input: BuildInput): Promise<KnowledgeIndex> {
  const split = input.split ?? splitDocuments(input.documents);
  const embeddings = input.embeddings ?? createEmbeddings();
  const given = input.vectors ?? (await embeddings.embedDocuments(split.passages.map(passageEmbeddingText)));
  const vectorAt = typeof given === "function" ? given : (i: number) => given[i];
  let dims = 0;
  for (let i = 0; i < split.passages.length && !dims; i++)
    if (!input.previous?.keep.has(split.passages[i].id)) dims = vectorAt(i)?.length ?? 0;
  dims ||= embeddings.dims || 0;
  const manifest: IndexManifest = {
    version:
      input.version ??
      `v${new Date()
        .toISOString()
        .replace(/[-:.TZ]/g, "")
        .slice(0, 17)}`,
    builtAt: new Date().toISOString(),
    embedding: { model: embeddings.model, dims },
    documents: input.documents.map((d) => ({
      id: d.id,
      title: d.meta.title,
      path: d.path,
      contentHash: d.contentHash,
      status: d.meta.status,
      passages: split.perDocument.get(d.id) ?? 0,
      ...documentFacts(d.meta),
    })),
    passageCount: split.passages.length,
    catalogDocId: null,
    ...(input.faq?.length ? { faqCount: input.faq.length } : {}),
    ...input.extraManifest,
  };
  const catalogs = orderCatalogs(split.catalogs, (id) => manifest.documents.find((d) => d.id === id)?.status);
  manifest.catalogDocId = catalogs[0]?.docId ?? null;
  const store = input.previous
    ? updateVectorStore(
        input.previous.graph ?? path.join(input.previous.dir, "vectors"),
        input.previous.keep,
        split.passages.flatMap((p, i) => (input.previous!.keep.has(p.id) ? [] : [{ id: p.id, vector: vectorAt(i)! }])),
      )
    : buildVectorStore(dims || 1, split.passages, (i) => vectorAt(i)!);
  // BM25 is built while the previous graph is read (on the thread pool), tokenized one passage at a time:
  // the index interns them, so a big build never holds every token string.
  const passages = split.passages;
  function* tokens() {
    for (let i = 0; i < passages.length; i++) yield input.tokens?.[i] ?? passageIndexTokens(passages[i]);
  }
  const bm25 = new Bm25Index(tokens());
  return assemble(manifest, passages, catalogs, await store, embeddings, bm25, input.faq ?? []);
}

function assemble(
  manifest: IndexManifest,
  passages: Passage[],
  found: Catalog[],
  vectors: VectorStore,
  embeddings: ConfiguredEmbeddings,
  bm25: Bm25Index,
  faq: FaqItem[],
): KnowledgeIndex {
  const documents = new Map(manifest.documents.map((d) => [d.id, d]));
  const catalogs = orderCatalogs(found, (id) => documents.get(id)?.status);
  const relatedNotice = new Map<string, string>();
  for (const d of manifest.documents) {
    const notice = d.relatedProjects?.length ? noticeForDocument(catalogs, d.issued ?? d.effective) : undefined;
    if (notice) relatedNotice.set(d.id, notice.docId);
  }
  return {
    manifest,
    passages,
    byId: new Map(passages.map((p, i) => [p.id, i])),
    catalog: catalogs[0] ?? null,
    catalogs,
    documents,
    relatedNotice,
    bm25,
    vectors,
    embeddings,
    faq,
  };
}

/**
 * Writes the index into `dir` (which should be new and empty); manifest.json goes last. Its checksums
 * (returned too) are the sha256 of the bytes serialised here, for every file written.
 */
export async function saveIndex(index: KnowledgeIndex, dir: string): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true });
  const file = (name: string) => path.join(dir, name);
  const graph = saveVectorStore(index.vectors, file("vectors")); // hnswlib writes on the thread pool meanwhile
  graph.catch(() => undefined); // awaited below; a failure is thrown there
  const checksums: Record<string, string> = {
    // The BM25 tokens are saved too: loading an index then needs no word segmentation.
    ...(await saveTokens(dir, index.bm25.table)),
    "passages.json": await writeJsonArray(file("passages.json"), index.passages.length, (i) => index.passages[i]),
    "catalog.json": await writeHashed(file("catalog.json"), JSON.stringify(index.catalogs)),
  };
  for (const [name, sum] of Object.entries(await graph)) checksums[`vectors/${name}`] = sum;
  if (index.faq.length) {
    const faqJson = JSON.stringify({
      formatVersion: FAQ_FORMAT_VERSION,
      exportedAt: index.manifest.builtAt,
      items: index.faq,
    });
    checksums[FAQ_INDEX_FILE] = await writeHashed(file(FAQ_INDEX_FILE), faqJson);
  }
  const manifest = { ...index.manifest, checksums };
  await writeHashed(file("manifest.json"), JSON.stringify(manifest, null, 2));
  return checksums;
}

const FAQ_INDEX_FILE = "faq.json";

export class IndexLoadError extends Error {
  readonly code = "INDEX_LOAD";
}

/** Loads a saved index; refuses a half-written one or one built with other embeddings. */
export async function loadIndex(dir: string, embeddings?: ConfiguredEmbeddings): Promise<KnowledgeIndex> {
  let manifest: IndexManifest & { checksums?: Record<string, string> };
  try {
    manifest = JSON.parse(await readText(path.join(dir, "manifest.json")));
  } catch (e) {
    throw new IndexLoadError(`no complete index in ${dir} (manifest.json missing or unreadable)`, { cause: e });
  }
  const passagesFile = await readHashed(path.join(dir, "passages.json"));
  const catalogFile = await readHashed(path.join(dir, "catalog.json"));
  if (
    manifest.checksums &&
    (manifest.checksums["passages.json"] !== passagesFile.sha256 ||
      manifest.checksums["catalog.json"] !== catalogFile.sha256)
  ) {
    throw new IndexLoadError(`index in ${dir} is corrupt (checksum mismatch)`);
  }
  const emb =
    embeddings ??
    (manifest.embedding.model === "hashing-zh-v1"
      ? new HashingEmbeddings(manifest.embedding.dims)
      : createEmbeddings());
  if (emb.model !== manifest.embedding.model) {
    throw new IndexLoadError(
      `index in ${dir} was built with embeddings "${manifest.embedding.model}", but "${emb.model}" is configured; re-ingest`,
    );
  }
  const vectors = loadVectorStore(path.join(dir, "vectors"), emb); // read on the thread pool meanwhile
  vectors.catch(() => undefined); // awaited below; a failure is thrown there
  const passages = JSON.parse(passagesFile.text) as Passage[];
  const bm25 = new Bm25Index((await readTokens(dir, passages.length)) ?? passages.map(passageIndexTokens));
  // catalog.json holds every notice (an array); versions written before several notices hold one or null.
  const catalogs = JSON.parse(catalogFile.text) as Catalog[] | Catalog | null;
  return assemble(
    manifest,
    passages,
    Array.isArray(catalogs) ? catalogs : catalogs ? [catalogs] : [],
    await vectors,
    emb,
    bm25,
    await loadFaqItems(dir, manifest.checksums),
  );
}

async function loadFaqItems(dir: string, checksums: Record<string, string> | undefined): Promise<FaqItem[]> {
  const expected = checksums?.[FAQ_INDEX_FILE];
  if (!expected) return [];
  const json = await readText(path.join(dir, FAQ_INDEX_FILE)).catch(() => "");
  if (sha256Hex(json) !== expected)
    throw new IndexLoadError(`index in ${dir} is corrupt (${FAQ_INDEX_FILE} missing or changed)`);
  return parseFaqFile(json, `${dir}/${FAQ_INDEX_FILE}`).items;
}
