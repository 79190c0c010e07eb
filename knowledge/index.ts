// Public entry of the knowledge core.
import { loadCorpusDir } from "./loaders/index.js";
import { buildIndex } from "./index-store.js";
import { KnowledgeService } from "./knowledge-base.js";
import { KNOWLEDGE_CORPUS_DIR } from "./paths.js";

export { KnowledgeService } from "./knowledge-base.js";
export {
  buildIndex,
  loadIndex,
  saveIndex,
  splitDocuments,
  passageEmbeddingText,
  type KnowledgeIndex,
  type IndexManifest,
} from "./index-store.js";
export { splitDocument } from "./split/split-document.js";
export { parseNoticeCatalog } from "./catalog/parse-notice.js";
export { createEmbeddings, HashingEmbeddings } from "./retrieval/embeddings.js";
export type * from "./types.js";
export type { Catalog, Project, Clause, Target } from "./catalog/types.js";

export interface OpenOptions {
  corpusDir?: string;
}

/** Builds the knowledge base in memory from a corpus folder (default: the bundled corpus). */
export async function openKnowledgeBase(opts: OpenOptions = {}): Promise<KnowledgeService> {
  const { docs, errors } = await loadCorpusDir(opts.corpusDir ?? KNOWLEDGE_CORPUS_DIR);
  if (errors.length) throw new Error(`corpus has unreadable documents: ${errors.map((e) => e.message).join("; ")}`);
  return new KnowledgeService(await buildIndex({ documents: docs }));
}
