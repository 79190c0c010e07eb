// Binds the pipeline to the knowledge core (knowledge/): its splitter, catalog parser, embeddings,
// index builder/loader and knowledge base. The only ingest file that knows those names.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { orderCatalogs } from "../../knowledge/catalog/catalogs.js";
import { parseNoticeCatalog } from "../../knowledge/catalog/parse-notice.js";
import type { Catalog } from "../../knowledge/catalog/types.js";
import { buildIndex, loadIndex, passageEmbeddingText, saveIndex } from "../../knowledge/index-store.js";
import { KnowledgeService } from "../../knowledge/knowledge-base.js";
import { KNOWLEDGE_DATA_DIR, KNOWLEDGE_DIR } from "../../knowledge/paths.js";
import {
  type ConfiguredEmbeddings,
  createEmbeddings,
  HashingEmbeddings,
} from "../../knowledge/retrieval/embeddings.js";
import { splitDocument } from "../../knowledge/split/split-document.js";
import type { Passage } from "../../knowledge/types.js";
import type { KnowledgeCore } from "./core-types.js";
import type { EmbedderLike } from "./steps.js";

/** Hash of the code and data that decide how documents split (so the chunk cache follows their changes). */
function splitterFingerprint(): string {
  const h = createHash("sha256");
  for (const dir of [path.join(KNOWLEDGE_DIR, "split"), path.join(KNOWLEDGE_DIR, "catalog")]) {
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".ts")) h.update(f).update(readFileSync(path.join(dir, f)));
  }
  h.update(readFileSync(path.join(KNOWLEDGE_DATA_DIR, "units.yaml")));
  return `split-${h.digest("hex").slice(0, 16)}`;
}

/** Wraps the core's embeddings: embeds what the index embeds for a passage (section + text). */
export function embedderFor(emb: ConfiguredEmbeddings): EmbedderLike & { embeddings: ConfiguredEmbeddings } {
  return {
    embeddings: emb,
    get modelKey() {
      return `${emb.model}:${emb.dims || "auto"}`;
    },
    get dims() {
      return emb.dims;
    },
    // Local hashing has no per-call cost: small batches keep a full build's heap small.
    ...(emb instanceof HashingEmbeddings ? { batchSize: 32 } : {}),
    embedDocuments: (texts) => emb.embedDocuments(texts),
  };
}

export function defaultCore(opts: { embeddings?: () => ConfiguredEmbeddings } = {}): KnowledgeCore {
  const version = splitterFingerprint();
  const makeEmbeddings = opts.embeddings ?? (() => createEmbeddings());
  return {
    splitterVersion: version,
    splitDocument: (doc) => splitDocument(doc).passages,
    embeddingText: (p: Passage) => passageEmbeddingText(p),
    catalogsOf(docs) {
      const found = docs.flatMap((d) => parseNoticeCatalog(d.id, d.meta.title, d.text) ?? []);
      return orderCatalogs(found, (id) => docs.find((d) => d.id === id)?.meta.status);
    },
    createEmbedder: () => embedderFor(makeEmbeddings()),
    async buildAndSave(input, dir) {
      const perDocument = new Map<string, number>();
      for (const p of input.passages) perDocument.set(p.docId, (perDocument.get(p.docId) ?? 0) + 1);
      const embeddings = (input.embedder as ReturnType<typeof embedderFor>).embeddings ?? createEmbeddings();
      const index = await buildIndex({
        documents: input.docs,
        split: { passages: input.passages, catalogs: input.catalogs as Catalog[], perDocument },
        vectors: input.vectorAt,
        tokens: input.tokens,
        previous: input.previous,
        embeddings,
        version: input.version,
        faq: input.faq,
      });
      await saveIndex(index, dir);
      return { kb: new KnowledgeService(index), catalogs: index.catalogs, passageCount: index.passages.length };
    },
    async openBuilt(dir) {
      const index = await loadIndex(dir, makeEmbeddings());
      return { kb: new KnowledgeService(index), catalogs: index.catalogs, passageCount: index.passages.length };
    },
  };
}
