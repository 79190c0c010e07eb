// The bot's interaction log on SQLite and PostgreSQL: decline vs escalate, masking, counts, retention.
import { afterEach, describe, expect, it } from "vitest";
import { MESSAGES } from "../../knowledge/answer/messages.js";
import { botActionOf, InteractionLog } from "../../bot/tickets/interaction-log.js";
import { DIALECTS, freshDb, type TestDb } from "./helpers.js";

const result = (action: "answer" | "clarify" | "escalate", over: { answer?: string; project?: number | null } = {}) => ({
  action,
  answer: over.answer ?? "对应项目：……",
  project: over.project === undefined ? 2 : over.project,
  leadUnits: over.project === null ? [] : ["市市场监管局"],
  confidence: action === "escalate" ? 0 : 0.9,
});

describe("botActionOf", () => {
  it("tells an out-of-scope decline from a low-confidence escalation", () => {
    expect(botActionOf(result("escalate", { answer: MESSAGES.outOfScope, project: null }))).toBe("decline");
    expect(botActionOf(result("escalate", { answer: MESSAGES.lowConfidence, project: null }))).toBe("escalate");
    expect(botActionOf(result("clarify"))).toBe("clarify");
    expect(botActionOf(result("answer"))).toBe("answer");
  });
});

describe.each(DIALECTS)("interaction log on %s", (dialect) => {
  let t: TestDb;
  afterEach(async () => t?.drop());

  it("stores masked questions, counts actions in a range and prunes past the retention", async () => {
    t = await freshDb(dialect);
    const log = new InteractionLog(t.db, 30);
    const day = 86_400_000;
    const now = Date.parse("2024-11-26T04:00:00Z");
    await log.record({ platform: "feishu", tenant: "t", question: "信用修复找谁？电话13812345678", result: result("answer"), indexVersion: "v1", at: now });
    await log.record({ platform: "feishu", tenant: "t", question: "今天天气", result: result("escalate", { answer: MESSAGES.outOfScope, project: null }), at: now - day });
    await log.record({ platform: "dingtalk", tenant: "t", question: "这个怎么弄", result: result("escalate", { answer: MESSAGES.lowConfidence, project: null }), at: now - 40 * day });
    const rows = await log.list(now - 100 * day, now + 1);
    expect(rows.map((r) => r.action)).toEqual(["answer", "decline", "escalate"]);
    expect(rows[0].question).toBe("信用修复找谁？电话138****5678");
    expect([rows[0].project, rows[0].lead_unit, rows[0].index_version]).toEqual([2, "市市场监管局", "v1"]);
    expect(await log.counts(now - 7 * day, now + 1)).toEqual({ total: 2, byAction: { answer: 1, clarify: 0, decline: 1, escalate: 0 } });
    expect(await log.prune(now)).toBe(1);
    expect((await log.list(0, now + 1)).length).toBe(2);
    expect(await new InteractionLog(t.db, 0).prune(now + 1000 * day)).toBe(0);
  });
});
