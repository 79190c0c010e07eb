// The interaction log on SQLite and PostgreSQL: masking, decline vs escalate, counts for the console,
// feedback outcomes and retention.
import { afterEach, describe, expect, it } from "vitest";
import { botActionOf, InteractionLog } from "../../bot/tickets/interaction-log.js";
import type { AnswerResult } from "../../knowledge/types.js";
import { DIALECTS, freshDb, type TestDb } from "./helpers.js";

const result = (question: string, action: AnswerResult["action"], over: Partial<AnswerResult> = {}): AnswerResult => ({
  question,
  project: 2,
  projectName: "信用修复",
  leadUnits: ["市市场监管局"],
  confidence: action === "escalate" ? 0 : 0.9,
  action,
  answer: "……",
  citations: [],
  candidates: [],
  figures: [],
  passages: [],
  ...over,
});

describe("botActionOf", () => {
  it("tells an out-of-scope decline from a low-confidence escalation", () => {
    expect(botActionOf({ action: "escalate", category: "declined" })).toBe("decline");
    expect(botActionOf({ action: "escalate", category: "low_confidence" })).toBe("escalate");
    expect(botActionOf({ action: "clarify", category: "low_confidence" })).toBe("clarify");
    expect(botActionOf({ action: "answer", category: "answered" })).toBe("answer");
  });
});

describe.each(DIALECTS)("interaction log on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.drop());

  it("stores masked questions, counts actions in a range, records outcomes and purges past the retention", async () => {
    t = await freshDb(dialect);
    const day = 86_400_000;
    let now = Date.parse("2024-11-26T04:00:00Z");
    const log = new InteractionLog(t.db, 30, () => now);
    const who = { platform: "feishu", chatId: "oc_1", userId: "ou_1" };
    await log.record({ ref: "r1", ...who, result: result("信用修复找谁？电话13812345678", "answer") });
    await log.record({ ref: "r2", ...who, result: result("今天天气", "escalate", { project: null, leadUnits: [] }) });
    await log.record({ ref: "r3", ...who, result: result("这个怎么弄", "escalate", { project: 3, confidence: 0.2 }) });
    const rows = await log.list(now - day, now + 1);
    expect(rows.map((r) => r.botAction).sort()).toEqual(["answer", "decline", "escalate"]);
    expect(rows.find((r) => r.ref === "r1")?.question).toBe("信用修复找谁？电话138****5678");
    expect(await log.counts(now - day, now + 1)).toEqual({
      total: 3,
      byAction: { answer: 1, clarify: 0, decline: 1, escalate: 1 },
    });
    await log.setOutcome("r1", "unsolved");
    await log.setOutcome("r1", "solved"); // a weaker outcome never replaces a stronger one
    expect((await log.list(now - day, now + 1)).find((r) => r.ref === "r1")?.outcome).toBe("unsolved");
    now += 31 * day;
    expect(await log.purgeExpired()).toBe(3);
    expect(await log.counts(0, now + 1)).toEqual({
      total: 0,
      byAction: { answer: 0, clarify: 0, decline: 0, escalate: 0 },
    });
  });
});
