// npm run report -- --from 2024-01-01 --to 2024-12-31 [--format md|csv|both] [--out FILE]
import fs from "node:fs";
import { DEFAULT_HOLIDAYS_OVERRIDE, WorkCalendar } from "./calendar.js";
import { parseDeskConfig } from "./config.js";
import { openDeskDb } from "./db.js";
import { migrateToLatest } from "./migrations.js";
import { parseRangeArgs } from "./range-args.js";
import { buildReport, reportCsv, reportMarkdown } from "./report.js";
import { buildPushReport, pushReportCsv, pushReportMarkdown } from "../push/report.js";
import { nextDay, shanghaiDayStart } from "./calendar.js";

const USAGE = "用法：npm run report -- --from 2024-01-01 --to 2024-12-31 [--format md|csv|both] [--out 文件]";

async function main(): Promise<number> {
  const args = parseRangeArgs(USAGE, ["md", "csv", "both"]);
  if (typeof args === "number") return args;
  const { from, to } = args;
  const config = parseDeskConfig();
  const opened = openDeskDb(config.databaseUrl);
  try {
    await migrateToLatest(opened.db);
    const cal = WorkCalendar.fromFile(config.holidaysOverrideFile ?? DEFAULT_HOLIDAYS_OVERRIDE);
    const report = await buildReport(opened.db, cal, from, to, Date.now());
    const push = await buildPushReport(opened.db, shanghaiDayStart(from), shanghaiDayStart(nextDay(to)));
    const parts: string[] = [];
    if (args.format !== "csv") parts.push(reportMarkdown(report), pushReportMarkdown(push));
    if (args.format !== "md") parts.push(reportCsv(report), pushReportCsv(push));
    const text = parts.join("\n\n") + "\n";
    if (args.out) fs.writeFileSync(args.out, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    await opened.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`报表生成失败：${err.message}`);
    process.exit(1);
  },
);
