// 政策直达 on DingTalk (emulator, HTTP callbacks): subscription commands in single and group chats,
// the group admin's lock (`isAdmin`), and pushes through the robot OpenAPI — to a single chat's
// user, to a group, and to groups the robot was removed from or that were dissolved (recorded as
// failures; those subscriptions are paused).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeKb } from "../conversation/fake-kb.js";
import { pushExtension } from "../../bot/push/extension.js";
import { createPush } from "../../bot/push/index.js";
import { openDeskDb, type OpenedDb } from "../../bot/tickets/db.js";
import { startHarness, until, type Harness } from "../dingtalk/harness.js";
import { LOAN_DOC, recordPublish, writeVersion } from "./fixtures.js";

describe("政策直达 on DingTalk", () => {
  let h: Harness;
  let dataDir: string;
  let db: OpenedDb;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "push-dt-"));
    h = await startHarness({
      kb: new FakeKb(),
      extensions: [pushExtension],
      env: {
        DATA_DIR: dataDir,
        DATABASE_URL: `sqlite:${path.join(dataDir, "desk.db")}`,
        ADMIN_OPEN_IDS: "dingtalk:admin-staff",
        LOG_LEVEL: "silent",
      },
    });
    db = openDeskDb(`sqlite:${path.join(dataDir, "desk.db")}`);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await h?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(spec: Parameters<Harness["emu"]["callback"]>[0]): Promise<string> {
    const before = h.emu.state.shown.length;
    const res = await h.post(h.emu.callback(spec));
    expect(res.status).toBe(200);
    await until(() => h.emu.state.shown.length > before, 8000, "a reply");
    // A reply may be two messages (a note and the subscription card): take all of them.
    let n: number;
    do {
      n = h.emu.state.shown.length;
      await new Promise((r) => setTimeout(r, 400));
    } while (h.emu.state.shown.length !== n);
    return h.emu.state.shown
      .slice(before)
      .map((m) => m.text)
      .join("\n");
  }

  it("handles /订阅, /我的订阅 and /退订 in a single chat", async () => {
    expect(await send({ conversationType: "1", staffId: "ent-1", text: "/订阅 融资 外贸" })).toMatch(/订阅已更新/);
    const mine = await send({ conversationType: "1", staffId: "ent-1", text: "/我的订阅" });
    expect(mine).toMatch(/已订阅.*融资.*外贸/s);
    expect(mine).toMatch(/dtmd:\/\/dingtalkclient\/sendMessage/); // topic toggles become links that send the command
    expect(await send({ conversationType: "1", staffId: "ent-1", text: "/退订 外贸" })).toMatch(/仍订阅：.*融资/);
  }, 30_000);

  it("lets only the group admin lock a group's subscription", async () => {
    const g = "cidPushGroup==";
    expect(await send({ conversationType: "2", conversationId: g, staffId: "m-1", text: "/订阅 融资" })).toMatch(
      /订阅已更新/,
    );
    expect(await send({ conversationType: "2", conversationId: g, staffId: "m-1", text: "/订阅 锁定" })).toMatch(
      /只有群主/,
    );
    expect(
      await send({ conversationType: "2", conversationId: g, staffId: "owner-1", isAdmin: true, text: "/订阅 锁定" }),
    ).toMatch(/已锁定/);
    expect(await send({ conversationType: "2", conversationId: g, staffId: "m-1", text: "/退订" })).toMatch(/群主锁定/);
  }, 30_000);

  it("pushes to single chats and groups, and pauses groups the robot left or that were dissolved", async () => {
    for (const g of ["cidGone==", "cidDissolved=="])
      await send({ conversationType: "2", conversationId: g, staffId: "m-2", text: "/订阅 融资" });
    h.emu.state.groupsWithoutRobot.add("cidGone==");
    h.emu.state.dissolvedGroups.add("cidDissolved==");
    writeVersion(dataDir, "v1", []);
    writeVersion(dataDir, "v2", [LOAN_DOC]);
    recordPublish(dataDir, "v2", "v1");
    const push = createPush({
      db,
      desk: { deskPlatform: "dingtalk" },
      dataDir,
      config: { rates: { dingtalk: 10 }, worker: false, followUpMs: 3_600_000, lookbackMs: 86_400_000 },
    });
    const [plan] = await push.service.listPlans();
    expect(plan.recipients).toBe(4); // ent-1, the locked group, and the two unreachable groups
    await push.service.approve(plan.id, "cli:test");
    await until(
      async () => {
        const c = await push.plans.deliveryCounts(plan.id);
        return c.sent === 2 && c.failed === 2;
      },
      15_000,
      "deliveries settled",
    );
    const toUser = h.emu.state.shownTo({ staffId: "ent-1" }).filter((m) => m.via === "batchSend");
    expect(toUser.map((m) => m.text).join("\n")).toMatch(/杭州市小微企业融资担保降费实施细则/);
    expect(h.emu.state.shownTo({ conversationId: "cidPushGroup==" }).some((m) => m.via === "groupSend")).toBe(true);
    for (const g of ["cidGone==", "cidDissolved=="])
      expect((await push.subscriptions.get("dingtalk", g))?.status).toBe("paused");
  }, 40_000);
});
