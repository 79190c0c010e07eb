// npm run ask -- "问题" [--json]
import { openKnowledgeBase } from "../index.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const question = args.filter((a) => a !== "--json").join(" ");
if (!question.trim()) {
  console.error('usage: npm run ask -- "问题" [--json]');
  process.exit(2);
}

const kb = await openKnowledgeBase();
const result = await kb.answer(question);
if (json) {
  console.log(JSON.stringify({ ...result, passages: result.passages.map((r) => ({ id: r.passage.id, section: r.passage.section, score: Math.round(r.score * 1000) / 1000 })) }, null, 2));
} else {
  const head = result.project ? `【${result.projectName}】牵头单位：${result.leadUnits.join("、")}（置信度 ${result.confidence}）` : `【${result.action === "escalate" ? "无法回答" : "通知整体"}】`;
  console.log(`${head}\n${result.answer}`);
}
