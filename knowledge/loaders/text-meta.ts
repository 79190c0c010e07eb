import type { DocMeta, DocStatus, MetaProvenance } from "../types.js";
import { numberOf } from "../text/chinese-numeral.js";

// 杭政办函〔2024〕5号 / 国务院令第728号 / 浙政发[2023]12号
const DOC_NO =
  /([\p{Script=Han}]{1,12}(?:〔|\[|［|【)\d{4}(?:〕|\]|］|】)\s*第?\d+\s*号|[\p{Script=Han}]{1,12}令第\s*\d+\s*号)/u;
const CN_DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/g;
const ORG_SUFFIX =
  "(?:人民政府办公厅|人民政府办公室|人民政府|办公厅|委员会|管理委员会|局|厅|部|署|院|办公室|中心|委|会|法院|领导小组)";
const ISSUER_LINE = new RegExp(`^[\\p{Script=Han}（）()·、\\s]{2,60}${ORG_SUFFIX}$`, "u");
const DOC_KIND =
  /(通知|办法|细则|规定|意见|方案|决定|公告|通告|条例|措施|规则|指引|指南|规划|批复|函|政策|实施意见|若干措施)$/;
const LABEL = (names: string) => new RegExp(`(?:${names})\\s*[:：]\\s*(.+)`);

function pad(n: string): string {
  return n.padStart(2, "0");
}

export function chineseDate(s: string): string | undefined {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(s);
  if (!m) return undefined;
  const iso = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  return Number.isNaN(Date.parse(iso)) ? undefined : iso;
}

/** A labelled line anywhere in the first part of the text: "发文机关：…", "成文日期：…". */
function labelled(lines: string[], names: string): string | undefined {
  const re = LABEL(names);
  for (const l of lines) {
    const m = re.exec(l);
    if (m && l.length < 80) return m[1].trim();
  }
  return undefined;
}

/** The title: the first line that reads like one (关于… / ends with 办法、通知…), joined with its continuation line. */
function findTitle(nonEmpty: string[], fallback: string): string {
  const head = nonEmpty.slice(0, 12).map((l) => l.replace(/^#+\s*/, ""));
  const isNoise = (l: string) =>
    /文件$/.test(l) || DOC_NO.test(l) || /^(发布时间|来源|索引号|发文机关|成文日期|发布日期)/.test(l) || l.length > 80;
  for (let i = 0; i < head.length; i++) {
    const l = head[i];
    if (isNoise(l) || !/\p{Script=Han}/u.test(l)) continue;
    if (/关于/.test(l) || DOC_KIND.test(l)) {
      const next = head[i + 1];
      if (!DOC_KIND.test(l) && next && DOC_KIND.test(next) && next.length < 40 && !/[。；：:]/.test(next))
        return l + next;
      return l;
    }
  }
  return head.find((l) => !isNoise(l) && /\p{Script=Han}|[A-Za-z]/u.test(l)) ?? fallback;
}

function addYears(iso: string, years: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Metadata read from the places official documents state it: the title (first title-like line), the
 * issuing body (发文机关 label, the 落款 line above the signing date, or the body named before 关于 in
 * the title), the document number (文号), the signing date (成文日期 label or the last date line), the
 * date it takes effect (施行日期, 自…起施行), the period of validity (有效期至…, 有效期X年) and what it
 * repeals (《…》同时废止). `provenance` says what was found and what was not.
 */
export function inferMetaFromText(
  text: string,
  fallbackTitle: string,
  hintTitle?: string,
  today = new Date().toISOString().slice(0, 10),
): DocMeta & { provenance: MetaProvenance } {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const nonEmpty = lines.filter((l) => l.length > 0);
  const title = (hintTitle?.trim() || findTitle(nonEmpty, fallbackTitle)).replace(/^#+\s*/, "").slice(0, 200);
  const meta: DocMeta = { title, status: "unknown" as DocStatus };
  // A labelled 文号 is cut at its own shape when it has one: web pages put clutter on the same line.
  const labelledNo = labelled(nonEmpty.slice(0, 30), "文号|发文字号");
  const docNo = (labelledNo && (DOC_NO.exec(labelledNo)?.[1] ?? labelledNo)) ?? DOC_NO.exec(text.slice(0, 4000))?.[1];
  if (docNo) meta.docNo = docNo.replace(/\s+/g, "");
  // The signing date: a 成文日期 label; else the last standalone date line; else the last date in the text.
  let signIdx = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(lines[i])) {
      signIdx = i;
      break;
    }
  }
  const labelledDate = labelled(nonEmpty.slice(0, 30), "成文日期|印发日期|发文日期");
  if (labelledDate && chineseDate(labelledDate)) meta.issued = chineseDate(labelledDate);
  if (signIdx >= 0) {
    meta.issued ??= chineseDate(lines[signIdx]);
    for (let j = signIdx - 1; j >= Math.max(0, signIdx - 3); j--) {
      if (!lines[j]) continue;
      if (ISSUER_LINE.test(lines[j])) meta.issuer = lines[j].replace(/\s+/g, "");
      break;
    }
  } else if (!meta.issued) {
    const all = [...text.matchAll(CN_DATE)];
    if (all.length) meta.issued = chineseDate(all[all.length - 1][0]);
  }
  meta.issuer ??= labelled(nonEmpty.slice(0, 30), "发文机关|发布机关|发文单位");
  if (!meta.issuer) {
    const prefix = /^(.{2,40}?)关于/.exec(title)?.[1];
    if (prefix && new RegExp(`${ORG_SUFFIX}$`).test(prefix)) meta.issuer = prefix;
  }
  const effLabel = labelled(nonEmpty.slice(0, 30), "施行日期|实施日期|生效日期");
  const eff = /自\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*起(?:施行|实施|执行|生效)/.exec(text);
  if (effLabel && chineseDate(effLabel)) meta.effective = chineseDate(effLabel);
  else if (eff) meta.effective = chineseDate(eff[1]);
  else if (/自(?:印发|发布|公布)之日起(?:施行|实施|执行|生效)/.test(text) && meta.issued) meta.effective = meta.issued;
  const until = /有效期(?:至|到)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)/.exec(text);
  const span = /有效期\s*(?:为)?\s*(\d+|[一二两三四五六七八九十])\s*年/.exec(text);
  if (until) meta.expires = chineseDate(until[1]);
  else if (span && (meta.effective ?? meta.issued)) {
    const years = numberOf(span[1]);
    if (years) meta.expires = addYears((meta.effective ?? meta.issued)!, years);
  }
  const repealed = [...text.matchAll(/《([^》]{4,80})》[^。；\n]{0,20}(?:同时|即行)?废止/g)].map((m) => m[1]);
  if (repealed.length) meta.supersedes = [...new Set(repealed)];
  if (meta.expires && meta.expires < today) meta.status = "expired";
  else if (meta.expires || (meta.effective && meta.effective <= today)) meta.status = "in_force";

  const wanted: (keyof DocMeta)[] = ["title", "issuer", "docNo", "issued", "effective"];
  const derived = (Object.keys(meta) as (keyof DocMeta)[]).filter(
    (k) => meta[k] !== undefined && !(k === "status" && meta.status === "unknown"),
  );
  const missing = wanted.filter((k) => meta[k] === undefined || (k === "title" && title === fallbackTitle));
  return { ...meta, provenance: { source: "derived", derived, missing } };
}
