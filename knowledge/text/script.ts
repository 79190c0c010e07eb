// Script variants: Traditional Chinese (Taiwan, Hong Kong) is read as Simplified before anything
// else, so 企業、修復、檢查 meet the corpus's 企业、修复、检查. opencc-js (maintained OpenCC data).
import * as OpenCC from "opencc-js";

let converters: ((s: string) => string)[] | undefined;

function chain(): ((s: string) => string)[] {
  // Hong Kong variants first, then Taiwan phrases (軟體 → 软件) and characters.
  return (converters ??= [OpenCC.Converter({ from: "hk", to: "cn" }), OpenCC.Converter({ from: "twp", to: "cn" })]);
}

/** The text in Simplified Chinese (unchanged when it already is). */
export function toSimplified(text: string): string {
  if (!text || !/[\u3400-\u9fff]/.test(text)) return text;
  return chain().reduce((s, convert) => convert(s), text);
}

/** True when the text carries Traditional characters (it reads differently once simplified). */
export function isTraditional(text: string): boolean {
  return toSimplified(text) !== text;
}
