// Protocol details without the network: the known-answer vectors from docs/platforms.md, mention
// handling, card encoding, config validation, the webhook order on hand-built requests.
import { describe, expect, it } from "vitest";
import { encodeReply, CARD_LIMIT_BYTES, TEXT_LIMIT_BYTES, TRUNCATED_NOTE } from "../../bot/channels/feishu/card.js";
import { feishuConfigSchema } from "../../bot/channels/feishu/config.js";
import { Decryptor, verifySignature } from "../../bot/channels/feishu/crypto.js";
import { decodeMessage, textWithoutMentions } from "../../bot/channels/feishu/decode.js";
import type { EventRouter } from "../../bot/channels/feishu/events.js";
import { messageReceiveSchema } from "../../bot/channels/feishu/schemas.js";
import { toUuid } from "../../bot/channels/feishu/sender.js";
import { createWebhookHandler } from "../../bot/channels/feishu/webhook.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { encryptPayload, seal, signBody, v2Envelope } from "../emulators/feishu/envelope.js";
import { decodeFrame, encodeFrame } from "../emulators/feishu/pbbp2.js";

describe("known-answer vectors (docs/platforms.md §1)", () => {
  it("signature self-check", () => {
    const expected = "65a31a66c53ed7c0fc2f0ec49b486863564819e494d7a86ee2381eb46f76ba5c";
    expect(signBody("1700000000", "nonce1", "test-encrypt-key", '{"encrypt":"abc"}')).toBe(expected);
    expect(
      verifySignature(
        { timestamp: "1700000000", nonce: "nonce1", signature: expected },
        "test-encrypt-key",
        '{"encrypt":"abc"}',
      ),
    ).toBe(true);
    expect(
      verifySignature(
        { timestamp: "1700000001", nonce: "nonce1", signature: expected },
        "test-encrypt-key",
        '{"encrypt":"abc"}',
      ),
    ).toBe(false);
    expect(
      verifySignature(
        { timestamp: "1700000000", nonce: "nonce1", signature: "zz" },
        "test-encrypt-key",
        '{"encrypt":"abc"}',
      ),
    ).toBe(false);
  });

  it("AES vector decrypts to the challenge; the emulator's ciphertext round-trips", () => {
    const encrypt =
      "tT1xP+ovuc0T3b/rnZX3ax76exqAn0ANQ6/U45GcciC0mgNBc8JtvqOJGNAPMKpgRs2dVU1NYk9VDeqS8T4SYtU0hzNU54aS84WnxvZ3VFfDcy/RyABlNqlUiGyLDzFI0yxdCMT4KR/YEQXlt6nZi50KwRlZ+A75r645KesZuLMljezYyY8VeeXEVjPw35+e";
    const d = new Decryptor("mazhe.nerd");
    expect(JSON.parse(d.decrypt(encrypt)!)).toEqual({
      challenge: "5634b122-c042-4634-bc7f-b07a3c3e77ad",
      token: "iRdCP2WwXNBXRM3mGLqhrgch3cn0gbT6",
      type: "url_verification",
    });
    expect(d.decrypt(encryptPayload('{"a":"中文"}', "mazhe.nerd"))).toBe('{"a":"中文"}');
    expect(new Decryptor("other-key").decrypt(encrypt)).toBeNull();
  });

  it("pbbp2.Frame round-trips", () => {
    const f = {
      SeqID: 3,
      LogID: 4,
      service: 7,
      method: 1,
      headers: [{ key: "type", value: "event" }],
      payload: Buffer.from("{}"),
    };
    const back = decodeFrame(encodeFrame(f));
    expect(back.headers).toEqual(f.headers);
    expect(Buffer.from(back.payload!).toString()).toBe("{}");
  });
});

function event(text: string, mentions: { key: string; open_id: string }[], chatType = "group") {
  return messageReceiveSchema.parse({
    sender: { sender_id: { open_id: "ou_user" }, sender_type: "user", tenant_key: "tk" },
    message: {
      message_id: "om_1",
      chat_id: "oc_1",
      chat_type: chatType,
      message_type: "text",
      content: JSON.stringify({ text }),
      mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.open_id }, name: "x" })),
    },
  });
}

