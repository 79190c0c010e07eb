// 政策直达 below the chat layer: plan matching from two published versions, the approval gate,
// exactly-once delivery across a worker that dies and a Redis that loses the queue keys, an
// unreachable chat pausing its subscription, and the report figures.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { logger } from "../../knowledge/infra/logger.js";
import { ChannelError } from "../../bot/infra/errors.js";
import type { ChannelSender, Reply } from "../../bot/conversation/types.js";
import type { PushConfig } from "../../bot/push/config.js";
import { createPush, type Push } from "../../bot/push/index.js";
import { buildPushReport } from "../../bot/push/report.js";
import { freshDb, REDIS_URL, waitFor, type TestDb } from "../tickets/helpers.js";
import { LOAN_DOC, OLD_LAW, TRADE_DOC, recordPublish, writeVersion } from "./fixtures.js";
import { decodePositions } from "../../bot/push/positions.js";

const CONFIG: PushConfig = {
  rates: { feishu: 200, dingtalk: 200 },
  worker: true,
  followUpMs: 24 * 3_600_000,
  lookbackMs: 7 * 86_400_000,
};

/** A platform double: one message per idempotency key (like Feishu's uuid); chats it cannot reach. */
class PlatformDouble implements ChannelSender {
  shown = new Map<string, Reply[]>();
  private keys = new Set<string>();
  unreachable = new Set<string>();
  sends = 0;
  async reply(): Promise<{ messageId?: string }> {
    throw new Error("not used");
  }
  async sendToChat(chatId: string, reply: Reply, key: string) {
    this.sends++;
    if (this.unreachable.has(chatId))
      throw new ChannelError("FEISHU_230002", "Bot/User can NOT be out of the chat.", { retryable: false });
    if (!this.keys.has(key)) {
      this.keys.add(key);
      this.shown.set(chatId, [...(this.shown.get(chatId) ?? []), reply]);
    }
    return { messageId: `om_${key}` };
  }
  total(): number {
    return [...this.shown.values()].reduce((a, b) => a + b.length, 0);
  }
}

const actor = (id: string) => ({ id, isGroupOwner: async () => false });
const chat = (chatId: string, chatType: "p2p" | "group" = "p2p") => ({
  platform: "feishu",
  tenant: "t",
  chatId,
  chatType,
});

