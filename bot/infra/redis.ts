// The bot's Redis connections: the shared connection roles (knowledge/infra/redis.ts) with the bot's
// Lua commands defined at birth, before any command can be auto-pipelined.
import {
  createRedis as createConnection,
  DEFAULT_REDIS_URL,
  type Redis,
  type RedisRole,
} from "../../knowledge/infra/redis.js";
import type { RedisOptions } from "ioredis";
import { defineLuaCommands } from "./lua-commands.js";

export {
  closeRedis,
  DEFAULT_REDIS_URL,
  pingRedis,
  redisOptions,
  waitReady,
  type Redis,
  type RedisRole,
} from "../../knowledge/infra/redis.js";

export function createRedis(
  url: string = DEFAULT_REDIS_URL,
  role: RedisRole = "producer",
  extra: RedisOptions = {},
): Redis {
  return createConnection(url, role, extra, defineLuaCommands);
}
