// Loads the editable data files in knowledge/data (validated with zod, cached per process).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { KNOWLEDGE_DATA_DIR } from "./paths.js";

/** YAML turns 12345 or 3+N-like words into numbers; a word list accepts both. */
const Words = z.array(z.union([z.string(), z.number()]).transform(String));

const UnitSchema = z.object({
  name: z.string().min(1),
  fullName: z.string().min(1),
  aliases: Words.default([]),
  duties: Words.default([]),
  contact: z.string().optional(),
});
export type UnitInfo = z.infer<typeof UnitSchema>;

const LexiconSchema = z.object({
  // `aspect`: the entry reads a side of any matter (a penalty, its amount), not a matter of its own.
  expansions: z.array(
    z.object({ terms: Words.min(1), says: Words.min(1), aspect: z.boolean().optional(), unless: Words.optional() }),
  ),
});
export type Lexicon = z.infer<typeof LexiconSchema>;

const ScopeSchema = z.object({
  // `unless`: the topic does not apply when the question also says one of these ("深圳的企业搬来杭州").
  // `aside`: its words, said beside a question the lexicon reads ("…余额目标多少来着？哈哈"), are an aside.
  topics: z.array(
    z.object({ name: z.string(), says: Words.min(1), unless: Words.default([]), aside: z.boolean().optional() }),
  ),
  injection: z.object({ says: Words.min(1) }),
});
export type ScopeLists = z.infer<typeof ScopeSchema>;

const AnswerabilitySchema = z.object({
  declineShare: z.number().min(0).max(1),
  minUnexplained: z.number().min(0),
  partialWeight: z.number().min(0),
  localPlaces: Words.default([]),
  notAsked: Words.default([]),
  domesticPlaces: Words.default([]),
  foreignPlaces: Words.default([]),
  unreadExplainedShare: z.number().min(0).max(1).default(0),
  unreadMinUnexplained: z.number().min(0).default(0),
  determinations: Words.default([]),
  filings: Words.default([]),
  determinationsEnglish: z.record(z.string(), Words).default({}),
  systemOperations: Words.default([]),
  askerKinds: Words.default([]),
});
export type AnswerabilitySettings = z.infer<typeof AnswerabilitySchema>;

const UnitsEnglishSchema = z.object({
  projects: z.record(z.string(), z.string()),
  units: z.record(z.string(), z.object({ en: z.string(), next: z.string(), nextEn: z.string() })),
});
export type UnitsEnglish = z.infer<typeof UnitsEnglishSchema>;

function readYaml<S extends z.ZodType>(file: string, schema: S, dir = KNOWLEDGE_DATA_DIR): z.infer<S> {
  return validated(path.join(dir, file), parse(readFileSync(path.join(dir, file), "utf8")), schema);
}

const generated = new Map<string, unknown>();

/**
 * What a file that `npm run train:questions` generates in knowledge/data is made into, once per process;
 * null when there is no such file.
 */
export function loadGenerated<S extends z.ZodType, T>(
  file: string,
  schema: S,
  make: (data: z.infer<S>) => T,
): T | null {
  if (!generated.has(file)) {
    const full = path.join(KNOWLEDGE_DATA_DIR, file);
    generated.set(
      file,
      existsSync(full) ? make(validated(full, JSON.parse(readFileSync(full, "utf8")), schema)) : null,
    );
  }
  return generated.get(file) as T | null;
}

function validated<S extends z.ZodType>(file: string, data: unknown, schema: S): z.infer<S> {
  const res = schema.safeParse(data);
  if (!res.success)
    throw new Error(
      `${file} is invalid: ${res.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return res.data;
}

let cache: {
  units?: UnitInfo[];
  unitsByKey?: Map<string, UnitInfo>;
  lexicon?: Lexicon;
  scope?: ScopeLists;
  answerability?: AnswerabilitySettings;
  unitsEnglish?: UnitsEnglish;
} = {};

export function loadUnits(): UnitInfo[] {
  return (cache.units ??= readYaml("units.yaml", z.object({ units: z.array(UnitSchema) })).units);
}
export function loadLexicon(): Lexicon {
  return (cache.lexicon ??= readYaml("lexicon.yaml", LexiconSchema));
}
export function loadScopeLists(): ScopeLists {
  return (cache.scope ??= readYaml("out-of-scope.yaml", ScopeSchema));
}
export function loadAnswerability(): AnswerabilitySettings {
  return (cache.answerability ??= readYaml("answerability.yaml", AnswerabilitySchema));
}
/** English names of projects and units, and each unit's next step (units-en.yaml). */
export function loadUnitsEnglish(): UnitsEnglish {
  return (cache.unitsEnglish ??= readYaml("units-en.yaml", UnitsEnglishSchema));
}
/** Forget cached data files (after an admin edited them and re-ingested). */
export function reloadDataFiles(): void {
  cache = {};
}

/** Removes spaces and any bracketed alias: "市委金融办（市地方金融管理局）" → "市委金融办". */
export function canonicalUnitKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/[(（][^)）]*[)）]/g, "");
}

/** Finds the unit record for a name as the notice or a person writes it. */
export function findUnit(name: string): UnitInfo | undefined {
  return unitSpellings().get(canonicalUnitKey(name));
}

/** Every spelling of every unit (name, full name, aliases) in canonical form → its record. */
export function unitSpellings(): ReadonlyMap<string, UnitInfo> {
  if (cache.unitsByKey) return cache.unitsByKey;
  const byKey = new Map<string, UnitInfo>();
  for (const u of loadUnits())
    for (const n of [u.name, u.fullName, ...u.aliases])
      if (!byKey.has(canonicalUnitKey(n))) byKey.set(canonicalUnitKey(n), u);
  return (cache.unitsByKey = byKey);
}
