import { openKnowledgeBase } from "../../../knowledge/index.js";
const kb = await openKnowledgeBase();
for (const q of ["补贴", "奖励", "资金支持", "有什么补贴政策", "申请补助", "融资", "费用", "企业服务", "惠企政策有哪些", "怎么申请"]) {
  const r = await kb.answer(q);
  console.log(q, r.action, r.project, r.candidates.length);
}
