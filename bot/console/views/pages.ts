// Login, settings and error pages.
import type { ConsoleAuditTable } from "../../tickets/db.js";
import { formatShanghai } from "../../tickets/calendar.js";
import type { DeskConfig } from "../../tickets/config.js";
import { html, type Html } from "./html.js";

export const LOGIN_MESSAGES: Record<string, string> = {
  refused: "您的飞书账号不在服务台工作人员或管理员名单中，无法登录。如需开通，请联系管理员。",
  failed: "飞书登录没有完成，请重试。",
  expired: "登录请求已过期或无效，请重新登录。",
  logout: "您已退出登录。",
  session: "请先登录。",
  unconfigured: "控制台未配置飞书应用（FEISHU_APP_ID / FEISHU_APP_SECRET），暂时无法登录。",
};

export function loginBody(message?: string): Html {
  return html`${message ? html`<p class="flash ${message === "logout" ? "ok" : "error"}" role="${message === "logout" ? "status" : "alert"}">${LOGIN_MESSAGES[message] ?? ""}</p>` : ""}
<p>服务台工作人员和管理员请使用飞书账号登录。</p>
<p><a class="button" href="/console/auth/feishu" id="login-feishu">使用飞书登录</a></p>`;
}

export function settingsBody(
  cfg: DeskConfig,
  extra: { retentionDays: number; baseUrl: string; sessionTtlSec: number },
  audit: ConsoleAuditTable[],
): Html {
  const sla = cfg.sla;
  return html`<section aria-labelledby="cfg-h"><h2 id="cfg-h">当前设置（只读，通过环境变量修改）</h2><dl>
<dt>服务台平台</dt><dd>${cfg.deskPlatform}</dd>
<dt>服务台群</dt><dd>${cfg.deskChatId ?? "未设置"}</dd>
<dt>工作人员 / 管理员</dt><dd>${cfg.staffIds.length} 人 / ${cfg.adminIds.length} 人</dd>
<dt>SLA</dt><dd>首次响应 ${sla.firstResponseDays} 个工作日，办结 ${sla.resolutionDays} 个工作日${
    Object.keys(sla.perProject).length
      ? `；项目单独设置：${Object.entries(sla.perProject)
          .map(([p, v]) => `项目${p}=${v.firstResponseDays}/${v.resolutionDays}`)
          .join("，")}`
      : ""
  }</dd>
<dt>重新打开期限</dt><dd>${sla.reopenDays} 天</dd>
<dt>交互日志保留</dt><dd>${extra.retentionDays ? `${extra.retentionDays} 天` : "永久"}</dd>
<dt>控制台地址</dt><dd>${extra.baseUrl}/console</dd>
<dt>登录有效期</dt><dd>${Math.round(extra.sessionTtlSec / 3600)} 小时</dd>
</dl></section>
<section aria-labelledby="audit-h"><h2 id="audit-h">控制台审计日志（最近 100 条）</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">对象</th><th scope="col">结果</th><th scope="col">说明</th><th scope="col">IP</th></tr></thead>
<tbody>${audit.map((a) => html`<tr><td>${formatShanghai(a.at)}</td><td>${a.actor_name ?? ""}（${a.actor_platform}:${a.actor_id}）</td><td>${a.action}</td><td>${a.target ?? ""}</td><td>${a.outcome === "ok" ? "成功" : a.outcome === "refused" ? "拒绝" : "失败"}</td><td>${a.detail ?? ""}</td><td>${a.ip ?? ""}</td></tr>`)}</tbody></table></div></section>`;
}

export function messageBody(text: string, link = true): Html {
  return html`<p>${text}</p>${link ? html`<p><a href="/console/tickets">返回工单队列</a></p>` : ""}`;
}
