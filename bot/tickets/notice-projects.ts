// The notice's ten projects (number, name, lead units) for labels and the desk card's project
// list, parsed once from the bundled notice.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseNoticeCatalog } from "../../knowledge/catalog/parse-notice.js";
import { KNOWLEDGE_CORPUS_DIR } from "../../knowledge/paths.js";

export interface NoticeProject {
  number: number;
  name: string;
  leadUnits: string[];
}

const NOTICE_FILE = path.join(KNOWLEDGE_CORPUS_DIR, "2024-hangzhou-wei-qi-ban-shi-shi-notice.txt");
let cached: NoticeProject[] | null = null;

export function noticeProjects(): NoticeProject[] {
  if (cached) return cached;
  try {
    const catalog = parseNoticeCatalog("notice", "", readFileSync(NOTICE_FILE, "utf8"));
    cached = (catalog?.projects ?? []).map((p) => ({ number: p.number, name: p.name, leadUnits: [...p.leadUnits] }));
  } catch {
    cached = [];
  }
  return cached;
}

export function projectByNumber(n: number): NoticeProject | undefined {
  return noticeProjects().find((p) => p.number === n);
}
