// The open-platform REST endpoints the bot uses, with the real response envelopes
// and error codes from docs/platforms.md §3–5.
import { validateCardV2 } from "./card-forms.js";
import type { IncomingMessage, ServerResponse } from "node:http";
import { newId, type ApiName, type EmulatorState, type FailureKind, type ShownMessage } from "./state.js";

export interface AppIdentity {
  appId: string;
  appSecret: string;
  botOpenId: string;
  botName: string;
  tenantKey: string;
  tokenExpireSeconds: number;
  rateLimitResetSeconds: number;
}

const TEXT_LIMIT = 150 * 1024;
const CARD_LIMIT = 30 * 1024;
const RECEIVE_ID_TYPES = new Set(["open_id", "user_id", "union_id", "email", "chat_id"]);

type Json = Record<string, unknown>;

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(code: number, msg: string) {
  return { code, msg, error: { log_id: newId("2024", 10), troubleshooter: `https://open.feishu.cn/search?q=${code}` } };
}

export class OpenApi {
  constructor(
    private readonly state: EmulatorState,
    private readonly app: AppIdentity,
  ) {}

  private fail(
    res: ServerResponse,
    api: ApiName,
    status: number,
    code: number,
    msg: string,
    headers: Record<string, string> = {},
  ) {
    this.state.requests.push({ api, status, code, at: Date.now() });
    sendJson(res, status, errorBody(code, msg), headers);
  }

  private loseResponse: "502" | "hang" | null = null;

  private ok(res: ServerResponse, api: ApiName, body: Json) {
    if (this.loseResponse) {
      const how = this.loseResponse;
      this.loseResponse = null;
      if (how === "hang") return void this.state.requests.push({ api, status: 0, code: 0, at: Date.now() });
      return this.fail(res, api, 502, 1000, "bad gateway");
    }
    this.state.requests.push({ api, status: 200, code: 0, at: Date.now() });
    sendJson(res, 200, body);
  }

  private injected(res: ServerResponse, api: ApiName, kind: FailureKind): void {
    switch (kind) {
      case "rate_limit":
        return this.fail(res, api, 429, 99991400, "request trigger frequency limit", {
          "x-ogw-ratelimit-limit": "50",
          "x-ogw-ratelimit-reset": String(this.app.rateLimitResetSeconds),
        });
      case "im_rate_limit":
        return this.fail(res, api, 400, 230020, "This operation triggers the frequency limit.");
      case "bot_not_in_chat":
        return this.fail(res, api, 400, 230002, "Bot/User can NOT be out of the chat.");
      case "server_error":
        return this.fail(res, api, 500, 1000, "internal error");
      case "token_error":
        return this.ok(res, api, { code: 10003, msg: "invalid param" });
      case "lost_response":
      case "hang_after_show":
        return;
    }
  }

  /** Returns true when a queued failure answered the request. */
  private maybeFail(res: ServerResponse, api: ApiName): boolean {
    const kind = this.state.takeFailure(api);
    if (!kind) return false;
    if (kind === "lost_response" || kind === "hang_after_show") {
      this.loseResponse = kind === "lost_response" ? "502" : "hang";
      return false;
    }
    this.injected(res, api, kind);
    return true;
  }

  token(res: ServerResponse, body: Json): void {
    if (this.maybeFail(res, "token")) return;
    if (body.app_id !== this.app.appId || body.app_secret !== this.app.appSecret) {
      return this.ok(res, "token", { code: 10014, msg: "app secret invalid" });
    }
    const now = Date.now();
    // Asking again while more than 30 min remain returns the same token (docs §4).
    for (const [t, exp] of this.state.tokens) {
      if (exp - now > 30 * 60_000)
        return this.ok(res, "token", {
          code: 0,
          msg: "ok",
          tenant_access_token: t,
          expire: Math.floor((exp - now) / 1000),
        });
    }
    const token = newId("t-", 20);
    this.state.tokens.set(token, now + this.app.tokenExpireSeconds * 1000);
    this.ok(res, "token", { code: 0, msg: "ok", tenant_access_token: token, expire: this.app.tokenExpireSeconds });
  }

  /** Bearer check shared by every authenticated endpoint; answers 99991663 itself when the token is bad. */
  authorized(req: IncomingMessage, res: ServerResponse, api: ApiName): boolean {
    const auth = req.headers.authorization ?? "";
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
    const exp = this.state.tokens.get(token);
    if (exp !== undefined && exp > Date.now()) return true;
    this.fail(
      res,
      api,
      400,
      99991663,
      "Invalid access token for authorization. Please make a request with token attached.",
    );
    return false;
  }

