// Ticket queue and ticket detail pages.
import { formatShanghai } from "../../tickets/calendar.js";
import { projectLabel, parseJson } from "../../tickets/cards.js";
import type { TicketEventsTable, TicketMessagesTable } from "../../tickets/db.js";
import { STATE_NAMES, TICKET_STATES, canApply, type TicketState } from "../../tickets/states.js";
import type { TicketRow } from "../../tickets/store.js";
import { filterQuery, SLA_NAMES, type QueueFilter, type QueueRow, type SlaStatus } from "../ticket-queue.js";
import { html, type Html } from "./html.js";
import { csrfField } from "./layout.js";
import { noticeProjects } from "../../tickets/notice-projects.js";

type Facets = {
  projects: { project: number; name: string | null }[];
  units: string[];
  assignees: { id: string; name: string | null }[];
};

const COLUMNS: { sort?: QueueFilter["sort"]; label: string }[] = [
  { sort: "number", label: "工单号" },
  { sort: "state", label: "状态" },
  { label: "SLA" },
  { sort: "priority", label: "优先级" },
  { label: "问题" },
  { label: "实事项目" },
  { label: "牵头单位" },
  { label: "处理人" },
  { sort: "created_at", label: "创建时间" },
  { sort: "resolution_due_at", label: "办结时限" },
];

function option(value: string, label: string, selected: boolean): Html {
  return html`<option value="${value}"${selected ? html` selected` : ""}>${label}</option>`;
}

export function queueBody(f: QueueFilter, facets: Facets, rows: QueueRow[], now: number): Html {
  const sortLink = (c: (typeof COLUMNS)[number]) => {
    if (!c.sort) return html`${c.label}`;
    const active = f.sort === c.sort;
    const dir = active && f.dir === "desc" ? "asc" : "desc";
    return html`<a href="/console/tickets${filterQuery(f, { sort: c.sort, dir })}">${c.label}${active ? (f.dir === "desc" ? " ↓" : " ↑") : ""}</a>`;
  };
  const ariaSort = (c: (typeof COLUMNS)[number]) =>
    c.sort && f.sort === c.sort ? html` aria-sort="${f.dir === "desc" ? "descending" : "ascending"}"` : "";
  return html`
<form class="filters" method="get" action="/console/tickets" role="search" aria-label="筛选工单">
  <label>搜索<input type="search" name="q" value="${f.q ?? ""}" placeholder="工单号或问题内容"></label>
  <label>状态<select name="state">${option("", "全部", !f.state)}${option("open", "未办结", f.state === "open")}${TICKET_STATES.map((s) => option(s, STATE_NAMES[s], f.state === s))}</select></label>
  <label>实事项目<select name="project">${option("", "全部", f.project === undefined)}${facets.projects.map((p) => option(String(p.project), projectLabel({ project: p.project, project_name: p.name }), f.project === p.project))}${option("none", "未确定", f.project === "none")}</select></label>
  <label>牵头单位<select name="unit">${option("", "全部", !f.leadUnit)}${facets.units.map((u) => option(u, u, f.leadUnit === u))}</select></label>
  <label>处理人<select name="assignee">${option("", "全部", !f.assignee)}${option("none", "未认领", f.assignee === "none")}${facets.assignees.map((a) => option(a.id, a.name ?? a.id, f.assignee === a.id))}</select></label>
  <label>SLA<select name="sla">${option("", "全部", !f.sla)}${(Object.keys(SLA_NAMES) as SlaStatus[]).map((s) => option(s, SLA_NAMES[s], f.sla === s))}</select></label>
  <input type="hidden" name="sort" value="${f.sort}"><input type="hidden" name="dir" value="${f.dir}">
  <button type="submit">筛选</button> <a href="/console/tickets">清除</a>
</form>
<p class="live" aria-live="polite" id="queue-status">共 ${rows.length} 件${rows.length >= 300 ? "（仅显示前 300 件，请缩小筛选范围）" : ""}。列表随工单变化自动刷新。</p>
<div class="table-wrap"><table class="queue" id="queue" data-refresh="/console/tickets/list${filterQuery(f)}">
<caption class="sr-only">工单列表</caption>
<thead><tr>${COLUMNS.map((c) => html`<th scope="col"${ariaSort(c)}>${sortLink(c)}</th>`)}</tr></thead>
<tbody id="queue-body">${queueRows(rows, now)}</tbody></table></div>`;
}

