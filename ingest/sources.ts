import { existsSync } from "node:fs";
import path from "node:path";
import { docIdFor, expandPaths } from "../knowledge/loaders/index.js";
import { indexLayout } from "./pipeline/layout.js";

export interface SourcePlan {
  /** Every file to build from. */
  files: string[];
  /** Files given explicitly that are not yet part of the corpus: copied into DATA_DIR/corpus on publish. */
  adopt: string[];
}

/**
 * What a build reads. By default: the bundled corpus, plus documents added earlier (DATA_DIR/corpus),
 * plus the paths given now. A given file replaces a corpus document with the same id (file name
 * without extension), which is how an admin updates a document. `only` builds from the given paths alone.
 */
export async function planSources(opts: {
  dataDir: string;
  corpusDir: string;
  paths?: string[];
  only?: boolean;
}): Promise<SourcePlan> {
  const layout = indexLayout(opts.dataDir);
  const explicit = await expandPaths(opts.paths ?? []);
  if (opts.only) return { files: explicit, adopt: [] };
  const added = path.resolve(layout.addedCorpus);
  const base = await expandPaths([opts.corpusDir, layout.addedCorpus].filter((d) => existsSync(d)));
  const givenIds = new Set(explicit.map(docIdFor));
  const kept = base.filter((f) => !givenIds.has(docIdFor(f)));
  const corpus = path.resolve(opts.corpusDir);
  const adopt = explicit.filter((f) => {
    const abs = path.resolve(f);
    return !abs.startsWith(corpus + path.sep) && !abs.startsWith(added + path.sep);
  });
  return { files: [...explicit, ...kept], adopt };
}
