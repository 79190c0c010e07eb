// Turning a KB result into a Reply, remembering the turn for follow-ups and card buttons.
import type { AnswerResult } from "../../knowledge/types.js";
import { answerButtons, answerRef, clarifyButtons } from "./card-values.js";
import { tellObservers, type ConversationDeps, type SessionState } from "./deps.js";
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
  // Off the reply's path: a slow or failing desk database never delays an answer.
  void tellObservers(deps, (o) =>
    o.answered?.({ ref, platform: msg.platform, chatId: msg.chatId, userId: msg.senderId, result }),
  );
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
