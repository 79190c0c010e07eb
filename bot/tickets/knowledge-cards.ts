// What admins and staff see of knowledge entries: the review card (通过 / 修改 / 驳回 as a form),
// entry details and lists.
import type { GenericCard, Reply } from "../conversation/types.js";
import { formatShanghai } from "./calendar.js";
import { parseJson } from "./cards.js";
import { STATE_LABELS, type EntryRow } from "./knowledge-entries.js";
import { describeLabel } from "./labels.js";

export function entrySummary(e: EntryRow): string {
  const variants = parseJson<string[]>(e.variants, []);
  return [
    `**状态**：${STATE_LABELS[e.state]}（第 ${e.revision} 版）${e.ticket_number ? ` · 来自工单 ${e.ticket_number}` : ""}`,
    `**企业问题**：${e.question}`,
    variants.length ? `**其他问法**：${variants.join("；")}` : null,
    `**归类**：${describeLabel(e)}`,
    `**答复**：${e.answer}`,
    `**提交人**：${e.proposed_by} · ${formatShanghai(e.proposed_at)}`,
    e.reviewed_by ? `**审核人**：${e.reviewed_by} · ${e.reviewed_at ? formatShanghai(e.reviewed_at) : ""}` : null,
    e.reject_reason ? `**驳回原因**：${e.reject_reason}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

/** The admin review card: a form with one text field and three submit buttons. */
export function reviewCard(e: EntryRow, note?: string): Reply {
  const commands = `指令：/知识 通过 ${e.id} | /知识 修改 ${e.id} 新答复 | /知识 驳回 ${e.id} 原因`;
  const markdown = [note ? `**${note}**` : null, entrySummary(e), e.state === "pending" ? commands : null]
    .filter(Boolean)
    .join("\n");
  const card: GenericCard = {
    title: `知识条目 ${e.id} · ${STATE_LABELS[e.state]}`,
    template: e.state === "approved" ? "green" : e.state === "rejected" ? "grey" : "orange",
    markdown,
    buttons: [],
    shared: true,
    forms:
      e.state === "pending"
        ? [
            {
              name: `review_${e.id}`,
              fields: [
                { kind: "input", name: "text", label: "修改后的答复，或驳回原因（通过时可不填）", required: false },
              ],
              submits: [
                { text: "通过", value: { cmd: "knowledge.approve", id: e.id }, type: "primary" },
                { text: "修改", value: { cmd: "knowledge.edit", id: e.id } },
                { text: "驳回", value: { cmd: "knowledge.reject", id: e.id }, type: "danger" },
              ],
            },
          ]
        : undefined,
  };
  return { kind: "card", card, text: `${card.title}\n${markdown}` };
}

export function entryList(title: string, entries: EntryRow[]): string {
  if (!entries.length) return `${title}：暂无。`;
  const rows = entries.map(
    (e) =>
      `• ${e.id}｜${STATE_LABELS[e.state]}｜${e.question.slice(0, 30)}${e.question.length > 30 ? "…" : ""}｜${describeLabel(e)}`,
  );
  return `${title}（${entries.length}）：\n${rows.join("\n")}`;
}
