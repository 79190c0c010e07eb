// 转人工 → a ticket. Implements the pipeline's HandoffService (deps.handoff).
import type { AnswerResult } from "../../knowledge/types.js";
import type { HandoffService, HandoffVia } from "../conversation/deps.js";
import type { InboundMessage, Reply } from "../conversation/types.js";
import { formatShanghai } from "./calendar.js";
import type { EnterpriseMessages } from "./enterprise-messages.js";
import { userText } from "./errors.js";
import type { InteractionLog } from "./interaction-log.js";
import { slaDays } from "./sla.js";
import type { DeskService } from "./service.js";
import { STATE_NAMES } from "./states.js";

export class TicketHandoff implements HandoffService {
  constructor(
    private readonly svc: DeskService,
    private readonly messages: EnterpriseMessages,
    /** Used when the ticket database is unreachable, so the request is still recorded (e.g. in Redis). */
    private readonly fallback?: HandoffService,
    /** Marks the user's latest answer as handed over (knowledge-gap report). */
    private readonly interactions?: InteractionLog,
  ) {}

  async requestHandoff(msg: InboundMessage, lastResult?: AnswerResult, via: HandoffVia = "command"): Promise<Reply[]> {
    try {
      const history = await this.messages.recentConversation(msg);
      const { ticket: t, created } = await this.svc.openTicket(msg, lastResult, history);
      if (lastResult)
        await this.interactions?.markHandoff(msg.platform, msg.chatId, msg.senderId).catch(() => undefined);
      if (!created) {
        return [
          notice(
            `您的这个问题已转人工处理（工单 ${t.number}，${STATE_NAMES[t.state]}），无需重复提交。处理进展会在这里通知您；发送「/我的工单」可查看进度。`,
          ),
        ];
      }
      const days = slaDays(this.svc.deps.config.sla, t.project);
      const lines = [
        `已为您转人工服务，工单号：${t.number}。`,
        `服务台工作人员将在 ${days.firstResponseDays} 个工作日内（${formatShanghai(t.first_response_due_at)} 前）联系您，` +
          `一般 ${days.resolutionDays} 个工作日内（${formatShanghai(t.resolution_due_at)} 前）办结，进展会在这里通知您。`,
        t.lead_unit ? `根据您的问题，初步判断由「${t.lead_unit}」牵头办理。` : null,
        "如方便，请回复企业名称和统一社会信用代码（可选，便于工作人员核实；回复「跳过」即可不提供）。",
        "发送「/我的工单」可随时查看进度。",
      ];
      return [notice(lines.filter(Boolean).join("\n"))];
    } catch (err) {
      if (this.fallback) return this.fallback.requestHandoff(msg, lastResult, via);
      return [notice(userText(err))];
    }
  }
}

function notice(text: string): Reply {
  return { kind: "notice", notice: "ticket", text };
}
