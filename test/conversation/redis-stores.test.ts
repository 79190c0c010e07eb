// Redis-backed stores against the real Redis (127.0.0.1:6379), each test under its own prefix.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisDedupeStore } from "../../bot/infra/dedupe-store.js";
import { RedisKvStore } from "../../bot/infra/kv-store.js";
import { RedisRateLimiter } from "../../bot/infra/rate-limiter.js";
import { MemoryRecentList, RedisRecentList } from "../../bot/infra/recent-list.js";
import { RedisRecordLog } from "../../bot/infra/record-log.js";
import { closeRedis, createRedis, waitReady, type Redis } from "../../bot/infra/redis.js";

let redis: Redis;
const prefix = `test-${randomUUID()}:`;

beforeAll(async () => {
  redis = createRedis(process.env.REDIS_URL, "producer");
  await waitReady(redis);
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  await closeRedis(redis);
});

describe("Redis stores", () => {
  it("dedupe: exactly one of many concurrent claims wins, keys carry the TTL, release re-opens", async () => {
    const store = new RedisDedupeStore(redis, prefix);
    const keys = ["feishu:msg:t:om_1", "feishu:evt:e_1"];
    const results = await Promise.all(Array.from({ length: 20 }, () => store.claim(keys)));
    expect(results.filter(Boolean)).toHaveLength(1);
    const ttl = await redis.ttl(`${prefix}dedupe:feishu:evt:e_1`);
    expect(ttl).toBeGreaterThan(25_900);
    // the same message under a new event id (platform redelivery) is still a duplicate
    expect(await store.claim(["feishu:msg:t:om_1", "feishu:evt:e_2"])).toBe(false);
    expect(await redis.exists(`${prefix}dedupe:feishu:evt:e_2`)).toBe(0);
    await store.release(keys);
    expect(await store.claim(keys)).toBe(true);
  });

  it("kv: JSON round trip with TTL; corrupt values read as absent", async () => {
    const kv = new RedisKvStore<{ a: number }>(redis, "session", prefix);
    await kv.set("k", { a: 1 }, 30);
    expect(await kv.get("k")).toEqual({ a: 1 });
    expect(await redis.ttl(`${prefix}session:k`)).toBeGreaterThan(25);
    await redis.set(`${prefix}session:bad`, "{not json");
    expect(await kv.get("bad")).toBeNull();
    await kv.delete("k");
    expect(await kv.get("k")).toBeNull();
  });

  it("rate limiter: allowed up to max, one notice, then silence; shared between instances", async () => {
    const a = new RedisRateLimiter(redis, { max: 2, windowSec: 60 }, prefix);
    const b = new RedisRateLimiter(redis, { max: 2, windowSec: 60 }, prefix); // a second bot process
    const out = [await a.hit("u1"), await b.hit("u1"), await a.hit("u1"), await b.hit("u1")];
    expect(out.map((d) => [d.allowed, d.notify])).toEqual([
      [true, false],
      [true, false],
      [false, true],
      [false, false],
    ]);
    expect((await a.hit("u2")).allowed).toBe(true);
  });

  it("rate limiter: the window key expires on its own", async () => {
    const rl = new RedisRateLimiter(redis, { max: 5, windowSec: 60 }, prefix, () => 120_000);
    await rl.hit("ttl-user");
    expect(await redis.ttl(`${prefix}rate:ttl-user:2`)).toBeGreaterThan(55);
  });

  it("recent list: concurrent pushes all land, only the newest are kept, TTL renewed; corrupt items skipped", async () => {
    const list = new RedisRecentList<{ n: number }>(redis, "desk-history", prefix);
    await Promise.all(Array.from({ length: 10 }, (_, n) => list.push("u", { n }, 4, 60)));
    const kept = await list.recent("u");
    expect(kept).toHaveLength(4);
    expect(await redis.ttl(`${prefix}desk-history:u`)).toBeGreaterThan(55);
    await list.push("u", { n: 99 }, 4, 60);
    expect((await list.recent("u")).at(-1)).toEqual({ n: 99 });
    await redis.rpush(`${prefix}desk-history:u`, "{not json");
    expect(await list.recent("u")).toHaveLength(4); // the corrupt fifth item is skipped
    expect(await list.recent("nobody")).toEqual([]);
  });

  it("auto-pipelined connection: Lua and plain commands issued in one tick on a new connection all resolve", async () => {
    // Regression: a script defined after the tick's pipeline was opened made ioredis throw (ioredis#1931).
    const stores = createRedis(process.env.REDIS_URL, "stores");
    try {
      await waitReady(stores);
      const out = await Promise.all([
        stores.get(`${prefix}none`),
        new RedisRateLimiter(stores, { max: 5, windowSec: 60 }, prefix).hit("pipelined"),
        new RedisDedupeStore(stores, prefix).claim(["pipelined"]),
        new RedisRecentList<number>(stores, "pipelined", prefix).push("k", 1, 3, 60),
        stores.get(`${prefix}none`),
      ]);
      expect(out).toEqual([
        null,
        { allowed: true, notify: false, retryAfterSec: expect.any(Number) },
        true,
        undefined,
        null,
      ]);
    } finally {
      await closeRedis(stores);
    }
  });

  it("recent list (memory twin): same semantics, expires", async () => {
    let now = 0;
    const list = new MemoryRecentList<string>(() => now);
    for (const x of ["a", "b", "c"]) await list.push("k", x, 2, 10);
    expect(await list.recent("k")).toEqual(["b", "c"]);
    now = 11_000;
    expect(await list.recent("k")).toEqual([]);
  });

  it("rate limiter: a new window allows again", async () => {
    let now = 1_000_000;
    const rl = new RedisRateLimiter(redis, { max: 1, windowSec: 10 }, prefix, () => now);
    expect((await rl.hit("u")).allowed).toBe(true);
    expect((await rl.hit("u")).notify).toBe(true);
    now += 10_000;
    expect((await rl.hit("u")).allowed).toBe(true);
  });

  it("record log: appends to a stream, newest first", async () => {
    const log = new RedisRecordLog<{ n: number }>(redis, "handoff", prefix);
    await log.append({ n: 1 });
    await log.append({ n: 2 });
    const recent = await log.recent();
    expect(recent.map((r) => r.data.n)).toEqual([2, 1]);
    expect(await redis.xlen(`${prefix}log:handoff`)).toBe(2);
  });
});
