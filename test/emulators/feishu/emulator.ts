// A local Feishu open-platform emulator on 127.0.0.1 (random port). It serves the REST
// API the bot calls, produces events as Feishu does (webhook: compact JSON, encrypted,
// signed; long connection: protobuf frames), and records every message shown.
import { submitForm } from "./card-forms.js";
import { Agent as HttpAgent, createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { OpenApi, sendJson, type AppIdentity } from "./open-api.js";
import { EmulatorState, newId, type ApiName, type FailureKind, type ShownMessage } from "./state.js";
import { WsGateway, type WsAck } from "./ws-server.js";
import { challengeBody, seal, v2Envelope, type SealOptions } from "./envelope.js";
import { FeishuOAuth } from "./oauth.js";

export interface EmulatorOptions {
  appId?: string; // must look like cli_ + 16 hex for WSClient
  appSecret?: string;
  encryptKey?: string; // "" = events are sent in plain text, unsigned
  verificationToken?: string;
  botOpenId?: string;
  botName?: string;
  tenantKey?: string;
  tokenExpireSeconds?: number;
  rateLimitResetSeconds?: number;
}

export interface Delivery {
  status: number;
  body: string;
  json?: unknown;
  latencyMs: number;
}

export interface UserMessageInput {
  chatType: "p2p" | "group";
  chatId?: string;
  userOpenId?: string;
  text?: string;
  /** Adds an @bot mention placeholder in front of the text. */
  mentionBot?: boolean;
  /** Adds @_all in front of the text. */
  mentionAll?: boolean;
  /** Other users @-mentioned (open ids). */
  mentionUsers?: string[];
  messageType?: "text" | "image" | "file" | "sticker";
  via?: "webhook" | "ws";
}

export interface SentUserMessage {
  eventId: string;
  messageId: string;
  chatId: string;
  envelope: ReturnType<typeof v2Envelope>;
  delivery?: Delivery;
  ack?: WsAck;
}

export async function startFeishuEmulator(opts: EmulatorOptions = {}) {
  const app: AppIdentity & { encryptKey: string; verificationToken: string } = {
    appId: opts.appId ?? `cli_${randomBytes(8).toString("hex")}`,
    appSecret: opts.appSecret ?? randomBytes(16).toString("hex"),
    botOpenId: opts.botOpenId ?? newId("ou_", 16),
    botName: opts.botName ?? "企服通",
    tenantKey: opts.tenantKey ?? newId("tk_", 8),
    tokenExpireSeconds: opts.tokenExpireSeconds ?? 7200,
    rateLimitResetSeconds: opts.rateLimitResetSeconds ?? 1,
    encryptKey: opts.encryptKey ?? randomBytes(12).toString("hex"),
    verificationToken: opts.verificationToken ?? randomBytes(12).toString("hex"),
  };
  const state = new EmulatorState();
  const api = new OpenApi(state, app);
  const oauth = new FeishuOAuth(app);
  let baseUrl = "";
  const ws = new WsGateway(state, app, () => baseUrl);
  let webhookUrl = "";

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const body = await readJson(req);
    if (body === undefined) return sendJson(res, 400, { code: 9499, msg: "Bad Request" });
    const p = url.pathname;
    if (req.method === "POST" && p === "/open-apis/auth/v3/tenant_access_token/internal") return api.token(res, body);
    if (req.method === "POST" && p === "/callback/ws/endpoint") return ws.endpoint(res, body);
    // Web login (the accounts host and the open platform are one server here).
    if (req.method === "GET" && p === "/open-apis/authen/v1/authorize") return oauth.authorize(res, url.searchParams);
    if (req.method === "POST" && p === "/open-apis/authen/v2/oauth/token") return oauth.token(res, body);
    if (req.method === "GET" && p === "/open-apis/authen/v1/user_info") return oauth.userInfo(req, res);
    const route = matchAuthed(req.method ?? "", p);
    if (!route) return sendJson(res, 404, { code: 404, msg: "404 page not found" });
    if (!api.authorized(req, res, route.api)) return;
    switch (route.api) {
      case "bot_info":
        return api.botInfo(res);
      case "create":
        return api.create(res, url.searchParams, body);
      case "reply":
        return api.reply(res, route.id!, body);
      case "patch":
        return api.patch(res, route.id!, body);
      case "card_update":
        return api.cardUpdate(res, body);
      case "chat_get":
        return api.chatGet(res, route.id!);
    }
  });
  server.on("upgrade", (req, socket, head) => ws.upgrade(req, socket, head));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const sealOpts = (o: Partial<SealOptions> = {}): SealOptions => ({ encryptKey: app.encryptKey, ...o });
  const envHeader = (eventId?: string) => ({
    appId: app.appId,
    tenantKey: app.tenantKey,
    verificationToken: app.verificationToken,
    eventId,
  });

  // node:http with a keep-alive agent: cheaper than fetch, so the emulator leaves more CPU to the bot.
  const agent = new HttpAgent({ keepAlive: true, maxSockets: 256 });
  function post(body: string, headers: Record<string, string>, path?: string): Promise<Delivery> {
    if (!webhookUrl) return Promise.reject(new Error("emulator: setWebhook(url) first"));
    const url = path ? new URL(path, webhookUrl) : new URL(webhookUrl);
    const t0 = performance.now();
    return new Promise<Delivery>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: "POST", agent, headers: { ...headers, "content-length": Buffer.byteLength(body) }, timeout: 10_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let json: unknown;
            try {
              json = text ? JSON.parse(text) : undefined;
            } catch {
              json = undefined;
            }
            resolve({ status: res.statusCode ?? 0, body: text, json, latencyMs: performance.now() - t0 });
          });
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error("no response from the bot within 10 s")));
      req.on("error", reject);
      req.end(body);
    });
  }

  /** Sends an envelope to the bot as Feishu would: signed + encrypted POST, or a ws frame. */
  async function deliver(envelope: unknown, via: "webhook" | "ws" = "webhook", o: Partial<SealOptions> = {}) {
    if (via === "ws") return { ack: await ws.push(envelope) };
    const s = seal(envelope, sealOpts(o));
    return { delivery: await post(s.body, s.headers) };
  }

  function userMessage(input: UserMessageInput) {
    const user = input.userOpenId ?? newId("ou_", 16);
    const chatId = input.chatId ?? (input.chatType === "p2p" ? `oc_p2p_${user}` : newId("oc_", 16));
    const mentions: {
      key: string;
      id: { open_id: string; union_id: string; user_id: string };
      name: string;
      tenant_key: string;
    }[] = [];
    const prefix: string[] = [];
    if (input.mentionAll) prefix.push("@_all");
    const addMention = (openId: string, name: string) => {
      const key = `@_user_${mentions.length + 1}`;
      mentions.push({
        key,
        id: { open_id: openId, union_id: newId("on_", 8), user_id: "" },
        name,
        tenant_key: app.tenantKey,
      });
      prefix.push(key);
    };
    if (input.mentionBot) addMention(app.botOpenId, app.botName);
    for (const u of input.mentionUsers ?? []) addMention(u, "同事");
    const type = input.messageType ?? "text";
    const text = [...prefix, input.text ?? ""].join(" ");
    const content =
      type === "text"
        ? { text }
        : type === "image"
          ? { image_key: newId("img_v3_", 8) }
          : { file_key: newId("file_v3_", 8) };
    const now = String(Date.now());
    const messageId = newId("om_");
    const shown: ShownMessage = {
      message_id: messageId,
      chat_id: chatId,
      chat_type: input.chatType,
      msg_type: type,
      content: JSON.stringify(content),
      sender: { id: user, id_type: "open_id", sender_type: "user" },
      create_time: now,
      update_time: now,
      updated: false,
      history: [],
      root_id: "",
      parent_id: "",
    };
    state.show(shown);
    const event = {
      sender: {
        sender_id: { open_id: user, union_id: newId("on_", 8), user_id: "" },
        sender_type: "user",
        tenant_key: app.tenantKey,
      },
      message: {
        message_id: messageId,
        root_id: "",
        parent_id: "",
        create_time: now,
        update_time: now,
        chat_id: chatId,
        thread_id: "",
        chat_type: input.chatType,
        message_type: type,
        content: JSON.stringify(content),
        ...(mentions.length ? { mentions } : {}),
      },
    };
    return { envelope: v2Envelope("im.message.receive_v1", event, envHeader()), messageId, chatId };
  }

  async function trigger(
    input: { messageId: string; operatorOpenId: string; via?: "webhook" | "ws"; path?: string },
    action: Record<string, unknown>,
  ) {
    const m = state.byId.get(input.messageId);
    if (!m) throw new Error(`emulator: unknown message ${input.messageId}`);
    const token = newId("c-", 16);
    state.cardTokens.set(token, { token, messageId: m.message_id, createdAt: Date.now(), uses: 0, answered: false });
    const event = {
      operator: { open_id: input.operatorOpenId, user_id: "", union_id: newId("on_", 8), tenant_key: app.tenantKey },
      token,
      action,
      host: "im_message",
      context: { open_message_id: m.message_id, open_chat_id: m.chat_id },
    };
    const envelope = v2Envelope("card.action.trigger", event, envHeader());
    let response: unknown;
    let delivery: Delivery | undefined;
    if (input.via === "ws") response = (await ws.push(envelope)).data;
    else {
      const s = seal(envelope, sealOpts());
      delivery = await post(s.body, s.headers, input.path);
      response = delivery.json;
    }
    state.cardTokens.get(token)!.answered = true;
    const r = (response ?? {}) as { toast?: { type: string; content: string }; card?: { type: string; data: unknown } };
    let cardError: string | null = null;
    if (r.card?.type === "raw" && r.card.data) cardError = api.applyCardUpdate(m, JSON.stringify(r.card.data));
    return { delivery, response: r, toast: r.toast, cardError, token };
  }

  return {
    url: baseUrl,
    app,
    state,
    ws,
    /** Web login with Feishu: `oauth.loginAs({ openId, name })` picks who is signed in. */
    oauth,
    setWebhook(url: string) {
      webhookUrl = url;
    },
    /** A user posts a message; the platform delivers im.message.receive_v1 to the bot. */
    async sendUserMessage(input: UserMessageInput): Promise<SentUserMessage> {
      const { envelope, messageId, chatId } = userMessage(input);
      const r = await deliver(envelope, input.via);
      return { eventId: envelope.header.event_id, messageId, chatId, envelope, ...r };
    },
    userMessage,
    deliver,
    /** Re-pushes the same envelope (same event_id), freshly signed, as the platform's retry does. */
    redeliver: (envelope: unknown, via: "webhook" | "ws" = "webhook") => deliver(envelope, via),
    /** A raw POST to the bot (for malformed bodies), signed over exactly `body`. */
    postRaw: (body: string, headers: Record<string, string> = {}, path?: string) => post(body, headers, path),
    seal: (payload: unknown, o: Partial<SealOptions> = {}) => seal(payload, sealOpts(o)),
    envelope: (type: string, event: unknown, eventId?: string) => v2Envelope(type, event, envHeader(eventId)),
    challenge: (challenge: string, encrypted = true) => {
      const body = challengeBody(challenge, app.verificationToken);
      const s = encrypted
        ? seal(body, { encryptKey: app.encryptKey })
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } };
      return post(s.body, s.headers);
    },
    /** A user presses a button on a bot card: card.action.trigger; a returned card replaces the shown one. */
    async clickButton(input: {
      messageId: string;
      operatorOpenId: string;
      value: Record<string, unknown>;
      via?: "webhook" | "ws";
      path?: string;
    }) {
      return trigger(input, { tag: "button", value: input.value });
    },
    /**
     * A user fills a JSON 2.0 form and presses its submit button `button` (by name). Required fields
     * are checked first, as the client does: an empty one throws and no callback is sent.
     */
    async submitForm(input: {
      messageId: string;
      operatorOpenId: string;
      button: string;
      values: Record<string, unknown>;
      via?: "webhook" | "ws";
      path?: string;
    }) {
      const m = state.byId.get(input.messageId);
      if (!m) throw new Error(`emulator: unknown message ${input.messageId}`);
      const sub = submitForm(JSON.parse(m.content) as Record<string, unknown>, input.button, input.values);
      return trigger(input, { tag: "button", name: sub.buttonName, form_value: sub.formValue });
    },
    fail(apiName: ApiName | "*", kind: FailureKind, times = 1) {
      state.failures.push({ api: apiName, kind, times });
    },
    removeBotFromChat(chatId: string) {
      state.chatsWithoutBot.add(chatId);
    },
    /** Every issued token stops working (as after expiry); the next token request issues a new one. */
    expireTokens() {
      state.tokens.clear();
    },
    /** Resolves once `n` bot messages exist (optionally in one chat), or rejects after the timeout. */
    waitForBotMessages(n: number, o: { chatId?: string; timeoutMs?: number } = {}): Promise<ShownMessage[]> {
      const done = () => state.botMessages(o.chatId).length >= n;
      if (done()) return Promise.resolve(state.botMessages(o.chatId));
      return new Promise((resolve, reject) => {
        const l = () => {
          if (!done()) return;
          clearTimeout(timer);
          state.listeners.delete(l);
          resolve(state.botMessages(o.chatId));
        };
        const timer = setTimeout(() => {
          state.listeners.delete(l);
          reject(
            new Error(
              `emulator: expected ${n} bot messages${o.chatId ? ` in ${o.chatId}` : ""}, saw ${state.botMessages(o.chatId).length}`,
            ),
          );
        }, o.timeoutMs ?? 5000);
        state.listeners.add(l);
      });
    },
    async close() {
      agent.destroy();
      ws.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

export type FeishuEmulator = Awaited<ReturnType<typeof startFeishuEmulator>>;

function matchAuthed(method: string, p: string): { api: ApiName; id?: string } | null {
  if (method === "GET" && p === "/open-apis/bot/v3/info") return { api: "bot_info" };
  if (method === "POST" && p === "/open-apis/im/v1/messages") return { api: "create" };
  if (method === "POST" && p === "/open-apis/interactive/v1/card/update") return { api: "card_update" };
  const chat = /^\/open-apis\/im\/v1\/chats\/([^/]+)$/.exec(p);
  if (method === "GET" && chat) return { api: "chat_get", id: chat[1] };
  const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(p);
  if (method === "POST" && reply) return { api: "reply", id: reply[1] };
  const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(p);
  if (method === "PATCH" && patch) return { api: "patch", id: patch[1] };
  return null;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (chunks.length === 0) return {};
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
