// The last few items per key (e.g. what a user said recently), with a TTL renewed on every push:
// a Redis list for servers (one atomic round trip per push, so concurrent messages never drop
// each other's turns), an in-process Map for local mode and tests.
import { NamespacedRedisStore } from "./kv-store.js";
import { luaCommand } from "./lua-commands.js";

export interface RecentList<T> {
  /** Appends `item`, keeps only the newest `max`, and (re)sets the key's lifetime to `ttlSec`. */
  push(key: string, item: T, max: number, ttlSec: number): Promise<void>;
  /** Oldest first; [] when absent or expired. */
  recent(key: string): Promise<T[]>;
}

export class RedisRecentList<T> extends NamespacedRedisStore implements RecentList<T> {
  async push(key: string, item: T, max: number, ttlSec: number): Promise<void> {
    await luaCommand(this.redis, "qftRecentPush")(
      this.k(key),
      JSON.stringify(item),
      Math.max(1, max),
      Math.max(1, Math.round(ttlSec)),
    );
  }

  async recent(key: string): Promise<T[]> {
    const items: T[] = [];
    for (const raw of await this.redis.lrange(this.k(key), 0, -1)) {
      try {
        items.push(JSON.parse(raw) as T);
      } catch {
        // a corrupt entry is skipped, never a crash
      }
    }
    return items;
  }
}

export class MemoryRecentList<T> implements RecentList<T> {
  private readonly lists = new Map<string, { json: string[]; expires: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async push(key: string, item: T, max: number, ttlSec: number): Promise<void> {
    const json = [...this.live(key), JSON.stringify(item)].slice(-Math.max(1, max));
    this.lists.set(key, { json, expires: this.now() + ttlSec * 1000 });
  }

  async recent(key: string): Promise<T[]> {
    return this.live(key).map((j) => JSON.parse(j) as T);
  }

  private live(key: string): string[] {
    const e = this.lists.get(key);
    if (!e) return [];
    if (e.expires <= this.now()) {
      this.lists.delete(key);
      return [];
    }
    return e.json;
  }
}
