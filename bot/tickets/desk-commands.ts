// `/工单 …` commands for desk staff and `/我的工单` for enterprises. Matched on the text with
// mentions already removed, so they work with or without an @mention of the bot.
import type { Reply } from "../conversation/types.js";
import type { InboundMessage } from "../conversation/types.js";
import { deskCard, text, ticketList } from "./cards.js";
import { TicketError, userText } from "./errors.js";
import type { KnowledgeDesk } from "./knowledge-desk.js";
import { describeLabel, parseLabelCommand } from "./labels.js";
import type { DeskService } from "./service.js";
import type { Actor } from "./store.js";
import { STATE_NAMES } from "./states.js";

export const DESK_HELP = [
  "服务台指令（仅限服务台工作人员）：",
  "· /工单 列表 —— 查看未办结工单",
  "· /工单 QY-20241126-0007 —— 查看工单详情",
  "· /工单 QY-… 认领",
  "· /工单 QY-… 回复 内容 —— 回复企业（企业会收到，并附工单号）",
  "· /工单 QY-… 备注 内容 —— 内部备注（企业看不到）",
  "· /工单 QY-… 转派 单位名称",
  "· /工单 QY-… 解决 处理结果",
  "· /工单 QY-… 归类 4 市委金融办 —— 项目序号和办理单位；不属于通知：归类 不在范围 市人力社保局",
  "· /工单 QY-… 入库 —— 把最后一条公开回复提交为可复用答复（管理员审核后生效）",
].join("\n");

const VERBS = ["认领", "回复", "备注", "转派", "解决", "归类", "入库"] as const;
type Verb = (typeof VERBS)[number];

const DESK_PREFIX = /^[/／]\s*工单(?:\s+|$)/;
const MINE = /^[/／]?\s*我的工单\s*$/;
const NUMBER = /^(QY-\d{8}-\d{4,})(?:\s+|$)/i;

export type ParsedDeskCommand =
  | { kind: "list" }
  | { kind: "help" }
  | { kind: "show"; number: string }
  | { kind: "act"; number: string; verb: Verb; arg: string }
  | { kind: "bad"; hint: string };

export function isDeskCommand(t: string): boolean {
  return DESK_PREFIX.test(t.trim());
}

export function parseDeskCommand(input: string): ParsedDeskCommand {
  const rest = input.trim().replace(DESK_PREFIX, "").trim();
  if (!rest || rest === "帮助" || rest === "help") return { kind: "help" };
  if (rest === "列表" || rest === "list") return { kind: "list" };
  const m = NUMBER.exec(rest);
  if (!m)
    return {
      kind: "bad",
      hint: `没有识别出工单编号「${rest.split(/\s+/)[0]}」，编号格式如 QY-20241126-0007。\n\n${DESK_HELP}`,
    };
  const number = m[1].toUpperCase();
  const after = rest.slice(m[0].length).trim();
  if (!after || after === "详情" || after === "查看") return { kind: "show", number };
  const verb = VERBS.find((v) => after.startsWith(v));
  if (!verb) return { kind: "bad", hint: `不认识的操作「${after.split(/\s+/)[0]}」。\n\n${DESK_HELP}` };
  return { kind: "act", number, verb, arg: after.slice(verb.length).trim() };
}

export async function handleDeskCommand(
  svc: DeskService,
  msg: InboundMessage,
  knowledge?: KnowledgeDesk,
): Promise<Reply[]> {
  const actor = { platform: msg.platform, id: msg.senderId, name: msg.senderName };
  if (!svc.isStaff(actor)) return [text(userText(new TicketError("TICKET_FORBIDDEN", "not staff")))];
  const cmd = parseDeskCommand(msg.text);
  try {
    switch (cmd.kind) {
      case "help":
        return [text(DESK_HELP)];
      case "bad":
        return [text(cmd.hint)];
      case "list":
        return [text(ticketList("未办结工单", await svc.store.listOpen(30), true))];
      case "show":
        return [deskCard(await svc.get(cmd.number))];
      case "act": {
        if (cmd.verb === "归类" || cmd.verb === "入库") return [text(await knowledgeAct(knowledge, cmd, actor))];
        const t = await act(svc, cmd, actor);
        return [text(`工单 ${t.number} 已${DONE[cmd.verb]}，当前状态：${STATE_NAMES[t.state]}。`)];
      }
    }
  } catch (err) {
    return [text(userText(err))];
  }
}

const DONE = {
  认领: "认领",
  回复: "回复企业",
  备注: "添加内部备注",
  转派: "转派",
  解决: "标记解决，已向企业发送满意度评价",
  归类: "归类",
  入库: "入库",
} as const;

async function knowledgeAct(
  knowledge: KnowledgeDesk | undefined,
  cmd: Extract<ParsedDeskCommand, { kind: "act" }>,
  actor: Actor,
): Promise<string> {
  if (!knowledge) return "知识入库功能未启用。";
  if (cmd.verb === "归类") {
    const label = parseLabelCommand(cmd.arg);
    const t = await knowledge.label(cmd.number, actor, label);
    return `工单 ${t.number} 已归类：${describeLabel(label)}。如答复可复用，发送「/工单 ${t.number} 入库」提交管理员审核。`;
  }
  const { entry, created } = await knowledge.propose(cmd.number, actor);
  return created
    ? `已把工单 ${cmd.number} 的最后一条公开回复提交为知识条目 ${entry.id}（待审核），管理员审核通过后机器人才会使用。`
    : `工单 ${cmd.number} 已有知识条目 ${entry.id}（${entry.state === "approved" ? "已通过" : "待审核"}），无需重复提交。`;
}

function act(svc: DeskService, cmd: Extract<ParsedDeskCommand, { kind: "act" }>, actor: Actor) {
  switch (cmd.verb) {
    case "认领":
      return svc.claim(cmd.number, actor);
    case "回复":
      return svc.reply(cmd.number, actor, cmd.arg);
    case "备注":
      return svc.note(cmd.number, actor, cmd.arg);
    case "转派":
      return svc.transfer(cmd.number, actor, cmd.arg);
    case "解决":
      return svc.resolve(cmd.number, actor, cmd.arg);
    default:
      throw new TicketError("TICKET_BAD_INPUT", "not a ticket verb");
  }
}

export async function handleMyTickets(svc: DeskService, msg: InboundMessage): Promise<Reply[] | null> {
  if (!MINE.test(msg.text.trim())) return null;
  let mine;
  try {
    mine = await svc.store.listByUser(msg.platform, msg.senderId, 10);
  } catch (err) {
    return [text(userText(err))];
  }
  return [text(`${ticketList("您的工单", mine)}${mine.length ? "\n如需补充说明，直接在本会话回复即可。" : ""}`)];
}
