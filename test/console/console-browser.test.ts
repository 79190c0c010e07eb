/// <reference lib="dom" />
// The web console in a real browser: Debian's chromium driven by playwright-core against `npm start`
// (a child process) with the Feishu emulator (messages, cards and the OAuth login), real Redis and a
// SQLite ticket database. One server and one browser for the whole file.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDeskDb, type OpenedDb } from "../../bot/tickets/db.js";
import { startFeishuEmulator, type FeishuEmulator } from "../emulators/feishu/emulator.js";
import { cardText, shownContent } from "../feishu/harness.js";
import { waitFor } from "../tickets/helpers.js";
import { npmStart, type NpmStart } from "./npm-start.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const ENT = "ou_console_enterprise_wang";
const ENT2 = "ou_console_enterprise_chen";
const STAFF = { openId: "ou_console_staff_li", name: "李服务" };
const ADMIN = { openId: "ou_console_admin_zhou", name: "周管理" };
const OUTSIDER = { openId: "ou_console_outsider_zhao", name: "赵路人" };
const DESK = "oc_console_desk_0001";
// Screenshots for people checking the layout go outside the repository.
const SHOTS = process.env.CONSOLE_SCREENSHOTS;

describe("web console in chromium against npm start", () => {
  let emu: FeishuEmulator;
  let srv: NpmStart;
  let browser: Browser;
  let db: OpenedDb;
  let docsDir: string;
  let number1 = "";
  let number2 = "";
  let entChat = "";

  const text = (m: { content: string }) => shownContent(m).text ?? cardText(m);
  const ticket = (number: string) =>
    db.db.selectFrom("tickets").selectAll().where("number", "=", number).executeTakeFirstOrThrow();

  async function login(ctx: BrowserContext, who: { openId: string; name: string }): Promise<Page> {
    emu.oauth.loginAs(who);
    const page = await ctx.newPage();
    await page.goto(`${srv.url}/console/tickets`);
    await expect.poll(() => page.url()).toContain("/console/login");
    await page.getByRole("link", { name: "使用飞书登录" }).click();
    await page.waitForLoadState("domcontentloaded");
    return page;
  }

  async function openTicketThroughFeishu(
    user: string,
    question: string | null,
  ): Promise<{ number: string; chatId: string }> {
    let chatId = `oc_p2p_${user}`;
    if (question) {
      const q = await emu.sendUserMessage({ chatType: "p2p", userOpenId: user, text: question });
      chatId = q.chatId;
      await emu.waitForBotMessages(1, { chatId, timeoutMs: 20_000 });
    }
    const before = emu.state.botMessages(chatId).length;
    await emu.sendUserMessage({ chatType: "p2p", userOpenId: user, text: "转人工" });
    const told = await waitFor(
      () =>
        emu.state
          .botMessages(chatId)
          .slice(before)
          .find((m) => /QY-\d{8}-\d{4}/.test(text(m))),
      20_000,
    );
    return { number: /QY-\d{8}-\d{4}/.exec(text(told))![0], chatId };
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`,
      );
    emu = await startFeishuEmulator();
    srv = await npmStart({
      FEISHU_APP_ID: emu.app.appId,
      FEISHU_APP_SECRET: emu.app.appSecret,
      FEISHU_ENCRYPT_KEY: emu.app.encryptKey,
      FEISHU_VERIFICATION_TOKEN: emu.app.verificationToken,
      FEISHU_DOMAIN: emu.url,
      DESK_CHAT_ID: DESK,
      STAFF_OPEN_IDS: STAFF.openId,
      ADMIN_OPEN_IDS: `feishu:${ADMIN.openId}`,
    });
    emu.setWebhook(`${srv.url}/feishu/events`);
    db = openDeskDb(srv.env.DATABASE_URL);
    docsDir = mkdtempSync(join(tmpdir(), "console-docs-"));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    // Data for the queue and the dashboard, made the real way: enterprises ask in Feishu.
    ({ number: number1, chatId: entChat } = await openTicketThroughFeishu(ENT, "企业信用修复找哪个部门？"));
    await emu.sendUserMessage({ chatType: "p2p", userOpenId: ENT2, text: "今天杭州天气怎么样？" }); // declined: an interaction-log row
    await emu.waitForBotMessages(1, { chatId: `oc_p2p_${ENT2}`, timeoutMs: 20_000 });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await db?.close();
    await srv?.stop();
    await emu?.close();
    if (docsDir) rmSync(docsDir, { recursive: true, force: true });
  }, 60_000);

  it("refuses a Feishu login that is not on the staff or admin allowlist", async () => {
    const ctx = await browser.newContext();
    const page = await login(ctx, OUTSIDER);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("不在服务台工作人员或管理员名单中");
    expect((await ctx.cookies()).find((c) => c.name === "qft_console")).toBeUndefined();
    await page.goto(`${srv.url}/console/tickets`);
    expect(page.url()).toContain("/console/login");
    const refused = await db.db
      .selectFrom("console_audit")
      .selectAll()
      .where("actor_id", "=", OUTSIDER.openId)
      .execute();
    expect(refused.map((a) => [a.action, a.outcome])).toEqual([["login", "refused"]]);
    // Feishu itself refuses the user (20010: may not use the app): a polite failure, no session
    const denied = await login(ctx, { ...STAFF, mayUseApp: false } as typeof STAFF);
    await expect.poll(() => denied.url()).toContain("/console/login?m=failed");
    expect(await denied.getByRole("alert").textContent()).toContain("飞书登录没有完成");
    expect((await ctx.cookies()).find((c) => c.name === "qft_console")).toBeUndefined();
    expect(emu.oauth.requests.filter((r) => r.api === "token").map((r) => r.code)).toEqual([0, 20010]);
    await ctx.close();
  }, 60_000);

  it("staff log in, see the queue live, and resolve a ticket whose enterprise gets the reply in Feishu", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(ctx, STAFF);
    await expect.poll(() => page.url()).toContain("/console/tickets");
    const cookie = (await ctx.cookies()).find((c) => c.name === "qft_console")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.secure).toBe(true);
    await expect.poll(() => page.locator(`tr[data-number="${number1}"]`).count()).toBe(1);
    expect(await page.locator(`tr[data-number="${number1}"]`).textContent()).toContain("企业信用修复找哪个部门");

    // live: a ticket opened in Feishu while the page is open appears without a reload
    ({ number: number2 } = await openTicketThroughFeishu(ENT2, null));
    await expect.poll(() => page.locator(`tr[data-number="${number2}"]`).count(), { timeout: 15_000 }).toBe(1);

    // keyboard only: the first Tab reaches the skip link; a search typed and sent with Enter narrows the queue
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("跳到主要内容");
    await page.getByLabel("搜索").focus();
    await page.keyboard.type(number1);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#queue-body tr").count()).toBe(1);
    expect(await page.locator("#queue-body tr").getAttribute("data-number")).toBe(number1);
    // staff cannot open the admin pages
    const forbidden = await page.goto(`${srv.url}/console/knowledge`);
    expect(forbidden!.status()).toBe(403);

    // detail: the conversation with the bot and its citations, then claim and resolve
    await page.goto(`${srv.url}/console/tickets/${number1}`);
    expect(await page.locator("ol.conversation").textContent()).toContain("企业信用修复找哪个部门");
    expect(await page.locator("ul.citations").count()).toBe(1);
    await page.getByRole("button", { name: "认领" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("已认领");
    await waitFor(
      () => emu.state.botMessages(entChat).find((m) => text(m).includes(`您的工单 ${number1} 已由李服务受理`)),
      15_000,
    );
    const resolution = "已联系市市场监管局：信用修复可在浙江政务服务网在线申请，材料清单已发给您。";
    await page.getByLabel("处理结果").fill(resolution);
    await page.getByLabel("归类（可选）").selectOption("2");
    await page.getByLabel(/承办单位/).fill("市市场监管局");
    await page.getByRole("button", { name: "标记解决" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("已标记解决");
    expect((await ticket(number1)).state).toBe("resolved");
    // resolved with its label, through the same service as the desk card's form
    const label = await db.db
      .selectFrom("ticket_labels")
      .selectAll()
      .where("ticket_id", "=", (await ticket(number1)).id)
      .executeTakeFirst();
    expect(label).toMatchObject({ scope: "project", project: 2, unit: "市市场监管局" });
    const survey = await waitFor(
      () =>
        emu.state.botMessages(entChat).find((m) => m.msg_type === "interactive" && cardText(m).includes(resolution)),
      15_000,
    );
    expect(cardText(survey)).toContain("请评价");
    // one implementation: the audit trail has the same events as a Feishu-card resolution
    const events = await db.db
      .selectFrom("ticket_events")
      .select(["type", "actor_id"])
      .where("ticket_id", "=", (await ticket(number1)).id)
      .orderBy("seq")
      .execute();
    expect(events.map((e) => e.type)).toEqual(["created", "claimed", "resolved", "labelled"]);
    expect(events[1].actor_id).toBe(STAFF.openId);
    expect(await page.locator("section[aria-labelledby='e-h']").textContent()).toContain("标记解决");
    const audit = await db.db
      .selectFrom("console_audit")
      .select(["action", "outcome", "target"])
      .where("actor_id", "=", STAFF.openId)
      .orderBy("at")
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "login", outcome: "ok", target: null },
        { action: "ticket.claim", outcome: "ok", target: number1 },
        { action: "ticket.resolve", outcome: "ok", target: number1 },
      ]),
    );

    // a change without the CSRF token (or with a wrong one) is refused and changes nothing
    const noToken = await page.evaluate(async (n) => {
      const r = await fetch(`/console/tickets/${n}/claim`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "x=1",
      });
      return r.status;
    }, number2);
    const wrongToken = await page.evaluate(async (n) => {
      const r = await fetch(`/console/tickets/${n}/claim`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "_csrf=forged",
      });
      return r.status;
    }, number2);
    expect([noToken, wrongToken]).toEqual([403, 403]);
    expect((await ticket(number2)).state).toBe("new");
    expect((await ticket(number2)).assignee_id).toBeNull();
    const csrfRefusals = await db.db
      .selectFrom("console_audit")
      .selectAll()
      .where("actor_id", "=", STAFF.openId)
      .where("outcome", "=", "refused")
      .execute();
    expect(csrfRefusals).toHaveLength(2);

    // 390 px phone: nothing wider than the screen
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${srv.url}/console/tickets`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "queue-390.png"), fullPage: true });
    await page.goto(`${srv.url}/console/tickets/${number1}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "detail-390.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    if (SHOTS) {
      await page.goto(`${srv.url}/console/tickets`);
      await page.screenshot({ path: join(SHOTS, "queue-1280.png"), fullPage: true });
      await page.goto(`${srv.url}/console/tickets/${number1}`);
      await page.screenshot({ path: join(SHOTS, "detail-1280.png"), fullPage: true });
    }

    // logout ends the session
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect.poll(() => page.url()).toContain("/console/login?m=logout");
    await page.goto(`${srv.url}/console/tickets`);
    expect(page.url()).toContain("/console/login");
    await ctx.close();
  }, 120_000);

  it("draws the dashboard's charts with data (no blank canvas) and exports the quarterly complaints", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(ctx, STAFF);
    await page.goto(`${srv.url}/console/dashboard`);
    const ids = ["chart-weekly", "chart-otr", "chart-times", "chart-breaches", "chart-satisfaction", "chart-bot"];
    for (const id of ids) {
      const painted = await page.evaluate((cid) => {
        const c = document.getElementById(cid) as HTMLCanvasElement | null;
        if (!c || !c.width || !c.height) return 0;
        const px = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++;
        return n;
      }, id);
      expect(painted, id).toBeGreaterThan(500);
    }
    const kpis = await page.locator(".kpis").textContent();
    expect(kpis).toMatch(/受理工单\s*2/);
    // the weekly chart carries the two tickets; the bot chart the answer and the decline
    const data = await page.evaluate(() => JSON.parse(document.getElementById("dashboard-data")!.textContent!));
    expect(
      data.weekly.series.flatMap((s: { data: number[] }) => s.data).reduce((a: number, b: number) => a + b, 0),
    ).toBe(2);
    expect(data.bot.counts[0]).toBeGreaterThanOrEqual(1); // answered
    expect(data.bot.counts[2]).toBeGreaterThanOrEqual(1); // declined
    const csv = await page.evaluate(async () => (await fetch("/console/dashboard/complaints.csv")).text());
    expect(csv.replace(/^\uFEFF/, "").split("\n")[0]).toBe(
      "季度,实事项目,牵头单位,受理诉求,投诉类,不满意评价,重新打开,超时,已解决,一次性化解率",
    );
    expect(csv).toMatch(/\d{4}年第[1-4]季度/);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "dashboard-390.png"), fullPage: true });
    if (SHOTS) {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.reload();
      await page.screenshot({ path: join(SHOTS, "dashboard-1280.png"), fullPage: true });
    }
    await ctx.close();
  }, 60_000);

  it("lets an admin upload a document (dry run → publish) and roll it back", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await login(ctx, ADMIN);
    await page.goto(`${srv.url}/console/knowledge`);
    const before = (await page.locator("#live-version").textContent())!.trim();
    const file = join(docsDir, "qiye-zoufang-fuwu-guiding.md");
    writeFileSync(
      file,
      "---\ntitle: 测试区企业走访服务规定\nissuer: 测试区人民政府办公室\nissued: 2024-03-01\nstatus: in_force\n---\n# 测试区企业走访服务规定\n\n第一条 为了及时解决企业诉求，建立企业走访服务制度。\n\n第二条 走访中收集的企业诉求，应当在5个工作日内答复企业。\n",
    );
    await page.getByLabel("选择文件").setInputFiles(file);
    await page.getByRole("button", { name: "上传并试运行" }).click();
    // the page follows the dry-run job and shows its diff; nothing is live yet
    await page.locator("#publish").waitFor({ timeout: 90_000 });
    expect(await page.locator("#job").textContent()).toContain("新增《测试区企业走访服务规定》");
    expect((await page.locator("#live-version").textContent())!.trim()).toBe(before);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "knowledge-1280.png"), fullPage: true });

    await page.locator("#publish").click();
    await expect
      .poll(async () => (await page.locator("#live-version").textContent())?.trim(), { timeout: 90_000 })
      .not.toBe(before);
    const published = (await page.locator("#live-version").textContent())!.trim();
    expect(await page.locator(".history").textContent()).toContain(`发布 ${before} → ${published}`);

    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, "knowledge-390.png"), fullPage: true });
    await page.getByRole("button", { name: "回滚到上一版本" }).click();
    await expect
      .poll(async () => (await page.locator("#live-version").textContent())?.trim(), { timeout: 60_000 })
      .toBe(before);
    expect(await page.locator(".history").textContent()).toContain(`回滚 ${published} → ${before}`);
    const audit = await db.db
      .selectFrom("console_audit")
      .select(["action", "outcome"])
      .where("actor_id", "=", ADMIN.openId)
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "login",
      "knowledge.dry_run",
      "knowledge.publish",
      "knowledge.rollback",
    ]);
    await ctx.close();
  }, 240_000);
});
