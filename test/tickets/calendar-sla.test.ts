import { describe, expect, it } from "vitest";
import { formatShanghai, shanghaiDay, WorkCalendar } from "../../bot/tickets/calendar.js";
import { dueDates, dueStages, slaClockPatch } from "../../bot/tickets/sla.js";
import { DEFAULT_HOLIDAYS_OVERRIDE } from "../../bot/tickets/index.js";
import type { TicketRow } from "../../bot/tickets/store.js";

const cal = new WorkCalendar();
const policy = {
  firstResponseDays: 1,
  resolutionDays: 5,
  perProject: { 7: { firstResponseDays: 2, resolutionDays: 10 } },
  reminderLeadMs: 4 * 3_600_000,
  reopenDays: 7,
};
const sh = (local: string) => Date.parse(`${local}+08:00`);

describe("working-day calendar (chinese-days + override)", () => {
  it("knows 国庆 2024 and the 调休 Saturday 2024-10-12", () => {
    expect(cal.isWorkday("2024-10-01")).toBe(false);
    expect(cal.isWorkday("2024-10-07")).toBe(false);
    expect(cal.isWorkday("2024-09-29")).toBe(true); // Sunday, make-up working day
    expect(cal.isWorkday("2024-10-12")).toBe(true); // Saturday, make-up working day
    expect(cal.isWorkday("2024-10-13")).toBe(false);
  });

  it("puts SLA deadlines across 国庆 and onto the 调休 Saturday", () => {
    const created = sh("2024-09-30T10:00:00");
    const d = dueDates(cal, policy, created, 3);
    expect(formatShanghai(d.first_response_due_at)).toBe("2024-10-08 23:59");
    expect(formatShanghai(d.resolution_due_at)).toBe("2024-10-12 23:59");
    const p7 = dueDates(cal, policy, created, 7); // per-project override: 2 / 10
    expect(shanghaiDay(p7.first_response_due_at)).toBe("2024-10-09");
    expect(shanghaiDay(p7.resolution_due_at)).toBe("2024-10-18");
  });

  it("measures elapsed working time, skipping the holiday week", () => {
    expect(cal.workdaysBetween(sh("2024-09-30T10:00:00"), sh("2024-10-08T10:00:00"))).toBeCloseTo(1.0, 6);
    expect(cal.workdaysBetween(sh("2024-10-11T12:00:00"), sh("2024-10-14T12:00:00"))).toBeCloseTo(2.0, 6); // Fri half + Sat(调休) + Mon half
    expect(cal.workdaysBetween(sh("2024-10-01T00:00:00"), sh("2024-10-07T23:00:00"))).toBe(0);
  });

  it("adds working time to a deadline, skipping the holiday week (the inverse of workdaysBetween)", () => {
    const due = cal.dueAfterWorkdays(sh("2024-09-26T10:00:00"), 2); // end of Sun 09-29 (调休 working day)
    expect(formatShanghai(due)).toBe("2024-09-29 23:59");
    // the rest of 09-29 is 1 ms, so half a working day ends 1 ms before noon on 09-30
    expect(cal.addWorkdays(due, 0.5)).toBe(sh("2024-09-30T12:00:00") - 1);
    expect(cal.addWorkdays(due, 1.5)).toBe(sh("2024-10-08T12:00:00") - 1); // 09-30, then 国庆, then half of 10-08
    const from = sh("2024-10-11T12:00:00");
    expect(cal.workdaysBetween(from, cal.addWorkdays(from, 2))).toBeCloseTo(2, 9);
    expect(cal.addWorkdays(from, 0)).toBe(from);
  });

  it("uses Asia/Shanghai dates whatever the process TZ", () => {
    const saved = process.env.TZ;
    try {
      for (const tz of ["America/Los_Angeles", "Asia/Shanghai", "Pacific/Kiritimati"]) {
        process.env.TZ = tz; // Node applies a TZ change at run time
        expect(new Date(Date.UTC(2024, 0, 1)).getTimezoneOffset()).not.toBe(0);
        const c = new WorkCalendar();
        expect(formatShanghai(c.dueAfterWorkdays(sh("2024-09-30T10:00:00"), 5))).toBe("2024-10-12 23:59");
        expect(c.isWorkday("2024-10-08")).toBe(true);
        expect(shanghaiDay(Date.parse("2024-11-25T16:30:00Z"))).toBe("2024-11-26");
      }
    } finally {
      process.env.TZ = saved;
    }
  });

  it("reads the override file for years past the package and warns about incomplete years", () => {
    const withFile = WorkCalendar.fromFile(DEFAULT_HOLIDAYS_OVERRIDE);
    expect(withFile.packageLastYear).toBe(2026);
    expect(withFile.isWorkday("2027-10-01")).toBe(false); // 国庆 2027 from the override (Friday)
    expect(new WorkCalendar().isWorkday("2027-10-01")).toBe(true); // the package alone: plain Friday
    expect(withFile.coverageWarning(sh("2026-12-31T12:00:00"))).toBeNull();
    expect(withFile.coverageWarning(sh("2027-01-04T12:00:00"))).toMatch(/2027.*complete only up to 2026/);
    const complete = new WorkCalendar({
      years: { "2027": { complete: true, holidays: ["2027-01-01"], workdays: ["2027-01-02"] } },
    });
    expect(complete.lastKnownYear).toBe(2027);
    expect(complete.coverageWarning(sh("2027-06-01T12:00:00"))).toBeNull();
    expect(complete.isWorkday("2027-01-02")).toBe(true); // Saturday made a working day
  });
});

