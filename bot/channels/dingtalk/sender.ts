// ChannelSender for DingTalk: sessionWebhook first, the robot OpenAPI when the webhook has expired
// (or answers with a non-rate-limit errcode). DingTalk has no idempotency key on sends, so a
// "sent" mark per idempotency key (Redis on servers) keeps a retried job from showing a reply twice.
import type { KvStore } from "../../infra/kv-store.js";
import type { Logger } from "../../../knowledge/infra/logger.js";
import type { ChannelSender, InboundMessage, Reply } from "../../conversation/types.js";
import { DingtalkApiError, postSessionWebhook, type DingtalkOpenApi, type FetchFn } from "./api.js";
import { replyHandleOf } from "./decode.js";
import { DEFAULT_WEBHOOK_HOSTS, isAllowedWebhook } from "./origin.js";
import { toOpenApiMessage, toWebhookMessage } from "./encode.js";

/** Treat a webhook as expired this long before DingTalk's stated expiry (clock skew, send time). */
const EXPIRY_MARGIN_MS = 10_000;
/** Longer than the inbound job's whole retry schedule. */
const SENT_MARK_TTL_SEC = 2 * 24 * 3600;

export interface SentMark {
  at: number;
  via: "webhook" | "openapi";
  messageId?: string;
}

/** What a later `sendToChat(chatId)` needs: DingTalk cannot post to a single chat by its conversationId. */
export interface ChatRoute {
  conversationType: "1" | "2";
  staffId: string | null;
}
/** Ticket updates may come days after the question. */
const CHAT_ROUTE_TTL_SEC = 30 * 24 * 3600;

export interface DingtalkSenderDeps {
  api: DingtalkOpenApi;
  sent: KvStore<SentMark>;
  chats: KvStore<ChatRoute>;
  logger: Logger;
  fetchFn?: FetchFn;
  now?: () => number;
  /** Where a sessionWebhook may point (checked again before every POST). */
  webhookHosts?: string[];
}

export type DingtalkSender = Required<Pick<ChannelSender, "reply" | "sendToChat" | "sendToUser">>;

export function createDingtalkSender(deps: DingtalkSenderDeps): DingtalkSender {
  const fetchFn = deps.fetchFn ?? fetch;
  const now = deps.now ?? Date.now;
  const log = deps.logger;
  const webhookHosts = deps.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS;

  /**
   * Remembers how to reach a chat later (ticket updates). A route once stored is never handed to
   * someone else: a callback naming another single-chat sender, or another chat type, is ignored.
   */
  async function rememberRoute(chatId: string, route: ChatRoute): Promise<void> {
    const prior = await deps.chats.get(chatId);
    if (
      prior &&
      (prior.conversationType !== route.conversationType ||
        (route.conversationType === "1" && prior.staffId !== route.staffId))
    ) {
      log.warn(
        { chatId, conversationType: route.conversationType },
        "dingtalk chat route kept: a callback named another sender for a stored chat",
      );
      return;
    }
    await deps.chats.set(chatId, route, CHAT_ROUTE_TTL_SEC);
  }

  async function once(key: string, send: () => Promise<Omit<SentMark, "at">>): Promise<{ messageId?: string }> {
    const prior = await deps.sent.get(key);
    if (prior) return { messageId: prior.messageId };
    const mark = await send();
    await deps.sent.set(key, { ...mark, at: now() }, SENT_MARK_TTL_SEC);
    return { messageId: mark.messageId };
  }

  async function viaOpenApi(
    to: InboundMessage,
    reply: Reply,
    group: boolean,
    staffId: string | null,
  ): Promise<Omit<SentMark, "at">> {
    const message = toOpenApiMessage(reply, { group });
    if (group) {
      const r = await deps.api.sendToGroup(to.chatId, message);
      return { via: "openapi", messageId: r.processQueryKey };
    }
    if (!staffId) {
      throw new DingtalkApiError(
        "DINGTALK_NO_STAFF_ID",
        "sessionWebhook expired and the sender has no staffId to message",
        {
          retryable: false,
        },
      );
    }
    const r = await deps.api.sendToUser(staffId, message);
    return { via: "openapi", messageId: r.processQueryKey };
  }

  return {
    async reply(to, reply, idempotencyKey) {
      const handle = replyHandleOf(to);
      if (!handle)
        throw new DingtalkApiError("DINGTALK_NO_HANDLE", "message carries no DingTalk reply handle", {
          retryable: false,
        });
      const group = handle.conversationType === "2";
      await rememberRoute(to.chatId, { conversationType: handle.conversationType, staffId: handle.staffId });
      return once(idempotencyKey, async () => {
        const expired =
          handle.sessionWebhookExpiredTime !== null && handle.sessionWebhookExpiredTime - EXPIRY_MARGIN_MS <= now();
        const allowed = isAllowedWebhook(handle.sessionWebhook, webhookHosts);
        if (!allowed)
          log.warn({ messageId: to.messageId }, "sessionWebhook not on an allowed DingTalk host; using OpenAPI");
        if (!expired && allowed) {
          try {
            await postSessionWebhook(
              fetchFn,
              handle.sessionWebhook,
              toWebhookMessage(reply, { group, mentionStaffId: handle.staffId }),
            );
            return { via: "webhook" };
          } catch (err) {
            // Rate limits and network failures: retry the job later. Other errcodes (expired or
            // revoked session, bad request): the OpenAPI may still reach the user.
            if (!(err instanceof DingtalkApiError) || err.detail.rateLimited || err.code === "DINGTALK_NETWORK")
              throw err;
            log.warn(
              { code: err.code, errcode: err.detail.errcode, status: err.detail.status },
              "sessionWebhook failed; using OpenAPI",
            );
          }
        } else if (expired) {
          log.debug({ messageId: to.messageId }, "sessionWebhook expired; using OpenAPI");
        }
        return viaOpenApi(to, reply, group, handle.staffId);
      });
    },

    async sendToChat(chatId, reply, idempotencyKey) {
      const route = await deps.chats.get(chatId);
      return once(idempotencyKey, async () => {
        if (route?.conversationType === "1") {
          if (!route.staffId)
            throw new DingtalkApiError("DINGTALK_NO_STAFF_ID", "single chat without a staffId", { retryable: false });
          const r = await deps.api.sendToUser(route.staffId, toOpenApiMessage(reply, { group: false }));
          return { via: "openapi", messageId: r.processQueryKey };
        }
        const r = await deps.api.sendToGroup(chatId, toOpenApiMessage(reply, { group: true }));
        return { via: "openapi", messageId: r.processQueryKey };
      });
    },

    async sendToUser(staffId, reply, idempotencyKey) {
      return once(idempotencyKey, async () => {
        const r = await deps.api.sendToUser(staffId, toOpenApiMessage(reply, { group: false }));
        return { via: "openapi", messageId: r.processQueryKey };
      });
    },
  };
}
