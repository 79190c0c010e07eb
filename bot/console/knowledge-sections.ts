// Extra sections of the console's knowledge page. Each renders only when it has data. The desk's
// reviewed answers (their review queue) and the knowledge-gap report plug in here as entries of
// KNOWLEDGE_SECTIONS; until they exist, the page shows the questions the bot could not answer,
// straight from the interaction log.
import { formatShanghai } from "../tickets/calendar.js";
import type { Desk } from "../tickets/index.js";
import { BOT_ACTION_NAMES } from "../tickets/interaction-log.js";
import { html, type Html } from "./views/html.js";

export interface KnowledgeSectionContext {
  desk: Desk;
  now: number;
  csrf: string;
}

export interface KnowledgeSection {
  id: string;
  title: string;
  /** HTML of the section body, or null when there is nothing to show (the section is left out). */
  render(ctx: KnowledgeSectionContext): Promise<Html | null>;
}

const unansweredQuestions: KnowledgeSection = {
  id: "unanswered",
  title: "机器人未能回答的问题（近 30 天）",
  async render({ desk, now }) {
    const rows = await desk.interactions.list(now - 30 * 86_400_000, now + 1, {
      actions: ["decline", "escalate"],
      limit: 200,
    });
    if (!rows.length) return null;
    const groups = new Map<string, { question: string; action: string; n: number; last: number }>();
    for (const r of rows) {
      const key = `${r.botAction}\u0000${r.question}`;
      const g = groups.get(key) ?? { question: r.question, action: r.botAction, n: 0, last: r.at };
      g.n++;
      g.last = Math.max(g.last, r.at);
      groups.set(key, g);
    }
    const sorted = [...groups.values()].sort((a, b) => b.n - a.n || b.last - a.last).slice(0, 50);
    return html`<p>来自交互日志（问题中的个人信息已脱敏）。婉拒 = 超出通知范围；转人工提示 = 置信度不足。</p>
<div class="table-wrap"><table><thead><tr><th scope="col">问题</th><th scope="col">机器人处理</th><th scope="col">次数</th><th scope="col">最近一次</th></tr></thead>
<tbody>${sorted.map((g) => html`<tr><td>${g.question}</td><td>${BOT_ACTION_NAMES[g.action as keyof typeof BOT_ACTION_NAMES] ?? g.action}</td><td>${g.n}</td><td>${formatShanghai(g.last)}</td></tr>`)}</tbody></table></div>`;
  },
};

/** Review queue of reviewed answers and the knowledge-gap report go here when the desk has them. */
export const KNOWLEDGE_SECTIONS: KnowledgeSection[] = [unansweredQuestions];
