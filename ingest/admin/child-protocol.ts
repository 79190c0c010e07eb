import type { IngestReport, Progress } from "../pipeline/run.js";

/** What the parent sends the build child (plain data: the child builds its own core). */
export interface ChildRequest {
  dataDir: string;
  corpusDir?: string;
  paths?: string[];
  only?: boolean;
  dryRun?: boolean;
  skipBad?: boolean;
  force?: boolean;
  rollback?: boolean;
}

export type ChildMessage =
  | { type: "progress"; progress: Progress }
  | { type: "done"; report: IngestReport }
  | { type: "rolled_back"; from: string; to: string }
  | { type: "error"; code: string; message: string };
