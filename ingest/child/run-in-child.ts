import { fork } from "node:child_process";
import path from "node:path";
import { ingestConfig } from "../config.js";
import { IngestError, type IngestErrorCode } from "../errors.js";
import type { IngestReport, Progress } from "../pipeline/run.js";
import type { ChildMessage, ChildRequest } from "./protocol.js";

const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), "build-child.ts");
/** tsx's loader, resolved from here so the child starts the same whatever the working directory. */
const TSX = import.meta.resolve("tsx");

export type ChildOutcome = { kind: "report"; report: IngestReport } | { kind: "rollback"; from: string; to: string };

export interface ChildLimits {
  timeoutMs: number;
  maxOldSpaceMb: number;
}

/**
 * Runs an ingest (or a rollback) in a child Node process with tsx, under a heap limit and a
 * wall-clock timeout (INGEST_BUILD_MAX_MB, INGEST_BUILD_TIMEOUT_SEC). Rejects with IngestError when
 * the child reports one, dies or is killed; a killed child leaves the live index as it was (see pipeline/lock.ts).
 */
export function runIngestInChild(
  req: ChildRequest,
  onProgress?: (p: Progress) => void,
  env: NodeJS.ProcessEnv = process.env,
  limits?: Partial<ChildLimits>,
): Promise<ChildOutcome> {
  const cfg = ingestConfig(env);
  const timeoutMs = limits?.timeoutMs ?? cfg.INGEST_BUILD_TIMEOUT_SEC * 1000;
  const maxOldSpaceMb = limits?.maxOldSpaceMb ?? cfg.INGEST_BUILD_MAX_MB;
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], {
      execArgv: ["--import", TSX, `--max-old-space-size=${maxOldSpaceMb}`],
      env,
      stdio: ["ignore", "ignore", "pipe", "ipc"],
    });
    let stderr = "";
    let settled = false;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.once("exit", () => clearTimeout(timer));
    child.stderr?.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on("message", (msg: ChildMessage) => {
      if (msg.type === "progress") onProgress?.(msg.progress);
      if (msg.type === "progress") return;
      settled = true;
      if (msg.type === "done") resolve({ kind: "report", report: msg.report });
      else if (msg.type === "rolled_back") resolve({ kind: "rollback", from: msg.from, to: msg.to });
      else reject(new IngestError(msg.code as IngestErrorCode, msg.message));
    });
    child.on("error", (e) => {
      if (settled) return;
      settled = true;
      reject(new IngestError("BUILD_FAILED", e.message));
    });
    child.on("exit", (code, signal) => {
      if (!settled) {
        settled = true;
        if (timedOut)
          reject(
            new IngestError(
              "BUILD_FAILED",
              `构建超过时限（${Math.round(timeoutMs / 1000)} 秒）已被终止，线上版本保持不变。`,
            ),
          );
        else if (/heap out of memory|Allocation failed/i.test(stderr))
          reject(
            new IngestError("BUILD_FAILED", `构建超过内存上限（${maxOldSpaceMb} MB）已被终止，线上版本保持不变。`),
          );
        else
          reject(
            new IngestError(
              "BUILD_FAILED",
              `build process exited (${signal ?? code}) ${stderr.trim().split("\n").slice(-3).join(" ")}`,
            ),
          );
      }
    });
    child.send(req);
  });
}
