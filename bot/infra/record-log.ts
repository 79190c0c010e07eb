// Durable append-only records (handoff requests, feedback): a Redis stream per kind on servers,
// a JSON-lines file under DATA_DIR in local mode. Appends are never silently dropped: a failure throws.
// Records are stored with personal data masked (phone, ID and credit-code numbers).
import fs from "node:fs";
import path from "node:path";
import type { Redis } from "ioredis";
import { maskDeep } from "../../knowledge/infra/mask.js";
import { StoreError } from "./errors.js";

export interface StoredRecord<T> {
  id: string;
  at: string; // ISO time
  data: T;
}

export interface RecordLog<T> {
  /** Appends one record and returns its id. */
  append(data: T): Promise<StoredRecord<T>>;
  /** Newest first. */
  recent(limit?: number): Promise<StoredRecord<T>[]>;
}

export class RedisRecordLog<T> implements RecordLog<T> {
  private readonly key: string;
  constructor(
    private readonly redis: Redis,
    kind: string,
    prefix = "qft:",
  ) {
    this.key = `${prefix}log:${kind}`;
  }

  async append(data: T): Promise<StoredRecord<T>> {
    const at = new Date().toISOString();
    data = maskDeep(data);
    const id = await this.redis.xadd(this.key, "*", "at", at, "data", JSON.stringify(data));
    if (!id) throw new StoreError("RECORD_APPEND", `XADD ${this.key} returned no id`);
    return { id, at, data };
  }

  async recent(limit = 50): Promise<StoredRecord<T>[]> {
    const rows = await this.redis.xrevrange(this.key, "+", "-", "COUNT", limit);
    return rows.map(([id, fields]) => {
      const f: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
      return { id, at: f.at ?? "", data: JSON.parse(f.data ?? "null") as T };
    });
  }
}

/** Local mode: `<dir>/<kind>.jsonl`, one record per line, appended with O_APPEND. */
export class FileRecordLog<T> implements RecordLog<T> {
  readonly file: string;
  private seq = 0;

  constructor(dir: string, kind: string) {
    this.file = path.join(dir, `${kind}.jsonl`);
  }

  async append(data: T): Promise<StoredRecord<T>> {
    const at = new Date().toISOString();
    const rec: StoredRecord<T> = { id: `${Date.now()}-${process.pid}-${this.seq++}`, at, data: maskDeep(data) };
    try {
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      await fs.promises.appendFile(this.file, JSON.stringify(rec) + "\n", "utf8");
    } catch (err) {
      throw new StoreError("RECORD_APPEND", `cannot append to ${this.file}`, { cause: err });
    }
    return rec;
  }

  async recent(limit = 50): Promise<StoredRecord<T>[]> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, "utf8");
    } catch {
      return [];
    }
    const out: StoredRecord<T>[] = [];
    for (const line of text.split("\n").reverse()) {
      if (!line.trim()) continue;
      try {
        out.push(JSON.parse(line) as StoredRecord<T>);
      } catch {
        continue; // a torn last line from a crash is skipped, earlier records still count
      }
      if (out.length >= limit) break;
    }
    return out;
  }
}

/** In-memory log for unit tests only. */
export class MemoryRecordLog<T> implements RecordLog<T> {
  readonly records: StoredRecord<T>[] = [];
  async append(data: T): Promise<StoredRecord<T>> {
    const rec = { id: String(this.records.length + 1), at: new Date().toISOString(), data };
    this.records.push(rec);
    return rec;
  }
  async recent(limit = 50): Promise<StoredRecord<T>[]> {
    return this.records.slice(-limit).reverse();
  }
}
