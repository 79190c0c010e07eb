import { openKnowledgeBase } from "../index.js";
import { readEvalFile } from "./eval-set.js";
import { prepareQuestion } from "../routing/prepare-question.js";
import { retrieve } from "../retrieval/retriever.js";
import { route } from "../routing/router.js";
import { assessAnswerability } from "../routing/answerability.js";
const kb = await openKnowledgeBase();
const index = kb.current;
for (const file of process.argv.slice(2)) {
  for (const item of readEvalFile(file)) {
    const q = prepareQuestion(item.q);
    const ev = await retrieve(index, q, { k: 40 });
    const r = route(index, q, ev);
    const a = r.action === "escalate" ? null : assessAnswerability(index, q, r);
    const label = item.project === null ? "OUT" : "IN";
    const ok = item.project === null ? r.action === "escalate" : typeof item.project === "number" ? r.project?.number === item.project : true;
    console.log(JSON.stringify({ set: file.split("/").pop(), id: item.id, label, routed: r.action, conf: r.confidence, corpusU: a && Math.round(a.words.filter((w) => !w.explained && !index.bm25.has(w.word)).reduce((x, w) => x + w.weight, 0) * 10) / 10, ok, share: a?.explainedShare, uw: a && Math.round(a.unexplainedWeight * 10) / 10, un: a?.unexplained.slice(0, 5), verdict: a?.verdict, reason: a?.reason, nc: a?.notCovered, words: a?.words.map((w) => `${w.asked ? "" : "_"}${w.word}:${w.weight.toFixed(1)}${w.explained ? "+" : index.bm25.has(w.word) ? "~" : "-"}`).join(" "), q: item.q }));
  }
}
