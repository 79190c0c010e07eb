// Chat command for admins: `/reingest` (rebuild and publish), `/reingest dry-run`, `/reingest rollback`,
// `/reingest status`. Plugs into the conversation pipeline as an interceptor.
import type { Queue } from "bullmq";
import type { InboundMessage, Reply } from "../conversation/types.js";
import { logger } from "../../knowledge/infra/logger.js";
import { isListed, type AllowEntry } from "../tickets/identity.js";
import { type ReingestJobData, type ReingestJobResult, enqueueReingest } from "./queue.js";

const COMMAND = /^\s*[/／](reingest|重新导入|更新知识库)(?:\s+(.*))?$/i;

export interface ReingestInterceptorOptions {
  queue: Queue<ReingestJobData>;
  /** ADMIN_OPEN_IDS read as (platform, id) pairs (bot/tickets/identity.ts parseAllowlist). */
  admins: readonly AllowEntry[];
}

export interface MessageInterceptor {
  name: string;
  handleMessage(msg: InboundMessage): Promise<Reply[] | null>;
}

const text = (t: string): Reply[] => [{ kind: "text", text: t }];

const USAGE =
  "用法：/reingest（重建并发布）、/reingest dry-run（只校验不发布）、/reingest skip-bad（跳过坏文档发布其余）、" +
  "/reingest force（内容未变也重建）、/reingest rollback（回滚到上一版本）、/reingest status（查看进度）";

const FLAGS: Record<string, "dryRun" | "skipBad" | "force"> = {
  "dry-run": "dryRun",
  试运行: "dryRun",
  "skip-bad": "skipBad",
  force: "force",
};

/** "" → rebuild; "rollback"; or any of dry-run / skip-bad / force. null = not understood. */
function parseArgs(arg: string): { rollback?: boolean; dryRun?: boolean; skipBad?: boolean; force?: boolean } | null {
  const words = arg.split(/\s+/).filter(Boolean);
  if (words.length === 1 && (words[0] === "rollback" || words[0] === "回滚")) return { rollback: true };
  const req: { dryRun?: boolean; skipBad?: boolean; force?: boolean } = {};
  for (const w of words) {
    const flag = FLAGS[w];
    if (!flag) return null;
    req[flag] = true;
  }
  return req;
}

export function isAdmin(msg: InboundMessage, admins: readonly AllowEntry[]): boolean {
  return isListed(admins, { platform: msg.platform, id: msg.senderId });
}

export function createReingestInterceptor(opts: ReingestInterceptorOptions): MessageInterceptor {
  const log = logger.child({ module: "reingest-command" });
  return {
    name: "reingest",
    async handleMessage(msg) {
      const m = COMMAND.exec(msg.text);
      if (!m) return null;
      if (!isAdmin(msg, opts.admins)) {
        log.warn({ platform: msg.platform, sender: msg.senderId }, "refused /reingest from non-admin");
        return text("抱歉，只有管理员可以更新知识库。如需更新文档，请联系管理员。");
      }
      const arg = (m[2] ?? "").trim().toLowerCase();
      if (arg === "status" || arg === "状态") return text(await statusText(opts.queue));
      const request = parseArgs(arg);
      if (!request) return text(USAGE);
      let out;
      try {
        out = await enqueueReingest(opts.queue, {
          source: "chat",
          requestedBy: `${msg.platform}:${msg.senderId}`,
          message: msg,
          request,
        });
      } catch (e) {
        log.error({ err: (e as Error).message }, "could not queue re-ingest");
        return text("抱歉，暂时无法提交知识库更新任务（任务队列不可用），请稍后再试。线上知识库不受影响。");
      }
      if (!out.queued)
        return text(
          `已有一次知识库更新正在进行（任务 ${out.runningJobId}），请等它完成后再试。发送 /reingest status 查看进度。`,
        );
      log.info({ jobId: out.jobId, by: msg.senderId, request }, "re-ingest queued");
      const what = "rollback" in request ? "回滚知识库" : request.dryRun ? "试运行知识库更新（不发布）" : "更新知识库";
      return text(`好的，已开始${what}（任务 ${out.jobId}）。完成后会在这里回复结果和变更摘要。`);
    },
  };
}

async function statusText(queue: Queue<ReingestJobData>): Promise<string> {
  const [active] = await queue.getJobs(["active", "waiting"], 0, 0);
  if (active) {
    const p = active.progress as { stage?: string; done?: number; total?: number } | number;
    const prog = typeof p === "object" && p.stage ? `${p.stage} ${p.done ?? 0}/${p.total ?? 0}` : "排队中";
    return `知识库更新进行中（任务 ${active.id}）：${prog}`;
  }
  const [last] = await queue.getJobs(["completed", "failed"], 0, 0);
  if (!last) return "目前没有进行中的知识库更新。";
  const res = last.returnvalue as ReingestJobResult | undefined;
  return res
    ? `最近一次更新（任务 ${last.id}）：\n${res.text}`
    : `最近一次更新（任务 ${last.id}）失败：${last.failedReason ?? "未知原因"}`;
}
