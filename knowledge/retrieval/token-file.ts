// The BM25 tokens an index saves, so loading it needs no word segmentation: the distinct terms
// (bm25-terms.json) and every passage's tokens as term ids (bm25-tokens.bin: int32, the platform's byte
// order — a version is read where it was written). Versions written before hold tokens.json (string[][]).
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { readText, writeHashed } from "../infra/hashed-files.js";
import { type TokenTable, tokenTableIsValid } from "./bm25.js";

const TERMS_FILE = "bm25-terms.json";
const IDS_FILE = "bm25-tokens.bin";
const LEGACY_FILE = "tokens.json";

/** Writes the table; returns the sha256 of each file written, by name. */
export async function saveTokens(dir: string, table: TokenTable): Promise<Record<string, string>> {
  const passages = table.starts.length - 1;
  const all = new Int32Array(1 + table.starts.length + table.ids.length);
  all[0] = passages;
  all.set(table.starts, 1);
  all.set(table.ids, 1 + table.starts.length);
  return {
    [TERMS_FILE]: await writeHashed(path.join(dir, TERMS_FILE), JSON.stringify(table.terms)),
    [IDS_FILE]: await writeHashed(path.join(dir, IDS_FILE), Buffer.from(all.buffer, all.byteOffset, all.byteLength)),
  };
}

/** The saved tokens of `passages` passages, or null when there are none usable (then they are tokenized again). */
export async function readTokens(dir: string, passages: number): Promise<TokenTable | string[][] | null> {
  try {
    if (existsSync(path.join(dir, IDS_FILE))) {
      const terms = JSON.parse(await readText(path.join(dir, TERMS_FILE))) as string[];
      const buf = await readFile(path.join(dir, IDS_FILE));
      const aligned = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
      const all = new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
      const n = all[0];
      const table = { terms, starts: all.subarray(1, n + 2), ids: all.subarray(n + 2) };
      return Array.isArray(terms) && n === passages && tokenTableIsValid(table, passages) ? table : null;
    }
    const legacy = JSON.parse(await readText(path.join(dir, LEGACY_FILE))) as string[][];
    return legacy.length === passages ? legacy : null;
  } catch {
    return null;
  }
}
