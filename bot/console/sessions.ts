// Console sessions in Redis (shared by every bot process): the cookie holds a random id, Redis
// holds the identity and the CSRF token under the id's hash. Login states (OAuth `state`) too.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Redis } from "ioredis";

export interface ConsoleSession {
  platform: "feishu";
  userId: string;
  name: string;
  tenantKey: string | null;
  csrf: string;
  createdAt: number;
  /** One message shown on the next page (result of the last action). */
  flash?: { kind: "ok" | "error"; text: string };
}

export const SESSION_COOKIE = "qft_console";
const LOGIN_STATE_TTL_SEC = 600;

const sha = (s: string) => createHash("sha256").update(s).digest("hex");
const token = () => randomBytes(32).toString("base64url");

export class ConsoleSessions {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    readonly ttlSec: number,
  ) {}

  private key(sid: string): string {
    return `${this.prefix}console:session:${sha(sid)}`;
  }

  async create(who: Omit<ConsoleSession, "csrf" | "createdAt">): Promise<{ sid: string; session: ConsoleSession }> {
    const sid = token();
    const session: ConsoleSession = { ...who, csrf: token(), createdAt: Date.now() };
    await this.redis.set(this.key(sid), JSON.stringify(session), "EX", this.ttlSec);
    return { sid, session };
  }

  async get(sid: string | undefined): Promise<ConsoleSession | null> {
    if (!sid || sid.length > 100) return null;
    const raw = await this.redis.get(this.key(sid));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as ConsoleSession;
    } catch {
      return null;
    }
  }

  /** Saves a changed session (flash message) keeping its remaining lifetime. */
  async save(sid: string, session: ConsoleSession): Promise<void> {
    await this.redis.set(this.key(sid), JSON.stringify(session), "KEEPTTL", "XX");
  }

  async destroy(sid: string | undefined): Promise<void> {
    if (sid) await this.redis.del(this.key(sid));
  }

  /** A fresh OAuth `state`, valid once for 10 minutes. */
  async newLoginState(): Promise<string> {
    const state = token();
    await this.redis.set(`${this.prefix}console:login-state:${sha(state)}`, "1", "EX", LOGIN_STATE_TTL_SEC);
    return state;
  }

  async consumeLoginState(state: string | undefined): Promise<boolean> {
    if (!state || state.length > 100) return false;
    return (await this.redis.getdel(`${this.prefix}console:login-state:${sha(state)}`)) === "1";
  }
}

export function csrfMatches(session: ConsoleSession, given: unknown): boolean {
  if (typeof given !== "string" || !given) return false;
  const a = Buffer.from(sha(given));
  const b = Buffer.from(sha(session.csrf));
  return timingSafeEqual(a, b);
}
