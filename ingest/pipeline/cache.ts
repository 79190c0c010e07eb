import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { LoadedDocumentCache } from "../../knowledge/loaders/index.js";
import type { Passage, SourceDocument } from "../../knowledge/types.js";

export function sha256(s: string): string {
  return createHash("sha256").update(s).digest("hex");
}

/**
 * Content-addressed cache of the expensive steps: each file's loaded document (keyed by its bytes, its
 * sidecar's and the loader's code, one entry per file), the passages a document splits into
 * (keyed by the document's content hash and the splitter version) and passage vectors (keyed
 * by the embedding model and the passage text hash). SQLite in WAL mode, so a killed build
 * never leaves a half-written entry and several processes may read it.
 */
export class IngestCache {
  private readonly db: Database.Database;
  private readonly getPassagesStmt: Database.Statement;
  private readonly putPassagesStmt: Database.Statement;
  private readonly getVectorStmt: Database.Statement;
  private readonly putVectorStmt: Database.Statement;
  private readonly hasVectorStmt: Database.Statement;
  private readonly getDocumentStmt: Database.Statement;
  private readonly putDocumentStmt: Database.Statement;

  constructor(file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.pragma("synchronous = NORMAL");
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS passages (doc_hash TEXT NOT NULL, splitter TEXT NOT NULL, json TEXT NOT NULL,
        PRIMARY KEY (doc_hash, splitter));
      CREATE TABLE IF NOT EXISTS vectors (model TEXT NOT NULL, text_hash TEXT NOT NULL, vec BLOB NOT NULL,
        PRIMARY KEY (model, text_hash));
      CREATE TABLE IF NOT EXISTS documents (file TEXT NOT NULL PRIMARY KEY, key TEXT NOT NULL, json TEXT NOT NULL);`);
    this.getPassagesStmt = this.db.prepare("SELECT json FROM passages WHERE doc_hash = ? AND splitter = ?");
    this.putPassagesStmt = this.db.prepare(
      "INSERT OR REPLACE INTO passages (doc_hash, splitter, json) VALUES (?, ?, ?)",
    );
    this.getVectorStmt = this.db.prepare("SELECT vec FROM vectors WHERE model = ? AND text_hash = ?");
    this.putVectorStmt = this.db.prepare("INSERT OR REPLACE INTO vectors (model, text_hash, vec) VALUES (?, ?, ?)");
    this.hasVectorStmt = this.db.prepare("SELECT length(vec) AS bytes FROM vectors WHERE model = ? AND text_hash = ?");
    this.getDocumentStmt = this.db.prepare("SELECT key, json FROM documents WHERE file = ?");
    this.putDocumentStmt = this.db.prepare("INSERT OR REPLACE INTO documents (file, key, json) VALUES (?, ?, ?)");
  }

  /** Loaded documents of the loader whose code hashes to `loaderVersion` (see codeFingerprint). */
  documents(loaderVersion: string): LoadedDocumentCache {
    return {
      get: (file, key) => {
        const row = this.getDocumentStmt.get(path.resolve(file)) as { key: string; json: string } | undefined;
        return row && row.key === `${loaderVersion}|${key}` ? (JSON.parse(row.json) as SourceDocument) : null;
      },
      put: (file, key, doc) => {
        this.putDocumentStmt.run(path.resolve(file), `${loaderVersion}|${key}`, JSON.stringify(doc));
      },
    };
  }

  getPassages(docHash: string, splitter: string): Passage[] | null {
    const row = this.getPassagesStmt.get(docHash, splitter) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as Passage[]) : null;
  }

  putPassages(docHash: string, splitter: string, passages: Passage[]): void {
    this.putPassagesStmt.run(docHash, splitter, JSON.stringify(passages));
  }

  getVector(model: string, textHash: string): Float64Array | null {
    const row = this.getVectorStmt.get(model, textHash) as { vec: Buffer } | undefined;
    if (!row) return null;
    const { buffer, byteOffset, byteLength } = row.vec;
    return byteOffset % Float64Array.BYTES_PER_ELEMENT === 0
      ? new Float64Array(buffer, byteOffset, byteLength / Float64Array.BYTES_PER_ELEMENT)
      : new Float64Array(buffer.slice(byteOffset, byteOffset + byteLength));
  }

  /** A vector of `dims` dimensions is cached (any length when dims is 0: not known before the first). */
  hasVector(model: string, textHash: string, dims: number): boolean {
    const row = this.hasVectorStmt.get(model, textHash) as { bytes: number } | undefined;
    return !!row && (!dims || row.bytes === dims * Float64Array.BYTES_PER_ELEMENT);
  }

  putVectors(model: string, entries: { textHash: string; vector: number[] }[]): void {
    const tx = this.db.transaction((rows: { textHash: string; vector: number[] }[]) => {
      for (const r of rows) this.putVectorStmt.run(model, r.textHash, Buffer.from(new Float64Array(r.vector).buffer));
    });
    tx(entries);
  }

  close(): void {
    this.db.close();
  }
}
