// The time limit of a legal remedy (行政复议的申请期限, 行政诉讼的起诉期限, 劳动仲裁的时效) is set by the law of
// that remedy: answered only where a document states a period in the same clause as the remedy, not by
// another period the evidence happens to hold (撤回处罚信息三日内).
import type { KnowledgeIndex } from "../index-store.js";

const REMEDY_PERIOD =
  /(行政复议|复议|行政诉讼|劳动仲裁|仲裁)[^。？?]{0,14}(?:期限|时效|多少天|几天|多久|多长时间|几个月)|(起诉)的?(?:期限|时效)|((?<=^|[，,。？?！!\s])时效)(?:到底|究竟|一般|是)?(?:多长|多久|几年)|(诉讼时效|\bstatute of limitations\b|\blimitation period\b)|过了[^，。？?]{1,6}(?:还能|还可以)(?:申请)?(行政复议|复议|起诉|仲裁)|(?:还能|能不能|可以)(起诉|告)[^。？?]{0,6}(?:会不会|是不是|有没有)(?:过期|过时效|超时效)|(?:多少天|几天)(?:之?内)?(?:申请|提起?)(行政复议|复议|行政诉讼)/;
const PERIOD = /[一二三四五六七八九十百\d]+(?:个)?(?:日|天|月|年)/;

/** The remedy whose time limit is asked, when no document states one beside it. */
export function unstatedRemedyPeriod(index: KnowledgeIndex, text: string): string | undefined {
  const m = REMEDY_PERIOD.exec(text);
  const remedy = m?.slice(1).find(Boolean);
  if (!remedy) return undefined;
  return periodClauses(index).some((clause) => clause.includes(remedy)) ? undefined : remedy;
}

/** The clauses of the index's passages that state a period, split once per index when first needed. */
const periodClausesOf = new WeakMap<KnowledgeIndex, string[]>();
function periodClauses(index: KnowledgeIndex): string[] {
  let clauses = periodClausesOf.get(index);
  if (!clauses) {
    clauses = index.passages.flatMap((p) => p.text.split(/[。；;，,]/).filter((c) => PERIOD.test(c)));
    periodClausesOf.set(index, clauses);
  }
  return clauses;
}
