// DingTalk channel configuration: one zod schema, read once at start-up (knowledge/infra/env.ts parseConfig).
import { z } from "zod";
import { parseConfig } from "../../../knowledge/infra/env.js";
import { DEFAULT_WEBHOOK_HOSTS } from "./origin.js";

export const DEFAULT_DINGTALK_API_BASE = "https://api.dingtalk.com";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const required = (hint: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: `is required (${hint})` })
      .trim()
      .min(1, `is required (${hint})`),
  );

export const dingtalkConfigSchema = z.object({
  DINGTALK_APP_KEY: required("AppKey / Client ID from the DingTalk developer console").describe(
    "AppKey of the enterprise internal app",
  ),
  DINGTALK_APP_SECRET: required("AppSecret from the same page").describe(
    "AppSecret: verifies callback signatures and fetches access tokens",
  ),
  DINGTALK_ROBOT_CODE: z
    .preprocess(blankToUndefined, z.string().trim().optional())
    .describe("robotCode for OpenAPI sends when a sessionWebhook has expired; defaults to the AppKey"),
  DINGTALK_MODE: z
    .preprocess(blankToUndefined, z.enum(["http", "stream"], { error: 'must be "http" or "stream"' }).default("http"))
    .describe("http: callbacks at POST /dingtalk/events; stream: dingtalk-stream long connection"),
  DINGTALK_API_BASE: z
    .preprocess(
      blankToUndefined,
      z
        .url({ protocol: /^https?$/, error: "must be a URL such as https://api.dingtalk.com" })
        .default(DEFAULT_DINGTALK_API_BASE),
    )
    .describe("OpenAPI base URL (a local emulator in tests)"),
  DINGTALK_WEBHOOK_HOSTS: z
    .preprocess(blankToUndefined, z.string().optional())
    .transform((s) =>
      s
        ? s
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean)
        : DEFAULT_WEBHOOK_HOSTS,
    )
    .describe("hosts a callback's sessionWebhook may point at (https only); tests add the emulator's origin"),
  DINGTALK_CORP_ID: z
    .preprocess(blankToUndefined, z.string().trim().optional())
    .describe("your organisation's corpId; callbacks whose chatbotCorpId differs are refused"),
});

export interface DingtalkChannelConfig {
  appKey: string;
  appSecret: string;
  robotCode: string;
  mode: "http" | "stream";
  apiBase: string; // no trailing slash
  webhookHosts: string[];
  corpId?: string;
}

/** True when the environment asks for the DingTalk channel at all (DINGTALK_APP_KEY set). */
export function dingtalkConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.DINGTALK_APP_KEY?.trim());
}

/** Parses and validates; throws ConfigError naming the variable to fix. */
export function loadDingtalkConfig(env?: NodeJS.ProcessEnv): DingtalkChannelConfig {
  const c = parseConfig(dingtalkConfigSchema, env);
  return {
    appKey: c.DINGTALK_APP_KEY,
    appSecret: c.DINGTALK_APP_SECRET,
    robotCode: c.DINGTALK_ROBOT_CODE || c.DINGTALK_APP_KEY,
    mode: c.DINGTALK_MODE,
    apiBase: c.DINGTALK_API_BASE.replace(/\/+$/, ""),
    webhookHosts: c.DINGTALK_WEBHOOK_HOSTS,
    corpId: c.DINGTALK_CORP_ID,
  };
}
