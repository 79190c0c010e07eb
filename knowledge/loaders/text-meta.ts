import type { DocMeta, DocStatus } from "../types.js";

// 杭政办函〔2024〕5号 / 国务院令第728号 / 浙政发[2023]12号
const DOC_NO = /([\p{Script=Han}]{1,12}(?:〔|\[|［|【)\d{4}(?:〕|\]|］|】)\s*第?\d+\s*号|[\p{Script=Han}]{1,12}令第\s*\d+\s*号)/u;
const CN_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const ISSUER_LINE = /^[\p{Script=Han}（）()·]{2,40}(?:人民政府办公厅|人民政府|办公厅|委员会|局|厅|部|署|院|办公室|中心|委|会|法院)$/u;

function pad(n: string): string {
  return n.padStart(2, "0");
}

export function chineseDate(s: string): string | undefined {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s);
  if (!m) return undefined;
  const iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/**
 * Metadata read from plain document text: the title (first meaningful line), the document
 * number (发文字号), the signing date (the last 2024年2月8日-style date, normally above the
 * footer) and the issuing body on the line just before it.
 */
export function inferMetaFromText(text: string, fallbackTitle: string, hintTitle?: string): DocMeta {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const nonEmpty = lines.filter((l) => l.length > 0);
  const title = (hintTitle?.trim() || nonEmpty.find((l) => /\p{Script=Han}|[A-Za-z]/u.test(l)) || fallbackTitle)
    .replace(/^#+\s*/, "")
    .slice(0, 200);
  const meta: DocMeta = { title, status: "unknown" as DocStatus };
  const docNo = DOC_NO.exec(text.slice(0, 4000));
  if (docNo) meta.docNo = docNo[1].replace(/\s+/g, "");
  // The signing date: the last standalone date line; else the last date in the text.
  let signIdx = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(lines[i])) {
      signIdx = i;
      break;
    }
  }
  if (signIdx >= 0) {
    meta.issued = chineseDate(lines[signIdx]);
    for (let j = signIdx - 1; j >= Math.max(0, signIdx - 3); j--) {
      if (!lines[j]) continue;
      if (ISSUER_LINE.test(lines[j])) meta.issuer = lines[j];
      break;
    }
  } else {
    const all = [...text.matchAll(CN_DATE)];
    if (all.length) meta.issued = chineseDate(all[all.length - 1][0]);
  }
  const eff = /自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起(?:施行|实施|执行)/.exec(text);
  if (eff) meta.effective = chineseDate(eff[1]);
  return meta;
}
