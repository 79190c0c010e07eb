// Publishing approved entries = one more ingest run over the same sources (bundled corpus, added
// documents, the exported faq source): build → validate → publish → hot reload, a new index version.
import { IngestError } from "../../ingest/errors.js";
import type { IngestReport } from "../../ingest/pipeline/run.js";
import { ingest } from "../../ingest/service.js";
import { runIngestInChild } from "../../ingest/child/run-in-child.js";
import type { KnowledgePublisher, PublishOutcome } from "./knowledge-desk.js";

const LOCK_RETRIES = 20;
const LOCK_WAIT_MS = 1500;

export function describePublish(report: IngestReport): PublishOutcome {
  switch (report.status) {
    case "published":
      return { ok: true, version: report.version, text: `已发布到知识库（版本 ${report.version}），机器人即时生效` };
    case "unchanged":
      return { ok: true, version: report.version, text: "知识库内容未变化，无需发布" };
    case "dry_run":
      return { ok: true, version: report.version, text: "已校验（未发布）" };
    default:
      return {
        ok: false,
        version: null,
        text: `知识库未发布：${(report.rejection?.problems ?? []).slice(0, 3).join("；")}`,
      };
  }
}

/** A build already running may have read the export before this change: wait for it, then build again. */
async function retryWhileLocked(run: () => Promise<IngestReport>): Promise<PublishOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return describePublish(await run());
    } catch (err) {
      if (!(err instanceof IngestError && err.code === "LOCKED") || attempt >= LOCK_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, LOCK_WAIT_MS));
    }
  }
}

/** In this process (the CLI `npm run faq`, the local console). */
export function inProcessPublisher(opts: { dataDir: string; corpusDir?: string }): KnowledgePublisher {
  return { publish: () => retryWhileLocked(() => ingest({ dataDir: opts.dataDir, corpusDir: opts.corpusDir })) };
}

/** In a child process, as the admin re-ingest jobs do, so the bot's event loop keeps answering. */
export function childProcessPublisher(opts: {
  dataDir: string;
  corpusDir?: string;
  env?: NodeJS.ProcessEnv;
}): KnowledgePublisher {
  return {
    publish: () =>
      retryWhileLocked(async () => {
        const out = await runIngestInChild({ dataDir: opts.dataDir, corpusDir: opts.corpusDir }, undefined, opts.env);
        if (out.kind !== "report") throw new Error("unexpected rollback result");
        return out.report;
      }),
  };
}
