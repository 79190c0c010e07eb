// Cards and texts people see: the shared desk card, the satisfaction survey, ticket lists.
import type { Citation } from "../../knowledge/types.js";
import type { CardForm, CardFormField, GenericCard, Reply } from "../conversation/types.js";
import { maskPersonalData } from "../../knowledge/infra/mask.js";
import { formatShanghai } from "./calendar.js";
import { noticeProjects } from "./notice-projects.js";
import { STATE_NAMES, type TicketState } from "./states.js";
import type { TicketRow } from "./store.js";

export const SURVEY_SCORES: Record<number, string> = { 3: "满意", 2: "基本满意", 1: "不满意" };
export const DISSATISFACTION_REASONS = ["问题没有解决", "回复太慢", "答复看不懂", "其他原因"];

const TEMPLATE: Record<TicketState, GenericCard["template"]> = {
  new: "orange",
  assigned: "blue",
  in_progress: "blue",
  waiting_enterprise: "grey",
  resolved: "green",
  closed: "grey",
  transferred: "orange",
};

export function projectLabel(t: Pick<TicketRow, "project" | "project_name">): string {
  if (t.project == null) return "未确定";
  return t.project_name ? `项目${t.project}「${t.project_name}」` : `项目${t.project}`;
}

export function contactLabel(t: TicketRow): string {
  const who = t.user_name ? `${t.user_name}（${t.user_id}）` : t.user_id;
  const org = [t.enterprise_name, t.credit_code ? `统一社会信用代码 ${t.credit_code}` : null]
    .filter(Boolean)
    .join("，");
  return `${who} · ${t.platform}${t.chat_type === "group" ? " 群聊" : " 单聊"}${org ? ` · ${org}` : ""}`;
}

/** The desk card goes to a group chat: phone, ID and credit-code numbers are masked (the ticket keeps them). */
export function deskCard(t: TicketRow): Reply {
  const r = deskCardUnmasked(t);
  return r.kind === "card"
    ? { ...r, card: { ...r.card, markdown: maskPersonalData(r.card.markdown) }, text: maskPersonalData(r.text) }
    : r;
}

function deskCardUnmasked(t: TicketRow): Reply {
  const citations = parseJson<Citation[]>(t.citations, []).slice(0, 3);
  const convo = parseJson<{ role: string; text: string }[]>(t.conversation, []).slice(-4);
  const lines = [
    `**状态**：${STATE_NAMES[t.state]}${t.assignee_id ? ` · 处理人：${t.assignee_name ?? t.assignee_id}` : ""}`,
    `**企业联系人**：${contactLabel(t)}`,
    `**问题**：${t.question}`,
    `**建议项目**：${projectLabel(t)} · **牵头单位**：${t.lead_unit ?? "未确定"}`,
    `**优先级**：${t.priority === "high" ? "紧急" : "普通"}`,
    `**首次响应时限**：${formatShanghai(t.first_response_due_at)} · **办结时限**：${formatShanghai(t.resolution_due_at)}${t.sla_paused_at != null ? "（等待企业回复，计时暂停）" : ""}`,
    `**创建时间**：${formatShanghai(t.created_at)}`,
  ];
  if (citations.length)
    lines.push(`**机器人引用**：${citations.map((c) => `《${c.document}》${c.section}`).join("；")}`);
  if (convo.length)
    lines.push(
      `**最近对话**：\n${convo.map((m) => `${m.role === "bot" ? "机器人" : "企业"}：${m.text.slice(0, 120)}`).join("\n")}`,
    );
  lines.push(
    `指令：/工单 ${t.number} 认领 | 回复 内容 | 备注 内容 | 转派 单位 | 解决 说明 | 归类 项目序号 单位 | 入库`,
  );
  const v = (cmd: string) => ({ cmd, number: t.number });
  const buttons: GenericCard["buttons"] = [];
  if (t.state === "new" || t.state === "transferred")
    buttons.push({ text: "认领", value: v("ticket.claim"), type: "primary" });
  if (["assigned", "in_progress", "waiting_enterprise"].includes(t.state)) {
    buttons.push(
      { text: "回复", value: v("ticket.reply") },
      { text: "解决", value: v("ticket.resolve"), type: "primary" },
    );
  }
  if (["new", "assigned", "in_progress", "waiting_enterprise", "transferred"].includes(t.state))
    buttons.push({ text: "转派", value: v("ticket.transfer") });
  const card: GenericCard = {
    title: `工单 ${t.number} · ${STATE_NAMES[t.state]}`,
    template: TEMPLATE[t.state],
    markdown: lines.join("\n"),
    buttons,
    shared: true,
    forms: deskForms(t),
  };
  return { kind: "card", card, text: `${card.title}\n${card.markdown}` };
}

