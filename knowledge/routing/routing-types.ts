// What routing decided for a question (router.ts decides, answer/ composes from it).
import type { RememberedPassage } from "./answer-memory.js";
import type { Catalog, Clause, Project } from "../catalog/types.js";
import type { AnswerAction, Candidate, RetrievedPassage } from "../types.js";

export interface Routing {
  kind: "project" | "notice" | "out_of_scope" | "unclear" | "document";
  project: Project | null;
  clause: Clause | null;
  leadUnits: string[];
  confidence: number;
  action: AnswerAction;
  candidates: Candidate[];
  reason: string;
  evidence: RetrievedPassage[]; // passages to quote, best first
  /** The notice of `project` (or the one a question about "the notice" means). */
  catalog?: Catalog | null;
  /** kind "document": the document answered from and the passage to quote. */
  document?: { id: string; passage: RetrievedPassage };
  /** The same question fits a project of another year's notice too: its figures are shown, labelled by year. */
  alsoIn?: { catalog: Catalog; project: Project; clause: Clause; unit: string };
  /** The next best project of the same notice that one of its own clauses matched, for a second look. */
  runnerUp?: number;
  /** The passage labelled questions like this one were answered from (quoted over the ranked choice). */
  remembered?: RememberedPassage;
}
