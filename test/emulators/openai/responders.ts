// Responders for the OpenAI emulator that compute a reply from the request (as opposed to a fixed script).
import type { RecordedRequest, ScriptedReply } from "./types.js";

export function lastUserText(req: RecordedRequest): string {
  const msgs = req.body.messages ?? [];
  for (let i = msgs.length - 1; i >= 0; i--) {
    const m = msgs[i];
    if (m.role !== "user") continue;
    if (typeof m.content === "string") return m.content;
    if (Array.isArray(m.content))
      return m.content.map((p) => (p && typeof p === "object" && "text" in p ? String(p.text) : "")).join("");
  }
  return "";
}

export interface PromptView {
  routerProject: number | null;
  routerUnits: string[];
  passages: { id: string; doc: string; text: string }[];
  question: string;
}

/** Reads the delimited prompt the answerer builds (router, passages, question). */
export function readPrompt(text: string): PromptView {
  const router = /<router>([\s\S]*?)<\/router>/.exec(text)?.[1] ?? "";
  const project = /项目：\((\d{1,2})\)/.exec(router);
  const units = /牵头单位：(.*)$/.exec(router)?.[1] ?? "";
  const passages = [...text.matchAll(/<passage id="(P\d+)" doc="([^"]*)"[^>]*>\n([\s\S]*?)\n<\/passage>/g)].map(
    (m) => ({ id: m[1], doc: m[2], text: m[3] }),
  );
  return {
    routerProject: project ? Number(project[1]) : null,
    routerUnits: units && units !== "未知" ? units.split("、") : [],
    passages,
    question: /<question>([\s\S]*?)<\/question>/.exec(text)?.[1] ?? "",
  };
}

/**
 * A deterministic "model" that answers only from the first passage, quoting it: always grounded, so it
 * exercises the whole path (prompt → HTTP → zod → guardrails) without a real model.
 */
export function groundedEchoResponder(req: RecordedRequest): ScriptedReply {
  const view = readPrompt(lastUserText(req));
  const first = view.passages[0];
  const content = first
    ? {
        answerable: true,
        project: view.routerProject,
        leadUnits: view.routerUnits,
        citations: [first.id],
        answer: `根据《${first.doc}》：${cutAtClause(first.text, 220)}`,
      }
    : { answerable: false, project: null, leadUnits: [], citations: [], answer: "" };
  return { kind: "content", content: JSON.stringify(content), chunkSize: 12, chunkDelayMs: 5 };
}

/** At most `max` characters, cut after a clause mark so no figure is cut in half. */
function cutAtClause(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const i = Math.max(...["。", "；", "，", "\n"].map((p) => head.lastIndexOf(p)));
  return `${i > 0 ? head.slice(0, i) : head.replace(/[\d.]+$/, "")}……`;
}
