// Long-connection side of the emulator: POST /callback/ws/endpoint hands out a ws URL,
// the WebSocket speaks pbbp2.Frame (docs/platforms.md §1 "WSClient long connection").
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { decodeFrame, encodeFrame, FRAME_CONTROL, FRAME_DATA, header, type Frame } from "./pbbp2.js";
import { newId, type EmulatorState } from "./state.js";
import { sendJson } from "./open-api.js";

const SERVICE_ID = 7;

export interface WsAck {
  code: number;
  /** The handler's return value, decoded from the base64 `data` of the ack. */
  data?: unknown;
  latencyMs: number;
}

export class WsGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly clients = new Set<WebSocket>();
  private readonly pending = new Map<string, { resolve: (a: WsAck) => void; sentAt: number }>();
  private seq = 1;
  readonly pings: number[] = [];

  constructor(
    private readonly state: EmulatorState,
    private readonly creds: { appId: string; appSecret: string },
    private readonly baseUrl: () => string,
  ) {}

  endpoint(res: ServerResponse, body: Record<string, unknown>): void {
    if (this.state.takeFailure("ws_endpoint")) return sendJson(res, 200, { code: 1, msg: "system busy" });
    if (body.AppID !== this.creds.appId || body.AppSecret !== this.creds.appSecret) {
      return sendJson(res, 200, { code: 514, msg: "auth failed" });
    }
    // device_id/service_id must not be the first query parameter (querystring.parse(URL) in the SDK).
    const url = `${this.baseUrl().replace(/^http/, "ws")}/ws?fpid=1&device_id=${newId("d", 6)}&service_id=${SERVICE_ID}`;
    sendJson(res, 200, {
      code: 0,
      msg: "ok",
      data: {
        URL: url,
        ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 },
      },
    });
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (!req.url?.startsWith("/ws?")) return void socket.destroy();
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.clients.add(ws);
      ws.on("close", () => this.clients.delete(ws));
      ws.on("message", (data: Buffer) => this.onFrame(ws, data));
    });
  }

  get connected(): number {
    return this.clients.size;
  }

  private onFrame(ws: WebSocket, data: Buffer): void {
    let frame: Frame;
    try {
      frame = decodeFrame(data);
    } catch {
      return;
    }
    const type = header(frame, "type");
    if (frame.method === FRAME_CONTROL && type === "ping") {
      this.pings.push(Date.now());
      const pong: Frame = {
        ...frame,
        headers: [{ key: "type", value: "pong" }],
        payload: Buffer.from(
          JSON.stringify({ PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 }),
        ),
      };
      ws.send(encodeFrame(pong));
      return;
    }
    if (frame.method === FRAME_DATA) {
      const id = header(frame, "message_id") ?? "";
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      let ack: { code: number; data?: string } = { code: 0 };
      try {
        ack = JSON.parse(Buffer.from(frame.payload ?? []).toString("utf8")) as typeof ack;
      } catch {
        /* malformed ack counts as code 0 */
      }
      const decoded = ack.data ? (JSON.parse(Buffer.from(ack.data, "base64").toString("utf8")) as unknown) : undefined;
      p.resolve({ code: ack.code, data: decoded, latencyMs: Date.now() - p.sentAt });
    }
  }

  /** Pushes one event envelope (plaintext JSON, split into `chunks` frames) to one connected client and waits for its ack. */
  push(envelope: unknown, chunks = 1, timeoutMs = 5000): Promise<WsAck> {
    const ws = [...this.clients][0];
    if (!ws) return Promise.reject(new Error("no WSClient connected"));
    const payload = Buffer.from(JSON.stringify(envelope), "utf8");
    const messageId = newId("msg_", 8);
    const size = Math.ceil(payload.length / chunks);
    const ack = new Promise<WsAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(messageId);
        reject(new Error(`no ack for ${messageId} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(messageId, { resolve: (a) => (clearTimeout(timer), resolve(a)), sentAt: Date.now() });
    });
    for (let seq = 0; seq < chunks; seq++) {
      const frame: Frame = {
        SeqID: this.seq++,
        LogID: this.seq,
        service: SERVICE_ID,
        method: FRAME_DATA,
        headers: [
          { key: "type", value: "event" },
          { key: "message_id", value: messageId },
          { key: "sum", value: String(chunks) },
          { key: "seq", value: String(seq) },
          { key: "trace_id", value: newId("tr", 6) },
        ],
        payload: payload.subarray(seq * size, (seq + 1) * size),
      };
      ws.send(encodeFrame(frame));
    }
    return ack;
  }

  close(): void {
    for (const ws of this.clients) ws.terminate();
    this.wss.close();
  }
}
