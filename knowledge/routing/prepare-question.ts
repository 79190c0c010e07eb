// A question as the retriever and router see it.
import { maskPersonalData } from "../infra/mask.js";
import { hasMeaningfulText, normalizeText } from "../text/normalize.js";
import { type Expansion, expandQuery, type ScopeSignal, scopeSignals } from "../text/lexicon.js";
import { toSimplified } from "../text/script.js";
import { queryTokens } from "../text/segment.js";
import { withCounterpartAbroad } from "./counterpart-abroad.js";

/** Longer questions are not analysed: the user is asked to shorten them. */
export const MAX_QUESTION_CHARS = 1000;

export interface PreparedQuestion {
  raw: string;
  text: string; // normalised: Simplified script, NFKC, markup removed, personal data blanked
  tokens: string[]; // content words (stop words removed)
  expansion: Expansion;
  scope: ScopeSignal;
  /** The asker wrote in Traditional characters (the question was read in Simplified). */
  traditional?: boolean;
  /** The question is written in English (its reply frame is English). */
  english?: boolean;
  issue?: "empty" | "too_long" | "no_text";
}

/** Phone, ID and credit-code numbers are the asker's own data, never a topic: blanked before retrieval. */
function withoutPersonalData(text: string): string {
  const masked = maskPersonalData(text);
  if (masked === text) return text;
  // The number and the words that label it ("我的身份证号", "手机") go: neither is what is asked.
  return masked
    .replace(new RegExp(`${PERSONAL_LABEL.source}?[0-9A-Za-z-]*\\*{3,}[0-9A-Za-z]*`, "g"), " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,，;；。]+/, "")
    .trim();
}

const PERSONAL_LABEL =
  /(?:我的|本人|法人的?|联系人的?)?(?:身份证号码?|身份证|证件号码?|手机号码?|电话号码?|联系电话|手机|电话|统一社会信用代码|信用代码)[是为:：]?\s*/;

/** Words chat writes by their pinyin initials ("去翻zf网站", "数电fp", "lb说"). */
const CHAT_INITIALS: Record<string, string> = { zf: "政府", fp: "发票", lb: "老板", gs: "公司", yyzz: "营业执照" };
const INITIALS = new RegExp(`(?<![A-Za-z])(?:${Object.keys(CHAT_INITIALS).join("|")})(?![A-Za-z])`, "gi");

const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{2,}/g;

/** English when it has English words and (almost) no Chinese characters. */
export function isEnglish(text: string): boolean {
  const han = [...text].filter((c) => HAN.test(c)).length;
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return words >= 2 && han <= 12 && words * 2 > han;
}

export function prepareQuestion(raw: string): PreparedQuestion {
  const input = typeof raw === "string" ? raw : "";
  const simplified = toSimplified(input);
  const normalized = normalizeText(simplified);
  // Only in Chinese chat: in English "lb" is a pound.
  const text = HAN.test(normalized) ? normalized.replace(INITIALS, (m) => CHAT_INITIALS[m.toLowerCase()]) : normalized;
  const base = {
    raw,
    text,
    tokens: [],
    expansion: { terms: [], matched: [], groups: [], groupHits: [], said: [], aspects: [] },
    scope: { outOfScopeWords: [], injection: false },
  };
  if (!text) return { ...base, issue: "empty" };
  if (text.length > MAX_QUESTION_CHARS) return { ...base, issue: "too_long" };
  if (!hasMeaningfulText(text)) return { ...base, issue: "no_text" };
  const clean = withoutPersonalData(text);
  return {
    raw,
    text: clean,
    tokens: queryTokens(clean),
    expansion: withCounterpartAbroad(clean, expandQuery(clean)),
    scope: scopeSignals(withoutCourtesies(clean)),
    traditional: simplified !== input,
    english: isEnglish(clean),
  };
}

// A greeting before a question, or thanks after it, is manners, not small talk ("你好，我们厂里缺钱怎么办").
const GREETING_FIRST =
  /^(?:你好|您好|你好呀|哈喽|嗨|在吗|hello|hi|hey|good (?:morning|afternoon|evening))(?:[\s,，!！。.~]+)(?=\S)/i;
const THANKS_LAST = /(?<=\S)[\s,，。.!！~]*(?:谢谢|多谢|谢啦|thanks|thank you)[\s!！。.~]*$/i;

function withoutCourtesies(text: string): string {
  return text.replace(GREETING_FIRST, "").replace(THANKS_LAST, "");
}
