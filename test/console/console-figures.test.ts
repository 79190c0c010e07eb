// Pure pieces of the console: query-string parsing, SLA status, date ranges, weeks and quarters.
import { describe, expect, it } from "vitest";
import { parseRange, quarterOf, weekOf } from "../../bot/console/dashboard-data.js";
import { accountsBaseFor } from "../../bot/console/config.js";
import { filterQuery, parseFilter, slaStatus } from "../../bot/console/ticket-queue.js";
import type { TicketRow } from "../../bot/tickets/store.js";
import { escapeHtml, html } from "../../bot/console/views/html.js";

const H = 3_600_000;

describe("queue filters", () => {
  it("keeps only known values and rebuilds the query string", () => {
    const f = parseFilter({
      state: "open",
      project: "4",
      unit: "市经信局",
      sla: "overdue",
      sort: "priority; drop table",
      dir: "asc",
      q: " QY-1 ",
    });
    expect(f).toMatchObject({
      state: "open",
      project: 4,
      leadUnit: "市经信局",
      sla: "overdue",
      sort: "created_at",
      dir: "asc",
      q: "QY-1",
    });
    expect(parseFilter({ state: "deleted", project: "x" })).toMatchObject({ state: undefined, project: undefined });
    expect(filterQuery(f, { sort: "number", dir: "desc" })).toBe(
      `?state=open&project=4&unit=${encodeURIComponent("市经信局")}&sla=overdue&q=QY-1&sort=number&dir=desc`,
    );
  });

  it("SLA status: overdue, due soon, paused, on track, done", () => {
    const base = {
      state: "assigned",
      first_response_at: 1,
      first_response_due_at: 10 * H,
      resolution_due_at: 100 * H,
      sla_paused_at: null,
    } as unknown as TicketRow;
    expect(slaStatus(base, 50 * H, 4 * H)).toBe("on_track");
    expect(slaStatus(base, 97 * H, 4 * H)).toBe("due_soon");
    expect(slaStatus(base, 101 * H, 4 * H)).toBe("overdue");
    expect(slaStatus({ ...base, first_response_at: null }, 11 * H, 4 * H)).toBe("overdue");
    expect(slaStatus({ ...base, state: "waiting_enterprise", sla_paused_at: 50 * H }, 200 * H, 4 * H)).toBe("paused");
    expect(slaStatus({ ...base, state: "closed" }, 200 * H, 4 * H)).toBe("done");
  });
});

describe("dashboard dates", () => {
  it("weeks start on Monday, quarters are named in Chinese, ranges are bounded", () => {
    expect(weekOf("2024-11-27")).toBe("2024-11-25");
    expect(weekOf("2024-11-25")).toBe("2024-11-25");
    expect(weekOf("2024-12-01")).toBe("2024-11-25");
    expect(quarterOf("2024-11-27")).toBe("2024年第4季度");
    expect(quarterOf("2025-01-01")).toBe("2025年第1季度");
    const now = Date.parse("2024-11-26T04:00:00Z");
    expect(parseRange({}, now)).toEqual({ from: "2024-09-04", to: "2024-11-26" });
    expect(parseRange({ from: "2024-12-31", to: "2024-01-01" }, now)).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(parseRange({ from: "2024-13-45", to: "<script>" }, now)).toEqual({ from: "2024-09-04", to: "2024-11-26" });
  });
});

describe("console bits", () => {
  it("escapes interpolated text and finds the accounts host", () => {
    expect(html`<p>${'<img src=x onerror="alert(1)">'}</p>`.value).toBe(
      "<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>",
    );
    expect(escapeHtml("a&'b")).toBe("a&amp;&#39;b");
    expect(accountsBaseFor("https://open.feishu.cn")).toBe("https://accounts.feishu.cn");
    expect(accountsBaseFor("https://open.larksuite.com")).toBe("https://accounts.larksuite.com");
    expect(accountsBaseFor("http://127.0.0.1:4000")).toBe("http://127.0.0.1:4000");
  });
});
