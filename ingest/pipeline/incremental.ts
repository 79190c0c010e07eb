// Incremental publish: a new version is made from the live one. Unchanged documents keep their passages
// (no re-split, no cache read), unchanged passages keep their vectors in the previous graph and their
// BM25 tokens; only what changed is split, embedded and added (removed passages are marked deleted).
import path from "node:path";
import { orderCatalogs } from "../../knowledge/catalog/catalogs.js";
import type { Catalog } from "../../knowledge/catalog/types.js";
import { readText } from "../../knowledge/infra/hashed-files.js";
import type { TokenRow } from "../../knowledge/retrieval/bm25.js";
import { readTokens } from "../../knowledge/retrieval/token-file.js";
import { deletedShare } from "../../knowledge/retrieval/vector-store.js";
import type { Passage, SourceDocument } from "../../knowledge/types.js";
import type { KnowledgeCore } from "./core-types.js";
import type { IndexManifest } from "./manifest.js";
import type { CatalogLike } from "./steps.js";
import type { PublishedVersion } from "./versions.js";

/** Above this share of deleted points the graph is rebuilt from scratch (compaction). */
const MAX_DELETED_SHARE = 0.3;

export interface PreviousBuild {
  dir: string;
  /** Passages of the live version per document, keyed by the document's content hash. */
  passagesOf: Map<string, { contentHash: string; passages: Passage[] }>;
  /** Each live passage, with its BM25 tokens when saved (a row of the saved table, or strings in old versions). */
  byId: Map<string, { passage: Passage; tokens?: readonly string[] | TokenRow }>;
  /** The live graph can be updated in place of a rebuild. */
  graphReusable: boolean;
  /** The live version's notices (catalog.json), when readable. */
  catalogs?: CatalogLike[];
}

/** The notices of a build: the live ones of unchanged documents, plus those parsed from new or changed documents. */
export function keepCatalogs(
  core: KnowledgeCore,
  docs: SourceDocument[],
  live: IndexManifest,
  previous: CatalogLike[],
): CatalogLike[] {
  const before = new Map(live.documents.map((d) => [d.id, d.contentHash]));
  const changed = docs.filter((d) => before.get(d.id) !== d.contentHash);
  const unchanged = new Set(docs.filter((d) => before.get(d.id) === d.contentHash).map((d) => d.id));
  const kept = previous.filter((c) => unchanged.has(c.docId));
  const parsed = changed.length ? core.catalogsOf(changed) : [];
  const status = new Map(docs.map((d) => [d.id, d.meta.status]));
  return orderCatalogs([...parsed, ...kept] as Catalog[], (id) => status.get(id));
}

export async function readPreviousBuild(
  live: PublishedVersion | null,
  splitter: string,
  maxChars: number,
  embeddingKey: string,
): Promise<PreviousBuild | null> {
  if (!live || live.manifest.splitter !== splitter || live.manifest.maxPassageChars !== maxChars) return null;
  let passages: Passage[];
  try {
    passages = JSON.parse(await readText(path.join(live.dir, "passages.json"))) as Passage[];
  } catch {
    return null;
  }
  const tokens = await readTokens(live.dir, passages.length);
  const hashes = new Map(live.manifest.documents.map((d) => [d.id, d.contentHash]));
  const passagesOf = new Map<string, { contentHash: string; passages: Passage[] }>();
  const byId: PreviousBuild["byId"] = new Map();
  passages.forEach((p, i) => {
    const entry = passagesOf.get(p.docId) ?? { contentHash: hashes.get(p.docId) ?? "", passages: [] };
    entry.passages.push(p);
    passagesOf.set(p.docId, entry);
    byId.set(p.id, {
      passage: p,
      tokens: !tokens ? undefined : Array.isArray(tokens) ? tokens[i] : { table: tokens, row: i },
    });
  });
  const share = await deletedShare(path.join(live.dir, "vectors"));
  const graphReusable = live.manifest.embeddingKey === embeddingKey && share !== null && share < MAX_DELETED_SHARE;
  const saved = await readText(path.join(live.dir, "catalog.json")).then(
    (t) => JSON.parse(t) as unknown,
    () => null,
  );
  const catalogs = Array.isArray(saved) ? (saved as CatalogLike[]) : undefined;
  return { dir: live.dir, passagesOf, byId, graphReusable, ...(catalogs ? { catalogs } : {}) };
}

/** Passages whose vector (same id, same embedded text) and tokens (same section and text) can be reused. */
export function planReuse(passages: Passage[], prev: PreviousBuild, embeddingText: (p: Passage) => string) {
  const keep = new Set<string>();
  const tokens: (readonly string[] | TokenRow | undefined)[] = passages.map((p) => {
    const old = prev.byId.get(p.id);
    // An unchanged document's passages are the live version's own objects (chunkDocuments keeps them).
    const same =
      old &&
      (old.passage === p ||
        (embeddingText(old.passage) === embeddingText(p) &&
          old.passage.section === p.section &&
          old.passage.text === p.text));
    if (!same) return undefined;
    if (prev.graphReusable) keep.add(p.id);
    return old.tokens;
  });
  return { keep, tokens };
}
