// Issue 12 item 3: a .docx that unpacks to far more than it weighs is refused before it is
// inflated; a document with too much text is refused with a clear BadDocumentError; the build child
// runs under a wall-clock timeout (and a heap limit) and a killed build leaves the live index as it was.
import { promises as fs } from "node:fs";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { Document, Packer, Paragraph } from "docx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runIngestInChild } from "../../ingest/child/run-in-child.js";
import { indexLayout } from "../../ingest/pipeline/layout.js";
import { runIngest } from "../../ingest/pipeline/run.js";
import { currentVersion } from "../../ingest/pipeline/versions.js";
import { BadDocumentError } from "../../knowledge/loaders/errors.js";
import { loadDocument } from "../../knowledge/loaders/index.js";
import { zipUnpackedBytes } from "../../knowledge/loaders/zip-size.js";
import { countingCore, makeCorpus, tempDir } from "./helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await tempDir("limits");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** A one-entry zip whose entry inflates to `size` bytes of zeros (a small "zip bomb"). */
function zipBomb(size: number): Buffer {
  const data = deflateRawSync(Buffer.alloc(size));
  const name = Buffer.from("word/document.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

describe("document size caps", () => {
  it("refuses a .docx that unpacks to 120 MB (a ~120 KB file) without inflating it", async () => {
    const file = path.join(dir, "bomb.docx");
    const bomb = zipBomb(120 * 1024 * 1024);
    await fs.writeFile(file, bomb);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(zipUnpackedBytes(bomb)).toBe(120 * 1024 * 1024);
    const t0 = performance.now();
    const err = await loadDocument(file).catch((e: unknown) => e);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(err).toBeInstanceOf(BadDocumentError);
    expect((err as BadDocumentError).reason).toBe("too_large");
    expect((err as BadDocumentError).message).toContain("unpacks to 120.0 MB");
  });

  it("an ordinary .docx passes; caps on unpacked size and text length are enforced", async () => {
    const file = path.join(dir, "ok.docx");
    const doc = new Document({
      sections: [
        {
          children: Array.from(
            { length: 200 },
            (_, i) => new Paragraph(`第${i + 1}条 企业可以申请首贷户贴息，贴息比例不超过百分之五十。`),
          ),
        },
      ],
    });
    await fs.writeFile(file, await Packer.toBuffer(doc));
    expect((await loadDocument(file)).text).toContain("首贷户贴息");
    await expect(loadDocument(file, { maxUnpackedBytes: 10_000 })).rejects.toMatchObject({ reason: "too_large" });
    await expect(loadDocument(file, { maxTextChars: 1000 })).rejects.toMatchObject({ reason: "too_large" });
  });
});

describe("build child limits", () => {
  it("a build over its wall-clock limit is killed, reported as failed, and the live index is untouched", async () => {
    const dataDir = await tempDir("limits-data");
    const corpus = await makeCorpus(await tempDir("limits-corpus"));
    try {
      const first = await runIngest({ dataDir, sources: [corpus], corpusRoot: corpus, core: countingCore() });
      const err = await runIngestInChild(
        { dataDir, corpusDir: corpus, force: true },
        undefined,
        { ...process.env, LOG_LEVEL: "silent" },
        { timeoutMs: 500 },
      ).catch((e: unknown) => e);
      expect((err as Error).message).toContain("构建超过时限");
      expect((await currentVersion(indexLayout(dataDir)))?.id).toBe(first.version);
    } finally {
      await fs.rm(dataDir, { recursive: true, force: true });
      await fs.rm(corpus, { recursive: true, force: true });
    }
  }, 60_000);
});
