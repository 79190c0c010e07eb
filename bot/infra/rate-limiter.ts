// Per-user fixed-window rate limit. Over the limit the caller gets `notify: true` exactly once per
// window (send one polite notice), then `notify: false` (stay silent) until the window ends.
import type { Redis } from "ioredis";
import { luaCommand } from "./lua-commands.js";

export interface RateDecision {
  allowed: boolean;
  /** Only when !allowed: true for the first rejected message in this window. */
  notify: boolean;
  /** Seconds until the window resets. */
  retryAfterSec: number;
}

export interface RateLimiter {
  hit(key: string): Promise<RateDecision>;
}

export interface RateLimitSettings {
  max: number; // messages allowed per window
  windowSec: number;
}

function decide(count: number, max: number, retryAfterSec: number): RateDecision {
  if (count <= max) return { allowed: true, notify: false, retryAfterSec };
  return { allowed: false, notify: count === max + 1, retryAfterSec };
}

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly settings: RateLimitSettings,
    private readonly prefix = "qft:",
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<RateDecision> {
    const windowMs = this.settings.windowSec * 1000;
    const t = this.now();
    const window = Math.floor(t / windowMs);
    const k = `${this.prefix}rate:${key}:${window}`;
    // INCR is atomic across processes; the count itself decides who sends the single notice.
    const count = await luaCommand(this.redis, "qftRateHit")(k, this.settings.windowSec + 5);
    return decide(count, this.settings.max, Math.ceil(((window + 1) * windowMs - t) / 1000));
  }
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly counts = new Map<string, { window: number; count: number }>();

  constructor(
    private readonly settings: RateLimitSettings,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string): Promise<RateDecision> {
    const windowMs = this.settings.windowSec * 1000;
    const t = this.now();
    const window = Math.floor(t / windowMs);
    const cur = this.counts.get(key);
    const count = cur && cur.window === window ? cur.count + 1 : 1;
    this.counts.set(key, { window, count });
    return decide(count, this.settings.max, Math.ceil(((window + 1) * windowMs - t) / 1000));
  }
}
