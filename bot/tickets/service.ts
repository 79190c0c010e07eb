// DeskService: what people can do with tickets (open, claim, reply, note, transfer, resolve,
// rate, reopen), with the allowlist checks. State rules live in states.ts, persistence in
// store.ts, notifications in notifications.ts.
import { createHash } from "node:crypto";
import type { AnswerResult } from "../../knowledge/types.js";
import type { InboundMessage } from "../conversation/types.js";
import type { WorkCalendar } from "./calendar.js";
import type { DeskConfig } from "./config.js";
import { TicketError } from "./errors.js";
import { isListed, parseAllowlist, sameIdentity, type AllowEntry, type Identity } from "./identity.js";
import type { Notifier } from "./notifications.js";
import { dueDates, slaClockPatch } from "./sla.js";
import { nextState, reopenAllowed } from "./states.js";
import type { Actor, ChangeSpec, TicketRow, TicketStore } from "./store.js";

export interface ConversationTurn {
  role: "user" | "bot";
  text: string;
}

export interface DeskServiceDeps {
  store: TicketStore;
  notifier: Notifier;
  calendar: WorkCalendar;
  config: DeskConfig;
  now: () => number;
  /** Called after every committed change so its notifications go out promptly. */
  kick: () => void;
}

const URGENT = /紧急|加急|急需|尽快|马上|立即|投诉|停产|停工|欠薪|拖欠|断贷/;
export const INFO_WINDOW_MS = 30 * 60_000;
export const NO_QUESTION = "（用户直接请求人工客服，尚未说明问题）";

export function dedupeKey(platform: string, tenant: string, userId: string, question: string): string {
  const norm = question.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, "");
  return createHash("sha256").update(`${platform}\n${tenant}\n${userId}\n${norm}`).digest("hex").slice(0, 32);
}

/** How a change was asked for: a card click carries its event id (recorded with the change). */
export interface Via {
  callbackEventId?: string;
}

export class DeskService {
  readonly staff: AllowEntry[];
  readonly admins: AllowEntry[];

  constructor(readonly deps: DeskServiceDeps) {
    this.staff = parseAllowlist(deps.config.staffIds, deps.config.deskPlatform);
    this.admins = parseAllowlist(deps.config.adminIds, deps.config.deskPlatform);
  }

  get store(): TicketStore {
    return this.deps.store;
  }

  /** (platform, id) on STAFF_OPEN_IDS or ADMIN_OPEN_IDS (see identity.ts). */
  isStaff(who: Identity): boolean {
    return isListed(this.staff, who) || this.isAdmin(who);
  }

  isAdmin(who: Identity): boolean {
    return isListed(this.admins, who);
  }

  private requireStaff(actor: Actor): void {
    if (!this.isStaff(actor)) throw new TicketError("TICKET_FORBIDDEN", `${actor.platform}:${actor.id} is not staff`);
  }

  /** The ticket's assignee as an identity (rows from before assignee_platform: the desk's platform). */
  assigneeOf(t: TicketRow): Identity | null {
    return t.assignee_id ? { platform: t.assignee_platform ?? this.deps.config.deskPlatform, id: t.assignee_id } : null;
  }

  /** The enterprise contact who opened the ticket. */
  isTicketUser(t: TicketRow, who: Identity): boolean {
    return sameIdentity({ platform: t.platform, id: t.user_id }, who);
  }

  /** Assignee or admin; anyone on the desk while nobody has claimed the ticket. */
  private requireOwner(actor: Actor) {
    return (t: TicketRow) => {
      const assignee = this.assigneeOf(t);
      if (this.isAdmin(actor) || !assignee || sameIdentity(assignee, actor)) return;
      throw new TicketError("TICKET_NOT_ASSIGNEE", "not the assignee", {
        number: t.number,
        assignee: t.assignee_name ?? t.assignee_id ?? "",
      });
    };
  }

  private async change(number: string, spec: ChangeSpec): Promise<TicketRow> {
    const now = this.deps.now();
    const { action } = spec;
    const withClock: ChangeSpec = {
      ...spec,
      patch: (fresh) => ({
        ...(action ? slaClockPatch(this.deps.calendar, fresh, nextState(action, fresh.state), now) : {}),
        ...spec.patch?.(fresh),
      }),
    };
    const t = await this.deps.store.change(number.toUpperCase(), withClock, now);
    this.deps.kick();
    return t;
  }

