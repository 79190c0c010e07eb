// ioredis connections, in three roles (shared by every layer; the bot adds its Lua commands in
// bot/infra/redis.ts):
// - "producer": fail fast (no offline queue, few retries) — BullMQ Queue.add, health pings.
// - "stores":   fail fast and auto-pipelined: commands issued in the same tick by concurrent
//               handlers share one write and one read, which is most of the per-message cost under
//               load — dedupe, sessions, rate limits, stores. Never hand it to BullMQ: BullMQ defines
//               its Lua commands after connecting, which auto-pipelining does not survive (see
//               bot/infra/lua-commands.ts); ours are defined at birth, through `onCreate`.
// - "worker":   retry forever (`maxRetriesPerRequest: null`, required by BullMQ Worker).
import { Redis, type RedisOptions } from "ioredis";
import { logger } from "./logger.js";

export type { Redis };
export type RedisRole = "producer" | "stores" | "worker";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export function redisOptions(role: RedisRole): RedisOptions {
  if (role === "worker") return { maxRetriesPerRequest: null, enableReadyCheck: true };
  const failFast: RedisOptions = { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000 };
  return role === "stores" ? { ...failFast, enableAutoPipelining: true } : failFast;
}

/**
 * A connection for `role`; call `await waitReady(conn)` before using a producer connection.
 * `onCreate` runs synchronously before the first command (e.g. to define Lua commands).
 */
export function createRedis(
  url: string = DEFAULT_REDIS_URL,
  role: RedisRole = "producer",
  extra: RedisOptions = {},
  onCreate?: (conn: Redis) => void,
): Redis {
  const conn = new Redis(url, { ...redisOptions(role), lazyConnect: false, ...extra });
  onCreate?.(conn);
  const log = logger.child({ module: "redis", role });
  let lastError = "";
  conn.on("error", (err: Error) => {
    // ioredis reports every reconnect attempt; log each distinct error once.
    if (err.message !== lastError) log.warn({ err: err.message }, "redis error");
    lastError = err.message;
  });
  conn.on("ready", () => {
    if (lastError) log.info("redis reconnected");
    lastError = "";
  });
  return conn;
}

/**
 * Resolves once the connection is ready; rejects after `timeoutMs`, or at the first connection error
 * when `failOnError` (e.g. ECONNREFUSED at start-up: no point waiting, ioredis keeps reconnecting).
 */
export function waitReady(conn: Redis, timeoutMs = 3000, failOnError = false): Promise<void> {
  if (conn.status === "ready") return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms (status ${conn.status})`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      if (!failOnError) return;
      cleanup();
      reject(err);
    };
    const cleanup = () => {
      clearTimeout(timer);
      conn.off("ready", onReady);
      conn.off("error", onError);
    };
    conn.on("ready", onReady);
    conn.on("error", onError);
  });
}

/** PING with a deadline; false when Redis is unreachable. */
export async function pingRedis(conn: Redis, timeoutMs = 500): Promise<boolean> {
  try {
    const res = await Promise.race([
      conn.ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("ping timeout")), timeoutMs).unref()),
    ]);
    return res === "PONG";
  } catch {
    return false;
  }
}

/** Closes connections politely (QUIT), falling back to disconnect. */
export async function closeRedis(...conns: (Redis | undefined)[]): Promise<void> {
  await Promise.all(
    conns.map(async (c) => {
      if (!c || c.status === "end") return;
      try {
        if (c.status === "ready") await c.quit();
        else c.disconnect();
      } catch {
        c.disconnect();
      }
    }),
  );
}
