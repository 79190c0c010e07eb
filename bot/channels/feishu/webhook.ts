// POST /feishu/events (and /feishu/cards): the webhook order, once, in one place. Nothing costly
// (decrypting, parsing) happens before the raw body's signature has been checked:
//   signature over the raw bytes (timing-safe, 401) → stale timestamp (401) → decrypt → zod parse (400)
//   → token / app id check (401) → header.create_time inside the window (401) → route → 200 within 3 s.
// The url_verification challenge is exempt from the signature (platform rule), so an unsigned body
// is decrypted only when it is small enough to be one. The route's body limit (index.ts) bounds the rest.
// Without an Encrypt Key (only with FEISHU_ALLOW_UNSIGNED=true) the token and create_time are all we check.
// Failures we cannot fix right now (Redis down …) answer 503 so the platform redelivers.
import type { IncomingHttpHeaders } from "node:http";
import type { Logger } from "../../../knowledge/infra/logger.js";
import type { FeishuConfig } from "./config.js";
import { clockSkewSec, Decryptor, eventAgeSec, safeEqual, verifySignature } from "./crypto.js";
import type { EventRouter } from "./events.js";
import { challengeSchema, v2EnvelopeSchema } from "./schemas.js";

export interface WebhookInput {
  rawBody: string;
  headers: IncomingHttpHeaders;
}

export interface WebhookResult {
  status: number;
  body: unknown;
}

/** A url_verification challenge (even encrypted) is a few hundred bytes. */
const MAX_CHALLENGE_BYTES = 2048;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function createWebhookHandler(o: {
  config: FeishuConfig;
  router: EventRouter;
  logger: Logger;
  now?: () => number;
}) {
  const {
    FEISHU_ENCRYPT_KEY: encryptKey,
    FEISHU_VERIFICATION_TOKEN: verificationToken,
    FEISHU_APP_ID: appId,
  } = o.config;
  const maxAgeSec = o.config.FEISHU_MAX_CLOCK_SKEW_SEC;
  const decryptor = encryptKey ? new Decryptor(encryptKey) : null;
  const log = o.logger;
  const now = () => o.now?.() ?? Date.now();
  const reject = (status: number, reason: string): WebhookResult => {
    log.warn({ status, reason }, "feishu webhook rejected");
    return { status, body: { code: status, msg: reason } };
  };
  const tokenOk = (token: unknown) =>
    !verificationToken || (typeof token === "string" && safeEqual(token, verificationToken));

  /** Outer JSON → inner (decrypted when it is `{encrypt}`); undefined when either step fails. */
  const open = (raw: string): { outer: unknown; inner: unknown; encrypted: boolean } => {
    const outer = parseJson(raw);
    const encrypted = isObject(outer) && typeof outer.encrypt === "string";
    const inner = encrypted ? parseJson(decryptor?.decrypt(outer.encrypt as string)) : outer;
    return { outer, inner, encrypted };
  };

  const challengeReply = (inner: unknown): WebhookResult | null => {
    const challenge = challengeSchema.safeParse(inner);
    if (!challenge.success) return null;
    if (!tokenOk(challenge.data.token)) return reject(401, "verification token mismatch");
    return { status: 200, body: { challenge: challenge.data.challenge } };
  };

  return async function handle(req: WebhookInput): Promise<WebhookResult> {
    // 1. Signature over the raw body, then freshness of the signed timestamp — before any work.
    if (encryptKey) {
      const timestamp = first(req.headers["x-lark-request-timestamp"]);
      const sig = {
        timestamp,
        nonce: first(req.headers["x-lark-request-nonce"]),
        signature: first(req.headers["x-lark-signature"]),
      };
      if (!verifySignature(sig, encryptKey, req.rawBody)) {
        // URL verification is the one unsigned request the platform sends; it is tiny.
        if (Buffer.byteLength(req.rawBody) <= MAX_CHALLENGE_BYTES) {
          const reply = challengeReply(open(req.rawBody).inner);
          if (reply) return reply;
        }
        return reject(401, "bad signature");
      }
      if (clockSkewSec(timestamp, now()) > maxAgeSec) return reject(401, "stale request timestamp");
    }

    // 2. Decrypt.
    const { outer, inner, encrypted } = open(req.rawBody);
    if (outer === undefined) return reject(400, "body is not JSON");
    if (encrypted && inner === undefined) return reject(400, "cannot decrypt body");
    if (!encrypted && encryptKey) return reject(400, "expected an encrypted body");

    // 3. URL verification (signed or, without an Encrypt Key, plain).
    const challenge = challengeReply(inner);
    if (challenge) return challenge;

    // 4. Parse.
    const env = v2EnvelopeSchema.safeParse(inner);
    if (!env.success) {
      if (isObject(inner) && inner.type === "event_callback") return { status: 200, body: {} }; // v1 events: not subscribed
      return reject(400, `malformed event: ${env.error.issues[0]?.path.join(".")} ${env.error.issues[0]?.message}`);
    }
    const { header, event } = env.data;
    if (!tokenOk(header.token)) return reject(401, "verification token mismatch");
    if (header.app_id && header.app_id !== appId) return reject(401, "event for another app");
    // 5. Age of the event itself: required without a signature, checked whenever present.
    if ((header.create_time !== undefined || !encryptKey) && eventAgeSec(header.create_time, now()) > maxAgeSec) {
      return reject(401, "event create_time outside the allowed window");
    }

    // 6. Route.
    try {
      const outcome = await o.router.route(header, event);
      if (outcome.kind === "malformed") return reject(400, `malformed ${header.event_type}: ${outcome.issue}`);
      return { status: 200, body: outcome.kind === "ok" ? outcome.body : {} };
    } catch (err) {
      log.error(
        { err: (err as Error).message, eventId: header.event_id },
        "feishu event not accepted; platform will redeliver",
      );
      return { status: 503, body: { code: 503, msg: "temporarily unavailable" } };
    }
  };
}

export type WebhookHandler = ReturnType<typeof createWebhookHandler>;
