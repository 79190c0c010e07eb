// Operating an online system (a forgotten password, a failing login or upload, a lost CA key) is the
// system's own support matter: the documents name the systems but never say how to operate them.
import { loadAnswerability } from "../data-files.js";

/** The system operation the question is about when the evidence never speaks of it, as the asker said it. */
export function systemOperationAsked(text: string, evidence: string): string | undefined {
  const lower = text.toLowerCase();
  return loadAnswerability().systemOperations.find((w) => {
    const word = w.toLowerCase();
    return lower.includes(word) && !evidence.includes(word);
  });
}
