// Turning a KB result into a Reply, remembering the turn for follow-ups and card buttons.
import type { AnswerResult } from "../../knowledge/types.js";
import { answerButtons, answerRef, clarifyButtons } from "./card-values.js";
import type { ConversationDeps, SessionState } from "./deps.js";
import { renderAnswerText, renderClarifyText } from "./render-text.js";
import { saveSession, sessionKey, storeAnswer } from "./session.js";
import type { InboundMessage, Reply } from "./types.js";

/** Builds the reply for a KB result and remembers the turn (session + stored answer for buttons). */
export async function respond(
  msg: Pick<InboundMessage, "platform" | "tenant" | "chatId" | "senderId" | "messageId" | "chatType">,
  deps: ConversationDeps,
  question: string,
  result: AnswerResult,
  session: SessionState | null,
): Promise<Reply> {
  observe(msg, deps, question, result);
  const ref = answerRef(msg);
  const clarifying = result.action === "clarify" && result.candidates.length > 0;
  await Promise.all([
    storeAnswer(deps, ref, result),
    saveSession(deps, sessionKey(msg), {
      lastQuestion: question,
      lastProject: result.project ?? session?.lastProject ?? null,
      lastRef: ref,
      clarify: clarifying ? { question, candidates: result.candidates, ref } : undefined,
      updatedAt: Date.now(),
    }),
  ]);
  if (clarifying) {
    return {
      kind: "clarify",
      result,
      candidates: result.candidates,
      text: renderClarifyText(result, result.candidates),
      buttons: clarifyButtons(ref, question, result.candidates, msg.chatType),
    };
  }
  return { kind: "answer", result, text: renderAnswerText(result), buttons: answerButtons(ref, result, msg.chatType) };
}

function observe(msg: Parameters<typeof respond>[0], deps: ConversationDeps, question: string, result: AnswerResult): void {
  if (!deps.answerObservers?.length) return;
  let version: string | null = null;
  try {
    version = deps.kb.info().version;
  } catch {
    version = null;
  }
  for (const o of deps.answerObservers) {
    o(msg, question, result, version).catch((err: Error) => deps.logger.warn({ err: err.message }, "answer observer failed"));
  }
}
