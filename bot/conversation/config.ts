// Conversation settings from the environment (documented in .env.example).
import { z } from "zod";
import { DEFAULT_DEDUPE_TTL_SEC } from "../infra/dedupe-store.js";
import { parseConfig } from "../../knowledge/infra/env.js";

const int = (def: number, min: number, desc: string) => z.coerce.number().int().min(min).default(def).describe(desc);

export const conversationConfigSchema = z.object({
  MAX_MESSAGE_CHARS: int(
    1000,
    10,
    "longer messages get a polite notice instead of an answer (the KB itself reads at most 1000)",
  ),
  SESSION_TTL_SEC: int(1800, 10, "follow-up memory per chat+user"),
  ANSWER_TTL_SEC: int(7 * 24 * 3600, 60, "how long answer-card buttons keep working"),
  RATE_LIMIT_MAX: int(10, 1, "messages per user per window"),
  RATE_LIMIT_WINDOW_SEC: int(60, 1, "rate-limit window"),
  DEDUPE_TTL_SEC: int(DEFAULT_DEDUPE_TTL_SEC, 60, "dedupe window; ≥ 7.2 h covers Feishu's retries"),
});

export type ConversationConfig = z.infer<typeof conversationConfigSchema>;

export function loadConversationConfig(env?: NodeJS.ProcessEnv): ConversationConfig {
  return parseConfig(conversationConfigSchema, env);
}
