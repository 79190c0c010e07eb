import { describe, expect, it } from "vitest";
import { creditCodeCheckChar, isValidCreditCode } from "../../bot/tickets/credit-code.js";
import { parseDeskCommand } from "../../bot/tickets/desk-commands.js";
import { canApply, nextState, STATE_NAMES, TICKET_STATES, reopenAllowed } from "../../bot/tickets/states.js";
import { parseDeskConfig } from "../../bot/tickets/config.js";

describe("state machine", () => {
  it("has the fixed Chinese names", () => {
    expect(TICKET_STATES.map((s) => STATE_NAMES[s])).toEqual([
      "待认领",
      "已认领",
      "处理中",
      "待企业回复",
      "已解决",
      "已关闭",
      "已转派",
    ]);
  });
  it("allows the main path and refuses shortcuts", () => {
    expect(nextState("claim", "new")).toBe("assigned");
    expect(nextState("start", "assigned")).toBe("in_progress");
    expect(nextState("reply", "in_progress")).toBe("waiting_enterprise");
    expect(nextState("resolve", "waiting_enterprise")).toBe("resolved");
    expect(nextState("close", "resolved")).toBe("closed");
    expect(nextState("reopen", "resolved")).toBe("in_progress");
    for (const s of ["new", "assigned", "in_progress", "waiting_enterprise", "transferred"] as const)
      expect(nextState("transfer", s)).toBe("transferred");
    expect(canApply("resolve", "new")).toBe(false);
    expect(canApply("transfer", "closed")).toBe(false);
    expect(canApply("reopen", "closed")).toBe(false);
    expect(() => nextState("claim", "assigned")).toThrow(/not allowed/);
  });
  it("reopens only within the window", () => {
    expect(reopenAllowed(0, 7 * 86_400_000, 7)).toBe(true);
    expect(reopenAllowed(0, 7 * 86_400_000 + 1, 7)).toBe(false);
    expect(reopenAllowed(null, 1, 7)).toBe(false);
  });
});

describe("统一社会信用代码 (GB 32100-2015)", () => {
  it("accepts valid codes and rejects wrong check characters", () => {
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    expect(isValidCreditCode("91110000600037341L")).toBe(true);
    expect(isValidCreditCode("91110000600037341M")).toBe(false);
    expect(isValidCreditCode("91350100M000100Y4")).toBe(false);
    expect(isValidCreditCode("9135010OM000100Y43")).toBe(false); // letter O is not in the set
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
  });
});

describe("desk command parsing", () => {
  it("parses verbs and arguments", () => {
    expect(parseDeskCommand("/工单 列表")).toEqual({ kind: "list" });
    expect(parseDeskCommand("／工单")).toEqual({ kind: "help" });
    expect(parseDeskCommand("/工单 qy-20241126-0007 回复 您好，已受理")).toEqual({
      kind: "act",
      number: "QY-20241126-0007",
      verb: "回复",
      arg: "您好，已受理",
    });
    expect(parseDeskCommand("/工单 QY-20241126-0007 转派 市经信局")).toMatchObject({ verb: "转派", arg: "市经信局" });
    expect(parseDeskCommand("/工单 QY-20241126-0007")).toEqual({ kind: "show", number: "QY-20241126-0007" });
    expect(parseDeskCommand("/工单 QY-20241126-0007 删除")).toMatchObject({ kind: "bad" });
    expect(parseDeskCommand("/工单 12345 认领")).toMatchObject({ kind: "bad" });
  });
});

describe("desk config", () => {
  it("parses lists, overrides and the default database", () => {
    const c = parseDeskConfig({
      DATA_DIR: "/tmp/x",
      STAFF_OPEN_IDS: "ou_a, ou_b",
      SLA_PROJECT_OVERRIDES: "3=1/3,7=2/10",
      SLA_REMINDER_LEAD_HOURS: "2",
    });
    expect(c.staffIds).toEqual(["ou_a", "ou_b"]);
    expect(c.databaseUrl).toBe("sqlite:/tmp/x/desk.db");
    expect(c.sla.perProject[7]).toEqual({ firstResponseDays: 2, resolutionDays: 10 });
    expect(c.sla.reminderLeadMs).toBe(7_200_000);
    expect(() => parseDeskConfig({ SLA_PROJECT_OVERRIDES: "3=x" })).toThrow(/SLA_PROJECT_OVERRIDES/);
    expect(() => parseDeskConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });
});
