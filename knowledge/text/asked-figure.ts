// What kind of figure a question asks for ("挂几年" a span of time, "最多罚多少" an amount), as the
// shape of the figure that answers it.
const NUMBER = "[零〇一二两三四五六七八九十百千万\\d.]+";
const ASKED_FIGURES: [RegExp, RegExp][] = [
  // A date: 什么时候报 → 6月1日至6月30日.
  [/什么时候|何时|哪天|哪一天|几月|几号|截止到|截至/, new RegExp(`${NUMBER}月(?:${NUMBER}日)?|${NUMBER}年${NUMBER}月`)],
  [
    /几年|多少年|哪年|挂多久|保留多久|保存多久|公示多久|多长时间|多久/,
    new RegExp(`${NUMBER}(?:个)?(?:年|日|天|个月|工作日)`),
  ],
  [
    /多少钱|罚多少|罚款多少|多少元|金额|额度|限额|封顶|最多罚|最高罚|最少罚|(?:补|补贴|补助|奖励|奖|拿|给|领)多少|最多能拿|最高能拿/,
    new RegExp(`${NUMBER}(?:元|万元)`),
  ],
  [/几天|多少天|几个工作日|多少日/, new RegExp(`${NUMBER}(?:日|天|个工作日|工作日)`)],
  [/比例|占比|百分之|费率|多少%|利率/, /%|百分之/],
];

/** The shape of the figure a question asks for, if it asks for one. */
export function askedFigure(text: string): RegExp | undefined {
  // Several asks ("没写哪天付，多少天之内要付"): the last one is the question.
  let last: { at: number; shape: RegExp } | undefined;
  for (const [asks, shape] of ASKED_FIGURES) {
    const at = lastIndexOf(text, asks);
    if (at >= 0 && (!last || at > last.at)) last = { at, shape };
  }
  return last?.shape;
}

function lastIndexOf(text: string, pattern: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(pattern.source, "g"))) at = m.index ?? at;
  return at;
}
