// Issue 12 item 5: a DingTalk callback cannot make the server POST anywhere it names. Its
// sessionWebhook must be https on an allowed DingTalk host (the emulator's origin is added through
// the same DINGTALK_WEBHOOK_HOSTS setting), robotCode / chatbotCorpId must match, and a callback
// never takes over the stored reply route of another sender's chat.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isAllowedWebhook, originProblem } from "../../bot/channels/dingtalk/origin.js";
import { parseRobotCallback } from "../../bot/channels/dingtalk/decode.js";
import { openKnowledgeBase } from "../../knowledge/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { startHarness, sleep, type Harness } from "./harness.js";

let kb: KnowledgeBase;
let h: Harness;
let trap: http.Server;
let trapUrl: string;
let trapHits = 0;

beforeAll(async () => {
  kb = await openKnowledgeBase();
  trap = http.createServer((req, res) => {
    trapHits++;
    req.resume();
    res.end(JSON.stringify({ errcode: 0 }));
  });
  await new Promise<void>((r) => trap.listen(0, "127.0.0.1", r));
  trapUrl = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => trap.close(r));
});
beforeEach(async () => {
  trapHits = 0;
  h = await startHarness({ kb, env: { DINGTALK_CORP_ID: "ding-emu-corp" } });
});
afterEach(async () => {
  await h.close();
});

const QUESTION = "政府性融资担保的费率是多少？";

describe("sessionWebhook host allowlist", () => {
  it("allows https on DingTalk's hosts by default, and exactly the origins configured", () => {
    const def = ["oapi.dingtalk.com", "api.dingtalk.com"];
    expect(isAllowedWebhook("https://oapi.dingtalk.com/robot/sendBySession?session=x", def)).toBe(true);
    for (const bad of [
      "http://oapi.dingtalk.com/robot/sendBySession",
      "https://oapi.dingtalk.com:8443/x",
      "https://evil.com/x",
      "https://oapi.dingtalk.com.evil.com/x",
      "https://user:pw@oapi.dingtalk.com/x",
      "http://127.0.0.1:6379/",
      "http://169.254.169.254/latest/meta-data",
      "not a url",
    ])
      expect(isAllowedWebhook(bad, def), bad).toBe(false);
    expect(isAllowedWebhook("http://127.0.0.1:4001/robot/x", ["http://127.0.0.1:4001"])).toBe(true);
    expect(isAllowedWebhook("http://127.0.0.1:4002/robot/x", ["http://127.0.0.1:4001"])).toBe(false);
  });

  it("refuses a callback for another robot or organisation", () => {
    const cb = parseRobotCallback(h.emu.callback({ conversationType: "1", text: "q" }));
    if (!cb.ok) throw new Error(cb.error);
    const policy = { webhookHosts: [h.emu.baseUrl], robotCode: h.emu.app.robotCode, corpId: h.emu.corpId };
    expect(originProblem(cb.callback, policy)).toBeNull();
    expect(originProblem({ ...cb.callback, robotCode: "other" }, policy)).toContain("robotCode");
    expect(originProblem({ ...cb.callback, chatbotCorpId: "other" }, policy)).toContain("chatbotCorpId");
  });

  it("a signed callback naming a foreign sessionWebhook is refused (400) and the server never POSTs there", async () => {
    for (const hook of [
      `${trapUrl}/steal`,
      "https://evil.example.com/x",
      "http://oapi.dingtalk.com/robot/sendBySession?session=1",
    ]) {
      const body = { ...h.emu.callback({ conversationType: "1", text: QUESTION }), sessionWebhook: hook };
      const res = await h.post(body);
      expect(res.status, hook).toBe(400);
    }
    const other = await h.post({
      ...h.emu.callback({ conversationType: "1", text: QUESTION }),
      robotCode: "someone-else",
    });
    expect(other.status).toBe(400);
    await sleep(500);
    expect(trapHits).toBe(0);
    expect(await h.server.app.queue.getJobCounts("waiting", "active", "completed")).toMatchObject({
      waiting: 0,
      active: 0,
      completed: 0,
    });
  });

  it("a callback from another sender cannot take over a single chat's stored route", async () => {
    const chat = "cidSingle-victim==";
    const mine = h.emu.callback({ conversationType: "1", text: QUESTION, staffId: "victim", conversationId: chat });
    expect((await h.post(mine)).status).toBe(200);
    await h.emu.state.waitFor((s) => s.length >= 1);
    const forged = h.emu.callback({ conversationType: "1", text: QUESTION, staffId: "attacker", conversationId: chat });
    expect((await h.post(forged)).status).toBe(200);
    await h.emu.state.waitFor((s) => s.length >= 2);
    const route = await h.server.app.redis.get(`${h.prefix}dingtalk:chat:${chat}`);
    expect(JSON.parse(route!)).toMatchObject({ conversationType: "1", staffId: "victim" });
  });
});
