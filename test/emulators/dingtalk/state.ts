// What the emulated DingTalk knows: sessionWebhooks it handed out, tokens, messages shown to users,
// failures queued by a test, and every request (for assertions).
import { randomBytes } from "node:crypto";

export function newId(prefix: string, bytes = 12): string {
  return prefix + randomBytes(bytes).toString("hex");
}

export interface Session {
  id: string;
  conversationId: string;
  conversationType: "1" | "2";
  staffId: string;
  expiresAt: number; // ms epoch (sessionWebhookExpiredTime)
}

/** One message a user would see. */
export interface ShownMessage {
  via: "webhook" | "batchSend" | "groupSend";
  conversationId?: string; // webhook and groupSend
  staffIds?: string[]; // batchSend
  msgtype: string; // webhook msgtype, or the OpenAPI msgKey
  title?: string;
  text: string;
  atUserIds: string[];
  body: Record<string, unknown>;
  at: number;
}

export type ApiName = "webhook" | "batchSend" | "groupSend" | "token" | "gateway";

/** A failure a test queues: the next `times` calls of `api` answer with it. */
export type QueuedFailure =
  | { api: "webhook"; times: number; errcode: number; errmsg: string } // in HTTP 200
  | { api: Exclude<ApiName, "webhook">; times: number; status: number; code: string; message: string };

export interface RequestRecord {
  api: ApiName;
  status: number;
  errcode?: number | string;
  at: number;
}

export class DingtalkEmulatorState {
  readonly sessions = new Map<string, Session>();
  readonly tokens = new Map<string, number>(); // accessToken → expires at (ms)
  readonly shown: ShownMessage[] = [];
  readonly failures: QueuedFailure[] = [];
  readonly requests: RequestRecord[] = [];
  /** Groups the robot was removed from, and groups that were dissolved (groupMessages/send refuses both). */
  readonly groupsWithoutRobot = new Set<string>();
  readonly dissolvedGroups = new Set<string>();
  private readonly listeners = new Set<(m: ShownMessage) => void>();

  record(api: ApiName, status: number, errcode?: number | string): void {
    this.requests.push({ api, status, errcode, at: Date.now() });
  }

  show(m: Omit<ShownMessage, "at">): void {
    const shown = { ...m, at: Date.now() };
    this.shown.push(shown);
    for (const l of [...this.listeners]) l(shown);
  }

  /** Calls `listener` with every message shown from now on; returns the unsubscribe function. */
  onShow(listener: (m: ShownMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  takeFailure(api: ApiName): QueuedFailure | undefined {
    const i = this.failures.findIndex((f) => f.api === api && f.times > 0);
    if (i < 0) return undefined;
    const f = this.failures[i];
    f.times -= 1;
    if (f.times === 0) this.failures.splice(i, 1);
    return f;
  }

  /** Resolves with the shown messages once `pred` holds; rejects after `timeoutMs`. */
  waitFor(pred: (shown: ShownMessage[]) => boolean, timeoutMs = 10_000): Promise<ShownMessage[]> {
    if (pred(this.shown)) return Promise.resolve(this.shown);
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!pred(this.shown)) return;
        cleanup();
        resolve(this.shown);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`emulator: condition not met within ${timeoutMs} ms (${this.shown.length} messages shown)`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
    });
  }

  /** Messages shown in one conversation (webhook or group send) or to one user (batchSend). */
  shownTo(target: { conversationId?: string; staffId?: string }): ShownMessage[] {
    return this.shown.filter(
      (m) =>
        (target.conversationId !== undefined && m.conversationId === target.conversationId) ||
        (target.staffId !== undefined && (m.staffIds ?? []).includes(target.staffId)),
    );
  }
}
