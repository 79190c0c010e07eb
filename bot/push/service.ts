// 政策直达 as one service: subscription changes (with the group lock), plan decisions by admins,
// 问一问 answers, follow-up counting. The chat commands, card buttons and the CLI all call this.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseNoticeCatalog } from "../../knowledge/catalog/parse-notice.js";
import { KNOWLEDGE_CORPUS_DIR } from "../../knowledge/paths.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { currentVersion } from "../../ingest/pipeline/versions.js";
import { renderAnswerText } from "../conversation/render-text.js";
import type { Reply } from "../conversation/types.js";
import { planSummaryText, previewCard, pushCard, subscriptionCard, type PushDocumentCard } from "./cards.js";
import type { PushDelivery } from "./delivery.js";
import type { PlanRow, PlanStore } from "./plan-store.js";
import { parseSummary, planView } from "./plan-view.js";
import type { PushPlanner } from "./planner.js";
import { topicsOf, type ChatRef, type SubscriptionRow, type SubscriptionStore } from "./subscription-store.js";
import { loadTopicsData, TopicCatalog, type ProjectInfo } from "./topics.js";
import { decodePositions } from "./positions.js";

export interface Actor {
  id: string;
  /** Owner/administrator of the group (decided by the platform). */
  isGroupOwner: () => Promise<boolean>;
}

export interface PushServiceDeps {
  plans: PlanStore;
  subscriptions: SubscriptionStore;
  planner: PushPlanner;
  delivery?: PushDelivery;
  dataDir: string;
  kb: () => KnowledgeBase | null;
  followUpMs: number;
  now: () => number;
}

export class PushError extends Error {}

let bundledProjects: ProjectInfo[] | undefined;

function projectsFromBundledNotice(): ProjectInfo[] {
  if (!bundledProjects) {
    const file = path.join(KNOWLEDGE_CORPUS_DIR, "2024-hangzhou-wei-qi-ban-shi-shi-notice.txt");
    const cat = parseNoticeCatalog("notice", "notice", readFileSync(file, "utf8"));
    bundledProjects = (cat?.projects ?? []).map((p) => ({ number: p.number, name: p.name, leadUnits: p.leadUnits }));
  }
  return bundledProjects;
}

export class PushService {
  private catalogCache?: { version: string | null; at: number; catalog: TopicCatalog };

  constructor(readonly deps: PushServiceDeps) {}

  /** Topics as of the live index (project names from its catalog), cached for a minute. */
  async catalog(): Promise<TopicCatalog> {
    const now = this.deps.now();
    if (this.catalogCache && now - this.catalogCache.at < 60_000) return this.catalogCache.catalog;
    const live = await currentVersion(indexLayout(this.deps.dataDir)).catch(() => null);
    const projects = live?.manifest.catalog?.length
      ? live.manifest.catalog.map((p) => ({ number: p.number, name: p.name, leadUnits: p.leadUnits }))
      : projectsFromBundledNotice();
    const catalog = new TopicCatalog(loadTopicsData(), projects);
    this.catalogCache = { version: live?.id ?? null, at: now, catalog };
    return catalog;
  }

  /** A topic's label from the last catalog read (the id until one was read). */
  labelNow(id: string): string {
    return this.catalogCache?.catalog.label(id) ?? id;
  }

  async card(chat: ChatRef): Promise<Reply> {
    const [cat, sub] = await Promise.all([this.catalog(), this.deps.subscriptions.get(chat.platform, chat.chatId)]);
    return subscriptionCard(cat.topics, viewOf(sub), chat.chatType === "group");
  }

  private async guardLock(chat: ChatRef, actor: Actor, sub: SubscriptionRow | undefined): Promise<void> {
    if (chat.chatType !== "group" || !sub?.locked_by) return;
    if (sub.locked_by === actor.id || (await actor.isGroupOwner())) return;
    throw new PushError("本群的订阅已由群主锁定，只有群主可以修改。");
  }

  /** Replaces (mode "set"), adds or removes topics. Re-activates a paused or cancelled subscription. */
  async changeTopics(
    chat: ChatRef,
    actor: Actor,
    topics: string[],
    mode: "set" | "add" | "remove",
  ): Promise<SubscriptionRow> {
    const sub = await this.deps.subscriptions.get(chat.platform, chat.chatId);
    await this.guardLock(chat, actor, sub);
    const current = sub && sub.status !== "cancelled" ? topicsOf(sub) : [];
    let next: string[];
    if (mode === "set") next = [...new Set(topics)];
    else if (mode === "add") next = [...new Set([...current, ...topics])];
    else next = current.filter((t) => !topics.includes(t));
    const status = next.length ? "active" : "cancelled";
    return this.deps.subscriptions.upsert(chat, actor.id, mode === "remove" ? "unsubscribe" : mode, {
      topics: next,
      status,
      pausedReason: null,
    });
  }

  async unsubscribeAll(chat: ChatRef, actor: Actor): Promise<SubscriptionRow | undefined> {
    const sub = await this.deps.subscriptions.get(chat.platform, chat.chatId);
    if (!sub) return undefined;
    await this.guardLock(chat, actor, sub);
    return this.deps.subscriptions.upsert(chat, actor.id, "unsubscribe", { topics: [], status: "cancelled" });
  }

  async setFilter(
    chat: ChatRef,
    actor: Actor,
    field: "industry" | "district",
    value: string | null,
  ): Promise<SubscriptionRow> {
    const sub = await this.deps.subscriptions.get(chat.platform, chat.chatId);
    await this.guardLock(chat, actor, sub);
    return this.deps.subscriptions.upsert(chat, actor.id, "set", { [field]: value });
  }

