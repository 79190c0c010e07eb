import { USER_MESSAGES } from "./errors.js";
import { formatDiff } from "./pipeline/diff.js";
import type { IngestReport, Stage } from "./pipeline/run.js";

export const STAGE_NAMES: Record<Stage, string> = { load: "读取", chunk: "切分", embed: "向量", index: "索引", validate: "校验", publish: "发布" };

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
  const s = r.stats;
  lines.push(
    `文档 ${s.documents}，段落 ${s.passages}，新计算向量 ${s.embedded}，缓存向量 ${s.cachedVectors}，耗时 ${((s.ms.total ?? 0) / 1000).toFixed(1)} s`,
  );
  return lines.join("\n");
}