/** Label fields: what the ticket was about (project / document / out of scope), unit, 可复用. */
function labelFields(t: TicketRow, required = false): CardFormField[] {
  const options = [
    ...noticeProjects().map((p) => ({ text: `${p.number}. ${p.name}`, value: String(p.number) })),
    { text: "与某个文件有关（单位栏写文件名）", value: "文件" },
    { text: "不在通知范围（单位栏写实际承办部门）", value: "不在范围" },
  ];
  return [
    {
      kind: "select",
      name: "label_project",
      label: "所属项目",
      required,
      options,
      initial: t.project != null ? String(t.project) : undefined,
    },
    { kind: "input", name: "label_unit", label: "办理单位 / 承办部门 / 文件名" },
    { kind: "checkbox", name: "reusable", label: "可复用（把答复提交管理员审核入库）" },
  ];
}

/** Feishu shows these as input forms; other channels use the commands named in the card text. */
function deskForms(t: TicketRow): CardForm[] {
  const forms: CardForm[] = [];
  const v = (cmd: string) => ({ cmd, number: t.number });
  const working = ["assigned", "in_progress", "waiting_enterprise"].includes(t.state);
  if (working) {
    forms.push({
      name: `reply_${t.number}`,
      fields: [{ kind: "input", name: "reply", label: "回复企业的内容", required: true }],
      submits: [{ text: "回复", value: v("ticket.reply"), type: "primary" }],
    });
    forms.push({
      name: `resolve_${t.number}`,
      fields: [
        { kind: "input", name: "resolution", label: "处理结果（发给企业）", required: true },
        ...labelFields(t, true),
      ],
      submits: [{ text: "解决", value: v("ticket.resolve"), type: "primary" }],
    });
  }
  if (working || t.state === "new" || t.state === "transferred") {
    forms.push({
      name: `transfer_${t.number}`,
      fields: [{ kind: "input", name: "transfer_unit", label: "转派给哪个单位", required: true }],
      submits: [{ text: "转派", value: v("ticket.transfer") }],
    });
  }
  if (t.state === "resolved" || t.state === "closed") {
    forms.push({
      name: `label_${t.number}`,
      fields: labelFields(t),
      submits: [{ text: "归类", value: v("ticket.label"), type: "primary" }],
    });
  }
  return forms;
}

export function surveyCard(t: TicketRow, resolution: string): Reply {
  const markdown = `您的工单 **${t.number}** 已办结。\n**处理结果**：${resolution}\n请您对本次服务进行评价：`;
  const card: GenericCard = {
    title: `请评价工单 ${t.number} 的处理`,
    template: "green",
    markdown,
    buttons: [3, 2, 1].map((score) => ({
      text: SURVEY_SCORES[score],
      value: { cmd: "survey.rate", number: t.number, score },
      type: score === 3 ? ("primary" as const) : score === 1 ? ("danger" as const) : ("default" as const),
    })),
  };
  return { kind: "card", card, text: `${card.title}\n${markdown}\n回复「满意」「基本满意」或「不满意」即可。` };
}

export function surveyFollowUpCard(t: TicketRow, score: number, reason: string | null, canReopen: boolean): Reply {
  const thanks = score >= 2 ? "感谢您的评价！" : "很抱歉没能让您满意，我们会认真改进。";
  const lines = [`工单 **${t.number}**：您的评价「${SURVEY_SCORES[score]}」已记录。${thanks}`];
  if (reason) lines.push(`原因：${reason}`);
  const buttons: GenericCard["buttons"] = [];
  if (score === 1 && !reason) {
    lines.push("方便的话请选择原因：");
    for (const r of DISSATISFACTION_REASONS)
      buttons.push({ text: r, value: { cmd: "survey.reason", number: t.number, reason: r } });
  }
  if (score === 1 && canReopen) {
    lines.push("如问题仍未解决，可以点击「重新处理」，原处理人会继续跟进。");
    buttons.push({ text: "重新处理", value: { cmd: "survey.reopen", number: t.number }, type: "primary" });
  }
  const card: GenericCard = {
    title: `工单 ${t.number} · 评价已收到`,
    template: score >= 2 ? "green" : "orange",
    markdown: lines.join("\n"),
    buttons,
  };
  return { kind: "card", card, text: `${card.title}\n${card.markdown}` };
}

export function ticketList(title: string, tickets: TicketRow[], withContact = false): string {
  if (!tickets.length) return `${title}：暂无工单。`;
  const rows = tickets.map(
    (t) =>
      `• ${t.number}｜${STATE_NAMES[t.state]}｜${t.question.slice(0, 30)}${t.question.length > 30 ? "…" : ""}` +
      `${withContact ? `｜${t.user_name ?? t.user_id}${t.assignee_id ? `｜处理人 ${t.assignee_name ?? t.assignee_id}` : ""}` : ""}` +
      `｜${formatShanghai(t.created_at)}`,
  );
  return maskPersonalData(`${title}（${tickets.length}）：\n${rows.join("\n")}`);
}

export function text(t: string): Reply {
  return { kind: "text", text: t };
}

export function parseJson<T>(s: string | null, fallback: T): T {
  if (!s) return fallback;
  try {
    return JSON.parse(s) as T;
  } catch {
    return fallback;
  }
}
