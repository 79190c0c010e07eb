// npm run gaps -- --from 2024-01-01 --to 2024-12-31 [--format md|csv] [--out FILE]
import fs from "node:fs";
import { nextDay, shanghaiDayStart } from "./calendar.js";
import { parseDeskConfig } from "./config.js";
import { openDeskDb } from "./db.js";
import { buildGapReport, gapReportCsv, gapReportMarkdown } from "./gap-report.js";
import { InteractionLog } from "./interaction-log.js";
import { buildFaqExport, KnowledgeStore } from "./knowledge-entries.js";
import { migrateToLatest } from "./migrations.js";
import { parseRangeArgs } from "./range-args.js";

const USAGE = "用法：npm run gaps -- --from 2024-01-01 --to 2024-12-31 [--format md|csv] [--out 文件]";

async function main(): Promise<number> {
  const args = parseRangeArgs(USAGE, ["md", "csv"]);
  if (typeof args === "number") return args;
  const { from, to } = args;
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
