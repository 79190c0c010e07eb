// Files written and read together with their sha256, so a saved index's checksums are the hashes of the
// very bytes that were serialised (not of a re-read), and big JSON is never held as one string.
import { createHash } from "node:crypto";
import { open, readFile, writeFile } from "node:fs/promises";

const CHUNK_CHARS = 1 << 20;

export const sha256Hex = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Writes `data` and returns its sha256. */
export async function writeHashed(file: string, data: string | Buffer): Promise<string> {
  const buf = typeof data === "string" ? Buffer.from(data) : data;
  await writeFile(file, buf);
  return sha256Hex(buf);
}

/**
 * Writes a JSON array one item at a time — the same bytes as JSON.stringify of the whole array — and
 * returns its sha256.
 */
export async function writeJsonArray(file: string, count: number, item: (i: number) => unknown): Promise<string> {
  const hash = createHash("sha256");
  const fh = await open(file, "w");
  // One buffer for every chunk (UTF-8 takes at most 3 bytes per UTF-16 unit): a big index leaves no trail
  // of megabyte buffers for the garbage collector.
  let buf = Buffer.allocUnsafe(CHUNK_CHARS * 3 + 16);
  try {
    let pending = "[";
    const flush = async () => {
      if (pending.length * 3 > buf.length) buf = Buffer.allocUnsafe(pending.length * 3);
      const n = buf.write(pending);
      pending = "";
      hash.update(buf.subarray(0, n));
      await fh.write(buf, 0, n);
    };
    for (let i = 0; i < count; i++) {
      pending += (i ? "," : "") + (JSON.stringify(item(i)) ?? "null");
      if (pending.length >= CHUNK_CHARS) await flush();
    }
    pending += "]";
    await flush();
  } finally {
    await fh.close();
  }
  return hash.digest("hex");
}

/** sha256 of a file, read in chunks into one buffer (a 50 MB graph is never held whole). */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  const buf = Buffer.allocUnsafe(1 << 20);
  const fh = await open(file, "r");
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      hash.update(buf.subarray(0, bytesRead));
    }
  } finally {
    await fh.close();
  }
  return hash.digest("hex");
}

/** A UTF-8 file's text and the sha256 of its bytes (one read, no re-encoding to hash it). */
export async function readHashed(file: string): Promise<{ text: string; sha256: string }> {
  const buf = await readFile(file);
  return { text: buf.toString("utf8"), sha256: sha256Hex(buf) };
}

/** A UTF-8 file's text: read as bytes and decoded once (faster than a streamed decode for big files). */
export async function readText(file: string): Promise<string> {
  return (await readFile(file)).toString("utf8");
}
