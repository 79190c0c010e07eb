// A built knowledge index: passages, BM25, HNSW vectors and the notice catalog, saved
// together in one directory with manifest.json written last.
import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import type { Catalog } from "./catalog/types.js";
import { Bm25Index } from "./retrieval/bm25.js";
import { type ConfiguredEmbeddings, createEmbeddings, HashingEmbeddings } from "./retrieval/embeddings.js";
import { buildVectorStore, loadVectorStore, saveVectorStore } from "./retrieval/vector-store.js";
import { parseFaqFile, FAQ_FORMAT_VERSION, type FaqItem } from "./faq/types.js";
import { splitDocument } from "./split/split-document.js";
import { indexTokens } from "./text/segment.js";
import type { Passage, SourceDocument } from "./types.js";

export interface ManifestDocument {
  id: string;
  title: string;
  path: string;
  contentHash: string;
  status: string;
  passages: number;
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
  catalog: Catalog | null;
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
  catalog: Catalog | null;
  perDocument: Map<string, number>;
}

export function splitDocuments(documents: SourceDocument[]): SplitCorpus {
  const passages: Passage[] = [];
  const perDocument = new Map<string, number>();
  let catalog: Catalog | null = null;
  for (const doc of documents) {
    const res = splitDocument(doc);
    catalog ??= res.catalog;
    passages.push(...res.passages);
    perDocument.set(doc.id, res.passages.length);
  }
  return { passages, catalog, perDocument };
}

export interface BuildInput {
  documents: SourceDocument[];
  split?: SplitCorpus; // when the caller already split (ingest does, to cache)
  vectors?: number[][]; // aligned with split.passages; computed when absent
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
  const dims = vectors[0]?.length ?? (embeddings.dims || 0);
  const manifest: IndexManifest = {
    version: input.version ?? `v${new Date().toISOString().replace(/[-:.TZ]/g, "").slice(0, 17)}`,
    builtAt: new Date().toISOString(),
    embedding: { model: embeddings.model, dims },
    documents: input.documents.map((d) => ({
      id: d.id,
      title: d.meta.title,
      path: d.path,
      contentHash: d.contentHash,
      status: d.meta.status,
      passages: split.perDocument.get(d.id) ?? 0,
    })),
    passageCount: split.passages.length,
    catalogDocId: split.catalog?.docId ?? null,
    ...(input.faq?.length ? { faqCount: input.faq.length } : {}),
    ...input.extraManifest,
  };
  const vectorStore = await buildVectorStore(embeddings, dims || 1, split.passages, vectors);
  return assemble(manifest, split.passages, split.catalog, vectorStore, embeddings, input.faq ?? []);
}

function assemble(manifest: IndexManifest, passages: Passage[], catalog: Catalog | null, vectors: HNSWLib, embeddings: ConfiguredEmbeddings, faq: FaqItem[]): KnowledgeIndex {
  const bm25 = new Bm25Index(passages.map(passageIndexTokens));
  return {
    manifest,
    passages,
    byId: new Map(passages.map((p, i) => [p.id, i])),
    catalog,
    bm25,
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
  const catalogJson = JSON.stringify(index.catalog);
  await writeFile(path.join(dir, "passages.json"), passagesJson);
  await writeFile(path.join(dir, "catalog.json"), catalogJson);
  await saveVectorStore(index.vectors, path.join(dir, "vectors"));
  const checksums: Record<string, string> = { "passages.json": sha256(passagesJson), "catalog.json": sha256(catalogJson) };
  if (index.faq.length) {
    const faqJson = JSON.stringify({ formatVersion: FAQ_FORMAT_VERSION, exportedAt: index.manifest.builtAt, items: index.faq });
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
  if (manifest.checksums && (manifest.checksums["passages.json"] !== sha256(passagesJson) || manifest.checksums["catalog.json"] !== sha256(catalogJson))) {
    throw new IndexLoadError(`index in ${dir} is corrupt (checksum mismatch)`);
  }
  const emb = embeddings ?? (manifest.embedding.model === "hashing-zh-v1" ? new HashingEmbeddings(manifest.embedding.dims) : createEmbeddings());
  if (emb.model !== manifest.embedding.model) {
    throw new IndexLoadError(`index in ${dir} was built with embeddings "${manifest.embedding.model}", but "${emb.model}" is configured; re-ingest`);
  }
  const vectors = await loadVectorStore(path.join(dir, "vectors"), emb);
  return assemble(manifest, JSON.parse(passagesJson), JSON.parse(catalogJson), vectors, emb, await loadFaqItems(dir, manifest.checksums));
}

async function loadFaqItems(dir: string, checksums: Record<string, string> | undefined): Promise<FaqItem[]> {
  const expected = checksums?.[FAQ_INDEX_FILE];
  if (!expected) return [];
  const json = await readFile(path.join(dir, FAQ_INDEX_FILE), "utf8").catch(() => "");
  if (sha256(json) !== expected) throw new IndexLoadError(`index in ${dir} is corrupt (${FAQ_INDEX_FILE} missing or changed)`);
  return parseFaqFile(json, `${dir}/${FAQ_INDEX_FILE}`).items;
}
