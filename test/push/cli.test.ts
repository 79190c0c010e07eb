// `npm run push -- list|preview|send|cancel` and the push figures of `npm run report`, as an admin
// runs them after `npm run ingest` (no bot running: listing makes the plan).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../knowledge/infra/env.js";
import { openDeskDb } from "../../bot/tickets/db.js";
import { migrateToLatest } from "../../bot/tickets/migrations.js";
import { SubscriptionStore } from "../../bot/push/subscription-store.js";
import { pushDb } from "../../bot/push/db.js";
import { LOAN_DOC, TRADE_DOC, recordPublish, writeVersion } from "./fixtures.js";

let dataDir: string;

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, script), ...args], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: `sqlite:${path.join(dataDir, "desk.db")}`,
      LOG_LEVEL: "silent",
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run push / npm run report", () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "push-cli-"));
    const opened = openDeskDb(`sqlite:${path.join(dataDir, "desk.db")}`);
    await migrateToLatest(opened.db);
    const subs = new SubscriptionStore(pushDb(opened.db));
    await subs.upsert({ platform: "feishu", tenant: "t", chatId: "oc_a", chatType: "p2p" }, "ou_a", "set", {
      topics: ["融资"],
    });
    await subs.upsert({ platform: "dingtalk", tenant: "t", chatId: "cid==", chatType: "group" }, "s1", "set", {
      topics: ["外贸"],
    });
    await opened.close();
    writeVersion(dataDir, "v1", []);
    writeVersion(dataDir, "v2", [LOAN_DOC, TRADE_DOC]);
    recordPublish(dataDir, "v2", "v1");
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("lists (making the plan), previews, approves once (a second send changes nothing), names unknown plans, and reports the push figures", () => {
    const list = run("bot/push/cli.ts", ["list"]);
    expect(list.code).toBe(0);
    expect(list.out).toMatch(/推送计划 P0001（待审批）/);
    expect(list.out).toMatch(/接收方 2 个（feishu 1，dingtalk 1）/);
    const preview = run("bot/push/cli.ts", ["preview", "P0001"]);
    expect(preview.out).toMatch(/企业将看到/);
    expect(preview.out).toMatch(/杭州市小微企业融资担保降费实施细则|关于支持外贸企业出口信用保险的通知/);
    expect(run("bot/push/cli.ts", ["send", "P0001"]).code).toBe(0);
    expect(run("bot/push/cli.ts", ["send", "P0001"]).code).toBe(1);
    const unknown = run("bot/push/cli.ts", ["send", "P9999"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/没有找到推送计划/);
    expect(run("bot/push/cli.ts", ["bogus"]).code).toBe(2);
    const report = run("bot/tickets/report-cli.ts", ["--from", "2020-01-01", "--to", "2099-12-31", "--format", "both"]);
    expect(report.code).toBe(0);
    expect(report.out).toMatch(/## 政策直达/);
    expect(report.out).toMatch(/订阅会话（有效 \/ 暂停 \/ 已退订） \| 2 \/ 0 \/ 0/);
    expect(report.out).toMatch(/messages_planned,2/);
  }, 120_000);
});
