// The console over HTTP without a browser: on/off switch, security headers, session and admin
// checks, CSRF (token and Origin) on changes, the OAuth state check, static files from node_modules.
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ConsoleSessions, SESSION_COOKIE } from "../../bot/console/sessions.js";
import { startServer, type Server } from "../../bot/server.js";
import { findDesk, deskExtension } from "../../bot/tickets/extension.js";
import { FakeKb } from "../conversation/fake-kb.js";
import { deleteKeysMatching } from "../support/redis-keys.js";
import { waitFor } from "../tickets/helpers.js";

const STAFF = "ou_http_staff";
const ADMIN = "ou_http_admin";
let server: Server | undefined;
let dir = "";

async function start(extra: Record<string, string> = {}): Promise<Server> {
  dir = mkdtempSync(join(tmpdir(), "console-http-"));
  const id = `test-${randomUUID()}`;
  server = await startServer({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      REDIS_PREFIX: `${id}:`,
      INBOUND_QUEUE: id,
      INGEST_QUEUE: `${id}-ingest`,
      LOG_LEVEL: "silent",
      DATA_DIR: dir,
      DATABASE_URL: `sqlite:${join(dir, "desk.db")}`,
      STAFF_OPEN_IDS: STAFF,
      ADMIN_OPEN_IDS: ADMIN,
      WORKER_ENABLED: "false",
      FEISHU_APP_ID: "cli_0123456789abcdef",
      FEISHU_APP_SECRET: "secret",
      CONSOLE_BASE_URL: "http://127.0.0.1:1",
      ...extra,
    },
    kb: new FakeKb(),
    channels: [],
    extensions: [deskExtension],
  });
  await server.ready;
  return server;
}

afterEach(async () => {
  if (server) {
    await deleteKeysMatching(server.app.redis, [`${server.app.config.REDIS_PREFIX}*`]);
    await server.close();
    server = undefined;
  }
  rmSync(dir, { recursive: true, force: true });
});

const url = (s: Server, p: string) => `http://127.0.0.1:${s.port}${p}`;

async function sessionFor(s: Server, userId: string) {
  const sessions = new ConsoleSessions(s.app.redis, s.app.config.REDIS_PREFIX, 3600);
  const { sid, session } = await sessions.create({ platform: "feishu", userId, name: "测试", tenantKey: null });
  return { cookie: `${SESSION_COOKIE}=${sid}`, csrf: session.csrf };
}

describe("web console over HTTP", () => {
  it("is off with CONSOLE_ENABLED=false", async () => {
    const s = await start({ CONSOLE_ENABLED: "false" });
    expect((await fetch(url(s, "/console/login"))).status).toBe(404);
  });

  it("sends security headers, asks for a login, checks the OAuth state and serves Chart.js itself", async () => {
    const s = await start();
    const login = await fetch(url(s, "/console/login"));
    expect(login.status).toBe(200);
    expect(login.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(login.headers.get("x-frame-options")).toBe("DENY");
    expect(await login.text()).toContain("使用飞书登录");
    const queue = await fetch(url(s, "/console/tickets"), { redirect: "manual" });
    expect([queue.status, queue.headers.get("location")]).toEqual([303, "/console/login?m=session"]);
    const post = await fetch(url(s, "/console/tickets/QY-20241126-0001/claim"), { method: "POST", redirect: "manual" });
    expect(post.status).toBe(401);
    expect((await fetch(url(s, "/console/tickets/list"), { redirect: "manual" })).status).toBe(401); // called by the page script
    const go = await fetch(url(s, "/console/auth/feishu"), { redirect: "manual" });
    const to = new URL(go.headers.get("location")!);
    expect(to.origin + to.pathname).toBe("https://accounts.feishu.cn/open-apis/authen/v1/authorize");
    expect(to.searchParams.get("redirect_uri")).toBe("http://127.0.0.1:1/console/auth/callback");
    const forged = await fetch(url(s, "/console/auth/callback?code=abc&state=made-up"), { redirect: "manual" });
    expect(forged.headers.get("location")).toBe("/console/login?m=expired");
    // a genuine state, but returned to a browser that did not start the login (no state cookie)
    const stolen = await fetch(url(s, `/console/auth/callback?code=abc&state=${to.searchParams.get("state")}`), {
      redirect: "manual",
    });
    expect(stolen.headers.get("location")).toBe("/console/login?m=expired");
    expect(go.headers.get("set-cookie")).toMatch(/qft_console_login=.*HttpOnly/i);
    const chart = await fetch(url(s, "/console/static/chart.umd.min.js"));
    expect([chart.status, chart.headers.get("content-type")]).toEqual([200, "text/javascript; charset=utf-8"]);
    expect((await chart.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(url(s, "/console/static/..%2Fconfig.ts"))).status).toBe(404);
  });

  it("changes a ticket only with the session's CSRF token from the console's own origin; admin pages only for admins", async () => {
    const s = await start();
    const desk = await waitFor(() => findDesk(s.app.extensions()));
    const { ticket } = await desk.service.openTicket(
      {
        platform: "feishu",
        tenant: "t",
        chatId: "oc_c",
        chatType: "p2p",
        senderId: "ou_ent",
        messageId: "m1",
        messageType: "text",
        text: "转人工",
        mentionedBot: false,
        receivedAt: Date.now(),
      },
      undefined,
      [],
    );
    const staff = await sessionFor(s, STAFF);
    const claim = (body: string, headers: Record<string, string> = {}) =>
      fetch(url(s, `/console/tickets/${ticket.number}/claim`), {
        method: "POST",
        redirect: "manual",
        headers: { cookie: staff.cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
        body,
      });
    expect((await claim("")).status).toBe(403);
    expect((await claim("_csrf=wrong")).status).toBe(403);
    expect((await claim(`_csrf=${staff.csrf}`, { origin: "https://evil.example" })).status).toBe(403);
    expect((await desk.service.get(ticket.number)).state).toBe("new");
    const ok = await claim(`_csrf=${encodeURIComponent(staff.csrf)}`, { origin: "http://127.0.0.1:1" });
    expect([ok.status, ok.headers.get("location")]).toEqual([303, `/console/tickets/${ticket.number}`]);
    expect((await desk.service.get(ticket.number)).assignee_id).toBe(STAFF);
    const audit = await desk.service.store.db
      .selectFrom("console_audit")
      .select(["action", "outcome"])
      .orderBy("at")
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(["refused", "refused", "refused", "ok"]);

    expect((await fetch(url(s, "/console/knowledge"), { headers: { cookie: staff.cookie } })).status).toBe(403);
    const admin = await sessionFor(s, ADMIN);
    const kn = await fetch(url(s, "/console/knowledge"), { headers: { cookie: admin.cookie } });
    expect(kn.status).toBe(200);
    expect(await kn.text()).toContain("回滚到上一版本");
    // someone who is no longer on the allowlist loses the session at once
    const gone = await sessionFor(s, "ou_no_longer_staff");
    const refused = await fetch(url(s, "/console/tickets"), { headers: { cookie: gone.cookie }, redirect: "manual" });
    expect(refused.headers.get("location")).toBe("/console/login?m=refused");
  });
});
