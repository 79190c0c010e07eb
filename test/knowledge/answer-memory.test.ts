// The answer memory: which passage labelled questions were answered from, how a new question's nearest
// ones vote, that it speaks only for the passage texts it remembers, and what it changes in answers
// (own examples).
import { beforeAll, describe, expect, it } from "vitest";
import { openKnowledgeBase, type KnowledgeService } from "../../knowledge/index.js";
import {
  AnswerMemory,
  type AnswerMemoryFile,
  passageTextHash,
  rememberedQuestions,
} from "../../knowledge/routing/answer-memory.js";
import { questionFeatures } from "../../knowledge/routing/question-model.js";
import type { Passage } from "../../knowledge/types.js";

let kb: KnowledgeService;
beforeAll(async () => {
  kb = await openKnowledgeBase();
});

const passage = (id: string, text: string, more: Partial<Passage> = {}): Passage => ({
  id,
  docId: id.split("#")[0],
  docTitle: "条例",
  section: id,
  text,
  status: "in_force",
  kind: "article",
  ...more,
});

describe("what is remembered", () => {
  const passages = [
    passage("law#a1", "第一条 罚款应当自收到决定书之日起十五日内缴纳。"),
    passage("law#a2", "第二条 到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款。"),
    passage("old#a9", "第九条 款项应当自收到之日起六十日内支付。", { status: "superseded" }),
    passage("new#a9", "第九条 款项应当自收到之日起60日内支付，约定的期限不得超过六十日。"),
    passage("notice#p1c0", "每月发布国别政策动态10条。", { kind: "clause", project: 6, clauseIndex: 0 }),
    passage("notice#s1", "市政府督查室要将项目纳入年度督查计划。", { kind: "notice-section" }),
    passage("faq#x", "十五日内缴纳", { kind: "prose" }),
  ];

  it("a question whose facts stand in one article, clause or notice section, with that passage", () => {
    const memory = rememberedQuestions(passages, [
      { q: "罚款几天内要交", facts: ["十五日"] },
      { q: "各国政策多久发一次", facts: ["10条"] },
      { q: "谁来督查", facts: ["督查室"] },
      { q: "没有事实的问题" },
    ]);
    expect(memory.passages.map((p) => p.id)).toEqual(["law#a1", "notice#p1c0", "notice#s1"]);
    expect(memory.questions.map((q) => [q.q, memory.passages[q.passage].id])).toEqual([
      ["罚款几天内要交", "law#a1"],
      ["各国政策多久发一次", "notice#p1c0"],
      ["谁来督查", "notice#s1"],
    ]);
    expect(memory.passages[0].textHash).toBe(passageTextHash(passages[0]));
  });

  it("a question asked the same way in several sets once", () => {
    const memory = rememberedQuestions(passages, [
      { q: "罚款几天内要交", facts: ["十五日"] },
      { q: "罚款几天内要交", facts: ["十五日内"] },
    ]);
    expect(memory.questions).toHaveLength(1);
  });

  it("of an old and a new version stating the facts, the one in force", () => {
    const memory = rememberedQuestions(passages, [{ q: "大企业多少天内要付款", facts: ["六十日"] }]);
    expect(memory.passages.map((p) => p.id)).toEqual(["new#a9"]);
  });

  it("nothing when the facts are in passages the question's words do not tell apart, or in none", () => {
    const memory = rememberedQuestions(passages, [
      { q: "How many days?", facts: ["罚款"] },
      { q: "补贴多少", facts: ["50万元"] },
    ]);
    expect(memory.questions).toEqual([]);
  });
});

describe("how a new question is matched", () => {
  const file = (questions: [string, number][], ids = ["a", "b"]): AnswerMemoryFile => ({
    format: 1,
    trainedAt: "2026-01-01T00:00:00Z",
    passages: ids.map((id) => ({ id, textHash: "x" })),
    questions: questions.map(([q, p]) => ({ q, passage: p, facts: [] })),
  });
  const memory = new AnswerMemory(
    file([
      ["罚款几天内要交", 0],
      ["罚款交晚了会加罚吗", 1],
      ["融资担保费率多少", 1],
    ]),
  );

  it("by TF-IDF cosine over words and character n-grams, most similar first", () => {
    const [first, second] = memory.nearest(questionFeatures("罚款几天要交"), 3);
    expect(first.question).toBe(0);
    expect(first.similarity).toBeGreaterThan(second.similarity);
    expect(memory.nearest(questionFeatures("今天天气"), 3)).toEqual([]);
  });
});

