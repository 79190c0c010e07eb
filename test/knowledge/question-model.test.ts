// The question model: what it reads, how it is trained, that it speaks only for the documents it was
// trained against, and what it changes in answers (own examples).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openKnowledgeBase, type KnowledgeService } from "../../knowledge/index.js";
import {
  documentsBehind,
  loadQuestionModel,
  probability,
  QUESTION_MODEL_FILE,
  type QuestionModel,
  QuestionModelSchema,
  QuestionScorer,
  packRegressions,
  type Weights,
  questionFeatures,
  readQuestion,
} from "../../knowledge/routing/question-model.js";
import { KNOWLEDGE_DATA_DIR } from "../../knowledge/paths.js";
import { ANSWER_MEMORY_FILE, AnswerMemorySchema } from "../../knowledge/routing/answer-memory.js";
import { crossValidated, type Example, POLICY, train } from "../../ingest/question-training.js";

let kb: KnowledgeService;
beforeAll(async () => {
  kb = await openKnowledgeBase();
});

describe("what the model reads", () => {
  it("a question's words and its character bigrams and trigrams, punctuation left out", () => {
    const f = questionFeatures("结汇要材料？");
    expect(f).toEqual(expect.arrayContaining(["w:结汇", "c:结汇", "c:汇要", "t:结汇要", "t:要材料"]));
    expect(f.some((x) => x.includes("？"))).toBe(false);
  });

  it("English words stemmed and lower-cased", () => {
    expect(questionFeatures("Customs Declarations")).toEqual(expect.arrayContaining(["w:custom", "w:declaration"]));
  });

  it("a probability from the bias and the weights of the features present", () => {
    const w = { bias: -2, weights: { "w:结汇": 4 } };
    expect(probability(w, ["w:结汇"])).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect(probability(w, ["w:贷款"])).toBeCloseTo(1 / (1 + Math.exp(2)));
  });
});

describe("training", () => {
  const examples: Example[] = [
    ...["结汇要带什么材料", "外汇结汇流程", "个人所得税怎么算", "个税专项扣除"].map((q) => ({
      features: questionFeatures(q),
      positive: true,
    })),
    ...["融资担保费率多少", "担保贷款怎么申请", "技改补助能预拨吗", "专利快速预审"].map((q) => ({
      features: questionFeatures(q),
      positive: false,
    })),
  ];

  it("learns which words mark the label, the same way every time", () => {
    const a = train(examples);
    expect(a).toEqual(train(examples));
    expect(a.weights["w:结汇"]).toBeGreaterThan(0);
    expect(a.weights["w:担保"]).toBeLessThan(0);
    expect(probability(a, questionFeatures("结汇去哪办"))).toBeGreaterThan(0.5);
    expect(probability(a, questionFeatures("担保费"))).toBeLessThan(0.5);
  });

  it("scores every example by a model that never saw its group", () => {
    const groups = examples.map((_, i) => `set${i % 4}`);
    const scores = crossValidated(examples, groups, 2);
    expect(scores).toHaveLength(examples.length);
    for (const s of scores) expect(s).toBeGreaterThan(0);
  });
});

