// Rules that need a clock: the 7-day reopen window, who may rate/reopen, optional enterprise info.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../knowledge/infra/logger.js";
import { createDesk, type Desk } from "../../bot/tickets/index.js";
import { answerResult } from "./fixtures.js";
import { freshDb, inbound, RecordingSender, testClock, testConfig, type TestDb, testDesk } from "./helpers.js";

describe("ticket lifecycle rules", () => {
  let tdb: TestDb;
  let desk: Desk;
  const clock = testClock("2024-11-26T10:00:00+08:00");
  beforeEach(async () => {
    clock.set("2024-11-26T10:00:00+08:00");
    tdb = await freshDb("sqlite");
    desk = await testDesk(tdb, clock.now);
  });
  afterEach(async () => {
    await desk.close();
    await tdb.drop();
  });

  const say = async (text: string, over = {}) => {
    for (const i of desk.interceptors) {
      const out = await i.handleMessage?.(inbound({ text, ...over }));
      if (out) return out.map((r) => r.text).join("\n");
    }
    return null;
  };

  async function resolvedTicket() {
    const [r] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-20241126-\d{4}/.exec(r.text)![0];
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    await desk.service.resolve(number, { platform: "feishu", id: "ou_staff" }, "已处理");
    return number;
  }

  it("stops the resolution clock while the ticket waits on the enterprise", async () => {
    const [r] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-20241126-\d{4}/.exec(r.text)![0];
    const due0 = (await desk.service.get(number)).resolution_due_at;
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    await desk.service.reply(number, { platform: "feishu", id: "ou_staff" }, "请提供贷款合同编号");
    expect((await desk.service.get(number)).sla_paused_at).toBe(clock.now());
    clock.advance(24 * 3_600_000); // Wed 10:00: one working day waiting
    await desk.service.enterpriseMessage(await desk.service.get(number), inbound({ text: "合同号 HZ-2024-001" }));
    const t = await desk.service.get(number);
    expect(t.state).toBe("in_progress");
    expect(t.sla_paused_at).toBeNull();
    expect(t.resolution_due_at - due0).toBe(24 * 3_600_000); // Wed stays a working day, so exactly one day later
  });

  it("allows reopening within 7 days of resolution, not after", async () => {
    const number = await resolvedTicket();
    await expect(desk.service.reopen(number, { platform: "feishu", id: "ou_other" })).rejects.toMatchObject({
      code: "TICKET_FORBIDDEN",
    });
    clock.advance(8 * 86_400_000);
    await expect(desk.service.reopen(number, { platform: "feishu", id: "ou_ent" })).rejects.toMatchObject({
      code: "TICKET_REOPEN_EXPIRED",
    });
    expect((await desk.service.get(number)).state).toBe("resolved");
  });

  it("lets only the enterprise contact rate, once, and a text answer works too", async () => {
    const number = await resolvedTicket();
    await expect(desk.service.rate(number, { platform: "feishu", id: "ou_other" }, 3, null)).rejects.toMatchObject({
      code: "TICKET_FORBIDDEN",
    });
    expect(await say("不满意")).toMatch(/重新处理/);
    expect(await say("满意")).toBeNull(); // already rated: an ordinary message again
    expect((await desk.service.store.survey((await desk.service.get(number)).id))?.score).toBe(1);
  });

  it("never requires enterprise info, accepts 跳过, ignores ordinary sentences", async () => {
    await desk.handoff.requestHandoff(inbound(), answerResult());
    expect(await say("我们公司想问一下贴息什么时候到账")).toBeNull(); // not a name: goes to the bot
    expect(await say("跳过")).toMatch(/不提供也没关系/);
    expect(await say("杭州示例科技有限公司")).toBeNull(); // the offer is withdrawn
  });

  it("marks urgent requests high priority and explains a request with no question", async () => {
    const [r] = await desk.handoff.requestHandoff(
      inbound({ senderId: "ou_x" }),
      answerResult({ question: "货款被拖欠半年，企业快停产了，紧急求助" }),
    );
    const t = await desk.service.get(/QY-\d{8}-\d{4}/.exec(r.text)![0]);
    expect(t.priority).toBe("high");
    const [bare] = await desk.handoff.requestHandoff(inbound({ senderId: "ou_y" }));
    const t2 = await desk.service.get(/QY-\d{8}-\d{4}/.exec(bare.text)![0]);
    expect(t2.question).toMatch(/尚未说明问题/);
    expect(t2.project).toBeNull();
  });
});

describe("ticket database outage", () => {
  it("lets the Q&A go on, records 转人工 through the fallback, and answers desk actions politely", async () => {
    const tdb = await freshDb("postgres");
    const fallback: string[] = [];
    const desk = await createDesk({
      config: testConfig(),
      db: tdb,
      senders: () => new RecordingSender(),
      logger: createLogger("silent"),
      fallbackHandoff: {
        requestHandoff: async (msg) => {
          fallback.push(msg.messageId);
          return [{ kind: "text", text: "已登记（备用）" }];
        },
      },
    });
    const [r] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-\d{8}-\d{4}/.exec(r.text)![0];
    await tdb.close(); // the database goes away
    const say = async (text: string, over = {}) => {
      for (const i of desk.interceptors) {
        const out = await i.handleMessage?.(inbound({ text, ...over }));
        if (out) return out.map((x) => x.text).join("\n");
      }
      return null;
    };
    expect(await say("融资担保费率是多少？")).toBeNull(); // the bot answers as usual
    expect((await desk.handoff.requestHandoff(inbound({ messageId: "om_fallback" }), answerResult()))[0].text).toBe(
      "已登记（备用）",
    );
    expect(fallback).toEqual(["om_fallback"]);
    expect(await say("/工单 列表", { senderId: "ou_staff" })).toMatch(/工单系统暂时不可用/);
    expect(await say("/我的工单")).toMatch(/工单系统暂时不可用/);
    const click = await desk.interceptors[0].handleCardAction!({
      platform: "feishu",
      tenant: "t",
      chatId: "oc_desk",
      operatorId: "ou_staff",
      messageId: "om",
      value: { cmd: "ticket.claim", number },
    });
    expect(click?.toast).toMatch(/工单系统暂时不可用/);
    await desk.close();
    await tdb.drop();
  });
});

describe("start-up calendar check", () => {
  it("warns when SLA dates reach past the last fully known holiday year", async () => {
    const { default: pino } = await import("pino");
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, { write: (s: string) => void lines.push(s) });
    const tdb = await freshDb("sqlite");
    const late = await createDesk({
      config: testConfig(),
      db: tdb,
      senders: () => undefined,
      logger,
      now: () => Date.parse("2026-12-28T10:00:00+08:00"),
    });
    await late.close();
    expect(lines.join("\n")).toMatch(/SLA dates reach 2027.*complete only up to 2026/);
    lines.length = 0;
    const early = await createDesk({
      config: testConfig(),
      db: tdb,
      senders: () => undefined,
      logger,
      now: () => Date.parse("2026-11-26T10:00:00+08:00"),
    });
    await early.close();
    expect(lines.join("\n")).not.toMatch(/SLA dates reach/);
    await tdb.drop();
  });
});
