// HTTP callback mode end to end: signed callbacks → /dingtalk/events → Redis intake → BullMQ worker
// → real knowledge base → reply through the emulated sessionWebhook (or the robot OpenAPI).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openKnowledgeBase } from "../../knowledge/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { startHarness, sleep, type Harness } from "./harness.js";

const QUESTION = "政府性融资担保的费率是多少？";
let kb: KnowledgeBase;
let h: Harness;

beforeAll(async () => {
  kb = await openKnowledgeBase();
});

beforeEach(async () => {
  h = await startHarness({ kb });
});

afterEach(async () => {
  await h.close();
});

afterAll(() => undefined);

async function jobCount(): Promise<number> {
  const c = await h.server.app.queue.getJobCounts("waiting", "active", "completed", "failed", "delayed");
  return Object.values(c).reduce((a, b) => a + b, 0);
}

function expectFullAnswer(text: string) {
  expect(text).toContain("要素保强"); // project
  expect(text).toContain("市委金融办"); // lead unit
  expect(text).toContain("0.8%"); // figure
  expect(text).toContain("《"); // a cited document
  expect(text).toContain("转人工"); // how to reach a human
}

describe("DingTalk HTTP callbacks", () => {
  it("answers a single chat through the sessionWebhook as markdown with project, lead unit, figures and citations", async () => {
    const body = h.emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-p2p" });
    const res = await h.post(body);
    expect(res.status).toBe(200);
    const shown = await h.emu.state.waitFor((s) => s.length >= 1);
    expect(shown).toHaveLength(1);
    const m = shown[0];
    expect(m.via).toBe("webhook");
    expect(m.conversationId).toBe(body.conversationId);
    expect(m.msgtype).toBe("markdown");
    expect(m.title?.trim()).toBeTruthy();
    expect(m.atUserIds).toEqual([]); // no @ in single chats
    expectFullAnswer(m.text);
  });

  it("answers a group message that @-mentions the bot and @-mentions the asker", async () => {
    const body = h.emu.callback({ conversationType: "2", text: QUESTION, staffId: "staff-grp", isInAtList: true });
    expect((await h.post(body)).status).toBe(200);
    const [m] = await h.emu.state.waitFor((s) => s.length >= 1);
    expect(m.via).toBe("webhook");
    expect(m.atUserIds).toEqual(["staff-grp"]);
    expect(m.text).toContain("@staff-grp");
    expectFullAnswer(m.text);
  });

  it("stays silent in a group when the bot is not in the @ list", async () => {
    const body = h.emu.callback({ conversationType: "2", text: QUESTION, isInAtList: false });
    expect((await h.post(body)).status).toBe(200);
    await sleep(400);
    expect(h.emu.state.shown).toHaveLength(0);
    expect(await jobCount()).toBe(0);
  });

  it("replies once when DingTalk delivers the same msgId several times (sequentially and concurrently)", async () => {
    const body = h.emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-dup" });
    const first = await h.post(body);
    const again = await Promise.all([h.post(body), h.post(body), h.post(body)]);
    expect([first, ...again].map((r) => r.status)).toEqual([200, 200, 200, 200]);
    await h.emu.state.waitFor((s) => s.length >= 1);
    await sleep(500); // time for any wrongly enqueued duplicate to show up
    expect(h.emu.state.shown).toHaveLength(1);
    expect(await jobCount()).toBe(1);
  });

  it("rejects a bad or missing signature with 401 and processes nothing", async () => {
    const body = h.emu.callback({ conversationType: "1", text: QUESTION });
    const ts = Date.now();
    const wrongSecret = h.emu.signedHeaders(ts, "not-the-app-secret");
    const tampered = { ...h.emu.signedHeaders(ts), sign: h.emu.signedHeaders(ts + 1).sign };
    const unsigned = { "content-type": "application/json" };
    for (const headers of [wrongSecret, tampered, unsigned]) {
      const res = await h.post(body, headers);
      expect(res.status).toBe(401);
    }
    await sleep(300);
    expect(h.emu.state.shown).toHaveLength(0);
    expect(await jobCount()).toBe(0);
    // The same message correctly signed is then accepted: the rejections left no dedupe mark.
    expect((await h.post(body)).status).toBe(200);
    await h.emu.state.waitFor((s) => s.length >= 1);
  });

  it("rejects timestamps more than one hour away, accepts ones inside the window", async () => {
    const body = h.emu.callback({ conversationType: "1", text: QUESTION });
    const hour = 3600_000;
    expect((await h.post(body, h.emu.signedHeaders(Date.now() - hour - 60_000))).status).toBe(401);
    expect((await h.post(body, h.emu.signedHeaders(Date.now() + hour + 60_000))).status).toBe(401);
    expect(await jobCount()).toBe(0);
    expect((await h.post(body, h.emu.signedHeaders(Date.now() - hour + 60_000))).status).toBe(200);
    await h.emu.state.waitFor((s) => s.length >= 1);
  });

  it("answers malformed bodies with 400 and processes nothing", async () => {
    const valid = h.emu.callback({ conversationType: "1", text: QUESTION });
    const { msgId: _drop, ...noMsgId } = valid;
    const cases: unknown[] = [
      "{not json",
      noMsgId,
      { ...valid, conversationType: "3" },
      { ...valid, sessionWebhook: "not a url" },
      [],
    ];
    for (const body of cases) {
      const res = await h.post(body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ errcode: 400 });
    }
    await sleep(300);
    expect(await jobCount()).toBe(0);
    expect(h.emu.state.shown).toHaveLength(0);
  });
});

