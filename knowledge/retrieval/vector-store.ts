// Vector search through langchain's HNSWLib store (hnswlib-node underneath).
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

export async function buildVectorStore(embeddings: Embeddings, dims: number, passages: Passage[], vectors: number[][]): Promise<HNSWLib> {
  const index = new hnswlib.HierarchicalNSW("cosine", dims);
  index.initIndex(Math.max(1, passages.length), GRAPH_M, EF_CONSTRUCTION);
  const docstore = new SynchronousInMemoryDocstore();
  const docs: Record<string, Document> = {};
  passages.forEach((p, i) => {
    index.addPoint(vectors[i], i);
    docs[i] = new Document({ pageContent: p.text, metadata: { id: p.id } });
  });
  docstore.add(docs);
  return new HNSWLib(embeddings, { space: "cosine", numDimensions: dims, index, docstore });
}

export async function searchVectors(store: HNSWLib, vector: number[], k: number): Promise<VectorHit[]> {
  const count = store.index?.getCurrentCount?.() ?? 0;
  if (!count) return [];
  const hits = await store.similaritySearchVectorWithScore(vector, Math.min(k, count));
  return hits.map(([doc, distance]) => ({ id: String(doc.metadata.id), similarity: 1 - distance }));
}

export const saveVectorStore = (store: HNSWLib, dir: string) => store.save(dir);
export const loadVectorStore = (dir: string, embeddings: Embeddings) => HNSWLib.load(dir, embeddings);