export function queueRows(rows: QueueRow[], _now: number): Html {
  if (!rows.length) return html`<tr><td colspan="10" class="empty">没有符合条件的工单。</td></tr>`;
  return html`${rows.map(
    (t) => html`<tr data-number="${t.number}">
<td data-label="工单号"><a href="/console/tickets/${t.number}">${t.number}</a></td>
<td data-label="状态"><span class="state s-${t.state}">${STATE_NAMES[t.state]}</span></td>
<td data-label="SLA"><span class="sla sla-${t.sla}">${SLA_NAMES[t.sla]}</span></td>
<td data-label="优先级">${t.priority === "high" ? html`<span class="urgent">紧急</span>` : "普通"}</td>
<td data-label="问题" class="question">${clip(t.question, 60)}</td>
<td data-label="实事项目">${projectLabel(t)}</td>
<td data-label="牵头单位">${t.lead_unit ?? "未确定"}</td>
<td data-label="处理人">${t.assignee_name ?? t.assignee_id ?? "—"}</td>
<td data-label="创建时间">${formatShanghai(t.created_at)}</td>
<td data-label="办结时限">${formatShanghai(t.resolution_due_at)}</td></tr>`,
  )}`;
}

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n).join("")}…` : s;
}

export interface DetailData {
  ticket: TicketRow;
  sla: SlaStatus;
  messages: TicketMessagesTable[];
  events: TicketEventsTable[];
  survey: { score: number; reason: string | null } | undefined;
  csrf: string;
  /** The viewer is on the desk's allowlist (else the page is read-only). */
  canAct: boolean;
}

const EVENT_NAMES: Record<string, string> = {
  created: "创建",
  claimed: "认领",
  replied: "回复企业",
  note: "内部备注",
  transferred: "转派",
  resolved: "标记解决",
  closed: "关闭",
  reopened: "重新打开",
  enterprise_message: "企业补充",
  enterprise_info: "企业信息",
  sla_reminder: "SLA 提醒",
  sla_escalated: "SLA 升级",
};
const SCORE = ["", "不满意", "基本满意", "满意"];

export function detailBody(d: DetailData): Html {
  const t = d.ticket;
  const conversation = parseJson<{ role: string; text: string }[]>(t.conversation, []);
  const citations = parseJson<{ document: string; section: string; quote: string }[]>(t.citations, []);
  const units = parseJson<string[]>(t.suggested_units, []);
  const can = (a: Parameters<typeof canApply>[0]) => d.canAct && canApply(a, t.state as TicketState);
  const form = (action: string, label: string, fields: Html | string = "", cls = "") =>
    html`<form method="post" action="/console/tickets/${t.number}/${action}" class="act ${cls}">${csrfField(d.csrf)}${fields}<button type="submit">${label}</button></form>`;
  return html`
<p><a href="/console/tickets">← 返回工单队列</a></p>
<section class="summary" aria-labelledby="sum-h"><h2 id="sum-h">概况</h2><dl>
<dt>状态</dt><dd><span class="state s-${t.state}">${STATE_NAMES[t.state]}</span> · <span class="sla sla-${d.sla}">${SLA_NAMES[d.sla]}</span></dd>
<dt>企业联系人</dt><dd>${t.user_name ?? t.user_id}${t.enterprise_name ? `（${t.enterprise_name}）` : ""}${t.credit_code ? ` ${t.credit_code}` : ""}</dd>
<dt>渠道</dt><dd>${t.platform === "feishu" ? "飞书" : t.platform === "dingtalk" ? "钉钉" : t.platform} · ${t.chat_type === "p2p" ? "单聊" : "群聊"}</dd>
<dt>实事项目</dt><dd>${projectLabel(t)}</dd>
<dt>牵头单位</dt><dd>${t.lead_unit ?? "未确定"}${units.length > 1 ? `（机器人建议：${units.join("、")}）` : ""}</dd>
<dt>优先级</dt><dd>${t.priority === "high" ? "紧急" : "普通"}</dd>
<dt>处理人</dt><dd>${t.assignee_name ?? t.assignee_id ?? "未认领"}</dd>
<dt>首次响应时限</dt><dd>${formatShanghai(t.first_response_due_at)}${t.first_response_at ? `（已于 ${formatShanghai(t.first_response_at)} 响应）` : ""}</dd>
<dt>办结时限</dt><dd>${formatShanghai(t.resolution_due_at)}${t.sla_paused_at != null ? "（等待企业回复，计时暂停）" : ""}</dd>
<dt>创建时间</dt><dd>${formatShanghai(t.created_at)}</dd>
${d.survey ? html`<dt>企业评价</dt><dd>${SCORE[d.survey.score] ?? d.survey.score}${d.survey.reason ? `：${d.survey.reason}` : ""}</dd>` : ""}
</dl></section>

