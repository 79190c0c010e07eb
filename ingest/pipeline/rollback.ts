import path from "node:path";
import { IngestError } from "../errors.js";
import { indexLayout } from "./layout.js";
import { acquireBuildLock } from "./lock.js";
import { type AdditionRecord, materialiseAdditions } from "./additions.js";
import { readManifest } from "./manifest.js";
import { appendHistory, currentVersion, previousVersion, switchCurrent } from "./versions.js";

export interface RollbackResult {
  from: string;
  to: string;
}

/** Points `current` back at the version that was live before the current one (atomic switch). */
export async function rollback(
  dataDir: string,
  onPublished?: (version: string, dir: string) => Promise<void>,
): Promise<RollbackResult> {
  const layout = indexLayout(dataDir);
  const release = await acquireBuildLock(layout);
  try {
    const cur = await currentVersion(layout);
    if (!cur) throw new IngestError("NO_VERSION", "nothing is published yet");
    const prev = await previousVersion(layout);
    if (!prev) throw new IngestError("NO_PREVIOUS_VERSION", `no version before ${cur.id} is kept on disk`);
    await switchCurrent(layout, prev);
    // The additions go back with the index: a document added by the rolled-back version leaves DATA_DIR/corpus.
    const target = await readManifest(path.join(layout.versions, prev));
    if (target?.additions) await materialiseAdditions(layout, target.additions as AdditionRecord[]);
    await appendHistory(layout, { at: new Date().toISOString(), action: "rollback", version: prev, from: cur.id });
    await onPublished?.(prev, path.join(layout.versions, prev)).catch(() => undefined);
    return { from: cur.id, to: prev };
  } finally {
    await release();
  }
}
