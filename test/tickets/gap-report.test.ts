// The knowledge-gap report: similar gap questions cluster together, clusters rank by volume,
// examples are masked, answered-and-solved questions stay out, and approved entries show coverage.
import { describe, expect, it } from "vitest";
import { buildGapReport, gapReportCsv, gapReportMarkdown } from "../../bot/tickets/gap-report.js";
import type { InteractionRow } from "../../bot/tickets/interaction-log.js";
import type { FaqItem } from "../../knowledge/faq/types.js";

let seq = 0;
const row = (question: string, over: Partial<InteractionRow> = {}): InteractionRow => ({
  id: `i${++seq}`,
  ref: `r${seq}`,
  at: Date.parse("2024-05-01T02:00:00Z") + seq,
  platform: "feishu",
  chat_id: "oc",
  user_id: "ou",
  question,
  action: "escalate",
  category: "declined",
  project: null,
  unit: null,
  confidence: 0,
  faq_id: null,
  outcome: null,
  expires_at: Number.MAX_SAFE_INTEGER,
  ...over,
});

describe("knowledge-gap report", () => {
  const rows = [
    row("社保缴费基数怎么调整"),
    row("社保缴费基数每年什么时候调整"),
    row("社保缴费基数调整找谁", { outcome: "handoff" }),
    row("商标注册要多久"),
    row("商标注册需要多长时间", { category: "low_confidence", action: "answer", project: 9, confidence: 0.4 }),
    row("融资担保费率是多少", {
      category: "answered",
      action: "answer",
      project: 4,
      confidence: 0.9,
      outcome: "solved",
    }),
    row("技改补贴怎么申请", {
      category: "answered",
      action: "answer",
      project: 1,
      confidence: 0.8,
      outcome: "unsolved",
    }),
  ];
  const approved: FaqItem[] = [
    {
      id: "K-20240301-0001",
      revision: 1,
      kind: "entry",
      scope: "out_of_scope",
      question: "社保缴费基数怎么调整",
      variants: [],
      answer: "请联系市人力社保局（12333）。",
      project: null,
      projectName: null,
      unit: null,
      department: "市人力社保局",
      document: null,
      approvedAt: "2024-03-01",
    },
  ];

  it("clusters, ranks, explains and marks coverage", () => {
    const r = buildGapReport(rows, approved, { from: "2024-01-01", to: "2024-12-31" });
    expect(r.considered).toBe(6); // the solved answer is no gap
    expect(r.clusters[0]).toMatchObject({ rank: 1, volume: 3, coveredBy: "K-20240301-0001" });
    expect(r.clusters[0].examples.every((e) => e.includes("社保"))).toBe(true);
    expect(r.clusters[0].outcomes).toEqual({ handoff: 1 });
    const trademark = r.clusters.find((c) => c.examples.some((e) => e.includes("商标")))!;
    expect(trademark).toMatchObject({ volume: 2, coveredBy: null, topProject: 9 });
    expect(trademark.categories).toEqual({ declined: 1, low_confidence: 1 });
    const md = gapReportMarkdown(r);
    expect(md).toMatch(/# 知识缺口报告（2024-01-01 至 2024-12-31）/);
    expect(md).toMatch(/已覆盖（K-20240301-0001）/);
    expect(md).toMatch(/未覆盖/);
    expect(gapReportCsv(r).split("\n")[0]).toBe(
      "rank,volume,examples,declined,low_confidence,unsolved,handoff,top_project,covered_by",
    );
  });

  it("says so when there is nothing to add", () => {
    expect(gapReportMarkdown(buildGapReport([], [], { from: "2024-01-01", to: "2024-01-31" }))).toMatch(/没有需要补充/);
  });
});
