// Typed errors of the ingest pipeline. Each carries a code; the polite Chinese text shown to
// admins comes from USER_MESSAGES keyed by that code, internals go to the log only.

export type BadDocumentReason =
  | "unsupported_type"
  | "empty"
  | "too_large"
  | "undecodable"
  | "invalid_front_matter"
  | "corrupt"
  | "encrypted"
  | "no_text_layer"
  | "unreadable"
  | "no_passages";

/** A document that cannot be ingested. Names the file and says why. */
export class BadDocumentError extends Error {
  readonly code = "BAD_DOCUMENT";
  constructor(
    readonly file: string,
    readonly reason: BadDocumentReason,
    readonly detail: string,
  ) {
    super(`${file}: ${REASON_TEXT[reason]}${detail ? ` (${detail})` : ""}`);
    this.name = "BadDocumentError";
  }
}

export const REASON_TEXT: Record<BadDocumentReason, string> = {
  unsupported_type: "不支持的文件类型（支持 .txt .md .html .htm .docx .pdf）",
  empty: "文件为空或没有可用的正文",
  too_large: "文件超过大小上限",
  undecodable: "无法识别文件的文字编码",
  invalid_front_matter: "文件开头的 YAML 元数据（front matter）无效",
  corrupt: "文件已损坏，无法解析",
  encrypted: "PDF 已加密，无法读取",
  no_text_layer: "PDF 没有文字层（可能是扫描件），请提供可复制文字的版本",
  unreadable: "无法读取文件",
  no_passages: "文档没有切分出任何段落",
};

export type IngestErrorCode =
  | "LOCKED"
  | "BAD_DOCUMENTS"
  | "VALIDATION_FAILED"
  | "NO_VERSION"
  | "NO_PREVIOUS_VERSION"
  | "BUILD_FAILED";

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
};
