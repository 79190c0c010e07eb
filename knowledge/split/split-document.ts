// One entry point: a loaded document → its passages (and the catalog when it is the notice).
import { parseNoticeCatalog } from "../catalog/parse-notice.js";
import type { Catalog } from "../catalog/types.js";
import type { Passage, SourceDocument } from "../types.js";
import { documentInfoPassage, looksLikeLaw, splitLaw } from "./split-law.js";
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
  // Prose states its own facts in a passage too (issuer, number, dates, validity), as laws do.
  const m = doc.meta;
  const info = m.issuer || m.docNo || m.issued || m.effective ? [documentInfoPassage(doc)] : [];
  return { passages: [...info, ...splitProse(doc)], catalog: null };
}
