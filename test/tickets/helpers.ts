// Test helpers: a fresh desk database per test on SQLite (temp file) or PostgreSQL (own schema).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import type { ChannelSender, InboundMessage, Reply } from "../../bot/conversation/types.js";
import type { DeskConfig } from "../../bot/tickets/config.js";
import { openDeskDb, type Dialect, type OpenedDb } from "../../bot/tickets/db.js";
import { migrateToLatest } from "../../bot/tickets/migrations.js";
import { createDesk, type Desk } from "../../bot/tickets/index.js";
import { createLogger } from "../../knowledge/infra/logger.js";

export const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface TestDb extends OpenedDb {
  drop(): Promise<void>;
}

export async function freshDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "desk-"));
    const opened = openDeskDb(`sqlite:${path.join(dir, "desk.db")}`);
    await migrateToLatest(opened.db);
    return {
      ...opened,
      drop: async () => {
        await opened.close().catch(() => undefined);
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `desk_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const opened = openDeskDb(PG_URL, { schema });
  await migrateToLatest(opened.db);
  return {
    ...opened,
    drop: async () => {
      await opened.close().catch(() => undefined); // may be closed already (outage tests)
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

export const DIALECTS: Dialect[] = ["sqlite", "postgres"];

/** A controllable clock. */
export function testClock(startIso: string) {
  let now = Date.parse(startIso);
  return {
    now: () => now,
    set: (iso: string) => {
      now = Date.parse(iso);
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

export async function waitFor<T>(
  fn: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  timeoutMs = 5000,
  stepMs = 25,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

export function testConfig(over: Partial<DeskConfig> = {}): DeskConfig {
  return {
    deskChatId: "oc_desk",
    deskPlatform: "feishu",
    supervisorChatId: "oc_sup",
    staffIds: ["ou_staff", "ou_staff2"],
    adminIds: ["ou_admin"],
    databaseUrl: "unused",
    sweepEverySeconds: 3600,
    interactionRetentionDays: 180,
    sla: { firstResponseDays: 1, resolutionDays: 5, perProject: {}, reminderLeadMs: 4 * 3_600_000, reopenDays: 7 },
    ...over,
  };
}

/** A channel double that records what reaches each chat/user and honours idempotency keys like a platform. */
export class RecordingSender implements ChannelSender {
  calls: { op: string; to: string; reply: Reply; key?: string }[] = [];
  private byKey = new Map<string, string>();
  private seq = 0;
  failNext = 0;

  private record(op: string, to: string, reply: Reply, key?: string): { messageId?: string } {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error("simulated platform failure");
    }
    if (key && this.byKey.has(key)) return { messageId: this.byKey.get(key) };
    const messageId = `om_${++this.seq}`;
    if (key) this.byKey.set(key, messageId);
    this.calls.push({ op, to, reply, key });
    return { messageId };
  }
  async reply(to: InboundMessage, reply: Reply, key: string) {
    return this.record("reply", to.chatId, reply, key);
  }
  async sendToChat(chatId: string, reply: Reply, key: string) {
    return this.record("chat", chatId, reply, key);
  }
  async sendToUser(userId: string, reply: Reply, key: string) {
    return this.record("user", userId, reply, key);
  }
  async updateCard(messageId: string, reply: Reply) {
    this.calls.push({ op: "update", to: messageId, reply });
  }
  to(target: string): string[] {
    return this.calls.filter((c) => c.to === target).map((c) => c.reply.text);
  }
}

export function inbound(over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    platform: "feishu",
    tenant: "tenant1",
    chatId: "oc_ent",
    chatType: "p2p",
    senderId: "ou_ent",
    senderName: "王经理",
    messageId: `om_${Math.random().toString(36).slice(2)}`,
    messageType: "text",
    text: "转人工",
    mentionedBot: false,
    receivedAt: Date.now(),
    ...over,
  };
}

/** A desk on the test database with recording senders, the test clock and a silent logger. */
export function testDesk(db: TestDb, now: () => number): Promise<Desk> {
  return createDesk({
    config: testConfig(),
    db,
    senders: () => new RecordingSender(),
    now,
    logger: createLogger("silent"),
  });
}
