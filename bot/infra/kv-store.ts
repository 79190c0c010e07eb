// A tiny JSON key-value store with per-key TTL: Redis for servers, a Map for local mode.
import type { Redis } from "ioredis";

export interface KvStore<T> {
  get(key: string): Promise<T | null>;
  set(key: string, value: T, ttlSec: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** A Redis-backed store; `namespace` separates uses, e.g. "session" → keys `qft:session:<key>`. */
export abstract class NamespacedRedisStore {
  constructor(
    protected readonly redis: Redis,
    private readonly namespace: string,
    private readonly prefix = "qft:",
  ) {}

  protected k(key: string): string {
    return `${this.prefix}${this.namespace}:${key}`;
  }
}

export class RedisKvStore<T> extends NamespacedRedisStore implements KvStore<T> {
  async get(key: string): Promise<T | null> {
    const raw = await this.redis.get(this.k(key));
    if (raw == null) return null;
    try {
      return JSON.parse(raw) as T;
    } catch {
      return null; // a corrupt entry is treated as absent, never as a crash
    }
  }

  async set(key: string, value: T, ttlSec: number): Promise<void> {
    await this.redis.set(this.k(key), JSON.stringify(value), "EX", Math.max(1, Math.round(ttlSec)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.k(key));
  }
}

export class MemoryKvStore<T> implements KvStore<T> {
  private readonly entries = new Map<string, { json: string; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string): Promise<T | null> {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expires <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return JSON.parse(e.json) as T; // stored as JSON so callers never share mutable objects
  }

  async set(key: string, value: T, ttlSec: number): Promise<void> {
    this.entries.set(key, { json: JSON.stringify(value), expires: this.now() + ttlSec * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }
}
