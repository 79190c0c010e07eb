// Runs of single characters the dictionary could not group (年|费|减|缴): read as one unknown word.
import { isFunctionWord } from "./background.js";

const HAN1 = /^\p{Script=Han}$/u;
const QUANTITY = /^[零〇一二两三四五六七八九十百千万亿几多半每第整]/;

/** The words with each run of two or more single content characters joined into one. */
export function withRuns(words: string[], stop: Set<string>): string[] {
  const out: string[] = [];
  let run: string[] = [];
  const flush = () => {
    out.push(...(run.length >= 2 ? [run.join("")] : run));
    run = [];
  };
  for (const w of words) {
    if (HAN1.test(w) && !stop.has(w) && !isFunctionWord(w) && !QUANTITY.test(w)) run.push(w);
    else {
      flush();
      out.push(w);
    }
  }
  flush();
  return out;
}
