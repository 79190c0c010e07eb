// Chinese working days (statutory holidays and 调休 make-up days) for SLA arithmetic.
// Days are 'YYYY-MM-DD' strings in Asia/Shanghai, computed from epoch ms with the fixed
// +08:00 offset (no DST since 1991), so the server's TZ never matters.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";

import { PROJECT_ROOT } from "../../knowledge/infra/env.js";

export const DEFAULT_HOLIDAYS_OVERRIDE = path.join(PROJECT_ROOT, "knowledge", "data", "holidays-override.yaml");

const require = createRequire(import.meta.url);
// The package's documented JSON (dist/chinese-days.json) rather than its functions: those
// parse dates in the process time zone and return the wrong day west of UTC.
const packageData = require("chinese-days/dist/chinese-days.json") as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Epoch ms of 00:00 Asia/Shanghai on `day`. */
export function shanghaiDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS;
}

export function nextDay(day: string, delta = 1): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + delta * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in Asia/Shanghai. */
export function formatShanghai(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");
}

const overrideSchema = z.object({
  years: z
    .record(
      z.string().regex(/^\d{4}$/),
      z.object({
        complete: z.boolean().default(false),
        holidays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
        workdays: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/)).default([]),
      }),
    )
    .default({}),
});
export type HolidayOverride = z.infer<typeof overrideSchema>;

export class WorkCalendar {
  readonly packageLastYear: number;
  readonly lastKnownYear: number;
  private readonly offDays = new Set<string>();
  private readonly workDays = new Set<string>();

  constructor(override: HolidayOverride = { years: {} }) {
    this.packageLastYear = Math.max(...Object.keys(packageData.holidays).map((d) => Number(d.slice(0, 4))));
    let last = this.packageLastYear;
    for (const [year, y] of Object.entries(override.years)) {
      for (const d of y.holidays) this.offDays.add(d);
      for (const d of y.workdays) this.workDays.add(d);
      if (y.complete && Number(year) > last) last = Number(year);
    }
    this.lastKnownYear = last;
  }

  /** Reads the YAML override file; a missing file means "no override". Bad content throws. */
  static fromFile(file: string | undefined): WorkCalendar {
    if (!file || !fs.existsSync(file)) return new WorkCalendar();
    const parsed = overrideSchema.safeParse(YAML.parse(fs.readFileSync(file, "utf8"), { version: "1.2" }) ?? {});
    if (!parsed.success) throw new Error(`holiday override ${file} is invalid: ${parsed.error.issues[0]?.message}`);
    return new WorkCalendar(parsed.data);
  }

  isWorkday(day: string): boolean {
    if (this.offDays.has(day)) return false;
    if (this.workDays.has(day)) return true;
    if (packageData.holidays[day]) return false;
    if (packageData.workdays[day]) return true;
    const dow = new Date(`${day}T00:00:00.000Z`).getUTCDay();
    return dow !== 0 && dow !== 6;
  }

  /** The n-th working day after the Shanghai date of `fromMs` (n ≥ 1). */
  nthWorkdayAfter(fromMs: number, n: number): string {
    let day = shanghaiDay(fromMs);
    for (let found = 0; found < n;) {
      day = nextDay(day);
      if (this.isWorkday(day)) found++;
    }
    return day;
  }

  /** Deadline: end of the n-th working day after `fromMs` (23:59:59.999 Asia/Shanghai). */
  dueAfterWorkdays(fromMs: number, n: number): number {
    return shanghaiDayStart(nextDay(this.nthWorkdayAfter(fromMs, n))) - 1;
  }

  /** Working time between two instants, in working days (fractions count: 12 h of a working day = 0.5). */
  workdaysBetween(fromMs: number, toMs: number): number {
    if (toMs <= fromMs) return 0;
    let total = 0;
    for (let day = shanghaiDay(fromMs); ; day = nextDay(day)) {
      const start = shanghaiDayStart(day);
      if (start >= toMs) break;
      if (this.isWorkday(day)) total += Math.min(toMs, start + DAY_MS) - Math.max(fromMs, start);
    }
    return total / DAY_MS;
  }

  /** `fromMs` moved later by `days` of working time (the inverse of workdaysBetween). */
  addWorkdays(fromMs: number, days: number): number {
    let remaining = days * DAY_MS;
    let cursor = fromMs;
    for (let day = shanghaiDay(fromMs); remaining > 0; day = nextDay(day)) {
      const end = shanghaiDayStart(nextDay(day));
      if (this.isWorkday(day)) {
        if (cursor + remaining <= end) return cursor + remaining;
        remaining -= end - cursor;
      }
      cursor = end;
    }
    return cursor;
  }

  /** A warning when `ms` falls in a year the calendar does not fully know; null otherwise. */
  coverageWarning(ms: number): string | null {
    const year = Number(shanghaiDay(ms).slice(0, 4));
    if (year <= this.lastKnownYear) return null;
    return (
      `SLA dates reach ${year}, but the holiday calendar is complete only up to ${this.lastKnownYear} ` +
      `(chinese-days covers ${this.packageLastYear}); later holidays and 调休 days count as plain weekdays. ` +
      `Upgrade chinese-days or complete knowledge/data/holidays-override.yaml.`
    );
  }
}
