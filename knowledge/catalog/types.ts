/** A quantified target of the notice, e.g. "平均担保费率不高于0.8%". */
export interface Target {
  text: string; // the phrase as written
  value: number;
  unit: string; // "%", "家", "个工作日", "亿元" …
}

/** A comma-level piece of a clause, owned by exactly one lead unit. */
export interface ClauseFragment {
  text: string;
  unit: string;
}

export interface Clause {
  index: number; // 0-based within the project
  text: string;
  units: string[]; // units of its fragments, first-seen order
  fragments: ClauseFragment[];
  targets: Target[];
}

export interface Project {
  number: number; // 1..10
  label: string; // "(四)"
  name: string; // "“要素保强”助杭企"
  shortName: string; // "要素保强"
  text: string; // the whole paragraph
  leadUnits: string[]; // as in units.yaml where known, notice order
  clauses: Clause[];
  targets: Target[];
  section?: string; // the section it is listed in, e.g. "二、项目内容"
}

export interface NoticeSubsection {
  label: string; // "(二)"
  heading: string; // "强化督查评价"
  text: string;
}

export interface NoticeSection {
  number: number; // 1 for 一、
  heading: string; // "保障措施"
  text: string;
  subsections: NoticeSubsection[];
}

export interface Catalog {
  docId: string;
  title: string;
  issuer?: string;
  date?: string; // YYYY-MM-DD the notice was signed
  published?: string; // publication time on the site, when given
  year?: number; // the year the notice's projects are for ("2025年…项目"), else the signing year
  sections: NoticeSection[];
  projects: Project[];
}
