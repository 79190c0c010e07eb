// Vector search through langchain's HNSWLib store (hnswlib-node underneath).
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import type { Embeddings } from "@langchain/core/embeddings";
import type { Passage } from "../types.js";

export interface VectorHit {
  id: string;
  similarity: number; // 1 - cosine distance
}

export async function buildVectorStore(embeddings: Embeddings, dims: number, passages: Passage[], vectors: number[][]): Promise<HNSWLib> {
  const store = new HNSWLib(embeddings, { space: "cosine", numDimensions: dims });
  if (passages.length) {
    await store.addVectors(
      vectors,
      passages.map((p) => new Document({ pageContent: p.text, metadata: { id: p.id } })),
    );
  }
  return store;
}

export async function searchVectors(store: HNSWLib, vector: number[], k: number): Promise<VectorHit[]> {
  const count = store.index?.getCurrentCount?.() ?? 0;
  if (!count) return [];
  const hits = await store.similaritySearchVectorWithScore(vector, Math.min(k, count));
  return hits.map(([doc, distance]) => ({ id: String(doc.metadata.id), similarity: 1 - distance }));
}

export const saveVectorStore = (store: HNSWLib, dir: string) => store.save(dir);
export const loadVectorStore = (dir: string, embeddings: Embeddings) => HNSWLib.load(dir, embeddings);
