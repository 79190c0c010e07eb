// The desk end to end at service level: real Redis (BullMQ outbox + scheduler), SQLite and
// PostgreSQL, a recording channel double. The Feishu emulator flow is in feishu-desk.test.ts.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CardAction } from "../../bot/conversation/types.js";
import { MemoryRecentList } from "../../bot/infra/recent-list.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { createDesk, type Desk } from "../../bot/tickets/index.js";
import type { ConversationTurn } from "../../bot/tickets/service.js";
import { answerResult } from "./fixtures.js";
import { DIALECTS, freshDb, inbound, RecordingSender, REDIS_URL, testConfig, waitFor, type TestDb } from "./helpers.js";

const cardAction = (value: Record<string, unknown>, operatorId: string, chatId = "oc_desk"): CardAction => ({
  platform: "feishu",
  tenant: "tenant1",
  chatId,
  operatorId,
  messageId: "om_card",
  value,
});

describe.each(DIALECTS)("desk flow on %s + Redis", (dialect) => {
  let tdb: TestDb;
  let desk: Desk;
  let sender: RecordingSender;
  const history = new MemoryRecentList<ConversationTurn>();

  beforeEach(async () => {
    tdb = await freshDb(dialect);
    sender = new RecordingSender();
    desk = await createDesk({
      config: testConfig(),
      db: tdb,
      senders: () => sender,
      redisUrl: REDIS_URL,
      prefix: `test-${randomUUID()}`,
      pollMs: 100,
      history,
      logger: createLogger("silent"),
    });
    await desk.start();
  });
  afterEach(async () => {
    await desk.jobs.obliterate();
    await desk.close();
    await tdb.drop();
  });

  const say = async (text: string, over = {}) => {
    const msg = inbound({ text, ...over });
    for (const i of desk.interceptors) {
      const out = await i.handleMessage?.(msg);
      if (out) return out.map((r) => r.text).join("\n");
    }
    return null;
  };
  const click = async (value: Record<string, unknown>, operatorId: string, chatId?: string) => {
    for (const i of desk.interceptors) {
      const out = await i.handleCardAction?.(cardAction(value, operatorId, chatId));
      if (out) return out;
    }
    throw new Error("no interceptor took the click");
  };

  it("runs 转人工 → card → claim → reply → enterprise answer relayed → resolve → 不满意 → reopen → resolve → 满意", async () => {
    await say("我们想了解首贷户贴息");
    const [created] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    expect(created.text).toMatch(/1 个工作日内/);
    expect(created.text).toMatch(/统一社会信用代码/);
    const card = await waitFor(() => sender.calls.find((c) => c.to === "oc_desk" && c.reply.kind === "card"));
    expect(card.reply.kind === "card" && card.reply.card.shared).toBe(true);
    expect(card.reply.text).toContain("市财政局");
    expect(card.reply.text).toContain("我们想了解首贷户贴息"); // recent conversation on the card

    // optional enterprise info: a bad check digit is refused politely, a good one recorded
    expect(await say("91110000600037341M")).toMatch(/校验未通过/);
    expect(await say("杭州示例科技有限公司 91350100M000100Y43")).toMatch(/已在工单.*记录/);

    // repeated request → same ticket
    const [again] = await desk.handoff.requestHandoff(inbound(), answerResult());
    expect(again.text).toContain(number);
    expect(again.text).toMatch(/已转人工处理.*无需重复提交/);

    // outsider refused, nothing changes
    expect(await say(`/工单 ${number} 认领`, { chatId: "oc_desk", chatType: "group", senderId: "ou_rando" })).toMatch(
      /只有服务台工作人员/,
    );
    expect((await click({ cmd: "ticket.claim", number }, "ou_rando")).toast).toMatch(/只有服务台工作人员/);
    expect((await desk.service.get(number)).state).toBe("new");

    // claim by button
    const claimed = await click({ cmd: "ticket.claim", number }, "ou_staff");
    expect(claimed.toast).toContain("已认领");
    expect(claimed.reply?.text).toContain("已认领");
    await waitFor(() => sender.to("oc_ent").some((t) => t.includes("已由")));

    // staff reply reaches the enterprise, quoting the number
    expect(
      await say(`@企服通 /工单 ${number} 回复 请提供近三个月的贷款合同`.replace("@企服通 ", ""), {
        chatId: "oc_desk",
        chatType: "group",
        senderId: "ou_staff",
      }),
    ).toMatch(/待企业回复/);
    await waitFor(() =>
      sender.to("oc_ent").some((t) => t.includes(`【工单 ${number} 服务台回复】`) && t.includes("贷款合同")),
    );

    // internal note never reaches the enterprise
    await say(`/工单 ${number} 备注 企业资料齐全`, { chatId: "oc_desk", senderId: "ou_staff" });

    // enterprise answer is attached and relayed to the assignee
    expect(await say("合同已准备好，明天发给您")).toMatch(/已将您的回复补充到工单/);
    await waitFor(() => sender.to("ou_staff").some((t) => t.includes("合同已准备好")));
    expect((await desk.service.get(number)).state).toBe("in_progress");

    // resolve → satisfaction card
    await say(`/工单 ${number} 解决 已按首贷户贴息政策办理`, { chatId: "oc_desk", senderId: "ou_staff" });
    const survey = await waitFor(() =>
      sender.calls.find((c) => c.to === "oc_ent" && c.reply.kind === "card" && c.reply.card.title.includes("评价")),
    );
    const buttons = survey.reply.kind === "card" ? survey.reply.card.buttons.map((b) => b.text) : [];
    expect(buttons).toEqual(["满意", "基本满意", "不满意"]);

    // 不满意 offers reopening; reopen
    const rated = await click({ cmd: "survey.rate", number, score: 1 }, "ou_ent", "oc_ent");
    expect(rated.reply?.text).toMatch(/重新处理/);
    expect((await click({ cmd: "survey.reason", number, reason: "回复太慢" }, "ou_ent", "oc_ent")).toast).toBe(
      "已记录原因",
    );
    const reopened = await click({ cmd: "survey.reopen", number }, "ou_ent", "oc_ent");
    expect(reopened.toast).toBe("已重新打开工单");
    let t = await desk.service.get(number);
    expect([t.state, t.reopen_count]).toEqual(["in_progress", 1]);

    await say(`/工单 ${number} 解决 已补充办理`, { chatId: "oc_desk", senderId: "ou_staff" });
    await desk.service.rate(number, { platform: "feishu", id: "ou_ent" }, 3, null).catch((e) => e); // second survey: first answer stays
    t = await desk.service.get(number);
    expect(t.state).toBe("resolved");
    expect((await desk.service.store.survey(t.id))?.score).toBe(1);

    const events = await desk.service.store.events(t.id);
    expect(events.map((e) => e.type)).toEqual([
      "created",
      "enterprise_info",
      "claimed",
      "replied",
      "note",
      "enterprise_message",
      "resolved",
      "reopened",
      "resolved",
    ]);
    expect(events.every((e) => e.actor_id && e.at > 0)).toBe(true);
    const msgs = await desk.service.store.messages(t.id);
    expect(msgs.find((m) => m.body === "企业资料齐全")?.visibility).toBe("internal");
    expect(sender.calls.some((c) => c.to === "oc_ent" && c.reply.text.includes("企业资料齐全"))).toBe(false);
    expect(t.enterprise_name).toBe("杭州示例科技有限公司");
    expect(t.credit_code).toBe("91350100M000100Y43");

    // /我的工单 lists it
    expect(await say("/我的工单")).toContain(number);
    // every outbox row delivered exactly once
    await waitFor(
      async () =>
        (await desk.service.store.db.selectFrom("outbox").select("id").where("delivered_at", "is", null).execute())
          .length === 0,
    );
    const keys = sender.calls.filter((c) => c.key).map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("answers bad commands clearly and changes nothing", async () => {
    const [created] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    const staff = { chatId: "oc_desk", chatType: "group" as const, senderId: "ou_staff", senderName: "李坐席" };
    expect(await say("/工单 QY-20990101-0001 认领", staff)).toMatch(/没有找到工单 QY-20990101-0001/);
    expect(await say(`/工单 ${number} 解决 好了`, staff)).toMatch(/当前状态为「待认领」，不能标记解决/);
    expect(await say(`/工单 ${number} 认领`, staff)).toMatch(/已认领/);
    expect(await say(`/工单 ${number} 认领`, { ...staff, senderId: "ou_staff2", senderName: "赵坐席" })).toMatch(
      /当前状态为「已认领」，不能认领/,
    );
    expect(await say(`/工单 ${number} 回复`, staff)).toMatch(/回复内容不能为空/);
    expect(await say(`/工单 ${number} 回复 你好`, { ...staff, senderId: "ou_staff2", senderName: "赵坐席" })).toMatch(
      /由 李坐席 处理/,
    );
    expect(await say(`/工单 ${number} 转派`, staff)).toMatch(/请写明转派单位/);
    expect(await say(`/工单 ${number} 回复 ${"长".repeat(2500)}`, staff)).toMatch(/内容过长（2500 字）/);
    expect(await say(`/工单 ${number} 删除`, staff)).toMatch(/不认识的操作/);
    expect(await say("/工单 列表", staff)).toContain(number);
    const t = await desk.service.get(number);
    expect([t.state, t.version]).toEqual(["assigned", 2]);
    // transfer goes to another unit and back to the queue
    expect(await say(`/工单 ${number} 转派 市经信局`, staff)).toMatch(/已转派/);
    const moved = await desk.service.get(number);
    expect([moved.state, moved.lead_unit, moved.assignee_id]).toEqual(["transferred", "市经信局", null]);
    await waitFor(() => sender.to("oc_ent").some((x) => x.includes("市经信局")));
  });

  it("retries a failed channel send and shows it once", async () => {
    sender.failNext = 2; // the platform fails twice, then recovers
    const [created] = await desk.handoff.requestHandoff(inbound({ senderId: "ou_retry" }), answerResult());
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    await waitFor(() => sender.calls.find((c) => c.to === "oc_desk" && c.reply.text.includes(number)), 15_000);
    const t = await desk.service.get(number);
    const row = await waitFor(async () => {
      const [r] = await desk.service.store.db.selectFrom("outbox").selectAll().where("ticket_id", "=", t.id).execute();
      return r.delivered_at ? r : null; // marked right after the send returns
    });
    expect(row.attempts).toBe(3);
    expect(sender.calls.filter((c) => c.reply.text.includes(number))).toHaveLength(1);
  });

  it("lets exactly one of two simultaneous claims win", async () => {
    const [created] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    const results = await Promise.all([
      click({ cmd: "ticket.claim", number }, "ou_staff"),
      click({ cmd: "ticket.claim", number }, "ou_staff2"),
    ]);
    expect(results.filter((r) => r.toast?.startsWith("已认领"))).toHaveLength(1);
    expect(results.filter((r) => /刚被他人更新|不能认领/.test(r.toast ?? ""))).toHaveLength(1);
    const t = await desk.service.get(number);
    expect((await desk.service.store.events(t.id)).filter((e) => e.type === "claimed")).toHaveLength(1);
  });
});
