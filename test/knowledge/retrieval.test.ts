import { describe, expect, it } from "vitest";
import { Bm25Index, tokenTableIsValid } from "../../knowledge/retrieval/bm25.js";
import { HashingEmbeddings } from "../../knowledge/retrieval/embeddings.js";
import { blendScores, reciprocalRankFusion } from "../../knowledge/retrieval/fusion.js";

describe("BM25", () => {
  const index = new Bm25Index([
    ["融资", "担保", "费率"],
    ["发票", "开具", "发票"],
    ["融资", "企业", "企业", "企业", "企业"],
  ]);

  it("ranks by term frequency, rarity and length", () => {
    const hits = index.search([{ term: "融资", weight: 1 }]);
    expect(hits.map((h) => h.index)).toEqual([0, 2]);
    expect(index.search([{ term: "发票", weight: 1 }])[0].index).toBe(1);
  });

  it("rarer terms weigh more and query weights scale scores", () => {
    expect(index.idf("发票")).toBeGreaterThan(index.idf("融资"));
    const full = index.search([{ term: "担保", weight: 1 }])[0].score;
    const half = index.search([{ term: "担保", weight: 0.5 }])[0].score;
    expect(half).toBeCloseTo(full / 2);
  });

  it("a saved token table rebuilds the same index", () => {
    const again = new Bm25Index(index.table);
    for (const term of ["融资", "发票", "企业", "不存在"]) {
      expect(again.search([{ term, weight: 1 }])).toEqual(index.search([{ term, weight: 1 }]));
      expect(again.idf(term)).toBe(index.idf(term));
    }
    // Rows of a saved table mixed with new token lists (an incremental build) index as the strings would.
    const mixed = new Bm25Index([{ table: index.table, row: 2 }, ["发票", "融资"], { table: index.table, row: 0 }]);
    const plain = new Bm25Index([
      ["融资", "企业", "企业", "企业", "企业"],
      ["发票", "融资"],
      ["融资", "担保", "费率"],
    ]);
    for (const term of ["融资", "企业", "担保", "发票"])
      expect(mixed.search([{ term, weight: 1 }])).toEqual(plain.search([{ term, weight: 1 }]));
    expect(tokenTableIsValid(index.table, 3)).toBe(true);
    expect(tokenTableIsValid(index.table, 2)).toBe(false);
    expect(tokenTableIsValid({ ...index.table, ids: Int32Array.from([0, 1, 99, 0, 0, 0, 0, 0, 0, 0]) }, 3)).toBe(false);
  });

  it("filters and handles unknown terms", () => {
    expect(index.search([{ term: "融资", weight: 1 }], 10, (i) => i !== 0).map((h) => h.index)).toEqual([2]);
    expect(index.search([{ term: "不存在", weight: 1 }])).toEqual([]);
  });
});

describe("fusion", () => {
  it("reciprocal rank fusion rewards agreement", () => {
    const fused = reciprocalRankFusion([
      { ids: ["a", "b"], weight: 1 },
      { ids: ["b", "c"], weight: 1 },
    ]);
    expect([...fused.entries()].sort((x, y) => y[1] - x[1])[0][0]).toBe("b");
  });

  it("the blend keeps magnitudes and floors similarity", () => {
    const blended = blendScores(
      new Map([
        ["a", 10],
        ["b", 2],
      ]),
      new Map([
        ["b", 0.05],
        ["c", 0.55],
      ]),
      { vectorWeight: 0.3, similarityFloor: 0.1 },
    );
    expect(blended.get("a")).toBeCloseTo(0.7);
    expect(blended.get("b")).toBeCloseTo(0.14);
    expect(blended.get("c")).toBeCloseTo(0.15);
  });
});

describe("offline embeddings", () => {
  const emb = new HashingEmbeddings(256);
  it("are deterministic, normalised and closer for related texts", async () => {
    const [a, b, c] = await emb.embedDocuments(["融资担保费率", "担保费率是多少", "科研仪器开放共享"]);
    expect(await emb.embedQuery("融资担保费率")).toEqual(a);
    expect(Math.hypot(...a)).toBeCloseTo(1);
    const dot = (x: number[], y: number[]) => x.reduce((s, v, i) => s + v * y[i], 0);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c));
  });
});
