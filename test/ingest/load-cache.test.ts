// Documents are taken from the ingest cache only when the file's bytes (and its sidecar's) are the ones
// they were loaded from. 测试数据: the bundled corpus and a fictitious sidecar.
import { promises as fs } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IngestCache } from "../../ingest/pipeline/cache.js";
import { loaderFingerprint } from "../../ingest/pipeline/code-fingerprint.js";
import { loadDocuments, type LoadedDocumentCache } from "../../knowledge/loaders/index.js";
import type { SourceDocument } from "../../knowledge/types.js";
import { FAPIAO, LAW_2020, NOTICE, makeCorpus, tempDir } from "./helpers.js";

let root: string;
let corpus: string;
let cache: IngestCache;

/** The cache, counting hits. */
function counted(inner: LoadedDocumentCache) {
  const hits: string[] = [];
  const c: LoadedDocumentCache = {
    get: (file, key) => {
      const doc = inner.get(file, key);
      if (doc) hits.push(path.basename(file));
      return doc;
    },
    put: (file, key, doc) => inner.put(file, key, doc),
  };
  return { c, hits };
}

const load = (c?: LoadedDocumentCache) => loadDocuments([corpus], { root: corpus, ...(c ? { cache: c } : {}) });
const byId = (docs: SourceDocument[]) => new Map(docs.map((d) => [d.id, d]));

beforeAll(async () => {
  root = await tempDir("load-cache");
  corpus = await makeCorpus(path.join(root, "corpus"), [NOTICE, LAW_2020, FAPIAO]);
  cache = new IngestCache(path.join(root, "cache.sqlite"));
});
afterAll(async () => {
  cache.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe("loaded-document cache", () => {
  it("gives back what a fresh load gives, and reloads a file whose bytes or sidecar changed", async () => {
    const version = loaderFingerprint();
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const first = counted(cache.documents(version!));
    const fresh = await load(first.c);
    expect(first.hits).toEqual([]);

    const second = counted(cache.documents(version!));
    const again = await load(second.c);
    expect(second.hits).toHaveLength(3);
    expect(again).toEqual(fresh);

    // Same size, one character different: read again.
    const fapiao = path.join(corpus, FAPIAO);
    const text = await fs.readFile(fapiao, "utf8");
    await fs.writeFile(fapiao, text.replaceAll("发票", "髮票"));
    // A sidecar appears beside the notice: read again, with its metadata.
    await fs.writeFile(
      path.join(corpus, NOTICE.replace(/\.txt$/, ".meta.yaml")),
      "title: 测试用标题（虚构）\nissuer: 测试机关\n",
    );
    const third = counted(cache.documents(version!));
    const changed = await load(third.c);
    expect(third.hits).toEqual([path.basename(LAW_2020)]);
    expect(byId(changed.docs).get(path.basename(FAPIAO, ".md"))?.text).toContain("髮票");
    expect(byId(changed.docs).get(path.basename(NOTICE, ".txt"))?.meta.title).toBe("测试用标题（虚构）");
    expect(changed).toEqual(await load());

    // Another loader version (its code changed) shares nothing.
    const other = counted(cache.documents("0000000000000000"));
    await load(other.c);
    expect(other.hits).toEqual([]);
  });
});
