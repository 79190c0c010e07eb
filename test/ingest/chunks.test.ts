import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CORPUS_DIR } from "../../knowledge/infra/env.js";
import { loadDocuments } from "../../knowledge/loaders/index.js";
import { defaultCore } from "../../ingest/pipeline/core.js";
import { boundPassages } from "../../ingest/pipeline/steps.js";
import type { Passage, SourceDocument } from "../../knowledge/types.js";
import { writeFixtureSet } from "./fixtures.js";
import { tempDir } from "./helpers.js";

const BOUND = 1200; // INGEST_MAX_PASSAGE_CHARS default
const squash = (s: string) => s.replace(/\s+/g, "");
let dir: string;
let docs: SourceDocument[];
let byDoc: Map<string, Passage[]>;

beforeAll(async () => {
  dir = await tempDir("chunks");
  const files = await writeFixtureSet(dir);
  const loaded = await loadDocuments([DEFAULT_CORPUS_DIR, ...Object.values(files)]);
  expect(loaded.errors).toEqual([]);
  docs = loaded.docs;
  const core = defaultCore();
  byDoc = new Map(docs.map((d) => [d.id, boundPassages(core.splitDocument(d), BOUND)]));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("chunk invariants (bundled corpus + one document of every type)", () => {
  it("every document produces passages", () => {
    for (const d of docs) expect(byDoc.get(d.id)?.length, d.path).toBeGreaterThan(0);
  });

  it("every passage is within the size bound, non-empty, uniquely identified", () => {
    const ids = new Set<string>();
    for (const ps of byDoc.values()) {
      for (const p of ps) {
        expect(p.text.trim().length).toBeGreaterThan(0);
        expect(p.text.length).toBeLessThanOrEqual(BOUND);
        expect(ids.has(p.id), p.id).toBe(false);
        ids.add(p.id);
      }
    }
  });

  it("every passage is traceable to its document and section", () => {
    for (const d of docs) {
      for (const p of byDoc.get(d.id)!) {
        expect(p.docId).toBe(d.id);
        expect(p.docTitle).toBe(d.meta.title);
        expect(p.status).toBe(d.meta.status);
        expect(p.section.trim().length, p.id).toBeGreaterThan(0);
        // Quoted from the document, except the one generated "document info" passage naming it.
        const quoted = squash(d.text).includes(squash(p.text));
        if (!quoted) expect(p.text, p.id).toContain(d.meta.title);
      }
    }
  });

  it("laws split at articles and the notice into its ten projects' clauses", () => {
    const law = byDoc.get("xingzheng-chufa-fa")!;
    const articles = law.filter((p) => p.kind === "article");
    expect(articles.length).toBeGreaterThan(80);
    for (const a of articles) expect(a.section).toMatch(/第[一二三四五六七八九十百零]+条/);
    const notice = byDoc.get("2024-hangzhou-wei-qi-ban-shi-shi-notice")!;
    const projects = new Set(notice.filter((p) => p.project).map((p) => p.project));
    expect([...projects].sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("an over-long passage is split at sentence ends, keeping document and section", () => {
    const long: Passage = {
      id: "doc#p1",
      docId: "doc",
      docTitle: "长文档",
      section: "一、总则",
      text: Array.from({ length: 60 }, (_, i) => `这是第${i + 1}句比较长的测试句子，用来检查切分是否在句末进行。`).join(
        "",
      ),
      status: "unknown",
      kind: "prose",
    };
    const parts = boundPassages([long], 300);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) {
      expect(p.text.length).toBeLessThanOrEqual(300);
      expect(p.text.endsWith("。")).toBe(true);
      expect(p.docId).toBe("doc");
      expect(p.section.startsWith("一、总则")).toBe(true);
    }
    expect(parts.map((p) => p.text).join("")).toBe(long.text);
    expect(new Set(parts.map((p) => p.id)).size).toBe(parts.length);
  });
});
