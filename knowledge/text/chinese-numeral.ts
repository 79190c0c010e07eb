// Chinese numerals as numbers: "三十" → 30, "两万" → 20000, "二〇二四" → 2024.

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** "三十" → 30, "一千二百" → 1200, "两万" → 20000, "二〇二四" → 2024. NaN when not a numeral. */
export function parseChineseNumeral(s: string): number {
  if (!s) return NaN;
  if (/^[零〇一二两三四五六七八九]{2,}$/.test(s) && !/[十百千万亿]/.test(s)) {
    return Number([...s].map((c) => CN_DIGITS[c]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c];
    else if (c in CN_SMALL) {
      section += (digit || 1) * CN_SMALL[c];
      digit = 0;
    } else if (c === "万" || c === "亿") {
      total += (section + digit) * (c === "万" ? 1e4 : 1e8);
      section = 0;
      digit = 0;
    } else return NaN;
  }
  return total + section + digit;
}

/** Arabic digits or a Chinese numeral: "12" → 12, "十二" → 12; NaN when neither. */
export function numberOf(n: string): number {
  return /\d/.test(n) ? Number(n) : parseChineseNumeral(n);
}
