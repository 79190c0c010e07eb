// Laws and regulations: one passage per article (第X条), keeping its chapter.
import type { Passage, SourceDocument } from "../types.js";
import { basePassage } from "./split-prose.js";

const CHAPTER = /^#*\s*(第[一二三四五六七八九十百零〇]+章)\s*(.*)$/;
const SECTION = /^#*\s*(第[一二三四五六七八九十百零〇]+节)\s*(.*)$/;
const ARTICLE = /^(第[一二三四五六七八九十百零〇]+条)[\s\u3000]*(.*)$/;

/** A document with numbered articles (第一条 …) at the start of its lines: a law, a measure, 办法 or 细则. */
export function looksLikeLaw(text: string): boolean {
  for (const line of text.split("\n"))
    if (/^第[一二三四五六七八九十百零〇]+条[\s\u3000]*\S/.test(line.trim())) return true;
  return false;
}

export function splitLaw(doc: SourceDocument): Passage[] {
  const passages: Passage[] = [];
  let chapter = "";
  let section = "";
  let article: { label: string; lines: string[] } | undefined;
  const preamble: string[] = [];

  const flush = () => {
    if (!article) return;
    const path = [chapter, section, article.label].filter(Boolean).join(" > ");
    passages.push({
      ...basePassage(doc, `a${passages.length}`),
      kind: "article",
      section: path,
      text: article.lines.join("\n"),
    });
    article = undefined;
  };

  for (const raw of doc.text.split("\n")) {
    const line = raw.replace(/\u3000/g, " ").trim();
    if (!line) continue;
    const ch = line.match(CHAPTER);
    if (ch) {
      flush();
      chapter = `${ch[1]} ${ch[2].trim()}`.trim();
      section = "";
      continue;
    }
    const sec = line.match(SECTION);
    if (sec) {
      flush();
      section = `${sec[1]} ${sec[2].trim()}`.trim();
      continue;
    }
    const art = line.match(ARTICLE);
    if (art) {
      flush();
      article = { label: art[1], lines: [line] };
      continue;
    }
    if (article) article.lines.push(line);
    else if (!line.startsWith("#")) preamble.push(line);
  }
  flush();

  const info = documentInfoPassage(doc, preamble);
  return [info, ...passages];
}

/** A passage that states what the document is: title, issuer, number, dates, validity. */
export function documentInfoPassage(doc: SourceDocument, extraLines: string[] = []): Passage {
  const m = doc.meta;
  const validity =
    m.status === "superseded"
      ? `已失效${m.expires ? `（${chineseDate(m.expires)}后不再适用）` : ""}${m.supersededBy?.length ? "，已被新版本取代" : ""}`
      : m.status === "expired"
        ? `已过期${m.expires ? `（有效期至${chineseDate(m.expires)}）` : ""}`
        : m.status === "in_force"
          ? `现行有效${m.expires ? `（有效期至${chineseDate(m.expires)}）` : ""}`
          : "";
  const facts = [
    `《${m.title}》`,
    m.issuer && `发布机关：${m.issuer}`,
    m.docNo && `文号：${m.docNo}`,
    m.issued && `发布日期：${chineseDate(m.issued)}`,
    m.effective && `施行日期：${chineseDate(m.effective)}（自${chineseDate(m.effective)}起施行）`,
    validity && `效力：${validity}`,
  ].filter(Boolean);
  const text = [facts.join("；"), ...extraLines.slice(0, 6)].join("\n");
  return { ...basePassage(doc, "info"), kind: "prose", section: "文件信息", text };
}

/** 2025-06-01 → 2025年6月1日, the way the documents themselves write dates. */
export function chineseDate(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : iso;
}