<section aria-labelledby="q-h"><h2 id="q-h">企业与机器人的对话</h2>
<p class="question-full"><strong>转人工的问题：</strong>${t.question}</p>
${conversation.length ? html`<ol class="conversation">${conversation.map((c) => html`<li class="${c.role === "bot" ? "bot" : "user"}"><span class="who">${c.role === "bot" ? "机器人" : "企业"}</span><p>${c.text}</p></li>`)}</ol>` : html`<p>（没有记录到之前的对话）</p>`}
<h3>机器人引用的依据</h3>
${citations.length ? html`<ul class="citations">${citations.map((c) => html`<li><cite>《${c.document}》${c.section}</cite><blockquote>${c.quote}</blockquote></li>`)}</ul>` : html`<p>（无引用）</p>`}
${t.confidence != null ? html`<p>机器人置信度：${t.confidence.toFixed(2)}</p>` : ""}
</section>

<section aria-labelledby="m-h"><h2 id="m-h">往来消息</h2>
<ol class="messages">${d.messages.map((m) => html`<li class="${m.visibility}"><span class="who">${m.author_kind === "enterprise" ? "企业" : m.author_kind === "staff" ? (m.author_name ?? m.author_id) : "系统"}${m.visibility === "internal" ? "（内部备注）" : ""} · ${formatShanghai(m.at)}</span><p>${m.body}</p></li>`)}</ol>
</section>

<section aria-labelledby="a-h" class="actions"><h2 id="a-h">处理</h2>
${!d.canAct ? html`<p>仅服务台工作人员可以处理工单。</p>` : ""}
${d.canAct && (t.state === "resolved" || t.state === "closed") ? html`<p>工单${STATE_NAMES[t.state]}${t.state === "resolved" ? "，等待企业评价；企业可在期限内重新打开" : ""}。</p>` : ""}
${can("claim") ? form("claim", "认领") : ""}
${can("reply") ? form("reply", "回复企业", html`<label for="reply-body">回复企业（企业会在飞书/钉钉收到，并附工单号）</label><textarea id="reply-body" name="body" rows="3" required maxlength="2000"></textarea>`) : ""}
${d.canAct && t.state !== "closed" && t.state !== "resolved" ? form("note", "添加内部备注", html`<label for="note-body">内部备注（企业看不到）</label><textarea id="note-body" name="body" rows="2" required maxlength="2000"></textarea>`) : ""}
${can("transfer") ? form("transfer", "转派", html`<label for="unit">转派至单位</label><input id="unit" name="unit" required maxlength="60" placeholder="如：市经信局">`) : ""}
${
  can("resolve")
    ? form(
        "resolve",
        "标记解决",
        html`<label for="resolution">处理结果（发送给企业，并请企业评价）</label><textarea id="resolution" name="body" rows="3" maxlength="2000"></textarea>
<label for="label-project">归类（可选）</label><select id="label-project" name="label_project"><option value="">暂不归类</option>${noticeProjects().map((p) => html`<option value="${String(p.number)}">${String(p.number)}. ${p.name}</option>`)}<option value="不在范围">不在通知范围</option><option value="文件">某份文件</option></select>
<label for="label-unit">承办单位（不在范围时写实际承办部门，文件时写文件名）</label><input id="label-unit" name="label_unit" maxlength="100">
<label class="check"><input type="checkbox" name="reusable" value="on"> 可复用：提交管理员审核后作为知识条目</label>`,
        "resolve",
      )
    : ""
}
</section>

<section aria-labelledby="e-h"><h2 id="e-h">审计记录</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">时间</th><th scope="col">操作</th><th scope="col">操作人</th><th scope="col">状态变化</th><th scope="col">说明</th></tr></thead>
<tbody>${d.events.map((e) => html`<tr><td>${formatShanghai(e.at)}</td><td>${EVENT_NAMES[e.type] ?? e.type}</td><td>${e.actor_name ?? e.actor_id}</td><td>${e.from_state && e.to_state && e.from_state !== e.to_state ? `${STATE_NAMES[e.from_state as TicketState] ?? e.from_state} → ${STATE_NAMES[e.to_state as TicketState] ?? e.to_state}` : ""}</td><td>${e.note ?? ""}</td></tr>`)}</tbody></table></div>
</section>`;
}
