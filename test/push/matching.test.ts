// Units of the planner: what a publish changed (first builds and superseded documents are not news),
// topic words users type, and the industry / district filters.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { documentChangesBetween, figuresIn } from "../../bot/push/document-changes.js";
import { classifyAll, matchSubscribers } from "../../bot/push/matcher.js";
import { decodePositions, encodePositions } from "../../bot/push/positions.js";
import { loadTopicsData, TopicCatalog } from "../../bot/push/topics.js";
import { LOAN_DOC, OLD_LAW, PROJECTS, TRADE_DOC, writeVersion } from "./fixtures.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "push-match-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const catalog = new TopicCatalog(loadTopicsData(), PROJECTS);
const dir = (v: string) => path.join(dataDir, "index", "versions", v);

describe("push matching", () => {
  it("finds added and changed documents, not the first build nor superseded ones", async () => {
    writeVersion(dataDir, "a", [OLD_LAW, LOAN_DOC]);
    writeVersion(dataDir, "b", [
      { ...OLD_LAW, status: "superseded", articles: [...OLD_LAW.articles, "第三条 新增。"] },
      LOAN_DOC,
      TRADE_DOC,
    ]);
    expect((await documentChangesBetween(null, dir("a"))).changes).toEqual([]);
    const { changes } = await documentChangesBetween(dir("a"), dir("b"));
    expect(changes.map((c) => [c.docId, c.change])).toEqual([[TRADE_DOC.id, "added"]]);
    expect(changes[0].whatNew[0]).toBe("新发布，共 2 条");
    expect(changes[0].whatNew[1]).toMatch(/50%/);
  });

  it("reads figures with their words and units", () => {
    expect(figuresIn("担保费率不高于0.8%，单户最高1000万元，5个工作日内办结")).toEqual(
      expect.arrayContaining(["担保费率不高于0.8%", "5个工作日"]),
    );
  });

  it("resolves the words people type to topics", () => {
    expect(catalog.resolve("融资")).toBe("融资");
    expect(catalog.resolve("贷款")).toBe("融资");
    expect(catalog.resolve("项目4")).toBe("项目4");
    expect(catalog.resolve("4")).toBe("项目4");
    expect(catalog.resolve("要素保强")).toBe("项目4");
    expect(catalog.resolve("火星移民")).toBeUndefined();
    expect(catalog.district("余杭")).toBe("余杭区");
    expect(catalog.industry("工厂")).toBe("制造业");
  });

  it("lets a district or industry filter exclude documents aimed at others, never city-wide ones", async () => {
    writeVersion(dataDir, "c", []);
    writeVersion(dataDir, "d", [
      { ...LOAN_DOC, id: "xh", title: "西湖区小微企业融资贴息办法", articles: ["第一条 西湖区内小微企业贷款贴息。"] },
      LOAN_DOC,
    ]);
    const { changes } = await documentChangesBetween(dir("c"), dir("d"));
    const docs = classifyAll(catalog, changes);
    const m = matchSubscribers(catalog, docs, [
      { id: "yh", topics: ["融资"], industry: null, district: "余杭区" },
      { id: "xh", topics: ["融资"], industry: null, district: "西湖区" },
      { id: "any", topics: ["融资"], industry: null, district: null },
      { id: "none", topics: ["外贸"], industry: null, district: null },
    ]);
    const titles = (i: number) => (m.perSubscriber[i] ?? []).map((p) => docs[p].title);
    expect(titles(0)).toEqual([LOAN_DOC.title]);
    expect(titles(1)).toEqual(["西湖区小微企业融资贴息办法", LOAN_DOC.title]);
    expect(titles(2)).toHaveLength(2);
    expect(m.perSubscriber[3]).toBeUndefined();
    expect(m.perTopic.find((t) => t.topic === "融资")).toMatchObject({ documents: 2, subscribers: 3 });
  });

  it("stores positions compactly and reads them back", () => {
    const p = [0, 3, 8, 999];
    expect(decodePositions(encodePositions(p))).toEqual(p);
    expect(decodePositions("[1,2]")).toEqual([1, 2]);
  });
});
