// Published index versions on disk (manifest.json + passages.json + history.jsonl), as ingest
// writes them, for the push planner to read.
import fs from "node:fs";
import path from "node:path";
import type { Passage } from "../../knowledge/types.js";

export const PROJECTS = [
  { number: 4, name: "“要素保强”助杭企", leadUnits: ["市委金融办（市地方金融管理局）", "市发改委"], figures: [] },
  { number: 6, name: "“拓展市场”助杭企", leadUnits: ["市商务局", "市经信局"], figures: [] },
  { number: 7, name: "“阳光政采”助杭企", leadUnits: ["市财政局"], figures: [] },
];

export interface FixtureDoc {
  id: string;
  title: string;
  issuer?: string;
  issued?: string;
  relatedProjects?: number[];
  status?: "in_force" | "superseded";
  articles: string[]; // one passage per article: "第一条 …"
}

const CN = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"];

export function writeVersion(dataDir: string, id: string, docs: FixtureDoc[]): string {
  const dir = path.join(dataDir, "index", "versions", id);
  fs.mkdirSync(dir, { recursive: true });
  const passages: Passage[] = [];
  for (const d of docs) {
    d.articles.forEach((text, i) => {
      passages.push({
        id: `${d.id}#${i}`,
        docId: d.id,
        docTitle: d.title,
        section: `第${CN[i + 1] ?? i + 1}条`,
        text,
        status: d.status ?? "in_force",
        kind: "article",
        relatedProjects: d.relatedProjects,
      });
    });
  }
  const manifest = {
    formatVersion: 1,
    id,
    builtAt: new Date().toISOString(),
    previous: null,
    fingerprint: id,
    splitter: "t",
    embedding: { model: "t", dims: 1 },
    embeddingKey: "t",
    documentCount: docs.length,
    passageCount: passages.length,
    catalog: PROJECTS,
    checksums: {},
    documents: docs.map((d) => ({
      id: d.id,
      path: `${d.id}.md`,
      title: d.title,
      contentHash: hash(JSON.stringify(d)),
      passages: d.articles.length,
      status: d.status ?? "in_force",
      ...(d.issuer ? { issuer: d.issuer } : {}),
      ...(d.issued ? { issued: d.issued } : {}),
      ...(d.relatedProjects ? { relatedProjects: d.relatedProjects } : {}),
    })),
  };
  fs.writeFileSync(path.join(dir, "passages.json"), JSON.stringify(passages));
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  return dir;
}

export function recordPublish(dataDir: string, version: string, from: string | null, at = new Date()): void {
  const file = path.join(dataDir, "index", "history.jsonl");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.appendFileSync(file, JSON.stringify({ at: at.toISOString(), action: "publish", version, from }) + "\n");
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(16);
}

export const LOAN_DOC: FixtureDoc = {
  id: "loan-guarantee-2025",
  title: "杭州市小微企业融资担保降费实施细则",
  issuer: "杭州市财政局",
  issued: "2025-03-01",
  relatedProjects: [4],
  articles: [
    "第一条 为降低小微企业融资成本，制定本细则。",
    "第二条 政府性融资担保机构对小微企业的担保费率不高于0.8%，单户担保金额最高1000万元。",
    "第三条 贷款贴息期限不超过12个月。",
  ],
};

export const TRADE_DOC: FixtureDoc = {
  id: "export-credit-2025",
  title: "关于支持外贸企业出口信用保险的通知",
  issuer: "杭州市商务局",
  issued: "2025-04-10",
  relatedProjects: [6],
  articles: ["第一条 支持外贸企业开拓国际市场，扩大出口。", "第二条 出口信用保险保费补助比例达到50%。"],
};

export const OLD_LAW: FixtureDoc = {
  id: "procurement-rules",
  title: "政府采购促进中小企业发展管理办法",
  issuer: "财政部",
  relatedProjects: [7],
  articles: ["第一条 政府采购应当支持中小企业。", "第二条 预留采购份额不低于30%。"],
};
