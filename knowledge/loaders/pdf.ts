import { extractText, getDocumentProxy } from "unpdf";
import { BadDocumentError } from "./errors.js";

/** Minimum visible characters per page before a PDF counts as having a text layer. */
const MIN_CHARS_PER_PAGE = 5;

/** The text layer of a PDF, page by page. Corrupt, encrypted and scanned (image-only) PDFs are refused. */
export async function extractPdfText(buf: Buffer, file: string): Promise<{ title?: string; text: string }> {
  if (buf.subarray(0, 1024).indexOf("%PDF-") < 0) throw new BadDocumentError(file, "corrupt", "no %PDF- header");
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(buf), {
      verbosity: 0,
      isEvalSupported: false,
      stopAtErrors: false,
    } as never);
  } catch (e) {
    const err = e as Error;
    if (err.name === "PasswordException" || /password/i.test(err.message))
      throw new BadDocumentError(file, "encrypted", err.message);
    throw new BadDocumentError(file, "corrupt", err.message);
  }
  try {
    let pages: string[];
    try {
      const res = await extractText(pdf, { mergePages: false });
      pages = res.text as string[];
    } catch (e) {
      throw new BadDocumentError(file, "corrupt", (e as Error).message);
    }
    const visible = pages.reduce((n, p) => n + p.replace(/\s+/g, "").length, 0);
    if (visible < Math.max(1, pages.length) * MIN_CHARS_PER_PAGE) {
      throw new BadDocumentError(file, "no_text_layer", `${pages.length} page(s), ${visible} text character(s)`);
    }
    let title: string | undefined;
    try {
      const meta = await pdf.getMetadata();
      const t = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof t === "string" && t.trim()) title = t.trim();
    } catch {
      // metadata is optional
    }
    return { title, text: pages.map((p) => p.trim()).join("\n\n") };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}
