import { createHash } from "node:crypto";
import { existsSync, promises as fs } from "node:fs";
import path from "node:path";
import mammoth from "mammoth";
import { parse as parseYaml } from "yaml";
import type { DocMeta, MetaProvenance, SourceDocument } from "../types.js";
import { BadDocumentError } from "./errors.js";
import { decodeText } from "./decode.js";
import { parseMetaFields, splitFrontMatter } from "./front-matter.js";
import { extractHtmlMain, htmlToText, tidy } from "./html.js";
import { extractPdfText } from "./pdf.js";
import { inferMetaFromText } from "./text-meta.js";
import { zipUnpackedBytes } from "./zip-size.js";

export const SUPPORTED_EXTENSIONS = [".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf"];
/** Files in a corpus directory that describe the corpus rather than belong to it. */
const IGNORED_NAMES = /^(readme(\.\w+)?|license(\.\w+)?|changelog(\.\w+)?)$/i;

export interface LoadOptions {
  /** Paths are reported relative to this directory when inside it. */
  root?: string;
  maxBytes?: number;
  /** Largest unpacked size of a .docx (sum of its zip entries). */
  maxUnpackedBytes?: number;
  /** Longest extracted text of one document, characters. */
  maxTextChars?: number;
  /** Documents loaded before, looked up by the exact bytes of the file (and its sidecar) and these options. */
  cache?: LoadedDocumentCache;
}

/** A hit skips decoding, parsing and metadata derivation; `key` changes whenever the input bytes or options do. */
export interface LoadedDocumentCache {
  get(file: string, key: string): SourceDocument | null;
  put(file: string, key: string, doc: SourceDocument): void;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_UNPACKED_BYTES = 50 * 1024 * 1024;
/** About 2,000 pages of Chinese text; far beyond any policy document or law. */
export const DEFAULT_MAX_TEXT_CHARS = 3_000_000;

const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

export const isSidecar = (name: string) => /\.meta\.ya?ml$/i.test(name);

export function docIdFor(file: string): string {
  return path.basename(file).replace(/\.[^.]+$/, "");
}

export function contentHash(text: string, meta: DocMeta): string {
  return createHash("sha256").update(text).update("\u0000").update(JSON.stringify(meta)).digest("hex");
}

/** Loads one file into a SourceDocument or throws BadDocumentError naming the file and the reason. */
export async function loadDocument(file: string, opts: LoadOptions = {}): Promise<SourceDocument> {
  const shown =
    opts.root && path.resolve(file).startsWith(path.resolve(opts.root) + path.sep)
      ? path.relative(opts.root, file)
      : file;
  const ext = path.extname(file).toLowerCase();
  if (!SUPPORTED_EXTENSIONS.includes(ext)) throw new BadDocumentError(shown, "unsupported_type", ext || "no extension");
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let stat;
  try {
    stat = await fs.stat(file);
  } catch (e) {
    throw new BadDocumentError(shown, "unreadable", (e as NodeJS.ErrnoException).code ?? String(e));
  }
  if (!stat.isFile()) throw new BadDocumentError(shown, "unreadable", "not a regular file");
  if (stat.size > max)
    throw new BadDocumentError(
      shown,
      "too_large",
      `${(stat.size / 1048576).toFixed(1)} MB > ${(max / 1048576).toFixed(1)} MB`,
    );
  if (stat.size === 0) throw new BadDocumentError(shown, "empty", "0 bytes");
  const buf = await fs.readFile(file);
  const sidecarFile = await readSidecarFile(file);
  const key = opts.cache ? loadKey(shown, buf, sidecarFile, opts) : "";
  const cached = opts.cache?.get(file, key);
  if (cached) return cached;
  const fallbackTitle = docIdFor(file);

  let text: string;
  let fm: Partial<DocMeta> | null = null;
  let hintTitle: string | undefined;
  if (ext === ".txt" || ext === ".md" || ext === ".markdown") {
    const { text: decoded } = decodeText(buf, shown);
    const split = splitFrontMatter(decoded, shown);
    fm = split.meta;
    text = tidy(split.body.replace(/\r\n?/g, "\n"));
  } else if (ext === ".html" || ext === ".htm") {
    const { text: html } = decodeText(buf, shown);
    const main = await extractHtmlMain(html);
    text = main.text;
    hintTitle = main.title;
  } else if (ext === ".docx") {
    const maxUnpacked = opts.maxUnpackedBytes ?? DEFAULT_MAX_UNPACKED_BYTES;
    const unpacked = zipUnpackedBytes(buf);
    if (unpacked === null) throw new BadDocumentError(shown, "corrupt", "not a readable .docx (no zip directory)");
    if (unpacked > maxUnpacked)
      throw new BadDocumentError(shown, "too_large", `unpacks to ${mb(unpacked)} > ${mb(maxUnpacked)}`);
    let html: string;
    try {
      html = (await mammoth.convertToHtml({ buffer: buf })).value;
    } catch (e) {
      throw new BadDocumentError(shown, "corrupt", `not a readable .docx: ${(e as Error).message.split("\n")[0]}`);
    }
    text = await htmlToText(html);
  } else {
    const pdf = await extractPdfText(buf, shown);
    text = tidy(pdf.text);
    hintTitle = pdf.title;
  }
  const maxChars = opts.maxTextChars ?? DEFAULT_MAX_TEXT_CHARS;
  if (text.length > maxChars)
    throw new BadDocumentError(shown, "too_large", `${text.length} characters of text > ${maxChars}`);
  if (!/[\p{L}\p{N}]/u.test(text)) throw new BadDocumentError(shown, "empty", "no text after removing markup");
  const sidecar = sidecarFile ? parseSidecar(sidecarFile, shown) : null;
  const { meta, provenance } = resolveMeta(text, fallbackTitle, hintTitle, sidecar, fm);
  const doc = { id: fallbackTitle, path: shown, contentHash: contentHash(text, meta), meta, text, provenance };
  opts.cache?.put(file, key, doc);
  return doc;
}

function loadKey(shown: string, buf: Buffer, sidecar: SidecarFile | null, opts: LoadOptions): string {
  const limits = [opts.maxBytes, opts.maxUnpackedBytes, opts.maxTextChars];
  return createHash("sha256")
    .update(JSON.stringify([shown, limits, sidecar?.path ?? null]))
    .update("\u0000")
    .update(buf)
    .update("\u0000")
    .update(sidecar?.raw ?? "")
    .digest("hex");
}

/** NAME.meta.yaml (or NAME.ext.meta.yaml) beside a document: its metadata, for any format. */
export function sidecarPaths(file: string): string[] {
  const dir = path.dirname(file);
  const base = path.basename(file);
  return [path.join(dir, `${base.replace(/\.[^.]+$/, "")}.meta.yaml`), path.join(dir, `${base}.meta.yaml`)];
}

interface SidecarFile {
  path: string;
  raw: string;
}

async function readSidecarFile(file: string): Promise<SidecarFile | null> {
  for (const p of sidecarPaths(file)) {
    if (!existsSync(p)) continue; // most documents have none: skip the failing reads
    try {
      return { path: p, raw: await fs.readFile(p, "utf8") };
    } catch {
      continue;
    }
  }
  return null;
}

function parseSidecar({ path: p, raw }: SidecarFile, shown: string): Partial<DocMeta> {
  let parsed: unknown;
  try {
    parsed = parseYaml(raw);
  } catch (e) {
    throw new BadDocumentError(
      shown,
      "invalid_front_matter",
      `${path.basename(p)}: YAML syntax: ${(e as Error).message.split("\n")[0]}`,
    );
  }
  return parseMetaFields(parsed, shown, path.basename(p));
}

/**
 * Metadata by precedence: a sidecar, then front matter (as written — the bundled corpus keeps exactly
 * its own), and for a document with neither, what the text states in the standard places. A sidecar
 * without some fields is completed from the text.
 */
function resolveMeta(
  text: string,
  fallbackTitle: string,
  hintTitle: string | undefined,
  sidecar: Partial<DocMeta> | null,
  fm: Partial<DocMeta> | null,
): { meta: DocMeta; provenance: MetaProvenance } {
  if (fm && !sidecar)
    return {
      meta: { status: "unknown", ...fm, title: fm.title ?? fallbackTitle },
      provenance: { source: "front_matter", derived: [], missing: [] },
    };
  const { provenance: found, ...derived } = inferMetaFromText(text, fallbackTitle, hintTitle);
  if (!sidecar) return { meta: derived, provenance: found };
  const given = { ...fm, ...sidecar };
  const meta: DocMeta = {
    ...derived,
    ...given,
    title: given.title ?? derived.title,
    status: given.status ?? derived.status,
  };
  const fromText = found.derived.filter((k) => given[k] === undefined);
  return {
    meta,
    provenance: { source: "sidecar", derived: fromText, missing: found.missing.filter((k) => given[k] === undefined) },
  };
}

/** Expands directories (recursively, sorted) into document files; README/LICENSE and dotfiles are skipped. */
export async function expandPaths(paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      out.push(p); // reported as unreadable by loadDocument
      continue;
    }
    if (!st.isDirectory()) {
      if (!isSidecar(p)) out.push(p);
      continue;
    }
    const entries = (await fs.readdir(p, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.name.startsWith(".") || IGNORED_NAMES.test(e.name) || isSidecar(e.name)) continue;
      const full = path.join(p, e.name);
      if (e.isDirectory()) out.push(...(await expandPaths([full])));
      else out.push(full);
    }
  }
  return out;
}