describe("DingTalk reply fallbacks", () => {
  it("uses oToMessages/batchSend to the sender's staffId when a single chat's sessionWebhook has expired", async () => {
    const body = h.emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-late", webhookTtlMs: -1000 });
    expect((await h.post(body)).status).toBe(200);
    const [m] = await h.emu.state.waitFor((s) => s.length >= 1);
    expect(m.via).toBe("batchSend");
    expect(m.staffIds).toEqual(["staff-late"]);
    expect(m.msgtype).toBe("sampleMarkdown");
    expect((m.body as { robotCode: string }).robotCode).toBe(h.emu.app.robotCode);
    expectFullAnswer(m.text);
    expect(h.emu.state.requests.filter((r) => r.api === "webhook")).toHaveLength(0); // expiry checked before sending
    expect(h.emu.state.requests.filter((r) => r.api === "token")).toHaveLength(1);
  });

  it("uses groupMessages/send to the conversation when a group's sessionWebhook has expired", async () => {
    const body = h.emu.callback({
      conversationType: "2",
      text: QUESTION,
      webhookTtlMs: -1000,
      conversationId: "cidLateGroup==",
    });
    expect((await h.post(body)).status).toBe(200);
    const [m] = await h.emu.state.waitFor((s) => s.length >= 1);
    expect(m.via).toBe("groupSend");
    expect(m.conversationId).toBe("cidLateGroup==");
    expectFullAnswer(m.text);
  });

  it("falls back to the OpenAPI when the sessionWebhook answers errcode≠0 in HTTP 200 (session revoked)", async () => {
    const body = h.emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-revoked" });
    h.emu.expireSession(body.sessionWebhook as string); // DingTalk-side expiry the callback did not announce
    expect((await h.post(body)).status).toBe(200);
    const [m] = await h.emu.state.waitFor((s) => s.length >= 1);
    expect(m.via).toBe("batchSend");
    const webhookCalls = h.emu.state.requests.filter((r) => r.api === "webhook");
    expect(webhookCalls).toEqual([expect.objectContaining({ status: 200, errcode: 300001 })]);
  });

  it("retries later on a rate-limit errcode and still shows the reply exactly once", async () => {
    h.emu.state.failures.push({
      api: "webhook",
      times: 1,
      errcode: 130101,
      errmsg: "send too fast, exceed 20 times per minute",
    });
    const body = h.emu.callback({ conversationType: "1", text: QUESTION });
    expect((await h.post(body)).status).toBe(200);
    const [m] = await h.emu.state.waitFor((s) => s.length >= 1, 15_000);
    expect(m.via).toBe("webhook");
    await sleep(300);
    expect(h.emu.state.shown).toHaveLength(1);
    expect(h.emu.state.requests.filter((r) => r.api === "webhook").map((r) => r.errcode)).toEqual([130101, 0]);
  });
});
