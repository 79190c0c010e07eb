// What staff and admins do with knowledge: label a ticket, propose its last public reply, review
// (approve / edit / reject), export and publish. Staff and admin rights come from DeskService's
// allowlist checks.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { maskPersonalData } from "../../knowledge/infra/mask.js";
import type { DeskConfig } from "./config.js";
import type { KnowledgeState } from "./db.js";
import { TicketError } from "./errors.js";
import { reviewCard } from "./knowledge-cards.js";
import {
  bad,
  buildFaqExport,
  checkAnswer,
  KnowledgeStore,
  normaliseEntryId,
  questionVariants,
  type EntryRow,
} from "./knowledge-entries.js";
import { describeLabel, type LabelInput } from "./labels.js";
import type { Notifier } from "./notifications.js";
import type { DeskService } from "./service.js";
import type { Actor, OutboxDraft, TicketRow } from "./store.js";

export interface PublishOutcome {
  ok: boolean;
  version: string | null;
  /** One line for the admin: published / unchanged / why not. */
  text: string;
}

/** Builds and publishes a new index version from the exported faq source (ingest). */
export interface KnowledgePublisher {
  publish(): Promise<PublishOutcome>;
}

export interface KnowledgeDeskDeps {
  desk: DeskService;
  store: KnowledgeStore;
  notifier: Notifier;
  config: Pick<DeskConfig, "adminChatId" | "deskPlatform">;
  /** Where the faq source is written (DATA_DIR/faq/approved.json). */
  faqFile: string;
  publisher?: KnowledgePublisher;
  now: () => number;
  kick: () => void;
}

const DEFAULT_RESOLUTION = "服务台已处理完毕。";

export class KnowledgeDesk {
  constructor(readonly deps: KnowledgeDeskDeps) {}

  get store(): KnowledgeStore {
    return this.deps.store;
  }

  private requireStaff(actor: Actor): void {
    if (!this.deps.desk.isStaff(actor))
      throw new TicketError("TICKET_FORBIDDEN", `${actor.platform}:${actor.id} is not staff`);
  }

  private requireAdmin(actor: Actor): void {
    if (!this.deps.desk.isAdmin(actor)) throw bad("抱歉，只有管理员可以审核知识条目。");
  }

  /** Records what the ticket was about (audited as a ticket event; the desk card updates). */
  async label(number: string, actor: Actor, label: LabelInput): Promise<TicketRow> {
    this.requireStaff(actor);
    const now = this.deps.now();
    const t = await this.deps.desk.store.change(
      number.toUpperCase(),
      {
        event: "labelled",
        actor,
        note: `归类：${describeLabel(label)}${label.reusable ? "（可复用）" : ""}`,
        extra: (trx, fresh) => KnowledgeStore.writeLabel(trx, fresh.id, label, actor, now),
        outbox: (fresh) => this.deps.notifier.updated(fresh),
      },
      now,
    );
    this.deps.kick();
    return t;
  }

  /** The ticket's last public staff reply becomes a 待审核 entry; admins get the review card. */
  /**
   * `answer`: the reply to reuse when the caller has it (the resolve form's text); otherwise the
   * ticket's last public reply — a 回复 before the resolution note, else the resolution itself.
   */
  async propose(number: string, actor: Actor, answer?: string): Promise<{ entry: EntryRow; created: boolean }> {
    this.requireStaff(actor);
    const t = await this.deps.desk.get(number);
    const label = await this.store.label(t.id);
    if (!label)
      throw bad(
        `请先归类再入库，例如：/工单 ${t.number} 归类 4 市委金融办，或 /工单 ${t.number} 归类 不在范围 市人力社保局`,
      );
    const existing = await this.store.forTicket(t.id);
    if (existing) return { entry: existing, created: false };
    const messages = await this.deps.desk.store.messages(t.id);
    const resolutions = new Set(
      (await this.deps.desk.store.events(t.id))
        .filter((e) => e.type === "resolved")
        .map((e) => `${e.at}|${e.note ?? ""}`),
    );
    const publicReplies = messages.filter(
      (m) => m.author_kind === "staff" && m.visibility === "public" && m.body.trim() !== DEFAULT_RESOLUTION,
    );
    const isResolution = (m: (typeof messages)[number]) => resolutions.has(`${m.at}|${m.body}`);
    const reply = answer?.trim()
      ? { body: answer }
      : ([...publicReplies].reverse().find((m) => !isResolution(m)) ?? publicReplies.at(-1));
    if (!reply) throw bad(`工单 ${t.number} 还没有公开回复，无法入库。请先用「/工单 ${t.number} 回复 内容」答复企业。`);
    if (t.question.startsWith("（")) throw bad(`工单 ${t.number} 没有记录企业的问题，无法入库。`);
    const now = this.deps.now();
    const entry = await this.store.create(
      {
        ticket_id: t.id,
        ticket_number: t.number,
        question: maskPersonalData(t.question),
        variants: JSON.stringify(questionVariants(t)),
        answer: checkAnswer(maskPersonalData(reply.body)),
        scope: label.scope,
        project: label.project,
        project_name: label.project_name,
        unit: label.unit,
        department: label.department,
        document: label.document,
        proposed_by: actor.name ? `${actor.name}（${actor.id}）` : actor.id,
        proposed_at: now,
      },
      now,
      (e) => this.toAdmins(e, "proposed"),
    );
    this.deps.kick();
    return { entry, created: true };
  }