  async openTicket(
    msg: InboundMessage,
    last: AnswerResult | undefined,
    history: ConversationTurn[],
  ): Promise<{ ticket: TicketRow; created: boolean }> {
    const { store, calendar, config, notifier } = this.deps;
    const now = this.deps.now();
    const question = (last?.question || "").trim() || NO_QUESTION;
    const project = last?.project ?? null;
    const conversation = [...history];
    if (last?.answer) conversation.push({ role: "bot", text: last.answer.slice(0, 500) });
    const res = await store.create(
      {
        platform: msg.platform,
        tenant: msg.tenant,
        chat_id: msg.chatId,
        chat_type: msg.chatType,
        user_id: msg.senderId,
        user_name: msg.senderName ?? null,
        enterprise_name: null,
        credit_code: null,
        question,
        dedupe_key: dedupeKey(msg.platform, msg.tenant, msg.senderId, question),
        conversation: JSON.stringify(conversation.slice(-8)),
        project,
        project_name: last?.projectName ?? null,
        lead_unit: last?.leadUnits[0] ?? null,
        suggested_units: JSON.stringify(last?.leadUnits ?? []),
        citations: JSON.stringify((last?.citations ?? []).slice(0, 5)),
        confidence: last?.confidence ?? null,
        priority: URGENT.test([question, ...history.map((h) => h.text)].join(" ")) ? "high" : "normal",
        info_requested_until: now + INFO_WINDOW_MS,
        ...dueDates(calendar, config.sla, now, project),
      },
      now,
      (t) => notifier.created(t),
    );
    if (res.created) this.deps.kick();
    return res;
  }

  async claim(number: string, actor: Actor, via: Via = {}): Promise<TicketRow> {
    this.requireStaff(actor);
    const now = this.deps.now();
    return this.change(number, {
      ...via,
      action: "claim",
      event: "claimed",
      actor,
      patch: (t) => ({
        assignee_id: actor.id,
        assignee_platform: actor.platform,
        assignee_name: actor.name ?? null,
        first_response_at: t.first_response_at ?? now,
      }),
      outbox: (t) => this.deps.notifier.claimed(t),
    });
  }

  async reply(number: string, actor: Actor, body: string, via: Via = {}): Promise<TicketRow> {
    this.requireStaff(actor);
    requireText(body, `回复内容不能为空。用法：/工单 ${number} 回复 您好，……`);
    const now = this.deps.now();
    return this.change(number, {
      ...via,
      action: "reply",
      event: "replied",
      actor,
      guard: this.requireOwner(actor),
      message: { authorKind: "staff", visibility: "public", body },
      patch: (t) => ({ first_response_at: t.first_response_at ?? now }),
      outbox: (t) => this.deps.notifier.staffReply(t, body),
    });
  }

  /** Internal note: never shown to the enterprise. Starts work on a freshly claimed ticket. */
  async note(number: string, actor: Actor, body: string): Promise<TicketRow> {
    this.requireStaff(actor);
    requireText(body, `备注内容不能为空。用法：/工单 ${number} 备注 内部说明`);
    const t0 = await this.get(number);
    return this.change(number, {
      action: t0.state === "assigned" ? "start" : undefined,
      event: "note",
      actor,
      guard: this.requireOwner(actor),
      message: { authorKind: "staff", visibility: "internal", body },
      outbox: (t) => this.deps.notifier.updated(t),
    });
  }

  async transfer(number: string, actor: Actor, unit: string, via: Via = {}): Promise<TicketRow> {
    this.requireStaff(actor);
    requireText(unit, `请写明转派单位。用法：/工单 ${number} 转派 市经信局`);
    return this.change(number, {
      ...via,
      action: "transfer",
      event: "transferred",
      actor,
      note: `转派至 ${unit}`,
      guard: this.requireOwner(actor),
      patch: () => ({ lead_unit: unit.trim(), assignee_id: null, assignee_platform: null, assignee_name: null }),
      outbox: (t) => this.deps.notifier.transferred(t, unit.trim()),
    });
  }

  async resolve(number: string, actor: Actor, resolution: string, via: Via = {}): Promise<TicketRow> {
    this.requireStaff(actor);
    const body = resolution.trim() || "服务台已处理完毕。";
    const now = this.deps.now();
    return this.change(number, {
      ...via,
      action: "resolve",
      event: "resolved",
      actor,
      note: body,
      guard: this.requireOwner(actor),
      message: { authorKind: "staff", visibility: "public", body },
      patch: (t) => ({ resolved_at: now, first_response_at: t.first_response_at ?? now }),
      outbox: (t) => this.deps.notifier.resolved(t, body),
    });
  }

