// 政策直达 assembled: stores, planner, delivery and service over the desk database. Used by the
// bot extension (bot/push/extension.ts), the CLI (npm run push) and tests.
import { logger as rootLogger, type Logger } from "../../knowledge/infra/logger.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import type { DeskConfig } from "../tickets/config.js";
import type { OpenedDb } from "../tickets/db.js";
import type { PushConfig } from "./config.js";
import { pushDb } from "./db.js";
import { PushDelivery, type SenderLookup } from "./delivery.js";
import { PlanStore } from "./plan-store.js";
import { PushPlanner } from "./planner.js";
import { PushService } from "./service.js";
import { SubscriptionStore } from "./subscription-store.js";

export interface PushOptions {
  db: OpenedDb;
  desk: Pick<DeskConfig, "adminChatId" | "deskPlatform">;
  config: PushConfig;
  dataDir: string;
  senders?: SenderLookup;
  kb?: () => KnowledgeBase | null;
  redisUrl?: string;
  prefix?: string;
  logger?: Logger;
  now?: () => number;
  pollMs?: number;
  leaseMs?: number;
  reofferMs?: number;
  concurrency?: number;
}

export interface Push {
  service: PushService;
  planner: PushPlanner;
  plans: PlanStore;
  subscriptions: SubscriptionStore;
  /** Absent when no senders were given (the CLI only decides; bot processes deliver). */
  delivery?: PushDelivery;
}

export function createPush(o: PushOptions): Push {
  const now = o.now ?? Date.now;
  const log = (o.logger ?? rootLogger).child({ module: "push" });
  const plans = new PlanStore(o.db.db, now);
  const subscriptions = new SubscriptionStore(pushDb(o.db.db), now);
  const planner = new PushPlanner({
    plans,
    subscriptions,
    dataDir: o.dataDir,
    lookbackMs: o.config.lookbackMs,
    logger: log,
    now,
    adminChat: o.desk.adminChatId ? { platform: o.desk.deskPlatform, chatId: o.desk.adminChatId } : undefined,
  });
  let service: PushService | undefined;
  const delivery = o.senders
    ? new PushDelivery({
        plans,
        subscriptions,
        senders: o.senders,
        logger: log,
        redisUrl: o.redisUrl,
        prefix: o.prefix,
        rates: o.config.rates,
        worker: o.config.worker,
        now,
        pollMs: o.pollMs,
        leaseMs: o.leaseMs,
        reofferMs: o.reofferMs,
        concurrency: o.concurrency,
        topicLabel: (id) => service?.labelNow(id) ?? id,
      })
    : undefined;
  service = new PushService({
    plans,
    subscriptions,
    planner,
    delivery,
    dataDir: o.dataDir,
    kb: o.kb ?? (() => null),
    followUpMs: o.config.followUpMs,
    now,
  });
  return { service, planner, plans, subscriptions, delivery };
}
