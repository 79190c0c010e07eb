// The knowledge-gap report: declined, low-confidence, handed-over and 「没解决」 questions grouped
// into clusters of similar questions (TF-IDF over jieba tokens and lexicon expansions, cosine
// distance, average-linkage agglomerative clustering with ml-hclust), biggest cluster first, each
// with masked examples, how the bot answered and whether an approved entry already covers it.
import { agnes } from "ml-hclust";
import { FaqMatcher, cosine, termVector, type TermVector } from "../../knowledge/faq/faq-matcher.js";
import { ANSWER_SIMILARITY } from "../../knowledge/faq/faq-step.js";
import type { FaqItem } from "../../knowledge/faq/types.js";
import { prepareQuestion } from "../../knowledge/routing/prepare-question.js";
import { queryTerms } from "../../knowledge/retrieval/retriever.js";
import type { InteractionRow } from "./interaction-log.js";

/** Clusters are cut where the average distance between their questions would exceed this. */
export const CLUSTER_CUT = 0.75;
/** At most this many distinct questions are clustered (the newest); the rest are counted only. */
const MAX_DISTINCT = 2000;
const EXAMPLES = 3;

export interface GapCluster {
  rank: number;
  volume: number;
  examples: string[];
  /** e.g. {declined: 3, low_confidence: 2} */
  categories: Record<string, number>;
  outcomes: Record<string, number>;
  /** The project the bot routed these to most often, if any. */
  topProject: number | null;
  /** Approved entry that answers the cluster's typical question, if one does. */
  coveredBy: string | null;
}

export interface GapReport {
  from: string;
  to: string;
  considered: number;
  clusters: GapCluster[];
}

/** Rows that show a gap: declined, low confidence, handed over, or marked 「没解决」. */
export function isGap(r: InteractionRow): boolean {
  return (
    r.category === "declined" || r.category === "low_confidence" || r.outcome === "unsolved" || r.outcome === "handoff"
  );
}

const normalise = (q: string) => q.trim().replace(/\s+/g, " ");

export function buildGapReport(
  rows: InteractionRow[],
  approved: FaqItem[],
  period: { from: string; to: string },
): GapReport {
  const gaps = rows.filter(isGap);
  // Identical questions are one point of the clustering, weighted by how often they were asked.
  const groups = new Map<string, InteractionRow[]>();
  for (const r of [...gaps].reverse()) {
    const key = normalise(r.question);
    if (!groups.has(key) && groups.size >= MAX_DISTINCT) continue;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const questions = [...groups.keys()];
  const prepared = questions.map((q) => prepareQuestion(q));
  const idf = inverseDocumentFrequency(prepared.map((p) => new Set(queryTerms(p).map((t) => t.term))));
  const vectors: TermVector[] = prepared.map((p) => termVector(p, idf));
  const members = clusterIndices(vectors);
  const matcher = approved.length ? new FaqMatcher(approved, idf) : null;

  const clusters = members.map((idx) => {
    const rowsIn = idx.flatMap((i) => groups.get(questions[i])!);
    const byVolume = [...idx].sort((a, b) => groups.get(questions[b])!.length - groups.get(questions[a])!.length);
    const count = (f: (r: InteractionRow) => string | null) =>
      rowsIn.reduce<Record<string, number>>((acc, r) => {
        const k = f(r);
        if (k) acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {});
    const projects = Object.entries(count((r) => (r.project == null ? null : String(r.project)))).sort(
      (a, b) => b[1] - a[1],
    );
    let coveredBy: string | null = null;
    if (matcher) {
      for (const i of byVolume.slice(0, EXAMPLES)) {
        const best = matcher.nearest(prepared[i], 1)[0];
        if (best && best.similarity >= ANSWER_SIMILARITY) {
          coveredBy = best.item.id;
          break;
        }
      }
    }
    return {
      rank: 0,
      volume: rowsIn.length,
      examples: byVolume.slice(0, EXAMPLES).map((i) => questions[i]),
      categories: count((r) => r.category),
      outcomes: count((r) => r.outcome),
      topProject: projects[0] ? Number(projects[0][0]) : null,
      coveredBy,
    };
  });
  clusters.sort((a, b) => b.volume - a.volume || a.examples[0].localeCompare(b.examples[0]));
  clusters.forEach((c, i) => (c.rank = i + 1));
  return { ...period, considered: gaps.length, clusters };
}

function inverseDocumentFrequency(docs: Set<string>[]): (term: string) => number {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of d) df.set(t, (df.get(t) ?? 0) + 1);
  const n = Math.max(1, docs.length);
  return (t) => Math.log(1 + n / (df.get(t) ?? 0.5));
}

/** Average-linkage agglomerative clustering on cosine distance, cut at CLUSTER_CUT. */
export function clusterIndices(vectors: TermVector[]): number[][] {
  if (vectors.length === 0) return [];
  if (vectors.length === 1) return [[0]];
  const distance = vectors.map((a) => vectors.map((b) => (a === b ? 0 : 1 - cosine(a, b))));
  const tree = agnes(distance, { method: "average", isDistanceMatrix: true });
  return tree.cut(CLUSTER_CUT).map((c) => c.indices());
}

const CATEGORY_NAMES: Record<string, string> = { declined: "婉拒", low_confidence: "低置信度", answered: "已答复" };
const OUTCOME_NAMES: Record<string, string> = { unsolved: "没解决", handoff: "转人工", solved: "已解决" };

function describeCounts(counts: Record<string, number>, names: Record<string, string>): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${names[k] ?? k} ${n}`)
    .join("，");
}

export function gapReportMarkdown(r: GapReport): string {
  const lines = [
    `# 知识缺口报告（${r.from} 至 ${r.to}）`,
    "",
    `统计范围：婉拒、低置信度、转人工和「没解决」的问题，共 ${r.considered} 次提问，归为 ${r.clusters.length} 组相似问题（按数量排序）。问题中的个人信息已脱敏。`,
    "",
  ];
  if (!r.clusters.length) lines.push("这段时间没有需要补充知识的问题。");
  for (const c of r.clusters) {
    lines.push(`## ${c.rank}. ${c.examples[0]}（${c.volume} 次）`);
    lines.push(`- 示例问题：${c.examples.map((e) => `“${e}”`).join("；")}`);
    lines.push(
      `- 机器人处理：${describeCounts(c.categories, CATEGORY_NAMES) || "—"}${c.topProject ? `；多被归到项目${c.topProject}` : ""}`,
    );
    lines.push(`- 结果：${describeCounts(c.outcomes, OUTCOME_NAMES) || "无反馈"}`);
    lines.push(`- 已审核条目：${c.coveredBy ? `已覆盖（${c.coveredBy}）` : "未覆盖 —— 建议补充文档或知识条目"}`);
    lines.push("");
  }
  return lines.join("\n");
}

const csvCell = (v: string | number | null) => {
  const s = v == null ? "" : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function gapReportCsv(r: GapReport): string {
  const header = [
    "rank",
    "volume",
    "examples",
    "declined",
    "low_confidence",
    "unsolved",
    "handoff",
    "top_project",
    "covered_by",
  ];
  const rows = r.clusters.map((c) =>
    [
      c.rank,
      c.volume,
      c.examples.join(" | "),
      c.categories.declined ?? 0,
      c.categories.low_confidence ?? 0,
      c.outcomes.unsolved ?? 0,
      c.outcomes.handoff ?? 0,
      c.topProject,
      c.coveredBy,
    ]
      .map(csvCell)
      .join(","),
  );
  return [header.join(","), ...rows].join("\n") + "\n";
}
