// Hot reload: running bot processes learn that a new index version was published and swap it in.
// Between processes/hosts: Redis pub/sub (when a Redis URL is given). Always: a watch on the index
// directory (the `current` pointer is replaced by rename, so the directory sees the event). Both end in the same check:
// resolve `current`, and if it points somewhere new, load it, then hand it to `swap`.
import { watch, type FSWatcher } from "node:fs";
import { promises as fs } from "node:fs";
import type { Redis } from "ioredis";
import { logger } from "../knowledge/infra/logger.js";
import { createRedis } from "../knowledge/infra/redis.js";
import { indexLayout } from "./pipeline/layout.js";

export const DEFAULT_INDEX_CHANNEL = "qft:index:published";

export interface PublishedMessage {
  version: string;
  dir: string;
  at: string;
}

/** Tells every subscribed process that `version` is live (publisher side, after the pointer switch). */
export async function announcePublished(
  redis: Redis,
  version: string,
  dir: string,
  channel = DEFAULT_INDEX_CHANNEL,
): Promise<number> {
  const msg: PublishedMessage = { version, dir, at: new Date().toISOString() };
  return redis.publish(channel, JSON.stringify(msg));
}

export interface HotReloadOptions<T> {
  dataDir: string;
  /** Loads the version directory (e.g. the knowledge core's loader). Must not disturb the live one. */
  load: (dir: string, version: string) => Promise<T>;
  /** Makes the loaded value live. Questions already running keep the value they started with. */
  swap: (value: T, version: string) => void | Promise<void>;
  /** The version this process serves now (reloads only happen for a different one). */
  initialVersion?: string | null;
  redisUrl?: string;
  channel?: string;
  /** Watch the pointer file as well (default true; off only to test the Redis path alone). */
  watchFiles?: boolean;
  /** Safety net when an event was missed (ms, 0 = off). */
  pollMs?: number;
  onError?: (err: Error) => void;
}

export interface HotReloader {
  /** Checks the pointer now (also what every event does). Resolves to the version live afterwards. */
  check(): Promise<string | null>;
  readonly version: string | null;
  close(): Promise<void>;
}

export async function watchPublishedIndex<T>(opts: HotReloadOptions<T>): Promise<HotReloader> {
  const layout = indexLayout(opts.dataDir);
  const log = logger.child({ module: "index-reload" });
  let version = opts.initialVersion ?? null;
  let running: Promise<string | null> | null = null;
  let again = false;

  const reloadOnce = async (): Promise<string | null> => {
    let dir: string;
    try {
      dir = await fs.realpath(layout.current);
    } catch {
      return version;
    }
    const manifest = JSON.parse(await fs.readFile(`${dir}/manifest.json`, "utf8").catch(() => "{}")) as { id?: string };
    if (!manifest.id || manifest.id === version) return version;
    const value = await opts.load(dir, manifest.id);
    await opts.swap(value, manifest.id);
    log.info({ from: version, to: manifest.id }, "index reloaded");
    version = manifest.id;
    return version;
  };
  // Serialise checks; a burst of events while one runs collapses into one more check.
  const check = (): Promise<string | null> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        let v = await reloadOnce();
        while (again) {
          again = false;
          v = await reloadOnce();
        }
        return v;
      } catch (e) {
        (
          opts.onError ??
          ((err: Error) => log.error({ err: err.message }, "index reload failed; keeping the current one"))
        )(e as Error);
        return version;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  let watcher: FSWatcher | undefined;
  let sub: Redis | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (opts.redisUrl) {
    sub = createRedis(opts.redisUrl, "worker");
    const channel = opts.channel ?? DEFAULT_INDEX_CHANNEL;
    await sub.subscribe(channel);
    sub.on("message", (ch: string) => {
      if (ch === channel) void check();
    });
  }
  // Always watch the pointer too: a publish on this machine by a CLI without REDIS_URL still reaches us.
  if (opts.watchFiles !== false) {
    await fs.mkdir(layout.root, { recursive: true });
    watcher = watch(layout.root, (_event, name) => {
      if (name === "current") void check();
    });
    watcher.on("error", (e) => log.warn({ err: (e as Error).message }, "index watch error"));
  }
  if (opts.pollMs) {
    timer = setInterval(() => void check(), opts.pollMs);
    timer.unref();
  }
  return {
    check,
    get version() {
      return version;
    },
    async close() {
      if (timer) clearInterval(timer);
      watcher?.close();
      if (sub) {
        await sub.quit().catch(() => sub?.disconnect());
      }
      await running?.catch(() => undefined);
    },
  };
}
