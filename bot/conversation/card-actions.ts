// Card button presses: feedback.solved / feedback.unsolved / clarify.pick (interceptors first, so
// ticket.* and survey.* buttons belong to the service desk). Fast: no KB call except clarify.pick.
import type { AnswerResult } from "../../knowledge/types.js";
import { CMD, parseButtonValue, type ParsedButtonValue } from "./card-values.js";
import { tellObservers, type CardActionResult, type ConversationDeps, type FeedbackRecord } from "./deps.js";
import { MSG } from "./messages.js";
import { respond } from "./respond.js";
import { renderStatusText } from "./render-text.js";
import { loadAnswer, loadSession, sessionKeyForAction } from "./session.js";
import type { CardAction, InboundMessage, Reply, ReplyStatus } from "./types.js";

export async function handleCardAction(action: CardAction, deps: ConversationDeps): Promise<CardActionResult> {
  try {
    for (const icpt of deps.interceptors) {
      const out = icpt.handleCardAction ? await icpt.handleCardAction(action) : null;
      if (out) return out;
    }
    const v = parseButtonValue(action.value);
    switch (v?.cmd) {
      case CMD.solved:
        return await solved(action, v, deps);
      case CMD.unsolved:
        return await unsolved(action, v, deps);
      case CMD.pick:
        return await pick(action, v, deps);
      default:
        return { toast: MSG.cardUnknown };
    }
  } catch (err) {
    deps.logger.error({ err: (err as Error).message, cmd: action.value.cmd }, "card action failed");
    return { toast: MSG.error };
  }
}

/** The InboundMessage a button press stands for (the clicker asking about the card's question). */
function actionAsMessage(action: CardAction, v: ParsedButtonValue): InboundMessage {
  return {
    platform: action.platform,
    tenant: action.tenant,
    chatId: action.chatId,
    chatType: v.chatType,
    senderId: action.operatorId,
    messageId: `${action.messageId}#${v.cmd}#${action.operatorId}`,
    messageType: "text",
    text: v.q ?? "",
    mentionedBot: true,
    receivedAt: Date.now(),
  };
}

function statusReply(result: AnswerResult | undefined, status: ReplyStatus): Reply {
  if (!result) {
    return {
      kind: "card",
      text: status.note,
      card: { title: status.note, template: "green", markdown: status.note, buttons: [] },
    };
  }
  return { kind: "answer", result, text: renderStatusText(result, status), buttons: [], status };
}

async function recordFeedback(
  action: CardAction,
  v: ParsedButtonValue,
  result: AnswerResult | undefined,
  solved: boolean,
  deps: ConversationDeps,
) {
  const record: FeedbackRecord = {
    ref: v.ref ?? action.messageId,
    solved,
    platform: action.platform,
    tenant: action.tenant,
    chatId: action.chatId,
    userId: action.operatorId,
    question: result?.question ?? v.q,
    project: result?.project ?? null,
  };
  await deps.feedback.append(record);
  await tellObservers(deps, (o) => o.feedback?.(record));
}

async function solved(action: CardAction, v: ParsedButtonValue, deps: ConversationDeps): Promise<CardActionResult> {
  const result = await loadAnswer(deps, v.ref);
  await recordFeedback(action, v, result, true, deps);
  return { toast: MSG.toastSolved, reply: statusReply(result, { state: "solved", note: MSG.feedbackThanks }) };
}

async function unsolved(action: CardAction, v: ParsedButtonValue, deps: ConversationDeps): Promise<CardActionResult> {
  const result = await loadAnswer(deps, v.ref);
  await recordFeedback(action, v, result, false, deps);
  const messages = await deps.handoff.requestHandoff(actionAsMessage(action, v), result, "button");
  return {
    toast: MSG.toastHandoff,
    reply: statusReply(result, { state: "handed_off", note: MSG.feedbackHandedOff }),
    messages,
  };
}

async function pick(action: CardAction, v: ParsedButtonValue, deps: ConversationDeps): Promise<CardActionResult> {
  const stored = await loadAnswer(deps, v.ref);
  const question = stored?.question ?? v.q;
  if (!question || !v.project) return { toast: MSG.clarifyExpired };
  const result = await (deps.quickKb ?? deps.kb).answer(question, { forceProject: v.project });
  const msg = actionAsMessage(action, v);
  const session = await loadSession(deps, sessionKeyForAction(action));
  const reply = await respond(
    { ...msg, messageId: `${action.messageId}#p${v.project}` },
    deps,
    question,
    result,
    session,
  );
  return { toast: MSG.toastPicked, reply };
}
