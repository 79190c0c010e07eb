// "Have we seen this delivery before?" — shared by every bot process (Redis), or in-process for local mode.
import type { Redis } from "ioredis";
import { luaCommand } from "./lua-commands.js";

/** Feishu re-pushes after 15 s, 5 min, 1 h, 6 h (~7.1 h window); 26 000 s ≈ 7.2 h covers it. */
export const DEFAULT_DEDUPE_TTL_SEC = 26_000;

export interface DedupeStore {
  /**
   * Atomically claims every key: true when none of them was seen before (all are now marked for
   * `ttlSec`), false when at least one already exists (nothing changes).
   */
  claim(keys: string[], ttlSec?: number): Promise<boolean>;
  /** Forgets keys, e.g. when enqueueing failed after a claim so that the platform's retry is processed. */
  release(keys: string[]): Promise<void>;
  /** Keeps claimed keys for `ttlSec` from now (a short claim made long once its work is safe). */
  extend(keys: string[], ttlSec?: number): Promise<void>;
}

export class RedisDedupeStore implements DedupeStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "qft:",
    private readonly defaultTtlSec = DEFAULT_DEDUPE_TTL_SEC,
  ) {}

  async claim(keys: string[], ttlSec = this.defaultTtlSec): Promise<boolean> {
    if (keys.length === 0) return true;
    const full = keys.map((k) => `${this.prefix}dedupe:${k}`);
    // One atomic script (lua-commands.ts): checks all keys, then sets all.
    const res = await luaCommand(this.redis, "qftDedupeClaim")(
      full.length,
      ...full,
      String(Math.max(1, Math.round(ttlSec))),
    );
    return res === 1;
  }

  async release(keys: string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys.map((k) => `${this.prefix}dedupe:${k}`));
  }

  async extend(keys: string[], ttlSec = this.defaultTtlSec): Promise<void> {
    const ttl = Math.max(1, Math.round(ttlSec));
    await Promise.all(keys.map((k) => this.redis.expire(`${this.prefix}dedupe:${k}`, ttl)));
  }
}

export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, number>(); // key → expiry (ms)

  constructor(
    private readonly defaultTtlSec = DEFAULT_DEDUPE_TTL_SEC,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(keys: string[], ttlSec = this.defaultTtlSec): Promise<boolean> {
    const t = this.now();
    if (keys.some((k) => (this.seen.get(k) ?? 0) > t)) return false;
    for (const k of keys) this.seen.set(k, t + ttlSec * 1000);
    if (this.seen.size > 10_000) for (const [k, exp] of this.seen) if (exp <= t) this.seen.delete(k);
    return true;
  }

  async release(keys: string[]): Promise<void> {
    for (const k of keys) this.seen.delete(k);
  }

  async extend(keys: string[], ttlSec = this.defaultTtlSec): Promise<void> {
    const t = this.now();
    for (const k of keys) if (this.seen.has(k)) this.seen.set(k, t + ttlSec * 1000);
  }
}
