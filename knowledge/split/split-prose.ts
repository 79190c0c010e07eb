// Documents without article or project structure: split at headings, then by size.
import type { Passage, SourceDocument } from "../types.js";

export const MAX_PASSAGE_CHARS = 600;

const HEADING = /^(#{1,6}\s+.+|[一二三四五六七八九十]+、.{1,40}|\([一二三四五六七八九十]+\).{0,40}|第[一二三四五六七八九十百]+[章节].*)$/;

export function basePassage(doc: SourceDocument, suffix: string): Omit<Passage, "kind" | "section" | "text"> {
  return {
    id: `${doc.id}#${suffix}`,
    docId: doc.id,
    docTitle: doc.meta.title,
    status: doc.meta.status,
    effective: doc.meta.effective,
    relatedProjects: doc.meta.relatedProjects,
  };
}

/** Breaks text into pieces of at most `max` characters at sentence ends (。！？；), never mid-sentence unless a sentence is longer. */
export function packSentences(text: string, max = MAX_PASSAGE_CHARS): string[] {
  const sentences = text.match(/[^。！？；!?;\n]+[。！？；!?;]?|\n/g) ?? [text];
  const out: string[] = [];
  let cur = "";
  for (const s of sentences) {
    if (s === "\n") {
      if (cur.length > max * 0.5) {
        out.push(cur.trim());
        cur = "";
      } else cur += "\n";
      continue;
    }
    if (cur.length + s.length > max && cur.trim()) {
      out.push(cur.trim());
      cur = "";
    }
    if (s.length > max) {
      for (let i = 0; i < s.length; i += max) out.push(s.slice(i, i + max).trim());
    } else cur += s;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}

export function splitProse(doc: SourceDocument, max = MAX_PASSAGE_CHARS): Passage[] {
  const passages: Passage[] = [];
  let heading = "";
  let buffer: string[] = [];
  const flush = () => {
    const body = buffer.join("\n").trim();
    buffer = [];
    if (!body) return;
    for (const piece of packSentences(body, max)) {
      passages.push({ ...basePassage(doc, `p${passages.length}`), kind: "prose", section: heading || doc.meta.title, text: piece });
    }
  };
  for (const raw of doc.text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    if (HEADING.test(line) && line.length <= 60) {
      flush();
      heading = line.replace(/^#+\s*/, "");
      continue;
    }
    buffer.push(line);
  }
  flush();
  return passages;
}
