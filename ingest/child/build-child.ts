// Runs one ingest in its own process, so a heavy build never blocks the BullMQ worker's event
// loop (lock renewal) or a bot process answering questions. Talks to the parent over IPC.
import { IngestError } from "../errors.js";
import { rollback } from "../pipeline/rollback.js";
import { ingestConfig } from "../config.js";
import { ingest, notifyRedis } from "../service.js";
import type { ChildMessage, ChildRequest } from "./protocol.js";

function send(msg: ChildMessage): Promise<void> {
  return new Promise((resolve) => (process.send ? process.send(msg, () => resolve()) : resolve()));
}

process.once("message", async (req: ChildRequest) => {
  try {
    if (req.rollback) {
      const cfg = ingestConfig();
      const res = await rollback(
        req.dataDir,
        cfg.REDIS_URL ? (v, d) => notifyRedis(cfg.REDIS_URL!, v, d, cfg.INDEX_CHANNEL) : undefined,
      );
      await send({ type: "rolled_back", ...res });
    } else {
      let last = 0;
      const report = await ingest({
        ...req,
        onProgress: (progress) => {
          const now = Date.now();
          if (now - last < 200 && progress.done !== progress.total) return;
          last = now;
          void send({ type: "progress", progress });
        },
      });
      await send({ type: "done", report });
    }
  } catch (e) {
    const err = e as Error;
    await send({ type: "error", code: e instanceof IngestError ? e.code : "BUILD_FAILED", message: err.message });
  }
  process.disconnect?.();
});
