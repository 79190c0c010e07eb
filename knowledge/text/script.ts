// Script variants: Traditional Chinese (Taiwan, Hong Kong) is read as Simplified before anything
// else, so 企業、修復、檢查 meet the corpus's 企业、修复、检查. opencc-js (maintained OpenCC data).
import * as OpenCC from "opencc-js";
import stCharacters from "opencc-js/dict/STCharacters";

type Convert = (s: string) => string;
let converters: { characters: Convert[]; phrases: Convert[] } | undefined;
/** Simplified characters that have a Traditional form of their own (OpenCC's STCharacters table). */
let simplifiedChars: Set<string> | undefined;
const simplifiedCharacters = () =>
  (simplifiedChars ??= new Set(stCharacters.split("|").map((entry) => entry.split(" ")[0])));

/** The text with each Traditional character read as its Simplified form (no phrase conversion). */
const byCharacter = (text: string) => chain().characters.reduce((s, convert) => convert(s), text);

function chain(): { characters: Convert[]; phrases: Convert[] } {
  return (converters ??= {
    // Characters only: tells whether the text is Traditional at all.
    characters: [OpenCC.Converter({ from: "hk", to: "cn" }), OpenCC.Converter({ from: "tw", to: "cn" })],
    // Taiwan phrases (軟體 → 软件) and characters first, then what is left of Hong Kong variants.
    phrases: [OpenCC.Converter({ from: "twp", to: "cn" }), OpenCC.Converter({ from: "hk", to: "cn" })],
  });
}

/** Taiwan words the phrase table reads as computing jargon that in law keep their sense (執行 → 执行, not 运行). */
const KEEP_MEANING = /執行/g;

/**
 * The text in Simplified Chinese, unchanged when it already is: Taiwan phrase conversion applies
 * only to Traditional text, since it would rewrite mainland words too (新增 → 添加).
 */
export function toSimplified(text: string): string {
  if (!text || !/[\u3400-\u9fff]/.test(text)) return text;
  if (![...text].some(traditionalOnly)) return text;
  const kept = text.replace(KEEP_MEANING, byCharacter);
  return chain().phrases.reduce((s, convert) => convert(s), kept);
}

/** True when the text carries Traditional characters (it reads differently once simplified). */
export function isTraditional(text: string): boolean {
  return toSimplified(text) !== text;
}

const traditionalChars = new Map<string, boolean>();
/**
 * A character only Traditional text uses (業, 檢): Simplified reads it otherwise, and it is no Simplified
 * character itself. (么 is both: the converters read 了么 as 了幺, yet 饿了么 is Simplified.)
 */
function traditionalOnly(char: string): boolean {
  let known = traditionalChars.get(char);
  if (known === undefined) {
    known = /[\u3400-\u9fff]/.test(char) && byCharacter(char) !== char && !simplifiedCharacters().has(char);
    traditionalChars.set(char, known);
  }
  return known;
}
