// npm run push -- list | preview ID | send ID | cancel ID
// Plans publishes that have none yet (the ingest CLI has no bot to do it), shows them, and records an
// admin's decision; the bot processes deliver approved plans.
import os from "node:os";
import { dataDir } from "../../knowledge/infra/env.js";
import { parseDeskConfig } from "../tickets/config.js";
import { openDeskDb } from "../tickets/db.js";
import { migrateToLatest } from "../tickets/migrations.js";
import { parsePushConfig } from "./config.js";
import { createPush } from "./index.js";
import { parseSummary, planView } from "./plan-view.js";
import { planSummaryText } from "./cards.js";
import { PushError } from "./service.js";

const USAGE = "用法：npm run push -- list | preview 计划编号 | send 计划编号 | cancel 计划编号（编号形如 P0001）";

async function main(argv: string[]): Promise<number> {
  const [verb, id, ...rest] = argv;
  if (
    !verb ||
    verb === "--help" ||
    verb === "help" ||
    rest.length ||
    !["list", "preview", "send", "cancel"].includes(verb) ||
    (verb !== "list" && !id)
  ) {
    console.error(USAGE);
    return verb === "--help" || verb === "help" ? 0 : 2;
  }
  const desk = parseDeskConfig();
  const opened = openDeskDb(desk.databaseUrl);
  try {
    await migrateToLatest(opened.db);
    const push = createPush({ db: opened, desk, config: parsePushConfig(), dataDir: dataDir() });
    const actor = `cli:${os.userInfo().username}`;
    try {
      switch (verb) {
        case "list": {
          const plans = await push.service.listPlans(50);
          if (!plans.length) console.log("暂无推送计划。");
          for (const p of plans)
            console.log(
              planSummaryText(planView(p, parseSummary(p.summary), await push.plans.deliveryCounts(p.id))) + "\n",
            );
          return 0;
        }
        case "preview": {
          const card = await push.service.preview(id);
          console.log(card.text);
          return 0;
        }
        case "send": {
          const { plan, changed } = await push.service.approve(id, actor);
          console.log(
            changed
              ? `推送计划 ${plan.id} 已批准：运行中的机器人进程会按平台限速发送给 ${plan.recipients} 个会话。`
              : `推送计划 ${plan.id} 当前状态为 ${plan.status}，未改变。`,
          );
          return changed ? 0 : 1;
        }
        case "cancel": {
          const { plan, changed } = await push.service.cancel(id, actor);
          console.log(
            changed ? `推送计划 ${plan.id} 已取消。` : `推送计划 ${plan.id} 当前状态为 ${plan.status}，未改变。`,
          );
          return changed ? 0 : 1;
        }
      }
    } catch (err) {
      if (err instanceof PushError) {
        console.error(err.message);
        return 1;
      }
      throw err;
    }
    return 2;
  } finally {
    await opened.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`推送命令失败：${err.message}`);
    process.exit(1);
  },
);
