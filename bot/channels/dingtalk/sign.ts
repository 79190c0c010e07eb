// HTTP-callback signature: sign = base64(HmacSHA256(key = appSecret, msg = timestamp + "\n" + appSecret)).
import { createHmac, timingSafeEqual } from "node:crypto";

/** DingTalk rejects callbacks whose timestamp is more than one hour away from now. */
export const SIGN_WINDOW_MS = 60 * 60 * 1000;

export function computeSign(timestamp: string, appSecret: string): string {
  return createHmac("sha256", appSecret).update(`${timestamp}\n${appSecret}`, "utf8").digest("base64");
}

export type SignCheck = { ok: true } | { ok: false; reason: "missing" | "bad_timestamp" | "expired" | "bad_sign" };

export function verifySign(
  timestamp: string | undefined,
  sign: string | undefined,
  appSecret: string,
  now: number = Date.now(),
): SignCheck {
  if (!timestamp || !sign) return { ok: false, reason: "missing" };
  if (!/^\d{10,16}$/.test(timestamp)) return { ok: false, reason: "bad_timestamp" };
  if (Math.abs(now - Number(timestamp)) > SIGN_WINDOW_MS) return { ok: false, reason: "expired" };
  const expected = Buffer.from(computeSign(timestamp, appSecret), "utf8");
  const given = Buffer.from(sign, "utf8");
  // timingSafeEqual needs equal lengths; a length mismatch is a mismatch, compared in constant time anyway.
  const same =
    given.length === expected.length ? timingSafeEqual(given, expected) : (timingSafeEqual(expected, expected), false);
  return same ? { ok: true } : { ok: false, reason: "bad_sign" };
}
