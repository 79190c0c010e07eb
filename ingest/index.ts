// Public entry of the ingest pipeline (loaders, build/publish, hot reload); the admin triggers (/reingest,
// POST /admin/ingest, the build queue) live in bot/admin. See ingest/README.md.
// For the knowledge core / `npm run chat`: `openPublishedKnowledgeBase()` (or `ensurePublishedIndex()` +
// `loadIndex(version.dir)`) serves the published index, building the bundled corpus on first use.
// Import this module, never the other way round: ingest/ imports knowledge/ but not knowledge/index.ts.
export { IngestError, USER_MESSAGES } from "./errors.js";
export { BadDocumentError, REASON_TEXT } from "../knowledge/loaders/errors.js";
export {
  loadDocument,
  loadDocuments,
  loadCorpusDir,
  expandPaths,
  SUPPORTED_EXTENSIONS,
  type LoadResult,
} from "../knowledge/loaders/index.js";
export { ingest, ensurePublishedIndex, type IngestRequest } from "./service.js";
export { runIngest, type IngestOptions, type IngestReport, type Progress } from "./pipeline/run.js";
export { rollback } from "./pipeline/rollback.js";
export { currentVersion, listVersions } from "./pipeline/versions.js";
export { indexLayout } from "./pipeline/layout.js";
export { formatDiff, type IngestDiff } from "./pipeline/diff.js";
export { defaultCore } from "./pipeline/core.js";
export { watchPublishedIndex, announcePublished, type HotReloader } from "./reload.js";
export { openPublishedKnowledgeBase, type LiveKnowledgeBase } from "./live-knowledge-base.js";
export { describeReport } from "./report-text.js";
