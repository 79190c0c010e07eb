// Signature check and decryption of Feishu event deliveries (docs/platforms.md §1).
import { createHash, timingSafeEqual } from "node:crypto";
import { AESCipher } from "@larksuiteoapi/node-sdk";

/** hex(sha256(timestamp + nonce + encryptKey + body)), compared in constant time. */
export function verifySignature(
  headers: { timestamp?: string; nonce?: string; signature?: string },
  encryptKey: string,
  rawBody: string,
): boolean {
  const { timestamp, nonce, signature } = headers;
  if (!timestamp || !nonce || !signature || !/^[0-9a-f]{64}$/i.test(signature)) return false;
  const expected = createHash("sha256")
    .update(timestamp + nonce + encryptKey + rawBody)
    .digest();
  return timingSafeEqual(expected, Buffer.from(signature, "hex"));
}

/** Constant-time string equality (verification tokens). */
export function safeEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a).digest();
  const hb = createHash("sha256").update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

export class Decryptor {
  private readonly cipher: AESCipher;
  constructor(encryptKey: string) {
    this.cipher = new AESCipher(encryptKey);
  }
  /** The decrypted JSON text, or null when the payload is not valid ciphertext for this key. */
  decrypt(encrypt: string): string | null {
    try {
      return this.cipher.decrypt(encrypt);
    } catch {
      return null;
    }
  }
}

/** Seconds between the request timestamp and now; Infinity when it is missing or not a number. */
export function clockSkewSec(timestamp: string | undefined, nowMs = Date.now()): number {
  const ts = Number(timestamp);
  if (!timestamp || !Number.isFinite(ts)) return Infinity;
  return Math.abs(nowMs / 1000 - ts);
}

/**
 * Seconds between an event's header.create_time and now; Infinity when missing or not a number.
 * Documented as milliseconds; some documentation samples show microseconds (16 digits) or seconds,
 * so the unit is read from the magnitude.
 */
export function eventAgeSec(createTime: string | undefined, nowMs = Date.now()): number {
  let ts = Number(createTime);
  if (!createTime || !Number.isFinite(ts) || ts <= 0) return Infinity;
  if (ts > 1e14)
    ts /= 1000; // µs
  else if (ts < 1e11) ts *= 1000; // s
  return Math.abs(nowMs - ts) / 1000;
}
