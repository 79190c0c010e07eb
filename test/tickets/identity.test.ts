// Issue 12 items 4, 10, 13 (desk side): identity is (platform, id) for every staff/admin check;
// a replayed card click never acts twice even when Redis has forgotten it (event id recorded in the
// ticket database with the change); the desk card and /工单 列表 show masked phone and ID numbers.
import { randomUUID } from "node:crypto";
import type { Queue } from "bullmq";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createIngestQueue, type ReingestJobData } from "../../bot/admin/queue.js";
import { createReingestInterceptor } from "../../bot/admin/reingest-command.js";
import type { CardAction, InboundMessage } from "../../bot/conversation/types.js";
import { closeRedis, createRedis, type Redis } from "../../bot/infra/redis.js";
import { deskCard } from "../../bot/tickets/cards.js";
import { describeAllowlist, isListed, parseAllowlist } from "../../bot/tickets/identity.js";
import { createDesk, type Desk } from "../../bot/tickets/index.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { answerResult } from "./fixtures.js";
import { freshDb, inbound, RecordingSender, testClock, testConfig, waitFor, type TestDb } from "./helpers.js";

describe("allowlists are (platform, id) pairs", () => {
  it("reads platform:id entries, and a bare id as the desk's platform", () => {
    const list = parseAllowlist(["feishu:ou_1", "dingtalk:0042", "ou_2", " DINGTALK:7 "], "feishu");
    expect(list.map((e) => [e.platform, e.id, e.how])).toEqual([
      ["feishu", "ou_1", "explicit"],
      ["dingtalk", "0042", "explicit"],
      ["feishu", "ou_2", "desk-platform"],
      ["dingtalk", "7", "explicit"],
    ]);
    expect(isListed(list, { platform: "feishu", id: "ou_2" })).toBe(true);
    expect(isListed(list, { platform: "dingtalk", id: "ou_2" })).toBe(false);
    expect(isListed(list, { platform: "dingtalk", id: "ou_1" })).toBe(false);
    expect(isListed(parseAllowlist(["staff9"], "dingtalk"), { platform: "dingtalk", id: "staff9" })).toBe(true);
    expect(describeAllowlist(list)).toContain("feishu:ou_2 (bare id → DESK_PLATFORM)");
  });
});

