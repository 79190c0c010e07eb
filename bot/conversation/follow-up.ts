// Reading follow-ups: "第二个" / "2" / "选2" after a clarify reply, and elliptical questions
// ("那费率呢？") that need the previous turn as context.
import { numberOf } from "../../knowledge/text/chinese-numeral.js";
import type { Candidate } from "../../knowledge/types.js";

const PICK = /^(?:我)?(?:选|选择|要|是)?(?:第)?([0-9]{1,2}|[一二两三四五六七八九十])(?:个|项|条|号)?(?:吧|的)?$/;
const TRAILING = /[\s。．.!！?？~～,，]+$/;

export type PickResult = { index: number } | { outOfRange: true } | null;

/**
 * A candidate choice, 0-based: "2", "第二个", "选2", "最后一个", or (part of) a candidate's project
 * name ("要素保强"). null when the text is not a choice (treat it as a new question).
 */
export function parsePick(text: string, candidates: Candidate[]): PickResult {
  const t = text.trim().replace(TRAILING, "");
  if (!t || candidates.length === 0) return null;
  if (/^(?:选|要)?最后一个$/.test(t)) return { index: candidates.length - 1 };
  const m = PICK.exec(t);
  if (m) {
    const n = numberOf(m[1]);
    return n >= 1 && n <= candidates.length ? { index: n - 1 } : { outOfRange: true };
  }
  if (t.length >= 2 && t.length <= 12) {
    const hits = candidates
      .map((c, i) => ({ i, name: c.projectName.replace(/[“”"「」]/g, "") }))
      .filter((c) => c.name.includes(t.replace(/[“”"「」]/g, "")));
    if (hits.length === 1) return { index: hits[0].i };
  }
  return null;
}

const ELLIPTICAL_START = /^(?:那|那么|那个|还有|另外|再问|这个|这项|此|它|其|该)/;
const ELLIPTICAL_END = /呢[\s？?。！!]*$/;

/** True when the question probably leans on the previous turn ("那费率呢？", "牵头单位是谁"). */
export function looksLikeFollowUp(text: string): boolean {
  const t = text.trim();
  return ELLIPTICAL_START.test(t) || ELLIPTICAL_END.test(t) || [...t].length <= 8;
}
