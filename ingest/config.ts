import { z } from "zod";
import { parseConfig } from "../knowledge/infra/env.js";

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? "")
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Settings of re-ingest (see the "Ingest" section of .env.example). */
export const IngestConfigSchema = z.object({
  INGEST_MAX_FILE_MB: z.coerce.number().positive().default(20).describe("largest accepted document file"),
  INGEST_KEEP_VERSIONS: z.coerce.number().int().min(2).default(5).describe("index versions kept for rollback"),
  INGEST_MAX_PASSAGE_CHARS: z.coerce.number().int().min(200).default(1200).describe("size bound of one passage"),
  ADMIN_OPEN_IDS: csv.describe("chat user ids (open_id / staffId) allowed to run /reingest"),
  ADMIN_TOKEN: z
    .string()
    .min(16, "ADMIN_TOKEN must be at least 16 characters")
    .optional()
    .describe("bearer token for POST /admin/ingest"),
  REDIS_URL: z.string().optional(),
  INGEST_QUEUE: z
    .string()
    .regex(/^[\w.-]+$/, "letters, digits, . _ - only")
    .default("qft-ingest"),
  INDEX_CHANNEL: z
    .string()
    .default("qft:index:published")
    .describe("Redis pub/sub channel announcing a new index version"),
  INGEST_WORKER_ENABLED: z
    .preprocess(
      (v) => (typeof v === "string" && v.trim() !== "" ? !/^(0|false|no|off)$/i.test(v.trim()) : undefined),
      z.boolean().default(true),
    )
    .describe("run the re-ingest worker in this bot process"),
  INGEST_CORPUS_DIR: z.string().optional().describe("bundled corpus directory (default knowledge/corpus)"),
  INGEST_BUILD_TIMEOUT_SEC: z.coerce
    .number()
    .int()
    .min(10)
    .default(900)
    .describe("wall-clock limit of one build child; killed after it (the live index stays)"),
  INGEST_BUILD_MAX_MB: z.coerce
    .number()
    .int()
    .min(256)
    .default(1536)
    .describe("heap limit of the build child (--max-old-space-size), MB"),
  INGEST_ALLOWED_DIR: z
    .string()
    .optional()
    .describe("server directory whose files POST /admin/ingest may name in `paths`; unset = uploads only"),
});
export type IngestConfig = z.infer<typeof IngestConfigSchema>;

export function ingestConfig(env?: NodeJS.ProcessEnv): IngestConfig {
  return parseConfig(IngestConfigSchema, env);
}
