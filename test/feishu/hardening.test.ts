// Issue 12 items 6 and 7: the signature over the raw body is checked before anything is decrypted
// or parsed, the route refuses big bodies, webhook mode needs an Encrypt Key (or an explicit
// FEISHU_ALLOW_UNSIGNED=true), and events outside the create_time window are refused in every mode.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { feishuConfigSchema } from "../../bot/channels/feishu/config.js";
import { Decryptor, eventAgeSec } from "../../bot/channels/feishu/crypto.js";
import type { EventRouter } from "../../bot/channels/feishu/events.js";
import { createWebhookHandler } from "../../bot/channels/feishu/webhook.js";
import { createLogger } from "../../knowledge/infra/logger.js";
import { encryptPayload, seal, v2Envelope } from "../emulators/feishu/envelope.js";
import { startFeishuStack, type FeishuStack } from "./harness.js";

const APP = "cli_a1b2c3d4e5f60718";
const hdr = { appId: APP, tenantKey: "tk", verificationToken: "vt" };
const req = (s: { body: string; headers: Record<string, string> }) => ({ rawBody: s.body, headers: s.headers });

function handler(env: Record<string, string>) {
  const config = feishuConfigSchema.parse({
    FEISHU_APP_ID: APP,
    FEISHU_APP_SECRET: "s",
    FEISHU_VERIFICATION_TOKEN: "vt",
    ...env,
  });
  const routed: string[] = [];
  const router: EventRouter = { route: async (h) => (routed.push(h.event_type), { kind: "ok", body: {} }) };
  return { routed, handle: createWebhookHandler({ config, router, logger: createLogger("silent") }) };
}

describe("signature before work", () => {
  it("an unsigned or wrongly signed body is refused without decrypting or parsing it", async () => {
    const { handle, routed } = handler({ FEISHU_ENCRYPT_KEY: "ek" });
    const decrypt = vi.spyOn(Decryptor.prototype, "decrypt");
    const big = JSON.stringify({
      encrypt: encryptPayload(
        JSON.stringify(v2Envelope("im.message.receive_v1", { pad: "x".repeat(60_000) }, hdr)),
        "ek",
      ),
    });
    expect((await handle({ rawBody: big, headers: {} })).status).toBe(401);
    const forged = seal(v2Envelope("im.message.receive_v1", { pad: "x".repeat(60_000) }, hdr), {
      encryptKey: "ek",
      badSignature: true,
    });
    expect((await handle(req(forged))).status).toBe(401);
    expect(decrypt).not.toHaveBeenCalled();
    expect(routed).toEqual([]);
    // a small unsigned body may be the URL-verification challenge (exempt from the signature)
    const challenge = {
      body: JSON.stringify({
        encrypt: encryptPayload(JSON.stringify({ challenge: "c1", token: "vt", type: "url_verification" }), "ek"),
      }),
      headers: {},
    };
    expect(await handle(req(challenge))).toEqual({ status: 200, body: { challenge: "c1" } });
    decrypt.mockRestore();
  });

  it("refuses an event whose header.create_time is outside the window even when signed", async () => {
    const { handle, routed } = handler({ FEISHU_ENCRYPT_KEY: "ek", FEISHU_MAX_CLOCK_SKEW_SEC: "600" });
    const old = v2Envelope("x.y", {}, hdr);
    old.header.create_time = String(Date.now() - 3_600_000);
    expect((await handle(req(seal(old, { encryptKey: "ek" })))).status).toBe(401);
    expect((await handle(req(seal(v2Envelope("x.y", {}, hdr), { encryptKey: "ek" })))).status).toBe(200);
    expect(routed).toEqual(["x.y"]);
  });
});

describe("create_time units", () => {
  it("reads milliseconds (documented), microseconds and seconds by magnitude", () => {
    const now = 1_700_000_000_000;
    expect(eventAgeSec(String(now - 5000), now)).toBe(5);
    expect(eventAgeSec(String((now - 5000) * 1000), now)).toBe(5);
    expect(eventAgeSec(String((now - 5000) / 1000), now)).toBe(5);
    expect(eventAgeSec(undefined, now)).toBe(Infinity);
    expect(eventAgeSec("soon", now)).toBe(Infinity);
  });
});

describe("token-only mode", () => {
  it("webhook mode without FEISHU_ENCRYPT_KEY does not start unless FEISHU_ALLOW_UNSIGNED=true", () => {
    const base = { FEISHU_APP_ID: APP, FEISHU_APP_SECRET: "s", FEISHU_VERIFICATION_TOKEN: "vt" };
    const r = feishuConfigSchema.safeParse(base);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain("FEISHU_ALLOW_UNSIGNED");
    expect(feishuConfigSchema.safeParse({ ...base, FEISHU_ALLOW_UNSIGNED: "true" }).success).toBe(true);
    expect(feishuConfigSchema.safeParse({ ...base, FEISHU_MODE: "ws" }).success).toBe(true);
    expect(
      feishuConfigSchema.safeParse({ FEISHU_APP_ID: APP, FEISHU_APP_SECRET: "s", FEISHU_ALLOW_UNSIGNED: "true" })
        .success,
    ).toBe(false); // still needs the token
  });

  it("with FEISHU_ALLOW_UNSIGNED=true, events need a fresh create_time (no replay of old events)", async () => {
    const { handle, routed } = handler({ FEISHU_ALLOW_UNSIGNED: "true", FEISHU_MAX_CLOCK_SKEW_SEC: "600" });
    const fresh = v2Envelope("x.y", {}, hdr);
    expect((await handle({ rawBody: JSON.stringify(fresh), headers: {} })).status).toBe(200);
    const stale = v2Envelope("x.y", {}, hdr);
    stale.header.create_time = String(Date.now() - 24 * 3_600_000);
    expect((await handle({ rawBody: JSON.stringify(stale), headers: {} })).status).toBe(401);
    const undated = v2Envelope("x.y", {}, hdr) as { header: Record<string, unknown> };
    delete undated.header.create_time;
    expect((await handle({ rawBody: JSON.stringify(undated), headers: {} })).status).toBe(401);
    expect(routed).toEqual(["x.y"]);
  });
});

describe("route body limit (real server)", () => {
  let s: FeishuStack;
  beforeAll(async () => {
    s = await startFeishuStack();
  }, 120_000);
  afterAll(async () => {
    await s.close();
  });

  it("a 900 KB unsigned body is refused with 413 at once, and real events still get fast acks", async () => {
    const url = `http://127.0.0.1:${s.server.port}/feishu/events`;
    const big = JSON.stringify({ encrypt: "A".repeat(900 * 1024) });
    const t0 = performance.now();
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: big }).then(
          (r) => r.status,
        ),
      ),
    );
    const floodMs = performance.now() - t0;
    expect(new Set(results)).toEqual(new Set([413]));
    expect(floodMs).toBeLessThan(6000); // generous: the whole suite shares two cores; alone it takes ~0.4 s
    const ok = seal(
      v2Envelope(
        "x.unknown",
        {},
        { appId: s.emu.app.appId, tenantKey: "tk", verificationToken: s.emu.app.verificationToken },
      ),
      { encryptKey: s.emu.app.encryptKey },
    );
    const t1 = performance.now();
    const r = await fetch(url, { method: "POST", headers: ok.headers, body: ok.body });
    expect(r.status).toBe(200);
    expect(performance.now() - t1).toBeLessThan(2000);
    expect(await s.jobCount()).toBe(0);
  });
});
