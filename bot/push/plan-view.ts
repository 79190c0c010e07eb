// A plan row + its summary → what the preview card and the CLI show.
import type { PlanView } from "./cards.js";
import type { PlanRow, PlanSummary } from "./plan-store.js";

export function parseSummary(s: string): PlanSummary {
  try {
    return JSON.parse(s) as PlanSummary;
  } catch {
    return { perTopic: [], perPlatform: {} };
  }
}

export function planView(
  p: Pick<PlanRow, "id" | "status" | "version" | "from_version" | "documents" | "recipients">,
  summary: PlanSummary,
  counts?: Record<string, number>,
): PlanView {
  return {
    id: p.id,
    status: p.status,
    version: p.version,
    from: p.from_version,
    documents: p.documents,
    recipients: p.recipients,
    perTopic: summary.perTopic,
    perPlatform: summary.perPlatform,
    ...(counts ? { sent: counts.sent ?? 0, failed: counts.failed ?? 0 } : {}),
  };
}
