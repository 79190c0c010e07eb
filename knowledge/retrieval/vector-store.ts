// Vector search through langchain's HNSWLib store (hnswlib-node underneath). Saved as the raw graph
// (hnswlib.index) plus labels.json (graph label → passage id, null for a deleted point), so a new
// version can be made from the previous one's graph by markDelete/addPoint instead of a rebuild.
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import { SynchronousInMemoryDocstore } from "@langchain/community/stores/doc/in_memory";
import hnswlib from "hnswlib-node";
import type { Passage } from "../types.js";

export interface VectorHit {
  id: string;
  similarity: number; // 1 - cosine distance
}

// Graph parameters: M=16 is hnswlib's default; efConstruction 100 (default 200) halves build
// time with no measurable recall loss at this corpus size. langchain's store always builds
// with the defaults, so the graph is built here and handed to the store.
const GRAPH_M = 16;
const EF_CONSTRUCTION = 100;
/** Search breadth: at least this many candidates, so results do not depend on how the graph was grown. */
const EF_SEARCH = 200;
const GRAPH_FILE = "hnswlib.index";
const LABELS_FILE = "labels.json";
const ARGS_FILE = "args.json";

type Docstore = SynchronousInMemoryDocstore & { _docs: Map<string, Document> };

function storeOf(
  embeddings: Embeddings,
  dims: number,
  index: hnswlib.HierarchicalNSW,
  labels: (string | null)[],
): HNSWLib {
  const docstore = new SynchronousInMemoryDocstore();
  const docs: Record<string, Document> = {};
  labels.forEach((id, label) => {
    if (id !== null) docs[label] = new Document({ pageContent: "", metadata: { id } });
  });
  docstore.add(docs);
  return new HNSWLib(embeddings, { space: "cosine", numDimensions: dims, index, docstore });
}

/** label → passage id (null: deleted), as the store holds it. */
export function labelsOf(store: HNSWLib): (string | null)[] {
  const count = store.index?.getCurrentCount?.() ?? 0;
  const labels: (string | null)[] = new Array(count).fill(null);
  for (const [label, doc] of (store.docstore as Docstore)._docs) labels[Number(label)] = String(doc.metadata.id);
  return labels;
}

export async function buildVectorStore(
  embeddings: Embeddings,
  dims: number,
  passages: Passage[],
  vectors: ArrayLike<number>[],
): Promise<HNSWLib> {
  const index = new hnswlib.HierarchicalNSW("cosine", dims);
  index.initIndex(Math.max(1, passages.length), GRAPH_M, EF_CONSTRUCTION);
  passages.forEach((_p, i) => index.addPoint(Array.from(vectors[i]), i));
  return storeOf(
    embeddings,
    dims,
    index,
    passages.map((p) => p.id),
  );
}

/**
 * The previous version's graph, updated: points whose passage is gone or changed are marked deleted,
 * new passages are added under new labels. `keep` holds the ids of passages whose vector is unchanged.
 */
export async function updateVectorStore(
  prevDir: string,
  embeddings: Embeddings,
  keep: Set<string>,
  added: { id: string; vector: ArrayLike<number> }[],
): Promise<HNSWLib> {
  const args = JSON.parse(await readFile(path.join(prevDir, ARGS_FILE), "utf8")) as { numDimensions: number };
  const labels = JSON.parse(await readFile(path.join(prevDir, LABELS_FILE), "utf8")) as (string | null)[];
  const index = new hnswlib.HierarchicalNSW("cosine", args.numDimensions);
  await index.readIndex(path.join(prevDir, GRAPH_FILE));
  labels.forEach((id, label) => {
    if (id !== null && !keep.has(id)) {
      index.markDelete(label);
      labels[label] = null;
    }
  });
  if (index.getCurrentCount() + added.length > index.getMaxElements())
    index.resizeIndex(index.getCurrentCount() + added.length);
  for (const a of added) {
    const label = labels.length;
    index.addPoint(Array.from(a.vector), label);
    labels.push(a.id);
  }
  return storeOf(embeddings, args.numDimensions, index, labels);
}

/** Share of the graph's points that are deleted (a rebuild compacts it). */
export async function deletedShare(dir: string): Promise<number | null> {
  const file = path.join(dir, LABELS_FILE);
  if (!existsSync(file)) return null;
  const labels = JSON.parse(await readFile(file, "utf8")) as (string | null)[];
  return labels.length ? labels.filter((l) => l === null).length / labels.length : 0;
}

export async function searchVectors(store: HNSWLib, vector: number[], k: number): Promise<VectorHit[]> {
  const live = (store.docstore as Docstore)._docs?.size ?? 0;
  if (!live || !store.index) return [];
  const n = Math.min(k, live);
  store.index.setEf(Math.max(EF_SEARCH, n));
  const result = store.index.searchKnn(vector, n);
  return result.neighbors.map((label, i) => ({
    id: String((store.docstore as Docstore)._docs.get(String(label))?.metadata.id),
    similarity: 1 - result.distances[i],
  }));
}

export async function saveVectorStore(store: HNSWLib, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await store.index.writeIndex(path.join(dir, GRAPH_FILE));
  await writeFile(path.join(dir, LABELS_FILE), JSON.stringify(labelsOf(store)));
  await writeFile(
    path.join(dir, ARGS_FILE),
    JSON.stringify({ space: "cosine", numDimensions: store.index.getNumDimensions() }),
  );
}

/** Loads a saved store; versions saved before labels.json are read with langchain's own loader. */
export async function loadVectorStore(dir: string, embeddings: Embeddings): Promise<HNSWLib> {
  if (!existsSync(path.join(dir, LABELS_FILE))) return HNSWLib.load(dir, embeddings);
  const args = JSON.parse(await readFile(path.join(dir, ARGS_FILE), "utf8")) as { numDimensions: number };
  const labels = JSON.parse(await readFile(path.join(dir, LABELS_FILE), "utf8")) as (string | null)[];
  const index = new hnswlib.HierarchicalNSW("cosine", args.numDimensions);
  await index.readIndex(path.join(dir, GRAPH_FILE));
  return storeOf(embeddings, args.numDimensions, index, labels);
}
