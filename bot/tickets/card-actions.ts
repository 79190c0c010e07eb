// Buttons on desk and survey cards: ticket.claim|reply|resolve|transfer, survey.rate|reason|reopen.
// Answered quickly (one short transaction); failures come back as a toast and change nothing.
import type { CardActionResult } from "../conversation/deps.js";
import type { CardAction } from "../conversation/types.js";
import { deskCard, surveyFollowUpCard } from "./cards.js";
import { TicketError, userText } from "./errors.js";
import type { Identity } from "./identity.js";
import { handleKnowledgeCardAction, labelFromForm } from "./knowledge-card-actions.js";
import type { KnowledgeDesk } from "./knowledge-desk.js";
import type { DeskService } from "./service.js";
import { reopenAllowed, STATE_NAMES } from "./states.js";

function str(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

export async function handleDeskCardAction(
  svc: DeskService,
  action: CardAction,
  knowledge?: KnowledgeDesk,
): Promise<CardActionResult | null> {
  const cmd = str(action.value.cmd);
  if (knowledge && cmd.startsWith("knowledge.")) return handleKnowledgeCardAction(knowledge, action);
  if (!cmd.startsWith("ticket.") && !cmd.startsWith("survey.")) return null;
  const number = str(action.value.number).toUpperCase();
  if (!number) return { toast: "按钮数据不完整，请使用指令操作。" };
  const actor = { platform: action.platform, id: action.operatorId };
  const via = { callbackEventId: action.eventId ? `${action.platform}:${action.eventId}` : undefined };
  const form = action.formValue ?? {};
  try {
    switch (cmd) {
      case "ticket.claim": {
        const t = await svc.claim(number, actor, via);
        return { toast: `已认领 ${t.number}`, reply: deskCard(t) };
      }
      case "ticket.reply": {
        const content = str(form.content ?? form.reply);
        if (!content) return guide(svc, actor, `请在服务台群发送：/工单 ${number} 回复 内容`);
        const t = await svc.reply(number, actor, content, via);
        return { toast: "已回复企业", reply: deskCard(t) };
      }
      case "ticket.resolve": {
        const label = knowledge ? labelFromForm(form) : null; // checked before anything changes
        let t = await svc.resolve(number, actor, str(form.content ?? form.resolution), via);
        let extra = "";
        if (knowledge && label)
          ({ ticket: t, note: extra } = await labelAndPropose(knowledge, t.number, actor, label, str(form.resolution)));
        return { toast: `${t.number} 已解决，已向企业发送评价${extra}`, reply: deskCard(t) };
      }
      case "ticket.label": {
        const label = knowledge ? labelFromForm(form) : null;
        if (!knowledge || !label) return guide(svc, actor, `请在服务台群发送：/工单 ${number} 归类 项目序号 单位`);
        const { ticket, note } = await labelAndPropose(knowledge, number, actor, label);
        return { toast: `已归类${note}`, reply: deskCard(ticket) };
      }
      case "ticket.transfer": {
        const unit = str(form.transfer_unit ?? form.unit ?? action.value.unit);
        if (!unit) return guide(svc, actor, `请在服务台群发送：/工单 ${number} 转派 单位名称`);
        const t = await svc.transfer(number, actor, unit, via);
        return { toast: `已转派至 ${unit}`, reply: deskCard(t) };
      }
      case "survey.rate": {
        const score = Number(action.value.score);
        const reason = str(form.reason) || null;
        const { ticket, first } = await svc.rate(number, actor, score, reason);
        const survey = await svc.store.survey(ticket.id);
        const canReopen =
          ticket.state === "resolved" &&
          reopenAllowed(ticket.resolved_at, svc.deps.now(), svc.deps.config.sla.reopenDays);
        return {
          toast: first ? "感谢您的评价" : "您已评价过，感谢反馈",
          reply: surveyFollowUpCard(ticket, survey?.score ?? score, survey?.reason ?? null, canReopen),
        };
      }
      case "survey.reason": {
        const t = await svc.get(number);
        const survey = await svc.store.survey(t.id);
        if (!survey || !svc.isTicketUser(t, actor)) return { toast: "请先选择评价" };
        await svc.store.recordSurvey(t.id, survey.score, str(action.value.reason) || null, actor.id, svc.deps.now());
        const canReopen =
          t.state === "resolved" && reopenAllowed(t.resolved_at, svc.deps.now(), svc.deps.config.sla.reopenDays);
        return { toast: "已记录原因", reply: surveyFollowUpCard(t, survey.score, str(action.value.reason), canReopen) };
      }
      case "survey.reopen": {
        const t = await svc.reopen(number, actor);
        return {
          toast: "已重新打开工单",
          reply: { kind: "text", text: `工单 ${t.number} 已重新打开（${STATE_NAMES[t.state]}），处理人会继续跟进。` },
        };
      }
      default:
        return { toast: "该按钮已失效。" };
    }
  } catch (err) {
    // A replayed click whose change is already committed: show the card as it is now, change nothing.
    if (err instanceof TicketError && err.code === "TICKET_DUPLICATE_CALLBACK") {
      const t = await svc.get(number).catch(() => undefined);
      return { toast: userText(err), ...(t ? { reply: deskCard(t) } : {}) };
    }
    return { toast: userText(err) };
  }
}

/** Labels a resolved ticket and, when marked reusable, proposes its reply for review (card and console). */
export async function labelAndPropose(
  knowledge: KnowledgeDesk,
  number: string,
  actor: Identity,
  label: ReturnType<typeof labelFromForm> & object,
  answer?: string,
) {
  const ticket = await knowledge.label(number, actor, label);
  if (!label.reusable) return { ticket, note: "" };
  try {
    const { entry, created } = await knowledge.propose(number, actor, answer);
    return { ticket, note: created ? `，答复已提交审核（${entry.id}）` : `，该工单已有知识条目 ${entry.id}` };
  } catch (err) {
    return { ticket, note: `；未能入库：${userText(err)}` };
  }
}

function guide(svc: DeskService, who: Identity, hint: string): CardActionResult {
  return { toast: svc.isStaff(who) ? hint : "抱歉，只有服务台工作人员可以处理工单。" };
}
