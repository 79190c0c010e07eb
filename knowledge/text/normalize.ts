// Question and document text normalisation: one place, used at index and query time.

const HTML_TAG = /<\/?[a-zA-Z][^>]*>/g;
const HTML_ENTITY = /&(nbsp|amp|lt|gt|quot|#39);/g;
const ENTITIES: Record<string, string> = { nbsp: " ", amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" };
const MARKDOWN = /(\*\*|__|`{1,3}|^#{1,6}\s|^>\s|\[([^\]]*)\]\([^)]*\))/gm;

/** NFKC (full-width digits/letters/punctuation → ASCII), markup removed, whitespace collapsed. */
export function normalizeText(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(HTML_TAG, " ")
    .replace(HTML_ENTITY, (_m, e: string) => ENTITIES[e] ?? " ")
    .replace(MARKDOWN, (_m, _a, linkText?: string) => linkText ?? " ")
    .replace(/[\u200b-\u200f\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const MEANINGFUL = /[\p{Script=Han}\p{L}\p{N}]/u;

/** True when the text has at least one letter, digit or Chinese character (not only emoji/punctuation). */
export function hasMeaningfulText(text: string): boolean {
  return MEANINGFUL.test(text);
}

export function isHan(ch: string): boolean {
  return /\p{Script=Han}/u.test(ch);
}

/** Non-empty and Chinese characters only (政府采购, not 数电票s or 工信部2024). */
export function isHanText(text: string): boolean {
  return HAN_ONLY.test(text);
}
const HAN_ONLY = /^\p{Script=Han}+$/u;
