// The Stream-mode gateway's WebSocket side (docs/platforms.md §6(b)): JSON frames, SYSTEM ping that
// the client echoes, CALLBACK frames that the client acks with {code:200, headers:{messageId}};
// frames not acked within `redeliverAfterMs` are pushed again (the real gateway waits ~60 s).
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { newId } from "./state.js";

export const TOPIC_ROBOT = "/v1.0/im/bot/messages/get";

export interface Frame {
  specVersion: string;
  type: "SYSTEM" | "EVENT" | "CALLBACK";
  headers: Record<string, string>;
  data: string;
}

export interface AckRecord {
  messageId: string;
  data: string;
  at: number;
}

interface Pending {
  frame: Frame;
  deliveries: number;
  timer?: NodeJS.Timeout;
}

export class StreamGateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly sockets = new Set<WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly pingWaiters = new Map<string, () => void>();
  private ackListeners = new Set<() => void>();
  readonly acks: AckRecord[] = [];
  /** Every CALLBACK push, including redeliveries. */
  readonly deliveries: { messageId: string; at: number }[] = [];
  /** Acks to drop on the floor (simulates an ack lost in transit). */
  dropNextAcks = 0;

  constructor(
    private readonly appKey: string,
    private readonly redeliverAfterMs: number,
  ) {}

  issueTicket(): string {
    const t = newId("ticket-");
    this.tickets.add(t);
    return t;
  }

  get connections(): number {
    return this.sockets.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://emulator");
    const ticket = url.searchParams.get("ticket") ?? "";
    if (url.pathname !== "/connect" || !this.tickets.delete(ticket)) {
      socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (raw) => this.onClientFrame(raw.toString()));
    // Frames still unacked when a client (re)connects are pushed again.
    for (const p of this.pending.values()) this.deliver(p);
  }

  private onClientFrame(text: string): void {
    let msg: { code?: number; headers?: Record<string, string>; data?: string };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return;
    }
    const messageId = msg.headers?.messageId ?? "";
    const ping = this.pingWaiters.get(messageId);
    if (ping && msg.code === 200 && msg.headers?.topic === "ping") {
      this.pingWaiters.delete(messageId);
      return ping();
    }
    const p = this.pending.get(messageId);
    if (!p || msg.code !== 200) return;
    if (this.dropNextAcks > 0) {
      this.dropNextAcks -= 1;
      return;
    }
    clearTimeout(p.timer);
    this.pending.delete(messageId);
    this.acks.push({ messageId, data: msg.data ?? "", at: Date.now() });
    for (const l of [...this.ackListeners]) l();
  }

  private frame(type: Frame["type"], topic: string, data: string, messageId = newId("msg-", 8)): Frame {
    return {
      specVersion: "1.0",
      type,
      headers: {
        appId: this.appKey,
        connectionId: "emu-conn",
        contentType: "application/json",
        messageId,
        time: String(Date.now()),
        topic,
      },
      data,
    };
  }

  private deliver(p: Pending): void {
    clearTimeout(p.timer);
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (ws) {
      p.deliveries += 1;
      this.deliveries.push({ messageId: p.frame.headers.messageId, at: Date.now() });
      ws.send(JSON.stringify(p.frame));
    }
    p.timer = setTimeout(() => this.deliver(p), this.redeliverAfterMs);
    p.timer.unref();
  }

  /** Pushes a robot callback (the JSON body of §6(a)); returns the frame's messageId. */
  pushRobotMessage(callback: Record<string, unknown>): string {
    const frame = this.frame("CALLBACK", TOPIC_ROBOT, JSON.stringify(callback));
    const p: Pending = { frame, deliveries: 0 };
    this.pending.set(frame.headers.messageId, p);
    this.deliver(p);
    return frame.headers.messageId;
  }

  /** Sends a SYSTEM ping; resolves when the client echoes it. */
  ping(timeoutMs = 2000): Promise<void> {
    const frame = this.frame("SYSTEM", "ping", JSON.stringify({ opaque: newId("", 4) }));
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) return Promise.reject(new Error("no stream client connected"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("ping not echoed")), timeoutMs);
      this.pingWaiters.set(frame.headers.messageId, () => {
        clearTimeout(timer);
        resolve();
      });
      ws.send(JSON.stringify(frame));
    });
  }

  unacked(): string[] {
    return [...this.pending.keys()];
  }

  waitForAcks(count: number, timeoutMs = 10_000): Promise<AckRecord[]> {
    if (this.acks.length >= count) return Promise.resolve(this.acks);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.acks.length < count) return;
        clearTimeout(timer);
        this.ackListeners.delete(check);
        resolve(this.acks);
      };
      const timer = setTimeout(() => {
        this.ackListeners.delete(check);
        reject(new Error(`only ${this.acks.length}/${count} acks within ${timeoutMs} ms`));
      }, timeoutMs);
      this.ackListeners.add(check);
    });
  }

  /** Waits until some client is connected. */
  async waitForConnection(timeoutMs = 5000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.sockets.size === 0) {
      if (Date.now() > until) throw new Error("no stream client connected");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Cuts every client connection (gateway restart, network blip); clients are expected to reconnect. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  close(): void {
    for (const p of this.pending.values()) clearTimeout(p.timer);
    this.pending.clear();
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
  }
}
