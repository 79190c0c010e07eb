// The conversation on the real knowledge base (openKnowledgeBase) through the console harness,
// plus the Redis-backed intake → queue → worker path with the real KB.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import type { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnswerOptions, KnowledgeBase } from "../../knowledge/types.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import { createConsoleChat } from "../../bot/channels/console/console-chat.js";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { createQueueIntake, startInboundWorker, type BotJobData } from "../../bot/conversation/intake.js";
import type { InboundMessage, Reply } from "../../bot/conversation/types.js";
import { closeWithDeadline, createQueue } from "../../bot/infra/queue.js";
import { closeRedis, createRedis, waitReady, type Redis } from "../../bot/infra/redis.js";
import { RecordingSender } from "./recording-sender.js";

let kb: KnowledgeBase;
/** The real KB, with the options it was called with recorded (nothing altered). */
function spy(): { kb: KnowledgeBase; calls: { q: string; o?: AnswerOptions }[] } {
  const calls: { q: string; o?: AnswerOptions }[] = [];
  return { calls, kb: { answer: (q, o) => (calls.push({ q, o }), kb.answer(q, o)), info: () => kb.info() } };
}

beforeAll(async () => {
  kb = await openKnowledgeBase();
});

const last = (h: Reply[]) => h.at(-1)!;

describe("conversation on the real knowledge base (console harness)", () => {
  it("p2p: answers with the project and its lead unit", async () => {
    const chat = createConsoleChat({ kb });
    const text = await chat.say("政府性融资担保的费率是多少？");
    expect(text).toContain("要素保强");
    expect(text).toContain("市委金融办");
    expect(text).toContain("0.8%");
    const r = last(chat.history);
    expect(r.kind === "answer" && r.result.project).toBe(4);
  });

  it("group: silent unless the bot is mentioned", async () => {
    const s = spy();
    const chat = createConsoleChat({ kb: s.kb, chatType: "group" });
    expect(await chat.say("融资担保费率是多少？", { mention: false })).toBe("");
    expect(s.calls).toHaveLength(0);
    expect(await chat.say("融资担保费率是多少？", { mention: true })).toContain("0.8%");
  });

  it("follow-up 那费率呢？ after a 融资担保 question gives 0.8% (context passed)", async () => {
    const s = spy();
    const chat = createConsoleChat({ kb: s.kb });
    await chat.say("融资担保业务找哪个部门？");
    const text = await chat.say("那费率呢？");
    expect(text).toContain("0.8%");
    expect(s.calls[1].o?.context).toMatchObject({ previousQuestion: "融资担保业务找哪个部门？", previousProject: 4 });
    const r = last(chat.history);
    expect(r.kind === "answer" && r.result.figures.join()).toContain("0.8%");
  });

  it("follow-up 那牵头单位呢？ resolves through the previous question (and would not alone)", async () => {
    const chat = createConsoleChat({ kb });
    await chat.say("技改项目奖补资金怎么兑付？");
    await chat.say("那牵头单位呢？");
    const r = last(chat.history);
    expect(r.kind === "answer" && r.result.project).toBe(1);
    expect(r.text).toContain("市发改委");
    const alone = createConsoleChat({ kb });
    await alone.say("那牵头单位呢？");
    const a = last(alone.history);
    expect(a.kind === "answer" && a.result.project).not.toBe(1);
  });

  it("第二个 after a clarify reply answers the second candidate", async () => {
    // Whichever of these broad questions the current index finds ambiguous (the KB evolves).
    const broad = [
      "资金支持",
      "项目申报",
      "有什么补贴",
      "补贴",
      "政策支持",
      "支持政策",
      "奖补资金",
      "拖欠中小企业账款怎么办",
      "有哪些支持政策",
      "我想申请扶持资金",
    ];
    let asked: string | undefined;
    let chat = createConsoleChat({ kb });
    let s = spy();
    for (const q of broad) {
      s = spy();
      chat = createConsoleChat({ kb: s.kb });
      await chat.say(q);
      if (last(chat.history).kind === "clarify") {
        asked = q;
        break;
      }
    }
    expect(asked, "no broad question produced a clarify reply").toBeDefined();
    const clarify = last(chat.history);
    const second = clarify.kind === "clarify" ? clarify.candidates[1] : undefined;
    expect(second).toBeDefined();
    const text = await chat.say("第二个");
    expect(s.calls[1]).toMatchObject({ q: asked, o: { forceProject: second!.project } });
    const r = last(chat.history);
    expect(r.kind === "answer" && r.result.project).toBe(second!.project);
    expect(text).toContain(second!.projectName);
  });

  it("转人工 is recorded durably with the last question, and the user is told what happens next", async () => {
    const dir = path.join(os.tmpdir(), `qft-${randomUUID()}`);
    const chat = createConsoleChat({ kb, dataDir: dir });
    await chat.say("企业信用修复找哪个部门？");
    const text = await chat.say("转人工");
    expect(text).toContain("已为您登记人工服务请求");
    const [line] = fs.readFileSync(path.join(dir, "handoff.jsonl"), "utf8").trim().split("\n");
    const rec = JSON.parse(line).data;
    expect(rec).toMatchObject({ question: "企业信用修复找哪个部门？", project: 2, via: "command" });
    expect(rec.passages.length).toBeGreaterThan(0);
    expect(rec.passages[0].score).toBeGreaterThan(0);
  });

  it("rate limit: one polite notice, then silence", async () => {
    const chat = createConsoleChat({ kb, config: { RATE_LIMIT_MAX: 2 } });
    await chat.say("融资担保费率是多少？");
    await chat.say("发票怎么开？");
    expect(await chat.say("信用修复找谁？")).toContain("有点频繁");
    expect(await chat.say("信用修复找谁？")).toBe("");
  });

  it("non-text, empty and oversized messages get polite notes", async () => {
    const chat = createConsoleChat({ kb });
    expect(await chat.say("", { type: "other" })).toContain("只能理解文字");
    expect(await chat.say("  \n ")).toContain("请直接输入您想咨询的问题");
    const long = "我想咨询融资担保的问题。".repeat(300);
    expect(await chat.say(long)).toMatch(/消息较长（3600 字）.*1000 字/);
    // between our limit and a stricter KB limit, the KB's own note is passed on as a notice
    const lenient = createConsoleChat({ kb, config: { MAX_MESSAGE_CHARS: 5000 } });
    const out = await lenient.send(long);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: "notice", notice: "too_long" });
  });
});

