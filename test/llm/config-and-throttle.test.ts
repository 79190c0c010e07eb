import { describe, expect, it } from "vitest";
import { ConfigError } from "../../knowledge/infra/env.js";
import { maybeCreateLlmAnswerer } from "../../knowledge/llm/index.js";
import { parseLlmConfig } from "../../knowledge/llm/config.js";
import { createLatestThrottle } from "../../knowledge/llm/throttle.js";
import { extractFigures, unsupportedFigures } from "../../knowledge/llm/figures.js";
import { parseModelOutput, readPartialOutput } from "../../knowledge/llm/model-output.js";

describe("LLM configuration", () => {
  it("is off by default (nothing set, or blank values from .env)", () => {
    expect(parseLlmConfig({})).toBeNull();
    expect(parseLlmConfig({ LLM_BASE_URL: "", LLM_MODEL: " ", LLM_API_KEY: "" })).toBeNull();
    expect(maybeCreateLlmAnswerer({})).toBeNull();
  });

  it("reads a full configuration with defaults", () => {
    const c = parseLlmConfig({ LLM_BASE_URL: "http://127.0.0.1:11434/v1", LLM_MODEL: "qwen2.5:7b" });
    expect(c).toMatchObject({
      model: "qwen2.5:7b",
      apiKey: "not-needed",
      timeoutMs: 8000,
      temperature: 0.2,
      jsonMode: true,
      streamIntervalMs: 250,
    });
    const d = parseLlmConfig({
      LLM_BASE_URL: "https://api.deepseek.com/v1",
      LLM_MODEL: "deepseek-chat",
      LLM_API_KEY: "sk-x",
      LLM_TIMEOUT_MS: "5000",
      LLM_JSON_MODE: "false",
    });
    expect(d).toMatchObject({ apiKey: "sk-x", timeoutMs: 5000, jsonMode: false });
    expect(maybeCreateLlmAnswerer({ LLM_BASE_URL: "http://127.0.0.1:1/v1", LLM_MODEL: "m" })?.config.model).toBe("m");
  });

  it.each([
    [{ LLM_BASE_URL: "http://127.0.0.1:8000/v1" }, "LLM_MODEL"],
    [{ LLM_MODEL: "deepseek-chat" }, "LLM_BASE_URL"],
    [{ LLM_BASE_URL: "not a url", LLM_MODEL: "m" }, "LLM_BASE_URL"],
    [{ LLM_BASE_URL: "http://h/v1", LLM_MODEL: "m", LLM_TIMEOUT_MS: "soon" }, "LLM_TIMEOUT_MS"],
    [{ LLM_BASE_URL: "http://h/v1", LLM_MODEL: "m", LLM_STREAM_INTERVAL_MS: "50" }, "LLM_STREAM_INTERVAL_MS"],
    [{ LLM_BASE_URL: "http://h/v1", LLM_MODEL: "m", LLM_TEMPERATURE: "3" }, "LLM_TEMPERATURE"],
  ])("a half-set or bad value stops start-up naming the variable: %j", (env, name) => {
    expect(() => parseLlmConfig(env)).toThrow(ConfigError);
    expect(() => parseLlmConfig(env)).toThrow(name);
  });
});

describe("latest-value throttle", () => {
  it("delivers at most once per interval, never overlapping, newest value wins, close() keeps the pace", async () => {
    const got: { t: number; v: number }[] = [];
    let running = 0;
    let overlap = false;
    const th = createLatestThrottle<number>(async (v) => {
      running++;
      if (running > 1) overlap = true;
      got.push({ t: Date.now(), v });
      await new Promise((r) => setTimeout(r, 30));
      running--;
    }, 100);
    const t0 = Date.now();
    for (let i = 1; i <= 30; i++) {
      th.push(i);
      await new Promise((r) => setTimeout(r, 10));
    }
    const pushedFor = Date.now() - t0;
    await th.close();
    const closedAt = Date.now();
    expect(overlap).toBe(false);
    expect(got[0].v).toBe(1);
    for (let i = 1; i < got.length; i++) {
      expect(got[i].t - got[i - 1].t).toBeGreaterThanOrEqual(98);
      expect(got[i].v).toBeGreaterThan(got[i - 1].v);
    }
    expect(got.length).toBeGreaterThanOrEqual(2);
    expect(got.length).toBeLessThanOrEqual(Math.floor(pushedFor / 100) + 1);
    expect(closedAt - got[got.length - 1].t).toBeGreaterThanOrEqual(98);
    th.push(99);
    await new Promise((r) => setTimeout(r, 120));
    expect(got.some((g) => g.v === 99)).toBe(false);
  });
});

