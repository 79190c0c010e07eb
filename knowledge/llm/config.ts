// Optional LLM answers: configuration. Unset LLM_BASE_URL and LLM_MODEL → disabled (the default).
import { z } from "zod";
import { ConfigError, loadEnv, parseConfig } from "../infra/env.js";

/** Empty strings in .env count as "not set". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const intWithDefault = (def: number, min: number, max: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(def));
const boolWithDefault = (def: boolean) =>
  z.preprocess(
    blankToUndefined,
    z
      .enum(["true", "false", "1", "0", "yes", "no", "on", "off"])
      .default(def ? "true" : "false")
      .transform((v) => ["true", "1", "yes", "on"].includes(v)),
  );

export const llmEnvSchema = z.object({
  LLM_BASE_URL: z.preprocess(
    blankToUndefined,
    z.url({ message: "must be the base URL of an OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1" }).optional(),
  ),
  LLM_MODEL: optionalString.describe("model name at that endpoint, e.g. deepseek-chat, qwen-plus"),
  LLM_API_KEY: optionalString.describe("bearer key; local servers (Ollama, vLLM) usually need none"),
  LLM_TIMEOUT_MS: intWithDefault(8000, 100, 120_000).describe(
    "whole-answer timeout; streaming: max silence between chunks",
  ),
  LLM_STREAM_TOTAL_MS: intWithDefault(30_000, 500, 300_000).describe("hard cap on a streamed answer"),
  LLM_TEMPERATURE: z.preprocess(blankToUndefined, z.coerce.number().min(0).max(2).default(0.2)),
  LLM_MAX_TOKENS: intWithDefault(900, 64, 8192),
  LLM_MAX_PASSAGES: intWithDefault(6, 1, 20).describe("retrieved passages shown to the model"),
  LLM_JSON_MODE: boolWithDefault(true).describe(
    "send response_format json_object (turn off for servers that reject it)",
  ),
  LLM_STREAM_INTERVAL_MS: intWithDefault(250, 200, 5000).describe(
    "min gap between streamed card updates (≥200 → ≤5/s)",
  ),
});

export interface LlmConfig {
  baseURL: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
  streamTotalMs: number;
  temperature: number;
  maxTokens: number;
  maxPassages: number;
  jsonMode: boolean;
  streamIntervalMs: number;
}

/**
 * Reads the LLM settings. Returns null when neither LLM_BASE_URL nor LLM_MODEL is set (LLM off);
 * throws ConfigError (naming the variable) when only one of them is set or a value is invalid.
 */
export function parseLlmConfig(env: NodeJS.ProcessEnv = loadEnv()): LlmConfig | null {
  const raw = parseConfig(llmEnvSchema, env);
  if (!raw.LLM_BASE_URL && !raw.LLM_MODEL) return null;
  if (!raw.LLM_BASE_URL || !raw.LLM_MODEL) {
    const missing = raw.LLM_BASE_URL ? "LLM_MODEL" : "LLM_BASE_URL";
    throw new ConfigError(
      `Invalid configuration — fix these environment variables (see .env.example):\n  ${missing}: required when ${
        missing === "LLM_MODEL" ? "LLM_BASE_URL" : "LLM_MODEL"
      } is set (unset both to run without an LLM)`,
    );
  }
  return {
    baseURL: raw.LLM_BASE_URL,
    model: raw.LLM_MODEL,
    // The openai client insists on a key; local servers ignore it.
    apiKey: raw.LLM_API_KEY ?? "not-needed",
    timeoutMs: raw.LLM_TIMEOUT_MS,
    streamTotalMs: raw.LLM_STREAM_TOTAL_MS,
    temperature: raw.LLM_TEMPERATURE,
    maxTokens: raw.LLM_MAX_TOKENS,
    maxPassages: raw.LLM_MAX_PASSAGES,
    jsonMode: raw.LLM_JSON_MODE,
    streamIntervalMs: raw.LLM_STREAM_INTERVAL_MS,
  };
}
