// npm run gaps -- --from 2024-01-01 --to 2024-12-31 [--format md|csv] [--out FILE]
import fs from "node:fs";
import { parseArgs } from "node:util";
import { nextDay, shanghaiDay, shanghaiDayStart } from "./calendar.js";
import { parseDeskConfig } from "./config.js";
import { openDeskDb } from "./db.js";
import { buildGapReport, gapReportCsv, gapReportMarkdown } from "./gap-report.js";
import { InteractionLog } from "./interaction-log.js";
import { buildFaqExport, KnowledgeStore } from "./knowledge-entries.js";
import { migrateToLatest } from "./migrations.js";

const USAGE = "用法：npm run gaps -- --from 2024-01-01 --to 2024-12-31 [--format md|csv] [--out 文件]";

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
  if (!["md", "csv"].includes(args.format!)) {
    console.error(`--format 只能是 md 或 csv\n${USAGE}`);
    return 2;
  }
  const config = parseDeskConfig();
  const opened = openDeskDb(config.databaseUrl);
  try {
    await migrateToLatest(opened.db);
    const log = new InteractionLog(opened.db, config.interactionRetentionDays ?? 180);
    await log.purgeExpired();
    const rows = await log.between(shanghaiDayStart(from), shanghaiDayStart(nextDay(to)));
    const approved = (await buildFaqExport(new KnowledgeStore(opened.db), Date.now())).items.filter(
      (i) => i.kind === "entry",
    );
    const report = buildGapReport(rows, approved, { from, to });
    const text = args.format === "csv" ? gapReportCsv(report) : `${gapReportMarkdown(report)}\n`;
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
    console.error(`报告生成失败：${err.message}`);
    process.exit(1);
  },
);
