// SLA sweep through the real BullMQ job scheduler: reminder before the deadline (once, however
// often the sweep runs), escalation to the supervisors' chat after it, auto-close after the
// reopen window. The clock is injected; Redis and SQLite are real.
import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../knowledge/infra/logger.js";
import { createDesk, type Desk } from "../../bot/tickets/index.js";
import { answerResult } from "./fixtures.js";
import {
  freshDb,
  inbound,
  RecordingSender,
  REDIS_URL,
  testClock,
  testConfig,
  waitFor,
  type TestDb,
} from "./helpers.js";

describe("SLA sweep via BullMQ job scheduler", () => {
  let tdb: TestDb;
  let desk: Desk;
  let sender: RecordingSender;
  const clock = testClock("2024-09-30T10:00:00+08:00");

  beforeEach(async () => {
    clock.set("2024-09-30T10:00:00+08:00");
    tdb = await freshDb("sqlite");
    sender = new RecordingSender();
    desk = await createDesk({
      config: testConfig({ sweepEverySeconds: 0.2 }),
      db: tdb,
      senders: () => sender,
      redisUrl: REDIS_URL,
      prefix: `test-${randomUUID()}`,
      pollMs: 100,
      now: clock.now,
      logger: createLogger("silent"),
    });
    await desk.start();
  });
  afterEach(async () => {
    await desk.jobs.obliterate();
    await desk.close();
    await tdb.drop();
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it("reminds once before the deadline across 国庆, escalates after it, and closes stale resolved tickets", async () => {
    const [created] = await desk.handoff.requestHandoff(inbound(), answerResult());
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    const t0 = await desk.service.get(number);
    expect(new Date(t0.first_response_due_at).toISOString()).toBe("2024-10-08T15:59:59.999Z"); // 10-08 23:59:59.999 +08:00
    expect(created.text).toContain("2024-10-08 23:59");
    expect(created.text).toContain("2024-10-12 23:59"); // 调休 Saturday

    clock.set("2024-10-05T12:00:00+08:00"); // holiday week: nothing due yet
    await sleep(500);
    expect(sender.calls.filter((c) => c.reply.text.includes("提醒"))).toHaveLength(0);

    clock.set("2024-10-08T20:00:00+08:00"); // within 4 h of the first-response deadline
    await waitFor(() => sender.calls.find((c) => c.reply.text.includes("提醒")), 5000);
    await sleep(800); // several more sweeps run
    const reminders = sender.calls.filter((c) => c.reply.text.includes("提醒"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0].to).toBe("oc_desk"); // unclaimed: the desk group is reminded
    expect(reminders[0].reply.text).toContain("首次响应");

    clock.set("2024-10-09T09:00:00+08:00");
    await waitFor(() => sender.calls.find((c) => c.to === "oc_sup"), 5000);
    await sleep(500);
    expect(sender.calls.filter((c) => c.to === "oc_sup")).toHaveLength(1);
    expect(sender.to("oc_sup")[0]).toMatch(/督办.*已超过首次响应时限/);

    // claimed later: the resolution reminder goes to the assignee, once
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff", name: "李坐席" });
    clock.set("2024-10-12T21:00:00+08:00");
    await waitFor(() => sender.calls.find((c) => c.to === "ou_staff" && c.reply.text.includes("办结时限")), 5000);
    await sleep(500);
    expect(sender.calls.filter((c) => c.to === "ou_staff" && c.reply.text.includes("提醒"))).toHaveLength(1);
    expect((await desk.jobs["o"].outbox.remindersFor(t0.id)).map((r) => r.stage).sort()).toEqual([
      "first_response.breach",
      "first_response.reminder",
      "resolution.reminder",
    ]);

    await desk.service.resolve(number, { platform: "feishu", id: "ou_staff" }, "已办结");
    clock.set("2024-10-20T21:00:00+08:00"); // more than 7 days after resolution
    await waitFor(async () => (await desk.service.get(number)).state === "closed", 5000);
    expect((await desk.service.store.events(t0.id)).at(-1)?.actor_id).toBe("system");
  });
});
