// Which part of a question asks (it has a question word or ends in a question particle), and the
// character pairs that match text however jieba cut it.
import { isFunctionWord } from "./background.js";
import { isHanText } from "./normalize.js";
import { stopwordSet } from "./segment.js";

/** A clause that asks something. */
export const ASKS =
  /怎么|怎样|如何|什么|啥|哪|谁|多少|多久|多长|多大|多高|(?<![好这那前过十])几|吗|嘛|呢|伐|能不能|能否|可不可以|可以|是否|有没有|要不要|会不会|是不是|how|what|which|where|when|can|does|do|is there|\?|？/i;
const CLAUSE_MARKS = "，,。.!！？?；;\\s";
export const CLAUSE_SPLIT = new RegExp(`[${CLAUSE_MARKS}]+`);
/** A clause and the marks after it. */
const CLAUSE_WITH_MARKS = new RegExp(`([^${CLAUSE_MARKS}]+)([${CLAUSE_MARKS}]*)`, "g");

/** A clause describing the asker ("我们是做服装的小厂", an agent's "客户是做软件的", "萧山做汽配的"), not what is asked. */
export const CONTEXT_CLAUSE =
  /^(?:(?:我们|我司|我|本公司|我们公司|我们厂|我家)(?:是|在|做|主要做|从事|属于|有|刚|这边|那边|位于|一家|公司在|公司是)|(?:客户|客户公司|我客户)(?:是做|主要做|做|从事|是一家做)|(?:我|我们)?(?:开了|开着|经营着?)(?:个|家|一家|两家|几家|[0-9一二三四五六七八九十]+家)|[\p{Script=Han}]{0,4}(?:做|搞|干)[\p{Script=Han}]{1,8}的$)/u;

/** Where the clauses of a text that `keep` accepts lie ([start, end) pairs). */
function clauseSpans(text: string, keep: (clause: string) => boolean): [number, number][] {
  const spans: [number, number][] = [];
  let at = 0;
  for (const clause of text.split(CLAUSE_SPLIT)) {
    const start = text.indexOf(clause, at);
    if (start < 0) continue;
    at = start + clause.length;
    if (clause && keep(clause)) spans.push([start, at]);
  }
  return spans;
}

/** Where a text's descriptive clauses lie. */
export const contextSpans = (text: string) => clauseSpans(text, (c) => CONTEXT_CLAUSE.test(c));

/** Where the question's clauses that do not ask lie (none when no clause asks: then nothing is told apart). */
export function tellingSpans(text: string): [number, number][] {
  const all = clauseSpans(text, () => true);
  const telling = all.filter(([start, end]) => !ASKS.test(text.slice(start, end)));
  return telling.length < all.length ? telling : [];
}

/** Names of three characters or more a text puts in quotation marks (“双百双千”, 「一试双证」). */
const QUOTED = /[“"「]([^”"」]{2,12})[”"」]/g;
export const quotedNames = (text: string) =>
  [...text.matchAll(QUOTED)].map((m) => m[1]).filter((n) => [...n].length >= 3);

/** Every occurrence of `phrase` in `text` lies inside one of `spans`. */
export function onlyInSpans(text: string, phrase: string, spans: [number, number][]): boolean {
  if (!spans.length) return false;
  let found = false;
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) {
    found = true;
    if (!spans.some(([s, e]) => i >= s && i + phrase.length <= e)) return false;
  }
  return found;
}

/** The first clause of the question that asks, else the whole question. */
export function askingClause(text: string): string {
  return text.split(CLAUSE_SPLIT).find((c) => ASKS.test(c)) ?? text;
}

/** The clauses of the question that ask. */
export function askingClauses(text: string): string[] {
  // A clause followed by a question mark asks, whatever its words ("会计上是冲减收入还是挂销售费用？").
  return [...text.matchAll(CLAUSE_WITH_MARKS)]
    .filter(([, clause, after]) => ASKS.test(clause) || /[？?]/.test(after))
    .map(([, clause]) => clause);
}

/** A chat message's sentences: split at question marks, or at a space between Chinese ("贷多少 利率多少"). */
export function chatSentences(text: string): string[] {
  return text.split(/(?<=[？?])|(?<=\p{Script=Han})\s+(?=\p{Script=Han})/u);
}

/** An English text's sentences. */
export function englishSentences(text: string): string[] {
  return text.split(/(?<=[.?!])\s+/);
}

/** Adjacent character pairs of a text, once whatever `drop` matches is removed (default: all but Han). */
export function characterPairs(text: string, drop: RegExp = /[^\p{Script=Han}]/gu): Set<string> {
  const kept = text.replace(drop, "");
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < kept.length; i++) pairs.add(kept.slice(i, i + 2));
  return pairs;
}

/** A word of a question that names nothing: a stop or function word, a question word, not Chinese. */
export function namesNothing(word: string): boolean {
  return stopwordSet().has(word) || isFunctionWord(word) || !isHanText(word) || ASKS.test(word);
}
