// Server / Redis / queue settings (documented in .env.example).
import { z } from "zod";
import { parseConfig } from "../../knowledge/infra/env.js";
import { DEFAULT_INBOUND_QUEUE, DEFAULT_REPLY_RETRY_HOURS } from "./queue.js";
import { DEFAULT_REDIS_URL } from "./redis.js";

const bool = (def: boolean) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? !/^(0|false|no|off)$/i.test(v.trim()) : undefined),
    z.boolean().default(def),
  );

export const serverConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe("HTTP port"),
  HOST: z.string().min(1).default("0.0.0.0").describe("listen address"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .default(DEFAULT_REDIS_URL),
  REDIS_PREFIX: z.string().min(1).default("qft:").describe("prefix of every key the bot writes"),
  INBOUND_QUEUE: z
    .string()
    .regex(/^[\w.-]+$/, "letters, digits, . _ - only")
    .default(DEFAULT_INBOUND_QUEUE),
  WORKER_ENABLED: bool(true).describe("run the inbound worker in this process"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  REPLY_RETRY_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(48)
    .default(DEFAULT_REPLY_RETRY_HOURS)
    .describe("how long a reply that cannot be sent is retried"),
});

export type ServerConfig = z.infer<typeof serverConfigSchema>;

export function loadServerConfig(env?: NodeJS.ProcessEnv): ServerConfig {
  return parseConfig(serverConfigSchema, env);
}
