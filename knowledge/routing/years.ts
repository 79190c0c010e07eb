// Questions across several notices: a year the question names picks its notice; otherwise the most
// recent notice in force is preferred and older ones count a little less.
import type { Catalog } from "../catalog/types.js";
import type { DocumentFocus } from "./document-route.js";

const OLDER_NOTICE = 0.85;
const OTHER_YEAR = 0.2;

/** Years named in the question ("2025年", "25年") that an indexed notice is for; a named notice adds its year. */
export function yearsNamed(text: string, catalogs: Catalog[], focus?: DocumentFocus): Set<number> {
  const known = new Set(catalogs.flatMap((c) => (c.year ? [c.year] : [])));
  const years = new Set<number>();
  for (const m of text.matchAll(/(?<!\d)(20\d{2}|\d{2})\s*年/g)) {
    const y = m[1].length === 2 ? 2000 + Number(m[1]) : Number(m[1]);
    if (known.has(y)) years.add(y);
  }
  const named = focus && catalogs.find((c) => c.docId === focus.named.docId);
  if (named?.year) years.add(named.year);
  return years;
}

/** How much each notice's projects count: 1 for the named year (or the preferred notice), less for the others. */
export function catalogWeights(catalogs: Catalog[], years: Set<number>): (docId: string) => number {
  if (catalogs.length < 2) return () => 1;
  const preferred = catalogs[0].docId;
  const weights = new Map(
    catalogs.map((c) => [
      c.docId,
      years.size ? (c.year && years.has(c.year) ? 1 : OTHER_YEAR) : c.docId === preferred ? 1 : OLDER_NOTICE,
    ]),
  );
  return (docId) => weights.get(docId) ?? 1;
}
