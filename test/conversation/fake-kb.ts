// A small hand-written KnowledgeBase test double for unit tests of the conversation layer only
// (integration tests use the real openKnowledgeBase()). It records every call so tests can assert
// what the pipeline passed (context, forceProject).
import type { AnswerOptions, AnswerResult, Candidate, KnowledgeBase } from "../../knowledge/types.js";

interface FakeProject {
  project: number;
  projectName: string;
  leadUnits: string[];
  keywords: string[];
  facts: { keyword: string; answer: string; figure?: string }[];
}

const PROJECTS: FakeProject[] = [
  {
    project: 1,
    projectName: "“政策直达”助杭企",
    leadUnits: ["市发改委", "市经信局"],
    keywords: ["政策超市", "奖补", "技改"],
    facts: [],
  },
  {
    project: 2,
    projectName: "“集成速办”助杭企",
    leadUnits: ["市市场监管局"],
    keywords: ["信用修复", "发票"],
    facts: [],
  },
  { project: 3, projectName: "“数实融合”助杭企", leadUnits: ["市经信局"], keywords: ["数字化", "智能工厂"], facts: [] },
  {
    project: 4,
    projectName: "“要素保强”助杭企",
    leadUnits: ["市委金融办(市地方金融管理局)"],
    keywords: ["融资担保", "担保"],
    facts: [{ keyword: "费率", answer: "平均担保费率不高于0.8%。", figure: "平均担保费率不高于0.8%" }],
  },
];

function result(
  question: string,
  p: FakeProject | null,
  action: AnswerResult["action"],
  extra: Partial<AnswerResult> = {},
): AnswerResult {
  return {
    question,
    project: p?.project ?? null,
    projectName: p?.projectName ?? null,
    leadUnits: p?.leadUnits ?? [],
    confidence: p ? 0.9 : 0.1,
    action,
    answer: p ? `该事项属于${p.projectName}。` : "",
    citations: p ? [{ document: "2024年为企办实事通知", section: `项目${p.project}`, quote: p.keywords[0] }] : [],
    candidates: [],
    figures: [],
    passages: [],
    ...extra,
  };
}

export class FakeKb implements KnowledgeBase {
  readonly calls: { question: string; options?: AnswerOptions }[] = [];
  failNext = false;

  async answer(question: string, options?: AnswerOptions): Promise<AnswerResult> {
    this.calls.push({ question, options });
    if (this.failNext) {
      this.failNext = false;
      throw new Error("index exploded");
    }
    let p = options?.forceProject ? (PROJECTS.find((x) => x.project === options.forceProject) ?? null) : null;
    p ??= PROJECTS.find((x) => x.keywords.some((k) => question.includes(k))) ?? null;
    if (!p && /补贴|扶持/.test(question)) {
      const candidates: Candidate[] = [PROJECTS[0], PROJECTS[2]].map((x, i) => ({
        project: x.project,
        projectName: x.projectName,
        leadUnits: x.leadUnits,
        score: 0.5 - i * 0.1,
      }));
      return result(question, null, "clarify", { candidates });
    }
    if (!p && options?.context?.previousProject)
      p = PROJECTS.find((x) => x.project === options.context!.previousProject) ?? null;
    if (!p) return result(question, null, "escalate");
    const fact = p.facts.find((f) => question.includes(f.keyword));
    return result(
      question,
      p,
      "answer",
      fact ? { answer: fact.answer, figures: fact.figure ? [fact.figure] : [] } : {},
    );
  }

  info() {
    return { version: "fake-v1", builtAt: "2026-01-01T00:00:00Z", documents: 1, passages: 4, corpusDate: "2024-02-21" };
  }
}
