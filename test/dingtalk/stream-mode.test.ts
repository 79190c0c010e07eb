// Stream mode end to end: the real dingtalk-stream DWClient connects through the (intercepted)
// gateway to the emulator's WebSocket, receives CALLBACK frames, acks them, and the bot replies
// through the sessionWebhook. A lost ack makes the emulator redeliver; the bot answers once.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openKnowledgeBase } from "../../knowledge/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import { startDingtalkEmulator, type DingtalkEmulator } from "../emulators/dingtalk/emulator.js";
import { startHarness, sleep, until, type Harness } from "./harness.js";
import { interceptDingtalkGateway } from "./stream-gateway-intercept.js";

const QUESTION = "企业信用修复找哪个部门？";
let kb: KnowledgeBase;
let h: Harness;
let emu: DingtalkEmulator;
let restoreNet: () => void;

beforeAll(async () => {
  kb = await openKnowledgeBase();
});

beforeEach(async () => {
  emu = await startDingtalkEmulator({ redeliverAfterMs: 300 });
  restoreNet = interceptDingtalkGateway(emu.baseUrl);
  h = await startHarness({ kb, mode: "stream", emu });
  await emu.stream.waitForConnection();
});

afterEach(async () => {
  await h.close();
  restoreNet();
});

afterAll(() => undefined);

describe("DingTalk Stream mode (dingtalk-stream SDK)", () => {
  it("connects through the gateway, echoes SYSTEM pings, acks a callback and replies via the sessionWebhook", async () => {
    expect(emu.state.requests.filter((r) => r.api === "gateway")).toEqual([expect.objectContaining({ status: 200 })]);
    await emu.stream.ping();
    const body = emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-stream" });
    const frameId = emu.stream.pushRobotMessage(body);
    const acks = await emu.stream.waitForAcks(1);
    expect(acks[0].messageId).toBe(frameId);
    expect(JSON.parse(acks[0].data)).toHaveProperty("response");
    const [m] = await emu.state.waitFor((s) => s.length >= 1);
    expect(m.via).toBe("webhook");
    expect(m.msgtype).toBe("markdown");
    expect(m.text).toContain("市市场监管局");
    expect(m.text).toContain("转人工");
    expect(emu.stream.unacked()).toEqual([]);
    const health = await h.server.app.health();
    expect(health.channels.dingtalk).toMatchObject({ ok: true, mode: "stream", connected: true });
  });

  it("answers once when an ack is lost and the gateway redelivers the frame", async () => {
    emu.stream.dropNextAcks = 1;
    const body = emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-redeliver" });
    const frameId = emu.stream.pushRobotMessage(body);
    await emu.stream.waitForAcks(1, 5000); // only the redelivery's ack reaches the gateway
    expect(emu.stream.deliveries.filter((d) => d.messageId === frameId).length).toBeGreaterThanOrEqual(2);
    await emu.state.waitFor((s) => s.length >= 1);
    await sleep(500);
    expect(emu.state.shown).toHaveLength(1);
    expect(emu.stream.unacked()).toEqual([]);
  });

  it("answers once when DingTalk pushes the same msgId in two different frames", async () => {
    const body = emu.callback({ conversationType: "2", text: QUESTION, staffId: "staff-g", isInAtList: true });
    emu.stream.pushRobotMessage(body);
    emu.stream.pushRobotMessage(body);
    await emu.stream.waitForAcks(2);
    const [m] = await emu.state.waitFor((s) => s.length >= 1);
    expect(m.atUserIds).toEqual(["staff-g"]);
    await sleep(500);
    expect(emu.state.shown).toHaveLength(1);
  });

  it("reconnects through the gateway after the connection drops and receives what was pushed meanwhile", async () => {
    emu.stream.dropConnections();
    await until(() => emu.stream.connections === 0, 2000, "disconnect");
    const body = emu.callback({ conversationType: "1", text: QUESTION, staffId: "staff-reconnect" });
    emu.stream.pushRobotMessage(body); // nobody connected: stays pending at the gateway
    await emu.stream.waitForConnection(5000); // the SDK retries after ~1 s with a fresh ticket
    await emu.stream.waitForAcks(1, 5000);
    const [m] = await emu.state.waitFor((s) => s.length >= 1);
    expect(m.text).toContain("市市场监管局");
    expect(emu.state.requests.filter((r) => r.api === "gateway")).toHaveLength(2);
  });

  it("acks but ignores group messages without @ and malformed frames", async () => {
    emu.stream.pushRobotMessage(emu.callback({ conversationType: "2", text: QUESTION, isInAtList: false }));
    emu.stream.pushRobotMessage({ msgtype: "text", text: { content: "no ids" } });
    await emu.stream.waitForAcks(2);
    await sleep(400);
    expect(emu.state.shown).toHaveLength(0);
    expect(emu.stream.unacked()).toEqual([]);
  });
});
