// Default 转人工: record the request durably (Redis stream or DATA_DIR/handoff.jsonl) and tell the
// user what happens next. The service desk (bot/tickets) replaces this HandoffService with real tickets.
import { createHash } from "node:crypto";
import type { AnswerResult } from "../../knowledge/types.js";
import type { DedupeStore } from "../infra/dedupe-store.js";
import type { RecordLog } from "../infra/record-log.js";
import type { HandoffService, HandoffVia } from "./deps.js";
import { MSG } from "./messages.js";
import type { InboundMessage, Reply } from "./types.js";

export interface HandoffRequest {
  ref: string;
  via: HandoffVia;
  platform: string;
  tenant: string;
  chatId: string;
  chatType: string;
  userId: string;
  userName?: string;
  messageId: string;
  /** The question the user needs help with (the last one asked, else the message itself). */
  question: string;
  project: number | null;
  projectName: string | null;
  leadUnits: string[];
  /** What retrieval found for that question, so staff see what the bot saw. */
  passages: { id: string; score: number; section: string }[];
  requestedAt: string;
}

/** Same message → same ref, so a retried job never files a second request. */
export function handoffRef(msg: Pick<InboundMessage, "platform" | "messageId">): string {
  return `H-${createHash("sha1").update(`${msg.platform}:${msg.messageId}`).digest("hex").slice(0, 8).toUpperCase()}`;
}

export class RecordingHandoff implements HandoffService {
  constructor(
    private readonly log: RecordLog<HandoffRequest>,
    private readonly dedupe?: DedupeStore,
  ) {}

  async requestHandoff(msg: InboundMessage, lastResult?: AnswerResult, via: HandoffVia = "command"): Promise<Reply[]> {
    const ref = handoffRef(msg);
    const req: HandoffRequest = {
      ref,
      via,
      platform: msg.platform,
      tenant: msg.tenant,
      chatId: msg.chatId,
      chatType: msg.chatType,
      userId: msg.senderId,
      userName: msg.senderName,
      messageId: msg.messageId,
      question: lastResult?.question ?? msg.text,
      // An unsure reply names no project; its best guess still helps the desk.
      project: lastResult?.project ?? lastResult?.candidates[0]?.project ?? null,
      projectName: lastResult?.projectName ?? lastResult?.candidates[0]?.projectName ?? null,
      leadUnits: lastResult?.leadUnits.length ? lastResult.leadUnits : (lastResult?.candidates[0]?.leadUnits ?? []),
      passages: (lastResult?.passages ?? [])
        .slice(0, 5)
        .map((p) => ({ id: p.passage.id, score: p.score, section: p.passage.section })),
      requestedAt: new Date().toISOString(),
    };
    const key = [`handoff:${ref}`];
    const first = this.dedupe ? await this.dedupe.claim(key) : true;
    if (first) {
      try {
        await this.log.append(req);
      } catch (err) {
        if (this.dedupe) await this.dedupe.release(key).catch(() => undefined);
        throw err;
      }
    }
    return [{ kind: "notice", notice: "handoff", text: MSG.handoffRecorded(ref, req.leadUnits[0]) }];
  }
}
