// In-process console channel: the same pipeline with in-process stores and no Redis. It backs
// `npm run chat` and is the conversation test harness:
//   const chat = await createConsoleChat({ kb });
//   expect(await chat.say("融资担保费率是多少？")).toMatch(/0\.8%/);
import { randomUUID } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { KnowledgeBase } from "../../../knowledge/types.js";
import type { ConversationConfig } from "../../conversation/config.js";
import { createLocalConversationDeps } from "../../conversation/create-deps.js";
import type {
  AnswerObserver,
  CardActionResult,
  ConversationDeps,
  HandoffService,
  Interceptor,
} from "../../conversation/deps.js";
import { handleCardAction, handleInbound } from "../../conversation/pipeline.js";
import type { CardAction, ChatType, InboundMessage, Reply, ReplyButton } from "../../conversation/types.js";

export interface SayOptions {
  chatType?: ChatType; // default: the chat's own type
  mention?: boolean; // group only; default true
  user?: string;
  type?: "text" | "other";
}

export interface ConsoleChat {
  /** Sends a message; resolves to the replies' plain text joined by blank lines ("" = silent). */
  say(text: string, opts?: SayOptions): Promise<string>;
  /** Same, but the Reply objects. */
  send(text: string, opts?: SayOptions): Promise<Reply[]>;
  /** Presses a button of the last reply that had buttons (by 0-based index or label substring). */
  click(button: number | string, opts?: { user?: string }): Promise<CardActionResult>;
  /** All replies so far, newest last. */
  readonly history: Reply[];
  readonly deps: ConversationDeps;
}

export interface ConsoleChatOptions {
  kb: KnowledgeBase;
  quickKb?: KnowledgeBase;
  chatType?: ChatType;
  chatId?: string;
  user?: string;
  /** Where handoff/feedback JSON lines go; default a fresh temp dir. */
  dataDir?: string;
  config?: Partial<ConversationConfig>;
  handoff?: HandoffService;
  interceptors?: Interceptor[];
  observers?: AnswerObserver[];
  /** Use these deps instead of fresh local ones (e.g. Redis-backed in integration tests). */
  deps?: ConversationDeps;
}

export function createConsoleChat(opts: ConsoleChatOptions): ConsoleChat {
  const deps =
    opts.deps ??
    createLocalConversationDeps({
      kb: opts.kb,
      quickKb: opts.quickKb,
      dataDir: opts.dataDir ?? path.join(os.tmpdir(), `qft-console-${randomUUID()}`),
      config: opts.config,
      handoff: opts.handoff,
      interceptors: opts.interceptors,
      observers: opts.observers,
    });
  const chatType = opts.chatType ?? "p2p";
  const chatId = opts.chatId ?? `console-${chatType}`;
  const history: Reply[] = [];
  let lastWithButtons: { reply: Reply; messageId: string } | null = null;
  let seq = 0;

  async function send(text: string, o: SayOptions = {}): Promise<Reply[]> {
    const type = o.chatType ?? chatType;
    const msg: InboundMessage = {
      platform: "console",
      tenant: "local",
      chatId,
      chatType: type,
      senderId: o.user ?? opts.user ?? "console-user",
      senderName: o.user ?? opts.user ?? "本地用户",
      messageId: `console-${randomUUID()}-${seq++}`,
      messageType: o.type ?? "text",
      text: o.type === "other" ? "" : text,
      mentionedBot: type === "p2p" ? false : (o.mention ?? true),
      receivedAt: Date.now(),
    };
    const replies = await handleInbound(msg, deps);
    history.push(...replies);
    for (const r of replies)
      if (buttonsOf(r).length) lastWithButtons = { reply: r, messageId: `card-${msg.messageId}` };
    return replies;
  }

  return {
    history,
    deps,
    send,
    async say(text, o) {
      return (await send(text, o)).map((r) => r.text).join("\n\n");
    },
    async click(button, o = {}) {
      if (!lastWithButtons) throw new Error("no reply with buttons yet");
      const buttons = buttonsOf(lastWithButtons.reply);
      const b = typeof button === "number" ? buttons[button] : buttons.find((x) => x.text.includes(button));
      if (!b) throw new Error(`no button ${String(button)} in: ${buttons.map((x) => x.text).join(" | ")}`);
      const action: CardAction = {
        platform: "console",
        tenant: "local",
        chatId,
        operatorId: o.user ?? opts.user ?? "console-user",
        messageId: lastWithButtons.messageId,
        value: b.value,
      };
      const res = await handleCardAction(action, deps);
      if (res.reply) {
        history.push(res.reply);
        lastWithButtons = buttonsOf(res.reply).length
          ? { reply: res.reply, messageId: action.messageId }
          : lastWithButtons;
      }
      if (res.messages) history.push(...res.messages);
      return res;
    },
  };
}

export function buttonsOf(r: Reply): ReplyButton[] {
  if (r.kind === "answer" || r.kind === "clarify") return r.buttons ?? [];
  if (r.kind === "card") return r.card.buttons;
  return [];
}
