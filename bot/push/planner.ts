// Makes the push plan for a publish: the documents it added or changed, matched against the active
// subscriptions. Called by every bot process that hears a publish announcement (and lazily by
// `npm run push`); the database makes it happen once per published version.
import { existsSync } from "node:fs";
import path from "node:path";
import type { Logger } from "../../knowledge/infra/logger.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { readHistory } from "../../ingest/pipeline/versions.js";
import type { OutboxDraft } from "../tickets/store.js";
import { previewCard, pushCard, type PushDocumentCard } from "./cards.js";
import { documentChangesBetween } from "./document-changes.js";
import { classifyAll, matchSubscribers, type MatchSubscriber } from "./matcher.js";
import type { PlanRow, PlanStore, PlanSummary } from "./plan-store.js";
import { planView } from "./plan-view.js";
import { topicsOf, type SubscriptionStore } from "./subscription-store.js";
import { loadTopicsData, TopicCatalog, type ProjectInfo, type TopicsData } from "./topics.js";

export interface PlannerOptions {
  plans: PlanStore;
  subscriptions: SubscriptionStore;
  dataDir: string;
  /** Where the preview card goes (ADMIN_CHAT_ID on the desk platform). */
  adminChat?: { platform: string; chatId: string };
  /** Publishes older than this are not planned any more (ms). */
  lookbackMs: number;
  logger: Logger;
  topics?: TopicsData;
  now?: () => number;
}

export const AUDIENCE_DEFAULT = "全市各类企业";

export class PushPlanner {
  private running: Promise<PlanRow[]> | null = null;

  constructor(private readonly o: PlannerOptions) {}

  /** Plans every recent publish that has no plan yet (serialised within this process). */
  planPending(): Promise<PlanRow[]> {
    this.running ??= this.planPendingOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async planPendingOnce(): Promise<PlanRow[]> {
    const layout = indexLayout(this.o.dataDir);
    const since = (this.o.now ?? Date.now)() - this.o.lookbackMs;
    const made: PlanRow[] = [];
    for (const h of await readHistory(layout)) {
      if (h.action !== "publish" || !h.from || Date.parse(h.at) < since) continue;
      if (await this.o.plans.byVersion(h.version)) continue;
      try {
        const { plan, created } = await this.planVersion(h.version, h.from);
        if (created) made.push(plan);
      } catch (err) {
        this.o.logger.warn(
          { version: h.version, err: (err as Error).message },
          "push plan failed (version pruned or unreadable?)",
        );
      }
    }
    return made;
  }

  async planVersion(version: string, from: string | null): Promise<{ plan: PlanRow; created: boolean }> {
    const existing = await this.o.plans.byVersion(version);
    if (existing) return { plan: existing, created: false };
    const layout = indexLayout(this.o.dataDir);
    const tStart = performance.now();
    // A previous version already pruned from disk cannot be compared: the plan is recorded empty.
    const fromDir =
      from && existsSync(path.join(layout.versions, from, "manifest.json")) ? path.join(layout.versions, from) : null;
    const changes = await documentChangesBetween(fromDir, path.join(layout.versions, version));
    const planned = await this.o.plans.plannedKeys(changes.changes.map((c) => c.docKey));
    const fresh = changes.changes.filter((c) => !planned.has(c.docKey));
    const diffMs = performance.now() - tStart;
    const catalog = new TopicCatalog(this.o.topics ?? loadTopicsData(), changes.projects);
    const subs = await this.o.subscriptions.active();
    const input = subs.map(
      (s) => ({ id: s.id, topics: topicsOf(s), industry: s.industry, district: s.district }) satisfies MatchSubscriber,
    );
    const t0 = performance.now();
    const classified = classifyAll(catalog, fresh);
    const classifyMs = performance.now() - t0;
    const match = matchSubscribers(catalog, classified, input);
    const matchMs = performance.now() - t0 - classifyMs;
    const cards: PushDocumentCard[] = match.documents.map((d) => ({
      docId: d.docId,
      title: d.title,
      issuer: d.issuer,
      date: d.date,
      change: d.change,
      whatNew: d.whatNew,
      audience: d.audiences.slice(0, 3).join("、") || AUDIENCE_DEFAULT,
      leadUnits: leadUnitsOf(d.relatedProjects, changes.projects),
      topics: d.topics,
    }));
    const deliveries: { subscriptionId: string; platform: string; chatId: string; positions: number[] }[] = [];
    match.perSubscriber.forEach((positions, si) => {
      if (positions)
        deliveries.push({
          subscriptionId: subs[si].id,
          platform: subs[si].platform,
          chatId: subs[si].chat_id,
          positions,
        });
    });
    const perPlatform: Record<string, number> = {};
    for (const d of deliveries) perPlatform[d.platform] = (perPlatform[d.platform] ?? 0) + 1;
    const summary: PlanSummary = { perTopic: match.perTopic, perPlatform };
    const admin = this.o.adminChat;
    const res = await this.o.plans.create({
      version,
      fromVersion: changes.from,
      documents: match.documents.map((d, i) => ({
        docKey: d.docKey,
        docId: d.docId,
        change: d.change,
        card: cards[i],
      })),
      deliveries,
      summary,
      outbox: admin
        ? (planId): OutboxDraft[] => {
            const first = deliveries[0];
            const sample = first
              ? pushCard({
                  planId,
                  deliveryId: "preview",
                  subscribedTopics: topicsOf(subs.find((s) => s.id === first.subscriptionId)!),
                  documents: first.positions.map((p) => ({ position: p, card: cards[p] })),
                  topicLabel: (t) => catalog.label(t),
                })
              : null;
            const view = planView(
              {
                id: planId,
                status: "pending",
                version,
                from_version: changes.from,
                documents: cards.length,
                recipients: deliveries.length,
              },
              summary,
            );
            return [
              {
                kind: "send",
                platform: admin.platform,
                targetType: "chat",
                target: admin.chatId,
                payload: { reply: previewCard(view, sample) },
                idempotencyKey: `push-preview:${planId}`,
              },
            ];
          }
        : undefined,
    });
    if (res.created) {
      this.o.logger.info(
        {
          plan: res.plan.id,
          version,
          documents: cards.length,
          recipients: deliveries.length,
          diffMs: Math.round(diffMs),
          readMs: Math.round(t0 - tStart - diffMs),
          classifyMs: Math.round(classifyMs),
          matchMs: Math.round(matchMs),
          writeMs: Math.round(performance.now() - t0 - classifyMs - matchMs),
        },
        res.plan.status === "pending"
          ? "push plan made; waiting for an admin to approve"
          : "publish changed nothing anyone subscribed to",
      );
    }
    return res;
  }
}

function leadUnitsOf(projects: number[], catalog: ProjectInfo[]): string[] {
  const out: string[] = [];
  for (const n of projects)
    for (const u of catalog.find((p) => p.number === n)?.leadUnits ?? []) if (!out.includes(u)) out.push(u);
  return out.slice(0, 4);
}