  /** GET /open-apis/im/v1/chats/:chat_id — only the owner is emulated (232011-style "not found" otherwise). */
  chatGet(res: ServerResponse, chatId: string): void {
    if (this.maybeFail(res, "chat_get")) return;
    if (this.state.chatsWithoutBot.has(chatId)) return this.injected(res, "chat_get", "bot_not_in_chat");
    const owner = this.state.chatOwners.get(chatId);
    if (!owner) return this.fail(res, "chat_get", 400, 232011, "chat not found or bot not in chat");
    this.ok(res, "chat_get", {
      code: 0,
      msg: "success",
      data: { chat_id: chatId, owner_id: owner, owner_id_type: "open_id", chat_mode: "group" },
    });
  }

  botInfo(res: ServerResponse): void {
    if (this.maybeFail(res, "bot_info")) return;
    this.ok(res, "bot_info", {
      code: 0,
      msg: "ok",
      bot: {
        activate_status: 2,
        app_name: this.app.botName,
        avatar_url: "",
        ip_white_list: [],
        open_id: this.app.botOpenId,
      },
    });
  }

  private checkContent(res: ServerResponse, api: ApiName, msgType: unknown, content: unknown): boolean {
    if (typeof msgType !== "string" || typeof content !== "string") {
      this.fail(res, api, 400, 99992402, "field validation failed");
      return false;
    }
    let parsed: Json;
    try {
      parsed = JSON.parse(content) as Json;
    } catch {
      this.fail(
        res,
        api,
        400,
        230001,
        "Your request contains an invalid request parameter, content is not valid JSON.",
      );
      return false;
    }
    const size = Buffer.byteLength(content);
    const limit = msgType === "text" ? TEXT_LIMIT : CARD_LIMIT;
    if (size > limit) {
      this.fail(res, api, 400, 230025, "The length of the message content reaches its limit.");
      return false;
    }
    if (msgType === "text" && typeof parsed.text !== "string") {
      this.fail(res, api, 400, 230001, "Your request contains an invalid request parameter, text is missing.");
      return false;
    }
    if (msgType === "interactive" && parsed.schema === "2.0") {
      const problem = validateCardV2(parsed);
      if (problem) {
        this.fail(res, api, 400, 230099, `Failed to create card content. ${problem}`);
        return false;
      }
      return true;
    }
    if (msgType === "interactive" && !Array.isArray(parsed.elements) && typeof parsed.type !== "string") {
      this.fail(res, api, 400, 230099, "Failed to create card content.");
      return false;
    }
    return true;
  }

  private dedupeUuid(uuid: unknown): ShownMessage | undefined {
    if (typeof uuid !== "string" || !uuid) return undefined;
    this.state.sendsByUuid.set(uuid, (this.state.sendsByUuid.get(uuid) ?? 0) + 1);
    const seen = this.state.byUuid.get(uuid);
    if (seen && Date.now() - seen.at < 3600_000) return this.state.byId.get(seen.messageId);
    return undefined;
  }

  private showBotMessage(chatId: string, chatType: "p2p" | "group", body: Json, parent?: ShownMessage): ShownMessage {
    const now = String(Date.now());
    const m: ShownMessage = {
      message_id: newId("om_"),
      chat_id: chatId,
      chat_type: chatType,
      msg_type: body.msg_type as string,
      content: body.content as string,
      sender: { id: this.app.appId, id_type: "app_id", sender_type: "app" },
      parent_id: parent?.message_id ?? "",
      root_id: parent ? parent.root_id || parent.message_id : "",
      uuid: typeof body.uuid === "string" ? body.uuid : undefined,
      create_time: now,
      update_time: now,
      updated: false,
      history: [body.content as string],
    };
    if (m.uuid) this.state.byUuid.set(m.uuid, { messageId: m.message_id, at: Date.now() });
    this.state.show(m);
    return m;
  }

  private messageData(m: ShownMessage) {
    return {
      message_id: m.message_id,
      root_id: m.root_id ?? "",
      parent_id: m.parent_id ?? "",
      thread_id: "",
      msg_type: m.msg_type,
      create_time: m.create_time,
      update_time: m.update_time,
      deleted: false,
      updated: m.updated,
      chat_id: m.chat_id,
      sender: {
        id: m.sender.id,
        id_type: m.sender.id_type,
        sender_type: m.sender.sender_type,
        tenant_key: this.app.tenantKey,
      },
      body: { content: m.content },
      mentions: [],
      upper_message_id: "",
    };
  }

