// A hash of the code behind a cached step, so the cache follows any change to it: a module's source, every
// source file it imports by relative path (transitively), and the installed version of each package imported.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { KNOWLEDGE_DIR } from "../../knowledge/paths.js";

const PROJECT_ROOT = path.dirname(KNOWLEDGE_DIR);

const IMPORT = /(?:from\s+|import\s*\(\s*|import\s+)"([^"]+)"/g;

function packageVersion(specifier: string): string {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  try {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, "node_modules", name, "package.json"), "utf8")) as {
      version?: string;
    };
    return `${name}@${pkg.version ?? "?"}`;
  } catch {
    return `${name}@?`;
  }
}

/** Throws when the entry's source cannot be read. */
export function codeFingerprint(entry: string): string {
  const h = createHash("sha256");
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    h.update(path.relative(PROJECT_ROOT, file)).update(source);
    for (const [, spec] of source.matchAll(IMPORT)) {
      if (spec.startsWith("node:")) continue;
      if (!spec.startsWith(".")) {
        packages.add(spec);
        continue;
      }
      const target = path.resolve(path.dirname(file), spec);
      const ts = target.replace(/\.js$/, ".ts");
      if (existsSync(ts)) visit(ts);
      else if (existsSync(target)) visit(target);
    }
  };
  visit(entry);
  for (const p of [...packages].sort()) h.update(packageVersion(p));
  return h.digest("hex").slice(0, 16);
}

let loader: string | null | undefined;
/** The document loaders' fingerprint (null when their sources are not readable: then nothing is cached). */
export function loaderFingerprint(): string | null {
  if (loader === undefined) {
    try {
      loader = codeFingerprint(path.join(KNOWLEDGE_DIR, "loaders", "index.ts"));
    } catch {
      loader = null;
    }
  }
  return loader;
}
