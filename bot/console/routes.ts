// The web console under /console: Feishu login, ticket queue and detail, dashboard, knowledge
// (admins), settings and audit (admins). Ticket changes go through the desk's DeskService — the
// same rules as the Feishu card and /工单 commands. Every change needs the session's CSRF token;
// every action is audited.
import { labelAndPropose } from "../tickets/card-actions.js";
import { labelFromForm } from "../tickets/knowledge-card-actions.js";
import { createWriteStream, promises as fs } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import cookie from "@fastify/cookie";
import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import type { Logger } from "../../knowledge/infra/logger.js";
import type { Desk } from "../tickets/index.js";
import { TicketError, userText } from "../tickets/errors.js";
import { reportCsv } from "../tickets/report.js";
import { STATE_NAMES } from "../tickets/states.js";
import type { Actor, TicketRow } from "../tickets/store.js";
import { consoleRole, type ConsoleRole } from "./access.js";
import { ConsoleAuditLog, type AuditEntry } from "./audit-log.js";
import type { ConsoleConfig } from "./config.js";
import { complaintsCsv, dashboardData, parseRange } from "./dashboard-data.js";
import { authorizeUrl, feishuUserFromCode, OAuthError } from "./feishu-oauth.js";
import { KNOWLEDGE_SECTIONS } from "./knowledge-sections.js";
import { KnowledgeAdmin, SUPPORTED_EXTENSIONS } from "./knowledge-admin.js";
import { ConsoleSessions, csrfMatches, SESSION_COOKIE, type ConsoleSession } from "./sessions.js";
import { listQueue, parseFilter, queueFacets, queueStamp, slaStatus } from "./ticket-queue.js";
import { dashboardBody } from "./views/dashboard.js";
import { knowledgeBody } from "./views/knowledge.js";
import { page, type PageOptions } from "./views/layout.js";
import { loginBody, messageBody, settingsBody } from "./views/pages.js";
import { detailBody, queueBody, queueRows } from "./views/tickets.js";

export interface ConsoleDeps {
  config: ConsoleConfig;
  /** The running desk, or null while the server starts / when the ticket database is down. */
  desk: () => Desk | null;
  redis: Redis;
  keyPrefix: string;
  knowledge: KnowledgeAdmin;
  /** Largest accepted upload (INGEST_MAX_FILE_MB). */
  maxUploadBytes: number;
  logger: Logger;
}

interface Ctx {
  sid: string;
  session: ConsoleSession;
  role: ConsoleRole;
  desk: Desk;
}

const LOGIN_STATE_COOKIE = "qft_console_login";
const PUBLIC = new Set(["/console/login", "/console/auth/feishu", "/console/auth/callback"]);
const NUMBER = /^QY-\d{8}-\d{4,}$/i;
/** Called by the pages' scripts: answer 401/403 instead of redirecting to the login page. */
const SCRIPT_PATHS = /^\/console\/(events|tickets\/list|knowledge\/jobs\/|dashboard\/data\.json)/;
const MAX_UPLOAD_FILES = 20;
const SSE_POLL_MS = 2000;

const SECURITY_HEADERS = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self' ; base-uri 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "x-frame-options": "DENY",
  "cache-control": "no-store",
};

