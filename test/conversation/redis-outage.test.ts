// Redis down: the conversation degrades politely (answers without memory, honest 转人工 failure),
// and intake refuses (so the channel answers 5xx and the platform redelivers later).
import { afterAll, describe, expect, it } from "vitest";
import { createConsoleChat } from "../../bot/channels/console/console-chat.js";
import { createRedisConversationDeps } from "../../bot/conversation/create-deps.js";
import { createQueueIntake, type BotJobData } from "../../bot/conversation/intake.js";
import { createQueue } from "../../bot/infra/queue.js";
import { closeRedis, createRedis } from "../../bot/infra/redis.js";
import { FakeKb } from "./fake-kb.js";

// As the app connects: auto-pipelined stores, and a plain connection for the queue.
const dead = createRedis("redis://127.0.0.1:1", "stores", { retryStrategy: () => 1000 });
const deadQueueConn = createRedis("redis://127.0.0.1:1", "producer", { retryStrategy: () => 1000 });
afterAll(async () => {
  await closeRedis(dead, deadQueueConn);
});

describe("Redis outage", () => {
  it("still answers, and says honestly that 转人工 could not be recorded", async () => {
    const kb = new FakeKb();
    const deps = createRedisConversationDeps({ kb, redis: dead, prefix: "outage:" });
    const chat = createConsoleChat({ kb, deps });
    expect(await chat.say("融资担保费率是多少？")).toContain("0.8%");
    expect(await chat.say("转人工")).toContain("未能登记成功");
  });

  it("intake refuses with an error instead of pretending to accept", async () => {
    const deps = createRedisConversationDeps({ kb: new FakeKb(), redis: dead, prefix: "outage:" });
    const queue = createQueue<BotJobData>("outage-queue", deadQueueConn);
    queue.on("error", () => undefined);
    const intake = createQueueIntake({ dedupe: deps.dedupe, queue });
    await expect(
      intake.accept({
        platform: "feishu",
        tenant: "t",
        chatId: "c",
        chatType: "p2p",
        senderId: "u",
        messageId: "om_x",
        messageType: "text",
        text: "hi",
        mentionedBot: false,
        receivedAt: Date.now(),
      }),
    ).rejects.toThrow();
    await queue.close().catch(() => undefined);
  });
});
