import { openKnowledgeBase } from "../../../knowledge/index.js";
const t0 = Date.now();
const kb = await openKnowledgeBase();
console.log("open ms", Date.now() - t0, kb.info());
for (const q of ["政府性融资担保的费率是多少？", "那费率呢？", "企业信用修复找哪个部门？", "补贴", "你好"]) {
  const t = Date.now();
  const r = await kb.answer(q);
  console.log(Date.now() - t, "ms", q, r.action, r.project, r.projectName, r.leadUnits, r.confidence.toFixed(2), r.answer.slice(0, 80), r.candidates.length);
}
