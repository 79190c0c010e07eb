// Knowledge page (admins): live version, upload → dry run → publish, rollback, history with diffs,
// and the pluggable sections (review queue, gap report, unanswered questions).
import type { IngestDiff } from "../../../ingest/pipeline/diff.js";
import type { JobStatus, StagedUpload, VersionEntry } from "../knowledge-admin.js";
import { html, type Html } from "./html.js";
import { csrfField } from "./layout.js";

export interface KnowledgePageData {
  live: { id: string; builtAt: string; documents: number; passages: number } | null;
  history: VersionEntry[];
  staged: StagedUpload | null;
  job: JobStatus | null;
  extensions: string[];
  sections: { id: string; title: string; body: Html }[];
  csrf: string;
}

const JOB_KIND = { dry_run: "试运行（不发布）", publish: "发布", rollback: "回滚", other: "重建" } as const;
const JOB_STATE: Record<string, string> = {
  waiting: "排队中",
  active: "进行中",
  completed: "已完成",
  failed: "失败",
  delayed: "排队中",
  prioritized: "排队中",
};
const RESULT: Record<string, string> = {
  published: "已发布",
  dry_run: "试运行通过（未发布）",
  unchanged: "内容未变，未发布新版本",
  rejected: "未通过校验，未发布",
  rolled_back: "已回滚",
};

export function diffView(d: IngestDiff | null): Html {
  if (!d) return html`<p>（该版本已不在磁盘上，无法显示差异）</p>`;
  const c = d.catalog;
  return html`<ul class="diff">
<li>文档：新增 ${d.added.length}，删除 ${d.removed.length}，变更 ${d.changed.length}，未变 ${d.unchanged}；段落 ${d.passages.before} → ${d.passages.after}</li>
${d.added.map((a) => html`<li class="add">新增《${a.title}》（${a.passages} 段）</li>`)}
${d.removed.map((r) => html`<li class="del">删除《${r.title}》</li>`)}
${d.changed.map((x) => html`<li class="chg">变更《${x.title}》（${x.passagesBefore} → ${x.passagesAfter} 段）</li>`)}
${c.projectsBefore !== c.projectsAfter ? html`<li>项目目录：${c.projectsBefore} → ${c.projectsAfter}</li>` : ""}
${c.newFigures.map((f) => html`<li class="add">项目${f.project} 新目标指标：${f.figure}</li>`)}
${c.removedFigures.map((f) => html`<li class="del">项目${f.project} 不再出现：${f.figure}</li>`)}
${c.newLeadUnits.map((u) => html`<li class="add">项目${u.project} 新牵头单位：${u.unit}</li>`)}
${c.removedLeadUnits.map((u) => html`<li class="del">项目${u.project} 不再牵头：${u.unit}</li>`)}
${d.superseded.filter((s) => s.isNew).map((s) => html`<li class="chg">《${s.title}》已被替代</li>`)}
</ul>`;
}

function jobView(j: JobStatus): Html {
  const state = JOB_STATE[j.state] ?? j.state;
  return html`<div class="job" id="job" data-job="${j.id}" data-finished="${j.finished ? "1" : "0"}" aria-live="polite">
<p><strong>${JOB_KIND[j.kind]}任务 ${j.id}</strong>：<span class="job-state">${state}</span>${j.result ? html` · <span class="job-result">${RESULT[j.result.status] ?? j.result.status}</span>${j.result.version ? `（版本 ${j.result.version}）` : ""}` : ""}</p>
${j.error ? html`<p class="flash error" role="alert">失败：${j.error}（线上版本保持不变）</p>` : ""}
${j.result?.diff ? diffView(j.result.diff) : ""}
${j.result && !j.result.diff ? html`<pre>${j.result.text}</pre>` : ""}
</div>`;
}

export function knowledgeBody(d: KnowledgePageData): Html {
  const s = d.staged;
  const dryRunOk = d.job?.kind === "dry_run" && d.job.finished && d.job.result?.status === "dry_run";
  return html`
<section aria-labelledby="live-h"><h2 id="live-h">线上版本</h2>
${d.live ? html`<p class="live-version">当前版本：<strong id="live-version">${d.live.id}</strong>（构建于 ${d.live.builtAt}，${d.live.documents} 篇文档，${d.live.passages} 段）</p>` : html`<p>尚未发布任何版本。</p>`}
<form method="post" action="/console/knowledge/rollback" class="act">${csrfField(d.csrf)}<button type="submit" id="rollback">回滚到上一版本</button></form>
</section>

<section aria-labelledby="up-h"><h2 id="up-h">上传文档</h2>
<p>先试运行（校验并显示差异，不影响线上），确认后再发布。支持 ${d.extensions.join(" ")}。</p>
<form method="post" action="/console/knowledge/upload" enctype="multipart/form-data" class="act">${csrfField(d.csrf)}
<label for="files">选择文件</label><input id="files" type="file" name="files" multiple required accept="${d.extensions.join(",")}">
<button type="submit">上传并试运行</button></form>
${d.job ? jobView(d.job) : ""}
${
  s
    ? html`<div class="staged"><p>待发布的上传：${s.files.map((f) => f.split("/").pop()).join("、")}</p>
${dryRunOk ? html`<form method="post" action="/console/knowledge/uploads/${s.id}/publish" class="act">${csrfField(d.csrf)}<button type="submit" id="publish">发布</button></form>` : ""}
<form method="post" action="/console/knowledge/uploads/${s.id}/discard" class="act">${csrfField(d.csrf)}<button type="submit" class="secondary">放弃</button></form></div>`
    : ""
}
</section>

<section aria-labelledby="hist-h"><h2 id="hist-h">版本历史</h2>
${d.history.length ? html`<ol class="history">${d.history.map((h) => html`<li><details><summary>${h.at.replace("T", " ").slice(0, 19)} · ${h.action === "publish" ? "发布" : "回滚"} ${h.from ?? "（无）"} → <strong>${h.version}</strong>${d.live?.id === h.version ? "（线上）" : ""}</summary>${diffView(h.diff)}</details></li>`)}</ol>` : html`<p>暂无历史。</p>`}
</section>
${d.sections.map((x) => html`<section aria-labelledby="${x.id}-h"><h2 id="${x.id}-h">${x.title}</h2>${x.body}</section>`)}`;
}
