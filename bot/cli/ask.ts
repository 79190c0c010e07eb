// npm run ask -- "问题" [--json] [--extractive] [--bundled] [--data-dir DIR]
// Answers from the published index under DATA_DIR (what the bot serves; built on first use), with the
// LLM when configured. --bundled: the bundled corpus built in memory; --extractive: never the LLM.
import { cliKnowledgeOptions, openCliKnowledge, positionalArgs, SOURCE_FLAGS } from "./open-kb.js";

const args = process.argv.slice(2);
const json = args.includes("--json");
const question = positionalArgs(args, [...SOURCE_FLAGS, "--json"]).join(" ");
if (!question.trim()) {
  console.error('usage: npm run ask -- "问题" [--json] [--extractive] [--bundled] [--data-dir DIR]');
  process.exit(2);
}

const cli = await openCliKnowledge(cliKnowledgeOptions(args));
const result = await cli.kb.answer(question);
if (json) {
  const passages = result.passages.map((r) => ({
    id: r.passage.id,
    document: r.passage.docTitle,
    section: r.passage.section,
    score: Math.round(r.score * 1000) / 1000,
  }));
  console.log(JSON.stringify({ ...result, passages, mode: cli.mode, index: cli.info().version }, null, 2));
} else {
  const head = result.project
    ? `【${result.notice?.year ? `${result.notice.year}年 ` : ""}${result.projectName}】牵头单位：${result.leadUnits.join("、")}（置信度 ${result.confidence}）`
    : result.document
      ? `【《${result.document.title}》】${result.leadUnits.length ? `发文机关：${result.leadUnits.join("、")}` : ""}（置信度 ${result.confidence}）`
      : `【${result.action === "escalate" ? "无法回答" : "通知整体"}】`;
  console.log(`${head}\n${result.answer}`);
}
await cli.close();
process.exit(0);
