// Shared shapes of the knowledge core. Every channel, the ingest pipeline and the
// LLM layer speak these; keep them plain data (JSON-serialisable).

export type DocStatus = "in_force" | "superseded" | "expired" | "unknown";

/** What a loader knows about a document (from YAML front matter or the text itself). */
export interface DocMeta {
  title: string;
  issuer?: string;
  docNo?: string;
  issued?: string; // YYYY-MM-DD
  effective?: string; // YYYY-MM-DD
  expires?: string | null; // YYYY-MM-DD
  status: DocStatus;
  supersedes?: string[];
  supersededBy?: string[];
  relatedProjects?: number[];
  source?: string;
}

/** Where a document's metadata came from; `derived` lists what was read from the text, `missing` what could not be found. */
export interface MetaProvenance {
  source: "sidecar" | "front_matter" | "derived";
  derived: (keyof DocMeta)[];
  missing: (keyof DocMeta)[];
}

/** One loaded document: text already decoded and stripped of markup. */
export interface SourceDocument {
  id: string; // stable id, e.g. the file name without extension
  path: string; // where it came from (relative to the corpus root when possible)
  contentHash: string; // sha256 of the decoded text + meta
  meta: DocMeta;
  text: string;
  provenance?: MetaProvenance;
}

/** A retrievable unit: one project clause, one law article, one section of prose. */
export interface Passage {
  id: string; // unique within an index, stable across rebuilds of the same text
  docId: string;
  docTitle: string;
  section: string; // human-readable path, e.g. "二、项目内容 > (四)“要素保强”助杭企" or "第三章 > 第十四条"
  text: string;
  status: DocStatus;
  effective?: string;
  kind: "project" | "clause" | "notice-section" | "article" | "prose";
  project?: number; // 1..10 when the passage belongs to a project of the notice
  clauseIndex?: number;
  relatedProjects?: number[];
}

export interface RetrievedPassage {
  passage: Passage;
  score: number; // fused score, higher is better
  bm25Rank?: number;
  vectorRank?: number;
  bm25Score?: number; // raw BM25 score (0 when only the vector search found it)
}

export interface Citation {
  document: string; // document title
  section: string;
  quote: string;
  passageId?: string;
  status?: DocStatus;
}

export interface Candidate {
  project: number;
  projectName: string;
  leadUnits: string[];
  score: number;
  /** Year of the notice the project belongs to, when known (several notices may be indexed). */
  year?: number;
  noticeId?: string;
}

/** The notice a routed project belongs to. */
export interface NoticeRef {
  docId: string;
  title: string;
  year?: number;
}

/** The document an answer is drawn from when it is not a notice project (a measure, a law). */
export interface DocumentRef {
  id: string;
  title: string;
  issuer?: string;
  docNo?: string;
  status: DocStatus;
}

export type AnswerAction = "answer" | "clarify" | "escalate";

export interface AnswerResult {
  question: string;
  project: number | null;
  projectName: string | null;
  leadUnits: string[]; // primary first
  confidence: number; // 0..1
  action: AnswerAction;
  answer: string; // plain text (markdown-light), Chinese
  citations: Citation[];
  candidates: Candidate[]; // filled when action = "clarify"
  figures: string[]; // target figures quoted in the answer, e.g. "担保费率不高于0.8%"
  passages: RetrievedPassage[]; // what retrieval found (for tickets, LLM grounding, debugging)
  reason?: string; // short explanation of the routing decision
  notice?: NoticeRef; // the notice of `project` (its year)
  document?: DocumentRef; // set when the answer is drawn from a document of its own
  inputIssue?: "empty" | "too_long" | "no_text"; // set when the input itself was unusable
  refused?: string; // set when the question asked for help with a wrong act (forge, impersonate, evade, obtain_data, bribe, collude, coerce)
  /** Set when reviewed service-desk knowledge answered (entry) or steered the routing (example). */
  faq?: { id: string; kind: "entry" | "example"; approvedAt: string | null; similarity: number };
}

/** Short memory of the previous turn, supplied by the conversation layer. */
export interface ConversationContext {
  previousQuestion?: string;
  previousProject?: number | null;
  clarifyCandidates?: Candidate[];
}

export interface AnswerOptions {
  context?: ConversationContext;
  /** Answer within this project (e.g. the user picked a clarify candidate). */
  forceProject?: number;
}

export interface KnowledgeInfo {
  version: string; // index version id
  builtAt: string; // ISO time
  documents: number;
  passages: number;
  corpusDate?: string; // the notice's date
}

export interface KnowledgeBase {
  answer(question: string, options?: AnswerOptions): Promise<AnswerResult>;
  info(): KnowledgeInfo;
}
