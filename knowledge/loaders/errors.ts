// Why a document cannot be loaded. The polite Chinese reason is shown to admins beside the file name.

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
