import path from "node:path";
import { config as loadDotenv } from "dotenv";
import { z } from "zod";

let loaded = false;

/** Reads `.env` once (real environment variables win). */
export function loadEnv(): NodeJS.ProcessEnv {
  if (!loaded) {
    loadDotenv({ quiet: true } as Parameters<typeof loadDotenv>[0]);
    loaded = true;
  }
  return process.env;
}

export class ConfigError extends Error {
  readonly code = "CONFIG";
}

/** The variables that are set: a blank value (`ADMIN_TOKEN=` copied from .env.example) means unset. */
export function withoutBlanks(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ""));
}

/** Parses env with a zod schema; a bad value stops start-up with a message naming the variable. Blank = unset. */
export function parseConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = loadEnv()): z.infer<S> {
  const res = schema.safeParse(withoutBlanks(env));
  if (res.success) return res.data;
  const lines = res.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
  throw new ConfigError(
    `Invalid configuration — fix these environment variables (see .env.example):\n${lines.join("\n")}`,
  );
}

/** Everything written at run time lives under DATA_DIR (default ./data). */
export function dataDir(env: NodeJS.ProcessEnv = loadEnv()): string {
  return path.resolve(env.DATA_DIR && env.DATA_DIR.trim() ? env.DATA_DIR : "data");
}

/** The project root (this file is knowledge/infra/env.ts). */
export const PROJECT_ROOT = path.resolve(new URL("../..", import.meta.url).pathname);
export const DEFAULT_CORPUS_DIR = path.join(PROJECT_ROOT, "knowledge", "corpus");
