// Parses a notice shaped like the 2024 "为企办实事" notice into a catalog: its sections
// (一、…), its projects ((一)… with 牵头单位) and each clause's own lead unit.
// A document without that shape yields null and is indexed as ordinary passages.
import { canonicalUnitKey, findUnit, loadUnits } from "../data-files.js";
import { extractTargets } from "./targets.js";
import type { Catalog, Clause, ClauseFragment, NoticeSection, Project } from "./types.js";

const CN_NUMBERS = "一二三四五六七八九十";
const SECTION_HEADING = /^([一二三四五六七八九十]+)、\s*(.+)$/;
const SUBSECTION = /^\(([一二三四五六七八九十]+)\)\s*(.*)$/;
const LEAD_UNITS = /[[(]牵头单位[:：]\s*(.+?)[\])]\s*$/;

export function chineseNumeral(s: string): number {
  if (s === "十") return 10;
  if (s.startsWith("十")) return 10 + CN_NUMBERS.indexOf(s[1]) + 1;
  if (s.endsWith("十")) return (CN_NUMBERS.indexOf(s[0]) + 1) * 10;
  if (s.length === 3 && s[1] === "十") return (CN_NUMBERS.indexOf(s[0]) + 1) * 10 + CN_NUMBERS.indexOf(s[2]) + 1;
  return CN_NUMBERS.indexOf(s) + 1;
}

/** Splits on a separator set, but never inside “…” quotes or (…) brackets. */
export function splitOutside(text: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of text) {
    if (ch === "“" || ch === "(" || ch === "（" || ch === "[") depth++;
    else if ((ch === "”" || ch === ")" || ch === "）" || ch === "]") && depth > 0) depth--;
    if (depth === 0 && separators.includes(ch)) {
      if (current.trim()) parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function displayUnitName(raw: string): string {
  return findUnit(raw)?.name ?? raw.trim();
}

/** Which of the project's units a fragment belongs to, by the units' duty words (longest hit wins). */
function unitOfFragment(fragment: string, projectUnits: string[]): string | undefined {
  let best: { unit: string; score: number } | undefined;
  for (const unitName of projectUnits) {
    const info = findUnit(unitName);
    if (!info) continue;
    const score = info.duties.filter((d) => fragment.includes(d)).reduce((s, d) => s + d.length, 0);
    if (score > 0 && (!best || score > best.score)) best = { unit: unitName, score };
  }
  return best?.unit;
}

function parseProject(number: number, label: string, paragraph: string): Project {
  const leadMatch = paragraph.match(LEAD_UNITS);
  const leadUnits = leadMatch ? splitOutside(leadMatch[1], "、,").map(displayUnitName) : [];
  const body = leadMatch ? paragraph.slice(0, leadMatch.index).trim() : paragraph;
  const nameEnd = body.indexOf("。");
  const name = (nameEnd > 0 ? body.slice(0, nameEnd) : body).trim();
  const shortName = name.match(/“([^”]+)”/)?.[1] ?? name;
  const content = nameEnd > 0 ? body.slice(nameEnd + 1) : body;

  let previousUnit = leadUnits[0] ?? "";
  const clauses: Clause[] = splitOutside(content, ";；。").map((clauseText, index) => {
    const fragments: ClauseFragment[] = splitOutside(clauseText, ",，").map((text) => {
      const unit = leadUnits.length > 1 ? (unitOfFragment(text, leadUnits) ?? previousUnit) : previousUnit;
      previousUnit = unit;
      return { text, unit };
    });
    const units = [...new Set(fragments.map((f) => f.unit))];
    return { index, text: clauseText, units, fragments, targets: fragments.flatMap((f) => extractTargets(f.text)) };
  });

  return {
    number,
    label,
    name,
    shortName,
    text: paragraph,
    leadUnits,
    clauses,
    targets: clauses.flatMap((c) => c.targets),
  };
}

const DATE_LINE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const PUBLISHED = /发布时间[:：]\s*(\d{4}-\d{2}-\d{2})/;

export function parseNoticeCatalog(docId: string, title: string, rawText: string): Catalog | null {
  const lines = rawText
    .normalize("NFKC")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const sections: NoticeSection[] = [];
  const projects: Project[] = [];
  let current: NoticeSection | undefined;
  let date: string | undefined;
  let issuer: string | undefined;

  // The signature block (issuer line + date line) ends the body.
  const dateIndex = lines.findIndex((l) => DATE_LINE.test(l));
  if (dateIndex > 0) {
    const m = lines[dateIndex].match(DATE_LINE)!;
    date = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
    const prev = lines[dateIndex - 1];
    if (/(办公厅|人民政府|委员会|局|办公室)$/.test(prev) && prev.length < 30) issuer = prev;
  }
  const body = joinLeadUnitLines(dateIndex > 0 ? lines.slice(0, issuer ? dateIndex - 1 : dateIndex) : lines);

  for (const line of body) {
    const heading = line.match(SECTION_HEADING);
    if (heading && line.length < 40) {
      current = { number: chineseNumeral(heading[1]), heading: heading[2].trim(), text: "", subsections: [] };
      sections.push(current);
      continue;
    }
    if (!current || line.startsWith("附件")) continue;
    current.text += (current.text ? "\n" : "") + line;
    const sub = line.match(SUBSECTION);
    if (!sub) {
      const last = current.subsections.at(-1);
      if (last) last.text += "\n" + line;
      continue;
    }
    if (LEAD_UNITS.test(line)) {
      projects.push({
        ...parseProject(chineseNumeral(sub[1]), `(${sub[1]})`, sub[2]),
        section: `${CN_NUMBERS[current.number - 1] ?? current.number}、${current.heading}`,
      });
    } else {
      const [headingText, ...rest] = sub[2].split("。");
      current.subsections.push({
        label: `(${sub[1]})`,
        heading: headingText.trim(),
        text: rest.join("。").trim() || sub[2],
      });
    }
  }

  if (projects.length < 2) return null;
  const year = noticeYear(title, date);
  return {
    docId,
    title,
    issuer,
    date,
    published: rawText.match(PUBLISHED)?.[1],
    ...(year ? { year } : {}),
    sections,
    projects,
  };
}

/** The year a notice is for: the one its title names ("2025年…项目"), else the year it was signed. */
export function noticeYear(title: string, date?: string): number | undefined {
  const named = title.normalize("NFKC").match(/(20\d{2})\s*年/);
  if (named) return Number(named[1]);
  return date ? Number(date.slice(0, 4)) : undefined;
}

/** Some notices put "(牵头单位:…)" on a line of its own under the project: join it to the project line. */
function joinLeadUnitLines(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const own = line.match(/^[[(]?牵头单位[:：]\s*(.+?)[\])]?$/);
    const prev = out.at(-1);
    if (own && prev && SUBSECTION.test(prev) && !LEAD_UNITS.test(prev))
      out[out.length - 1] = `${prev}(牵头单位:${own[1]})`;
    else out.push(line);
  }
  return out;
}

/** All unit names known from the data file plus those in a catalog. */
export function knownUnitNames(catalog?: Catalog | null): string[] {
  const names = new Set(loadUnits().map((u) => u.name));
  for (const p of catalog?.projects ?? []) for (const u of p.leadUnits) names.add(u);
  return [...names];
}

export { canonicalUnitKey };
