import { fork } from "node:child_process";
import path from "node:path";
import { IngestError, type IngestErrorCode } from "../errors.js";
import type { IngestReport, Progress } from "../pipeline/run.js";
import type { ChildMessage, ChildRequest } from "./protocol.js";

const CHILD = path.join(path.dirname(new URL(import.meta.url).pathname), "build-child.ts");
/** tsx's loader, resolved from here so the child starts the same whatever the working directory. */
const TSX = import.meta.resolve("tsx");

export type ChildOutcome = { kind: "report"; report: IngestReport } | { kind: "rollback"; from: string; to: string };

/**
 * Runs an ingest (or a rollback) in a child Node process with tsx. Rejects with IngestError when the
 * child reports one or dies; a killed child leaves the live index as it was (see pipeline/lock.ts).
 */
export function runIngestInChild(
  req: ChildRequest,
  onProgress?: (p: Progress) => void,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildOutcome> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [], { execArgv: ["--import", TSX], env, stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    let settled = false;
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
        reject(new IngestError("BUILD_FAILED", `build process exited (${signal ?? code}) ${stderr.trim().split("\n").slice(-3).join(" ")}`));
      }
    });
    child.send(req);
  });
}
