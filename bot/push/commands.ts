// Chat side of 政策直达: /订阅, /我的订阅, /退订 for enterprises (private and group chats),
// /推送 for admins, the card buttons (topic toggles, 问一问, 退订, 发送 / 取消), and follow-up counting.
import type { CardActionResult, Interceptor } from "../conversation/deps.js";
import type { CardAction, InboundMessage, Reply } from "../conversation/types.js";
import { CMD, planSummaryText } from "./cards.js";
import { parseSummary, planView } from "./plan-view.js";
import { PushError, type Actor, type PushService } from "./service.js";
import { topicsOf, type ChatRef } from "./subscription-store.js";

const SUBSCRIBE = /^[/／]\s*订阅(?:\s+(.*))?$/s;
const MINE = /^[/／]?\s*我的订阅\s*$/;
const UNSUBSCRIBE = /^[/／]\s*退订(?:\s+(.*))?$/s;
const ADMIN = /^[/／]\s*推送(?:\s+(.*))?$/s;
const ASK = /^问一问\s*(.+)$/s;

const text = (t: string): Reply[] => [{ kind: "text", text: t }];
const words = (s: string | undefined) =>
  (s ?? "")
    .split(/[\s,，、;；]+/)
    .map((w) => w.trim())
    .filter(Boolean);

export interface PushCommandOptions {
  service: PushService;
  /** Admin allowlist check (ADMIN_OPEN_IDS). */
  isAdmin: (platform: string, id: string) => boolean;
  /** Asks the platform whether the user owns the group. */
  isGroupOwner: (
    msg: Pick<InboundMessage, "platform" | "chatId" | "senderId" | "senderIsGroupAdmin">,
  ) => Promise<boolean>;
}

export function isPushCommand(t: string): boolean {
  const s = t.trim();
  return SUBSCRIBE.test(s) || MINE.test(s) || UNSUBSCRIBE.test(s) || ADMIN.test(s);
}

function chatOf(m: { platform: string; tenant: string; chatId: string; chatType: "p2p" | "group" }): ChatRef {
  return { platform: m.platform, tenant: m.tenant, chatId: m.chatId, chatType: m.chatType };
}

