import type { AnswerResult } from "../../knowledge/types.js";

export function answerResult(over: Partial<AnswerResult> = {}): AnswerResult {
  return {
    question: "首贷户贴息政策怎么申请？我们是小微企业",
    project: 3,
    projectName: "“要素保强”助杭企",
    leadUnits: ["市财政局", "市地方金融监管局"],
    confidence: 0.32,
    action: "escalate",
    answer: "抱歉，这个问题我暂时没能在政策文件中找到明确答案。",
    citations: [{ document: "2024年为企办实事通知", section: "二、项目内容 > (三)", quote: "……" }],
    candidates: [],
    figures: [],
    passages: [],
    ...over,
  };
}