describe("push plans and delivery", () => {
  let db: TestDb | undefined;
  let dataDir: string | undefined;
  const pushes: Push[] = [];

  afterEach(async () => {
    for (const p of pushes.splice(0)) {
      await p.delivery?.obliterate();
      await p.delivery?.close();
    }
    await db?.drop();
    db = undefined;
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  const dirOf = () => dataDir!;

  async function setup(
    dialect: "sqlite" | "postgres" = "sqlite",
    sender = new PlatformDouble(),
    o: { redis?: boolean; prefix?: string } = {},
  ) {
    db ??= await freshDb(dialect);
    dataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), "push-"));
    const push = createPush({
      db,
      desk: { deskPlatform: "feishu", adminChatId: "oc_admins" },
      config: CONFIG,
      dataDir: dataDir,
      senders: () => sender,
      redisUrl: o.redis === false ? undefined : REDIS_URL,
      prefix: o.prefix ?? `test-push-${randomUUID()}`,
      logger,
      pollMs: 100,
      leaseMs: 500,
      reofferMs: 700,
    });
    pushes.push(push);
    return { push, sender };
  }

  function publishChange() {
    const dataDir = dirOf();
    writeVersion(dataDir, "v1", [
      OLD_LAW,
      { ...LOAN_DOC, articles: LOAN_DOC.articles.slice(0, 2).map((a) => a.replace("0.8%", "1%")) },
    ]);
    writeVersion(dataDir, "v2", [OLD_LAW, LOAN_DOC, TRADE_DOC]);
    recordPublish(dataDir, "v1", null);
    recordPublish(dataDir, "v2", "v1");
  }

  it("matches documents to subscribers by project, tag and filters, and plans each publish once", async () => {
    const { push } = await setup();
    const s = push.service;
    await s.changeTopics(chat("oc_a"), actor("u1"), ["融资"], "set");
    await s.changeTopics(chat("oc_b"), actor("u2"), ["外贸"], "set");
    await s.changeTopics(chat("oc_c"), actor("u3"), ["政府采购"], "set");
    await s.changeTopics(chat("oc_d"), actor("u4"), ["项目4", "外贸"], "set");
    await s.setFilter(chat("oc_d"), actor("u4"), "district", "余杭区");
    publishChange();
    const [plan] = await push.planner.planPending();
    expect(plan.status).toBe("pending");
    expect(plan.documents).toBe(2); // the unchanged procurement law is not news
    const again = await push.planner.planPending();
    expect(again).toEqual([]); // planned once
    const rows = await push.plans.db.selectFrom("push_deliveries").selectAll().execute();
    const byChat = Object.fromEntries(rows.map((r) => [r.chat_id, decodePositions(r.doc_positions).length]));
    expect(byChat).toEqual({ oc_a: 1, oc_b: 1, oc_d: 2 }); // oc_c's topic did not change; oc_d's district filter excludes nothing city-wide
    const docs = await push.plans.documents(plan.id);
    const loan = docs.find((d) => d.card.docId === LOAN_DOC.id)!.card;
    expect(loan.change).toBe("changed");
    expect(loan.issuer).toBe("杭州市财政局");
    expect(loan.whatNew.join(" ")).toMatch(/新增第三条/);
    expect(loan.whatNew.join(" ")).toMatch(/0\.8%/);
    expect(loan.leadUnits).toContain("市发改委");
    expect(loan.audience).toMatch(/小微企业/);
    // The admin preview was written to the desk outbox in the same transaction.
    const preview = await db!.db
      .selectFrom("outbox")
      .selectAll()
      .where("idempotency_key", "=", `push-preview:${plan.id}`)
      .executeTakeFirst();
    expect(preview?.target).toBe("oc_admins");
    expect(JSON.parse(preview!.payload).reply.text).toMatch(/融资/);
  });

  it("sends nothing until approved; a cancelled plan never sends", async () => {
    const { push, sender } = await setup();
    await push.service.changeTopics(chat("oc_a"), actor("u1"), ["融资"], "set");
    publishChange();
    const [plan] = await push.planner.planPending();
    await push.delivery!.start();
    await new Promise((r) => setTimeout(r, 600));
    expect(sender.sends).toBe(0);
    await push.service.cancel(plan.id, "ou_admin");
    await expect(push.service.approve(plan.id, "ou_admin")).resolves.toMatchObject({ changed: false });
    await new Promise((r) => setTimeout(r, 400));
    expect(sender.sends).toBe(0);
  });

  it("delivers exactly once per subscriber across a worker that dies mid-send and across Redis losing the queue", async () => {
    const sender = new PlatformDouble();
    const prefix = `test-push-${randomUUID()}`;
    const { push } = await setup("sqlite", sender, { prefix });
    for (let i = 0; i < 60; i++)
      await push.service.changeTopics(chat(`oc_${i}`), actor(`u${i}`), [i % 2 ? "融资" : "外贸"], "set");
    publishChange();
    const [plan] = await push.planner.planPending();
    expect(plan.recipients).toBe(60);
    // A worker that leased a delivery, sent it, and died before marking it sent.
    await push.plans.decide(plan.id, "approved", "ou_admin");
    const first = (await push.plans.due(Date.now(), 1))[0];
    const leased = await push.plans.lease(first.id, Date.now(), 300);
    expect(leased).toBeTruthy();
    await sender.sendToChat(leased!.chat_id, { kind: "text", text: "x" }, `push:${leased!.id}`);
    // Start delivering; halfway through, Redis loses every key of the push queues.
    await push.delivery!.start();
    await waitFor(() => sender.total() >= 20, 10_000);
    await push.delivery!.obliterate();
    // A second process joins (its own poll loop and workers on the same database).
    const { push: other } = await setup("sqlite", sender, { prefix });
    await other.delivery!.start();
    await waitFor(async () => (await push.plans.deliveryCounts(plan.id)).sent === 60, 20_000);
    expect(sender.shown.size).toBe(60);
    for (const [, replies] of sender.shown) expect(replies.length).toBe(1);
  });

  it("records an unreachable chat as a failure and pauses its subscription", async () => {
    const { push, sender } = await setup("sqlite", new PlatformDouble(), { redis: false });
    await push.service.changeTopics(chat("oc_gone", "group"), actor("u1"), ["融资"], "set");
    await push.service.changeTopics(chat("oc_ok"), actor("u2"), ["融资"], "set");
    sender.unreachable.add("oc_gone");
    publishChange();
    const [plan] = await push.planner.planPending();
    await push.service.approve(plan.id, "ou_admin");
    await push.delivery!.start();
    await waitFor(async () => {
      const c = await push.plans.deliveryCounts(plan.id);
      return c.sent === 1 && c.failed === 1;
    }, 5000);
    const gone = await push.subscriptions.get("feishu", "oc_gone");
    expect(gone?.status).toBe("paused");
    expect(gone?.paused_reason).toMatch(/230002/);
    expect((await push.subscriptions.changes(gone!.id)).map((c) => c.action)).toEqual(["set", "pause"]);
    // Report: subscribers, plans, messages, failures, reach within an hour, follow-ups.
    const d = await push.plans.lastSentTo("feishu", "oc_ok", 0);
    await push.service.recordClick(d!.id, "u2");
    await push.service.noteQuestion("feishu", "oc_ok", "u2");
    const r = await buildPushReport(db!.db, 0, Date.now() + 1000);
    expect(r.subscribers).toEqual({ active: 1, paused: 1, cancelled: 0 });
    expect(r.plans).toMatchObject({ total: 1, approved: 1 });
    expect(r.messages).toMatchObject({ planned: 2, sent: 1, failed: 1, pending: 0 });
    expect(r.reachedWithinHour).toBe(1);
    expect(r.pushRate).toBe(0.5);
    expect(r.followUps).toEqual({ deliveries: 1, clicks: 1, questions: 1 });
  });

  it("makes one plan per publish when several processes hear it at once (PostgreSQL)", async () => {
    const { push } = await setup("postgres", new PlatformDouble(), { redis: false });
    await push.service.changeTopics(chat("oc_a"), actor("u1"), ["融资"], "set");
    publishChange();
    const { push: b } = await setup("postgres", new PlatformDouble(), { redis: false });
    const results = await Promise.all([
      push.planner.planVersion("v2", "v1"),
      b.planner.planVersion("v2", "v1"),
      push.planner.planVersion("v2", "v1"),
    ]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.plan.id)).size).toBe(1);
    expect((await push.plans.list()).length).toBe(1);
  });
});
