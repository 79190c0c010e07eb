// Signature check and callback decoding (pure functions).
import { describe, expect, it } from "vitest";
import {
  isAddressedToBot,
  parseRobotCallback,
  replyHandleOf,
  toInboundMessage,
} from "../../bot/channels/dingtalk/decode.js";
import { computeSign, verifySign } from "../../bot/channels/dingtalk/sign.js";

const SECRET = "test-secret";
const TS = "1700000000000";

describe("DingTalk callback signature", () => {
  it("matches the self-check vector of platforms.md §6(a)", () => {
    expect(computeSign(TS, SECRET)).toBe("BYMqUCZnSqbfPf1GCfZftO7Rg2g6P+Rp3/4+bLNtSGA=");
  });

  it("accepts a correct sign inside ±1 h and rejects everything else", () => {
    const now = Number(TS);
    const sign = computeSign(TS, SECRET);
    expect(verifySign(TS, sign, SECRET, now)).toEqual({ ok: true });
    expect(verifySign(TS, sign, SECRET, now + 3600_000)).toEqual({ ok: true });
    expect(verifySign(TS, sign, SECRET, now + 3600_001)).toEqual({ ok: false, reason: "expired" });
    expect(verifySign(TS, sign, SECRET, now - 3600_001)).toEqual({ ok: false, reason: "expired" });
    expect(verifySign(TS, sign, "other-secret", now)).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifySign(TS, sign.slice(0, -2), SECRET, now)).toEqual({ ok: false, reason: "bad_sign" });
    expect(verifySign(undefined, sign, SECRET, now)).toEqual({ ok: false, reason: "missing" });
    expect(verifySign(TS, undefined, SECRET, now)).toEqual({ ok: false, reason: "missing" });
    expect(verifySign("17e11", sign, SECRET, now)).toEqual({ ok: false, reason: "bad_timestamp" });
  });
});

const base = {
  msgtype: "text",
  text: { content: "  融资担保费率是多少？ " },
  msgId: "msgA1",
  createAt: 1_700_000_000_000,
  conversationType: "1",
  conversationId: "cid1==",
  senderId: "$:LWCP_v1:$abc",
  senderNick: "王女士",
  senderStaffId: "staff9",
  senderCorpId: "corpX",
  chatbotCorpId: "corpX",
  robotCode: "dingrobot",
  sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=s1",
  sessionWebhookExpiredTime: 1_700_005_400_000,
};

describe("DingTalk callback decoding", () => {
  it("turns a single-chat callback into one InboundMessage with a reply handle", () => {
    const parsed = parseRobotCallback(base);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(isAddressedToBot(parsed.callback)).toBe(true);
    const msg = toInboundMessage(parsed.callback);
    expect(msg).toMatchObject({
      platform: "dingtalk",
      tenant: "corpX",
      chatId: "cid1==",
      chatType: "p2p",
      senderId: "staff9",
      senderName: "王女士",
      messageId: "msgA1",
      messageType: "text",
      text: "融资担保费率是多少？",
      receivedAt: 1_700_000_000_000,
    });
    expect(replyHandleOf(JSON.parse(JSON.stringify(msg)))).toEqual({
      sessionWebhook: base.sessionWebhook,
      sessionWebhookExpiredTime: base.sessionWebhookExpiredTime,
      conversationType: "1",
      staffId: "staff9",
    });
  });

  it("answers groups only when isInAtList is true", () => {
    const group = { ...base, conversationType: "2", conversationTitle: "群" };
    for (const [isInAtList, expected] of [
      [true, true],
      [false, false],
      [undefined, false],
    ] as const) {
      const parsed = parseRobotCallback({ ...group, isInAtList });
      if (!parsed.ok) throw new Error(parsed.error);
      expect(isAddressedToBot(parsed.callback)).toBe(expected);
      expect(toInboundMessage(parsed.callback).chatType).toBe("group");
    }
  });

  it("marks non-text messages and reads richText", () => {
    const pic = parseRobotCallback({ ...base, msgtype: "picture", text: undefined, content: { downloadCode: "x" } });
    if (!pic.ok) throw new Error(pic.error);
    expect(toInboundMessage(pic.callback)).toMatchObject({ messageType: "other", text: "" });
    const rich = parseRobotCallback({
      ...base,
      msgtype: "richText",
      text: undefined,
      content: { richText: [{ text: "技改" }, { downloadCode: "p" }, { text: "补贴" }] },
    });
    if (!rich.ok) throw new Error(rich.error);
    expect(toInboundMessage(rich.callback)).toMatchObject({ messageType: "text", text: "技改补贴" });
  });

  it("rejects malformed callbacks with a reason", () => {
    const cases: unknown[] = [
      null,
      [],
      "x",
      { ...base, msgId: "" },
      { ...base, conversationType: 1 },
      { ...base, sessionWebhook: "javascript:alert(1)" },
      { ...base, senderStaffId: undefined, senderId: undefined },
    ];
    for (const c of cases) {
      const r = parseRobotCallback(c);
      expect(r.ok).toBe(false);
    }
  });
});