export function createPushInterceptor(o: PushCommandOptions): Interceptor {
  const svc = o.service;
  const actorOf = (msg: InboundMessage): Actor => ({ id: msg.senderId, isGroupOwner: () => o.isGroupOwner(msg) });

  async function describe(chat: ChatRef, note: string): Promise<Reply[]> {
    return [{ kind: "text", text: note }, await svc.card(chat)];
  }

  async function subscribe(msg: InboundMessage, arg: string | undefined): Promise<Reply[]> {
    const chat = chatOf(msg);
    const w = words(arg);
    if (!w.length) return [await svc.card(chat)];
    const cat = await svc.catalog();
    if (w[0] === "锁定" || w[0] === "解锁") {
      await svc.setLock(chat, actorOf(msg), w[0] === "锁定");
      return text(w[0] === "锁定" ? "已锁定本群订阅：之后只有群主可以修改。" : "已解锁：群成员都可以修改本群订阅。");
    }
    if (w[0] === "行业" || w[0] === "区县" || w[0] === "地区") {
      const field = w[0] === "行业" ? "industry" : "district";
      const value = w[1];
      const clear = !value || value === "不限" || value === "全部";
      const resolved = clear ? null : field === "industry" ? cat.industry(value) : cat.district(value);
      if (!clear && !resolved) {
        const options = field === "industry" ? cat.data.industries.map((i) => i.name) : cat.data.districts;
        return text(`没有识别出${w[0]}「${value}」。可选：${options.join("、")}，或「不限」。`);
      }
      await svc.setFilter(chat, actorOf(msg), field, resolved ?? null);
      return describe(chat, `已设置${field === "industry" ? "行业" : "区县"}：${resolved ?? "不限"}。`);
    }
    const adds: string[] = [];
    const removes: string[] = [];
    const unknown: string[] = [];
    const plain: string[] = [];
    for (const raw of w) {
      const sign = raw[0] === "+" || raw[0] === "＋" ? "+" : raw[0] === "-" || raw[0] === "－" ? "-" : "";
      const id = cat.resolve(sign ? raw.slice(1) : raw);
      if (!id) unknown.push(raw);
      else if (sign === "+") adds.push(id);
      else if (sign === "-") removes.push(id);
      else plain.push(id);
    }
    if (unknown.length) {
      return text(
        `没有识别出主题：${unknown.join("、")}。可订阅的主题：${cat.topics.map((t) => t.id).join("、")}（项目也可以写成“项目4”或项目名称）。`,
      );
    }
    const actor = actorOf(msg);
    if (plain.length) await svc.changeTopics(chat, actor, plain, "set");
    if (adds.length) await svc.changeTopics(chat, actor, adds, "add");
    if (removes.length) await svc.changeTopics(chat, actor, removes, "remove");
    return describe(chat, "订阅已更新，有相关新政策时会推送到本会话。");
  }

  async function mine(msg: InboundMessage): Promise<Reply[]> {
    return [await svc.card(chatOf(msg))];
  }

  async function unsubscribe(msg: InboundMessage, arg: string | undefined): Promise<Reply[]> {
    const chat = chatOf(msg);
    const w = words(arg);
    if (!w.length) {
      const sub = await svc.unsubscribeAll(chat, actorOf(msg));
      return text(
        sub
          ? "已退订全部主题，本会话不会再收到政策推送。发送 /订阅 可重新订阅。"
          : "本会话还没有订阅。发送 /订阅 选择主题。",
      );
    }
    const cat = await svc.catalog();
    const ids = w.map((x) => cat.resolve(x));
    const unknown = w.filter((_, i) => !ids[i]);
    if (unknown.length) return text(`没有识别出主题：${unknown.join("、")}。发送 /我的订阅 查看已订阅的主题。`);
    const sub = await svc.changeTopics(chat, actorOf(msg), ids as string[], "remove");
    const left = topicsOf(sub);
    return text(
      left.length
        ? `已退订：${w.join("、")}。仍订阅：${left.map((t) => cat.label(t)).join("、")}。`
        : "已退订，本会话不再订阅任何主题。",
    );
  }

  async function admin(msg: InboundMessage, arg: string | undefined): Promise<Reply[]> {
    if (!o.isAdmin(msg.platform, msg.senderId)) return text("抱歉，只有管理员可以审批政策推送。");
    const [verb, id] = words(arg);
    if (!verb || verb === "列表" || verb === "list") {
      const plans = await svc.listPlans(10);
      if (!plans.length) return text("暂无推送计划。");
      return text(plans.map((p) => planSummaryText(planView(p, parseSummary(p.summary)))).join("\n\n"));
    }
    if (!id) return text("用法：/推送 列表 · /推送 预览 P0001 · /推送 发送 P0001 · /推送 取消 P0001");
    if (verb === "预览" || verb === "preview") return [await svc.preview(id)];
    if (verb === "发送" || verb === "send") {
      const { plan, changed } = await svc.approve(id, `${msg.platform}:${msg.senderId}`);
      return text(
        changed
          ? `推送计划 ${plan.id} 已批准，正在按平台限速发送给 ${plan.recipients} 个会话。`
          : `推送计划 ${plan.id} 当前状态为「${plan.status}」，无法发送。`,
      );
    }
    if (verb === "取消" || verb === "cancel") {
      const { plan, changed } = await svc.cancel(id, `${msg.platform}:${msg.senderId}`);
      return text(
        changed
          ? `推送计划 ${plan.id} 已取消，未发出的消息不会再发送。`
          : `推送计划 ${plan.id} 当前状态为「${plan.status}」。`,
      );
    }
    return text("用法：/推送 列表 · /推送 预览 P0001 · /推送 发送 P0001 · /推送 取消 P0001");
  }

  async function handleMessage(msg: InboundMessage): Promise<Reply[] | null> {
    const t = msg.text.trim();
    const unmentioned = msg.chatType === "group" && !msg.mentionedBot;
    try {
      let m = SUBSCRIBE.exec(t);
      if (m) return await subscribe(msg, m[1]);
      if (MINE.test(t)) return await mine(msg);
      if ((m = UNSUBSCRIBE.exec(t))) return await unsubscribe(msg, m[1]);
      if ((m = ADMIN.exec(t))) return await admin(msg, m[1]);
      if (unmentioned || msg.messageType !== "text" || !t) return null;
      if ((m = ASK.exec(t))) {
        const hit = await svc.documentByTitle(msg.platform, msg.chatId, m[1].trim());
        if (hit) {
          await svc.recordClick(hit.deliveryId, msg.senderId);
          return [await svc.ask(hit.card)];
        }
      }
      await svc.noteQuestion(msg.platform, msg.chatId, msg.senderId);
      return null;
    } catch (err) {
      if (err instanceof PushError) return text(err.message);
      throw err;
    }
  }

  async function handleCardAction(action: CardAction): Promise<CardActionResult | null> {
    const cmd = typeof action.value.cmd === "string" ? action.value.cmd : "";
    if (!cmd.startsWith("push.")) return null;
    const chatType = await chatTypeOf(action);
    const chat: ChatRef = { platform: action.platform, tenant: action.tenant, chatId: action.chatId, chatType };
    const actor: Actor = {
      id: action.operatorId,
      isGroupOwner: () =>
        o.isGroupOwner({ platform: action.platform, chatId: action.chatId, senderId: action.operatorId }),
    };
    try {
      switch (cmd) {
        case CMD.toggle: {
          const topic = String(action.value.topic ?? "");
          const sub = await svc.deps.subscriptions.get(chat.platform, chat.chatId);
          const on = sub && sub.status !== "cancelled" && topicsOf(sub).includes(topic);
          await svc.changeTopics(chat, actor, [topic], on ? "remove" : "add");
          return { toast: on ? "已取消该主题" : "已订阅该主题", reply: await svc.card(chat) };
        }
        case CMD.unsubscribe: {
          await svc.unsubscribeAll(chat, actor);
          return {
            toast: "已退订",
            messages: text("已退订全部主题，本会话不会再收到政策推送。发送 /订阅 可重新订阅。"),
          };
        }
        case CMD.ask: {
          const doc = await svc.documentOf(String(action.value.plan ?? ""), Number(action.value.pos));
          if (!doc) return { toast: "该推送已过期，请直接提问。" };
          if (typeof action.value.delivery === "string")
            await svc.recordClick(action.value.delivery, action.operatorId);
          return { toast: "正在为您解读", messages: [await svc.ask(doc)] };
        }
        case CMD.send:
        case CMD.cancel: {
          if (!o.isAdmin(action.platform, action.operatorId)) return { toast: "只有管理员可以审批政策推送。" };
          const id = String(action.value.plan ?? "");
          const actorId = `${action.platform}:${action.operatorId}`;
          const { plan, changed } = cmd === CMD.send ? await svc.approve(id, actorId) : await svc.cancel(id, actorId);
          const toast = changed
            ? cmd === CMD.send
              ? `已批准，开始发送（${plan.recipients} 个会话）`
              : "已取消推送"
            : `计划当前状态：${plan.status}`;
          return { toast, reply: await svc.preview(plan.id) };
        }
        default:
          return { toast: "该按钮已失效。" };
      }
    } catch (err) {
      if (err instanceof PushError) return { toast: err.message };
      throw err;
    }
  }

  /** A card click does not say the chat type; the subscription (or the card value) does. */
  async function chatTypeOf(action: CardAction): Promise<"p2p" | "group"> {
    const sub = await svc.deps.subscriptions.get(action.platform, action.chatId);
    if (sub) return sub.chat_type;
    return action.value.ct === "group" ? "group" : "p2p";
  }

  return { name: "push", acceptsUnmentioned: true, handleMessage, handleCardAction };
}
