// Labels, proposals, admin review and export of knowledge entries, on SQLite and PostgreSQL
// (desk in local mode: outbox delivered in-process to a recording sender).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CardAction } from "../../bot/conversation/types.js";
import { MemoryRecentList } from "../../bot/infra/recent-list.js";
import { createDesk, type Desk } from "../../bot/tickets/index.js";
import type { PublishOutcome } from "../../bot/tickets/knowledge-desk.js";
import type { ConversationTurn } from "../../bot/tickets/service.js";
import { parseFaqFile } from "../../knowledge/faq/types.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { answerResult } from "./fixtures.js";
import { DIALECTS, freshDb, inbound, RecordingSender, testConfig, waitFor, type TestDb } from "./helpers.js";

describe.each(DIALECTS)("knowledge entries on %s", (dialect) => {
  let tdb: TestDb;
  let desk: Desk;
  let sender: RecordingSender;
  let dir: string;
  let published: string[];

  beforeEach(async () => {
    tdb = await freshDb(dialect);
    sender = new RecordingSender();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "faq-"));
    published = [];
    const publisher = {
      publish: async (): Promise<PublishOutcome> => {
        published.push(fs.readFileSync(path.join(dir, "approved.json"), "utf8"));
        return { ok: true, version: `v${published.length}`, text: `已发布 v${published.length}` };
      },
    };
    desk = await createDesk({
      config: testConfig({ adminChatId: "oc_admin" }),
      db: tdb,
      senders: () => sender,
      pollMs: 50,
      history: new MemoryRecentList<ConversationTurn>(),
      logger: createLogger("silent"),
      publisher,
      faqFile: path.join(dir, "approved.json"),
    });
    await desk.start();
  });
  afterEach(async () => {
    await desk.close();
    await tdb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const say = async (text: string, senderId: string, chatId = "oc_desk") => {
    const msg = inbound({ text, senderId, chatId, chatType: "group", mentionedBot: true });
    for (const i of desk.interceptors) {
      const out = await i.handleMessage?.(msg);
      if (out) return out.map((r) => r.text).join("\n");
    }
    return null;
  };
  const click = async (value: Record<string, unknown>, operatorId: string, formValue?: Record<string, unknown>) => {
    const action: CardAction = {
      platform: "feishu",
      tenant: "tenant1",
      chatId: "oc_desk",
      operatorId,
      messageId: "om_card",
      value,
      formValue,
    };
    for (const i of desk.interceptors) {
      const out = await i.handleCardAction?.(action);
      if (out) return out;
    }
    throw new Error("no interceptor took the click");
  };

  async function resolvedTicket(question = "我们公司社保基数怎么调整？联系电话13812345678") {
    const [created] = await desk.handoff.requestHandoff(
      inbound(),
      answerResult({ question, project: null, action: "escalate", confidence: 0 }),
    );
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    await desk.service.reply(
      number,
      { platform: "feishu", id: "ou_staff" },
      "社保缴费基数调整请联系市人力社保局（12333）办理。",
    );
    await desk.service.resolve(number, { platform: "feishu", id: "ou_staff" }, "");
    return number;
  }

  it("labels by command, proposes the last public reply (masked question), and admins approve → export → publish, all audited", async () => {
    const number = await resolvedTicket();
    expect(await say(`/工单 ${number} 入库`, "ou_staff")).toMatch(/请先归类/);
    expect(await say(`/工单 ${number} 归类 不在范围`, "ou_staff")).toMatch(/承办部门/);
    expect(await say(`/工单 ${number} 归类 11 某局`, "ou_staff")).toMatch(/1 到 10/);
    expect(await say(`/工单 ${number} 归类 不在范围 市人力社保局（12333）`, "ou_ent")).toMatch(/只有服务台工作人员/);
    expect(await say(`/工单 ${number} 归类 不在范围 市人力社保局（12333）`, "ou_staff")).toMatch(
      /已归类：不在通知范围 → 市人力社保局/,
    );
    const events = await desk.service.store.events((await desk.service.get(number)).id);
    expect(events.map((e) => e.type)).toContain("labelled");

    const proposed = await say(`/工单 ${number} 入库`, "ou_staff");
    const id = /K-\d{8}-\d{4}/.exec(proposed!)![0];
    expect(proposed).toMatch(/待审核/);
    expect(await say(`/工单 ${number} 入库`, "ou_staff")).toMatch(/已有知识条目/);
    const entry = await desk.knowledge.get(id);
    expect(entry.question).toContain("138****5678");
    expect(entry.question).not.toContain("13812345678");
    expect(entry.answer).toContain("12333");
    expect(entry.scope).toBe("out_of_scope");

    // The review card reaches the admin chat as a form with 通过 / 修改 / 驳回.
    const card = await waitFor(() => sender.calls.find((c) => c.to === "oc_admin"));
    expect(card.reply.kind).toBe("card");
    const form = card.reply.kind === "card" ? card.reply.card.forms![0] : null;
    expect(form!.submits.map((s) => s.text)).toEqual(["通过", "修改", "驳回"]);

    expect(await say("/知识 待审", "ou_staff")).toContain(id);
    expect(await say(`/知识 通过 ${id}`, "ou_staff")).toMatch(/只有管理员/);
    expect(published).toHaveLength(0);
    expect(await say(`/知识 通过 ${id}`, "ou_admin")).toMatch(/已通过.*已发布 v1/);
    const exported = parseFaqFile(published[0]);
    const item = exported.items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ kind: "entry", scope: "out_of_scope", department: "市人力社保局（12333）" });
    expect(item.approvedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(exported)).not.toContain("13812345678");
    expect(await say(`/知识 通过 ${id}`, "ou_admin")).toMatch(/只能审核待审核/);

    // Edit an approved entry: republished; withdraw it: republished without it.
    expect(await say(`/知识 修改 ${id} 社保缴费请联系市人力社保局（12333）。`, "ou_admin")).toMatch(
      /第 3 版.*已发布 v2/,
    );
    expect(await say(`/知识 驳回 ${id}`, "ou_admin")).toMatch(/驳回原因/);
    expect(await say(`/知识 驳回 ${id} 口径已变`, "ou_admin")).toMatch(/已驳回：口径已变.*已发布 v3/);
    expect(parseFaqFile(published[2]).items.some((i) => i.id === id)).toBe(false);
    const audit = (await desk.knowledge.store.events(id)).map((e) => e.type);
    expect(audit).toEqual(["proposed", "approved", "published", "edited", "published", "rejected", "published"]);
  });

  it("resolve form with a label and 可复用 proposes the reply; the review form approves or rejects by its text field", async () => {
    const [created] = await desk.handoff.requestHandoff(inbound(), answerResult({ question: "融资担保费率现在多少" }));
    const number = /QY-\d{8}-\d{4}/.exec(created.text)![0];
    await desk.service.claim(number, { platform: "feishu", id: "ou_staff" });
    await desk.service.reply(number, { platform: "feishu", id: "ou_staff" }, "您好，正在核实。");
    const bad = await click({ cmd: "ticket.resolve", number }, "ou_staff", {
      resolution: "已答复",
      label_project: "99",
    });
    expect(bad.toast).toMatch(/1 到 10/);
    expect((await desk.service.get(number)).state).not.toBe("resolved"); // nothing changed
    const res = await click({ cmd: "ticket.resolve", number }, "ou_staff", {
      resolution: "政府性融资担保平均费率不高于0.8%，可向市融资担保机构申请。",
      label_project: "4",
      label_unit: "市委金融办",
      reusable: true,
    });
    expect(res.toast).toMatch(/已解决.*提交审核（K-/);
    const [entry] = await desk.knowledge.list("pending");
    expect(entry).toMatchObject({ project: 4, unit: "市委金融办", scope: "project" });
    expect(entry.answer).toContain("0.8%"); // the resolution is the last public reply

    expect((await click({ cmd: "knowledge.reject", id: entry.id }, "ou_admin", {})).toast).toMatch(/驳回原因/);
    expect((await click({ cmd: "knowledge.approve", id: entry.id }, "ou_staff", {})).toast).toMatch(/只有管理员/);
    const ok = await click({ cmd: "knowledge.approve", id: entry.id }, "ou_admin", { text: "" });
    expect(ok.toast).toMatch(/已通过/);
    expect(ok.reply?.kind === "card" && ok.reply.card.forms).toBeFalsy(); // decided: no form any more
    // Labelled tickets become routing examples unless an approved entry already teaches them.
    const exported = parseFaqFile(published.at(-1)!);
    expect(exported.items.filter((i) => i.kind === "entry")).toHaveLength(1);
  });

  it("records answers and their outcomes for the gap report, and purges them after the retention period", async () => {
    const log = desk.interactions;
    await desk.observer.answered!({
      ref: "feishu:om_1",
      platform: "feishu",
      chatId: "oc_ent",
      userId: "ou_ent",
      result: answerResult({ question: "身份证330102199001011234能办吗", confidence: 0, project: null }),
    });
    await desk.observer.feedback!({
      ref: "feishu:om_1",
      solved: false,
      platform: "feishu",
      tenant: "t",
      chatId: "oc_ent",
      userId: "ou_ent",
    });
    await desk.handoff.requestHandoff(inbound(), answerResult());
    const rows = await log.between(0, Date.now() + 1000);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: "declined", outcome: "handoff" });
    expect(rows[0].question).not.toContain("199001011234");
    await tdb.db.updateTable("interactions").set({ expires_at: 1 }).execute();
    expect(await log.purgeExpired()).toBe(1);
  });
});
