// Which document a question names: by its document number (杭经信〔2025〕12号), or by its title
// ("数字化改造补助细则"), with the article it asks for ("第三条"). Matching is by the title's own
// characters, so it works for documents nobody here has seen.
import type { KnowledgeIndex, ManifestDocument } from "../index-store.js";
import { characterPairs } from "../text/asking.js";
import type { PreparedQuestion } from "./prepare-question.js";

export interface NamedDocument {
  docId: string;
  /** "第三条" when the question names an article. */
  article?: string;
  how: "doc_no" | "title";
}

const PLACE_PREFIX = /^(中华人民共和国|浙江省|杭州市|[\p{Script=Han}]{2,4}(?:省|市|区|县))/u;
const WRAPPER = /^.*?关于(?:印发|公布|发布|转发)?|的通知$|的决定$|的公告$|[（(][^）)]*[）)]|[《》“”"]/gu;

/** The part of a title a person would say: "…关于印发《X办法（试行）》的通知" → "X办法", without the place. */
export function titleCore(title: string): string {
  const inner = /《([^》]+)》/.exec(title)?.[1] ?? title;
  const core = inner.replace(WRAPPER, "").trim();
  return core.replace(PLACE_PREFIX, "") || core;
}

/** Years and numbers are shared by many titles and questions; a title is recognised by its words. */
const withoutNumbers = (s: string) => s.replace(/\d+\s*[年月日号]?/g, "|");

const bigrams = (s: string) => characterPairs(withoutNumbers(s), /[^\p{Script=Han}A-Za-z|]/gu);

function longestCommon(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let k = 0;
      while (i + k < a.length && j + k < b.length && a[i + k] === b[j + k]) k++;
      if (k > best) best = k;
    }
  }
  return best;
}

const normalDocNo = (s: string) =>
  s
    .replace(/[〔［【[]/g, "(")
    .replace(/[〕］】\]]/g, ")")
    .replace(/\s+/g, "");
const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 3 → 三, 12 → 十二, 25 → 二十五 (article numbers as the documents write them). */
export function toChineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  if (n < 100) return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ""}`;
  return String(n);
}

export function articleNamed(text: string): string | undefined {
  const m = /第\s*([一二三四五六七八九十百零〇]+|\d{1,3})\s*条/.exec(text);
  if (!m) return undefined;
  return `第${/\d/.test(m[1]) ? toChineseNumber(Number(m[1])) : m[1]}条`;
}

const cores = new WeakMap<
  KnowledgeIndex,
  { doc: ManifestDocument; core: string; grams: Set<string>; docNo?: string }[]
>();

/** Each indexed document with the part of its title a person would say, computed once per index. */
export function titlesOf(index: KnowledgeIndex) {
  let list = cores.get(index);
  if (!list) {
    list = index.manifest.documents.map((doc) => {
      const core = titleCore(doc.title);
      return { doc, core, grams: bigrams(core), docNo: doc.docNo ? normalDocNo(doc.docNo) : undefined };
    });
    cores.set(index, list);
  }
  return list;
}

/**
 * The document the question names, if one stands out: its document number, or enough of its title
 * (most of the title's character pairs, or a long stretch of it that no other title shares). Among
 * versions of one title the document in force wins.
 */
export function namedDocument(index: KnowledgeIndex, q: PreparedQuestion): NamedDocument | null {
  const text = q.text.normalize("NFKC");
  const article = articleNamed(text);
  const asked = normalDocNo(text);
  const docs = titlesOf(index);
  const byNo = docs.find((d) => d.docNo && d.docNo.length >= 6 && asked.includes(d.docNo));
  if (byNo) return { docId: byNo.doc.id, article, how: "doc_no" };

  const askedGrams = bigrams(text);
  const scored = docs
    .filter((d) => d.core.length >= 4)
    .flatMap((d) => {
      let shared = 0;
      for (const g of d.grams) if (askedGrams.has(g)) shared++;
      if (shared < 3) return []; // cannot reach a run of 5 characters or most of the title
      const coverage = d.grams.size ? shared / d.grams.size : 0;
      return [{ d, coverage, run: longestCommon(withoutNumbers(d.core), withoutNumbers(text)) }];
    })
    .filter(
      (s) =>
        s.coverage >= 0.7 ||
        // A long shared stretch names the document only when the question speaks of a document at
        // all ("…展会的措施", "细则"), not when it merely shares the subject ("参加境外展会多少个").
        (s.run >= Math.max(5, Math.min(8, Math.ceil(s.d.core.length * 0.4))) && SPEAKS_OF_A_DOCUMENT.test(text)),
    );
  if (!scored.length) return null;
  const strength = (s: (typeof scored)[number]) => s.run + 4 * s.coverage;
  scored.sort((a, b) => strength(b) - strength(a) || rank(a.d.doc) - rank(b.d.doc));
  const [best, second] = scored;
  if (second && strength(second) === strength(best) && titleCore(second.d.doc.title) !== best.d.core) return null; // two documents named equally: no pick
  return { docId: best.d.doc.id, article, how: "title" };
}

const SPEAKS_OF_A_DOCUMENT =
  /办法|细则|措施|条例|规定|公告|通知|方案|意见|指引|指南|文件|政策|规则|标准|通告|决定|文号|第[一二三四五六七八九十百\d]+条/;

const rank = (d: ManifestDocument) => (d.status === "in_force" ? 0 : d.status === "unknown" ? 1 : 2);
