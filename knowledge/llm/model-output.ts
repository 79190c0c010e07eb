// The one JSON shape the model must return, and a tolerant reader for it (code fences, prose around it).
import { z } from "zod";

export const modelOutputSchema = z.object({
  answerable: z.boolean(),
  project: z.number().int().min(1).max(10).nullable(),
  leadUnits: z.array(z.string().trim().min(1).max(60)).max(6),
  citations: z.array(z.string().trim().min(1).max(40)).max(12),
  answer: z.string().max(2000),
});
export type ModelOutput = z.infer<typeof modelOutputSchema>;

/** The field order asked of the model: metadata first, so a stream shows `answerable` before the text. */
export const OUTPUT_EXAMPLE =
  '{"answerable": true, "project": 4, "leadUnits": ["市委金融办"], "citations": ["P1"], "answer": "……"}';

export type ParseResult = { ok: true; output: ModelOutput } | { ok: false; error: string };

/** Parses the model's text into a validated ModelOutput. Never throws. */
export function parseModelOutput(text: string): ParseResult {
  const json = extractJsonObject(text);
  if (json === null) return { ok: false, error: "no JSON object in output" };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, error: `invalid JSON: ${(e as Error).message}` };
  }
  const res = modelOutputSchema.safeParse(coerceLoose(data));
  if (!res.success) {
    return { ok: false, error: res.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  return { ok: true, output: res.data };
}

/** Reasoning models (DeepSeek-R1, QwQ …) may think aloud first; that part is never the answer. */
function withoutThinking(text: string): string {
  const open = text.indexOf("<think>");
  if (open < 0) return text;
  const close = text.indexOf("</think>", open);
  return close < 0 ? text.slice(0, open) : text.slice(0, open) + text.slice(close + "</think>".length);
}

function extractJsonObject(raw: string): string | null {
  const text = withoutThinking(raw);
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(text);
  const body = (fenced ? fenced[1] : text).trim();
  const start = body.indexOf("{");
  const end = body.lastIndexOf("}");
  if (start < 0 || end <= start) return null;
  return body.slice(start, end + 1);
}

/** Small, safe coercions real models need: "4" → 4, a single string → [string]. Nothing else. */
function coerceLoose(data: unknown): unknown {
  if (!data || typeof data !== "object" || Array.isArray(data)) return data;
  const o = { ...(data as Record<string, unknown>) };
  if (typeof o.project === "string" && /^\d{1,2}$/.test(o.project.trim())) o.project = Number(o.project.trim());
  for (const k of ["leadUnits", "citations"]) if (typeof o[k] === "string") o[k] = [o[k]];
  return o;
}

/**
 * While a JSON object streams in, returns the decoded prefix of its "answer" string (null until the
 * field starts), and whether "answerable": false has already been seen.
 */
export function readPartialOutput(raw: string): {
  answer: string | null;
  answerableFalse: boolean;
  citations: string[] | null;
} {
  const buffer = withoutThinking(raw);
  const answerableFalse = /"answerable"\s*:\s*false/.test(buffer);
  const cit = /"citations"\s*:\s*\[([^\]]*)\]/.exec(buffer);
  const citations = cit ? [...cit[1].matchAll(/"([^"\\]{1,40})"/g)].map((m) => m[1]) : null;
  const m = /"answer"\s*:\s*"/.exec(buffer);
  if (!m) return { answer: null, answerableFalse, citations };
  let out = "";
  let i = m.index + m[0].length;
  while (i < buffer.length) {
    const c = buffer[i];
    if (c === '"') break;
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const n = buffer[i + 1];
    if (n === undefined) break; // escape cut in half: wait for more
    if (n === "u") {
      const hex = buffer.slice(i + 2, i + 6);
      if (hex.length < 4) break;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 6;
      continue;
    }
    out +=
      ({ n: "\n", t: "\t", r: "", b: "", f: "", '"': '"', "\\": "\\", "/": "/" } as Record<string, string>)[n] ?? n;
    i += 2;
  }
  return { answer: out, answerableFalse, citations };
}
