// Support asked for something ("汇率损失补贴", "税收优惠"): the documents answer it only where they name
// what is supported. A clause on another kind of support shares the word 补贴, not the ask.
import { askingClauses, namesNothing } from "../text/asking.js";
import { backgroundIdf } from "../text/background.js";
import { dictionaryWords } from "../text/segment.js";
import type { PreparedQuestion } from "./prepare-question.js";

const SUPPORT = /^(?:补贴|补助|优惠|奖励|奖补|资助|扶持|减免)$/;
const SUPPORT_ASKED =
  /(?:有没有|有无|有啥|有什么|有|能不能|能否|可以|可不可以|会不会)[^，。？?]{0,12}(?:补贴|补助|优惠|奖励|奖补|资助|扶持|减免)(?:政策)?(?:吗|伐|么|嘛|呢|不|没有)?[？?]?$/;
/** A word this rare in general Chinese names what is supported (汇率, 税收; not 企业, 政府). */
const NAMING_IDF = 6;

/** What the asking clause asks support for, when neither the evidence nor the lexicon's reading names it. */
export function unsupportedObject(
  q: PreparedQuestion,
  evidence: string,
  explainedPhrases: string[],
): string | undefined {
  if (q.english) return undefined;
  // Support asked for: "有没有汇率损失补贴", "有专门的税收优惠吗" — the support word closes the ask.
  for (const clause of askingClauses(q.text).filter((c) => SUPPORT_ASKED.test(c))) {
    const words = dictionaryWords(clause);
    for (let i = 1; i < words.length; i++) {
      if (!SUPPORT.test(words[i])) continue;
      // The content words right before it, as written (汇率|损失|补贴 → 汇率损失).
      const object: string[] = [];
      for (let j = i - 1; j >= 0 && object.length < 2; j--) {
        const w = words[j];
        if (namesNothing(w) || [...w].length < 2) break;
        object.unshift(w);
      }
      const naming = object.filter((w) => (backgroundIdf(w) ?? 9) >= NAMING_IDF);
      if (!naming.length) continue;
      const named = (w: string) => evidence.includes(w) || explainedPhrases.some((p) => p.includes(w) || w.includes(p));
      // The word nearest the support names what is supported (厂房租金补贴: rent, not the building).
      if (named(naming[naming.length - 1])) continue;
      return object.join("") + words[i];
    }
  }
  return undefined;
}
