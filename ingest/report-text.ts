import { USER_MESSAGES } from "./errors.js";
import type { AdditionRecord } from "./pipeline/additions.js";
import { formatDiff } from "./pipeline/diff.js";
import type { IngestReport, Stage } from "./pipeline/run.js";

export const STAGE_NAMES: Record<Stage, string> = {
  load: "读取",
  chunk: "切分",
  embed: "向量",
  index: "索引",
  validate: "校验",
  publish: "发布",
};

export function describeReport(r: IngestReport): string {
  const lines: string[] = [];
  const head = {
    published: `已发布新版本 ${r.version}`,
    dry_run: `试运行完成（未发布）：构建版本 ${r.version} 通过校验`,
    unchanged: `文档未变化，线上版本保持 ${r.live}`,
    rejected: `未发布：${r.rejection?.code === "VALIDATION_FAILED" ? USER_MESSAGES.VALIDATION_FAILED : USER_MESSAGES.BAD_DOCUMENTS}`,
  }[r.status];
  lines.push(head);
  if (r.rejection) for (const p of r.rejection.problems) lines.push(`  ✗ ${p}`);
  if (r.skipped.length && r.status !== "rejected") {
    lines.push(`已跳过 ${r.skipped.length} 个文档：`);
    for (const s of r.skipped) lines.push(`  ✗ ${s.message}`);
  }
  for (const w of r.validation?.warnings ?? []) lines.push(`  ⚠ ${w}`);
  if (r.diff && r.status !== "unchanged") lines.push(formatDiff(r.diff));
  for (const m of r.metadata ?? []) {
    lines.push(
      `元数据《${m.title}》（${m.source === "sidecar" ? "来自 .meta.yaml，其余从正文识别" : "从正文识别"}）：${m.found.join("；") || "无"}`,
    );
    for (const w of m.warnings) lines.push(`  ⚠ ${w}`);
  }
  const s = r.stats;
  lines.push(
    `文档 ${s.documents}，段落 ${s.passages}，新计算向量 ${s.embedded}，缓存向量 ${s.cachedVectors}，耗时 ${((s.ms.total ?? 0) / 1000).toFixed(1)} s`,
  );
  return lines.join("\n");
}

const STATUS_TEXT: Record<string, string> = {
  in_force: "现行有效",
  superseded: "已被替代",
  expired: "已过期",
  unknown: "未注明",
};

/** `--list`: the documents admins added to the live version. */
export function describeAdditions(version: string | null, records: AdditionRecord[]): string {
  if (!version) return "尚未发布任何知识库版本。";
  if (!records.length) return `线上版本 ${version}：没有已添加的文档（只有内置语料）。`;
  const lines = [`线上版本 ${version}：已添加 ${records.length} 个文档`];
  for (const r of records)
    lines.push(
      `  · 《${r.title}》 源文件 ${r.file}｜效力 ${STATUS_TEXT[r.status] ?? r.status}｜添加于 ${r.addedIn}${r.issuer ? `｜${r.issuer}` : ""}`,
    );
  return lines.join("\n");
}