describe("Redis-backed intake, queue and worker with the real knowledge base", () => {
  let producer: Redis;
  let workerConn: Redis;
  let queue: Queue<BotJobData>;
  let worker: Worker<BotJobData>;
  const queueName = `test-${randomUUID()}`;
  const prefix = `${queueName}:`;

  beforeAll(async () => {
    producer = createRedis(process.env.REDIS_URL, "producer");
    workerConn = createRedis(process.env.REDIS_URL, "worker");
    await waitReady(producer);
    queue = createQueue<BotJobData>(queueName, producer, { backoff: { type: "fixed", delay: 100 } });
  });
  afterAll(async () => {
    await closeWithDeadline([worker], 5000);
    await queue.obliterate({ force: true });
    await queue.close();
    const keys = await producer.keys(`${prefix}*`);
    if (keys.length) await producer.del(...keys);
    await closeRedis(producer, workerConn);
  });

  it("a duplicated delivery and a failed send give exactly one reply each; follow-up context lives in Redis", async () => {
    const deps = createRedisConversationDeps({ kb, redis: producer, prefix });
    const sender = new RecordingSender(producer, `${prefix}platform`);
    let failOnce = true;
    const send = sender.reply.bind(sender);
    sender.reply = async (to, reply, key) => {
      const res = await send(to, reply, key);
      if (failOnce && to.text === "那费率呢？") {
        failOnce = false;
        throw new Error("ECONNRESET after delivery");
      }
      return res;
    };
    worker = startInboundWorker({ queueName, connection: workerConn, deps, senders: new Map([["feishu", sender]]) });
    const intake = createQueueIntake({ dedupe: deps.dedupe, queue });
    const base = {
      platform: "feishu",
      tenant: "t",
      chatId: "oc_g",
      chatType: "group",
      senderId: "ou_a",
      messageType: "text",
      mentionedBot: true,
      receivedAt: Date.now(),
    } as const;
    const q1: InboundMessage = { ...base, messageId: `om_${randomUUID()}`, text: "融资担保业务找哪个部门？" };
    expect(await intake.accept(q1, { eventId: "e1" })).toBe("enqueued");
    expect(await intake.accept(q1, { eventId: "e1-retry" })).toBe("duplicate");
    const waitShown = async (n: number) => {
      const end = Date.now() + 10_000;
      while ((await sender.shown()).length < n) {
        if (Date.now() > end) throw new Error("timed out");
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitShown(1);
    const q2: InboundMessage = { ...base, messageId: `om_${randomUUID()}`, text: "那费率呢？" };
    await intake.accept(q2, { eventId: "e2" });
    await waitShown(2);
    const end = Date.now() + 5000;
    while ((await queue.getJobCounts("completed")).completed < 2 && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    const shown = await sender.shown();
    expect(shown).toHaveLength(2);
    expect(shown[0].text).toContain("市委金融办");
    expect(shown[1].text).toContain("0.8%");
    expect(await sender.calls()).toBe(3); // the failed send was retried under the same key
    const session = await producer.get(`${prefix}session:feishu:t:oc_g:ou_a`);
    expect(JSON.parse(session!).lastProject).toBe(4);
  });
});
