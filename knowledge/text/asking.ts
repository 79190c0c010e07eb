// Which part of a question asks (it has a question word or ends in a question particle), and the
// character pairs that match text however jieba cut it.

/** A clause that asks something. */
export const ASKS =
  /怎么|怎样|如何|什么|啥|哪|多少|多久|几|吗|嘛|呢|能不能|能否|可不可以|可以|是否|有没有|要不要|会不会|是不是|how|what|which|where|when|can|does|do|is there|\?|？/i;
export const CLAUSE_SPLIT = /[，,。.!！？?；;\s]+/;

/** The first clause of the question that asks, else the whole question. */
export function askingClause(text: string): string {
  return text.split(CLAUSE_SPLIT).find((c) => ASKS.test(c)) ?? text;
}

/** Adjacent character pairs of a text, once whatever `drop` matches is removed (default: all but Han). */
export function characterPairs(text: string, drop: RegExp = /[^\p{Script=Han}]/gu): Set<string> {
  const kept = text.replace(drop, "");
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < kept.length; i++) pairs.add(kept.slice(i, i + 2));
  return pairs;
}
