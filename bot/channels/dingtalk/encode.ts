// One Reply → DingTalk message bodies: the sessionWebhook JSON and the robot OpenAPI msgKey/msgParam.
// Answers go out as markdown (answer, project, lead unit, figures, citations, 转人工); clarify
// questions in single chats as an actionCard whose buttons send the candidate's number.
import type { AnswerResult, Candidate, Citation } from "../../../knowledge/types.js";
import { BOT_NAME, LABEL } from "../../conversation/messages.js";
import { candidateLine, projectLabel } from "../../conversation/render-text.js";
import type { Reply, ReplyButton } from "../../conversation/types.js";

export type WebhookMessage =
  | { msgtype: "text"; text: { content: string }; at?: AtSpec }
  | { msgtype: "markdown"; markdown: { title: string; text: string }; at?: AtSpec }
  | {
      msgtype: "actionCard";
      actionCard: {
        title: string;
        text: string;
        btnOrientation: "0" | "1";
        btns: { title: string; actionURL: string }[];
      };
    };

export interface AtSpec {
  atUserIds: string[];
  isAtAll: false;
}

/** For `oToMessages/batchSend` and `groupMessages/send`. */
export interface OpenApiMessage {
  msgKey: "sampleText" | "sampleMarkdown";
  msgParam: string; // JSON string, as the API wants it
}

export interface EncodeTarget {
  group: boolean;
  /** staffId of the asker: @-mentioned in groups. */
  mentionStaffId?: string | null;
}

// Unverified limit; keeps one message well inside what the robot API accepts.
const MAX_TEXT_CHARS = 4000;
const MAX_TITLE_CHARS = 60;
const MAX_QUOTE_CHARS = 80;

/**
 * DingTalk markdown link that makes the client send `content` as the user's own message
 * (dtmd scheme, from DingTalk's robot docs; not reproduced offline). The plain-text hint is always
 * present as well, so nothing depends on it.
 */
export function sendTextLink(content: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(content)}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Markdown needs a blank line (or two trailing spaces) for a line break. */
function lines(text: string): string {
  return text
    .split("\n")
    .map((l) => l.trimEnd())
    .join("  \n");
}

/** DingTalk's markdown subset has no backslash escapes; only keep brackets from breaking link syntax. */
function escapeMd(text: string): string {
  return text.replace(/\[/g, "【").replace(/\]/g, "】");
}

/** "牵头单位：…" at a line start → "**牵头单位**：…" (short labels only). */
function boldLabels(text: string): string {
  return text.replace(/^([\u4e00-\u9fa5]{2,6})：/gm, "**$1**：");
}

function citationMd(c: Citation, i: number): string {
  const quote = c.quote ? `：“${escapeMd(clip(c.quote.replace(/\s+/g, " "), MAX_QUOTE_CHARS))}”` : "";
  const status = c.status === "superseded" ? LABEL.superseded : "";
  return `${i + 1}. 《${escapeMd(c.document)}》${status}${c.section ? ` ${escapeMd(c.section)}` : ""}${quote}`;
}

function answerMarkdown(r: AnswerResult): string {
  const blocks: string[] = [];
  if (r.action === "escalate") blocks.push(LABEL.escalateIntro);
  if (r.answer.trim()) blocks.push(lines(boldLabels(escapeMd(r.answer.trim()))));
  // The KB's answer text may already carry these lines; say each fact once.
  const has = (label: string) => r.answer.includes(`${label}：`);
  const meta: string[] = [];
  const project = projectLabel(r.project, r.projectName);
  if (project && !has(LABEL.project)) meta.push(`**${LABEL.project}**：${escapeMd(project)}`);
  if (r.leadUnits.length && !has(LABEL.leadUnits))
    meta.push(`**${LABEL.leadUnits}**：${escapeMd(r.leadUnits.join("、"))}`);
  if (r.figures.length && !has(LABEL.figures)) meta.push(`**${LABEL.figures}**：${escapeMd(r.figures.join("；"))}`);
  if (meta.length) blocks.push(meta.join("  \n"));
  const cites = r.citations.slice(0, 3);
  if (cites.length) blocks.push([`**${LABEL.citations}**：`, ...cites.map(citationMd)].join("  \n"));
  const hint = r.answer.includes("转人工") ? "" : `${LABEL.howToReachHuman} `;
  blocks.push(`${hint}[👤 转人工](${sendTextLink("转人工")})`);
  return blocks.join("\n\n");
}

/** The KB's clarify text already lists the candidates; without one, list them here. */
function clarifyIntro(r: AnswerResult, listCandidates?: Candidate[]): string {
  if (r.answer.trim()) return lines(escapeMd(r.answer.trim()));
  const list = listCandidates?.length
    ? `  \n${listCandidates.map((c, i) => escapeMd(candidateLine(c, i))).join("  \n")}`
    : "";
  return `${LABEL.clarifyIntro}${list}`;
}

