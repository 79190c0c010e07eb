// Figures (a number, optionally with a unit) in model output must come from the passages it cites.
// Both sides are normalised the same way so "五个工作日" = "5个工作日", "1万家" = "10000家", "百分之八十" = "80%".
import { numberOf, parseChineseNumeral } from "../text/chinese-numeral.js";

export interface Figure {
  raw: string; // as written, e.g. "5个工作日"
  value: number;
  unit: string; // canonical unit ("" for a bare number)
}

// Longest first so "个工作日" wins over "个"/"日".
const UNITS = [
  "个工作日",
  "工作日",
  "个自然日",
  "自然日",
  "个小时",
  "小时",
  "分钟",
  "个月",
  "个百分点",
  "百分点",
  "%",
  "‰",
  "天",
  "日",
  "周",
  "月",
  "年",
  "元",
  "美元",
  "家",
  "个",
  "场",
  "件",
  "项",
  "次",
  "条",
  "款",
  "台",
  "套",
  "种",
  "篇",
  "名",
  "人",
  "位",
  "亩",
  "倍",
  "趟",
  "批",
  "类",
  "期",
  "所",
  "户",
  "笔",
  "份",
  "万",
  "亿",
  "章",
  "节",
  "层",
  "级",
  "轮",
];
const UNIT_ALT = UNITS.map((u) => u.replace(/[%‰]/, (c) => `\\${c}`)).join("|");
const CANON: Record<string, string> = {
  个工作日: "工作日",
  个自然日: "天",
  自然日: "天",
  个小时: "小时",
  个月: "月",
  个百分点: "百分点",
  日: "天",
  位: "人",
  名: "人",
};
// Units where a Chinese numeral is worth checking even when it is a single character ("五日" but not "一家").
const STRONG_UNITS = new Set(["工作日", "天", "小时", "分钟", "月", "年", "元", "%", "‰", "百分点", "倍", "亩"]);

const NUMERAL = "[\\d.]+|[零〇一二两三四五六七八九十百千]+";
const percent = (v: number) => `${Math.round(v * 1e6) / 1e6}%`;

/**
 * Figures written in words become percentages or multiples: 千分之三 → 0.3%, 万分之五 → 0.05%,
 * 三成 → 30%, 2个点 → 2%, 半数 → 50%, 翻一番 → 2倍, 翻两番 → 4倍.
 */
function wordFigures(text: string): string {
  return text
    .replace(new RegExp(`千分之(${NUMERAL})`, "g"), (m, n: string) =>
      Number.isFinite(numberOf(n)) ? percent(numberOf(n) / 10) : m,
    )
    .replace(new RegExp(`万分之(${NUMERAL})`, "g"), (m, n: string) =>
      Number.isFinite(numberOf(n)) ? percent(numberOf(n) / 100) : m,
    )
    .replace(/([\d.]+|[一二两三四五六七八九十])成(?![为立本果功员交绩熟品型])/g, (m, n: string) =>
      Number.isFinite(numberOf(n)) ? percent(numberOf(n) * 10) : m,
    )
    .replace(/([\d.]+|[一二两三四五六七八九十])个点(?!几)/g, (m, n: string) =>
      Number.isFinite(numberOf(n)) ? percent(numberOf(n)) : m,
    )
    .replace(/半数|一半/g, "50%")
    .replace(/翻一番/g, "2倍")
    .replace(/翻两番/g, "4倍")
    .replace(/翻(?:了)?([一二两三四五]|\d)倍/g, (m, n: string) =>
      Number.isFinite(numberOf(n)) ? `${numberOf(n) + 1}倍` : m,
    );
}

/** Full-width digits/percent → ASCII, thousands separators removed, 百分之X → X%, figures in words → numbers. */
export function normalizeForFigures(text: string): string {
  return wordFigures(text)
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/．/g, ".")
    .replace(/％/g, "%")
    .replace(/(\d),(?=\d{3}(?!\d))/g, "$1")
    .replace(/百分之([\d.]+|[零〇一二两三四五六七八九十百千]+)/g, (_m, n: string) => {
      const v = numberOf(n);
      return Number.isFinite(v) ? `${v}%` : _m;
    });
}

const ARABIC = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(万|亿)?\\s*(${UNIT_ALT})?`, "g");
const CHINESE = new RegExp(`(第)?([零〇一二两三四五六七八九十百千万亿]+)\\s*(${UNIT_ALT})?`, "g");

function canonical(unit: string | undefined, multiplier: string | undefined): string {
  if (!unit) return "";
  if (unit === multiplier) return "";
  return CANON[unit] ?? unit;
}

/**
 * Figures in a text. Arabic numbers are always figures (except list markers "1." at a line start and
 * citation labels like "P1"); Chinese numerals only with a unit, and single-character ones only with a
 * unit that carries a quantity (days, money, percent …), so "一次不跑" or "一家企业" are not figures.
 */
export function extractFigures(text: string): Figure[] {
  const t = normalizeForFigures(text);
  const out: Figure[] = [];
  for (const m of t.matchAll(ARABIC)) {
    const start = m.index ?? 0;
    const before = t.slice(Math.max(0, start - 1), start);
    if (/[A-Za-z_]/.test(before)) continue; // P1, v2, ISO9001 …
    const lineStart = t.lastIndexOf("\n", start - 1) + 1;
    const after = t.slice(start + m[0].length, start + m[0].length + 1);
    if (!m[3] && /^\s*$/.test(t.slice(lineStart, start)) && /^[.、)）]/.test(after)) continue; // list marker
    let value = Number(m[1]);
    const mult = m[2] ?? (m[3] === "万" || m[3] === "亿" ? m[3] : undefined);
    if (mult === "万") value *= 1e4;
    if (mult === "亿") value *= 1e8;
    out.push({ raw: m[0].trim(), value: round(value), unit: canonical(m[3], mult) });
  }
  for (const m of t.matchAll(CHINESE)) {
    const numeral = m[2];
    const unitRaw = m[3];
    const at = (m.index ?? 0) + (m[1]?.length ?? 0);
    if (/^[万亿]+$/.test(numeral) || /[\d.]/.test(t.slice(Math.max(0, at - 1), at))) continue; // "1万家" is read above
    const ordinal = Boolean(m[1]);
    if (!unitRaw && !ordinal) continue;
    let value = parseChineseNumeral(numeral);
    let mult: string | undefined;
    if (unitRaw === "万" || unitRaw === "亿") {
      mult = unitRaw;
      value *= unitRaw === "万" ? 1e4 : 1e8;
    }
    if (!Number.isFinite(value)) continue;
    const unit = canonical(unitRaw, mult);
    const single = numeral.length === 1 && !/[十百千万亿]/.test(numeral);
    if (single && !ordinal && !STRONG_UNITS.has(unit) && !mult) continue;
    out.push({ raw: m[0].trim(), value: round(value), unit });
  }
  return out;
}

function round(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** Figures of `answer` that `sources` do not contain (same value and unit; a bare number: same value). */
export function unsupportedFigures(answer: string, sources: string[]): Figure[] {
  const known = sources.flatMap((s) => extractFigures(s));
  const withUnit = new Set(known.map((f) => `${f.value}|${f.unit}`));
  const values = new Set(known.map((f) => f.value));
  return extractFigures(answer).filter((f) => (f.unit ? !withUnit.has(`${f.value}|${f.unit}`) : !values.has(f.value)));
}
