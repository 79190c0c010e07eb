// Feishu channel configuration: one zod schema, read once at start-up (knowledge/infra/env.ts parseConfig).
import { z } from "zod";
import { parseConfig } from "../../../knowledge/infra/env.js";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optionalString = (description: string) =>
  z.preprocess(blankToUndefined, z.string().trim().optional()).describe(description);

export const feishuConfigSchema = z
  .object({
    FEISHU_APP_ID: z
      .preprocess(
        blankToUndefined,
        z
          .string()
          .trim()
          .regex(/^cli_\w+$/, "must look like cli_xxxxxxxxxxxxxxxx (from the developer console)"),
      )
      .describe("App ID of the self-built app"),
    FEISHU_APP_SECRET: z
      .preprocess(blankToUndefined, z.string().trim().min(1, "is required when FEISHU_APP_ID is set"))
      .describe("App Secret"),
    FEISHU_ENCRYPT_KEY: optionalString(
      "Encrypt Key: events arrive AES-encrypted and signed; strongly recommended in webhook mode",
    ),
    FEISHU_VERIFICATION_TOKEN: optionalString("Verification Token: checked against the token inside every event"),
    FEISHU_MODE: z
      .preprocess(blankToUndefined, z.enum(["webhook", "ws"]).default("webhook"))
      .describe("webhook = POST /feishu/events; ws = long connection (WSClient)"),
    FEISHU_DOMAIN: z
      .preprocess(blankToUndefined, z.string().url().default("https://open.feishu.cn"))
      .transform((s) => s.replace(/\/+$/, ""))
      .describe("Open-platform base URL"),
    // Replays inside the window are caught by the event_id dedupe (kept 26 000 s); older ones by this
    // check. Not shorter: whether the platform's late retries (5 min, 1 h, 6 h) carry a fresh
    // timestamp is not documented, and rejecting them would lose the question.
    FEISHU_MAX_CLOCK_SKEW_SEC: z
      .preprocess(blankToUndefined, z.coerce.number().int().min(1).default(26_000))
      .describe(
        "Events whose request timestamp or header.create_time is further than this from now are rejected as stale",
      ),
    FEISHU_ALLOW_UNSIGNED: z
      .preprocess(
        (v) => (typeof v === "string" && v.trim() !== "" ? /^(1|true|yes|on)$/i.test(v.trim()) : undefined),
        z.boolean().default(false),
      )
      .describe(
        "webhook mode without an Encrypt Key (unsigned events, checked by the Verification Token only); off by default",
      ),
  })
  .superRefine((c, ctx) => {
    if (c.FEISHU_MODE === "webhook" && !c.FEISHU_ENCRYPT_KEY && !c.FEISHU_ALLOW_UNSIGNED) {
      ctx.addIssue({
        code: "custom",
        path: ["FEISHU_ENCRYPT_KEY"],
        message:
          "webhook mode needs FEISHU_ENCRYPT_KEY (events are then signed and encrypted); set FEISHU_ALLOW_UNSIGNED=true only if you accept unsigned events",
      });
    }
    if (
      c.FEISHU_MODE === "webhook" &&
      !c.FEISHU_ENCRYPT_KEY &&
      c.FEISHU_ALLOW_UNSIGNED &&
      !c.FEISHU_VERIFICATION_TOKEN
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["FEISHU_VERIFICATION_TOKEN"],
        message: "unsigned webhook mode (FEISHU_ALLOW_UNSIGNED=true) still needs FEISHU_VERIFICATION_TOKEN",
      });
    }
  });

export type FeishuConfig = z.infer<typeof feishuConfigSchema>;

/** True when the environment asks for the Feishu channel at all (FEISHU_APP_ID set). */
export function feishuConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.FEISHU_APP_ID && env.FEISHU_APP_ID.trim());
}

/** Parses and validates; throws ConfigError naming the variable to fix. */
export function loadFeishuConfig(env?: NodeJS.ProcessEnv): FeishuConfig {
  return parseConfig(feishuConfigSchema, env);
}