function titleFor(reply: Reply): string {
  if (reply.kind === "card") return clip(reply.card.title.trim() || BOT_NAME, MAX_TITLE_CHARS);
  if (reply.kind === "clarify") return `${BOT_NAME}：请选择相关项目`;
  if (reply.kind === "answer") {
    const project = projectLabel(reply.result.project, reply.result.projectName);
    return clip(`${BOT_NAME}：${project ?? "政策咨询答复"}`, MAX_TITLE_CHARS);
  }
  return BOT_NAME;
}

/** The text a button sends when pressed, or null when DingTalk cannot carry it (no card callbacks here). */
function buttonText(button: ReplyButton, index: number): string | null {
  const cmd = typeof button.value.cmd === "string" ? button.value.cmd : "";
  if (cmd === "feedback.unsolved" || cmd === "handoff") return "转人工";
  if (cmd === "clarify.pick") return String(index + 1);
  // Card buttons that stand for a chat command (push cards: 问一问, 退订, topic toggles).
  if (typeof button.value.say === "string" && button.value.say) return button.value.say;
  return null;
}

function withMention(markdown: string, t: EncodeTarget): string {
  // A markdown @ only renders when the text itself contains "@<staffId>".
  return t.group && t.mentionStaffId ? `${markdown}\n\n@${t.mentionStaffId}` : markdown;
}

function at(t: EncodeTarget): AtSpec | undefined {
  return t.group && t.mentionStaffId ? { atUserIds: [t.mentionStaffId], isAtAll: false } : undefined;
}

function bodyMarkdown(reply: Reply): string {
  switch (reply.kind) {
    case "answer":
      return answerMarkdown(reply.result);
    case "clarify": {
      const items = reply.candidates.map(
        (c, i) => `[${escapeMd(candidateLine(c, i))}](${sendTextLink(String(i + 1))})`,
      );
      // The linked list replaces the KB's own numbered list.
      return `${LABEL.clarifyIntro}\n\n${items.join("  \n")}\n\n${LABEL.howToReachHuman}`;
    }
    case "card":
      return `#### ${escapeMd(reply.card.title)}\n\n${reply.card.markdown}`;
    default:
      return lines(reply.text);
  }
}

/** The JSON body POSTed to a sessionWebhook. */
export function toWebhookMessage(reply: Reply, t: EncodeTarget): WebhookMessage {
  if (reply.kind === "text" || reply.kind === "notice") {
    const body = clip(reply.text, MAX_TEXT_CHARS - 80);
    const content = t.group && t.mentionStaffId ? `${body}\n@${t.mentionStaffId}` : body;
    return { msgtype: "text", text: { content }, ...(at(t) ? { at: at(t) } : {}) };
  }
  const title = titleFor(reply);
  // actionCard cannot @-mention anyone, so groups get markdown with inline links instead.
  if (reply.kind === "clarify" && !t.group && reply.candidates.length) {
    const btns = reply.candidates.slice(0, 5).map((c, i) => ({
      title: clip(candidateLine(c, i), 30),
      actionURL: sendTextLink(String(i + 1)),
    }));
    const text = clip(clarifyIntro(reply.result, reply.candidates), MAX_TEXT_CHARS);
    return { msgtype: "actionCard", actionCard: { title, text, btnOrientation: "0", btns } };
  }
  const buttons = (reply.kind === "answer" ? (reply.buttons ?? []) : reply.kind === "card" ? reply.card.buttons : [])
    .map((b, i) => ({ b, text: buttonText(b, i) }))
    .filter((x): x is { b: ReplyButton; text: string } => x.text !== null && x.text !== "转人工");
  const extra = buttons.map((x) => `[${escapeMd(x.b.text)}](${sendTextLink(x.text)})`).join("　");
  // Clip before adding the mention so that a long answer never loses its @.
  const text = withMention(clip(bodyMarkdown(reply) + (extra ? `\n\n${extra}` : ""), MAX_TEXT_CHARS - 80), t);
  return { msgtype: "markdown", markdown: { title, text }, ...(at(t) ? { at: at(t) } : {}) };
}

/** The same reply for the robot OpenAPI (used when the sessionWebhook has expired). */
export function toOpenApiMessage(reply: Reply, t: EncodeTarget): OpenApiMessage {
  const msg = toWebhookMessage(reply, { ...t, mentionStaffId: null }); // OpenAPI sends cannot @-mention
  switch (msg.msgtype) {
    case "text":
      return { msgKey: "sampleText", msgParam: JSON.stringify({ content: msg.text.content }) };
    case "markdown":
      return { msgKey: "sampleMarkdown", msgParam: JSON.stringify(msg.markdown) };
    case "actionCard": {
      const links = msg.actionCard.btns.map((b) => `[${b.title}](${b.actionURL})`).join("  \n");
      const text = `${msg.actionCard.text}\n\n${links}`;
      return { msgKey: "sampleMarkdown", msgParam: JSON.stringify({ title: msg.actionCard.title, text }) };
    }
  }
}
