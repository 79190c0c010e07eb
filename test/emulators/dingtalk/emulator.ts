// A local DingTalk on 127.0.0.1: sessionWebhook sink, OpenAPI (token, robot sends), the Stream
// gateway (HTTP open + WebSocket), plus helpers that build signed robot callbacks like DingTalk sends.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createHmac } from "node:crypto";
import { DingtalkOpenApi, sendJson, type DingtalkApp } from "./open-api.js";
import { DingtalkEmulatorState, newId, type Session } from "./state.js";
import { StreamGateway } from "./stream-server.js";

export { WEBHOOK_ERR } from "./open-api.js";
export type { ShownMessage } from "./state.js";

export interface DingtalkEmulatorOptions extends Partial<DingtalkApp> {
  /** Redelivery delay for unacked Stream frames (DingTalk: about 60 s). */
  redeliverAfterMs?: number;
  corpId?: string;
}

export interface CallbackSpec {
  conversationType: "1" | "2";
  text: string;
  staffId?: string;
  nick?: string;
  conversationId?: string;
  isInAtList?: boolean; // groups only; single chats carry none
  msgId?: string;
  /** sessionWebhookExpiredTime = now + this (default 90 min, as in the doc sample); negative = already expired. */
  webhookTtlMs?: number;
  msgtype?: string;
  /** The sender administers the group (`isAdmin`). */
  isAdmin?: boolean;
}

export class DingtalkEmulator {
  readonly state = new DingtalkEmulatorState();
  readonly stream: StreamGateway;
  readonly app: DingtalkApp;
  readonly corpId: string;
  private readonly server: http.Server;
  private port = 0;

  constructor(opts: DingtalkEmulatorOptions = {}) {
    this.app = {
      appKey: opts.appKey ?? "ding-emu-appkey",
      appSecret: opts.appSecret ?? "emu-app-secret-0123456789",
      robotCode: opts.robotCode ?? opts.appKey ?? "ding-emu-appkey",
      tokenTtlSec: opts.tokenTtlSec ?? 7200,
    };
    this.corpId = opts.corpId ?? "ding-emu-corp";
    this.stream = new StreamGateway(this.app.appKey, opts.redeliverAfterMs ?? 60_000);
    const api = new DingtalkOpenApi(
      this.state,
      this.app,
      () => `ws://127.0.0.1:${this.port}/connect`,
      () => this.stream.issueTicket(),
    );
    this.server = http.createServer((req, res) => {
      api.handle(req, res).catch((err: Error) => sendJson(res, 500, { code: "InternalError", message: err.message }));
    });
    this.server.on("upgrade", (req, socket, head) => this.stream.handleUpgrade(req, socket, head));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A sessionWebhook DingTalk would put in a callback. */
  createSession(s: Omit<Session, "id">): { url: string; session: Session } {
    const session = { ...s, id: newId("sess-") };
    this.state.sessions.set(session.id, session);
    return { url: `${this.baseUrl}/robot/sendBySession?session=${session.id}`, session };
  }

  expireSession(url: string): void {
    const id = new URL(url).searchParams.get("session") ?? "";
    const s = this.state.sessions.get(id);
    if (s) s.expiresAt = Date.now() - 1;
  }

  /** A robot callback body as DingTalk sends it (platforms.md §6(a)), with a live sessionWebhook. */
  callback(spec: CallbackSpec): Record<string, unknown> {
    const now = Date.now();
    const staffId = spec.staffId ?? "staff-001";
    const group = spec.conversationType === "2";
    const conversationId = spec.conversationId ?? (group ? "cidGroup001==" : `cidSingle-${staffId}==`);
    const expiresAt = now + (spec.webhookTtlMs ?? 90 * 60 * 1000);
    const { url } = this.createSession({ conversationId, conversationType: spec.conversationType, staffId, expiresAt });
    return {
      msgtype: spec.msgtype ?? "text",
      text: { content: group ? ` ${spec.text}` : spec.text },
      msgId: spec.msgId ?? newId("msg", 10),
      createAt: now,
      conversationType: spec.conversationType,
      conversationId,
      ...(group ? { conversationTitle: "杭州企业服务群", isInAtList: spec.isInAtList ?? true } : {}),
      senderId: `$:LWCP_v1:$${newId("", 12)}`,
      senderNick: spec.nick ?? "张经理",
      senderStaffId: staffId,
      senderCorpId: this.corpId,
      isAdmin: spec.isAdmin ?? false,
      chatbotCorpId: this.corpId,
      chatbotUserId: "$:LWCP_v1:$bot",
      robotCode: this.app.robotCode,
      atUsers: group ? [{ dingtalkId: "$:LWCP_v1:$bot" }] : [],
      sessionWebhook: url,
      sessionWebhookExpiredTime: expiresAt,
    };
  }

  /** The `timestamp` and `sign` headers DingTalk attaches to an HTTP callback. */
  signedHeaders(timestamp: number = Date.now(), secret: string = this.app.appSecret): Record<string, string> {
    // Computed here, independently of the bot's sign.ts, so a bug there cannot hide in the tests.
    const sign = createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
    return { timestamp: String(timestamp), sign, "content-type": "application/json" };
  }

  async close(): Promise<void> {
    this.stream.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export async function startDingtalkEmulator(opts: DingtalkEmulatorOptions = {}): Promise<DingtalkEmulator> {
  return new DingtalkEmulator(opts).start();
}
