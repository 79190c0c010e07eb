// Typed desk errors; what people see comes from one table keyed by code.
import { STATE_NAMES, type TicketState } from "./states.js";

export type TicketErrorCode =
  | "TICKET_NOT_FOUND"
  | "TICKET_WRONG_STATE"
  | "TICKET_CONFLICT"
  | "TICKET_FORBIDDEN"
  | "TICKET_NOT_ASSIGNEE"
  | "TICKET_BAD_INPUT"
  | "TICKET_REOPEN_EXPIRED"
  | "TICKET_STORE_DOWN"
  | "TICKET_DUPLICATE_CALLBACK";

export class TicketError extends Error {
  constructor(
    readonly code: TicketErrorCode,
    message: string,
    readonly detail: Record<string, string> = {},
  ) {
    super(message);
  }
}

const TEXT: Record<TicketErrorCode, (d: Record<string, string>) => string> = {
  TICKET_NOT_FOUND: (d) => `没有找到工单 ${d.number ?? ""}，请核对编号（格式如 QY-20241126-0007）。`,
  TICKET_WRONG_STATE: (d) => `工单 ${d.number ?? ""} 当前状态为「${d.state ?? ""}」，不能${d.action ?? "执行该操作"}。`,
  TICKET_CONFLICT: (d) => `工单 ${d.number ?? ""} 刚被他人更新${d.by ? `（${d.by}）` : ""}，请刷新后再试。`,
  TICKET_FORBIDDEN: () => "抱歉，只有服务台工作人员可以处理工单。如需开通权限，请联系管理员。",
  TICKET_NOT_ASSIGNEE: (d) =>
    `工单 ${d.number ?? ""} 由 ${d.assignee ?? "其他同事"} 处理，只有处理人或管理员可以操作。`,
  TICKET_BAD_INPUT: (d) => d.hint ?? "指令格式不正确，请发送「/工单 帮助」查看用法。",
  TICKET_REOPEN_EXPIRED: (d) =>
    `工单 ${d.number ?? ""} 已超过可重新打开的期限（${d.days ?? "7"} 天），请重新发起咨询。`,
  TICKET_STORE_DOWN: () => "抱歉，工单系统暂时不可用，本次操作没有生效，请稍后再试。",
  TICKET_DUPLICATE_CALLBACK: (d) => `工单 ${d.number ?? ""} 的这次操作已经处理过了。`,
};

export function userText(err: unknown): string {
  if (err instanceof TicketError) return TEXT[err.code](err.detail);
  return TEXT.TICKET_STORE_DOWN({});
}

const ACTION_NAMES: Record<string, string> = {
  claim: "认领",
  start: "开始处理",
  reply: "回复",
  enterprise_reply: "补充信息",
  resolve: "标记解决",
  close: "关闭",
  reopen: "重新打开",
  transfer: "转派",
  note: "备注",
};

export function wrongState(number: string, state: TicketState, action: string): TicketError {
  return new TicketError("TICKET_WRONG_STATE", `wrong state ${state} for ${action}`, {
    number,
    state: STATE_NAMES[state],
    action: ACTION_NAMES[action] ?? action,
  });
}
