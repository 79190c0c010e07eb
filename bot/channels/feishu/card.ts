// Reply → Feishu message (interactive card v1 JSON, or text). Cards declare update_multi so
// button presses can update them, and always stay under Feishu's 30 KB card limit.
import type { AnswerResult, Candidate } from "../../../knowledge/types.js";
import type { GenericCard, Reply, ReplyButton } from "../../conversation/types.js";
import { cardV2 } from "./card-v2.js";

export const CARD_LIMIT_BYTES = 30 * 1024;
export const TEXT_LIMIT_BYTES = 150 * 1024;
/** Headroom for the request envelope and JSON escaping differences. */
const SAFETY_BYTES = 512;
export const TRUNCATED_NOTE = "（内容较长，以上为节选。完整内容请查阅政策原文，或回复「转人工」由工作人员为您解答。）";

export interface FeishuMessage {
  msgType: "interactive" | "text";
  content: string; // JSON string, as the API takes it
}

type Template = NonNullable<GenericCard["template"]> | "turquoise";
type Element = Record<string, unknown>;

const CN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const projectLabel = (n: number | null, name: string | null) =>
  n == null ? (name ?? "") : `（${CN[n] ?? n}）${name ?? ""}`;

const plain = (content: string) => ({ tag: "plain_text", content });
const md = (content: string): Element => ({ tag: "markdown", content });
const note = (content: string): Element => ({ tag: "note", elements: [plain(content)] });

function buttonsElement(buttons: ReplyButton[]): Element[] {
  if (!buttons.length) return [];
  return [
    {
      tag: "action",
      actions: buttons.map((b) => ({ tag: "button", text: plain(b.text), type: b.type ?? "default", value: b.value })),
    },
  ];
}

