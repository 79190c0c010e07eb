// The answer drawn from a document of its own: its article or section quoted with its figures, what
// the document is (title, issuing body, number, dates) and whether it is in force, superseded or expired.
import { chineseDate } from "../split/split-law.js";
import type { KnowledgeIndex, ManifestDocument } from "../index-store.js";
import type { Routing } from "../routing/routing-types.js";
import type { Citation } from "../types.js";
import { figuresIn } from "./figures.js";
import { MESSAGES } from "./messages.js";

const WHOLE_QUOTE = 300;

type Validity =
  | { kind: "superseded"; by: string[] }
  | { kind: "expired"; expires?: string }
  | { kind: "not_yet"; effective: string }
  | { kind: "in_force"; expires?: string }
  | { kind: "unknown" };

/** Whether a document is in force, judged today from its own dates and status. */
function validityOf(index: KnowledgeIndex, d: ManifestDocument, today: string): Validity {
  if (d.status === "superseded")
    return { kind: "superseded", by: (d.supersededBy ?? []).map((id) => index.documents.get(id)?.title ?? id) };
  if (d.status === "expired" || (d.expires && d.expires < today))
    return { kind: "expired", expires: d.expires ?? undefined };
  if (d.effective && d.effective > today) return { kind: "not_yet", effective: d.effective };
  if (d.status === "in_force") return { kind: "in_force", expires: d.expires ?? undefined };
  return { kind: "unknown" };
}

type Render = { [K in Validity["kind"]]: (v: Extract<Validity, { kind: K }>) => string };

const VALIDITY_TEXT: Record<"zh" | "en", Render> = {
  zh: {
    superseded: (v) => `已失效${v.by.length ? `，已被《${v.by.join("》《")}》替代` : ""}`,
    expired: (v) => `已过期${v.expires ? `（有效期至${chineseDate(v.expires)}）` : ""}`,
    not_yet: (v) => `尚未施行（自${chineseDate(v.effective)}起施行）`,
    in_force: (v) => `现行有效${v.expires ? `（有效期至${chineseDate(v.expires)}）` : ""}`,
    unknown: () => "文件未载明效力状态，请以发文机关公布为准",
  },
  en: {
    superseded: (v) => `no longer in force (已失效)${v.by.length ? `, superseded by 《${v.by.join("》《")}》` : ""}`,
    expired: (v) => `expired (已过期)${v.expires ? `, valid until ${v.expires}` : ""}`,
    not_yet: (v) => `not yet in force (尚未施行), takes effect on ${v.effective}`,
    in_force: (v) => `in force (现行有效)${v.expires ? `, valid until ${v.expires}` : ""}`,
    unknown: () => "the document does not state whether it is in force; check with the issuing body",
  },
};

/** 现行有效 / 已被《…》替代 / 已过期 / 尚未施行 — or the same in English, for replies to questions asked in English. */
export function validityText(
  index: KnowledgeIndex,
  d: ManifestDocument,
  lang: "zh" | "en" = "zh",
  today = new Date().toISOString().slice(0, 10),
): string {
  const v = validityOf(index, d, today);
  return (VALIDITY_TEXT[lang][v.kind] as (v: Validity) => string)(v);
}

/** "发文机关：…；文号：…；成文日期：…；施行日期：…" from what is known of the document. */
export function documentFactsLine(d: ManifestDocument): string {
  return [
    d.issuer && `发文机关：${d.issuer}`,
    d.docNo && `文号：${d.docNo}`,
    d.issued && `成文日期：${chineseDate(d.issued)}`,
    d.effective && `施行日期：${chineseDate(d.effective)}`,
  ]
    .filter(Boolean)
    .join("；");
}

export function composeDocumentAnswer(
  index: KnowledgeIndex,
  routing: Routing,
  quoteOf: (text: string) => string,
): { lines: string[]; citations: Citation[]; figures: string[] } {
  const picked = routing.document!.passage.passage;
  const doc = index.documents.get(picked.docId)!;
  const where =
    picked.section === "文件信息" || picked.section === doc.title ? "" : picked.section.split(" > ").at(-1)!;
  // The facts passage: its first line (the rest repeats the document's opening lines).
  const text = picked.section === "文件信息" ? picked.text.split("\n")[0] : picked.text;
  const quote = text.length <= WHOLE_QUOTE ? text.replace(/\n+/g, "") : quoteOf(text);
  const facts = documentFactsLine(doc);
  const lines = [
    `相关文件：《${doc.title}》${facts ? `（${facts}）` : ""}`,
    `文件原文${where ? `（${where}）` : ""}：${quote}`,
    `效力：${validityText(index, doc)}`,
  ];
  if (routing.project && routing.catalog) {
    const year = routing.catalog.year ? `${routing.catalog.year}年` : "";
    lines.push(
      `关联项目：${year}“为企办实事”${routing.project.label}${routing.project.name}｜牵头单位：${routing.leadUnits.filter((u) => u !== doc.issuer).join("、") || routing.leadUnits[0]}`,
    );
  }
  lines.push(doc.issuer ? `咨询渠道：发文机关${doc.issuer}。${MESSAGES.handoffHint}` : MESSAGES.handoffHint);
  const citation: Citation = {
    document: doc.title,
    section: picked.section,
    quote,
    passageId: picked.id,
    status: doc.status,
  };
  return { lines, citations: [citation], figures: figuresIn(quote) };
}
