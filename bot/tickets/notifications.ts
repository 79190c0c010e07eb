// Which notifications each ticket change causes, as outbox drafts (written in the change's
// transaction; delivered by bot/tickets/outbox-delivery.ts).
import type { Reply } from "../conversation/types.js";
import { formatShanghai } from "./calendar.js";
import { surveyCard, text } from "./cards.js";
import type { DeskConfig } from "./config.js";
import type { SlaStage } from "./sla.js";
import type { OutboxDraft, TicketRow } from "./store.js";

/** Payload of a "send" row: a ready Reply. Desk-card rows are rendered from the ticket at delivery. */
export interface SendPayload {
  reply: Reply;
}

export function deskCardKey(t: Pick<TicketRow, "id">): string {
  return `${t.id}:desk`;
}

export class Notifier {
  constructor(private readonly cfg: Pick<DeskConfig, "deskChatId" | "deskPlatform" | "supervisorChatId" | "sla">) {}

  private key(t: TicketRow, purpose: string): string {
    return `${t.id}:${purpose}:${t.version}`; // ids are unique across databases; numbers only within one
  }

  toEnterprise(t: TicketRow, purpose: string, reply: Reply): OutboxDraft {
    return {
      kind: "send",
      platform: t.platform,
      targetType: "chat",
      target: t.chat_id,
      payload: { reply } satisfies SendPayload,
      idempotencyKey: this.key(t, purpose),
    };
  }

  /** To the assignee in private; to the desk group when nobody has claimed the ticket. */
  toAssignee(t: TicketRow, purpose: string, reply: Reply, key = this.key(t, purpose)): OutboxDraft[] {
    if (t.assignee_id)
      return [
        {
          kind: "send",
          platform: t.assignee_platform ?? this.cfg.deskPlatform,
          targetType: "user",
          target: t.assignee_id,
          payload: { reply },
          idempotencyKey: key,
        },
      ];
    return this.toDesk(purpose, reply, key);
  }

  toDesk(_purpose: string, reply: Reply, key: string): OutboxDraft[] {
    if (!this.cfg.deskChatId) return [];
    return [
      {
        kind: "send",
        platform: this.cfg.deskPlatform,
        targetType: "chat",
        target: this.cfg.deskChatId,
        payload: { reply },
        idempotencyKey: key,
      },
    ];
  }

  deskCardPost(t: TicketRow): OutboxDraft[] {
    if (!this.cfg.deskChatId) return [];
    return [
      {
        kind: "desk_card.post",
        platform: this.cfg.deskPlatform,
        targetType: "chat",
        target: this.cfg.deskChatId,
        payload: { ticketId: t.id },
        idempotencyKey: deskCardKey(t),
      },
    ];
  }

  deskCardUpdate(t: TicketRow): OutboxDraft[] {
    if (!this.cfg.deskChatId) return [];
    return [
      {
        kind: "desk_card.update",
        platform: this.cfg.deskPlatform,
        targetType: "card",
        target: null,
        payload: { ticketId: t.id },
        idempotencyKey: this.key(t, "card"),
      },
    ];
  }

  created(t: TicketRow): OutboxDraft[] {
    return this.deskCardPost(t);
  }

  claimed(t: TicketRow): OutboxDraft[] {
    const who = t.assignee_name ?? "服务台工作人员";
    return [
      ...this.deskCardUpdate(t),
      this.toEnterprise(
        t,
        "claimed",
        text(
          `您的工单 ${t.number} 已由${who}受理，我们会尽快与您联系。办结时限：${formatShanghai(t.resolution_due_at)}。`,
        ),
      ),
    ];
  }

  staffReply(t: TicketRow, body: string): OutboxDraft[] {
    return [
      ...this.deskCardUpdate(t),
      this.toEnterprise(
        t,
        "reply",
        text(`【工单 ${t.number} 服务台回复】\n${body}\n\n如需补充说明，直接在此回复即可，我们会转给处理人。`),
      ),
    ];
  }

  enterpriseReply(t: TicketRow, body: string, name: string): OutboxDraft[] {
    return [
      ...this.deskCardUpdate(t),
      ...this.toAssignee(t, "relay", text(`【工单 ${t.number} 企业回复】${name}：\n${body}`)),
    ];
  }

  transferred(t: TicketRow, unit: string): OutboxDraft[] {
    return [
      ...this.deskCardUpdate(t),
      this.toEnterprise(
        t,
        "transferred",
        text(`您的工单 ${t.number} 已转交「${unit}」办理，请耐心等待，我们会继续跟进。`),
      ),
    ];
  }

  resolved(t: TicketRow, resolution: string): OutboxDraft[] {
    return [...this.deskCardUpdate(t), this.toEnterprise(t, "survey", surveyCard(t, resolution))];
  }

  reopened(t: TicketRow): OutboxDraft[] {
    return [
      ...this.deskCardUpdate(t),
      ...this.toAssignee(t, "reopened", text(`工单 ${t.number} 被企业重新打开，请继续跟进。`)),
      this.toEnterprise(t, "reopened", text(`工单 ${t.number} 已重新打开，处理人会继续跟进。`)),
    ];
  }

  updated(t: TicketRow): OutboxDraft[] {
    return this.deskCardUpdate(t);
  }

  slaStage(t: TicketRow, stage: SlaStage): OutboxDraft[] {
    const key = `${t.id}:${stage}`;
    const which = stage.startsWith("first_response") ? "首次响应" : "办结";
    const due = formatShanghai(stage.startsWith("first_response") ? t.first_response_due_at : t.resolution_due_at);
    if (stage.endsWith(".reminder")) {
      return this.toAssignee(
        t,
        stage,
        text(
          `⏰ 提醒：工单 ${t.number} 的${which}时限 ${due} 即将到期，请尽快处理。\n问题：${t.question.slice(0, 80)}`,
        ),
        key,
      );
    }
    const msg = text(
      `⚠️ 督办：工单 ${t.number} 已超过${which}时限（${due}），当前处理人：${t.assignee_name ?? t.assignee_id ?? "无人认领"}，牵头单位：${t.lead_unit ?? "未确定"}。`,
    );
    const target = this.cfg.supervisorChatId ?? this.cfg.deskChatId;
    if (!target) return [];
    return [
      {
        kind: "send",
        platform: this.cfg.deskPlatform,
        targetType: "chat",
        target,
        payload: { reply: msg },
        idempotencyKey: key,
      },
    ];
  }
}
