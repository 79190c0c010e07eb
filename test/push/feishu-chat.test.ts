// 政策直达 end to end on Feishu (emulator, real SDK, default extensions): subscriptions in private
// and group chats (toggle card, commands, the owner's lock), a publish → the plan → the preview in
// ADMIN_CHAT_ID → 发送 by an admin → push cards in the subscribed chats → 问一问 and 退订.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeRedis, createRedis, waitReady } from "../../bot/infra/redis.js";
import { cardButtons, cardText, startFeishuStack, type FeishuStack } from "../feishu/harness.js";
import { waitFor } from "../tickets/helpers.js";
import { LOAN_DOC, OLD_LAW, TRADE_DOC, recordPublish, writeVersion } from "./fixtures.js";

const ADMINS = "oc_admins";
const OWNER = "ou_owner";
const MEMBER = "ou_member";
const GROUP = "oc_group_push";
const ENT = "ou_ent_push";

describe("政策直达 on Feishu", () => {
  let s: FeishuStack;

  beforeAll(async () => {
    s = await startFeishuStack({
      // DATABASE_URL empty: the desk database is SQLite in DATA_DIR.
      env: { DATABASE_URL: "", ADMIN_CHAT_ID: ADMINS, ADMIN_OPEN_IDS: "ou_admin", DESK_PLATFORM: "feishu" },
    });
    s.emu.state.chatOwners.set(GROUP, OWNER);
  }, 120_000);
  afterAll(async () => s?.close());

  const say = (chatType: "p2p" | "group", userOpenId: string, text: string, chatId?: string) =>
    s.emu.sendUserMessage({ chatType, userOpenId, text, chatId, mentionBot: chatType === "group" });
  const shownIn = (chatId: string) => s.emu.state.botMessages(chatId);
  const waitShown = (chatId: string, n: number) =>
    waitFor(() => shownIn(chatId).length >= n && shownIn(chatId), 15_000);

  it("subscribes a private chat with a command and the toggle card, and shows it with /我的订阅", async () => {
    const p2p = `oc_p2p_${ENT}`;
    await say("p2p", ENT, "/订阅");
    const [card] = await waitShown(p2p, 1);
    const buttons = cardButtons(card);
    expect(buttons.map((b) => b.text)).toEqual(expect.arrayContaining(["融资", "外贸", "知识产权"]));
    expect(buttons.some((b) => b.text.includes("要素保强"))).toBe(true);
    const res = await s.emu.clickButton({
      messageId: card.message_id,
      operatorOpenId: ENT,
      value: buttons.find((b) => b.text === "融资")!.value,
    });
    expect(JSON.stringify(res)).toMatch(/已订阅该主题/);
    await say("p2p", ENT, "/订阅 +外贸");
    await say("p2p", ENT, "/我的订阅");
    const shown = await waitShown(p2p, 4);
    expect(cardText(shown[shown.length - 1])).toMatch(/已订阅.*融资.*外贸/s);
    await say("p2p", ENT, "/订阅 没有这个主题");
    const bad = await waitShown(p2p, 5);
    expect(cardText(bad[4])).toMatch(/没有识别出主题/);
  }, 60_000);

  it("lets any group member change the group's subscription until the owner locks it", async () => {
    await say("group", MEMBER, "/订阅 融资", GROUP);
    await waitShown(GROUP, 2);
    await say("group", MEMBER, "/订阅 锁定", GROUP);
    const refused = await waitShown(GROUP, 3);
    expect(cardText(refused[2])).toMatch(/只有群主/);
    await say("group", OWNER, "/订阅 锁定", GROUP);
    await waitShown(GROUP, 4);
    await say("group", MEMBER, "/退订", GROUP);
    const locked = await waitShown(GROUP, 5);
    expect(cardText(locked[4])).toMatch(/群主锁定/);
    await say("group", OWNER, "/订阅 融资 政府采购", GROUP);
    const changed = await waitShown(GROUP, 7);
    expect(cardText(changed[6])).toMatch(/融资.*政府采购/s);
  }, 60_000);

  it("turns a publish into a plan that waits for an admin, then pushes it; 问一问 answers, 退订 stops", async () => {
    const dataDir = s.env.DATA_DIR;
    writeVersion(dataDir, "v1", [OLD_LAW, { ...LOAN_DOC, articles: LOAN_DOC.articles.slice(0, 2) }]);
    writeVersion(dataDir, "v2", [OLD_LAW, LOAN_DOC, TRADE_DOC]);
    recordPublish(dataDir, "v1", null);
    recordPublish(dataDir, "v2", "v1");
    const pub = createRedis(s.env.REDIS_URL, "producer");
    await waitReady(pub);
    await pub.publish(s.env.INDEX_CHANNEL, JSON.stringify({ version: "v2" }));
    await closeRedis(pub);

    const [preview] = await waitShown(ADMINS, 1);
    expect(cardText(preview)).toMatch(/推送计划 P0001/);
    expect(cardText(preview)).toMatch(/融资/);
    // Nothing reaches enterprises before approval; a non-admin cannot approve.
    const before = shownIn(GROUP).length;
    const send = cardButtons(preview).find((b) => b.text === "发送")!;
    const refused = await s.emu.clickButton({
      messageId: preview.message_id,
      operatorOpenId: MEMBER,
      value: send.value,
    });
    expect(JSON.stringify(refused)).toMatch(/只有管理员/);
    await new Promise((r) => setTimeout(r, 2500));
    expect(shownIn(GROUP).length).toBe(before);

    await s.emu.clickButton({ messageId: preview.message_id, operatorOpenId: "ou_admin", value: send.value });
    const p2p = `oc_p2p_${ENT}`;
    const privateBefore = shownIn(p2p).length;
    const pushedGroup = await waitShown(GROUP, before + 1);
    const card = pushedGroup[pushedGroup.length - 1];
    const text = cardText(card);
    expect(text).toMatch(/政策直达/);
    expect(text).toMatch(/杭州市小微企业融资担保降费实施细则/);
    expect(text).toMatch(/杭州市财政局/);
    expect(text).toMatch(/新增第三条/);
    expect(text).toMatch(/牵头单位/);
    const pushedPrivate = await waitShown(p2p, privateBefore + 1);
    expect(cardText(pushedPrivate[pushedPrivate.length - 1])).toMatch(/2 份政策|出口信用保险/);

    // 问一问: an answer about the document arrives in the same chat.
    const ask = cardButtons(card).find((b) => b.text.startsWith("问一问"))!;
    await s.emu.clickButton({ messageId: card.message_id, operatorOpenId: OWNER, value: ask.value });
    await waitShown(GROUP, pushedGroup.length + 1);
    // 退订 (the owner may, the group is locked)
    const unsub = cardButtons(card).find((b) => b.text === "退订")!;
    await s.emu.clickButton({ messageId: card.message_id, operatorOpenId: OWNER, value: unsub.value });
    const after = await waitShown(GROUP, pushedGroup.length + 2);
    expect(cardText(after[after.length - 1])).toMatch(/已退订/);
  }, 90_000);
});
