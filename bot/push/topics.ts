// What enterprises subscribe to: the notice's ten projects and plain-language tags (融资, 外贸 …),
// optionally narrowed by industry and district. Tags and their words are data
// (knowledge/data/push-topics.yaml); project names come from the live catalog.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { KNOWLEDGE_DATA_DIR } from "../../knowledge/paths.js";

const Words = z.array(z.union([z.string(), z.number()]).transform(String));
const TopicsFile = z.object({
  tags: z.array(
    z.object({ name: z.string().min(1), projects: z.array(z.number().int().min(1)).default([]), says: Words.min(1) }),
  ),
  industries: z.array(z.object({ name: z.string().min(1), says: Words.min(1) })),
  districts: Words,
  audiences: Words,
});
export type TopicsData = z.infer<typeof TopicsFile>;

export interface ProjectInfo {
  number: number;
  name: string;
  leadUnits: string[];
}

/** A topic id is a tag name ("融资") or "项目N". */
export interface Topic {
  id: string;
  label: string;
  project?: number;
}

let cached: TopicsData | undefined;

/** The bundled data file (cached), or another file (tests). */
export function loadTopicsData(file?: string): TopicsData {
  if (cached && !file) return cached;
  const full = file ?? path.join(KNOWLEDGE_DATA_DIR, "push-topics.yaml");
  const res = TopicsFile.safeParse(parse(readFileSync(full, "utf8")));
  if (!res.success)
    throw new Error(
      `${full} is invalid: ${res.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  if (!file) cached = res.data;
  return res.data;
}

const CN = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

export const projectTopicId = (n: number) => `项目${n}`;

export class TopicCatalog {
  readonly topics: Topic[];
  private readonly byId: Map<string, Topic>;

  constructor(
    readonly data: TopicsData,
    readonly projects: ProjectInfo[],
  ) {
    this.topics = [
      ...projects.map((p) => ({
        id: projectTopicId(p.number),
        label: `（${CN[p.number] ?? p.number}）${p.name}`,
        project: p.number,
      })),
      ...data.tags.map((t) => ({ id: t.name, label: t.name })),
    ];
    this.byId = new Map(this.topics.map((t) => [t.id, t]));
  }

  get(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  label(id: string): string {
    return this.byId.get(id)?.label ?? id;
  }

  project(n: number): ProjectInfo | undefined {
    return this.projects.find((p) => p.number === n);
  }

  /**
   * A word the user typed → a topic id: a tag name, "项目3" / "3" / "三", or part of a project
   * name ("要素保强"). Undefined when nothing fits.
   */
  resolve(word: string): string | undefined {
    const w = word
      .normalize("NFKC")
      .replace(/[“”"「」《》]/g, "")
      .trim();
    if (!w) return undefined;
    if (this.byId.has(w)) return w;
    const num = /^(?:项目)?\s*([0-9]{1,2}|[一二三四五六七八九十])$/.exec(w);
    if (num) {
      const n = /\d/.test(num[1]) ? Number(num[1]) : CN.indexOf(num[1]);
      return this.projects.some((p) => p.number === n) ? projectTopicId(n) : undefined;
    }
    const tag = this.data.tags.find((t) => t.says.includes(w));
    if (tag) return tag.name;
    const core = (name: string) => name.replace(/[“”"]/g, "").replace(/助杭企$/, "");
    const p = this.projects.find((x) => w.length >= 2 && (core(x.name).includes(w) || w.includes(core(x.name))));
    return p ? projectTopicId(p.number) : undefined;
  }

  industry(word: string): string | undefined {
    const w = word.trim();
    return this.data.industries.find((i) => i.name === w || i.says.includes(w))?.name;
  }

  district(word: string): string | undefined {
    const w = word.trim();
    if (!w) return undefined;
    return this.data.districts.find((d) => d === w || (w.length >= 2 && d.startsWith(w)));
  }
}

/** What a document is about, for matching against subscriptions. */
export interface DocumentTopics {
  topics: string[];
  /** Industries / districts the document names; empty = applies to all. */
  industries: string[];
  districts: string[];
  audiences: string[];
}

function count(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

/** Words said this often in the body (or once in the title) make a tag apply. */
const TAG_MIN_MENTIONS = 3;

export function classifyDocument(
  catalog: TopicCatalog,
  doc: { title: string; text: string; relatedProjects: number[] },
): DocumentTopics {
  const text = doc.text.normalize("NFKC");
  const title = doc.title.normalize("NFKC");
  const topics = new Set<string>();
  const projects = new Set(doc.relatedProjects.filter((n) => catalog.project(n)));
  for (const p of catalog.projects) {
    const core = p.name.replace(/[“”"]/g, "").replace(/助杭企$/, "");
    if (core.length >= 2 && (title.includes(core) || text.includes(`“${core}”`) || text.includes(core)))
      projects.add(p.number);
  }
  for (const n of projects) topics.add(projectTopicId(n));
  for (const tag of catalog.data.tags) {
    const inTitle = tag.says.some((w) => title.includes(w));
    const mentions = tag.says.reduce((s, w) => s + count(text, w), 0);
    if (inTitle || mentions >= TAG_MIN_MENTIONS || tag.projects.some((n) => projects.has(n))) topics.add(tag.name);
  }
  const industries = catalog.data.industries
    .filter((i) => i.says.some((w) => title.includes(w) || text.includes(w)))
    .map((i) => i.name);
  const districts = catalog.data.districts.filter((d) => title.includes(d) || text.includes(d));
  const audiences = catalog.data.audiences.filter((a) => title.includes(a) || text.includes(a));
  return { topics: [...topics], industries, districts, audiences };
}
