// The console's database queries on SQLite and PostgreSQL: queue filters, search (LIKE with
// escaping), sorting, facets, the live-refresh stamp, the dashboard figures and the console audit.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConsoleAuditLog } from "../../bot/console/audit-log.js";
import { complaintsCsv, dashboardData } from "../../bot/console/dashboard-data.js";
import { listQueue, parseFilter, queueFacets, queueStamp } from "../../bot/console/ticket-queue.js";
import type { Desk } from "../../bot/tickets/index.js";
import { answerResult } from "../tickets/fixtures.js";
import { DIALECTS, freshDb, inbound, testClock, type TestDb, testDesk } from "../tickets/helpers.js";

describe.each(DIALECTS)("console queries on %s", (dialect) => {
  let tdb: TestDb;
  let desk: Desk;
  const clock = testClock("2024-11-26T10:00:00+08:00");
  beforeEach(async () => {
    clock.set("2024-11-26T10:00:00+08:00");
    tdb = await freshDb(dialect);
    desk = await testDesk(tdb, clock.now);
  });
  afterEach(async () => {
    await desk.close();
    await tdb.drop();
  });

  const open = async (text: string, user: string, project = true) => {
    const last = project ? answerResult({ question: text }) : undefined;
    const { ticket } = await desk.service.openTicket(inbound({ senderId: user, chatId: `oc_${user}`, text }), last, [
      { role: "user", text },
    ]);
    return ticket.number;
  };

  it("filters, searches, sorts and fingerprints the queue; builds the dashboard figures", async () => {
    const a = await open("融资担保费率是多少？", "ou_a");
    clock.advance(3_600_000);
    const b = await open("投诉：尾款拖了半年_100%没人管", "ou_b", false);
    const stamp0 = await queueStamp(tdb.db);
    await desk.service.claim(a, { platform: "feishu", id: "ou_staff", name: "李" });
    await desk.service.resolve(a, { platform: "feishu", id: "ou_staff", name: "李" }, "已处理");
    expect(await queueStamp(tdb.db)).not.toBe(stamp0);

    const now = clock.now();
    const q = (query: Record<string, string>) =>
      listQueue(tdb.db, parseFilter(query), now, 4 * 3_600_000).then((r) => r.map((t) => t.number));
    expect(await q({})).toEqual([b, a]);
    expect(await q({ sort: "created_at", dir: "asc" })).toEqual([a, b]);
    expect(await q({ state: "open" })).toEqual([b]);
    expect(await q({ state: "resolved" })).toEqual([a]);
    expect(await q({ assignee: "ou_staff" })).toEqual([a]);
    expect(await q({ assignee: "none" })).toEqual([b]);
    expect(await q({ project: "none" })).toEqual([b]);
    expect(await q({ q: a.toLowerCase() })).toEqual([a]);
    expect(await q({ q: a.slice(-4) })).toEqual([a]);
    expect(await q({ q: "尾款" })).toEqual([b]);
    expect(await q({ q: "_100%" })).toEqual([b]); // LIKE wildcards are searched for literally
    expect(await q({ q: "%" })).toEqual([b]);
    expect(await q({ sla: "done" })).toEqual([a]);
    expect(await q({ sla: "on_track" })).toEqual([b]);
    const facets = await queueFacets(tdb.db);
    expect(facets.assignees).toEqual([{ id: "ou_staff", name: "李" }]);
    expect(facets.projects.length).toBe(1);

    await desk.interactions.record({
      ref: "feishu:om_q1",
      platform: "feishu",
      chatId: "oc_ent",
      userId: "ou_a",
      result: { ...answerResult({ action: "answer", confidence: 0.9 }), question: "融资担保费率是多少？" },
    });
    const d = await dashboardData(
      tdb.db,
      desk.calendar,
      desk.interactions,
      { from: "2024-11-01", to: "2024-11-30" },
      now,
    );
    expect(d.weekly.weeks).toContain("2024-11-25");
    expect(d.weekly.series.reduce((n, s) => n + s.data.reduce((x, y) => x + y, 0), 0)).toBe(2);
    expect(d.report.rows.find((r) => r.dimension === "total")).toMatchObject({
      opened: 2,
      resolved: 1,
      oneTimeResolutionRate: 1,
    });
    expect(d.bot.byAction.answer).toBe(1);
    expect(d.complaints.rows.reduce((n, r) => n + r.complaints, 0)).toBe(1);
    expect(d.complaints.items.map((i) => i.number)).toEqual([b]);
    expect(complaintsCsv(d.complaints)).toContain("2024年第4季度");

    const audit = new ConsoleAuditLog(tdb.db, clock.now);
    await audit.record({
      actor_platform: "feishu",
      actor_id: "ou_staff",
      action: "ticket.claim",
      target: a,
      outcome: "ok",
      detail: "手机13812345678",
    });
    expect((await audit.recent()).map((e) => [e.action, e.detail])).toEqual([["ticket.claim", "手机138****5678"]]);
  });
});
