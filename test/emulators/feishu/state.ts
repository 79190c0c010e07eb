// What the emulated open platform knows: issued tokens, messages shown in chats,
// uuids seen, card-callback tokens, and failures queued by a test.
import { randomBytes } from "node:crypto";

export interface ShownMessage {
  message_id: string;
  chat_id: string;
  chat_type: "p2p" | "group";
  msg_type: string;
  content: string; // JSON string, as the API stores it
  sender: { id: string; id_type: "open_id" | "app_id"; sender_type: "user" | "app" };
  root_id?: string;
  parent_id?: string;
  uuid?: string;
  create_time: string;
  update_time: string;
  updated: boolean;
  /** Every content this message showed (first = original), for card-update assertions. */
  history: string[];
}

export interface CardToken {
  token: string;
  messageId: string;
  createdAt: number;
  uses: number;
  answered: boolean;
}

export type FailureKind =
  | "rate_limit" // HTTP 429, 99991400 + x-ogw-ratelimit-* headers
  | "im_rate_limit" // HTTP 400, 230020
  | "bot_not_in_chat" // HTTP 400, 230002
  | "server_error" // HTTP 500
  | "token_error" // token endpoint answers code != 0
  | "hang_after_show" // the request takes effect, but no response ever comes (the caller is stuck)
  | "lost_response"; // the request takes effect, but the caller gets HTTP 502 (as if the response was lost)

export type ApiName = "token" | "bot_info" | "create" | "reply" | "patch" | "card_update" | "ws_endpoint" | "chat_get";

export interface QueuedFailure {
  api: ApiName | "*";
  kind: FailureKind;
  times: number;
}

const SEND_APIS = new Set<ApiName>(["create", "reply", "patch", "card_update"]);

export function newId(prefix: string, bytes = 16): string {
  return prefix + randomBytes(bytes).toString("hex");
}

export class EmulatorState {
  readonly tokens = new Map<string, number>(); // token -> expires at (ms)
  readonly messages: ShownMessage[] = [];
  readonly byId = new Map<string, ShownMessage>();
  /** The type of every chat a message was shown in. */
  readonly chatTypes = new Map<string, "p2p" | "group">();
  readonly byUuid = new Map<string, { messageId: string; at: number }>();
  /** How many send requests each uuid received (a resend shows once but is still counted here). */
  readonly sendsByUuid = new Map<string, number>();
  readonly cardTokens = new Map<string, CardToken>();
  readonly chatsWithoutBot = new Set<string>();
  /** Group owners (GET /open-apis/im/v1/chats/:chat_id answers owner_id). */
  readonly chatOwners = new Map<string, string>();
  /**
   * Send limit per app (docs §5: 50/s and 1000/min per app; tests and the push bench may set another
   * per-second figure). Over it: HTTP 429, 99991400. Off when undefined.
   */
  sendRateLimit?: { perSecond: number; perMinute?: number };
  private readonly sendTimes: number[] = [];

  /** Counts a send; true when it is over the app's rate limit. */
  overSendLimit(now = Date.now()): boolean {
    const lim = this.sendRateLimit;
    if (!lim) return false;
    while (this.sendTimes.length && this.sendTimes[0] <= now - 60_000) this.sendTimes.shift();
    let lastSecond = 0;
    for (let i = this.sendTimes.length - 1; i >= 0 && this.sendTimes[i] > now - 1000; i--) lastSecond++;
    if (lastSecond >= lim.perSecond || (lim.perMinute !== undefined && this.sendTimes.length >= lim.perMinute))
      return true;
    this.sendTimes.push(now);
    return false;
  }
  readonly failures: QueuedFailure[] = [];
  readonly requests: { api: ApiName; status: number; code: number; at: number }[] = [];
  /** Called whenever a bot message is shown or updated (tests wait on this). */
  listeners = new Set<(m: ShownMessage) => void>();

  takeFailure(api: ApiName): FailureKind | undefined {
    const i = this.failures.findIndex((f) => f.times > 0 && (f.api === api || (f.api === "*" && SEND_APIS.has(api))));
    if (i < 0) return undefined;
    const f = this.failures[i];
    f.times -= 1;
    if (f.times <= 0) this.failures.splice(i, 1);
    return f.kind;
  }

  show(m: ShownMessage): void {
    this.messages.push(m);
    this.byId.set(m.message_id, m);
    if (!this.chatTypes.has(m.chat_id)) this.chatTypes.set(m.chat_id, m.chat_type);
    if (m.sender.sender_type === "app") this.notify(m);
  }

  notify(m: ShownMessage): void {
    for (const l of this.listeners) l(m);
  }

  /** Messages the bot has shown (not the users' own messages). */
  botMessages(chatId?: string): ShownMessage[] {
    return this.messages.filter((m) => m.sender.sender_type === "app" && (!chatId || m.chat_id === chatId));
  }
}
