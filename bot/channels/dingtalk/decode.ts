// DingTalk robot callback (HTTP body or Stream `data`) → one InboundMessage. No DingTalk type leaves this channel.
import { z } from "zod";
import type { InboundMessage } from "../../conversation/types.js";

const atUserSchema = z.object({ dingtalkId: z.string().optional(), staffId: z.string().optional() }).loose();

/** Fields from platforms.md §6(a); unknown fields are kept but ignored. */
export const robotCallbackSchema = z
  .object({
    msgId: z.string().min(1).max(256),
    msgtype: z.string().min(1),
    text: z.object({ content: z.string() }).loose().optional(),
    content: z.unknown().optional(), // richText / picture / file payloads
    createAt: z.number().int().nonnegative().optional(),
    conversationType: z.enum(["1", "2"]),
    conversationId: z.string().min(1),
    conversationTitle: z.string().optional(),
    senderId: z.string().optional(),
    senderNick: z.string().optional(),
    senderStaffId: z.string().optional(),
    senderCorpId: z.string().optional(),
    isAdmin: z.boolean().optional(),
    chatbotCorpId: z.string().optional(),
    chatbotUserId: z.string().optional(),
    robotCode: z.string().optional(),
    isInAtList: z.boolean().optional(),
    atUsers: z.array(atUserSchema).optional(),
    sessionWebhook: z.url({ protocol: /^https?$/ }),
    sessionWebhookExpiredTime: z.number().int().nonnegative().optional(),
  })
  .loose()
  .refine((b) => Boolean(b.senderStaffId || b.senderId), { message: "senderStaffId or senderId is required" });

export type RobotCallback = z.infer<typeof robotCallbackSchema>;

/** What the sender needs to answer this message; stored opaque in InboundMessage.replyHandle. */
export interface DingtalkReplyHandle {
  [key: string]: unknown;
  sessionWebhook: string;
  sessionWebhookExpiredTime: number | null;
  conversationType: "1" | "2";
  staffId: string | null; // senderStaffId: the only id the OpenAPI and @-mentions accept
}

export type DecodeResult = { ok: true; callback: RobotCallback } | { ok: false; error: string };

export function parseRobotCallback(raw: unknown): DecodeResult {
  const res = robotCallbackSchema.safeParse(raw);
  if (res.success) return { ok: true, callback: res.data };
  const first = res.error.issues[0];
  return { ok: false, error: `${first?.path.join(".") || "body"}: ${first?.message ?? "invalid"}` };
}

/** Single chats are always answered; in groups only when the bot is @-mentioned. */
export function isAddressedToBot(cb: RobotCallback): boolean {
  return cb.conversationType === "1" || cb.isInAtList === true;
}

function richTextOf(content: unknown): string | null {
  const parts = (content as { richText?: unknown } | undefined)?.richText;
  if (!Array.isArray(parts)) return null;
  const text = parts
    .map((p) =>
      p && typeof p === "object" && typeof (p as { text?: unknown }).text === "string"
        ? (p as { text: string }).text
        : "",
    )
    .join("")
    .trim();
  return text || null;
}

export function toInboundMessage(cb: RobotCallback, receivedAt: number = Date.now()): InboundMessage {
  const rich = cb.msgtype === "richText" ? richTextOf(cb.content) : null;
  const isText = (cb.msgtype === "text" && cb.text !== undefined) || rich !== null;
  const text = isText ? (rich ?? cb.text?.content ?? "").trim() : "";
  const staffId = cb.senderStaffId ?? null;
  const replyHandle: DingtalkReplyHandle = {
    sessionWebhook: cb.sessionWebhook,
    sessionWebhookExpiredTime: cb.sessionWebhookExpiredTime ?? null,
    conversationType: cb.conversationType,
    staffId,
  };
  return {
    platform: "dingtalk",
    tenant: cb.senderCorpId ?? cb.chatbotCorpId ?? "dingtalk",
    chatId: cb.conversationId,
    chatType: cb.conversationType === "1" ? "p2p" : "group",
    senderId: staffId ?? cb.senderId!,
    senderName: cb.senderNick,
    messageId: cb.msgId,
    messageType: isText ? "text" : "other",
    text,
    mentionedBot: cb.conversationType === "1" ? true : cb.isInAtList === true,
    ...(cb.conversationType === "2" && cb.isAdmin === true ? { senderIsGroupAdmin: true } : {}),
    receivedAt: cb.createAt ?? receivedAt,
    replyHandle,
  };
}

/** Reads the reply handle back (the worker gets the message from a JSON job, so re-check its shape). */
export function replyHandleOf(msg: InboundMessage): DingtalkReplyHandle | null {
  const h = msg.replyHandle;
  if (!h || typeof h.sessionWebhook !== "string") return null;
  return {
    sessionWebhook: h.sessionWebhook,
    sessionWebhookExpiredTime: typeof h.sessionWebhookExpiredTime === "number" ? h.sessionWebhookExpiredTime : null,
    conversationType: h.conversationType === "2" ? "2" : "1",
    staffId: typeof h.staffId === "string" ? h.staffId : null,
  };
}
