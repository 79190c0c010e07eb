// A district's own measure does not answer for another district: "上城区…" asked of a 西湖区 measure.
// The places are the configured local ones (answerability.yaml); a document names its district in its
// title or issuer.

/** The whole city or province: naming it does not narrow a question to one district. */
const CITYWIDE = /^(?:杭州|杭州市|浙江|浙江省|本市)$/;

export interface DistrictMismatch {
  /** The district the question names. */
  asked: string;
  /** The district the document is for. */
  own: string;
}

/** The question names a district and the document is another district's own. */
export function otherDistrict(
  doc: { title: string; issuer?: string },
  text: string,
  local: string[],
): DistrictMismatch | undefined {
  // Longest first, so a reply says 西湖区 rather than 西湖.
  const districts = local.filter((p) => !CITYWIDE.test(p)).sort((a, b) => b.length - a.length);
  const own = `${doc.title} ${doc.issuer ?? ""}`;
  const docPlaces = districts.filter((p) => own.includes(p));
  const asked = districts.filter((p) => text.includes(p));
  const same = (a: string, b: string) => a.includes(b) || b.includes(a);
  if (!docPlaces.length || !asked.length || asked.some((a) => docPlaces.some((d) => same(a, d)))) return undefined;
  return { asked: asked[0], own: docPlaces[0] };
}