describe("the shipped model", () => {
  const file = path.join(KNOWLEDGE_DATA_DIR, QUESTION_MODEL_FILE);
  const model = QuestionModelSchema.parse(JSON.parse(readFileSync(file, "utf8")));

  it("was trained against the default corpus as it is indexed now, for all ten projects", () => {
    expect(loadQuestionModel()).not.toBeNull();
    for (const [id, doc] of kb.current.documents)
      expect(model.documents.find((d) => d.id === id)?.contentHash, id).toBe(doc.contentHash);
    const projects = model.heads.filter((h) => h.startsWith("p:")).map((h) => Number(h.slice(2)));
    expect(projects.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(model.heads).toContain("out");
    expect(model.heads).toContain("u:市司法局");
  });

  it("declines near-topic questions the documents do not answer, which the clause match alone would answer", async () => {
    for (const q of [
      "我们出口的产品要做欧盟CE认证，费用能补贴吗",
      "外贸公司收了一笔美元货款，结汇要去银行准备什么材料",
    ]) {
      const r = await kb.answer(q);
      expect(r.project, q).toBeNull();
      expect(r.action, q).toBe("escalate");
      expect(r.reason, q).toContain("学习评分");
    }
  });

  it("leaves questions the documents answer alone", async () => {
    for (const [q, project] of [
      ["厂里缺钱怎么办", 4],
      ["我们的货款被拖了半年", 7],
      ["有没有政策帮中小企业打官司追欠款", 9],
    ] as const) {
      expect((await kb.answer(q)).project, q).toBe(project);
    }
  });

  it("answers within the project it plainly reads a declined question as asking about", async () => {
    for (const q of [
      "我们是做文具的，想接政府单位的单子，小微企业有没有门路",
      "接了区里学校的校服单子，交货两个月了钱还拖着，咋办",
    ]) {
      const r = await kb.answer(q);
      expect([r.project, r.leadUnits[0]], q).toEqual([7, "市财政局"]);
      expect(r.reason, q).toContain("归入项目7");
    }
  });

  it("moves an answer to the project it reads, when it all but rules out the one the clause match chose", async () => {
    for (const [q, project, unit] of [
      ["前年被罚过一次，现在合作方总查到这个记录，能不能恢复信用", 2, "市市场监管局"],
      ["给社区服务中心供了一批桌椅，验收一个多月了钱还没到，咋整", 7, "市财政局"],
    ] as const) {
      const r = await kb.answer(q);
      expect([r.project, r.leadUnits[0]], q).toEqual([project, unit]);
    }
  });

  it("scores as the regressions packed into it do, one by one", () => {
    const regressions: [string, Weights][] = [
      ["out", { bias: -1, weights: { "w:结汇": 3, "c:结汇": 0.5 } }],
      ["p:4", { bias: 0.2, weights: { "w:贷款": 2, "c:结汇": -0.25 } }],
      ["u:市委金融办", { bias: 0, weights: {} }],
    ];
    const scorer = new QuestionScorer({
      policy: model.policy,
      documents: model.documents,
      ...packRegressions(regressions),
    });
    for (const f of [["w:结汇", "c:结汇"], ["w:贷款", "c:结汇", "w:别的"], []]) {
      const p = scorer.probabilities(f);
      for (const [name, w] of regressions) expect(p.get(name), `${name} ${f.join()}`).toBeCloseTo(probability(w, f), 6);
    }
  });

  it("is, with the answer memory beside it, what npm run train:questions makes of the shipped question sets", () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "questions-")), "model.json");
    execFileSync("npm", ["run", "-s", "train:questions", "--", "--folds", "0", "--out", out]);
    const memoryIn = (dir: string) => {
      const file = AnswerMemorySchema.parse(JSON.parse(readFileSync(path.join(dir, ANSWER_MEMORY_FILE), "utf8")));
      return { passages: file.passages, questions: file.questions };
    };
    expect(memoryIn(path.dirname(out))).toEqual(memoryIn(KNOWLEDGE_DATA_DIR));
    const again = QuestionModelSchema.parse(JSON.parse(readFileSync(out, "utf8")));
    expect(again.questions).toEqual(model.questions);
    expect(again.policy).toEqual(model.policy);
    expect(again.heads).toEqual(model.heads);
    const [shipped, retrained] = [new QuestionScorer(model), new QuestionScorer(again)];
    for (const q of ["结汇要去银行准备什么材料", "融资担保费率是多少", "How do I renew a trademark?", "厂里缺钱"]) {
      const f = questionFeatures(q);
      const [a, b] = [shipped.probabilities(f), retrained.probabilities(f)];
      for (const head of model.heads) expect(b.get(head), `${q} ${head}`).toBeCloseTo(a.get(head)!, 2);
    }
  }, 180_000);
});

describe("only for the documents it was trained against", () => {
  const model = (documents: QuestionModel["documents"]): QuestionModel => ({
    format: 3,
    trainedAt: "2026-01-01T00:00:00Z",
    policy: POLICY,
    documents,
    questions: { inScope: 1, outOfScope: 1, files: 1 },
    ...packRegressions([
      ["out", { bias: 5, weights: {} }],
      ["p:1", { bias: 1, weights: {} }],
      ["p:2", { bias: -1, weights: {} }],
    ]),
  });
  const scorerFor = (documents: QuestionModel["documents"]) => new QuestionScorer(model(documents));
  const passagesOf = (ids: string[]) => ids.map((docId) => ({ passage: { docId } as never, score: 1 }));

  it("reads a question whose answer stands on the versions it was trained against", () => {
    const docs = [...kb.current.documents.values()];
    const trained = scorerFor(docs.map((d) => ({ id: d.id, contentHash: d.contentHash })));
    const reading = readQuestion(kb.current, "随便问问", documentsBehind(passagesOf([docs[0].id])), trained);
    expect(reading?.outOfScope).toBeGreaterThan(0.99);
    expect(reading?.project).toBe(1);
    expect(reading!.shareOf(1) + reading!.shareOf(2)).toBeCloseTo(1);
  });

  it("is silent for an answer drawn from a document it has not seen, or from another version of one", () => {
    const docs = [...kb.current.documents.values()];
    const older = scorerFor(
      docs.map((d, i) => ({ id: d.id, contentHash: i === 0 ? "another-version" : d.contentHash })),
    );
    expect(readQuestion(kb.current, "随便问问", [docs[0].id], older)).toBeNull();
    const fewer = scorerFor(docs.slice(1).map((d) => ({ id: d.id, contentHash: d.contentHash })));
    expect(
      readQuestion(kb.current, "随便问问", documentsBehind(passagesOf([docs[1].id]), docs[0].id), fewer),
    ).toBeNull();
  });
});