  async setLock(chat: ChatRef, actor: Actor, lock: boolean): Promise<SubscriptionRow> {
    if (chat.chatType !== "group") throw new PushError("单聊的订阅只属于您自己，无需锁定。");
    if (!(await actor.isGroupOwner())) throw new PushError("只有群主可以锁定或解锁本群的订阅。");
    return this.deps.subscriptions.upsert(chat, actor.id, lock ? "lock" : "unlock", {
      lockedBy: lock ? actor.id : null,
    });
  }

  // ── plans (admin) ──────────────────────────────────────────────────────────────────────────

  async listPlans(limit = 20): Promise<PlanRow[]> {
    await this.deps.planner.planPending(); // the CLI has no bot: plan what was published meanwhile
    return this.deps.plans.list(limit);
  }

  async describe(id: string): Promise<string> {
    const plan = await this.requirePlan(id);
    return planSummaryText(planView(plan, parseSummary(plan.summary), await this.deps.plans.deliveryCounts(plan.id)));
  }

  /** The preview as admins see it in ADMIN_CHAT_ID. */
  async preview(id: string): Promise<Reply> {
    const plan = await this.requirePlan(id);
    const cat = await this.catalog();
    const docs = await this.deps.plans.documents(plan.id);
    const first = await this.deps.plans.db
      .selectFrom("push_deliveries")
      .selectAll()
      .where("plan_id", "=", plan.id)
      .orderBy("id")
      .limit(1)
      .executeTakeFirst();
    let sample: Reply | null = null;
    if (first) {
      const positions = new Set(decodePositions(first.doc_positions));
      const sub = await this.deps.subscriptions.byId(first.subscription_id);
      sample = pushCard({
        planId: plan.id,
        deliveryId: "preview",
        documents: docs.filter((d) => positions.has(d.position)),
        subscribedTopics: sub ? topicsOf(sub) : [],
        topicLabel: (t) => cat.label(t),
      });
    }
    return previewCard(
      planView(plan, parseSummary(plan.summary), await this.deps.plans.deliveryCounts(plan.id)),
      sample,
    );
  }

  async approve(id: string, actorId: string): Promise<{ plan: PlanRow; changed: boolean }> {
    await this.requirePlan(id);
    const { plan, changed } = await this.deps.plans.decide(id, "approved", actorId);
    if (changed) this.deps.delivery?.kick();
    return { plan: plan!, changed };
  }

  async cancel(id: string, actorId: string): Promise<{ plan: PlanRow; changed: boolean }> {
    await this.requirePlan(id);
    const { plan, changed } = await this.deps.plans.decide(id, "cancelled", actorId);
    return { plan: plan!, changed };
  }

  private async requirePlan(id: string): Promise<PlanRow> {
    const plan = /^P\d{1,8}$/i.test(id.trim()) ? await this.deps.plans.get(id.trim()) : undefined;
    if (!plan) throw new PushError(`没有找到推送计划「${id}」（编号形如 P0001）。`);
    return plan;
  }

  // ── 问一问 and follow-ups ─────────────────────────────────────────────────────────────────

  /** The answer to 「问一问」 about one pushed document, as a reply for the chat. */
  async ask(doc: PushDocumentCard): Promise<Reply> {
    const kb = this.deps.kb();
    const question = `《${doc.title}》${doc.change === "added" ? "有哪些规定" : "有什么变化"}，对企业有什么影响？`;
    if (!kb) return { kind: "text", text: `《${doc.title}》：${doc.whatNew.join("；")}。如需详细解读，请稍后再问。` };
    const result = await kb.answer(question);
    return { kind: "answer", result, text: renderAnswerText(result) };
  }

  async documentOf(planId: string, position: number): Promise<PushDocumentCard | undefined> {
    return (await this.deps.plans.documents(planId)).find((d) => d.position === position)?.card;
  }

  /** The pushed document whose title the text names (DingTalk's 「问一问 标题」 link), in this chat's recent pushes. */
  async documentByTitle(
    platform: string,
    chatId: string,
    title: string,
  ): Promise<{ deliveryId: string; card: PushDocumentCard } | undefined> {
    const d = await this.deps.plans.lastSentTo(platform, chatId, this.deps.now() - this.deps.followUpMs);
    if (!d) return undefined;
    const positions = new Set(decodePositions(d.doc_positions));
    const docs = (await this.deps.plans.documents(d.plan_id)).filter((x) => positions.has(x.position));
    const hit =
      docs.find((x) => x.card.title === title) ??
      docs.find((x) => title.includes(x.card.title) || x.card.title.includes(title));
    return hit ? { deliveryId: d.id, card: hit.card } : undefined;
  }

  async recordClick(deliveryId: string, userId: string): Promise<void> {
    await this.deps.plans.recordFollowUp(deliveryId, "click", userId, this.deps.now());
  }

  /** A question in a chat that got a push within the window counts as a follow-up of that push. */
  async noteQuestion(platform: string, chatId: string, userId: string): Promise<void> {
    const d = await this.deps.plans.lastSentTo(platform, chatId, this.deps.now() - this.deps.followUpMs);
    if (d) await this.deps.plans.recordFollowUp(d.id, "question", userId, this.deps.now());
  }
}

function viewOf(sub: SubscriptionRow | undefined) {
  return {
    topics: sub && sub.status !== "cancelled" ? topicsOf(sub) : [],
    industry: sub?.industry ?? null,
    district: sub?.district ?? null,
    status: sub?.status ?? "none",
    pausedReason: sub?.paused_reason ?? null,
    lockedBy: sub?.locked_by ?? null,
  };
}
