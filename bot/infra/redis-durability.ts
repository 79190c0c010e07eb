// Acknowledged messages live in Redis (the BullMQ queue) until answered. A Redis that loses its
// data on restart (no AOF) or evicts keys under memory pressure loses them. Checked at start-up;
// a managed Redis that forbids CONFIG GET is reported as unchecked.
import type { Redis } from "ioredis";
import type { Logger } from "../../knowledge/infra/logger.js";

export interface DurabilityReport {
  checked: boolean;
  appendonly?: string;
  maxmemoryPolicy?: string;
  problems: string[];
}

async function configValue(redis: Redis, name: string): Promise<string | undefined> {
  const res = (await redis.call("CONFIG", "GET", name)) as string[];
  return res?.[1];
}

export async function checkRedisDurability(redis: Redis): Promise<DurabilityReport> {
  let appendonly: string | undefined;
  let maxmemoryPolicy: string | undefined;
  try {
    appendonly = await configValue(redis, "appendonly");
    maxmemoryPolicy = await configValue(redis, "maxmemory-policy");
  } catch {
    return { checked: false, problems: [] };
  }
  const problems: string[] = [];
  if (appendonly !== "yes")
    problems.push(
      `appendonly is "${appendonly ?? "?"}" (need "yes": without it a Redis restart loses queued, already acknowledged messages)`,
    );
  if (maxmemoryPolicy !== "noeviction")
    problems.push(
      `maxmemory-policy is "${maxmemoryPolicy ?? "?"}" (need "noeviction": other policies may evict queued jobs)`,
    );
  return { checked: true, appendonly, maxmemoryPolicy, problems };
}

export async function warnIfRedisNotDurable(redis: Redis, log: Logger): Promise<DurabilityReport> {
  const report = await checkRedisDurability(redis);
  if (!report.checked)
    log.warn(
      "could not read Redis persistence settings (CONFIG GET not allowed?); make sure appendonly yes and maxmemory-policy noeviction are set",
    );
  for (const p of report.problems) log.warn(`⚠️  Redis is not durable: ${p}. See README → Operations → Redis.`);
  return report;
}
