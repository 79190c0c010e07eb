// The `faq` source: reviewed service-desk knowledge the desk exports to DATA_DIR/faq/approved.json
// (approved entries and labelled ticket questions). Read like any other source on every build.
import { readFile } from "node:fs/promises";
import { parseFaqFile, type FaqItem } from "../knowledge/faq/types.js";
import { sha256 } from "./pipeline/cache.js";

export interface FaqSource {
  items: FaqItem[];
  /** Part of the build fingerprint: a changed export means a new index version. */
  hash: string;
}

/** The export's items, or none when the file does not exist. Throws a readable error when it is malformed. */
export async function readFaqSource(file: string): Promise<FaqSource> {
  let json: string;
  try {
    json = await readFile(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { items: [], hash: "" };
    throw e;
  }
  const items = parseFaqFile(json, file).items;
  return { items, hash: items.length ? sha256(JSON.stringify(items)) : "" };
}
