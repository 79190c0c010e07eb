import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Desk } from "../../bot/tickets/index.js";
import { buildReport, percentile, reportCsv, reportMarkdown } from "../../bot/tickets/report.js";
import { answerResult } from "./fixtures.js";
import { DIALECTS, freshDb, inbound, testClock, type TestDb, testDesk } from "./helpers.js";

describe.each(DIALECTS)("KPI report on %s", (dialect) => {
  let tdb: TestDb;
  let desk: Desk;
  const clock = testClock("2024-09-30T10:00:00+08:00");
  beforeEach(async () => {
    tdb = await freshDb(dialect);
    desk = await testDesk(tdb, clock.now);
  });
  afterEach(async () => {
    await desk.close();
    await tdb.drop();
  });

  async function open(at: string, user: string, over = {}) {
    clock.set(at);
    const { ticket } = await desk.service.openTicket(
      inbound({ senderId: user }),
      answerResult({ question: `问题 ${user}`, ...over }),
      [],
    );
    return ticket.number;
  }
  const staff = { platform: "feishu", id: "ou_staff", name: "李坐席" };
  const at = async (iso: string, fn: () => Promise<unknown>) => {
    clock.set(iso);
    await fn();
  };

  it("computes working-day medians/p90, breaches, one-time resolution and satisfaction", async () => {
    const t1 = await open("2024-09-30T10:00:00+08:00", "u1");
    await at("2024-10-08T10:00:00+08:00", () => desk.service.claim(t1, staff));
    await at("2024-10-08T16:00:00+08:00", () => desk.service.resolve(t1, staff, "已办结"));
    await at("2024-10-08T17:00:00+08:00", () => desk.service.rate(t1, { platform: "feishu", id: "u1" }, 3, null));

    const t2 = await open("2024-10-09T09:00:00+08:00", "u2");
    await at("2024-10-09T12:00:00+08:00", () => desk.service.claim(t2, staff));
    await at("2024-10-10T09:00:00+08:00", () => desk.service.resolve(t2, staff, "已办结"));
    await at("2024-10-10T09:30:00+08:00", () =>
      desk.service.rate(t2, { platform: "feishu", id: "u2" }, 1, "问题没有解决"),
    );
    await at("2024-10-10T10:00:00+08:00", () => desk.service.reopen(t2, { platform: "feishu", id: "u2" }));
    await at("2024-10-21T09:00:00+08:00", () => desk.service.resolve(t2, staff, "补充办结"));

    await open("2024-10-09T10:00:00+08:00", "u3", { project: null, projectName: null, leadUnits: [] });
    await open("2025-01-02T10:00:00+08:00", "u4"); // outside the range

    const report = await buildReport(
      tdb.db,
      desk.calendar,
      "2024-01-01",
      "2024-12-31",
      Date.parse("2024-12-31T12:00:00+08:00"),
    );
    const p3 = report.rows.find((r) => r.dimension === "project" && r.group.startsWith("项目3"))!;
    expect(p3).toMatchObject({
      opened: 2,
      firstResponseMedian: 0.125,
      firstResponseP90: 1,
      resolutionMedian: 1.25,
      resolutionP90: 9,
      firstResponseBreaches: 0,
      resolutionBreaches: 1,
      resolved: 2,
      oneTimeResolutionRate: 0.5,
      surveys: 2,
      satisfied: 1,
      satisfactionRate: 0.5,
    });
    const none = report.rows.find((r) => r.dimension === "project" && r.group === "未归类")!;
    expect(none).toMatchObject({
      opened: 1,
      firstResponseBreaches: 1,
      resolutionBreaches: 1,
      resolved: 0,
      oneTimeResolutionRate: null,
    });
    expect(report.rows.find((r) => r.dimension === "lead_unit" && r.group === "市财政局")?.opened).toBe(2);
    expect(report.rows.find((r) => r.dimension === "total")?.opened).toBe(3);

    const md = reportMarkdown(report);
    expect(md).toContain("## 按实事项目");
    expect(md).toContain("## 按牵头单位");
    expect(md).toMatch(
      /\| 项目3「“要素保强”助杭企」 \| 2 \| 0\.13 \| 1\.00 \| 1\.25 \| 9\.00 \| 0 \| 1 \| 2 \| 50\.0% ⚠️ \| 2 \| 50\.0% \|/,
    );
    const csv = reportCsv(report).split("\n");
    expect(csv[0]).toMatch(/^dimension,group,opened,/);
    expect(csv.find((l) => l.startsWith("lead_unit,市财政局,2,"))).toBeTruthy();
  });
});

describe("report helpers and CLI", () => {
  it("uses nearest-rank percentiles", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
  });

  it("prints Markdown and CSV from a SQLite file and rejects bad dates", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-report-"));
    const env = { ...process.env, DATABASE_URL: `sqlite:${dir}/desk.db`, LOG_LEVEL: "silent" };
    const out = execFileSync(
      "node",
      [
        "--import",
        "tsx",
        "bot/tickets/report-cli.ts",
        "--from",
        "2024-01-01",
        "--to",
        "2024-12-31",
        "--format",
        "both",
      ],
      { env, encoding: "utf8" },
    );
    expect(out).toContain("企服通服务台工单报表（2024-01-01 至 2024-12-31）");
    expect(out).toContain("dimension,group,opened");
    try {
      expect(() =>
        execFileSync("node", ["--import", "tsx", "bot/tickets/report-cli.ts", "--from", "2024-13-01"], {
          env,
          encoding: "utf8",
          stdio: "pipe",
        }),
      ).toThrow(/日期无效/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
