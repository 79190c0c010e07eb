// The whole desk through Feishu: the real server (intake → BullMQ → pipeline) with the real
// Lark SDK talking to the local Feishu emulator, the real knowledge base, real Redis, SQLite.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDeskDb, type OpenedDb } from "../../bot/tickets/db.js";
import { cardButtons, cardText, shownContent, startFeishuStack, type FeishuStack } from "../feishu/harness.js";
import { waitFor } from "./helpers.js";

const ENT = "ou_enterprise_wang";
const STAFF = "ou_desk_staff_li";
const OUTSIDER = "ou_desk_member_zhao";
const DESK = "oc_desk_group_0001";

describe("service desk through the Feishu emulator", () => {
  let s: FeishuStack;
  let dir: string;
  let db: OpenedDb;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-feishu-"));
    s = await startFeishuStack({
      env: {
        DATABASE_URL: `sqlite:${dir}/desk.db`,
        DESK_CHAT_ID: DESK,
        SUPERVISOR_CHAT_ID: "oc_supervisors",
        STAFF_OPEN_IDS: STAFF,
        ADMIN_OPEN_IDS: "ou_admin",
      },
    });
    db = openDeskDb(`sqlite:${dir}/desk.db`);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await s?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const ticket = (number: string) =>
    db.db.selectFrom("tickets").selectAll().where("number", "=", number).executeTakeFirstOrThrow();

  it("「没解决，转人工」 → desk card → refusal → claim → reply → relay → resolve → 满意", async () => {
    const q = await s.emu.sendUserMessage({ chatType: "p2p", userOpenId: ENT, text: "企业信用修复找哪个部门？" });
    const [answer] = await s.emu.waitForBotMessages(1, { chatId: q.chatId, timeoutMs: 15_000 });
    const unsolved = cardButtons(answer).find((b) => b.value.cmd === "feedback.unsolved")!;
    const handoff = await s.emu.clickButton({
      messageId: answer.message_id,
      operatorOpenId: ENT,
      value: unsolved.value,
    });
    expect(handoff.delivery!.latencyMs).toBeLessThan(3000);
    const [, told] = await s.emu.waitForBotMessages(2, { chatId: q.chatId });
    const toldText = shownContent(told).text ?? cardText(told);
    const number = /QY-\d{8}-\d{4}/.exec(toldText)![0];
    expect(toldText).toMatch(/工作日内/);

    // the desk group gets one shared card with the bot's routing
    const [deskCard] = await s.emu.waitForBotMessages(1, { chatId: DESK, timeoutMs: 10_000 });
    expect(shownContent(deskCard).config?.update_multi).toBe(true);
    expect(cardText(deskCard)).toContain(number);
    expect(cardText(deskCard)).toContain("企业信用修复找哪个部门");
    // 认领 is a button; 转派 is a form (JSON 2.0) with the unit typed in the card
    expect(cardButtons(deskCard).map((b) => b.text)).toEqual(["认领"]);
    expect(cardText(deskCard)).toContain(`ticket.transfer__${number}`);
    const claim = cardButtons(deskCard).find((b) => b.value.cmd === "ticket.claim")!;

    // a member of the desk group who is not on the allowlist is refused; nothing changes
    const refused = await s.emu.clickButton({
      messageId: deskCard.message_id,
      operatorOpenId: OUTSIDER,
      value: claim.value,
    });
    expect(refused.toast?.content).toMatch(/只有服务台工作人员/);
    expect((await ticket(number)).state).toBe("new");
    const cmdRefused = await s.emu.sendUserMessage({
      chatType: "group",
      chatId: DESK,
      userOpenId: OUTSIDER,
      mentionBot: true,
      text: `/工单 ${number} 认领`,
    });
    await waitFor(() => s.emu.state.botMessages(DESK).find((m) => m.parent_id === cmdRefused.messageId), 10_000);
    expect((await ticket(number)).state).toBe("new");

    // staff claims with the button: toast, card replaced in place
    const claimed = await s.emu.clickButton({
      messageId: deskCard.message_id,
      operatorOpenId: STAFF,
      value: claim.value,
    });
    expect(claimed.delivery!.latencyMs).toBeLessThan(3000);
    expect(claimed.toast?.content).toContain("已认领");
    expect(cardText(deskCard)).toContain("已认领");
    await waitFor(
      () => s.emu.state.botMessages(q.chatId).find((m) => (shownContent(m).text ?? "").includes("已由")),
      10_000,
    );

    // staff replies with a command (@bot in the desk group): it reaches the enterprise with the number
    await s.emu.sendUserMessage({
      chatType: "group",
      chatId: DESK,
      userOpenId: STAFF,
      mentionBot: true,
      text: `/工单 ${number} 回复 请提供企业被列入经营异常名录的决定书编号`,
    });
    const relayed = await waitFor(
      () =>
        s.emu.state
          .botMessages(q.chatId)
          .find((m) => (shownContent(m).text ?? "").includes(`【工单 ${number} 服务台回复】`)),
      10_000,
    );
    expect(shownContent(relayed).text).toContain("决定书编号");
    expect((await ticket(number)).state).toBe("waiting_enterprise");

    // the enterprise answers in its own chat: attached to the ticket and relayed to the assignee
    await s.emu.sendUserMessage({ chatType: "p2p", userOpenId: ENT, text: "编号是杭市监异〔2024〕15号" });
    const toStaff = await waitFor(
      () => s.emu.state.botMessages(`oc_p2p_${STAFF}`).find((m) => (shownContent(m).text ?? "").includes("杭市监异")),
      10_000,
    );
    expect(shownContent(toStaff).text).toContain(`工单 ${number} 企业回复`);
    expect((await ticket(number)).state).toBe("in_progress");
    // the shared desk card followed the ticket (updated through the outbox, not by a click)
    await waitFor(() => cardText(deskCard).includes("状态**：处理中"), 10_000);

    // resolve with the (shared, updated) desk card's form: result, label, 可复用 → satisfaction card
    await waitFor(() => cardText(deskCard).includes(`ticket.resolve__${number}`), 10_000);
    const button = `ticket.resolve__${number}`;
    await expect(
      s.emu.submitForm({
        messageId: deskCard.message_id,
        operatorOpenId: STAFF,
        button,
        values: { resolution: "已移出经营异常名录" },
      }),
    ).rejects.toThrow(/required/);
    const resolved = await s.emu.submitForm({
      messageId: deskCard.message_id,
      operatorOpenId: STAFF,
      button,
      values: {
        resolution: "企业信用修复可在浙江政务服务网一处申请、全平台修复，由市市场监管局办理。",
        label_project: "2",
        label_unit: "市市场监管局",
        reusable: true,
      },
    });
    expect(resolved.toast?.content).toMatch(/已解决.*提交审核（K-/);
    const survey = await waitFor(
      () =>
        s.emu.state.botMessages(q.chatId).find((m) => m.msg_type === "interactive" && cardText(m).includes("请评价")),
      10_000,
    );
    expect(cardButtons(survey).map((b) => b.text)).toEqual(["满意", "基本满意", "不满意"]);
    const happy = cardButtons(survey).find((b) => b.text === "满意")!;
    const rated = await s.emu.clickButton({ messageId: survey.message_id, operatorOpenId: ENT, value: happy.value });
    expect(rated.toast?.content).toContain("感谢");
    expect(cardText(survey)).toContain("评价已收到");
    expect((await ticket(number)).state).toBe("closed");
    const events = await db.db
      .selectFrom("ticket_events")
      .select(["type", "actor_id"])
      .where("ticket_id", "=", (await ticket(number)).id)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual([
      "created",
      "claimed",
      "replied",
      "enterprise_message",
      "resolved",
      "labelled",
      "closed",
    ]);
    const entry = await db.db.selectFrom("knowledge_entries").selectAll().executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ state: "pending", project: 2, unit: "市市场监管局", ticket_number: number });

    // /我的工单 lists it with its state
    const mine = await s.emu.sendUserMessage({ chatType: "p2p", userOpenId: ENT, text: "/我的工单" });
    const list = await waitFor(
      () => s.emu.state.botMessages(mine.chatId).find((m) => (shownContent(m).text ?? "").startsWith("您的工单（")),
      10_000,
    );
    expect(shownContent(list).text).toContain(`${number}｜已关闭`);
  }, 90_000);
});
