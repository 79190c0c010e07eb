// Support asked for something ("汇率损失补贴", "税收优惠"): the documents answer it only where they name
// what is supported. A clause on another kind of support shares the word 补贴, not the ask.
import { ASKS, askingClauses, englishSentences, namesNothing } from "../text/asking.js";
import { backgroundIdf, NAMING_IDF } from "../text/background.js";
import { dictionaryWords } from "../text/segment.js";
import type { PreparedQuestion } from "./prepare-question.js";

const SUPPORT = /^(?:补贴|补助|优惠|奖励|奖补|资助|扶持|减免)(?:政策)?$/;
const SUPPORT_ASKED =
  /(?:有没有|有无|有啥|有什么|有|能不能|能否|可以|可不可以|会不会)[^，。？?]{0,12}(?:补贴|补助|优惠|奖励|奖补|资助|扶持|减免)(?:政策)?(?:吗|伐|么|嘛|呢|不|没有)?[？?]?$/;
const BETWEEN = /^(?:的|企业|有|会|能|政府|国家|市里|官方)$/;

/** What the asking clause asks support for, when neither the evidence nor the lexicon's reading names it. */
export function unsupportedObject(
  q: PreparedQuestion,
  evidence: string,
  explainedPhrases: string[],
): string | undefined {
  if (q.english) return unsupportedEnglishObject(q);
  // Support asked for: "有没有汇率损失补贴", "有专门的税收优惠吗" — the support word closes the ask.
  for (const clause of askingClauses(q.text).filter((c) => SUPPORT_ASKED.test(c))) {
    const words = dictionaryWords(clause);
    for (let i = 1; i < words.length; i++) {
      if (!SUPPORT.test(words[i])) continue;
      // The content words right before it, as written (汇率|损失|补贴 → 汇率损失).
      const object: string[] = [];
      // "给台资企业的优惠政策", "汇兑损失政府有补贴吗": a 的, 企业 or who gives it between them still ties the
      // object to the support.
      let j = i - 1;
      while (j >= 0 && i - j <= 3 && BETWEEN.test(words[j])) j--;
      for (; j >= 0 && object.length < 2; j--) {
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

const SUPPORT_WORD_EN = String.raw`subsid\w*|grants?|incentives?|reimburse\w*`;
const SUPPORT_EN = new RegExp(String.raw`\b(?:${SUPPORT_WORD_EN})\b`, "i");
/** What follows the support word: "subsidies for putting rooftop solar panels on a factory roof". */
const OBJECT_AFTER_EN = new RegExp(
  String.raw`\b(?:${SUPPORT_WORD_EN})\s+(?:for|on|to cover|towards?)\s+((?:(?!(?:it|we|they|that|which|if|when|but|and|or|so|because|in|at|from|by)\b)[a-z0-9'-]+\s*){1,5})`,
  "i",
);
/** English words that name nothing supported. */
const GENERIC_EN = new Set(
  "a an the our we us you your their any some this that these those for on of in to and or with by at from is are be can do does did will would could should there it its each per how much many what which who when where why get give gives given apply applying put putting buy buying use using make making have has company companies firm firms factory factories enterprise enterprises business businesses sme smes hangzhou city city's government local cash money support financial special such new more extra full partial".split(
    " ",
  ),
);

/** The same for English ("Does Hangzhou give subsidies for rooftop solar panels?"): the lexicon must read it. */
function unsupportedEnglishObject(q: PreparedQuestion): string | undefined {
  const said = q.expansion.said.flat().map((p) => p.toLowerCase());
  for (const sentence of englishSentences(q.text).filter((c) => ASKS.test(c) && SUPPORT_EN.test(c))) {
    const lower = sentence.toLowerCase();
    const after = (OBJECT_AFTER_EN.exec(lower)?.[1] ?? "").split(/\s+/);
    const words = after.filter((w) => w.length >= 3 && !GENERIC_EN.has(w));
    if (!words.length) continue;
    // Read by the lexicon when a phrase it matched holds one of the words (by its first letters: panel(s)).
    if (words.some((w) => said.some((p) => p.includes(w.slice(0, 5))))) continue;
    return words.slice(0, 4).join(" ");
  }
  return undefined;
}
