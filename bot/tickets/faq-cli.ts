// npm run faq -- list [--state pending|approved|rejected] | show K-… | approve K-… | reject K-… 原因
//               | edit K-… 新答复 | export [--out FILE] | publish
// Runs as a local admin (the operator of this machine, audited as cli:<user>) on the desk database.
import os from "node:os";
import { parseArgs } from "node:util";
import { dataDir } from "../../knowledge/infra/env.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { formatShanghai } from "./calendar.js";
import { parseDeskConfig } from "./config.js";
import type { KnowledgeState } from "./db.js";
import { TicketError, userText } from "./errors.js";
import { createDesk } from "./index.js";
import { entryList, entrySummary } from "./knowledge-cards.js";
import { inProcessPublisher } from "./knowledge-publish.js";

const USAGE = `用法：
  npm run faq -- list [--state pending|approved|rejected]   列出知识条目（默认全部）
  npm run faq -- show K-…                                   查看条目及审核记录
  npm run faq -- approve K-…                                审核通过并发布到知识库
  npm run faq -- reject K-… 原因                            驳回（已通过的条目即撤回并重新发布）
  npm run faq -- edit K-… 新答复                            修改答复
  npm run faq -- export [--out 文件]                        导出已审核条目（默认 DATA_DIR/faq/approved.json）
  npm run faq -- publish                                    导出并重建、校验、发布知识库`;

const STATES: Record<string, KnowledgeState> = { pending: "pending", approved: "approved", rejected: "rejected" };

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { state: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [cmd, id = "", ...rest] = positionals;
  if (values.help || !cmd) {
    console.log(USAGE);
    return cmd ? 0 : 2;
  }
  if (values.state && !STATES[values.state]) {
    console.error(`--state 只能是 pending、approved 或 rejected\n${USAGE}`);
    return 2;
  }
  // The command line is a local admin (platform "console"), never a chat identity.
  const actor = { platform: "console", id: `cli:${os.userInfo().username}` };
  const config = parseDeskConfig();
  config.adminIds = [...config.adminIds, `${actor.platform}:${actor.id}`]; // whoever runs the CLI on this machine administers it
  const desk = await createDesk({
    config,
    senders: () => undefined, // not started: notifications stay in the outbox for the server to deliver
    logger: createLogger(process.env.LOG_LEVEL ?? "warn"),
    publisher: inProcessPublisher({ dataDir: dataDir(), corpusDir: process.env.INGEST_CORPUS_DIR || undefined }),
  });
  const k = desk.knowledge;
  try {
    switch (cmd) {
      case "list":
        console.log(entryList("知识条目", await k.list(values.state ? STATES[values.state] : undefined)));
        return 0;
      case "show": {
        const e = await k.get(id);
        const events = await k.store.events(e.id);
        console.log(`知识条目 ${e.id}\n${entrySummary(e).replace(/\*\*/g, "")}\n\n审核记录：`);
        for (const ev of events)
          console.log(`  ${formatShanghai(ev.at)}  ${ev.type}  ${ev.actor_id}${ev.note ? `  ${ev.note}` : ""}`);
        return 0;
      }
      case "approve": {
        const { entry, published } = await k.approve(id, actor);
        console.log(`${entry.id} 已通过；${published.text}`);
        return published.ok ? 0 : 1;
      }
      case "reject": {
        const { entry, published } = await k.reject(id, actor, rest.join(" "));
        console.log(`${entry.id} 已驳回${published ? `；${published.text}` : ""}`);
        return 0;
      }
      case "edit": {
        const { entry, published } = await k.edit(id, actor, rest.join(" "));
        console.log(`${entry.id} 的答复已修改（第 ${entry.revision} 版）${published ? `；${published.text}` : ""}`);
        return 0;
      }
      case "export": {
        const out = await k.exportFaq(values.out);
        console.log(`已导出 ${out.entries} 条已审核条目、${out.examples} 个已归类问题 → ${out.file}`);
        return 0;
      }
      case "publish": {
        const res = await k.publish(actor);
        console.log(res.text);
        return res.ok ? 0 : 1;
      }
      default:
        console.error(`不认识的子命令「${cmd}」\n${USAGE}`);
        return 2;
    }
  } catch (err) {
    console.error(err instanceof TicketError ? userText(err) : (err as Error).message);
    return 1;
  } finally {
    await desk.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`操作失败：${err.message}`);
    process.exit(1);
  },
);
