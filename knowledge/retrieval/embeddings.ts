// Embeddings behind langchain's interface: a deterministic offline default (feature
// hashing of words and character bigrams; no model, no network) and any
// OpenAI-compatible endpoint for real semantic vectors.
import { Embeddings } from "@langchain/core/embeddings";
import { z } from "zod";
import { normalizeText } from "../text/normalize.js";
import { queryTokens } from "../text/segment.js";

export interface EmbeddingInfo {
  model: string;
  dims: number;
}

export const HASHING_MODEL = "hashing-zh-v1";

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Word and character-bigram features of a text; bigrams let 征信修复 meet 信用修复 halfway. */
export function hashingFeatures(text: string): Map<string, number> {
  const features = new Map<string, number>();
  const add = (f: string, w: number) => features.set(f, (features.get(f) ?? 0) + w);
  for (const t of queryTokens(text)) add(`w:${t}`, 1);
  for (const run of text.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) add(`b:${run.slice(i, i + 2)}`, 0.5);
  }
  return features;
}

export class HashingEmbeddings extends Embeddings implements EmbeddingInfo {
  readonly model = HASHING_MODEL;

  constructor(readonly dims = 512) {
    super({});
  }

  embedText(text: string): number[] {
    const v = new Array<number>(this.dims).fill(0);
    for (const [feature, weight] of hashingFeatures(normalizeText(text))) {
      const h = fnv1a(feature);
      v[h % this.dims] += (h & 0x80000000 ? -1 : 1) * Math.sqrt(weight);
    }
    let sumSquares = 0;
    for (const x of v) sumSquares += x * x;
    const norm = Math.sqrt(sumSquares) || 1;
    return v.map((x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embedText(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embedText(text);
  }
}

const EmbeddingConfig = z.object({
  EMBEDDINGS_BASE_URL: z
    .string()
    .url()
    .optional()
    .describe("OpenAI-compatible endpoint, e.g. https://host/v1; unset = offline hashing embeddings"),
  EMBEDDINGS_MODEL: z.string().default("text-embedding-v3"),
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().optional(),
});

/**
 * An OpenAI-compatible endpoint through langchain's OpenAIEmbeddings, imported on first use
 * so processes that never call it (the default) do not pay for loading the OpenAI SDK.
 */
class RemoteEmbeddings extends Embeddings implements EmbeddingInfo {
  private client?: Promise<Embeddings>;

  constructor(private readonly cfg: z.infer<typeof EmbeddingConfig> & { EMBEDDINGS_BASE_URL: string }) {
    super({});
  }

  get model(): string {
    return this.cfg.EMBEDDINGS_MODEL;
  }

  get dims(): number {
    return this.cfg.EMBEDDINGS_DIMENSIONS ?? 0;
  }

  private remote(): Promise<Embeddings> {
    this.client ??= import("@langchain/openai").then(
      ({ OpenAIEmbeddings }) =>
        new OpenAIEmbeddings({
          model: this.cfg.EMBEDDINGS_MODEL,
          dimensions: this.cfg.EMBEDDINGS_DIMENSIONS,
          apiKey: this.cfg.EMBEDDINGS_API_KEY ?? "none",
          encodingFormat: "float", // some compatible servers ignore base64 and return zeros otherwise (stack.md §6)
          batchSize: 16,
          configuration: { baseURL: this.cfg.EMBEDDINGS_BASE_URL },
        }),
    );
    return this.client;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.remote()).embedDocuments(texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    return (await this.remote()).embedQuery(text);
  }
}

export type ConfiguredEmbeddings = Embeddings & EmbeddingInfo;

/** The embeddings the environment asks for; the offline default when none is configured. */
export function createEmbeddings(env: NodeJS.ProcessEnv = process.env): ConfiguredEmbeddings {
  const cfg = EmbeddingConfig.parse(env);
  if (!cfg.EMBEDDINGS_BASE_URL) return new HashingEmbeddings();
  return new RemoteEmbeddings({ ...cfg, EMBEDDINGS_BASE_URL: cfg.EMBEDDINGS_BASE_URL });
}
