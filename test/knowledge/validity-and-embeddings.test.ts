import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCorpusDir } from "../../knowledge/loaders/index.js";
import { buildIndex, createEmbeddings, KnowledgeService, openKnowledgeBase } from "../../knowledge/index.js";
import { KNOWLEDGE_CORPUS_DIR } from "../../knowledge/paths.js";

describe("validity of cited documents", () => {
  it("says so when the only matching rule comes from a superseded document", async () => {
    const docs = (await loadCorpusDir(KNOWLEDGE_CORPUS_DIR)).docs.filter(
      (d) => d.id.startsWith("2024-") || d.id.endsWith("tiaoli-2020"),
    );
    const kb = new KnowledgeService(await buildIndex({ documents: docs }));
    const r = await kb.answer("机关从中小企业采购货物多少日内支付款项");
    const cited = r.citations.find((c) => c.document.includes("2020"));
    expect(cited?.status).toBe("superseded");
    expect(r.answer).toContain("已失效");
  });

  it("prefers the version in force when both match", async () => {
    const kb = await openKnowledgeBase();
    const r = await kb.answer("机关从中小企业采购货物多少日内支付款项");
    expect(r.citations.some((c) => c.status === "superseded")).toBe(false);
  });

  it("answers deadlines and the task force from the notice's own sections", async () => {
    const kb = await openKnowledgeBase();
    expect((await kb.answer("牵头单位什么时候前要制定实施操作细则")).answer).toContain("2月底前");
    expect((await kb.answer("为企办实事工作专班由谁负责")).answer).toContain("常务副市长");
  });
});

describe("OpenAI-compatible embeddings", () => {
  let server: Server;
  let url: string;
  const seen: unknown[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const payload = JSON.parse(body) as { input: string[]; encoding_format?: string };
        seen.push(payload);
        const data = payload.input.map((text, index) => ({
          object: "embedding",
          index,
          embedding: [text.length % 7, 1, 0.5],
        }));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ object: "list", data, model: "test-embed", usage: { prompt_tokens: 1, total_tokens: 1 } }),
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("calls the configured endpoint with float encoding and returns its vectors", async () => {
    const emb = createEmbeddings({ EMBEDDINGS_BASE_URL: url, EMBEDDINGS_MODEL: "test-embed", EMBEDDINGS_API_KEY: "k" });
    expect(emb.model).toBe("test-embed");
    const vectors = await emb.embedDocuments(["融资担保", "发票"]);
    expect(vectors).toEqual([
      [4, 1, 0.5],
      [2, 1, 0.5],
    ]);
    expect(seen[0]).toMatchObject({ encoding_format: "float", model: "test-embed" });
  });

  it("defaults to the offline hashing embeddings with no endpoint configured", () => {
    expect(createEmbeddings({}).model).toBe("hashing-zh-v1");
  });
});
