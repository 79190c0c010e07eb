// Redis stops while a ticket is created and comes back EMPTY: the ticket is kept, its
// notification is delivered after Redis returns, and nothing already delivered is sent again.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../knowledge/infra/logger.js";
import { createDesk } from "../../bot/tickets/index.js";
import { answerResult } from "./fixtures.js";
import { DIALECTS, freshDb, inbound, RecordingSender, testConfig, waitFor } from "./helpers.js";

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startRedis(port: number): Promise<ChildProcess> {
  const p = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await waitFor(
    () =>
      new Promise<boolean>((resolve) => {
        const c = net.connect(port, "127.0.0.1", () => {
          c.end();
          resolve(true);
        });
        c.on("error", () => resolve(false));
      }),
    5000,
    50,
  );
  return p;
}

async function stopRedis(p: ChildProcess): Promise<void> {
  const exited = new Promise((r) => p.once("exit", r));
  p.kill("SIGKILL"); // a crash: nothing saved
  await exited;
}

const spawned: ChildProcess[] = [];
afterAll(async () => {
  for (const p of spawned) if (p.exitCode === null && p.signalCode === null) await stopRedis(p);
});

describe.each(DIALECTS)("Redis outage on %s", (dialect) => {
  it("keeps the ticket and delivers its notification once Redis is back (empty)", async () => {
    const port = await freePort();
    let redis = await startRedis(port);
    spawned.push(redis);
    const tdb = await freshDb(dialect);
    const sender = new RecordingSender();
    const desk = await createDesk({
      config: testConfig(),
      db: tdb,
      senders: () => sender,
      redisUrl: `redis://127.0.0.1:${port}`,
      prefix: `test-${randomUUID()}`,
      pollMs: 100,
      logger: createLogger("silent"),
    });
    try {
      await desk.start();
      const [a] = await desk.handoff.requestHandoff(inbound({ senderId: "ou_a" }), answerResult({ question: "问题A" }));
      const numberA = /QY-\d{8}-\d{4}/.exec(a.text)![0];
      await waitFor(() => sender.calls.find((c) => c.reply.text.includes(numberA)));

      await stopRedis(redis);
      const [b] = await desk.handoff.requestHandoff(inbound({ senderId: "ou_b" }), answerResult({ question: "问题B" }));
      const numberB = /QY-\d{8}-\d{4}/.exec(b.text)![0]; // the enterprise still gets its number
      expect((await desk.service.get(numberB)).state).toBe("new");
      await new Promise((r) => setTimeout(r, 600));
      expect(sender.calls.some((c) => c.reply.text.includes(numberB))).toBe(false);

      redis = await startRedis(port); // back, with nothing in it
      spawned.push(redis);
      await waitFor(() => sender.calls.find((c) => c.reply.text.includes(numberB)), 15_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(sender.calls.filter((c) => c.reply.text.includes(`工单 ${numberB}`))).toHaveLength(1);
      expect(sender.calls.filter((c) => c.reply.text.includes(`工单 ${numberA}`))).toHaveLength(1);
      await waitFor(
        async () =>
          (await tdb.db.selectFrom("outbox").select("id").where("delivered_at", "is", null).execute()).length === 0,
      );
    } finally {
      await desk.close();
      await tdb.drop();
      await stopRedis(redis).catch(() => undefined);
    }
  }, 40_000);
});
