// A ChannelSender for queue tests that behaves like a platform honouring send idempotency keys
// (Feishu `uuid`): every call is counted, but a key is "displayed" once. State lives in Redis so a
// worker in another (killed) process and the test see the same platform.
import type { Redis } from "ioredis";
import type { ChannelSender, InboundMessage, Reply } from "../../bot/conversation/types.js";

export class RecordingSender implements ChannelSender {
  /** Called before each send; throw or hang here to simulate failures. */
  beforeSend: (key: string) => Promise<void> = async () => {};

  constructor(
    private readonly redis: Redis,
    private readonly ns: string,
  ) {}

  async reply(to: InboundMessage, reply: Reply, idempotencyKey: string): Promise<{ messageId?: string }> {
    await this.beforeSend(idempotencyKey);
    await this.redis.incr(`${this.ns}:calls`);
    const fresh = await this.redis.hsetnx(
      `${this.ns}:shown`,
      idempotencyKey,
      JSON.stringify({ to: to.messageId, text: reply.text }),
    );
    if (fresh) await this.redis.rpush(`${this.ns}:order`, idempotencyKey);
    return { messageId: `om_${idempotencyKey}` };
  }

  async shown(): Promise<{ key: string; text: string }[]> {
    const order = await this.redis.lrange(`${this.ns}:order`, 0, -1);
    const all = await this.redis.hgetall(`${this.ns}:shown`);
    return order.map((key) => ({ key, text: (JSON.parse(all[key]) as { text: string }).text }));
  }

  async calls(): Promise<number> {
    return Number((await this.redis.get(`${this.ns}:calls`)) ?? 0);
  }
}
