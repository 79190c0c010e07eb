// Personal data never reaches a log line (or an LLM prompt) unmasked.
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
// First-generation (15-digit) ID numbers: area, YYMMDD birth date, sequence.
const ID_CARD_15 = /(?<![0-9A-Za-z])(\d{6})(\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))(\d{3})(?![0-9A-Za-z])/g;
// Mobile numbers, also with +86 / 0086 / 86 in front and spaces or hyphens between the groups.
const MOBILE = /(?<![\d+])((?:\+|00)?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)(\d{3,4})(\d{4})(?!\d)/g;
const CREDIT_CODE =
  /(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}\d{6})([0-9A-HJ-NPQRTUWXY]{9})([0-9A-HJ-NPQRTUWXY])(?![0-9A-Z])/g;

/** Phone and ID numbers only: what message text keeps when stored (credit codes stay: tickets record them). */
export function maskPhonesAndIds(text: string): string {
  return text
    .replace(
      ID_CARD,
      (_m, a: string, _b: string, c: string) =>
        `${a}********${c.slice(-1) === "X" || c.slice(-1) === "x" ? "***X" : "****"}`,
    )
    .replace(ID_CARD_15, (_m, a: string) => `${a}*********`)
    .replace(MOBILE, (_m, cc: string | undefined, a: string, _b: string, c: string) => `${cc ?? ""}${a}****${c}`)
    .replace(LANDLINE, (_m, a: string, _b: string, c: string) => `${a}****${c}`);
}

/** Everything personal: phone and ID numbers, credit codes (logs, group cards, LLM prompts). */
export function maskPersonalData(text: string): string {
  return maskPhonesAndIds(text).replace(CREDIT_CODE, (_m, a: string, _b: string, c: string) => `${a}*********${c}`);
}

/** Deep-masks strings inside a value (objects, arrays); other values pass through. */
export function maskDeep<T>(value: T, depth = 0): T {
  if (depth > 8) return value;
  if (typeof value === "string") return maskPersonalData(value) as T;
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, depth + 1)) as T;
  if (value && typeof value === "object" && !(value instanceof Error)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = maskDeep(v, depth + 1);
    return out as T;
  }
  return value;
}