describe("only for the passage texts it remembers", () => {
  const fineArticle = () => {
    const index = kb.current;
    const p = index.passages.find((x) => x.kind === "article" && x.text.includes("十五日内"))!;
    return { index, p };
  };
  const memoryOf = (id: string, textHash: string) =>
    new AnswerMemory({
      format: 1,
      trainedAt: "2026-01-01T00:00:00Z",
      passages: [{ id, textHash }],
      questions: [
        { q: "罚款要在几天内交", passage: 0, facts: ["十五日"] },
        { q: "罚款几天内要交掉", passage: 0, facts: ["十五日"] },
        // Others, so that words are weighed by how rare they are among remembered questions.
        ...["融资担保费率多少", "数电发票怎么开", "专利预审要多久", "直播间办几场"].map((q) => ({
          q,
          passage: 0,
          facts: [],
        })),
      ],
    });

  it("recalls the passage, with the facts it states, when the nearest questions agree on it", () => {
    const { index, p } = fineArticle();
    const recalled = memoryOf(p.id, passageTextHash(p)).recall(index, "罚款几天内要交");
    expect(recalled?.passage.passage.id).toBe(p.id);
    expect(recalled?.facts).toEqual(["十五日"]);
  });

  it("not when the nearest question of all was answered from another passage", () => {
    const { index, p } = fineArticle();
    const other = index.passages.find((x) => x.kind === "article" && x.id !== p.id)!;
    const memory = new AnswerMemory({
      format: 1,
      trainedAt: "2026-01-01T00:00:00Z",
      passages: [
        { id: p.id, textHash: passageTextHash(p) },
        { id: other.id, textHash: passageTextHash(other) },
      ],
      questions: [
        { q: "罚款几天内要交", passage: 1, facts: [] },
        { q: "罚款几天内交", passage: 0, facts: [] },
        { q: "罚款要在几天内交掉", passage: 0, facts: [] },
        { q: "罚款最晚几天内交掉", passage: 0, facts: [] },
      ],
    });
    expect(memory.nearest(questionFeatures("罚款几天内要交"), 1)[0].question).toBe(0);
    expect(memory.recall(index, "罚款几天内要交")).toBeUndefined();
  });

  it("is silent when the passage's text changed since, or the passage is gone, or nothing is near", () => {
    const { index, p } = fineArticle();
    expect(memoryOf(p.id, "another-version").recall(index, "罚款几天内要交")).toBeUndefined();
    expect(memoryOf("gone#a1", passageTextHash(p)).recall(index, "罚款几天内要交")).toBeUndefined();
    expect(memoryOf(p.id, passageTextHash(p)).recall(index, "今天天气怎么样")).toBeUndefined();
  });
});

describe("what it changes in answers (own examples)", () => {
  it("quotes the sentence of the article that states what was asked", async () => {
    const r = await kb.answer("去投政府采购的标，保证金他们最多能收多少");
    expect(r.project).toBe(7);
    expect(r.answer).toContain("不得超过采购项目预算金额的2%");
  });

  it("quotes the article that answered questions like it, not the first one sharing its words", async () => {
    const r = await kb.answer("收到处罚决定书以后，罚款最晚要在多少天里交掉");
    expect(r.answer).toContain("十五日内");
  });

  it("answers from the notice's own section what it says of the projects as a whole", async () => {
    const r = await kb.answer("这些为企办实事项目是谁在督查落实的");
    expect(r.action).toBe("answer");
    expect(r.project).toBeNull();
    expect(r.answer).toContain("市政府督查室");
  });

  it("does not decide whether to answer: a figure the documents do not state is still declined", async () => {
    const r = await kb.answer("政府采购里小微企业价格扣除到底是百分之几");
    expect(r.action).toBe("escalate");
  });
});
