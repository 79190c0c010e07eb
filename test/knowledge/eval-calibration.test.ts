// npm run eval's summary carries calibration figures so thresholds are chosen from data.
import { describe, expect, it } from "vitest";
import { type Graded, summarize } from "../../knowledge/cli/eval-set.js";

const row = (confidence: number, action: string, pass: Graded["pass"]): Graded => ({
  id: "x",
  q: "q",
  project: null,
  unit: null,
  action,
  confidence,
  ms: 1,
  pass,
});

describe("eval summary calibration", () => {
  it("reports accuracy of answered questions per confidence band, the decline rate and in-scope declines", () => {
    const s = summarize([
      row(0.9, "answer", { project: true, unit: true }),
      row(0.85, "answer", { project: true, unit: false }),
      row(0.5, "answer", { declined: false }), // out of scope, answered: wrong
      row(0.45, "clarify", { project: true, unit: true }),
      row(0, "escalate", { declined: true }),
      row(0, "escalate", { project: false, unit: false }), // in scope, declined
    ]);
    expect(s.calibration).toEqual([
      { band: "0.0-0.4", answered: 0, accuracy: null },
      { band: "0.4-0.6", answered: 2, accuracy: 0.5 },
      { band: "0.6-0.8", answered: 0, accuracy: null },
      { band: "0.8-1.0", answered: 2, accuracy: 0.5 },
    ]);
    expect(s.declineRate).toBe(0.333);
    expect(s.inScopeDeclined).toBe(0.25);
    expect(s.answeredAccuracy).toBe(0.5);
    // the headline figures keep their names and come first
    expect(Object.keys(s).slice(0, 5)).toEqual([
      "n",
      "projectAccuracy",
      "unitAccuracy",
      "outOfScopeDeclined",
      "factRecall",
    ]);
  });
});
