// Redis-backed stores against the real Redis (127.0.0.1:6379), each test under its own prefix.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisDedupeStore } from "../../bot/infra/dedupe-store.js";
import { RedisKvStore } from "../../bot/infra/kv-store.js";
import { RedisRateLimiter } from "../../bot/infra/rate-limiter.js";
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
