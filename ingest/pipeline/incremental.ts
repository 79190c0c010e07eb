// Incremental publish: a new version is made from the live one. Unchanged documents keep their passages
// (no re-split, no cache read), unchanged passages keep their vectors in the previous graph and their
// BM25 tokens; only what changed is split, embedded and added (removed passages are marked deleted).
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import { deletedShare } from "../../knowledge/retrieval/vector-store.js";
import type { Passage } from "../../knowledge/types.js";
import type { PublishedVersion } from "./versions.js";

/** Above this share of deleted points the graph is rebuilt from scratch (compaction). */
const MAX_DELETED_SHARE = 0.3;

export interface PreviousBuild {
  dir: string;
  /** Passages of the live version per document, keyed by the document's content hash. */
  passagesOf: Map<string, { contentHash: string; passages: Passage[] }>;
  byId: Map<string, { passage: Passage; tokens?: string[] }>;
  /** The live graph can be updated in place of a rebuild. */
  graphReusable: boolean;
}

export async function readPreviousBuild(live: PublishedVersion | null, splitter: string, maxChars: number, embeddingKey: string): Promise<PreviousBuild | null> {
  if (!live || live.manifest.splitter !== splitter || live.manifest.maxPassageChars !== maxChars) return null;
  let passages: Passage[];
  let tokens: string[][] | null = null;
  try {
    passages = JSON.parse(await fs.readFile(path.join(live.dir, "passages.json"), "utf8")) as Passage[];
    if (existsSync(path.join(live.dir, "tokens.json"))) tokens = JSON.parse(await fs.readFile(path.join(live.dir, "tokens.json"), "utf8")) as string[][];
  } catch {
    return null;
  }
  if (tokens && tokens.length !== passages.length) tokens = null;
  const hashes = new Map(live.manifest.documents.map((d) => [d.id, d.contentHash]));
  const passagesOf = new Map<string, { contentHash: string; passages: Passage[] }>();
  const byId = new Map<string, { passage: Passage; tokens?: string[] }>();
  passages.forEach((p, i) => {
    const entry = passagesOf.get(p.docId) ?? { contentHash: hashes.get(p.docId) ?? "", passages: [] };
    entry.passages.push(p);
    passagesOf.set(p.docId, entry);
    byId.set(p.id, { passage: p, tokens: tokens?.[i] });
  });
  const share = await deletedShare(path.join(live.dir, "vectors"));
  const graphReusable = live.manifest.embeddingKey === embeddingKey && share !== null && share < MAX_DELETED_SHARE;
  return { dir: live.dir, passagesOf, byId, graphReusable };
}

/** Passages whose vector (same id, same embedded text) and tokens (same section and text) can be reused. */
export function planReuse(passages: Passage[], prev: PreviousBuild, embeddingText: (p: Passage) => string) {
  const keep = new Set<string>();
  const tokens: (string[] | undefined)[] = passages.map((p) => {
    const old = prev.byId.get(p.id);
    if (!old || embeddingText(old.passage) !== embeddingText(p) || old.passage.section !== p.section || old.passage.text !== p.text) return undefined;
    if (prev.graphReusable) keep.add(p.id);
    return old.tokens;
  });
  return { keep, tokens };
}
