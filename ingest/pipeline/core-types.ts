import type { FaqItem } from "../../knowledge/faq/types.js";
import type { KnowledgeBase, Passage, SourceDocument } from "../../knowledge/types.js";
import type { CatalogLike, EmbedderLike } from "./steps.js";

export interface BuildInput {
  docs: SourceDocument[];
  passages: Passage[];
  vectors: number[][];
  catalog: CatalogLike | null;
  embedder: EmbedderLike;
  version: string;
  /** Reviewed service-desk entries and labelled questions (the faq source). */
  faq?: FaqItem[];
}

export interface OpenedBuild {
  kb: KnowledgeBase;
  catalog: CatalogLike | null;
  passageCount: number;
}

/** What the pipeline uses of the knowledge core; ./core.ts binds it to knowledge/. Tests may wrap it. */
export interface KnowledgeCore {
  /** Changes whenever splitting would give different passages (part of the chunk-cache key). */
  readonly splitterVersion: string;
  splitDocument(doc: SourceDocument): Passage[];
  /** The text embedded for a passage (its cache key too). */
  embeddingText(p: Passage): string;
  catalogOf(docs: SourceDocument[]): CatalogLike | null;
  createEmbedder(): EmbedderLike;
  buildAndSave(input: BuildInput, dir: string): Promise<void>;
  /** Loads a saved index directory and opens a knowledge base over it (validation, hot reload). */
  openBuilt(dir: string): Promise<OpenedBuild>;
}
