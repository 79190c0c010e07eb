// `/知识 …` for admins (and staff, read-only): 待审, K-… (details), 通过, 驳回 原因, 修改 新答复.
import type { InboundMessage, Reply } from "../conversation/types.js";
import { text } from "./cards.js";
import { userText } from "./errors.js";
import { entryList, entrySummary, reviewCard } from "./knowledge-cards.js";
import type { KnowledgeDesk } from "./knowledge-desk.js";
import { publishNote } from "./knowledge-card-actions.js";

export const KNOWLEDGE_HELP = [
  "知识条目指令：",
  "· /知识 待审 —— 待审核的条目",
  "· /知识 已通过 —— 已生效的条目",
  "· /知识 K-20241126-0001 —— 查看条目",
  "· /知识 通过 K-… —— 审核通过并发布到知识库（管理员）",
  "· /知识 驳回 K-… 原因 —— 驳回；对已通过的条目即撤回（管理员）",
  "· /知识 修改 K-… 新答复 —— 修改答复（管理员）",
].join("\n");

const PREFIX = /^[/／]\s*知识(?:库)?(?:\s+|$)/;

export function isKnowledgeCommand(t: string): boolean {
  return PREFIX.test(t.trim());
}

export async function handleKnowledgeCommand(k: KnowledgeDesk, msg: InboundMessage): Promise<Reply[]> {
  const actor = { platform: msg.platform, id: msg.senderId, name: msg.senderName };
  if (!k.deps.desk.isStaff(actor)) return [text("抱歉，只有服务台工作人员和管理员可以使用知识条目指令。")];
  const rest = msg.text.trim().replace(PREFIX, "").trim();
  const [verb = "", id = "", ...more] = rest.split(/\s+/);
  const arg = more.join(" ");
  try {
    switch (verb) {
      case "":
      case "帮助":
        return [text(KNOWLEDGE_HELP)];
      case "待审":
      case "待审核":
        return [text(entryList("待审核知识条目", await k.list("pending")))];
      case "已通过":
        return [text(entryList("已通过知识条目", await k.list("approved")))];
      case "通过": {
        const { entry, published } = await k.approve(id, actor);
        return [text(`知识条目 ${entry.id} 已通过${publishNote(published)}`)];
      }
      case "驳回": {
        const { entry, published } = await k.reject(id, actor, arg);
        return [text(`知识条目 ${entry.id} 已驳回：${entry.reject_reason ?? ""}${publishNote(published)}`)];
      }
      case "修改": {
        const { entry, published } = await k.edit(id, actor, arg);
        return [text(`知识条目 ${entry.id} 的答复已修改（第 ${entry.revision} 版）${publishNote(published)}`)];
      }
      default: {
        if (/^K-/i.test(verb)) {
          const e = await k.get(verb);
          return [
            e.state === "pending" && k.deps.desk.isAdmin(actor)
              ? reviewCard(e)
              : text(`知识条目 ${e.id}\n${entrySummary(e)}`),
          ];
        }
        return [text(`不认识的操作「${verb}」。\n\n${KNOWLEDGE_HELP}`)];
      }
    }
  } catch (err) {
    return [text(userText(err))];
  }
}