  private toAdmins(e: EntryRow, purpose: string): OutboxDraft[] {
    const chat = this.deps.config.adminChatId;
    if (!chat) return [];
    return [
      {
        kind: "send",
        platform: this.deps.config.deskPlatform,
        targetType: "chat",
        target: chat,
        payload: { reply: reviewCard(e) },
        idempotencyKey: `${e.id}:${purpose}:${e.revision}`,
      },
    ];
  }

  async approve(id: string, actor: Actor): Promise<{ entry: EntryRow; published: PublishOutcome }> {
    this.requireAdmin(actor);
    const now = this.deps.now();
    const entry = await this.store.change(
      normaliseEntryId(id),
      {
        type: "approved",
        actor,
        guard: (e) => {
          if (e.state !== "pending")
            throw bad(`知识条目 ${e.id} 当前为「${stateName(e.state)}」，只能审核待审核的条目。`);
        },
        patch: () => ({
          state: "approved",
          reviewed_by: actor.id,
          reviewed_at: now,
          approved_at: now,
          reject_reason: null,
        }),
      },
      now,
    );
    return { entry, published: await this.publish(actor, entry.id) };
  }

  /** Rejects a pending entry, or withdraws an approved one (then the next index version drops it). */
  async reject(
    id: string,
    actor: Actor,
    reason: string,
  ): Promise<{ entry: EntryRow; published: PublishOutcome | null }> {
    this.requireAdmin(actor);
    const why = reason.trim();
    if (!why) throw bad(`请写明驳回原因。用法：/知识 驳回 ${id.trim() || "K-…"} 原因`);
    const now = this.deps.now();
    let wasApproved = false;
    const entry = await this.store.change(
      normaliseEntryId(id),
      {
        type: "rejected",
        actor,
        note: why,
        guard: (e) => {
          if (e.state === "rejected") throw bad(`知识条目 ${e.id} 已被驳回。`);
          wasApproved = e.state === "approved";
        },
        patch: () => ({ state: "rejected", reviewed_by: actor.id, reviewed_at: now, reject_reason: why.slice(0, 500) }),
      },
      now,
    );
    return { entry, published: wasApproved ? await this.publish(actor, entry.id) : null };
  }

  /** A new answer text (revision + 1); an approved entry is republished with it. */
  async edit(id: string, actor: Actor, answer: string): Promise<{ entry: EntryRow; published: PublishOutcome | null }> {
    this.requireAdmin(actor);
    const text = checkAnswer(answer);
    let wasApproved = false;
    const entry = await this.store.change(
      normaliseEntryId(id),
      {
        type: "edited",
        actor,
        guard: (e) => {
          if (e.state === "rejected") throw bad(`知识条目 ${e.id} 已被驳回，不能修改。`);
          wasApproved = e.state === "approved";
        },
        patch: () => ({ answer: text }),
      },
      this.deps.now(),
    );
    return { entry, published: wasApproved ? await this.publish(actor, entry.id) : null };
  }

  async get(id: string): Promise<EntryRow> {
    const e = await this.store.get(normaliseEntryId(id));
    if (!e) throw bad(`没有找到知识条目 ${id.trim()}。`);
    return e;
  }

  async list(state?: KnowledgeState): Promise<EntryRow[]> {
    return this.store.list(state);
  }

  /** Writes the faq source atomically (temp file + rename); returns the number of items. */
  async exportFaq(file = this.deps.faqFile): Promise<{ file: string; entries: number; examples: number }> {
    const data = await buildFaqExport(this.store, this.deps.now());
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp-${process.pid}-${Date.now()}`;
    await writeFile(tmp, JSON.stringify(data, null, 2));
    await rename(tmp, file);
    const entries = data.items.filter((i) => i.kind === "entry").length;
    return { file, entries, examples: data.items.length - entries };
  }

  /** Export, then build → validate → publish a new index version. */
  async publish(actor?: Actor, entryId?: string): Promise<PublishOutcome> {
    const out = await this.exportFaq();
    const publisher = this.deps.publisher;
    if (!publisher)
      return { ok: true, version: null, text: `已导出 ${out.entries} 条已审核条目；运行 npm run ingest 后生效。` };
    try {
      const res = await publisher.publish();
      if (actor && entryId)
        await this.store.audit(
          entryId,
          res.ok ? "published" : "publish_failed",
          actor,
          res.version ?? res.text,
          this.deps.now(),
        );
      return res;
    } catch (err) {
      return {
        ok: false,
        version: null,
        text: `知识库发布失败：${(err as Error).message}。条目已保存，可稍后运行 npm run ingest 重试。`,
      };
    }
  }
}

function stateName(s: KnowledgeState): string {
  return { pending: "待审核", approved: "已通过", rejected: "已驳回" }[s];
}