  create(res: ServerResponse, query: URLSearchParams, body: Json): void {
    if (this.maybeFail(res, "create")) return;
    const idType = query.get("receive_id_type") ?? "";
    if (!RECEIVE_ID_TYPES.has(idType) || typeof body.receive_id !== "string" || !body.receive_id) {
      return this.fail(res, "create", 400, 99992402, "field validation failed");
    }
    const dup = this.dedupeUuid(body.uuid);
    if (dup) return this.ok(res, "create", { code: 0, msg: "success", data: this.messageData(dup) });
    if (!this.checkContent(res, "create", body.msg_type, body.content)) return;
    if (this.state.overSendLimit()) return this.injected(res, "create", "rate_limit");
    const chatId = idType === "chat_id" ? body.receive_id : `oc_p2p_${body.receive_id}`;
    if (this.state.chatsWithoutBot.has(chatId)) return this.injected(res, "create", "bot_not_in_chat");
    const m = this.showBotMessage(
      chatId,
      idType === "chat_id" ? (this.state.chatTypes.get(chatId) ?? "group") : "p2p",
      body,
    );
    this.ok(res, "create", { code: 0, msg: "success", data: this.messageData(m) });
  }

  reply(res: ServerResponse, messageId: string, body: Json): void {
    if (this.maybeFail(res, "reply")) return;
    const parent = this.state.byId.get(messageId);
    if (!parent)
      return this.fail(
        res,
        "reply",
        400,
        230001,
        "Your request contains an invalid request parameter, message_id is invalid.",
      );
    const dup = this.dedupeUuid(body.uuid);
    if (dup) return this.ok(res, "reply", { code: 0, msg: "success", data: this.messageData(dup) });
    if (!this.checkContent(res, "reply", body.msg_type, body.content)) return;
    if (this.state.chatsWithoutBot.has(parent.chat_id)) return this.injected(res, "reply", "bot_not_in_chat");
    const m = this.showBotMessage(parent.chat_id, parent.chat_type, body, parent);
    this.ok(res, "reply", { code: 0, msg: "success", data: this.messageData(m) });
  }

  /** Replaces a card's content; both the old and the new card must declare config.update_multi. */
  applyCardUpdate(m: ShownMessage, content: string): string | null {
    const multi = (c: string) => {
      try {
        return (JSON.parse(c) as { config?: { update_multi?: boolean } }).config?.update_multi === true;
      } catch {
        return false;
      }
    };
    if (m.msg_type !== "interactive") return "only interactive messages can be patched";
    if (!multi(m.content) || !multi(content))
      return "card must declare config.update_multi=true before and after the update";
    const next = JSON.parse(content) as Json;
    const problem = next.schema === "2.0" ? validateCardV2(next) : null;
    if (problem) return problem;
    m.content = content;
    m.history.push(content);
    m.updated = true;
    m.update_time = String(Date.now());
    this.state.notify(m);
    return null;
  }

  patch(res: ServerResponse, messageId: string, body: Json): void {
    if (this.maybeFail(res, "patch")) return;
    const m = this.state.byId.get(messageId);
    if (!m || m.sender.sender_type !== "app")
      return this.fail(
        res,
        "patch",
        400,
        230001,
        "Your request contains an invalid request parameter, message_id is invalid.",
      );
    if (typeof body.content !== "string") return this.fail(res, "patch", 400, 99992402, "field validation failed");
    if (Buffer.byteLength(body.content) > CARD_LIMIT)
      return this.fail(res, "patch", 400, 230025, "The length of the message content reaches its limit.");
    const err = this.applyCardUpdate(m, body.content);
    if (err) return this.fail(res, "patch", 400, 230001, `Your request contains an invalid request parameter, ${err}.`);
    this.ok(res, "patch", { code: 0, msg: "success", data: {} });
  }

  cardUpdate(res: ServerResponse, body: Json): void {
    if (this.maybeFail(res, "card_update")) return;
    const t = typeof body.token === "string" ? this.state.cardTokens.get(body.token) : undefined;
    if (!t || !t.answered || t.uses >= 2 || Date.now() - t.createdAt > 30 * 60_000) {
      return this.fail(res, "card_update", 400, 200750, "token is invalid or expired");
    }
    const m = this.state.byId.get(t.messageId);
    if (!m || typeof body.card !== "object" || body.card === null)
      return this.fail(res, "card_update", 400, 99992402, "field validation failed");
    const err = this.applyCardUpdate(m, JSON.stringify(body.card));
    if (err) return this.fail(res, "card_update", 400, 200830, err);
    t.uses += 1;
    this.ok(res, "card_update", { code: 0, msg: "success" });
  }
}