export interface LoadResult {
  docs: SourceDocument[];
  errors: BadDocumentError[];
}

/** Files read at once: overlaps the file system's round trips (results keep the files' order). */
const LOAD_CONCURRENCY = 8;

/** Loads every file (directories expanded); bad ones are collected, never thrown. Ids must be unique. */
export async function loadDocuments(
  paths: string[],
  opts: LoadOptions = {},
  onProgress?: (done: number, total: number) => void,
): Promise<LoadResult> {
  const files = await expandPaths(paths);
  const loaded: (SourceDocument | BadDocumentError)[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      try {
        loaded[i] = await loadDocument(files[i], opts);
      } catch (e) {
        loaded[i] =
          e instanceof BadDocumentError ? e : new BadDocumentError(files[i], "unreadable", (e as Error).message);
      }
      onProgress?.(++done, files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LOAD_CONCURRENCY, files.length) }, worker));
  const docs: SourceDocument[] = [];
  const errors: BadDocumentError[] = [];
  const seen = new Map<string, string>();
  for (const doc of loaded) {
    if (doc instanceof BadDocumentError) {
      errors.push(doc);
      continue;
    }
    const prev = seen.get(doc.id);
    if (prev)
      errors.push(new BadDocumentError(doc.path, "unreadable", `duplicate document id "${doc.id}" (also ${prev})`));
    else {
      seen.set(doc.id, doc.path);
      docs.push(doc);
    }
  }
  return { docs, errors };
}

/** Loads a corpus directory such as knowledge/corpus (paths reported relative to it). */
export function loadCorpusDir(dir: string, opts: Omit<LoadOptions, "root"> = {}): Promise<LoadResult> {
  return loadDocuments([dir], { ...opts, root: dir });
}
