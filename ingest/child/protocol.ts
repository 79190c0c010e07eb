import type { IngestReport, Progress } from "../pipeline/run.js";
import type { IngestRequest } from "../service.js";

/** What the parent sends the build child (plain data: the child builds its own core). */
export type ChildRequest = Pick<
  IngestRequest,
  "dataDir" | "corpusDir" | "paths" | "only" | "dryRun" | "skipBad" | "force"
> & {
  rollback?: boolean;
};

export type ChildMessage =
  | { type: "progress"; progress: Progress }
  | { type: "done"; report: IngestReport }
  | { type: "rolled_back"; from: string; to: string }
  | { type: "error"; code: string; message: string };
