// Every Lua script the Redis stores run, as ioredis custom commands (EVALSHA, not the script text
// on each call). createRedis defines them on every connection it opens, before any command is sent:
// on an auto-pipelined connection a command defined later is missing from a pipeline opened
// before it, and ioredis then fails the whole batch with an uncaught TypeError (ioredis#1931).
import type { Redis } from "ioredis";

const SCRIPTS = {
  // Dedupe claim: checks every key, then sets them all — atomically, so two processes never both win.
  qftDedupeClaim: {
    lua: `
for i, k in ipairs(KEYS) do
  if redis.call('EXISTS', k) == 1 then return 0 end
end
for i, k in ipairs(KEYS) do
  redis.call('SET', k, '1', 'EX', ARGV[1])
end
return 1`,
  },
  // Rate-limit hit: INCR and, for a new window, EXPIRE.
  qftRateHit: {
    numberOfKeys: 1,
    lua: `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n`,
  },
  // Recent-list push: append, keep the newest ARGV[2], renew the TTL.
  qftRecentPush: {
    numberOfKeys: 1,
    lua: `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`,
  },
} satisfies Record<string, { lua: string; numberOfKeys?: number }>;

export type LuaCommandName = keyof typeof SCRIPTS;
type LuaCommand = (...args: (string | number)[]) => Promise<number>;

export function defineLuaCommands(redis: Redis): void {
  for (const [name, def] of Object.entries(SCRIPTS)) {
    if (!(name in redis)) redis.defineCommand(name, def);
  }
}

/**
 * The command `name` on `redis`. Connections opened elsewhere (tests) get the scripts defined on
 * first use, which is safe because only createRedis turns auto-pipelining on.
 */
export function luaCommand(redis: Redis, name: LuaCommandName): LuaCommand {
  if (!(name in redis)) defineLuaCommands(redis);
  const r = redis as unknown as Record<LuaCommandName, LuaCommand>;
  return (...args) => r[name](...args);
}
