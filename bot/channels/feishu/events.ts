// What happens with a verified, decrypted event — the same for webhook and long connection:
// im.message.receive_v1 → decode → intake (dedupe + enqueue); card.action.trigger → pipeline's
// handleCardAction within the 3 s budget → toast and/or updated card; anything else → ignored.
import type { ChannelDeps } from "../../conversation/channel-module.js";
import type { CardActionResult } from "../../conversation/deps.js";
import type { CardAction } from "../../conversation/types.js";
import type { Logger } from "../../../knowledge/infra/logger.js";
import type { FeishuApi } from "./api.js";
import { encodeReply } from "./card.js";
import { decodeCardAction, decodeMessage } from "./decode.js";
import { cardActionSchema, messageReceiveSchema } from "./schemas.js";
import type { createFeishuSender } from "./sender.js";

export interface EventHeader {
  event_id: string;
  event_type: string;
  tenant_key?: string;
}

export interface CardCallbackResponse {
  toast?: { type: "success" | "info" | "warning" | "error"; content: string };
  card?: { type: "raw"; data: unknown };
}

export type EventOutcome =
  | { kind: "ok"; body: Record<string, unknown> }
  | { kind: "malformed"; issue: string }
  | { kind: "ignored"; eventType: string };

/** Card callbacks must be answered within 3 s; past this budget we answer and update the card later. */
const CARD_BUDGET_MS = 2500;
const BOT_INFO_TIMEOUT_MS = 1500;

export interface EventRouterOptions {
  api: FeishuApi;
  deps: ChannelDeps;
  sender: ReturnType<typeof createFeishuSender>;
  logger: Logger;
  cardBudgetMs?: number;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p,
    new Promise<never>(
      (_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)),
    ),
  ]).finally(() => clearTimeout(timer));
}

export function cardResponse(result: CardActionResult): CardCallbackResponse {
  const out: CardCallbackResponse = {};
  if (result.toast) out.toast = { type: "success", content: result.toast };
  if (result.reply) {
    const msg = encodeReply(result.reply);
    if (msg.msgType === "interactive") out.card = { type: "raw", data: JSON.parse(msg.content) as unknown };
  }
  return out;
}

export function createEventRouter(o: EventRouterOptions) {
  const log = o.logger;
  const budget = o.cardBudgetMs ?? CARD_BUDGET_MS;

  async function message(header: EventHeader, event: unknown): Promise<EventOutcome> {
    const parsed = messageReceiveSchema.safeParse(event);
    if (!parsed.success) return { kind: "malformed", issue: parsed.error.issues[0]?.message ?? "invalid event" };
    if (parsed.data.sender.sender_type && parsed.data.sender.sender_type !== "user")
      return { kind: "ignored", eventType: header.event_type };
    // Throws (→ 5xx, the platform redelivers) if the bot's identity cannot be learned right now:
    // without it no group mention could be recognised.
    const botOpenId = await withTimeout(o.api.botOpenId(), BOT_INFO_TIMEOUT_MS, "bot info");
    const msg = decodeMessage(parsed.data, { tenantKey: header.tenant_key, botOpenId });
    const outcome = await o.deps.intake.accept(msg, { eventId: header.event_id });
    log.debug({ eventId: header.event_id, messageId: msg.messageId, outcome }, "feishu message accepted");
    return { kind: "ok", body: {} };
  }

  /** Queued, so a failed send is retried by the worker; sent directly only if the queue is down. */
  function sendExtraMessages(action: CardAction, result: CardActionResult) {
    const cmd = typeof action.value.cmd === "string" ? action.value.cmd : "action";
    (result.messages ?? []).forEach((reply, i) => {
      const key = `feishu:action:${action.messageId}:${cmd}:${i}`;
      o.deps.outbound.send("feishu", action.chatId, reply, key).catch((err: Error) => {
        log.warn({ err: err.message, messageId: action.messageId }, "card follow-up not queued; sending directly");
        o.sender
          .sendToChat(action.chatId, reply, key)
          .catch((e: Error) =>
            log.error({ err: e.message, messageId: action.messageId }, "card follow-up message failed"),
          );
      });
    });
  }

  async function cardAction(header: EventHeader, event: unknown): Promise<EventOutcome> {
    const parsed = cardActionSchema.safeParse(event);
    if (!parsed.success) return { kind: "malformed", issue: parsed.error.issues[0]?.message ?? "invalid card action" };
    // A redelivered click (our first answer was late) must not record feedback twice.
    if (!(await o.deps.dedupe.claim([`feishu:card:${header.event_id}`]))) return { kind: "ok", body: {} };
    const action = decodeCardAction(parsed.data, header.tenant_key, header.event_id);
    const work = o.deps.handleCardAction(action);
    const timer = new Promise<"late">((r) => setTimeout(() => r("late"), budget).unref());
    const first = await Promise.race([work, timer]);
    if (first !== "late") {
      sendExtraMessages(action, first);
      return { kind: "ok", body: cardResponse(first) as Record<string, unknown> };
    }
    // Too slow for the callback: answer now, then update through the callback token
    // (allowed only after the callback was answered, within 30 min).
    const token = parsed.data.token;
    work
      .then(async (result) => {
        sendExtraMessages(action, result);
        const card = cardResponse(result).card?.data;
        if (card && token) {
          await new Promise((r) => setTimeout(r, 200));
          await o.api.updateCardByToken(token, card);
        }
      })
      .catch((err: Error) => log.warn({ err: err.message, messageId: action.messageId }, "late card action failed"));
    return { kind: "ok", body: { toast: { type: "info", content: "正在处理，请稍候…" } } };
  }

  return {
    async route(header: EventHeader, event: unknown): Promise<EventOutcome> {
      switch (header.event_type) {
        case "im.message.receive_v1":
          return message(header, event);
        case "card.action.trigger":
          return cardAction(header, event);
        default:
          log.debug({ eventType: header.event_type }, "feishu event ignored");
          return { kind: "ignored", eventType: header.event_type };
      }
    },
  };
}

export type EventRouter = ReturnType<typeof createEventRouter>;
