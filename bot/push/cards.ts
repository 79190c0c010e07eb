// What enterprises and admins see: the push card (one document, or a short digest of several), the
// subscription card, and the admin's preview card with 发送 / 取消.
import type { GenericCard, Reply } from "../conversation/types.js";

/** Stored with the plan: everything the card shows for one document. */
export interface PushDocumentCard {
  docId: string;
  title: string;
  issuer?: string;
  date?: string;
  change: "added" | "changed";
  whatNew: string[];
  audience: string;
  leadUnits: string[];
  topics: string[];
}

export const CMD = {
  ask: "push.ask",
  unsubscribe: "push.unsub",
  toggle: "push.toggle",
  send: "push.plan.send",
  cancel: "push.plan.cancel",
} as const;

/** Most documents shown in full in one message; the rest are listed by title. */
export const DIGEST_FULL = 3;
const DIGEST_LISTED = 20;

function docBlock(d: PushDocumentCard, topicLabel: (t: string) => string, subscribed: Set<string>): string {
  const head = [d.issuer ? `**发文单位**：${d.issuer}` : null, d.date ? `**日期**：${d.date}` : null]
    .filter(Boolean)
    .join(" · ");
  const mine = d.topics.filter((t) => subscribed.has(t)).map(topicLabel);
  return [
    head || null,
    `**${d.change === "added" ? "新发布" : "有更新"}**：${d.whatNew.join("；")}`,
    `**适用对象**：${d.audience}`,
    `**牵头单位**：${d.leadUnits.length ? d.leadUnits.join("、") : (d.issuer ?? "见原文")}`,
    mine.length ? `**您订阅的主题**：${mine.join("、")}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

export interface PushCardInput {
  planId: string;
  deliveryId: string;
  documents: { position: number; card: PushDocumentCard }[];
  subscribedTopics: string[];
  topicLabel: (t: string) => string;
}

export function pushCard(i: PushCardInput): Reply {
  const subscribed = new Set(i.subscribedTopics);
  const docs = i.documents;
  const full = docs.slice(0, DIGEST_FULL);
  const title = docs.length === 1 ? `政策直达｜${docs[0].card.title}` : `政策直达｜${docs.length} 份政策有新变化`;
  const blocks = full.map((d) =>
    docs.length === 1
      ? docBlock(d.card, i.topicLabel, subscribed)
      : `**《${d.card.title}》**\n${docBlock(d.card, i.topicLabel, subscribed)}`,
  );
  const rest = docs.slice(DIGEST_FULL);
  if (rest.length) {
    const listed = rest.slice(0, DIGEST_LISTED).map((d) => `· 《${d.card.title}》：${d.card.whatNew[0] ?? ""}`);
    if (rest.length > DIGEST_LISTED) listed.push(`· ……另有 ${rest.length - DIGEST_LISTED} 份`);
    blocks.push(`**其他更新**\n${listed.join("\n")}`);
  }
  blocks.push("点「问一问」让企服通为您解读；不想再收到可点「退订」或发送 /退订。");
  const buttons: GenericCard["buttons"] = full.map((d) => ({
    text: docs.length === 1 ? "问一问" : `问一问：${shortTitle(d.card.title)}`,
    value: { cmd: CMD.ask, plan: i.planId, pos: d.position, delivery: i.deliveryId, say: `问一问 ${d.card.title}` },
    type: "primary" as const,
  }));
  buttons.push({
    text: "退订",
    value: { cmd: CMD.unsubscribe, delivery: i.deliveryId, say: "/退订" },
    type: "default",
  });
  const card: GenericCard = { title, template: "blue", markdown: blocks.join("\n\n---\n\n"), buttons };
  return { kind: "card", card, text: `${title}\n${card.markdown}` };
}

function shortTitle(t: string): string {
  return t.length > 12 ? `${t.slice(0, 12)}…` : t;
}

export interface SubscriptionView {
  topics: string[];
  industry: string | null;
  district: string | null;
  status: string;
  pausedReason: string | null;
  lockedBy: string | null;
}

/** The subscription card: every topic as a toggle (✓ when subscribed). */
export function subscriptionCard(all: { id: string; label: string }[], v: SubscriptionView, group: boolean): Reply {
  const on = new Set(v.topics);
  const lines = [
    on.size
      ? `**已订阅**：${v.topics.map((t) => all.find((x) => x.id === t)?.label ?? t).join("、")}`
      : "**尚未订阅任何主题**，点下面的主题即可订阅（再点一次取消）。",
    `**行业**：${v.industry ?? "不限"} · **区县**：${v.district ?? "不限"}`,
  ];
  if (v.status === "paused")
    lines.push(`**状态**：已暂停（${v.pausedReason ?? "无法送达"}），重新发送 /订阅 即可恢复。`);
  if (group && v.lockedBy) lines.push("本群订阅已由群主锁定，只有群主可以修改。");
  lines.push(
    "也可以直接发送：/订阅 融资 外贸 · /订阅 行业 制造业 · /订阅 区县 余杭区 · /我的订阅 · /退订 外贸 · /退订",
  );
  if (group) lines.push("群主可发送 /订阅 锁定 或 /订阅 解锁。");
  const buttons: GenericCard["buttons"] = all.map((t) => ({
    text: `${on.has(t.id) ? "✓ " : ""}${t.label}`,
    value: {
      cmd: CMD.toggle,
      topic: t.id,
      ct: group ? "group" : "p2p",
      say: `/订阅 ${on.has(t.id) ? "-" : "+"}${t.id}`,
    },
    type: on.has(t.id) ? ("primary" as const) : ("default" as const),
  }));
  const card: GenericCard = { title: "政策直达 · 订阅设置", template: "blue", markdown: lines.join("\n"), buttons };
  return { kind: "card", card, text: `${card.title}\n${card.markdown}` };
}

export interface PlanView {
  id: string;
  status: string;
  version: string;
  from: string | null;
  documents: number;
  recipients: number;
  perTopic: { label: string; documents: number; subscribers: number }[];
  perPlatform: Record<string, number>;
  sent?: number;
  failed?: number;
}

export const PLAN_STATUS: Record<string, string> = {
  pending: "待审批",
  approved: "已批准发送",
  cancelled: "已取消",
  empty: "无需推送",
};

export function planSummaryText(p: PlanView): string {
  const lines = [
    `推送计划 ${p.id}（${PLAN_STATUS[p.status] ?? p.status}）：版本 ${p.from ?? "（无）"} → ${p.version}`,
    `文档 ${p.documents} 份，接收方 ${p.recipients} 个（${
      Object.entries(p.perPlatform)
        .map(([k, v]) => `${k} ${v}`)
        .join("，") || "无"
    }）`,
  ];
  if (p.sent !== undefined) lines.push(`已发送 ${p.sent}，失败 ${p.failed ?? 0}`);
  if (p.perTopic.length)
    lines.push("按主题：" + p.perTopic.map((t) => `${t.label} ${t.documents} 份/${t.subscribers} 家`).join("；"));
  return lines.join("\n");
}

/** The admin's preview: counts per topic, the card as enterprises will see it, 发送 / 取消. */
export function previewCard(p: PlanView, sample: Reply | null): Reply {
  const sampleText =
    sample?.kind === "card" ? `**${sample.card.title}**\n${sample.card.markdown}` : (sample?.text ?? "（无）");
  const pending = p.status === "pending";
  const markdown = [
    planSummaryText(p),
    "**企业将看到（示例）**：",
    sampleText,
    pending
      ? `命令行：npm run push -- send ${p.id} / cancel ${p.id}；群内：/推送 发送 ${p.id}、/推送 取消 ${p.id}`
      : null,
  ]
    .filter(Boolean)
    .join("\n\n");
  const buttons: GenericCard["buttons"] = pending
    ? [
        { text: "发送", value: { cmd: CMD.send, plan: p.id, say: `/推送 发送 ${p.id}` }, type: "primary" },
        { text: "取消", value: { cmd: CMD.cancel, plan: p.id, say: `/推送 取消 ${p.id}` }, type: "danger" },
      ]
    : [];
  const card: GenericCard = {
    title: `政策直达 · 推送计划 ${p.id} · ${PLAN_STATUS[p.status] ?? p.status}`,
    template: pending ? "orange" : p.status === "approved" ? "green" : "grey",
    markdown,
    buttons,
    shared: true,
  };
  return { kind: "card", card, text: `${card.title}\n${markdown}` };
}
