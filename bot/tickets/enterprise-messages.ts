// What the enterprise side says outside the Q&A: recent-conversation memory for tickets, the
// optional enterprise name / credit code, a text survey answer, and messages relayed to the
// assignee while a ticket waits on the enterprise.
import { parseCommand } from "../conversation/commands.js";
import type { RecentList } from "../infra/recent-list.js";
import type { InboundMessage, Reply } from "../conversation/types.js";
import { surveyFollowUpCard, text } from "./cards.js";
import { findCreditCodeCandidate, isValidCreditCode } from "./credit-code.js";
import { userText } from "./errors.js";
import type { ConversationTurn, DeskService } from "./service.js";
import { reopenAllowed } from "./states.js";
import type { TicketRow } from "./store.js";

const HISTORY_TTL_SEC = 30 * 60;
const MAX_RELAY_CHARS = 2000;
const HISTORY_MAX = 8;
/** Follow-up messages right after a relayed one are attached too (people type in bursts). */
export const RELAY_BURST_MS = 3 * 60_000;
// The whole (rest of the) message must be the name, so "我们公司想申请贴息" is not taken for one.
const ORG_NAME =
  /^[\p{Script=Han}A-Za-z0-9（）()·]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团|公司|厂|合作社|事务所|研究院|中心|商行|经营部)$/u;
const LABELS = /(企业名称|公司名称|单位名称|企业|名称|统一社会信用代码|社会信用代码|信用代码)\s*[:：]/g;
const DECLINE = /^(跳过|不提供|不用了|不需要|算了)[。.!！]?$/;
const SURVEY_WORDS: Record<string, number> = { 满意: 3, 非常满意: 3, 基本满意: 2, 一般: 2, 不满意: 1 };

export function historyKey(m: Pick<InboundMessage, "platform" | "tenant" | "chatId" | "senderId">): string {
  return `${m.platform}:${m.tenant}:${m.chatId}:${m.senderId}`;
}

export class EnterpriseMessages {
  constructor(
    private readonly svc: DeskService,
    private readonly history?: RecentList<ConversationTurn>,
  ) {}

  async recentConversation(msg: InboundMessage): Promise<ConversationTurn[]> {
    if (!this.history) return [];
    return this.history.recent(historyKey(msg)).catch(() => []);
  }

  private async remember(msg: InboundMessage): Promise<void> {
    if (!this.history || !msg.text.trim() || parseCommand(msg.text)) return;
    await this.history.push(
      historyKey(msg),
      { role: "user", text: msg.text.slice(0, 500) },
      HISTORY_MAX,
      HISTORY_TTL_SEC,
    );
  }

  async handle(msg: InboundMessage): Promise<Reply[] | null> {
    const t = msg.text.trim();
    // Commands, non-text and oversized messages go on to the pipeline's own handling and notices.
    if (msg.messageType !== "text" || !t || /^[/／]/.test(t) || [...t].length > MAX_RELAY_CHARS) return null;
    const svc = this.svc;
    const now = svc.deps.now();
    // A ticket-database outage must not stop the Q&A: without the lookup, the bot just answers.
    const open = await svc.store
      .latestInChat(msg.platform, msg.chatId, msg.senderId, [
        "new",
        "assigned",
        "in_progress",
        "waiting_enterprise",
        "transferred",
        "resolved",
      ])
      .catch(() => undefined);
    if (open) {
      try {
        const out =
          (await this.info(msg, open, now)) ??
          (await this.survey(msg, open, now)) ??
          (await this.relay(msg, open, now));
        if (out) return out;
      } catch (err) {
        return [text(userText(err))];
      }
    }
    await this.remember(msg).catch(() => undefined); // memory is a nicety; never block the answer
    return null;
  }

  private async info(msg: InboundMessage, t: TicketRow, now: number): Promise<Reply[] | null> {
    if (!t.info_requested_until || t.info_requested_until < now || (t.enterprise_name && t.credit_code)) return null;
    const body = msg.text.trim();
    if (DECLINE.test(body)) {
      await this.svc.declineInfo(t);
      return [text(`好的，不提供也没关系，工单 ${t.number} 会照常处理。`)];
    }
    const code = findCreditCodeCandidate(body);
    const rest = (code ? body.replace(new RegExp(code, "i"), " ") : body)
      .replace(LABELS, " ")
      .replace(/[\s,，;；。.、]+/g, " ")
      .trim();
    const name = rest && ORG_NAME.test(rest) && !/^(我们|我司|本)/.test(rest) ? rest : undefined;
    if (!code && !name) return null;
    if (code && !isValidCreditCode(code)) {
      return [
        text(
          `您提供的统一社会信用代码「${code}」校验未通过，请核对后重新发送（18 位，如 91330100XXXXXXXXXX）。也可以回复「跳过」，不影响工单处理。`,
        ),
      ];
    }
    await this.svc.supplyInfo(
      t,
      { platform: msg.platform, id: msg.senderId, name: msg.senderName },
      { enterpriseName: name, creditCode: code ?? undefined },
    );
    const parts = [name ? `企业名称「${name}」` : null, code ? `统一社会信用代码 ${code}` : null]
      .filter(Boolean)
      .join("、");
    return [text(`已在工单 ${t.number} 中记录${parts}，谢谢！`)];
  }

  private async survey(msg: InboundMessage, t: TicketRow, now: number): Promise<Reply[] | null> {
    const score = SURVEY_WORDS[msg.text.trim().replace(/[。.!！]$/, "")];
    if (!score || t.state !== "resolved" || (await this.svc.store.survey(t.id))) return null;
    const { ticket } = await this.svc.rate(t.number, { platform: msg.platform, id: msg.senderId }, score, null);
    return [
      surveyFollowUpCard(ticket, score, null, reopenAllowed(t.resolved_at, now, this.svc.deps.config.sla.reopenDays)),
    ];
  }

  private async relay(msg: InboundMessage, t: TicketRow, now: number): Promise<Reply[] | null> {
    let attach = t.state === "waiting_enterprise";
    if (!attach && t.state === "in_progress") {
      const last = (await this.svc.store.messages(t.id)).at(-1);
      attach = !!last && last.author_kind === "enterprise" && now - last.at <= RELAY_BURST_MS;
    }
    if (!attach) return null;
    await this.svc.enterpriseMessage(t, msg);
    const who = t.assignee_name ?? "处理人员";
    return [text(`已将您的回复补充到工单 ${t.number}，并转给${who}。`)];
  }
}
