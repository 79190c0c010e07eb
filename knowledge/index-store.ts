// A built knowledge index: passages, BM25, HNSW vectors and the notice catalog, saved
// together in one directory with manifest.json written last.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { noticeForDocument, orderCatalogs } from "./catalog/catalogs.js";
import type { Catalog } from "./catalog/types.js";
import { Bm25Index } from "./retrieval/bm25.js";
import { type ConfiguredEmbeddings, createEmbeddings, HashingEmbeddings } from "./retrieval/embeddings.js";
import { buildVectorStore, loadVectorStore, saveVectorStore, updateVectorStore } from "./retrieval/vector-store.js";
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
  vectors: HNSWLib;
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

export interface BuildInput {
  documents: SourceDocument[];
  split?: SplitCorpus; // when the caller already split (ingest does, to cache)
  /** Aligned with split.passages; computed when absent. With `previous`, only passages not kept need one. */
  vectors?: (ArrayLike<number> | undefined)[];
  /** BM25 tokens aligned with split.passages (undefined entries are tokenized here). */
  tokens?: (string[] | undefined)[];
  /**
   * Build on the previous version's saved graph: passages whose ids are in `keep` keep their vectors
   * there, the rest are marked deleted and the new ones added (incremental publish).
   */
  previous?: { dir: string; keep: Set<string> };
  embeddings?: ConfiguredEmbeddings;
  version?: string;
  extraManifest?: Record<string, unknown>;
  /** Approved service-desk entries and routing examples (ingest's faq source). */
  faq?: FaqItem[];
}

export async function buildIndex(input: BuildInput): Promise<KnowledgeIndex> {
  const split = input.split ?? splitDocuments(input.documents);
  const embeddings = input.embeddings ?? createEmbeddings();
  const vectors = input.vectors ?? (await embeddings.embedDocuments(split.passages.map(passageEmbeddingText)));
  const dims = vectors.find((v) => v)?.length ?? (embeddings.dims || 0);
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
    ? await updateVectorStore(
        path.join(input.previous.dir, "vectors"),
        embeddings,
        input.previous.keep,
        split.passages.flatMap((p, i) => (input.previous!.keep.has(p.id) ? [] : [{ id: p.id, vector: vectors[i]! }])),
      )
    : await buildVectorStore(embeddings, dims || 1, split.passages, vectors as ArrayLike<number>[]);
  const tokens = split.passages.map((p, i) => input.tokens?.[i] ?? passageIndexTokens(p));
  return assemble(manifest, split.passages, catalogs, store, embeddings, tokens, input.faq ?? []);
}

function assemble(
  manifest: IndexManifest,
  passages: Passage[],
  found: Catalog[],
  vectors: HNSWLib,
  embeddings: ConfiguredEmbeddings,
  tokens: string[][],
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
    bm25: new Bm25Index(tokens),
    vectors,
    embeddings,
    faq,
  };
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Writes the index into `dir` (which should be new and empty); manifest.json goes last. */
export async function saveIndex(index: KnowledgeIndex, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  const passagesJson = JSON.stringify(index.passages);
  const catalogJson = JSON.stringify(index.catalogs);
  // The BM25 tokens are saved too: loading an index then needs no word segmentation.
  await writeFile(path.join(dir, "tokens.json"), JSON.stringify(index.bm25.documents));
  await writeFile(path.join(dir, "passages.json"), passagesJson);
  await writeFile(path.join(dir, "catalog.json"), catalogJson);
  await saveVectorStore(index.vectors, path.join(dir, "vectors"));
  const checksums: Record<string, string> = {
    "passages.json": sha256(passagesJson),
    "catalog.json": sha256(catalogJson),
  };
  if (index.faq.length) {
    const faqJson = JSON.stringify({
      formatVersion: FAQ_FORMAT_VERSION,
      exportedAt: index.manifest.builtAt,
      items: index.faq,
    });
    await writeFile(path.join(dir, FAQ_INDEX_FILE), faqJson);
    checksums[FAQ_INDEX_FILE] = sha256(faqJson);
  }
  const manifest = { ...index.manifest, checksums };
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
}

const FAQ_INDEX_FILE = "faq.json";

export class IndexLoadError extends Error {
  readonly code = "INDEX_LOAD";
}

/** Loads a saved index; refuses a half-written one or one built with other embeddings. */
export async function loadIndex(dir: string, embeddings?: ConfiguredEmbeddings): Promise<KnowledgeIndex> {
  let manifest: IndexManifest & { checksums?: Record<string, string> };
  try {
    manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  } catch (e) {
    throw new IndexLoadError(`no complete index in ${dir} (manifest.json missing or unreadable)`, { cause: e });
  }
  const passagesJson = await readFile(path.join(dir, "passages.json"), "utf8");
  const catalogJson = await readFile(path.join(dir, "catalog.json"), "utf8");
  if (
    manifest.checksums &&
    (manifest.checksums["passages.json"] !== sha256(passagesJson) ||
      manifest.checksums["catalog.json"] !== sha256(catalogJson))
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
  const vectors = await loadVectorStore(path.join(dir, "vectors"), emb);
  const passages = JSON.parse(passagesJson) as Passage[];
  const saved = await readFile(path.join(dir, "tokens.json"), "utf8").then(
    (t) => JSON.parse(t) as string[][],
    () => null,
  );
  const tokens = saved && saved.length === passages.length ? saved : passages.map(passageIndexTokens);
  // catalog.json holds every notice (an array); versions written before several notices hold one or null.
  const catalogs = JSON.parse(catalogJson) as Catalog[] | Catalog | null;
  return assemble(
    manifest,
    passages,
    Array.isArray(catalogs) ? catalogs : catalogs ? [catalogs] : [],
    vectors,
    emb,
    tokens,
    await loadFaqItems(dir, manifest.checksums),
  );
}

async function loadFaqItems(dir: string, checksums: Record<string, string> | undefined): Promise<FaqItem[]> {
  const expected = checksums?.[FAQ_INDEX_FILE];
  if (!expected) return [];
  const json = await readFile(path.join(dir, FAQ_INDEX_FILE), "utf8").catch(() => "");
  if (sha256(json) !== expected)
    throw new IndexLoadError(`index in ${dir} is corrupt (${FAQ_INDEX_FILE} missing or changed)`);
  return parseFaqFile(json, `${dir}/${FAQ_INDEX_FILE}`).items;
}