describe("decode", () => {
  it("removes mention placeholders and detects only the bot's own mention", () => {
    const m = decodeMessage(
      event("@_user_1  融资担保 @_user_2 费率？", [
        { key: "@_user_1", open_id: "ou_bot" },
        { key: "@_user_2", open_id: "ou_x" },
      ]),
      { botOpenId: "ou_bot" },
    );
    expect(m).toMatchObject({
      text: "融资担保 费率？",
      mentionedBot: true,
      chatType: "group",
      senderId: "ou_user",
      tenant: "tk",
      messageType: "text",
    });
    expect(
      decodeMessage(event("@_user_1 hi", [{ key: "@_user_1", open_id: "ou_x" }]), { botOpenId: "ou_bot" }).mentionedBot,
    ).toBe(false);
    const all = decodeMessage(event("@_all 大家好", []), { botOpenId: "ou_bot" });
    expect(all).toMatchObject({ text: "大家好", mentionedBot: false });
    expect(textWithoutMentions(JSON.stringify({ text: "@_user_10 a @_user_1 b" }), ["@_user_1", "@_user_10"])).toBe(
      "a b",
    );
  });

  it("reads the text runs of a rich-text (post) message", () => {
    const e = event("x", [{ key: "@_user_1", open_id: "ou_bot" }]);
    e.message.message_type = "post";
    e.message.content = JSON.stringify({
      title: "",
      content: [
        [
          { tag: "at", user_id: "@_user_1", user_name: "企服通" },
          { tag: "text", text: " 融资担保" },
        ],
        [
          { tag: "text", text: "费率是多少？" },
          { tag: "img", image_key: "img_1" },
        ],
      ],
    });
    expect(decodeMessage(e, { botOpenId: "ou_bot" })).toMatchObject({
      messageType: "text",
      text: "融资担保\n费率是多少？",
      mentionedBot: true,
    });
  });

  it("marks non-text and broken content as 'other'", () => {
    const e = event("x", [], "p2p");
    e.message.message_type = "image";
    e.message.content = JSON.stringify({ image_key: "img" });
    expect(decodeMessage(e, { botOpenId: "ou_bot" }).messageType).toBe("other");
    const broken = event("x", [], "p2p");
    broken.message.content = "{oops";
    expect(decodeMessage(broken, { botOpenId: "ou_bot" })).toMatchObject({ messageType: "other", chatType: "p2p" });
  });
});

describe("encode", () => {
  it("renders a GenericCard with buttons and update_multi; text stays under 150 KB", () => {
    const m = encodeReply({
      kind: "card",
      text: "t",
      card: {
        title: "工单 #1",
        markdown: "**处理中**",
        buttons: [{ text: "关闭", value: { cmd: "ticket.close", id: "1" } }],
        template: "orange",
      },
    });
    const card = JSON.parse(m.content);
    expect(m.msgType).toBe("interactive");
    expect(card.config.update_multi).toBe(true);
    expect(card.header).toEqual({ template: "orange", title: { tag: "plain_text", content: "工单 #1" } });
    expect(card.elements[1].actions[0]).toMatchObject({ tag: "button", value: { cmd: "ticket.close", id: "1" } });
    const big = encodeReply({ kind: "text", text: "很长的文本".repeat(20_000) });
    expect(Buffer.byteLength(big.content)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(JSON.parse(big.content).text).toContain(TRUNCATED_NOTE);
    const bigCard = encodeReply({
      kind: "card",
      text: "t",
      card: { title: "x", markdown: "字".repeat(40_000), buttons: [] },
    });
    expect(Buffer.byteLength(bigCard.content)).toBeLessThanOrEqual(CARD_LIMIT_BYTES);
  });

  it("uuid: short keys unchanged, long keys hashed to ≤ 50 chars, stable", () => {
    expect(toUuid("feishu:om_1:0")).toBe("feishu:om_1:0");
    const long = "x".repeat(80);
    expect(toUuid(long)).toHaveLength(45);
    expect(toUuid(long)).toBe(toUuid(long));
    expect(toUuid(long)).not.toBe(toUuid(`${long}y`));
  });
});

describe("config", () => {
  const base = { FEISHU_APP_ID: "cli_a1b2c3d4e5f60718", FEISHU_APP_SECRET: "s", FEISHU_ENCRYPT_KEY: "k" };
  it("defaults mode and domain, strips a trailing slash", () => {
    expect(feishuConfigSchema.parse(base)).toMatchObject({
      FEISHU_MODE: "webhook",
      FEISHU_DOMAIN: "https://open.feishu.cn",
    });
    expect(feishuConfigSchema.parse({ ...base, FEISHU_DOMAIN: "http://127.0.0.1:9/" }).FEISHU_DOMAIN).toBe(
      "http://127.0.0.1:9",
    );
  });
  it("names the variable to fix", () => {
    const r = feishuConfigSchema.safeParse({ FEISHU_APP_ID: "cli_x", FEISHU_MODE: "socket" });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["FEISHU_APP_SECRET", "FEISHU_MODE"]));
    expect(feishuConfigSchema.safeParse({ FEISHU_APP_ID: "cli_x", FEISHU_APP_SECRET: "s" }).success).toBe(false); // webhook without any key
  });
});

