// Personal data never reaches a log line (or an LLM prompt) unmasked.
const ID_CARD = /(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])/g;
const MOBILE = /(?<!\d)(1[3-9]\d)(\d{4})(\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0\d{2,3}-?)(\d{3,4})(\d{4})(?!\d)/g;
const CREDIT_CODE = /(?<![0-9A-Z])([0-9A-HJ-NPQRTUWXY]{2}\d{6})([0-9A-HJ-NPQRTUWXY]{9})([0-9A-HJ-NPQRTUWXY])(?![0-9A-Z])/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(ID_CARD, (_m, a: string, _b: string, c: string) => `${a}********${c.slice(-1) === "X" || c.slice(-1) === "x" ? "***X" : "****"}`)
    .replace(MOBILE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(LANDLINE, (_m, a: string, _b: string, c: string) => `${a}****${c}`)
    .replace(CREDIT_CODE, (_m, a: string, _b: string, c: string) => `${a}*********${c}`);
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
