// The channel-independent conversation: one InboundMessage in, zero or more Replies out.
// Order: interceptors (unmentioned group messages reach only those that accept them) → group-mention policy → rate limit → input checks → commands →
// clarify pick → question (with context for follow-ups). Never throws.
import { toSimplified } from "../../knowledge/text/script.js";
import type { AnswerOptions } from "../../knowledge/types.js";
import { looksLikeCommand, parseCommand } from "./commands.js";
import type { ConversationDeps, SessionState } from "./deps.js";
import { looksLikeFollowUp, parsePick } from "./follow-up.js";
import { MSG } from "./messages.js";
import { respond } from "./respond.js";
import { loadAnswer, loadSession, sessionKey } from "./session.js";
import { smallTalk, smallTalkReply } from "./small-talk.js";
import { parseTypedButton } from "./typed-buttons.js";
import type { InboundMessage, NoticeKind, Reply } from "./types.js";

export { handleCardAction } from "./card-actions.js";
export type { CardActionResult, ConversationDeps } from "./deps.js";

export function notice(kind: NoticeKind, text: string): Reply {
  return { kind: "notice", notice: kind, text };
}

/** "已解决" / "没解决" typed after an answer: feedback on that answer, and a handoff when unsolved. */
async function typedButton(
  msg: InboundMessage,
  deps: ConversationDeps,
  typed: "solved" | "unsolved",
  session: SessionState | null,
): Promise<Reply[]> {
  const stored = await loadAnswer(deps, session?.lastRef);
  if (stored || session?.lastRef) {
    await deps.feedback.append({
      ref: session?.lastRef ?? msg.messageId,
      solved: typed === "solved",
      platform: msg.platform,
      tenant: msg.tenant,
      chatId: msg.chatId,
      userId: msg.senderId,
      question: session?.lastQuestion ?? stored?.question,
      project: stored?.project ?? null,
    });
  }
  if (typed === "solved") return [{ kind: "text", text: MSG.feedbackThanks }];
  const last = stored && session?.lastQuestion ? { ...stored, question: session.lastQuestion } : stored;
  try {
    return await deps.handoff.requestHandoff(msg, last, "button");
  } catch (err) {
    deps.logger.error({ err: (err as Error).message }, "handoff failed");
    return [notice("handoff", MSG.handoffFailed)];
  }
}

/** Replies for one inbound message; [] means stay silent. */
export async function handleInbound(msg: InboundMessage, deps: ConversationDeps): Promise<Reply[]> {
  try {
    return await route(msg, deps);
  } catch (err) {
    deps.logger.error({ err: (err as Error).message, messageId: msg.messageId }, "pipeline failed");
    return [notice("error", MSG.error)];
  }
}

async function route(msg: InboundMessage, deps: ConversationDeps): Promise<Reply[]> {
  // In groups only an @mention of the bot itself (decided by the channel) wakes it; interceptors
  // that ask for it (desk commands) also see the rest.
  const unmentioned = msg.chatType === "group" && !msg.mentionedBot;

  // Interceptors (desk commands, relays to open tickets) come before the rate limit: staff working
  // through tickets must not be throttled like enquiries.
  for (const icpt of deps.interceptors) {
    if (unmentioned && !icpt.acceptsUnmentioned) continue;
    const out = icpt.handleMessage ? await icpt.handleMessage(msg) : null;
    if (out) return out;
  }
  if (unmentioned) return [];

  // The session is read alongside the rate-limit hit (one round trip to Redis, not two).
  const [rate, session] = await Promise.all([
    deps.rateLimiter.hit(`${msg.platform}:${msg.tenant}:${msg.senderId}`).catch((err: Error) => {
      deps.logger.warn({ err: err.message }, "rate limiter unavailable; allowing");
      return { allowed: true, notify: false, retryAfterSec: 0 };
    }),
    loadSession(deps, sessionKey(msg)),
  ]);
  if (!rate.allowed) return rate.notify ? [notice("rate_limited", MSG.rateLimited(rate.retryAfterSec))] : [];

  if (msg.messageType !== "text") return [notice("non_text", MSG.nonText)];
  // Traditional characters are read as Simplified before anything else ("轉人工", "謝謝").
  const text = toSimplified((msg.text ?? "").trim());
  if (!text) return [notice("empty", MSG.empty)];
  const chars = [...text].length;
  if (chars > deps.settings.maxChars) return [notice("too_long", MSG.tooLong(chars, deps.settings.maxChars))];

  switch (parseCommand(text)) {
    case "help":
      return [notice("help", MSG.help)];
    case "about":
      return [notice("about", MSG.about(deps.kb.info()))];
    case "handoff": {
      const stored = await loadAnswer(deps, session?.lastRef);
      // Staff need the whole topic ("融资担保找谁？ 那费率呢？"), not just the last elliptical turn.
      const last = stored && session?.lastQuestion ? { ...stored, question: session.lastQuestion } : stored;
      try {
        return await deps.handoff.requestHandoff(msg, last, "command");
      } catch (err) {
        deps.logger.error({ err: (err as Error).message }, "handoff failed");
        return [notice("handoff", MSG.handoffFailed)];
      }
    }
  }

  if (looksLikeCommand(text)) return [notice("unknown_command", MSG.unknownCommand(text))];

  const talk = smallTalk(text);
  if (talk) return [{ kind: "text", text: smallTalkReply(talk, text) }];

  const typed = parseTypedButton(text);
  if (typed) return typedButton(msg, deps, typed, session);

  if (session?.clarify) {
    const pick = parsePick(text, session.clarify.candidates);
    if (pick && "outOfRange" in pick)
      return [{ kind: "text", text: MSG.pickOutOfRange(session.clarify.candidates.length) }];
    if (pick) {
      const chosen = session.clarify.candidates[pick.index];
      const question = session.clarify.question;
      const result = await deps.kb.answer(question, { forceProject: chosen.project });
      return [await respond(msg, deps, question, result, session)];
    }
  }

  // The previous turn goes along whenever there is one; the KB decides whether the question leans
  // on it ("那费率呢？") or stands alone.
  const options: AnswerOptions = {};
  if (session?.lastQuestion) {
    options.context = {
      previousQuestion: session.lastQuestion,
      previousProject: session.lastProject ?? null,
      clarifyCandidates: session.clarify?.candidates,
    };
  }
  const result = await deps.kb.answer(text, options);
  if (result.inputIssue) {
    // The KB refused the input itself (e.g. longer than its own limit): pass its polite note on.
    const kind: NoticeKind = result.inputIssue === "too_long" ? "too_long" : "empty";
    return [
      notice(
        kind,
        result.answer.trim() || (kind === "too_long" ? MSG.tooLong(chars, deps.settings.maxChars) : MSG.empty),
      ),
    ];
  }
  // After a follow-up in the same project, keep the topic question so that the next follow-up
  // ("那牵头单位呢？") still has something to lean on.
  const topic =
    session?.lastQuestion && looksLikeFollowUp(text) && result.project != null && result.project === session.lastProject
      ? `${session.lastQuestion.slice(0, 150)} ${text}`
      : text;
  return [await respond(msg, deps, topic, result, session)];
}
