// Dashboard: six charts (drawn by console.js with Chart.js from node_modules) over the same
// figures as `npm run report`, and the quarterly complaint summary (printable, CSV).
import type { DashboardData } from "../dashboard-data.js";
import { BOT_ACTION_NAMES, BOT_ACTIONS } from "../../tickets/interaction-log.js";
import { html, jsonBlock, type Html } from "./html.js";

const pct = (v: number | null) => (v == null ? "—" : `${(v * 100).toFixed(1)}%`);
const wd = (v: number | null) => (v == null ? "—" : v.toFixed(2));

export function dashboardBody(d: DashboardData): Html {
  const total = d.report.rows.find((r) => r.dimension === "total");
  const projects = d.report.rows.filter((r) => r.dimension === "project");
  const units = d.report.rows.filter((r) => r.dimension === "lead_unit");
  const range = `from=${d.range.from}&to=${d.range.to}`;
  const bot = d.bot;
  const chartData = {
    target: d.target,
    weekly: d.weekly,
    projects: projects.map((p) => ({
      group: p.group,
      opened: p.opened,
      otr: p.oneTimeResolutionRate,
      frMedian: p.firstResponseMedian,
      frP90: p.firstResponseP90,
      resMedian: p.resolutionMedian,
      resP90: p.resolutionP90,
      frBreaches: p.firstResponseBreaches,
      resBreaches: p.resolutionBreaches,
      satisfaction: p.satisfactionRate,
    })),
    units: units.map((u) => ({ group: u.group, satisfaction: u.satisfactionRate, surveys: u.surveys })),
    bot: {
      labels: BOT_ACTIONS.map((a) => BOT_ACTION_NAMES[a]),
      counts: BOT_ACTIONS.map((a) => bot.byAction[a]),
      weeks: bot.weekly.weeks,
      weekly: BOT_ACTIONS.map((a) => bot.weekly.series[a]),
    },
  };
  const chart = (id: string, title: string, desc: string) =>
    html`<figure class="chart"><figcaption>${title}</figcaption><div class="canvas-box"><canvas id="${id}" role="img" aria-label="${title}：${desc}"></canvas></div></figure>`;
  return html`
<form class="filters no-print" method="get" action="/console/dashboard" aria-label="统计区间">
  <label>开始日期<input type="date" name="from" value="${d.range.from}"></label>
  <label>结束日期<input type="date" name="to" value="${d.range.to}"></label>
  <button type="submit">更新</button>
  <a href="/console/dashboard/report.csv?${range}">导出指标 CSV</a>
</form>
<section class="kpis" aria-label="核心指标">
  <div class="kpi"><span>受理工单</span><strong>${total?.opened ?? 0}</strong></div>
  <div class="kpi"><span>一次性化解率（目标 95%）</span><strong class="${total?.oneTimeResolutionRate != null && total.oneTimeResolutionRate < d.target ? "below" : ""}">${pct(total?.oneTimeResolutionRate ?? null)}</strong></div>
  <div class="kpi"><span>首次响应中位数（工作日）</span><strong>${wd(total?.firstResponseMedian ?? null)}</strong></div>
  <div class="kpi"><span>办结中位数（工作日）</span><strong>${wd(total?.resolutionMedian ?? null)}</strong></div>
  <div class="kpi"><span>SLA 超时（首响/办结）</span><strong>${total?.firstResponseBreaches ?? 0} / ${total?.resolutionBreaches ?? 0}</strong></div>
  <div class="kpi"><span>满意度</span><strong>${pct(total?.satisfactionRate ?? null)}</strong></div>
  <div class="kpi"><span>机器人答复数</span><strong>${bot.total}</strong></div>
</section>
<div class="charts">
${chart("chart-weekly", "每周工单量（按实事项目）", `${d.weekly.weeks.length} 周，共 ${total?.opened ?? 0} 件`)}
${chart("chart-otr", "一次性化解率与 95% 目标（按实事项目）", `合计 ${pct(total?.oneTimeResolutionRate ?? null)}`)}
${chart("chart-times", "首次响应与办结用时（工作日，中位数/P90）", `首响中位数 ${wd(total?.firstResponseMedian ?? null)}，办结中位数 ${wd(total?.resolutionMedian ?? null)}`)}
${chart("chart-breaches", "SLA 超时（按实事项目）", `首响超时 ${total?.firstResponseBreaches ?? 0}，办结超时 ${total?.resolutionBreaches ?? 0}`)}
${chart("chart-satisfaction", "满意度（按牵头单位）", `合计 ${pct(total?.satisfactionRate ?? null)}`)}
${chart("chart-bot", "机器人答复 / 澄清 / 婉拒 / 转人工提示", BOT_ACTIONS.map((a) => `${BOT_ACTION_NAMES[a]} ${bot.total ? pct(bot.byAction[a] / bot.total) : "—"}`).join("，"))}
</div>
${jsonBlock("dashboard-data", chartData)}

<section class="complaints" aria-labelledby="c-h">
<h2 id="c-h">按季投诉梳理（${d.range.from} 至 ${d.range.to}）</h2>
<p class="no-print"><a href="/console/dashboard/complaints.csv?${range}">导出 CSV</a> <button type="button" data-print>打印</button></p>
<p>投诉类：企业诉求中含投诉、举报、推诿、拖欠等字样，或企业评价为“不满意”的工单。</p>
<div class="table-wrap"><table><thead><tr><th scope="col">季度</th><th scope="col">实事项目</th><th scope="col">牵头单位</th><th scope="col">受理诉求</th><th scope="col">投诉类</th><th scope="col">不满意</th><th scope="col">重新打开</th><th scope="col">超时</th><th scope="col">已解决</th><th scope="col">一次性化解率</th></tr></thead>
<tbody>${d.complaints.rows.length ? d.complaints.rows.map((r) => html`<tr><td>${r.quarter}</td><td>${r.project}</td><td>${r.leadUnit}</td><td>${r.opened}</td><td>${r.complaints}</td><td>${r.dissatisfied}</td><td>${r.reopened}</td><td>${r.overdue}</td><td>${r.resolved}</td><td>${pct(r.oneTimeResolutionRate)}</td></tr>`) : html`<tr><td colspan="10">该区间没有工单。</td></tr>`}</tbody></table></div>
${
  d.complaints.items.length
    ? html`<h3>投诉类工单</h3><div class="table-wrap"><table><thead><tr><th scope="col">工单号</th><th scope="col">受理日期</th><th scope="col">实事项目</th><th scope="col">牵头单位</th><th scope="col">状态</th><th scope="col">诉求摘要</th></tr></thead>
<tbody>${d.complaints.items.map((i) => html`<tr><td><a href="/console/tickets/${i.number}">${i.number}</a></td><td>${i.day}</td><td>${i.project}</td><td>${i.leadUnit}</td><td>${i.state}${i.dissatisfied ? "（不满意）" : ""}</td><td>${i.question}</td></tr>`)}</tbody></table></div>`
    : ""
}
</section>`;
}