describe("the desk checks the platform as well as the id", () => {
  let tdb: TestDb;
  let desk: Desk;
  let sender: RecordingSender;
  const clock = testClock("2024-11-26T10:00:00+08:00");
  beforeEach(async () => {
    tdb = await freshDb("sqlite");
    sender = new RecordingSender();
    desk = await createDesk({
      config: testConfig({ staffIds: ["feishu:ou_staff"], adminIds: ["ou_admin"] }),
      db: tdb,
      senders: () => sender,
      now: clock.now,
      logger: createLogger("silent"),
    });
  });
  afterEach(async () => {
    await desk.close();
    await tdb.drop();
  });

  const say = async (msg: InboundMessage) => {
    for (const i of desk.interceptors) {
      const out = await i.handleMessage?.(msg);
      if (out) return out.map((r) => r.text).join("\n");
    }
    return null;
  };
  const click = (over: Partial<CardAction>) =>
    desk.interceptors[0].handleCardAction!({
      platform: "feishu",
      tenant: "t",
      chatId: "oc_desk",
      operatorId: "ou_staff",
      messageId: "om_card",
      value: {},
      ...over,
    });
  const openTicket = async (text = "转人工") => {
    const [r] = await desk.handoff.requestHandoff(inbound({ text }), answerResult({ question: text }));
    return /QY-\d{8}-\d{4}/.exec(r.text)![0];
  };

  it("a DingTalk user whose id equals a Feishu staff open_id can neither list, claim, reply nor use the buttons", async () => {
    const number = await openTicket();
    const dt = (text: string) => inbound({ platform: "dingtalk", senderId: "ou_staff", chatId: "cidX", text });
    expect(await say(dt("/工单 列表"))).toContain("只有服务台工作人员");
    expect(await say(dt(`/工单 ${number} 认领`))).toContain("只有服务台工作人员");
    expect(await say(dt(`/工单 ${number} 回复 你好`))).toContain("只有服务台工作人员");
    const res = await click({ platform: "dingtalk", value: { cmd: "ticket.claim", number } });
    expect(res?.toast).toContain("只有服务台工作人员");
    expect((await desk.service.get(number)).state).toBe("new");
    // admins too: a bare ADMIN_OPEN_IDS entry is the desk's platform only
    expect(await say(inbound({ platform: "dingtalk", senderId: "ou_admin", text: "/工单 列表" }))).toContain(
      "只有服务台工作人员",
    );
    // the real Feishu staff member can
    expect(await say(inbound({ senderId: "ou_staff", chatId: "oc_desk", text: `/工单 ${number} 认领` }))).toContain(
      "已认领",
    );
  });

  it("the assignee is (platform, id): the same id on another platform is not the assignee", async () => {
    await desk.close();
    desk = await createDesk({
      config: testConfig({ staffIds: ["feishu:ou_staff", "dingtalk:ou_staff"] }),
      db: tdb,
      senders: () => sender,
      now: clock.now,
      logger: createLogger("silent"),
    });
    const number = await openTicket();
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    await expect(desk.service.reply(number, { platform: "dingtalk", id: "ou_staff" }, "你好")).rejects.toMatchObject({
      code: "TICKET_NOT_ASSIGNEE",
    });
    expect((await desk.service.get(number)).assignee_platform).toBe("feishu");
  });

  it("only the enterprise contact on its own platform may rate or reopen", async () => {
    const number = await openTicket();
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    await desk.service.resolve(number, { platform: "feishu", id: "ou_staff" }, "已处理");
    await expect(desk.service.rate(number, { platform: "dingtalk", id: "ou_ent" }, 3, null)).rejects.toMatchObject({
      code: "TICKET_FORBIDDEN",
    });
    await expect(desk.service.reopen(number, { platform: "dingtalk", id: "ou_ent" })).rejects.toMatchObject({
      code: "TICKET_FORBIDDEN",
    });
    expect((await desk.service.rate(number, { platform: "feishu", id: "ou_ent" }, 3, null)).first).toBe(true);
  });

  it("a replayed card click (same event id) never sends a staff reply twice, even with Redis empty", async () => {
    await desk.start();
    const number = await openTicket();
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    const reply = {
      value: { cmd: "ticket.reply", number },
      formValue: { content: "您好，请带上营业执照。" },
      eventId: "ev-reply-1",
    };
    const first = await click(reply);
    expect(first?.toast).toBe("已回复企业");
    const replay = await click(reply); // Redis dedupe lost: the callback reaches the desk again
    expect(replay?.toast).toContain("已经处理过");
    const msgs = (await desk.service.store.messages((await desk.service.get(number)).id)).filter(
      (m) => m.author_kind === "staff",
    );
    expect(msgs).toHaveLength(1);
    await waitFor(() => sender.to("oc_ent").some((t) => t.includes("营业执照")));
    await new Promise((r) => setTimeout(r, 200));
    expect(sender.to("oc_ent").filter((t) => t.includes("营业执照"))).toHaveLength(1);
    // a new click (new event id) is a new reply
    expect((await click({ ...reply, eventId: "ev-reply-2" }))?.toast).toBe("已回复企业");
  });

  it("the desk card and /工单 列表 (group chat) show masked phone and ID numbers", async () => {
    const number = await openTicket("我的手机+8613912345678，身份证330106198001011234，转人工");
    const t = await desk.service.get(number);
    const card = deskCard(t);
    const list = await say(inbound({ senderId: "ou_staff", chatId: "oc_desk", text: "/工单 列表" }));
    for (const shown of [card.text, card.kind === "card" ? card.card.markdown : "", list ?? ""]) {
      expect(shown).not.toContain("13912345678");
      expect(shown).not.toContain("198001011234");
    }
    expect(card.text).toContain("139****5678");
  });
});

describe("/reingest checks the platform too", () => {
  let redis: Redis;
  let queue: Queue<ReingestJobData>;
  beforeEach(() => {
    redis = createRedis("redis://127.0.0.1:6379", "producer");
    queue = createIngestQueue(redis, `ingest-${randomUUID()}`, `test-${randomUUID()}`);
  });
  afterEach(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await closeRedis(redis);
  });

  it("a DingTalk staff id equal to a Feishu admin open_id is refused", async () => {
    const icpt = createReingestInterceptor({ queue, admins: parseAllowlist(["feishu:ou_admin"], "feishu") });
    const out = await icpt.handleMessage(
      inbound({ platform: "dingtalk", senderId: "ou_admin", text: "/reingest dry-run" }),
    );
    expect(out?.[0].text).toContain("只有管理员");
    expect((await queue.getJobCounts("waiting")).waiting).toBe(0);
  });
});
