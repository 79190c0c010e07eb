import path from "node:path";

/** Where ingest keeps things under DATA_DIR. */
export interface IndexLayout {
  dataDir: string;
  root: string; // DATA_DIR/index
  versions: string; // DATA_DIR/index/versions/<id>/
  tmp: string; // builds in progress (removed on the next run)
  current: string; // symlink → versions/<id>
  lock: string;
  history: string; // JSON lines, one per publish/rollback
  cache: string; // chunk + embedding cache (SQLite)
  addedCorpus: string; // documents added by admins, kept for later builds
  faqFile: string; // reviewed service-desk knowledge exported by the desk (the faq source)
}

export function indexLayout(dataDir: string): IndexLayout {
  const root = path.join(dataDir, "index");
  return {
    dataDir,
    root,
    versions: path.join(root, "versions"),
    tmp: path.join(root, "tmp"),
    current: path.join(root, "current"),
    lock: path.join(root, "ingest.lock"),
    history: path.join(root, "history.jsonl"),
    cache: path.join(dataDir, "ingest-cache", "cache.sqlite"),
    addedCorpus: path.join(dataDir, "corpus"),
    faqFile: path.join(dataDir, "faq", "approved.json"),
  };
}

/** A unique version id that sorts by build time: v20260126T120000123Z-ab12 (ms precision). */
export function newVersionId(now = new Date(), after?: string): string {
  let t = now.getTime();
  const make = () => `v${new Date(t).toISOString().replace(/[-:.]/g, "")}-${Math.random().toString(16).slice(2, 6)}`;
  let id = make();
  while (after && id <= after) {
    t++;
    id = make();
  }
  return id;
}
