// Figures a passage states (a number with its unit), dates left out: what answers quote and diffs compare.
import { extractFigures } from "../llm/figures.js";

const DATE = /\d{4}\s*年\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?|\d{4}-\d{2}-\d{2}/g;

export function figuresIn(text: string): string[] {
  return [
    ...new Set(
      extractFigures(text.replace(DATE, " "))
        .filter((f) => f.unit && f.unit !== "年")
        .map((f) => f.raw),
    ),
  ];
}
