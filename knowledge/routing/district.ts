// Governments within the province other than the city's: a district's own measure does not answer for
// another district ("上城区…" asked of a 西湖区 measure); a district's own programme or the province's own
// support is not the city's notice. The places are the configured local ones (answerability.yaml); a
// document names its district in its title or issuer.

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

/**
 * A district's own programme asked about ("富阳区自己的技改补助", "区里自己的清单"):
 * the place as the asker said it, unless the evidence is that place's own measure.
 */
export function localOwnProgramme(text: string, local: string[], evidence: string): string | undefined {
  const place = ownProgrammePattern(local).exec(text)?.[1];
  return place && !evidence.includes(place) ? place : undefined;
}

// The province as the giver: a department of its own, the province said to have or give it ("浙江省有没有
// 补贴"), or a programme of the province's (省里的…计划) — not a provincial designation the city rewards
// (省级专精特新中小企业现在奖励多少).
const SUPPORT = "(?:补贴|补助|奖励|奖补|资助|扶持资金)";
const PROVINCE_SUPPORT = new RegExp(
  `(省(?:商务|经信|财政|科技|人社|发改)(?:厅|委))[^，。？?]{0,12}(?:${SUPPORT}|资金|专项)|(浙江省|浙江|省里)里?(?:有没有|有|对|给|会)[^，。？?]{0,12}${SUPPORT}|(省里|浙江省)(?!级)的?[^，。？?]{2,12}(?:计划|专项|集群政策)`,
);

/**
 * Support the province gives ("浙江省里对出口信用保险的保费有补助吗"): the notice's support is the city's,
 * so the province as asked, unless the evidence is a measure of its own that names it.
 */
export function provincialSupportAsked(text: string, evidence: string, ownMeasure: boolean): string | undefined {
  const m = PROVINCE_SUPPORT.exec(text);
  const giver = m?.[1] ?? m?.[2] ?? m?.[3];
  return giver && !(ownMeasure && evidence.includes(giver)) ? giver : undefined;
}

/** The pattern of a place's own programme, built once per list of places (an admin's edit gives a new list). */
const ownProgrammePatterns = new WeakMap<string[], RegExp>();
function ownProgrammePattern(local: string[]): RegExp {
  let pattern = ownProgrammePatterns.get(local);
  if (!pattern) {
    const districts = local.filter((p) => !CITYWIDE.test(p)).sort((a, b) => b.length - a.length);
    pattern = new RegExp(
      `(${[...districts, "区里", "县里"].join("|")})(?:区|县|市)?(?:自己(?:的|出的|搞的|有|区级|县级|[^，。？?]{0,4}(?:有没有|出台|出了))|区级的|县级的|本级的|[^，。？?]{0,10}(?:区级|县级)(?:补助|补贴|奖补|奖励|资金))`,
    );
    ownProgrammePatterns.set(local, pattern);
  }
  return pattern;
}
