// Hand-built extractive results (texts taken from the bundled corpus) for the LLM layer's tests.
import { FakeListChatModel } from "@langchain/core/utils/testing";
import type { BaseMessage } from "@langchain/core/messages";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import type { ChatGenerationChunk, ChatResult } from "@langchain/core/outputs";
import type { AnswerResult, Passage, RetrievedPassage } from "../../knowledge/types.js";
import type { LlmConfig } from "../../knowledge/llm/config.js";

export const NOTICE = "杭州市人民政府办公厅关于高质量实施2024年市政府“为企办实事”项目的通知";

function passage(p: Partial<Passage> & Pick<Passage, "id" | "text">): Passage {
  return { docId: "notice-2024", docTitle: NOTICE, section: "二、项目内容", status: "in_force", kind: "clause", ...p };
}

export const P4_GUARANTEE = passage({
  id: "notice-2024#p4c1",
  section: "二、项目内容 > (四)“要素保强”助杭企",
  project: 4,
  clauseIndex: 1,
  text: "全市政府性融资担保机构政策性担保业务余额200亿元以上,平均担保费率不高于0.8%,新增服务主体不少于1万家。(牵头单位:市委金融办(市地方金融管理局))",
});
export const P4_FUND = passage({
  id: "notice-2024#p4c3",
  section: "二、项目内容 > (四)“要素保强”助杭企",
  project: 4,
  clauseIndex: 3,
  text: "“3+N”杭州产业基金集群组建规模突破2400亿元,投向民营项目比重超75%。(牵头单位:市国资委)",
});
export const P7_PAYMENT = passage({
  id: "notice-2024#p7c2",
  section: "二、项目内容 > (七)“阳光政采”助杭企",
  project: 7,
  clauseIndex: 2,
  text: "优化政府采购资金支付预警机制,企业申请项目平均支付时间不超过5个工作日。(牵头单位:市财政局)",
});
export const LAW_2025 = passage({
  id: "pay-2025#a9",
  docId: "pay-2025",
  docTitle: "保障中小企业款项支付条例（2025年修订）",
  section: "第二章 > 第九条",
  kind: "article",
  effective: "2025-06-01",
  relatedProjects: [7],
  text: "机关、事业单位从中小企业采购货物、工程、服务，应当自货物、工程、服务交付之日起30日内支付款项；合同另有约定的，从其约定，但付款期限最长不得超过60日。",
});
export const LAW_2020 = passage({
  id: "pay-2020#a8",
  docId: "pay-2020",
  docTitle: "保障中小企业款项支付条例（2020年）",
  section: "第二章 > 第八条",
  kind: "article",
  status: "superseded",
  effective: "2020-09-01",
  relatedProjects: [7],
  text: "机关、事业单位从中小企业采购货物、工程、服务，应当自货物、工程、服务交付之日起30日内支付款项；合同另有约定的，付款期限最长不得超过60日。",
});

const rp = (passage: Passage, score: number): RetrievedPassage => ({ passage, score });

/** Router: project 4, clause on guarantees, lead unit 市委金融办. */
export function guaranteeResult(question = "融资担保费率最高多少？"): AnswerResult {
  return {
    question,
    project: 4,
    projectName: "“要素保强”助杭企",
    leadUnits: ["市委金融办（市地方金融管理局）"],
    confidence: 0.86,
    action: "answer",
    answer: "属于（四）“要素保强”助杭企，牵头单位：市委金融办（市地方金融管理局）。\n原文：平均担保费率不高于0.8%。",
    citations: [
      {
        document: NOTICE,
        section: P4_GUARANTEE.section,
        quote: "平均担保费率不高于0.8%",
        passageId: P4_GUARANTEE.id,
        status: "in_force",
      },
    ],
    candidates: [],
    figures: ["平均担保费率不高于0.8%"],
    passages: [rp(P4_GUARANTEE, 0.9), rp(P4_FUND, 0.5), rp(P7_PAYMENT, 0.2)],
    reason: "命中项目（四）条款1",
  };
}

/** Router: a law question with no single project (project null, action answer). */
export function paymentLawResult(question = "政府采购款多久内要付给中小企业？"): AnswerResult {
  return {
    question,
    project: null,
    projectName: null,
    leadUnits: [],
    confidence: 0.7,
    action: "answer",
    answer: "根据《保障中小企业款项支付条例（2025年修订）》第九条：应当自交付之日起30日内支付款项。",
    citations: [
      {
        document: LAW_2025.docTitle,
        section: LAW_2025.section,
        quote: "30日内支付款项",
        passageId: LAW_2025.id,
        status: "in_force",
      },
    ],
    candidates: [],
    figures: [],
    passages: [rp(LAW_2025, 0.8), rp(LAW_2020, 0.7), rp(P7_PAYMENT, 0.3)],
  };
}

/** Router: out of scope. */
export function outOfScopeResult(question = "明天杭州天气怎么样"): AnswerResult {
  return {
    question,
    project: null,
    projectName: null,
    leadUnits: [],
    confidence: 0.1,
    action: "escalate",
    answer: "抱歉，这个问题不在“为企办实事”通知及相关政策范围内。如需人工协助，可以转人工。",
    citations: [],
    candidates: [],
    figures: [],
    passages: [rp(P7_PAYMENT, 0.05)],
  };
}

export function modelJson(o: {
  answerable?: boolean;
  project?: number | null;
  leadUnits?: string[];
  citations?: string[];
  answer?: string;
}): string {
  return JSON.stringify({
    answerable: true,
    project: 4,
    leadUnits: ["市委金融办"],
    citations: ["P1"],
    answer: "",
    ...o,
  });
}

export const VALID_GUARANTEE = modelJson({
  answer: "您好！根据通知，全市政府性融资担保机构的平均担保费率不高于0.8% [P1]，由市委金融办牵头。",
});

export function testConfig(over: Partial<LlmConfig> = {}): LlmConfig {
  return {
    baseURL: "http://127.0.0.1:9/v1",
    model: "test-model",
    apiKey: "test-key",
    timeoutMs: 2000,
    streamTotalMs: 5000,
    temperature: 0,
    maxTokens: 500,
    maxPassages: 6,
    jsonMode: true,
    streamIntervalMs: 200,
    ...over,
  };
}

/** FakeListChatModel that also records the messages it was given. */
export class RecordingFakeModel extends FakeListChatModel {
  seen: BaseMessage[][] = [];
  override async _generate(
    messages: BaseMessage[],
    options?: this["ParsedCallOptions"],
    run?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    this.seen.push(messages);
    return super._generate(messages, options, run);
  }
  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this["ParsedCallOptions"],
    run?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    this.seen.push(messages);
    yield* super._streamResponseChunks(messages, options, run);
  }
}

export const promptText = (messages: BaseMessage[]) => messages.map((m) => String(m.content)).join("\n");
