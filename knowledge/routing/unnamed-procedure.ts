// How to go through a procedure on something no document mentions at all ("执业印章丢了 怎么补办",
// "施工图审查还要做吗 流程多久"): the procedure is that thing's own, however well the rest of the question
// matches a clause. The thing is read from the clause that asks how, or from the clause just before a bare
// "怎么办理".
import type { KnowledgeIndex } from "../index-store.js";
import { ASKS, CLAUSE_SPLIT } from "../text/asking.js";
import { MODE_ASK, SUPPORT_ASK } from "./determination.js";
import type { PreparedQuestion } from "./prepare-question.js";
import { unnamedThingIn } from "./unnamed-thing.js";

const HOW_TO =
  /怎么(?:办|弄|申请|办理|走|补办|恢复|加入|转|操作|备案|注册)|(?:流程|手续)(?:是什么|怎么走|有哪些|是啥|多久|复杂)|什么(?:流程|手续)|(?:要|需要)(?:准备)?(?:什么|哪些|啥)材料|(?:在|去)哪(?:里|儿)?办|\bhow (?:do|can|should) (?:we|i) (?:apply|register|file|get)\b/i;

/** The thing whose procedure is asked that no document names, as the asker wrote it. */
export function unnamedProcedure(index: KnowledgeIndex, q: PreparedQuestion): string | undefined {
  // Doing it online or in one trip is the notice's matter; support for it is asked about, not the procedure.
  if (MODE_ASK.test(q.text) || SUPPORT_ASK.test(q.text)) return undefined;
  const clauses = q.text.split(CLAUSE_SPLIT).filter(Boolean);
  const said = q.expansion.said.flat();
  for (const [i, clause] of clauses.entries()) {
    if (!HOW_TO.test(clause)) continue;
    const before = i > 0 && !ASKS.test(clauses[i - 1]) ? clauses[i - 1] : "";
    for (const where of before ? [clause, before] : [clause]) {
      // A clause the lexicon reads into the documents (跟技工学校合作培养缝纫工) is about their matter.
      // (Not the ask's own words: 流程 in 流程是什么.)
      const asked = where === clause ? (HOW_TO.exec(clause)?.[0] ?? "") : "";
      if (said.some((p) => where.includes(p) && !asked.includes(p))) continue;
      const thing = unnamedThingIn(index, q, where);
      if (thing) return thing;
    }
  }
  return undefined;
}