  /** The enterprise writes while its ticket waits on it (or right after): attach and relay. */
  async enterpriseMessage(t: TicketRow, msg: InboundMessage): Promise<TicketRow> {
    const actor = { platform: msg.platform, id: msg.senderId, name: msg.senderName };
    return this.change(t.number, {
      action: t.state === "waiting_enterprise" ? "enterprise_reply" : undefined,
      event: "enterprise_message",
      actor,
      guard: (fresh) => {
        if (!this.isTicketUser(fresh, actor)) throw new TicketError("TICKET_FORBIDDEN", "not the ticket's user");
      },
      message: { authorKind: "enterprise", visibility: "public", body: msg.text },
      outbox: (fresh) =>
        this.deps.notifier.enterpriseReply(fresh, msg.text, msg.senderName ?? fresh.user_name ?? "企业"),
    });
  }

  async supplyInfo(
    t: TicketRow,
    actor: Actor,
    info: { enterpriseName?: string; creditCode?: string },
  ): Promise<TicketRow> {
    return this.change(t.number, {
      event: "enterprise_info",
      actor,
      note: [info.enterpriseName, info.creditCode].filter(Boolean).join(" "),
      patch: (fresh) => ({
        enterprise_name: info.enterpriseName ?? fresh.enterprise_name,
        credit_code: info.creditCode ?? fresh.credit_code,
      }),
      outbox: (fresh) => this.deps.notifier.updated(fresh),
    });
  }

  async declineInfo(t: TicketRow): Promise<void> {
    await this.deps.store.db
      .updateTable("tickets")
      .set({ info_requested_until: null })
      .where("id", "=", t.id)
      .execute();
  }

  /** Satisfaction: 3 满意, 2 基本满意 (both close the ticket), 1 不满意 (offers reopening). */
  async rate(
    number: string,
    who: Identity,
    score: number,
    reason: string | null,
  ): Promise<{ ticket: TicketRow; first: boolean }> {
    const t = await this.get(number);
    const userId = who.id;
    if (!this.isTicketUser(t, who)) throw new TicketError("TICKET_FORBIDDEN", "only the enterprise contact can rate");
    if (t.state !== "resolved" && t.state !== "closed")
      throw new TicketError("TICKET_WRONG_STATE", "not resolved", {
        number: t.number,
        state: "未办结",
        action: "评价",
      });
    if (![1, 2, 3].includes(score)) throw new TicketError("TICKET_BAD_INPUT", "bad score");
    const first = await this.deps.store.recordSurvey(t.id, score, reason, userId, this.deps.now());
    let ticket = t;
    if (first && score >= 2 && t.state === "resolved") {
      ticket = await this.change(t.number, {
        action: "close",
        event: "closed",
        actor: { platform: who.platform, id: userId },
        note: `评价：${score}`,
        patch: () => ({ closed_at: this.deps.now() }),
        outbox: (x) => this.deps.notifier.updated(x),
      }).catch(() => t);
    }
    return { ticket, first };
  }

  async reopen(number: string, who: Identity): Promise<TicketRow> {
    const now = this.deps.now();
    const { reopenDays } = this.deps.config.sla;
    return this.change(number, {
      action: "reopen",
      event: "reopened",
      actor: { platform: who.platform, id: who.id },
      guard: (t) => {
        if (!this.isTicketUser(t, who) && !this.isStaff(who))
          throw new TicketError("TICKET_FORBIDDEN", "not the ticket's user");
        if (!reopenAllowed(t.resolved_at, now, reopenDays))
          throw new TicketError("TICKET_REOPEN_EXPIRED", "too late", { number: t.number, days: String(reopenDays) });
      },
      patch: (t) => ({ reopen_count: t.reopen_count + 1 }),
      outbox: (t) => this.deps.notifier.reopened(t),
    });
  }

  async autoClose(t: TicketRow): Promise<void> {
    await this.change(t.number, {
      action: "close",
      event: "closed",
      actor: { platform: "system", id: "system", name: "系统" },
      note: "超过重新打开期限，自动关闭",
      patch: () => ({ closed_at: this.deps.now() }),
      outbox: (x) => this.deps.notifier.updated(x),
    });
  }

  async get(number: string): Promise<TicketRow> {
    const t = await this.deps.store.get(number.toUpperCase());
    if (!t) throw new TicketError("TICKET_NOT_FOUND", `no ticket ${number}`, { number });
    return t;
  }
}

const MAX_TEXT_CHARS = 2000;

function requireText(s: string, hint: string): void {
  if (!s || !s.trim()) throw new TicketError("TICKET_BAD_INPUT", "empty text", { hint });
  if ([...s].length > MAX_TEXT_CHARS) {
    throw new TicketError("TICKET_BAD_INPUT", "text too long", {
      hint: `内容过长（${[...s].length} 字），请精简到 ${MAX_TEXT_CHARS} 字以内。`,
    });
  }
}
