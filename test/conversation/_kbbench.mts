import fs from "node:fs";
import { openKnowledgeBase } from "../../knowledge/index.js";
const qs = fs.readFileSync("/work/shared/eval/dev.jsonl","utf8").trim().split("\n").map(l=>JSON.parse(l).q);
const kb = await openKnowledgeBase();
for (const q of qs) await kb.answer(q);
const t = performance.now();
for (let i=0;i<500;i++) await kb.answer(qs[i%qs.length]);
console.log("kb.answer avg ms", ((performance.now()-t)/500).toFixed(2));