function card(title: string, template: Template, elements: Element[], updateMulti = true) {
  return {
    config: { wide_screen_mode: true, update_multi: updateMulti },
    header: { template, title: plain(title) },
    elements,
  };
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function answerElements(r: AnswerResult, answerMax: number, citeMax: number): Element[] {
  const els: Element[] = [];
  const answer = r.answer.trim();
  if (answer) els.push(md(answer.length > answerMax ? `${answer.slice(0, answerMax)}…\n\n${TRUNCATED_NOTE}` : answer));
  const fields: Element[] = [];
  const project = projectLabel(r.project, r.projectName);
  if (project) fields.push({ is_short: false, text: { tag: "lark_md", content: `**对应项目**：${project}` } });
  if (r.leadUnits.length)
    fields.push({ is_short: false, text: { tag: "lark_md", content: `**牵头单位**：${r.leadUnits.join("、")}` } });
  if (fields.length) els.push({ tag: "div", fields });
  if (r.figures.length) els.push(md(`**目标指标**\n${r.figures.map((f) => `· ${clip(f, 300)}`).join("\n")}`));
  const cites = r.citations.slice(0, 3);
  if (cites.length) {
    els.push({ tag: "hr" });
    const lines = cites.map(
      (c, i) =>
        `${i + 1}. 《${c.document}》${c.status === "superseded" ? "（已废止/被替代）" : ""}${c.section ? ` ${c.section}` : ""}${c.quote ? `：“${clip(c.quote, citeMax)}”` : ""}`,
    );
    els.push(md(`**依据**\n${lines.join("\n")}`));
  }
  return els;
}

function defaultAnswerButtons(r: AnswerResult): ReplyButton[] {
  if (r.action === "escalate") return [{ text: "转人工", value: { cmd: "feedback.unsolved" }, type: "primary" }];
  return [
    { text: "已解决", value: { cmd: "feedback.solved" }, type: "primary" },
    { text: "没解决，转人工", value: { cmd: "feedback.unsolved" }, type: "default" },
  ];
}

function defaultClarifyButtons(candidates: Candidate[]): ReplyButton[] {
  return candidates.map((c, i) => ({
    text: `${i + 1}. ${projectLabel(c.project, c.projectName)}`,
    value: { cmd: "clarify.pick", project: c.project },
  }));
}

type Limits = { answerMax: number; citeMax: number };

function buildCard(reply: Exclude<Reply, { kind: "text" | "notice" }>, lim: Limits) {
  switch (reply.kind) {
    case "answer": {
      const r = reply.result;
      const status = reply.status;
      const title =
        r.action === "escalate"
          ? "企服通 · 需要人工协助"
          : `企服通 · ${projectLabel(r.project, r.projectName) || "政策答复"}`;
      const template: Template = status
        ? status.state === "solved"
          ? "green"
          : "turquoise"
        : r.action === "escalate"
          ? "orange"
          : "blue";
      const els: Element[] = [];
      if (status) els.push(md(`${status.state === "solved" ? "✅" : "👤"} **${status.note}**`));
      if (r.action === "escalate") els.push(md("抱歉，这个问题我暂时没能在政策文件中找到明确答案。"));
      els.push(...answerElements(r, lim.answerMax, lim.citeMax));
      if (!status) els.push(...buttonsElement(reply.buttons ?? defaultAnswerButtons(r)));
      els.push(note("答复仅供参考，具体以牵头单位解释为准。如需人工帮助，请回复「转人工」。"));
      return card(title, template, els);
    }
    case "clarify": {
      const intro = reply.result.answer.trim();
      const lines = reply.candidates.map(
        (c, i) =>
          `${i + 1}. ${projectLabel(c.project, c.projectName)}${c.leadUnits.length ? `（牵头单位：${c.leadUnits.join("、")}）` : ""}`,
      );
      const els: Element[] = [];
      if (intro) els.push(md(clip(intro, lim.answerMax)));
      els.push(md(`您的问题可能涉及以下几个项目，请点选或回复序号：\n${lines.join("\n")}`));
      els.push(...buttonsElement(reply.buttons ?? defaultClarifyButtons(reply.candidates)));
      return card("企服通 · 请确认您要咨询的项目", "blue", els);
    }
    case "card": {
      const c = reply.card;
      const body =
        c.markdown.length > lim.answerMax ? `${c.markdown.slice(0, lim.answerMax)}…\n\n${TRUNCATED_NOTE}` : c.markdown;
      if (c.forms?.length) return cardV2(c, body);
      return card(c.title, c.template ?? "blue", [md(body), ...buttonsElement(c.buttons)], c.shared !== false);
    }
  }
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Renders a reply for Feishu; long content is cut (with a note) until the message fits the platform limit. */
export function encodeReply(reply: Reply): FeishuMessage {
  if (reply.kind === "text" || reply.kind === "notice") return { msgType: "text", content: fitText(reply.text) };
  let lim: Limits = { answerMax: 20_000, citeMax: 120 };
  for (let i = 0; i < 12; i++) {
    const content = JSON.stringify(buildCard(reply, lim));
    const size = bytes(content);
    if (size <= CARD_LIMIT_BYTES - SAFETY_BYTES) return { msgType: "interactive", content };
    // Shrink the answer in proportion to the overshoot, then citations.
    const ratio = (CARD_LIMIT_BYTES - SAFETY_BYTES) / size;
    lim = { answerMax: Math.max(200, Math.floor(lim.answerMax * ratio * 0.9)), citeMax: i > 3 ? 40 : lim.citeMax };
  }
  // Still too large (huge figure lists or buttons): fall back to a cut plain-text message.
  return { msgType: "text", content: fitText(reply.text, CARD_LIMIT_BYTES) };
}

function fitText(text: string, limit = TEXT_LIMIT_BYTES): string {
  let t = text;
  let content = JSON.stringify({ text: t });
  while (bytes(content) > limit - SAFETY_BYTES) {
    const keep = Math.floor(t.length * ((limit - SAFETY_BYTES) / bytes(content)) * 0.9);
    t = `${text.slice(0, keep)}…\n${TRUNCATED_NOTE}`;
    content = JSON.stringify({ text: t });
  }
  return content;
}
