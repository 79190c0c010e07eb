// Typed errors of an ingest run. Each carries a code; the polite Chinese text shown to admins comes
// from USER_MESSAGES keyed by that code, internals go to the log only. A single bad document is a
// BadDocumentError (knowledge/loaders/errors.ts).

export type IngestErrorCode =
  | "LOCKED"
  | "BAD_DOCUMENTS"
  | "VALIDATION_FAILED"
  | "NO_VERSION"
  | "NO_PREVIOUS_VERSION"
  | "BUILD_FAILED"
  | "NOT_AN_ADDITION";

/** A failure of a whole ingest run (as opposed to one bad document). */
export class IngestError extends Error {
  constructor(
    readonly code: IngestErrorCode,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = "IngestError";
  }
}

export const USER_MESSAGES: Record<IngestErrorCode, string> = {
  LOCKED: "已有一次知识库更新正在进行，请稍后再试。",
  BAD_DOCUMENTS: "部分文档无法导入，本次未发布新版本。可修正后重试，或使用 --skip-bad 跳过这些文档。",
  VALIDATION_FAILED: "新版本知识库未通过校验，线上版本保持不变。",
  NO_VERSION: "尚未发布任何知识库版本。",
  NO_PREVIOUS_VERSION: "没有可回滚的上一个版本。",
  BUILD_FAILED: "知识库构建失败，线上版本保持不变。",
  NOT_AN_ADDITION: "没有这个已添加的文档（可用 --list 查看）；内置语料中的文档不能移除。",
};
