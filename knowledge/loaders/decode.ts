import chardet from "chardet";
import iconv from "iconv-lite";
import { BadDocumentError } from "./errors.js";

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 with BOM are taken as they are;
 * otherwise chardet decides, and GBK/GB2312/GB18030 are all decoded as GB18030 (a superset).
 * Text that decodes only with replacement characters is refused.
 */
export function decodeText(buf: Buffer, file: string): { text: string; encoding: string } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: strictUtf8(buf.subarray(3), file), encoding: "utf-8" };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return { text: iconv.decode(buf.subarray(2), "utf-16le"), encoding: "utf-16le" };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return { text: iconv.decode(buf.subarray(2), "utf-16be"), encoding: "utf-16be" };
  try {
    return { text: UTF8.decode(buf), encoding: "utf-8" };
  } catch {
    // not UTF-8: fall through to detection
  }
  if (buf.includes(0)) throw new BadDocumentError(file, "undecodable", "contains NUL bytes (binary file?)");
  const candidates = chardet.analyse(buf).map((m) => m.name.toLowerCase());
  const chinese = candidates.find((n) => /gb|big5/.test(n));
  const encoding = chinese?.startsWith("big5") ? "big5" : "gb18030";
  const text = iconv.decode(buf, encoding);
  const bad = (text.match(/\uFFFD/g) ?? []).length;
  if (bad > 0 || !looksLikeText(text)) {
    throw new BadDocumentError(
      file,
      "undecodable",
      `not UTF-8 and not valid ${encoding.toUpperCase()} (chardet: ${candidates.slice(0, 3).join(", ") || "none"})`,
    );
  }
  return { text, encoding };
}

function strictUtf8(buf: Buffer, file: string): string {
  try {
    return UTF8.decode(buf);
  } catch {
    throw new BadDocumentError(file, "undecodable", "UTF-8 byte-order mark but invalid UTF-8 bytes");
  }
}

/** Rejects decodings that are mostly control characters or rare symbols. */
function looksLikeText(text: string): boolean {
  if (!text.length) return true;
  let good = 0;
  for (const ch of text) {
    if (/[\p{Script=Han}\p{L}\p{N}\p{P}\s]/u.test(ch)) good++;
  }
  return good / [...text].length > 0.9;
}
