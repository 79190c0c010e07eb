import path from "node:path";

/** knowledge/ (this file's folder). */
export const KNOWLEDGE_DIR = path.dirname(new URL(import.meta.url).pathname);
/** Editable data: units, lexicon, dictionaries, scope lists. */
export const KNOWLEDGE_DATA_DIR = path.join(KNOWLEDGE_DIR, "data");
/** The default corpus shipped with the product. */
export const KNOWLEDGE_CORPUS_DIR = path.join(KNOWLEDGE_DIR, "corpus");
