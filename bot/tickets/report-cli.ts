// npm run report -- --from 2024-01-01 --to 2024-12-31 [--format md|csv|both] [--out FILE]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_HOLIDAYS_OVERRIDE, shanghaiDay, WorkCalendar } from "./calendar.js";
import { parseDeskConfig } from "./config.js";
import { openDeskDb } from "./db.js";
import { migrateToLatest } from "./migrations.js";
import { buildReport, reportCsv, reportMarkdown } from "./report.js";
import { buildPushReport, pushReportCsv, pushReportMarkdown } from "../push/report.js";
import { nextDay, shanghaiDayStart } from "./calendar.js";

const USAGE = "用法：npm run report -- --from 2024-01-01 --to 2024-12-31 [--format md|csv|both] [--out 文件]";

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        from: { type: "string" },
        to: { type: "string" },
        format: { type: "string", default: "md" },
        out: { type: "string" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const year = shanghaiDay(Date.now()).slice(0, 4);
  const from = args.from ?? `${year}-01-01`;
  const to = args.to ?? shanghaiDay(Date.now());
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
  if (!isDate(from) || !isDate(to) || from > to) {
    console.error(`日期无效：--from ${from} --to ${to}（格式 YYYY-MM-DD，且 from ≤ to）\n${USAGE}`);
    return 2;
  }
  if (!["md", "csv", "both"].includes(args.format!)) {
    console.error(`--format 只能是 md、csv 或 both\n${USAGE}`);
    return 2;
  }
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
