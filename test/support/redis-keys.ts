import type { Redis } from "ioredis";

/** Deletes every key matching the patterns (SCAN, never KEYS): test and bench clean-up. */
export async function deleteKeysMatching(redis: Redis, patterns: string[]): Promise<void> {
  for (const pattern of patterns) {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  }
}
