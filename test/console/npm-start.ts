// Runs `npm start` as a child process (its own process group) against the Feishu emulator, real
// Redis and a SQLite ticket database in a temp DATA_DIR; waits for /healthz; stops it with SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";
import { deleteKeysMatching } from "../support/redis-keys.js";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface NpmStart {
  url: string;
  port: number;
  env: Record<string, string>;
  dataDir: string;
  /** What the server wrote to stderr/stdout (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export async function npmStart(extraEnv: Record<string, string>, readyTimeoutMs = 120_000): Promise<NpmStart> {
  const port = await freePort();
  const id = randomUUID();
  const prefix = `test-${id}:`;
  const dataDir = mkdtempSync(join(tmpdir(), "console-test-"));
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: "127.0.0.1",
    REDIS_URL,
    REDIS_PREFIX: prefix,
    INBOUND_QUEUE: `test-${id}`,
    INGEST_QUEUE: `test-${id}-ingest`,
    INDEX_CHANNEL: `${prefix}index-published`,
    DATA_DIR: dataDir,
    DATABASE_URL: `sqlite:${join(dataDir, "desk.db")}`,
    CONSOLE_BASE_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: process.env.CONSOLE_TEST_LOG_LEVEL ?? "warn",
    ...extraEnv,
  };
  const child: ChildProcess = spawn("npm", ["start", "--silent"], {
    cwd: new URL("../..", import.meta.url).pathname,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", TZ: "UTC", ...env },
    detached: true, // its own process group: npm, tsx, node and ingest build children stop together
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const keep = (b: Buffer) => {
    out = (out + b.toString("utf8")).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`npm start exited (${child.exitCode}):\n${out}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      process.kill(-child.pid!, "SIGKILL");
      throw new Error(`npm start not healthy after ${readyTimeoutMs} ms:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    port,
    env,
    dataDir,
    output: () => out,
    async stop() {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid!, "SIGTERM");
        } catch {
          /* already gone */
        }
        const killer = setTimeout(() => {
          try {
            process.kill(-child.pid!, "SIGKILL");
          } catch {
            /* gone */
          }
        }, 15_000);
        await exited;
        clearTimeout(killer);
      }
      const r = createRedis(REDIS_URL, "producer");
      await waitReady(r);
      await deleteKeysMatching(r, [
        `${prefix}*`,
        `bull:${env.INBOUND_QUEUE}:*`,
        `bull:${env.INGEST_QUEUE}:*`,
        `bull:${prefix}desk*`,
        `${prefix}desk*`,
      ]);
      await closeRedis(r);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
