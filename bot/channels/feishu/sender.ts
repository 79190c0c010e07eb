// ChannelSender for Feishu: encode the Reply, then reply to the asker's message (groups) or
// post into the chat (private chats). Every send carries `uuid`, so a retried job shows once.
import { createHash } from "node:crypto";
import type { ChannelSender, InboundMessage, Reply } from "../../conversation/types.js";
import type { FeishuApi } from "./api.js";
import { encodeReply } from "./card.js";

const UUID_MAX = 50;

/** Feishu's `uuid` allows at most 50 characters: longer keys are hashed (stable, so retries match). */
export function toUuid(idempotencyKey: string): string {
  if (idempotencyKey.length <= UUID_MAX) return idempotencyKey;
  return `h-${createHash("sha256").update(idempotencyKey).digest("base64url").slice(0, 43)}`;
}

export function createFeishuSender(api: FeishuApi): Required<ChannelSender> {
  return {
    async reply(to: InboundMessage, reply: Reply, idempotencyKey: string) {
      const msg = encodeReply(reply);
      const uuid = toUuid(idempotencyKey);
      const data =
        to.chatType === "group"
          ? await api.reply(to.messageId, msg, uuid)
          : await api.create("chat_id", to.chatId, msg, uuid);
      return { messageId: data?.message_id };
    },
    async sendToChat(chatId: string, reply: Reply, idempotencyKey: string) {
      const data = await api.create("chat_id", chatId, encodeReply(reply), toUuid(idempotencyKey));
      return { messageId: data?.message_id };
    },
    async sendToUser(userId: string, reply: Reply, idempotencyKey: string) {
      const data = await api.create("open_id", userId, encodeReply(reply), toUuid(idempotencyKey));
      return { messageId: data?.message_id };
    },
    async isGroupOwner(chatId: string, userId: string) {
      return (await api.chatOwner(chatId)) === userId;
    },
    async updateCard(messageId: string, reply: Reply) {
      const msg = encodeReply(reply);
      // Only cards can be patched; a text fallback (should not happen) is left as it was.
      if (msg.msgType === "interactive") await api.patch(messageId, msg.content);
    },
  };
}
