// Vector search over an hnswlib-node graph. Saved as the raw graph (hnswlib.index) plus labels.json
// (graph label → passage id, null for a deleted point), so a new version can be made from the previous
// one's graph by markDelete/addPoint instead of a rebuild. The store is the graph and its labels: langchain's
// HNSWLib wrapper added a document store of 20,000 objects and 30 MB of imports for nothing we used; it is
// loaded only to read versions saved in its format (before labels.json).
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Embeddings } from "@langchain/core/embeddings";
import hnswlib from "hnswlib-node";
import { hashFile, readText, writeHashed } from "../infra/hashed-files.js";
import type { Passage } from "../types.js";

export interface VectorHit {
  id: string;
  similarity: number; // 1 - cosine distance
}

// Graph parameters: M=16 is hnswlib's default; efConstruction 100 (default 200) halves build
// time with no measurable recall loss at this corpus size.
const GRAPH_M = 16;
const EF_CONSTRUCTION = 100;
/** Search breadth: at least this many candidates, so results do not depend on how the graph was grown. */
const EF_SEARCH = 200;
const GRAPH_FILE = "hnswlib.index";
const LABELS_FILE = "labels.json";
const ARGS_FILE = "args.json";

/** A graph and its labels: label → passage id, null for a point marked deleted. */
export interface VectorStore {
  index: hnswlib.HierarchicalNSW;
  labels: (string | null)[];
  /** Points not deleted. */
  live: number;
}

function storeOf(index: hnswlib.HierarchicalNSW, labels: (string | null)[]): VectorStore {
  let live = 0;
  for (const id of labels) if (id !== null) live++;
  return { index, labels, live };
}

/** `vectorAt(i)`: passage i's vector (read one at a time, so a caller need not hold them all). */
export async function buildVectorStore(
  dims: number,
  passages: Passage[],
  vectorAt: (i: number) => ArrayLike<number>,
): Promise<VectorStore> {
  const index = new hnswlib.HierarchicalNSW("cosine", dims);
  index.initIndex(Math.max(1, passages.length), GRAPH_M, EF_CONSTRUCTION);
  // hnswlib copies each point: one array serves them all (20,000 arrays of 512 numbers less to collect).
  const point = new Array<number>(dims).fill(0);
  passages.forEach((_p, i) => {
    const v = vectorAt(i);
    if (v.length !== dims) return index.addPoint(Array.from(v), i); // hnswlib names the wrong length
    for (let k = 0; k < dims; k++) point[k] = v[k];
    index.addPoint(point, i);
  });
  return storeOf(
    index,
    passages.map((p) => p.id),
  );
}

/** A saved graph in memory, with its labels (see the top of this file). */
export interface SavedGraph {
  index: hnswlib.HierarchicalNSW;
  labels: (string | null)[];
  dims: number;
}

/**
 * Reads a saved graph. hnswlib reads on libuv's thread pool, so a caller can start this early and do
 * other work meanwhile (a 20,000-passage graph is ~45 MB).
 */
export async function readGraph(dir: string): Promise<SavedGraph> {
  const args = JSON.parse(await readText(path.join(dir, ARGS_FILE))) as { numDimensions: number };
  const index = new hnswlib.HierarchicalNSW("cosine", args.numDimensions);
  const read = index.readIndex(path.join(dir, GRAPH_FILE));
  const labels = JSON.parse(await readText(path.join(dir, LABELS_FILE))) as (string | null)[];
  await read;
  return { index, labels, dims: args.numDimensions };
}

/**
 * The previous version's graph (its directory, or the graph already being read from it), updated: points
 * whose passage is gone or changed are marked deleted, new passages are added under new labels. `keep`
 * holds the ids of passages whose vector is unchanged.
 */
export async function updateVectorStore(
  previous: string | Promise<SavedGraph>,
  keep: Set<string>,
  added: { id: string; vector: ArrayLike<number> }[],
): Promise<VectorStore> {
  const { index, labels } = await (typeof previous === "string" ? readGraph(previous) : previous);
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
  return storeOf(index, labels);
}

/** Share of the graph's points that are deleted (a rebuild compacts it). */
export async function deletedShare(dir: string): Promise<number | null> {
  const file = path.join(dir, LABELS_FILE);
  if (!existsSync(file)) return null;
  const labels = JSON.parse(await readText(file)) as (string | null)[];
  return labels.length ? labels.filter((l) => l === null).length / labels.length : 0;
}

export async function searchVectors(store: VectorStore, vector: number[], k: number): Promise<VectorHit[]> {
  if (!store.live) return [];
  const n = Math.min(k, store.live);
  store.index.setEf(Math.max(EF_SEARCH, n));
  const result = store.index.searchKnn(vector, n);
  return result.neighbors.map((label, i) => ({
    id: String(store.labels[label]),
    similarity: 1 - result.distances[i],
  }));
}

/** Saves the store (hnswlib writes on the thread pool); returns the sha256 of each file written, by name. */
export async function saveVectorStore(store: VectorStore, dir: string): Promise<Record<string, string>> {
  await mkdir(dir, { recursive: true });
  const written = store.index.writeIndex(path.join(dir, GRAPH_FILE));
  const labels = await writeHashed(path.join(dir, LABELS_FILE), JSON.stringify(store.labels));
  await written;
  return {
    [GRAPH_FILE]: await hashFile(path.join(dir, GRAPH_FILE)),
    [LABELS_FILE]: labels,
    [ARGS_FILE]: await writeHashed(
      path.join(dir, ARGS_FILE),
      JSON.stringify({ space: "cosine", numDimensions: store.index.getNumDimensions() }),
    ),
  };
}

/** Loads a saved store; versions saved before labels.json are read with langchain's own loader. */
export async function loadVectorStore(dir: string, embeddings: Embeddings): Promise<VectorStore> {
  if (!existsSync(path.join(dir, LABELS_FILE))) return loadLangchainStore(dir, embeddings);
  const { index, labels } = await readGraph(dir);
  return storeOf(index, labels);
}

/** A version saved by langchain's HNSWLib (graph + docstore.json): its labels from the docstore. */
async function loadLangchainStore(dir: string, embeddings: Embeddings): Promise<VectorStore> {
  const { HNSWLib } = await import("@langchain/community/vectorstores/hnswlib");
  const store = await HNSWLib.load(dir, embeddings);
  const docs = (store.docstore as unknown as { _docs: Map<string, { metadata: { id: unknown } }> })._docs;
  const labels: (string | null)[] = new Array(store.index.getCurrentCount()).fill(null);
  for (const [label, doc] of docs) labels[Number(label)] = String(doc.metadata.id);
  return storeOf(store.index, labels);
}
