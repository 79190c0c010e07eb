// The page frame: header with navigation (by role), flash message, main content. Chinese UI.
import type { ConsoleRole } from "../access.js";
import { html, type Html, type HtmlValue } from "./html.js";

export interface PageUser {
  name: string;
  role: ConsoleRole;
  csrf: string;
}

export interface PageOptions {
  title: string;
  user?: PageUser;
  active?: "tickets" | "dashboard" | "knowledge" | "settings";
  flash?: { kind: "ok" | "error"; text: string };
  body: HtmlValue;
  /** Extra scripts from /console/static (chart.js on the dashboard). */
  scripts?: string[];
}

const NAV: { id: NonNullable<PageOptions["active"]>; href: string; label: string; admin?: boolean }[] = [
  { id: "tickets", href: "/console/tickets", label: "工单队列" },
  { id: "dashboard", href: "/console/dashboard", label: "数据看板" },
  { id: "knowledge", href: "/console/knowledge", label: "知识库", admin: true },
  { id: "settings", href: "/console/settings", label: "设置与审计", admin: true },
];

export function page(o: PageOptions): string {
  const u = o.user;
  const nav = u
    ? html`<nav aria-label="主导航"><ul>${NAV.filter((n) => !n.admin || u.role === "admin").map(
        (n) => html`<li><a href="${n.href}"${n.id === o.active ? html` aria-current="page"` : ""}>${n.label}</a></li>`,
      )}</ul></nav>
      <div class="who"><span>${u.name}（${u.role === "admin" ? "管理员" : "服务台"}）</span>
        <form method="post" action="/console/logout">${csrfField(u.csrf)}<button type="submit" class="link">退出登录</button></form></div>`
    : "";
  const flash = o.flash
    ? html`<p class="flash ${o.flash.kind}" role="${o.flash.kind === "error" ? "alert" : "status"}">${o.flash.text}</p>`
    : "";
  const doc = html`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · 企服通服务台</title>
${u ? html`<meta name="csrf-token" content="${u.csrf}">` : ""}
<link rel="stylesheet" href="/console/static/console.css"></head>
<body><a class="skip" href="#main">跳到主要内容</a>
<header class="top"><a class="brand" href="/console/tickets">企服通 · 服务台控制台</a>${nav}</header>
<main id="main" tabindex="-1"><h1>${o.title}</h1>${flash}${o.body}</main>
${(o.scripts ?? []).map((s) => html`<script src="/console/static/${s}"></script>`)}
<script src="/console/static/console.js"></script>
</body></html>`;
  return doc.value;
}

export function csrfField(token: string): Html {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}
