import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { IngestError } from "../errors.js";
import type { IndexLayout } from "./layout.js";

interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * One build at a time per DATA_DIR. A lock left by a dead process (crash, SIGKILL) is taken
 * over, and the half-written build directories it left are removed, so the next run starts clean.
 */
export async function acquireBuildLock(layout: IndexLayout): Promise<() => Promise<void>> {
  await fs.mkdir(layout.root, { recursive: true });
  const info: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await fs.writeFile(layout.lock, JSON.stringify(info), { flag: "wx" });
      await cleanStaleBuilds(layout);
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        await fs.rm(layout.lock, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const holder = await readLock(layout.lock);
      if (holder && holder.host === os.hostname() && !alive(holder.pid)) {
        await fs.rm(layout.lock, { force: true });
        continue;
      }
      if (!holder) {
        // Unreadable lock: written by a process that died between open and write.
        const st = await fs.stat(layout.lock).catch(() => null);
        if (!st || Date.now() - st.mtimeMs > 10_000) {
          await fs.rm(layout.lock, { force: true });
          continue;
        }
      }
      throw new IngestError(
        "LOCKED",
        `another ingest is running (pid ${holder?.pid ?? "?"} since ${holder?.startedAt ?? "?"})`,
      );
    }
  }
  throw new IngestError("LOCKED", "could not take the ingest lock");
}

async function readLock(file: string): Promise<LockInfo | null> {
  try {
    const v = JSON.parse(await fs.readFile(file, "utf8")) as LockInfo;
    return typeof v.pid === "number" ? v : null;
  } catch {
    return null;
  }
}

/** Removes build leftovers: tmp build dirs and stray pointer temp links. Published versions are untouched. */
export async function cleanStaleBuilds(layout: IndexLayout): Promise<string[]> {
  const removed: string[] = [];
  await fs.rm(layout.tmp, { recursive: true, force: true }).then(() => removed.push(layout.tmp));
  for (const name of await fs.readdir(layout.root).catch(() => [] as string[])) {
    if (name.startsWith("current.tmp")) {
      await fs.rm(path.join(layout.root, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}
