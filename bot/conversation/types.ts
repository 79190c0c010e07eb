// The one inbound and the one reply shape shared by every channel.
// Platform types never leave bot/channels/<name>/.
import type { AnswerResult, Candidate } from "../../knowledge/types.js";

export type Platform = "feishu" | "dingtalk" | "console";
export type ChatType = "p2p" | "group";

export interface InboundMessage {
  platform: Platform;
  tenant: string; // tenant_key / corpId; "local" for the console
  chatId: string;
  chatType: ChatType;
  senderId: string; // open_id / staffId
  senderName?: string;
  messageId: string; // platform message id, used for dedupe and reply-to
  messageType: "text" | "other"; // "other": image, file, sticker … (only text is understood)
  text: string; // mentions removed, trimmed
  mentionedBot: boolean;
  /** The platform says the sender administers this group (DingTalk `isAdmin`). */
  senderIsGroupAdmin?: boolean;
  receivedAt: number; // ms epoch
  /** Channel-specific data needed to reply (e.g. DingTalk sessionWebhook); opaque outside the channel. */
  replyHandle?: Record<string, unknown>;
}

/** A button press on a card we sent, normalised. */
export interface CardAction {
  platform: Platform;
  tenant: string;
  chatId: string;
  operatorId: string;
  messageId: string; // the card message
  /** The platform's id of this click (Feishu header.event_id): the same on a redelivery. */
  eventId?: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
}

/**
 * A button the pipeline wants under an answer/clarify reply. Channels render `text` as the label and
 * send `value` back unchanged in the CardAction (`value.cmd` is one of feedback.solved,
 * feedback.unsolved, clarify.pick …; see bot/conversation/card-values.ts).
 */
export interface ReplyButton {
  text: string;
  value: Record<string, unknown>;
  type?: "default" | "primary" | "danger";
}

/** Shown on an answer card after a button press (the card is updated, buttons removed). */
export interface ReplyStatus {
  state: "solved" | "handed_off";
  note: string;
}

/**
 * What the bot says. Every variant carries `text`: a complete plain-text rendering
 * (bot/conversation/render-text.ts) that a text-only or markdown fallback can send as is;
 * rich channels render `result` / `card` / `buttons` instead.
 */
export type Reply =
  | { kind: "text"; text: string }
  | { kind: "answer"; result: AnswerResult; text: string; buttons?: ReplyButton[]; status?: ReplyStatus }
  | { kind: "clarify"; result: AnswerResult; candidates: Candidate[]; text: string; buttons?: ReplyButton[] }
  | { kind: "notice"; text: string; notice: NoticeKind }
  | { kind: "card"; card: GenericCard; text: string };

export type NoticeKind =
  | "help"
  | "about"
  | "unknown_command"
  | "handoff"
  | "rate_limited"
  | "non_text"
  | "too_long"
  | "empty"
  | "error"
  | "ticket";

/** A platform-neutral card (tickets, satisfaction survey …); each channel renders it. */
export interface GenericCard {
  title: string;
  template?: "blue" | "green" | "orange" | "red" | "grey";
  markdown: string;
  buttons: { text: string; value: Record<string, unknown>; type?: "default" | "primary" | "danger" }[];
  /** Shared cards update for everyone who sees them (Feishu update_multi). */
  shared?: boolean;
  /**
   * Input forms (Feishu: JSON 2.0 `form` containers). A submit sends a CardAction whose `value` is
   * the submit's value and whose `formValue` holds the fields by name. Channels without forms show
   * the card's text, which names the equivalent commands.
   */
  forms?: CardForm[];
}

export interface CardFormField {
  kind: "input" | "select" | "checkbox";
  name: string; // unique in the card
  label: string;
  required?: boolean;
  options?: { text: string; value: string }[]; // select
  initial?: string;
}

export interface CardForm {
  name: string;
  fields: CardFormField[];
  submits: {
    text: string;
    value: { cmd: string } & Record<string, string | number>;
    type?: "default" | "primary" | "danger";
  }[];
}

/** What a channel does to deliver a reply. `idempotencyKey` makes retried sends show once. */
export interface ChannelSender {
  reply(to: InboundMessage, reply: Reply, idempotencyKey: string): Promise<{ messageId?: string }>;
  sendToChat?(chatId: string, reply: Reply, idempotencyKey: string): Promise<{ messageId?: string }>;
  sendToUser?(userId: string, reply: Reply, idempotencyKey: string): Promise<{ messageId?: string }>;
  updateCard?(messageId: string, reply: Reply): Promise<void>;
  /** Whether `userId` owns the group `chatId` (asks the platform; Feishu). */
  isGroupOwner?(chatId: string, userId: string): Promise<boolean>;
}
