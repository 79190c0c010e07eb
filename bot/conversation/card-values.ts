// Button values the pipeline puts under its replies and reads back from CardActions.
// Reserved `cmd`s: feedback.solved, feedback.unsolved (→ handoff), clarify.pick {project},
// ticket.* and survey.* (the service desk, via interceptors).
import type { AnswerResult, Candidate } from "../../knowledge/types.js";
import { maskPhonesAndIds } from "../../knowledge/infra/mask.js";
import { BUTTON } from "./messages.js";
import { projectLabel } from "./render-text.js";
import type { ChatType, InboundMessage, ReplyButton } from "./types.js";

export const CMD = {
  solved: "feedback.solved",
  unsolved: "feedback.unsolved",
  pick: "clarify.pick",
} as const;

/** Key of an answer in deps.answers: `${platform}:${messageId}` of the question it answers. */
export function answerRef(msg: Pick<InboundMessage, "platform" | "messageId">): string {
  return `${msg.platform}:${msg.messageId}`;
}

const MAX_Q = 200;

/** Common fields: ref (stored answer), q (question, masked: it travels in the card), ct (chat type). */
function base(ref: string, question: string, chatType: ChatType) {
  return { ref, q: maskPhonesAndIds(question).slice(0, MAX_Q), ct: chatType };
}

export function answerButtons(ref: string, r: AnswerResult, chatType: ChatType): ReplyButton[] {
  const v = base(ref, r.question, chatType);
  if (r.action === "escalate") return [{ text: BUTTON.handoff, value: { cmd: CMD.unsolved, ...v }, type: "primary" }];
  return [
    { text: BUTTON.solved, value: { cmd: CMD.solved, ...v }, type: "primary" },
    { text: BUTTON.unsolved, value: { cmd: CMD.unsolved, ...v }, type: "default" },
  ];
}

export function clarifyButtons(
  ref: string,
  question: string,
  candidates: Candidate[],
  chatType: ChatType,
): ReplyButton[] {
  return candidates.map((c, i) => ({
    text: `${i + 1}. ${projectLabel(c.project, c.projectName)}`,
    value: { cmd: CMD.pick, project: c.project, ...base(ref, question, chatType) },
    type: "default" as const,
  }));
}

export interface ParsedButtonValue {
  cmd: string;
  ref?: string;
  q?: string;
  chatType: ChatType;
  project?: number;
}

/** Tolerant parse of a CardAction value (fields may arrive as strings). */
export function parseButtonValue(value: Record<string, unknown>): ParsedButtonValue | null {
  const cmd = typeof value.cmd === "string" ? value.cmd : null;
  if (!cmd) return null;
  const project = Number(value.project);
  return {
    cmd,
    ref: typeof value.ref === "string" ? value.ref : undefined,
    q: typeof value.q === "string" ? value.q : undefined,
    chatType: value.ct === "group" ? "group" : "p2p",
    project: Number.isInteger(project) && project >= 1 ? project : undefined,
  };
}
