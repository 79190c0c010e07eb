import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEFAULT_CORPUS_DIR } from "../../knowledge/infra/env.js";
import { HashingEmbeddings } from "../../knowledge/retrieval/embeddings.js";
import { defaultCore } from "../../ingest/pipeline/core.js";
import type { KnowledgeCore } from "../../ingest/pipeline/core-types.js";

export const NOTICE = "2024-hangzhou-wei-qi-ban-shi-shi-notice.txt";
export const LAW_2020 = "related/baozhang-zhongxiao-qiye-kuanxiang-zhifu-tiaoli-2020.md";
export const LAW_2025 = "related/baozhang-zhongxiao-qiye-kuanxiang-zhifu-tiaoli-2025.md";
export const FAPIAO = "related/fapiao-guanli-banfa.md";

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `qft-${prefix}-`));
}

/** A small corpus: the notice and three laws, copied from the bundled corpus. */
export async function makeCorpus(dir: string, files = [NOTICE, LAW_2020, LAW_2025, FAPIAO]): Promise<string> {
  for (const f of files) {
    await fs.mkdir(path.dirname(path.join(dir, f)), { recursive: true });
    await fs.copyFile(path.join(DEFAULT_CORPUS_DIR, f), path.join(dir, f));
  }
  return dir;
}

/** The real knowledge core with embeddings that count what they are asked to embed. */
export function countingCore(): KnowledgeCore & { embedCalls: { calls: number; texts: string[] } } {
  const embedCalls = { calls: 0, texts: [] as string[] };
  class Counting extends HashingEmbeddings {
    override async embedDocuments(texts: string[]): Promise<number[][]> {
      embedCalls.calls++;
      embedCalls.texts.push(...texts);
      return super.embedDocuments(texts);
    }
  }
  return Object.assign(defaultCore({ embeddings: () => new Counting() }), { embedCalls });
}

export async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  await fs.writeFile(file, edit(await fs.readFile(file, "utf8")));
}
