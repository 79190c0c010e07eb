// The ticket state machine: the only place that decides which state changes are allowed.

export const TICKET_STATES = [
  "new",
  "assigned",
  "in_progress",
  "waiting_enterprise",
  "resolved",
  "closed",
  "transferred",
] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const STATE_NAMES: Record<TicketState, string> = {
  new: "待认领",
  assigned: "已认领",
  in_progress: "处理中",
  waiting_enterprise: "待企业回复",
  resolved: "已解决",
  closed: "已关闭",
  transferred: "已转派",
};

/** States in which the desk still owes the enterprise something. */
export const OPEN_STATES: readonly TicketState[] = [
  "new",
  "assigned",
  "in_progress",
  "waiting_enterprise",
  "transferred",
];

export type TicketAction =
  "claim" | "start" | "reply" | "enterprise_reply" | "resolve" | "close" | "reopen" | "transfer";

/** action → from-states → to-state. */
const TRANSITIONS: Record<TicketAction, { from: readonly TicketState[]; to: TicketState }> = {
  claim: { from: ["new", "transferred"], to: "assigned" },
  start: { from: ["assigned"], to: "in_progress" },
  reply: { from: ["assigned", "in_progress", "waiting_enterprise"], to: "waiting_enterprise" },
  enterprise_reply: { from: ["waiting_enterprise"], to: "in_progress" },
  resolve: { from: ["assigned", "in_progress", "waiting_enterprise"], to: "resolved" },
  close: { from: ["resolved"], to: "closed" },
  reopen: { from: ["resolved"], to: "in_progress" },
  transfer: { from: OPEN_STATES, to: "transferred" },
};

export class TicketStateError extends Error {
  readonly code = "TICKET_WRONG_STATE";
  constructor(
    readonly action: TicketAction,
    readonly state: TicketState,
  ) {
    super(`action ${action} not allowed in state ${state}`);
  }
}

export function isOpen(state: TicketState): boolean {
  return OPEN_STATES.includes(state);
}

export function canApply(action: TicketAction, state: TicketState): boolean {
  return TRANSITIONS[action].from.includes(state);
}

/** The state after `action`, or a TicketStateError. */
export function nextState(action: TicketAction, state: TicketState): TicketState {
  if (!canApply(action, state)) throw new TicketStateError(action, state);
  return TRANSITIONS[action].to;
}

/** The states from which `action` may be applied (for conditional UPDATEs). */
export function fromStates(action: TicketAction): readonly TicketState[] {
  return TRANSITIONS[action].from;
}

/** Reopening is allowed only within `reopenDays` of resolution. */
export function reopenAllowed(resolvedAt: number | null, now: number, reopenDays: number): boolean {
  return resolvedAt !== null && now - resolvedAt <= reopenDays * 86_400_000;
}