export async function consoleRoutes(app: FastifyInstance, deps: ConsoleDeps): Promise<void> {
  const cfg = deps.config;
  const log = deps.logger.child({ module: "console" });
  const sessions = new ConsoleSessions(deps.redis, deps.keyPrefix, cfg.sessionTtlSec);
  const ctxOf = new WeakMap<FastifyRequest, Ctx>();
  const statics = await loadStatics();
  const formAction = cfg.feishu.accountsBase; // the login redirect leaves for the accounts host
  const headers = {
    ...SECURITY_HEADERS,
    "content-security-policy": SECURITY_HEADERS["content-security-policy"].replace(
      "form-action 'self' ",
      `form-action 'self' ${new URL(formAction).origin}`,
    ),
  };

  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  await app.register(multipart, { limits: { fileSize: deps.maxUploadBytes, files: MAX_UPLOAD_FILES, fields: 10 } });

  app.setErrorHandler(async (err: Error & { statusCode?: number }, req, reply) => {
    log.error({ err: err.message, url: req.url.split("?")[0] }, "console request failed");
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (SCRIPT_PATHS.test(req.url))
      return reply.code(status).send({ error: { code: "ERROR", message: "出错了，请稍后重试。" } });
    return html(
      reply,
      {
        title: "出错了",
        body: messageBody(
          status === 500 ? "服务器处理时出错，本次操作没有完成，请稍后重试。" : "请求无法处理，请检查后重试。",
        ),
      },
      status,
    );
  });

  const audit = (desk: Desk | null, e: AuditEntry) =>
    desk
      ? new ConsoleAuditLog(desk.service.store.db)
          .record(e)
          .catch((err: Error) => log.error({ err: err.message }, "console audit write failed"))
      : Promise.resolve();
  const actorOf = (c: Ctx, req: FastifyRequest) => ({
    actor_platform: c.session.platform,
    actor_id: c.session.userId,
    actor_name: c.session.name,
    ip: req.ip,
  });

  const setCookie = (reply: FastifyReply, sid: string, maxAge: number) =>
    reply.setCookie(SESSION_COOKIE, sid, {
      path: "/console",
      httpOnly: true,
      secure: cfg.secureCookies,
      sameSite: "lax",
      maxAge,
    });

  const html = (reply: FastifyReply, o: PageOptions, status = 200) =>
    reply.code(status).type("text/html; charset=utf-8").send(page(o));
  const userOf = (c: Ctx) => ({ name: c.session.name, role: c.role, csrf: c.session.csrf });

  /** The flash message of the last action, shown once. */
  const takeFlash = async (c: Ctx) => {
    const f = c.session.flash;
    if (f) {
      delete c.session.flash;
      await sessions.save(c.sid, c.session);
    }
    return f;
  };
  const flashAndGo = async (reply: FastifyReply, c: Ctx, flash: ConsoleSession["flash"], to: string) => {
    c.session.flash = flash;
    await sessions.save(c.sid, c.session);
    return reply.code(303).redirect(to);
  };

  app.addHook("onRequest", async (req, reply) => {
    if (!req.url.startsWith("/console")) return;
    reply.headers(headers);
    const p = req.url.split("?")[0];
    if (PUBLIC.has(p) || p.startsWith("/console/static/")) return;
    const desk = deps.desk();
    if (!desk)
      return html(
        reply,
        {
          title: "服务暂不可用",
          body: messageBody("服务台尚未就绪（正在启动或工单数据库不可用），请稍后刷新。", false),
        },
        503,
      );
    const sid = req.cookies[SESSION_COOKIE];
    const session = await sessions.get(sid);
    const wantsHtml = req.method === "GET" && !SCRIPT_PATHS.test(p);
    if (!session || !sid) {
      if (wantsHtml) return reply.code(303).redirect("/console/login?m=session");
      return reply.code(401).send({ error: { code: "UNAUTHORIZED", message: "请先登录。" } });
    }
    const role = consoleRole(desk.service, { platform: session.platform, id: session.userId });
    if (!role) {
      // Taken off the allowlist since logging in: the session ends now.
      await sessions.destroy(sid);
      reply.clearCookie(SESSION_COOKIE, { path: "/console" });
      return wantsHtml
        ? reply.code(303).redirect("/console/login?m=refused")
        : reply.code(403).send({ error: { code: "FORBIDDEN", message: "无权访问。" } });
    }
    const c: Ctx = { sid, session, role, desk };
    ctxOf.set(req, c);
    if ((p.startsWith("/console/knowledge") || p.startsWith("/console/settings")) && role !== "admin") {
      if (req.method !== "GET")
        await audit(desk, {
          ...actorOf(c, req),
          action: `${req.method} ${p}`,
          outcome: "refused",
          detail: "not an admin",
        });
      return html(reply, { title: "无权访问", user: userOf(c), body: messageBody("该页面仅限管理员。") }, 403);
    }
  });

  // CSRF: every change carries the session's token (form field or X-CSRF-Token header), and a
  // browser's Origin, when sent, must be the console's own. Uploads are checked in their handler
  // (the multipart body is read there).
  app.addHook("preHandler", async (req, reply) => {
    if (req.method === "GET" || req.method === "HEAD" || !req.url.startsWith("/console")) return;
    const c = ctxOf.get(req);
    if (!c) return;
    const p = req.url.split("?")[0];
    if (p === "/console/knowledge/upload" && req.isMultipart()) return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (!csrfOk(req, c.session, body._csrf)) return refuseCsrf(req, reply, c);
  });

  const csrfOk = (req: FastifyRequest, s: ConsoleSession, field: unknown) => {
    const origin = req.headers.origin;
    if (origin && origin !== new URL(cfg.baseUrl).origin) return false;
    return csrfMatches(s, field) || csrfMatches(s, req.headers["x-csrf-token"]);
  };
  const refuseCsrf = async (req: FastifyRequest, reply: FastifyReply, c: Ctx) => {
    await audit(c.desk, {
      ...actorOf(c, req),
      action: `${req.method} ${req.url.split("?")[0]}`,
      outcome: "refused",
      detail: "CSRF token missing or wrong",
    });
    return html(
      reply,
      {
        title: "请求已拒绝",
        user: userOf(c),
        body: messageBody("请求缺少有效的安全令牌（CSRF），未做任何更改。请刷新页面后重试。"),
      },
      403,
    );
  };

  // ── static files ────────────────────────────────────────────────────────────────────────
  app.get<{ Params: { file: string } }>("/console/static/:file", async (req, reply) => {
    const f = statics.get(req.params.file);
    if (!f) return reply.code(404).send("not found");
    return reply.header("cache-control", "public, max-age=3600").type(f.type).send(f.body);
  });

  // ── login / logout ──────────────────────────────────────────────────────────────────────
  app.get("/console", async (_req, reply) => reply.redirect("/console/tickets"));
  app.get("/console/", async (_req, reply) => reply.redirect("/console/tickets"));

  app.get<{ Querystring: { m?: string } }>("/console/login", async (req, reply) => {
    const m = cfg.feishu.appId && cfg.feishu.appSecret ? req.query.m : "unconfigured";
    return html(reply, { title: "登录", body: loginBody(m) }, m === "refused" ? 403 : 200);
  });

  // The OAuth state is kept in Redis (valid once) AND in a cookie of the browser that started the
  // login, so a code obtained by someone else cannot log this browser in (login CSRF).
  app.get("/console/auth/feishu", async (_req, reply) => {
    if (!cfg.feishu.appId || !cfg.feishu.appSecret) return reply.code(303).redirect("/console/login?m=unconfigured");
    const state = await sessions.newLoginState();
    reply.setCookie(LOGIN_STATE_COOKIE, state, {
      path: "/console/auth",
      httpOnly: true,
      secure: cfg.secureCookies,
      sameSite: "lax",
      maxAge: 600,
    });
    return reply.code(302).redirect(authorizeUrl(cfg, state));
  });

  app.get<{ Querystring: { code?: string; state?: string } }>("/console/auth/callback", async (req, reply) => {
    const started = req.cookies[LOGIN_STATE_COOKIE];
    reply.clearCookie(LOGIN_STATE_COOKIE, { path: "/console/auth" });
    if (!started || started !== req.query.state || !(await sessions.consumeLoginState(req.query.state)))
      return reply.code(303).redirect("/console/login?m=expired");
    if (!req.query.code) return reply.code(303).redirect("/console/login?m=failed");
    const desk = deps.desk();
    if (!desk)
      return html(reply, { title: "服务暂不可用", body: messageBody("服务台尚未就绪，请稍后再登录。", false) }, 503);
    let user;
    try {
      user = await feishuUserFromCode(cfg, req.query.code);
    } catch (err) {
      const code = err instanceof OAuthError ? err.feishuCode : undefined;
      log.warn({ err: (err as Error).message, code }, "console login failed");
      await audit(desk, {
        actor_platform: "feishu",
        actor_id: "unknown",
        action: "login",
        outcome: "failed",
        detail: (err as Error).message,
        ip: req.ip,
      });
      return reply.code(303).redirect("/console/login?m=failed");
    }
    const role = consoleRole(desk.service, { platform: "feishu", id: user.openId });
    if (!role) {
      await audit(desk, {
        actor_platform: "feishu",
        actor_id: user.openId,
        actor_name: user.name,
        action: "login",
        outcome: "refused",
        detail: "not on the staff or admin allowlist",
        ip: req.ip,
      });
      return html(reply, { title: "登录", body: loginBody("refused") }, 403);
    }
    await sessions.destroy(req.cookies[SESSION_COOKIE]); // a new id on every login (no fixation)
    const { sid } = await sessions.create({
      platform: "feishu",
      userId: user.openId,
      name: user.name,
      tenantKey: user.tenantKey,
    });
    setCookie(reply, sid, cfg.sessionTtlSec);
    await audit(desk, {
      actor_platform: "feishu",
      actor_id: user.openId,
      actor_name: user.name,
      action: "login",
      outcome: "ok",
      detail: role,
      ip: req.ip,
    });
    return reply.code(303).redirect("/console/tickets");
  });

  app.post("/console/logout", async (req, reply) => {
    const c = ctxOf.get(req)!;
    await sessions.destroy(c.sid);
    reply.clearCookie(SESSION_COOKIE, { path: "/console" });
    await audit(c.desk, { ...actorOf(c, req), action: "logout", outcome: "ok" });
    return reply.code(303).redirect("/console/login?m=logout");
  });

  // ── tickets ─────────────────────────────────────────────────────────────────────────────
  const soonMs = (d: Desk) => d.config.sla.reminderLeadMs || 4 * 3_600_000;

  app.get("/console/tickets", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const f = parseFilter(req.query as Record<string, unknown>);
    const db = c.desk.service.store.db;
    const now = Date.now();
    const [rows, facets] = await Promise.all([listQueue(db, f, now, soonMs(c.desk)), queueFacets(db)]);
    return html(reply, {
      title: "工单队列",
      user: userOf(c),
      active: "tickets",
      flash: await takeFlash(c),
      body: queueBody(f, facets, rows, now),
    });
  });

  app.get("/console/tickets/list", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const f = parseFilter(req.query as Record<string, unknown>);
    const now = Date.now();
    const rows = await listQueue(c.desk.service.store.db, f, now, soonMs(c.desk));
    return reply
      .type("text/html; charset=utf-8")
      .header("x-row-count", String(rows.length))
      .send(queueRows(rows, now).value);
  });

  // Server-sent events: "tickets" whenever any ticket changed (one shared poll of the database).
  const listeners = new Set<(stamp: string) => void>();
  let poll: NodeJS.Timeout | undefined;
  let lastStamp = "";
  const ensurePoll = () => {
    if (poll) return;
    poll = setInterval(async () => {
      const desk = deps.desk();
      if (!desk || !listeners.size) return;
      const stamp = await queueStamp(desk.service.store.db).catch(() => lastStamp);
      if (stamp !== lastStamp) {
        lastStamp = stamp;
        for (const l of listeners) l(stamp);
      }
    }, SSE_POLL_MS);
    poll.unref();
  };
  const streams = new Set<FastifyReply>();
  app.get("/console/events", async (req, reply) => {
    ensurePoll();
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 5000\n\n");
    const send = (stamp: string) => res.write(`event: tickets\ndata: ${stamp}\n\n`);
    const ping = setInterval(() => res.write(": ping\n\n"), 25_000);
    // The current stamp first: the page treats it as "what is shown" and refreshes on the next one.
    send(await queueStamp(deps.desk()!.service.store.db).catch(() => lastStamp));
    listeners.add(send);
    streams.add(reply);
    req.raw.on("close", () => {
      clearInterval(ping);
      listeners.delete(send);
      streams.delete(reply);
    });
  });
  app.addHook("preClose", async () => {
    if (poll) clearInterval(poll);
    for (const s of streams) s.raw.end();
  });

  app.get<{ Params: { number: string } }>("/console/tickets/:number", async (req, reply) => {
    const c = ctxOf.get(req)!;
    if (!NUMBER.test(req.params.number))
      return html(
        reply,
        { title: "没有这个工单", user: userOf(c), body: messageBody("工单编号格式不正确（如 QY-20241126-0007）。") },
        404,
      );
    const store = c.desk.service.store;
    const t = await store.get(req.params.number.toUpperCase());
    if (!t)
      return html(
        reply,
        { title: "没有这个工单", user: userOf(c), body: messageBody(`没有找到工单 ${req.params.number}。`) },
        404,
      );
    const [messages, events, survey] = await Promise.all([
      store.messages(t.id),
      store.events(t.id),
      store.survey(t.id),
    ]);
    const body = detailBody({
      ticket: t,
      sla: slaStatus(t, Date.now(), soonMs(c.desk)),
      messages,
      events,
      survey,
      csrf: c.session.csrf,
      canAct: true,
    });
    return html(reply, {
      title: `工单 ${t.number}`,
      user: userOf(c),
      active: "tickets",
      flash: await takeFlash(c),
      body,
    });
  });

  const ACTIONS: Record<
    string,
    { done: string; run: (d: Desk, n: string, a: Actor, b: Record<string, string>) => Promise<TicketRow> }
  > = {
    claim: { done: "已认领", run: (d, n, a) => d.service.claim(n, a) },
    reply: { done: "已回复企业", run: (d, n, a, b) => d.service.reply(n, a, b.body ?? "") },
    note: { done: "已添加内部备注", run: (d, n, a, b) => d.service.note(n, a, b.body ?? "") },
    transfer: { done: "已转派", run: (d, n, a, b) => d.service.transfer(n, a, b.unit ?? "") },
    resolve: {
      done: "已标记解决，已向企业发送满意度评价",
      // Same rules as the desk card: the label is checked before anything changes.
      run: async (d, n, a, b) => {
        const label = labelFromForm(b);
        const t = await d.service.resolve(n, a, b.body ?? "");
        return label ? (await labelAndPropose(d.knowledge, t.number, a, label, b.body)).ticket : t;
      },
    },
  };

  app.post<{ Params: { number: string; action: string } }>("/console/tickets/:number/:action", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const act = ACTIONS[req.params.action];
    if (!act || !NUMBER.test(req.params.number))
      return html(reply, { title: "无效操作", user: userOf(c), body: messageBody("无效的操作。") }, 404);
    const number = req.params.number.toUpperCase();
    const body = Object.fromEntries(
      Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === "string"),
    ) as Record<string, string>;
    const back = `/console/tickets/${number}`;
    try {
      const t = await act.run(
        c.desk,
        number,
        { platform: c.session.platform, id: c.session.userId, name: c.session.name },
        body,
      );
      await audit(c.desk, {
        ...actorOf(c, req),
        action: `ticket.${req.params.action}`,
        target: number,
        outcome: "ok",
        detail: body.unit ?? null,
      });
      return flashAndGo(
        reply,
        c,
        { kind: "ok", text: `工单 ${t.number} ${act.done}，当前状态：${STATE_NAMES[t.state]}。` },
        back,
      );
    } catch (err) {
      const refused = err instanceof TicketError;
      if (!refused) log.error({ err: (err as Error).message, number }, "console ticket action failed");
      await audit(c.desk, {
        ...actorOf(c, req),
        action: `ticket.${req.params.action}`,
        target: number,
        outcome: refused ? "refused" : "failed",
        detail: refused ? err.code : (err as Error).message,
      });
      return flashAndGo(reply, c, { kind: "error", text: userText(err) }, back);
    }
  });

  // ── dashboard ───────────────────────────────────────────────────────────────────────────
  const dashboard = (c: Ctx, q: Record<string, unknown>) =>
    dashboardData(c.desk.service.store.db, c.desk.calendar, c.desk.interactions, parseRange(q, Date.now()), Date.now());

  app.get("/console/dashboard", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const d = await dashboard(c, req.query as Record<string, unknown>);
    return html(reply, {
      title: "数据看板",
      user: userOf(c),
      active: "dashboard",
      body: dashboardBody(d),
      scripts: ["chart.umd.min.js"],
    });
  });

  app.get("/console/dashboard/data.json", async (req) =>
    dashboard(ctxOf.get(req)!, req.query as Record<string, unknown>),
  );

  app.get("/console/dashboard/complaints.csv", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const d = await dashboard(c, req.query as Record<string, unknown>);
    await audit(c.desk, {
      ...actorOf(c, req),
      action: "export.complaints",
      target: `${d.range.from}..${d.range.to}`,
      outcome: "ok",
    });
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="complaints-${d.range.from}-${d.range.to}.csv"`)
      .send(complaintsCsv(d.complaints));
  });

  app.get("/console/dashboard/report.csv", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const d = await dashboard(c, req.query as Record<string, unknown>);
    await audit(c.desk, {
      ...actorOf(c, req),
      action: "export.report",
      target: `${d.range.from}..${d.range.to}`,
      outcome: "ok",
    });
    return reply
      .type("text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="report-${d.range.from}-${d.range.to}.csv"`)
      .send(`\uFEFF${reportCsv(d.report)}\n`);
  });

  // ── knowledge (admins) ──────────────────────────────────────────────────────────────────
  const kn = deps.knowledge;

  app.get<{ Querystring: { job?: string; upload?: string } }>("/console/knowledge", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const now = Date.now();
    const [live, history, staged, job] = await Promise.all([
      kn.live(),
      kn.history(),
      req.query.upload ? kn.staged(req.query.upload) : null,
      req.query.job ? kn.job(req.query.job) : null,
    ]);
    const sections = [];
    for (const s of KNOWLEDGE_SECTIONS) {
      const body = await s.render({ desk: c.desk, now, csrf: c.session.csrf }).catch((err: Error) => {
        log.warn({ err: err.message, section: s.id }, "knowledge section failed");
        return null;
      });
      if (body) sections.push({ id: s.id, title: s.title, body });
    }
    const body = knowledgeBody({
      live,
      history,
      staged,
      job,
      extensions: SUPPORTED_EXTENSIONS,
      sections,
      csrf: c.session.csrf,
    });
    return html(reply, { title: "知识库", user: userOf(c), active: "knowledge", flash: await takeFlash(c), body });
  });

  app.get<{ Params: { id: string } }>("/console/knowledge/jobs/:id", async (req, reply) => {
    const j = await kn.job(req.params.id);
    return j ? j : reply.code(404).send({ error: { code: "NOT_FOUND", message: "没有这个任务。" } });
  });

  app.post("/console/knowledge/upload", async (req, reply) => {
    const c = ctxOf.get(req)!;
    if (!req.isMultipart())
      return flashAndGo(reply, c, { kind: "error", text: "请选择要上传的文件。" }, "/console/knowledge");
    const { id, dir } = kn.uploadDir();
    const files: string[] = [];
    const fields: Record<string, string> = {};
    const fail = async (text: string, status: "refused" | "failed" = "refused") => {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      await audit(c.desk, { ...actorOf(c, req), action: "knowledge.upload", outcome: status, detail: text });
      return flashAndGo(reply, c, { kind: "error", text }, "/console/knowledge");
    };
    try {
      for await (const part of req.parts()) {
        if (part.type === "file") {
          // The token comes before the files in the form; without it nothing is written.
          if (!csrfOk(req, c.session, fields._csrf)) {
            part.file.resume();
            await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
            return refuseCsrf(req, reply, c);
          }
          const name = path.basename(part.filename || "").replace(/[^\p{L}\p{N}._-]/gu, "_");
          if (!name) {
            part.file.resume();
            continue;
          }
          if (!SUPPORTED_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
            part.file.resume();
            return fail(`不支持的文件类型：${part.filename}（支持 ${SUPPORTED_EXTENSIONS.join(" ")}）`);
          }
          await fs.mkdir(dir, { recursive: true });
          const dest = path.join(dir, name);
          await pipeline(part.file, createWriteStream(dest));
          if (part.file.truncated) return fail(`文件超过大小上限：${part.filename}`);
          files.push(dest);
        } else fields[part.fieldname] = String(part.value);
      }
    } catch (err) {
      return fail(`上传内容无法读取：${(err as Error).message}`, "failed");
    }
    if (!csrfOk(req, c.session, fields._csrf)) {
      await fs.rm(dir, { recursive: true, force: true }).catch(() => undefined);
      return refuseCsrf(req, reply, c);
    }
    if (!files.length) return fail("请选择要上传的文件。");
    const staged = { id, dir, files, by: `${c.session.platform}:${c.session.userId}`, at: Date.now() };
    await kn.stage(staged);
    const out = await kn.dryRun(staged, `console:${c.session.platform}:${c.session.userId}`);
    if (!out.queued) return fail(`已有一次知识库更新正在进行（任务 ${out.runningJobId}），请稍后再试。`);
    await audit(c.desk, {
      ...actorOf(c, req),
      action: "knowledge.dry_run",
      target: out.jobId,
      outcome: "ok",
      detail: files.map((f) => path.basename(f)).join(", "),
    });
    return flashAndGo(
      reply,
      c,
      { kind: "ok", text: `已上传 ${files.length} 个文件，正在试运行（不影响线上）。` },
      `/console/knowledge?job=${out.jobId}&upload=${id}`,
    );
  });

  app.post<{ Params: { id: string; op: string } }>("/console/knowledge/uploads/:id/:op", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const staged = await kn.staged(req.params.id);
    if (!staged)
      return flashAndGo(
        reply,
        c,
        { kind: "error", text: "这次上传已过期或已处理，请重新上传。" },
        "/console/knowledge",
      );
    if (req.params.op === "discard") {
      await kn.discard(staged);
      await audit(c.desk, { ...actorOf(c, req), action: "knowledge.discard", target: staged.id, outcome: "ok" });
      return flashAndGo(reply, c, { kind: "ok", text: "已放弃这次上传。" }, "/console/knowledge");
    }
    if (req.params.op !== "publish")
      return reply.code(404).send({ error: { code: "NOT_FOUND", message: "无效的操作。" } });
    const dry = staged.dryRunJobId ? await kn.job(staged.dryRunJobId) : null;
    if (!dry || dry.result?.status !== "dry_run") {
      await audit(c.desk, {
        ...actorOf(c, req),
        action: "knowledge.publish",
        target: staged.id,
        outcome: "refused",
        detail: "no passing dry run",
      });
      return flashAndGo(
        reply,
        c,
        { kind: "error", text: "请先等试运行通过再发布。" },
        `/console/knowledge?upload=${staged.id}${staged.dryRunJobId ? `&job=${staged.dryRunJobId}` : ""}`,
      );
    }
    const out = await kn.publish(staged, `console:${c.session.platform}:${c.session.userId}`);
    if (!out.queued)
      return flashAndGo(
        reply,
        c,
        { kind: "error", text: `已有一次知识库更新正在进行（任务 ${out.runningJobId}），请稍后再试。` },
        `/console/knowledge?upload=${staged.id}`,
      );
    await audit(c.desk, {
      ...actorOf(c, req),
      action: "knowledge.publish",
      target: out.jobId,
      outcome: "ok",
      detail: staged.files.map((f) => path.basename(f)).join(", "),
    });
    return flashAndGo(
      reply,
      c,
      { kind: "ok", text: "正在发布，完成后全部机器人进程自动切换到新版本。" },
      `/console/knowledge?job=${out.jobId}`,
    );
  });

  app.post("/console/knowledge/rollback", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const out = await kn.rollback(`console:${c.session.platform}:${c.session.userId}`);
    if (!out.queued)
      return flashAndGo(
        reply,
        c,
        { kind: "error", text: `已有一次知识库更新正在进行（任务 ${out.runningJobId}），请稍后再试。` },
        "/console/knowledge",
      );
    await audit(c.desk, { ...actorOf(c, req), action: "knowledge.rollback", target: out.jobId, outcome: "ok" });
    return flashAndGo(reply, c, { kind: "ok", text: "正在回滚到上一版本。" }, `/console/knowledge?job=${out.jobId}`);
  });

  // ── settings and audit (admins) ─────────────────────────────────────────────────────────
  app.get("/console/settings", async (req, reply) => {
    const c = ctxOf.get(req)!;
    const entries = await new ConsoleAuditLog(c.desk.service.store.db).recent(100);
    const body = settingsBody(
      c.desk.config,
      { retentionDays: c.desk.config.interactionRetentionDays, baseUrl: cfg.baseUrl, sessionTtlSec: cfg.sessionTtlSec },
      entries,
    );
    return html(reply, { title: "设置与审计", user: userOf(c), active: "settings", body });
  });
}

const require = createRequire(import.meta.url);

/** The console's own CSS/JS and Chart.js from node_modules (no CDN), read once. */
async function loadStatics(): Promise<Map<string, { type: string; body: Buffer }>> {
  const own = path.join(path.dirname(new URL(import.meta.url).pathname), "static");
  const chartDir = path.dirname(require.resolve("chart.js"));
  const files: [string, string, string][] = [
    ["console.css", path.join(own, "console.css"), "text/css; charset=utf-8"],
    ["console.js", path.join(own, "console.js"), "text/javascript; charset=utf-8"],
    ["chart.umd.min.js", path.join(chartDir, "chart.umd.min.js"), "text/javascript; charset=utf-8"],
  ];
  const out = new Map<string, { type: string; body: Buffer }>();
  for (const [name, file, type] of files) out.set(name, { type, body: await fs.readFile(file) });
  return out;
}
