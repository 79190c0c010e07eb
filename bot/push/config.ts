// 政策直达 settings (the admin chat and the database are the desk's: bot/tickets/config.ts).
import { z } from "zod";
import { loadEnv, parseConfig } from "../../knowledge/infra/env.js";

export const pushConfigSchema = z.object({
  PUSH_RATE_FEISHU: z.coerce.number().min(0.1).max(50).default(15),
  PUSH_RATE_DINGTALK: z.coerce.number().min(0.1).max(50).default(10),
  PUSH_WORKER_ENABLED: z.enum(["true", "false"]).default("true"),
  PUSH_FOLLOW_UP_HOURS: z.coerce
    .number()
    .min(1)
    .max(24 * 30)
    .default(24),
  PUSH_LOOKBACK_DAYS: z.coerce.number().min(1).max(365).default(7),
});

export interface PushConfig {
  rates: Record<string, number>;
  worker: boolean;
  followUpMs: number;
  lookbackMs: number;
}

export function parsePushConfig(env: NodeJS.ProcessEnv = loadEnv()): PushConfig {
  const nonEmpty = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
  const c = parseConfig(pushConfigSchema, nonEmpty);
  return {
    rates: { feishu: c.PUSH_RATE_FEISHU, dingtalk: c.PUSH_RATE_DINGTALK },
    worker: c.PUSH_WORKER_ENABLED === "true",
    followUpMs: c.PUSH_FOLLOW_UP_HOURS * 3_600_000,
    lookbackMs: c.PUSH_LOOKBACK_DAYS * 86_400_000,
  };
}
