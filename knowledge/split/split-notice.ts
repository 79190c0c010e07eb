// The notice: an overview passage, one passage per project clause, one per subsection.
import type { Catalog } from "../catalog/types.js";
import type { Passage, SourceDocument } from "../types.js";
import { basePassage, packSentences } from "./split-prose.js";

const PROJECT_LINE = /^\(.+[[(]牵头单位[:：]/;
const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export function splitNotice(doc: SourceDocument, catalog: Catalog): Passage[] {
  const passages: Passage[] = [overviewPassage(doc, catalog)];
  for (const section of catalog.sections) {
    const sectionTitle = `${CN[section.number] ?? section.number}、${section.heading}`;
    if (section.text.split("\n").some((l) => PROJECT_LINE.test(l))) {
      const intro = section.text
        .split("\n")
        .filter((l) => !/^\(/.test(l))
        .join("\n");
      if (intro)
        passages.push({
          ...basePassage(doc, `s${section.number}`),
          kind: "notice-section",
          section: sectionTitle,
          text: intro,
        });
      continue;
    }
    if (!section.subsections.length) {
      for (const [i, piece] of packSentences(section.text).entries()) {
        passages.push({
          ...basePassage(doc, `s${section.number}-${i}`),
          kind: "notice-section",
          section: sectionTitle,
          text: piece,
        });
      }
      continue;
    }
    for (const sub of section.subsections) {
      for (const [i, piece] of packSentences(sub.text).entries()) {
        passages.push({
          ...basePassage(doc, `s${section.number}${sub.label}-${i}`),
          kind: "notice-section",
          section: `${sectionTitle} > ${sub.label}${sub.heading}`,
          text: piece,
        });
      }
    }
  }
  for (const project of catalog.projects) {
    for (const clause of project.clauses) {
      passages.push({
        ...basePassage(doc, `p${project.number}c${clause.index}`),
        kind: "clause",
        section: `${project.section ?? "二、项目内容"} > ${project.label}${project.name}`,
        text: clause.text,
        project: project.number,
        clauseIndex: clause.index,
      });
    }
  }
  return passages;
}

function overviewPassage(doc: SourceDocument, catalog: Catalog): Passage {
  const list = catalog.projects.map((p) => `${p.label}${p.name}（牵头单位：${p.leadUnits.join("、")}）`).join("；");
  const text = [
    `本通知《${catalog.title}》的发文单位是${catalog.issuer ?? "（未注明）"}，${formatDate(catalog.date)}印发${catalog.published ? `，${catalog.published}公开发布` : ""}。`,
    `${catalog.year ? `${catalog.year}年` : ""}共推出${catalog.projects.length}件“为企办实事”项目：${list}。`,
  ].join("\n");
  return { ...basePassage(doc, "overview"), kind: "notice-section", section: "通知概况", text };
}

function formatDate(iso?: string): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
