// Builds event envelopes the way the Feishu open platform does (docs/platforms.md §1–3):
// v2 envelope, compact JSON.stringify, AES-256-CBC with sha256(encryptKey), and
// X-Lark-Signature = hex(sha256(timestamp + nonce + encryptKey + body)).
import { createCipheriv, createHash, randomBytes, randomUUID } from "node:crypto";

export function encryptPayload(plain: string, encryptKey: string): string {
  const iv = randomBytes(16);
  const c = createCipheriv("aes-256-cbc", createHash("sha256").update(encryptKey).digest(), iv);
  return Buffer.concat([iv, c.update(plain, "utf8"), c.final()]).toString("base64");
}

export function signBody(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash("sha256")
    .update(timestamp + nonce + encryptKey + body)
    .digest("hex");
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface SealOptions {
  encryptKey?: string;
  /** Override the timestamp (seconds) — for stale-request tests. */
  timestamp?: number;
  /** Corrupt the signature — for bad-signature tests. */
  badSignature?: boolean;
}

/** Encrypts (when an encrypt key is set) and signs one payload object, as Feishu does before POSTing it. */
export function seal(payload: unknown, opts: SealOptions): SignedRequest {
  const plain = JSON.stringify(payload);
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (!opts.encryptKey) return { body: plain, headers };
  const body = JSON.stringify({ encrypt: encryptPayload(plain, opts.encryptKey) });
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString("hex");
  let signature = signBody(timestamp, nonce, opts.encryptKey, body);
  if (opts.badSignature) signature = signature.replace(/^./, (ch) => (ch === "0" ? "1" : "0"));
  headers["x-lark-request-timestamp"] = timestamp;
  headers["x-lark-request-nonce"] = nonce;
  headers["x-lark-signature"] = signature;
  return { body, headers };
}

export interface EnvelopeHeader {
  appId: string;
  tenantKey: string;
  verificationToken: string;
  eventId?: string;
}

export function v2Envelope(eventType: string, event: unknown, h: EnvelopeHeader) {
  return {
    schema: "2.0",
    header: {
      event_id: h.eventId ?? randomUUID().replace(/-/g, ""),
      event_type: eventType,
      create_time: String(Date.now()),
      token: h.verificationToken,
      app_id: h.appId,
      tenant_key: h.tenantKey,
    },
    event,
  };
}

export function challengeBody(challenge: string, verificationToken: string) {
  return { challenge, token: verificationToken, type: "url_verification" };
}