describe("webhook order", () => {
  const config = feishuConfigSchema.parse({
    FEISHU_APP_ID: "cli_a1b2c3d4e5f60718",
    FEISHU_APP_SECRET: "s",
    FEISHU_ENCRYPT_KEY: "ek",
    FEISHU_VERIFICATION_TOKEN: "vt",
  });
  const routed: string[] = [];
  const router: EventRouter = { route: async (h) => (routed.push(h.event_type), { kind: "ok", body: {} }) };
  const handle = createWebhookHandler({ config, router, logger: createLogger("silent") });
  const hdr = { appId: config.FEISHU_APP_ID, tenantKey: "tk", verificationToken: "vt" };
  const req = (s: { body: string; headers: Record<string, string> }) => ({ rawBody: s.body, headers: s.headers });

  it("routes a valid event; rejects wrong token, wrong app, bad signature, stale timestamp", async () => {
    expect((await handle(req(seal(v2Envelope("x.y", {}, hdr), { encryptKey: "ek" })))).status).toBe(200);
    expect(routed).toEqual(["x.y"]);
    expect(
      (await handle(req(seal(v2Envelope("x.y", {}, { ...hdr, verificationToken: "no" }), { encryptKey: "ek" }))))
        .status,
    ).toBe(401);
    expect(
      (await handle(req(seal(v2Envelope("x.y", {}, { ...hdr, appId: "cli_other" }), { encryptKey: "ek" })))).status,
    ).toBe(401);
    expect((await handle(req(seal(v2Envelope("x.y", {}, hdr), { encryptKey: "wrong" })))).status).toBe(401);
    expect(
      (await handle(req(seal(v2Envelope("x.y", {}, hdr), { encryptKey: "ek", timestamp: 1_000_000 })))).status,
    ).toBe(401);
    expect(routed).toEqual(["x.y"]);
  });

  it("answers an encrypted challenge before any signature check, but only with the right token", async () => {
    const enc = {
      body: JSON.stringify({
        encrypt: encryptPayload(JSON.stringify({ challenge: "c1", token: "vt", type: "url_verification" }), "ek"),
      }),
      headers: {},
    };
    expect(await handle(req(enc))).toEqual({ status: 200, body: { challenge: "c1" } });
    const wrong = { body: JSON.stringify({ challenge: "c2", token: "nope", type: "url_verification" }), headers: {} };
    expect((await handle(req(wrong))).status).toBe(401);
  });

  it("a router failure (e.g. Redis down) answers 503 so the platform redelivers", async () => {
    const failing = createWebhookHandler({
      config,
      router: {
        route: async () => {
          throw new Error("redis down");
        },
      },
      logger: createLogger("silent"),
    });
    expect((await failing(req(seal(v2Envelope("im.message.receive_v1", {}, hdr), { encryptKey: "ek" })))).status).toBe(
      503,
    );
  });
});
