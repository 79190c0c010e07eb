// Reviewed service-desk knowledge as the index carries it: approved entries (answers an admin
// approved) and routing examples (labelled questions of resolved tickets, no answer text).
import { z } from "zod";

export const FAQ_FORMAT_VERSION = 1;

export const FaqItemSchema = z.object({
  id: z.string().min(1), // K-… for entries, the ticket number for examples
  revision: z.number().int().min(1),
  kind: z.enum(["entry", "example"]),
  /** What the labelled question was about. */
  scope: z.enum(["project", "document", "out_of_scope"]),
  question: z.string().min(1), // personal data masked
  variants: z.array(z.string()).default([]),
  answer: z.string().default(""), // "" for examples: they only steer routing
  project: z.number().int().min(1).max(10).nullable().default(null),
  projectName: z.string().nullable().default(null),
  unit: z.string().nullable().default(null),
  department: z.string().nullable().default(null), // out of scope: who actually handles it
  document: z.string().nullable().default(null),
  approvedAt: z.string().nullable().default(null), // YYYY-MM-DD for entries
});
export type FaqItem = z.infer<typeof FaqItemSchema>;

export const FaqFileSchema = z.object({
  formatVersion: z.literal(FAQ_FORMAT_VERSION),
  exportedAt: z.string(),
  items: z.array(FaqItemSchema),
});
export type FaqFile = z.infer<typeof FaqFileSchema>;

/** Reads the export the desk writes (DATA_DIR/faq/approved.json); throws a readable error when malformed. */
export function parseFaqFile(json: string, where = "faq file"): FaqFile {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`${where}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const parsed = FaqFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${where}: ${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}`,
    );
  return parsed.data;
}
