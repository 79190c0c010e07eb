// One entry point: a loaded document → its passages (and the catalog when it is the notice).
import { parseNoticeCatalog } from "../catalog/parse-notice.js";
import type { Catalog } from "../catalog/types.js";
import type { Passage, SourceDocument } from "../types.js";
import { looksLikeLaw, splitLaw } from "./split-law.js";
import { splitNotice } from "./split-notice.js";
import { splitProse } from "./split-prose.js";

export interface SplitResult {
  passages: Passage[];
  catalog: Catalog | null;
}

export function splitDocument(doc: SourceDocument): SplitResult {
  const catalog = parseNoticeCatalog(doc.id, doc.meta.title, doc.text);
  if (catalog) return { passages: splitNotice(doc, catalog), catalog };
  if (looksLikeLaw(doc.text)) return { passages: splitLaw(doc), catalog: null };
  return { passages: splitProse(doc), catalog: null };
}