describe("SLA stages (injected clock)", () => {
  const created = sh("2024-09-30T10:00:00");
  const t = { state: "new", first_response_at: null, ...dueDates(cal, policy, created, null) } as unknown as TicketRow;
  it("reminds before the deadline and escalates after it", () => {
    expect(dueStages(t, sh("2024-10-08T12:00:00"), policy.reminderLeadMs)).toEqual([]);
    expect(dueStages(t, sh("2024-10-08T20:00:00"), policy.reminderLeadMs)).toEqual(["first_response.reminder"]);
    expect(dueStages(t, sh("2024-10-09T00:00:01"), policy.reminderLeadMs)).toEqual(["first_response.breach"]);
    expect(dueStages(t, sh("2024-10-12T21:00:00"), policy.reminderLeadMs)).toEqual([
      "first_response.breach",
      "resolution.reminder",
    ]);
    expect(dueStages({ ...t, first_response_at: 1 }, sh("2024-10-13T09:00:00"), policy.reminderLeadMs)).toEqual([
      "resolution.breach",
    ]);
    expect(dueStages({ ...t, state: "resolved" }, sh("2024-10-13T09:00:00"), policy.reminderLeadMs)).toEqual([]);
  });

  it("stops the resolution clock while waiting on the enterprise; leaving the wait moves the deadline", () => {
    const waiting = {
      ...t,
      state: "waiting_enterprise",
      first_response_at: 1,
      sla_paused_at: sh("2024-10-10T12:00:00"),
    } as TicketRow;
    expect(dueStages(waiting, sh("2024-10-14T09:00:00"), policy.reminderLeadMs)).toEqual([]); // past the old deadline
    // paused from Thu noon to Sat (调休) noon: 2 working days (Thu half, Fri, Sat half)
    const resumed = slaClockPatch(cal, waiting, "in_progress", sh("2024-10-12T12:00:00"));
    expect(resumed.sla_paused_at).toBeNull();
    expect(cal.workdaysBetween(t.resolution_due_at, resumed.resolution_due_at!)).toBeCloseTo(2, 9);
    expect(slaClockPatch(cal, { ...t, sla_paused_at: null } as TicketRow, "waiting_enterprise", 42)).toEqual({
      sla_paused_at: 42,
    });
    expect(slaClockPatch(cal, waiting, "waiting_enterprise", 42)).toEqual({}); // a second reply keeps the first pause
  });
});
