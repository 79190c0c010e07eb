// Documents without articles or projects: split at their numbered sections (一、 → （一） → 1.),
// Markdown headings and chapters, then by size. Every numbered item is a quotable passage.
import type { Passage, SourceDocument } from "../types.js";

export const MAX_PASSAGE_CHARS = 600;

const MD_HEADING = /^#{1,6}\s+(.+)$/;
const CHAPTER = /^第[一二三四五六七八九十百]+[章节].{0,40}$/;
const LEVEL1 = /^([一二三四五六七八九十]+)、\s*(.*)$/;
const LEVEL2 = /^[(（]([一二三四五六七八九十]+)[)）]\s*(.*)$/;
const LEVEL3 = /^(?:(\d{1,2})[.、．](?!\d)|[(（](\d{1,2})[)）])\s*(.*)$/;

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

/** "一、支持对象" stays whole; "（二）对新认定的企业给予奖励。…" is labelled by its first phrase. */
function labelOf(marker: string, rest: string): { label: string; body: string } {
  const cut = rest.search(/[，,。；;:：]/);
  if (cut < 0 && rest.length <= 40) return { label: `${marker}${rest}`, body: "" };
  const head = (cut < 0 ? rest : rest.slice(0, cut)).slice(0, 24);
  return { label: `${marker}${head}`, body: `${marker}${rest}` };
}

export function splitProse(doc: SourceDocument, max = MAX_PASSAGE_CHARS): Passage[] {
  const passages: Passage[] = [];
  const path: string[] = ["", "", ""];
  let buffer: string[] = [];
  const flush = () => {
    const body = buffer.join("\n").trim();
    buffer = [];
    if (!body) return;
    // Text outside any numbered section (a preamble, an undivided text): the title is not repeated as its section.
    const section = path.filter(Boolean).join(" > ") || "正文";
    for (const piece of packSentences(body, max)) {
      passages.push({ ...basePassage(doc, `p${passages.length}`), kind: "prose", section, text: piece });
    }
  };
  const open = (level: number, marker: string, rest: string) => {
    flush();
    const { label, body } = labelOf(marker, rest);
    path[level] = label;
    for (let l = level + 1; l < path.length; l++) path[l] = "";
    if (body) buffer.push(body);
  };
  for (const raw of doc.text.split("\n")) {
    const line = raw.trim();
    if (!line) continue;
    const md = line.match(MD_HEADING);
    let m: RegExpMatchArray | null;
    if (md || (CHAPTER.test(line) && line.length <= 60)) open(0, "", (md ? md[1] : line).trim());
    else if ((m = line.match(LEVEL1))) open(0, `${m[1]}、`, m[2]);
    else if ((m = line.match(LEVEL2))) open(1, `（${m[1]}）`, m[2]);
    else if ((m = line.match(LEVEL3))) open(2, `${m[1] ?? m[2]}.`, m[3]);
    else buffer.push(line);
  }
  flush();
  return passages;
}
