// The same contract suite against SQLite and PostgreSQL.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TicketStore, type NewTicket } from "../../bot/tickets/store.js";
import { OutboxStore } from "../../bot/tickets/outbox-store.js";
import { DIALECTS, freshDb, type TestDb } from "./helpers.js";

function input(over: Partial<NewTicket> = {}): NewTicket {
  return {
    platform: "feishu",
    tenant: "t1",
    chat_id: "oc_1",
    chat_type: "p2p",
    user_id: "ou_user",
    user_name: "张三",
    enterprise_name: null,
    credit_code: null,
    question: "首贷户贴息怎么申请",
    dedupe_key: "k1",
    conversation: "[]",
    project: 3,
    project_name: "要素保强",
    lead_unit: "市财政局",
    suggested_units: "[]",
    citations: "[]",
    confidence: 0.4,
    priority: "normal",
    first_response_due_at: 1,
    resolution_due_at: 2,
    info_requested_until: null,
    ...over,
  };
}

const at = (iso: string) => Date.parse(iso);

describe.each(DIALECTS)("TicketStore on %s", (dialect) => {
  let tdb: TestDb;
  let store: TicketStore;
  let outbox: OutboxStore;
  beforeEach(async () => {
    tdb = await freshDb(dialect);
    store = new TicketStore(tdb.db);
    outbox = new OutboxStore(tdb.db);
  });
  afterEach(async () => tdb.drop());

  it("numbers tickets per Asia/Shanghai day and writes audit, message and outbox in one go", async () => {
    // 2024-11-25T16:30Z is already 2024-11-26 00:30 in Shanghai.
    const a = await store.create(input(), at("2024-11-25T16:30:00Z"), (t) => [
      {
        kind: "desk_card",
        platform: "feishu",
        targetType: "chat",
        target: "oc_desk",
        payload: { n: t.number },
        idempotencyKey: `a-${t.id}`,
      },
    ]);
    const b = await store.create(input({ dedupe_key: "k2" }), at("2024-11-26T10:00:00Z"), () => []);
    const c = await store.create(input({ dedupe_key: "k3" }), at("2024-11-26T16:00:01Z"), () => []);
    expect([a.ticket.number, b.ticket.number, c.ticket.number]).toEqual([
      "QY-20241126-0001",
      "QY-20241126-0002",
      "QY-20241127-0001",
    ]);
    expect((await store.events(a.ticket.id)).map((e) => [e.type, e.to_state])).toEqual([["created", "new"]]);
    expect((await store.messages(a.ticket.id))[0].visibility).toBe("public");
    const rows = await outbox.listForTicket(a.ticket.id);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0].payload)).toEqual({ n: "QY-20241126-0001" });
    expect(typeof rows[0].created_at).toBe("number");
  });

  it("returns the open ticket for a repeated request, also when requests race", async () => {
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => store.create(input(), at("2024-11-26T02:00:00Z"), () => [])),
    );
    const numbers = new Set(results.map((r) => r.ticket.number));
    expect(numbers.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it("enforces transitions and lets exactly one of two concurrent claims win", async () => {
    const { ticket } = await store.create(input(), at("2024-11-26T02:00:00Z"), () => []);
    const claim = (id: string) =>
      store.change(
        ticket.number,
        { action: "claim", event: "claimed", actor: { platform: "feishu", id }, patch: () => ({ assignee_id: id }) },
        at("2024-11-26T03:00:00Z"),
      );
    const settled = await Promise.allSettled([claim("ou_a"), claim("ou_b"), claim("ou_c")]);
    const won = settled.filter((s) => s.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const s of settled.filter((x) => x.status === "rejected")) {
      expect(["TICKET_CONFLICT", "TICKET_WRONG_STATE"]).toContain((s as PromiseRejectedResult).reason.code);
    }
    const after = await store.get(ticket.number);
    expect(after?.state).toBe("assigned");
    expect((await store.events(ticket.id)).filter((e) => e.type === "claimed")).toHaveLength(1);
    await expect(
      store.change(ticket.number, { action: "close", event: "closed", actor: { platform: "feishu", id: "x" } }, 0),
    ).rejects.toMatchObject({ code: "TICKET_WRONG_STATE" });
    await expect(
      store.change(
        "QY-20990101-0001",
        { action: "claim", event: "claimed", actor: { platform: "feishu", id: "x" } },
        0,
      ),
    ).rejects.toMatchObject({ code: "TICKET_NOT_FOUND" });
  });

  it("frees the dedupe key when a ticket leaves the open states", async () => {
    const first = await store.create(input(), at("2024-11-26T02:00:00Z"), () => []);
    await store.change(
      first.ticket.number,
      { action: "claim", event: "claimed", actor: { platform: "feishu", id: "s" } },
      1,
    );
    await store.change(
      first.ticket.number,
      { action: "resolve", event: "resolved", actor: { platform: "feishu", id: "s" } },
      2,
    );
    const second = await store.create(input(), at("2024-11-26T04:00:00Z"), () => []);
    expect(second.created).toBe(true);
    expect(second.ticket.number).not.toBe(first.ticket.number);
  });

  it("records a reminder stage once, outbox included", async () => {
    const { ticket } = await store.create(input(), at("2024-11-26T02:00:00Z"), () => []);
    const draft = {
      kind: "reminder",
      platform: "feishu",
      targetType: "user" as const,
      target: "ou_s",
      payload: {},
      idempotencyKey: `r-${ticket.id}`,
    };
    const results = await Promise.all(
      [1, 2, 3].map(() => outbox.recordReminder(ticket.id, "first_response.reminder", 5, [draft])),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await outbox.listForTicket(ticket.id)).toHaveLength(1);
  });

  it("leases an outbox row to one sender and marks it delivered", async () => {
    const { ticket } = await store.create(input(), 1000, (t) => [
      { kind: "x", platform: "feishu", targetType: "chat", target: "c", payload: {}, idempotencyKey: `x-${t.id}` },
    ]);
    const [row] = await outbox.listForTicket(ticket.id);
    expect((await outbox.pending(2000)).map((r) => r.id)).toContain(row.id);
    const leases = await Promise.all([outbox.lease(row.id, 3000, 30_000), outbox.lease(row.id, 3000, 30_000)]);
    expect(leases.filter(Boolean)).toHaveLength(1);
    await outbox.markDelivered(row.id, 3100, "om_1");
    expect(await outbox.lease(row.id, 999_999, 30_000)).toBeUndefined();
    expect(await outbox.pending(9_999_999)).toHaveLength(0);
  });

  it("backs off a failed row before the poll loop offers it again", async () => {
    const { ticket } = await store.create(input(), 1000, (t) => [
      { kind: "x", platform: "feishu", targetType: "chat", target: "c", payload: {}, idempotencyKey: `y-${t.id}` },
    ]);
    const [row] = await outbox.listForTicket(ticket.id);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await outbox.lease(row.id, 10_000 * attempt, 30_000)).toBeTruthy();
      await outbox.markFailed(row.id, "boom", 10_000 * attempt);
    }
    const failed = await outbox.get(row.id);
    expect([failed?.attempts, failed?.next_attempt_at, failed?.last_error]).toEqual([3, 30_000 + 4000, "boom"]);
    expect(await outbox.pending(33_999)).toHaveLength(0);
    expect(await outbox.pending(34_000)).toHaveLength(1);
  });

  it("keeps one survey answer per ticket", async () => {
    const { ticket } = await store.create(input(), 1000, () => []);
    expect(await store.recordSurvey(ticket.id, 1, null, "ou_user", 2000)).toBe(true);
    expect(await store.recordSurvey(ticket.id, 3, "改主意了", "ou_user", 3000)).toBe(false);
    expect(await store.survey(ticket.id)).toMatchObject({ score: 1, reason: "改主意了" });
  });
});