describe("figures and partial output", () => {
  it("reads figures written in words: 千分之X, 万分之X, X成, X个点, 半数, 翻一番", () => {
    const values = (t: string) => extractFigures(t).map((f) => `${f.value}${f.unit}`);
    expect(values("担保费率千分之三")).toEqual(["0.3%"]);
    expect(values("每日万分之五")).toEqual(["0.05%"]);
    expect(values("贷款七成、降2个点")).toEqual(["70%", "2%"]);
    expect(values("半数企业，规模翻一番")).toEqual(["50%", "2倍"]);
    expect(values("成为成本成立")).toEqual([]);
    expect(unsupportedFigures("担保费率千分之八", ["平均担保费率不高于0.8%"])).toEqual([]);
    expect(unsupportedFigures("担保费率千分之三", ["平均担保费率不高于0.8%"]).map((f) => f.raw)).toEqual(["0.3%"]);
  });

  it("finds figures the way the notice writes them", () => {
    const f = extractFigures("余额200亿元以上，费率不高于0.8%，不少于1万家，不超过五个工作日，百分之七十，第十四条");
    expect(f.map((x) => `${x.value}|${x.unit}`).sort()).toEqual([
      "0.8|%",
      "10000|家",
      "14|条",
      "20000000000|元",
      "5|工作日",
      "70|%",
    ]);
    expect(extractFigures("1. 一次不跑\n2. 一家企业、两个部门")).toEqual([]);
    expect(unsupportedFigures("５个工作日", ["不超过5个工作日"])).toEqual([]);
    expect(unsupportedFigures("5天", ["不超过5个工作日"]).map((x) => x.raw)).toEqual(["5天"]);
  });

  it("reads the answer text of a half-received JSON object", () => {
    expect(readPartialOutput('{"answerable": true, "citations": ["P1"], "ans')).toEqual({
      answer: null,
      answerableFalse: false,
      citations: ["P1"],
    });
    expect(readPartialOutput('{"answer": "第一行\\n第二\\"行\\u4e2').answer).toBe('第一行\n第二"行');
    expect(readPartialOutput('{"answerable": false, "answer": "x').answerableFalse).toBe(true);
    expect(readPartialOutput('<think>先想想 {"answer": "不是这个').answer).toBeNull();
    expect(readPartialOutput('<think>{"answer": "x"}</think>{"answer": "是').answer).toBe("是");
  });
});

describe("model output parsing", () => {
  const good =
    '{"answerable": true, "project": 4, "leadUnits": ["市委金融办"], "citations": ["P1"], "answer": "不高于0.8%"}';
  it("accepts plain JSON, fenced JSON, JSON after a reasoning block, and ignores extra fields", () => {
    for (const text of [
      good,
      "```json\n" + good + "\n```",
      `<think>用户问 {费率} …</think>\n${good}`,
      good.replace("}", ', "reasoning": "x"}'),
    ]) {
      const r = parseModelOutput(text);
      expect(r.ok, text).toBe(true);
    }
  });
  it("rejects what is not the shape", () => {
    for (const text of [
      "",
      "好的",
      "{",
      '{"answerable": "yes"}',
      good.replace('"P1"', "1"),
      good.replace("4,", "0,"),
    ]) {
      expect(parseModelOutput(text).ok, text).toBe(false);
    }
  });
});
