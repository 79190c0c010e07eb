import type { Target } from "./types.js";

// Units that follow a figure in the notice's targets, longest first.
const UNITS = [
  "个工作日",
  "家(次)",
  "台(套)",
  "万余篇",
  "亿元",
  "万亩",
  "万家",
  "万次",
  "万种",
  "%",
  "家",
  "个",
  "场",
  "件",
  "天",
  "次",
  "名",
  "篇",
  "类",
  "条",
  "台",
];
const FIGURE = new RegExp(`(\\d+(?:\\.\\d+)?)(${UNITS.map((u) => u.replace(/[()]/g, "\\$&")).join("|")})`, "g");

/** Every figure with a unit in a fragment of text; `text` is the whole fragment. */
export function extractTargets(fragment: string): Target[] {
  const out: Target[] = [];
  for (const m of fragment.matchAll(FIGURE)) {
    out.push({ text: fragment.trim(), value: Number(m[1]), unit: m[2] });
  }
  return out;
}
