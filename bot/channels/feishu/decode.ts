// Feishu payload in → one InboundMessage / CardAction. Nothing Feishu-shaped leaves this folder.
import type { CardAction, InboundMessage } from "../../conversation/types.js";
import { valueFromSubmitName } from "./card-v2.js";
import type { CardActionEvent, MessageReceiveEvent } from "./schemas.js";

export interface DecodeContext {
  tenantKey?: string;
  botOpenId: string | null;
  now?: number;
}

/** Text of a text message with every mention placeholder (`@_user_1`, `@_all`) removed. */
export function textWithoutMentions(content: string, mentionKeys: string[]): string | null {
  let text: unknown;
  try {
    text = (JSON.parse(content) as { text?: unknown }).text;
  } catch {
    return null;
  }
  if (typeof text !== "string") return null;
  let out = text;
  // Longest keys first so @_user_10 is not cut by @_user_1.
  for (const key of [...mentionKeys].sort((a, b) => b.length - a.length)) out = out.split(key).join(" ");
  out = out.replace(/@_all\b/g, " ");
  return out
    .replace(/[ \t\u00a0\u3000]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

/** Plain text of a rich-text ("post") message: title and text runs; @-mentions and media dropped. */
export function textOfPost(content: string): string | null {
  let post: unknown;
  try {
    post = JSON.parse(content);
  } catch {
    return null;
  }
  const p = post as { title?: unknown; content?: unknown };
  if (!Array.isArray(p.content)) return null;
  const lines = (p.content as unknown[]).map((line) =>
    Array.isArray(line)
      ? line
          .map((el: { tag?: string; text?: unknown }) =>
            (el?.tag === "text" || el?.tag === "a") && typeof el.text === "string" ? el.text : "",
          )
          .join("")
      : "",
  );
  const title = typeof p.title === "string" && p.title.trim() ? [p.title] : [];
  return [...title, ...lines]
    .join("\n")
    .replace(/[ \t\u00a0\u3000]+/g, " ")
    .replace(/ *\n */g, "\n")
    .trim();
}

export function decodeMessage(evt: MessageReceiveEvent, ctx: DecodeContext): InboundMessage {
  const m = evt.message;
  const mentions = m.mentions ?? [];
  // Only the bot's own open_id counts; @_all alone does not wake the bot.
  const mentionedBot = ctx.botOpenId !== null && mentions.some((x) => x.id?.open_id === ctx.botOpenId);
  const isText = m.message_type === "text" || m.message_type === "post";
  const text =
    m.message_type === "text"
      ? textWithoutMentions(
          m.content,
          mentions.map((x) => x.key),
        )
      : m.message_type === "post"
        ? textOfPost(m.content)
        : null;
  const senderId = evt.sender.sender_id.open_id ?? evt.sender.sender_id.user_id ?? evt.sender.sender_id.union_id ?? "";
  return {
    platform: "feishu",
    tenant: evt.sender.tenant_key ?? ctx.tenantKey ?? "",
    chatId: m.chat_id,
    chatType: m.chat_type === "p2p" ? "p2p" : "group",
    senderId,
    messageId: m.message_id,
    messageType: isText && text !== null ? "text" : "other",
    text: text ?? "",
    mentionedBot,
    receivedAt: ctx.now ?? Date.now(),
    replyHandle: { chatType: m.chat_type, rootId: m.root_id || undefined },
  };
}

export function decodeCardAction(evt: CardActionEvent, tenantKey?: string, eventId?: string): CardAction {
  return {
    eventId,
    platform: "feishu",
    tenant: evt.operator.tenant_key ?? tenantKey ?? "",
    chatId: evt.context.open_chat_id ?? "",
    operatorId: evt.operator.open_id ?? evt.operator.user_id ?? "",
    messageId: evt.context.open_message_id,
    value:
      evt.action.value && Object.keys(evt.action.value).length
        ? evt.action.value
        : (valueFromSubmitName(evt.action.name) ?? evt.action.value ?? {}),
    formValue: evt.action.form_value,
  };
}
