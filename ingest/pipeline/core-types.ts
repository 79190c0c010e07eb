import type { FaqItem } from "../../knowledge/faq/types.js";
import type { TokenRow } from "../../knowledge/retrieval/bm25.js";
import type { SavedGraph } from "../../knowledge/retrieval/vector-store.js";
import type { KnowledgeBase, Passage, SourceDocument } from "../../knowledge/types.js";
import type { CatalogLike, EmbedderLike } from "./steps.js";

export interface BuildInput {
  docs: SourceDocument[];
  passages: Passage[];
  /**
   * Vector of passage i; undefined for passages kept in the previous graph (`previous.keep`). A function,
   * so a big build reads them one at a time (from the embedding cache) instead of holding them all.
   */
  vectorAt: (i: number) => ArrayLike<number> | undefined;
  /** BM25 tokens aligned with passages, where known (the rest are tokenized). */
  tokens?: (readonly string[] | TokenRow | undefined)[];
  /** Build on the live version's saved graph (incremental publish), possibly already being read. */
  previous?: { dir: string; keep: Set<string>; graph?: Promise<SavedGraph> };
  /** Every notice parsed from the documents (one per year), any order. */
  catalogs: CatalogLike[];
  embedder: EmbedderLike;
  version: string;
  /** Reviewed service-desk entries and labelled questions (the faq source). */
  faq?: FaqItem[];
}

export interface OpenedBuild {
  kb: KnowledgeBase;
  /** Every notice of the build, preferred (most recent in force) first. */
  catalogs: CatalogLike[];
  passageCount: number;
}

/** What the pipeline uses of the knowledge core; ./core.ts binds it to knowledge/. Tests may wrap it. */
export interface KnowledgeCore {
  /** Changes whenever splitting would give different passages (part of the chunk-cache key). */
  readonly splitterVersion: string;
  splitDocument(doc: SourceDocument): Passage[];
  /** The text embedded for a passage (its cache key too). */
  embeddingText(p: Passage): string;
  catalogsOf(docs: SourceDocument[]): CatalogLike[];
  createEmbedder(): EmbedderLike;
  /**
   * Builds the index and saves it into `dir`. May return the built index opened (the saved files are its
   * serialisation, by checksum), so validation need not load it again.
   */
  buildAndSave(input: BuildInput, dir: string): Promise<OpenedBuild | void>;
  /** Loads a saved index directory and opens a knowledge base over it (validation, hot reload). */
  openBuilt(dir: string): Promise<OpenedBuild>;
}
