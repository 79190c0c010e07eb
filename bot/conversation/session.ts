// Session memory and stored answers: thin helpers over the KvStores in deps. Store failures degrade
// (no follow-up memory) instead of failing the reply.
import type { AnswerResult } from "../../knowledge/types.js";
import type { ConversationDeps, SessionState } from "./deps.js";
import type { CardAction, InboundMessage } from "./types.js";

/** Memory is per chat AND user: in a group, two people's follow-ups never mix. */
export function sessionKey(m: Pick<InboundMessage, "platform" | "tenant" | "chatId" | "senderId">): string {
  return `${m.platform}:${m.tenant}:${m.chatId}:${m.senderId}`;
}

export function sessionKeyForAction(a: CardAction): string {
  return `${a.platform}:${a.tenant}:${a.chatId}:${a.operatorId}`;
}

export async function loadSession(deps: ConversationDeps, key: string): Promise<SessionState | null> {
  try {
    return await deps.sessions.get(key);
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message }, "session read failed; answering without memory");
    return null;
  }
}

export async function saveSession(deps: ConversationDeps, key: string, state: SessionState): Promise<void> {
  try {
    await deps.sessions.set(key, state, deps.settings.sessionTtlSec);
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message }, "session write failed");
  }
}

// Stored answers live for days (one per answered message): keep passage ids, sections and scores
// for tickets, but only the start of each passage text.
const MAX_STORED_PASSAGE = 160;

/** Keeps what tickets and feedback need; drops bulky retrieval detail. */
export function trimForStorage(r: AnswerResult): AnswerResult {
  return {
    ...r,
    passages: r.passages.slice(0, 5).map((p) => ({
      ...p,
      passage: {
        ...p.passage,
        text:
          p.passage.text.length > MAX_STORED_PASSAGE
            ? `${p.passage.text.slice(0, MAX_STORED_PASSAGE)}…`
            : p.passage.text,
      },
    })),
  };
}

export async function storeAnswer(deps: ConversationDeps, ref: string, r: AnswerResult): Promise<void> {
  try {
    await deps.answers.set(ref, trimForStorage(r), deps.settings.answerTtlSec);
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, ref }, "answer store failed; its buttons will fall back");
  }
}

export async function loadAnswer(deps: ConversationDeps, ref: string | undefined): Promise<AnswerResult | undefined> {
  if (!ref) return undefined;
  try {
    return (await deps.answers.get(ref)) ?? undefined;
  } catch {
    return undefined;
  }
}
