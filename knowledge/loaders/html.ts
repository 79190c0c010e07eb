// linkedom and Readability load with the first web page or .docx: a corpus of text files never needs
// them (20 MB of a build's memory).
const dom = async () => ({
  parseHTML: (await import("linkedom")).parseHTML,
  Readability: (await import("@mozilla/readability")).Readability,
});

const BLOCK = new Set([
  "p",
  "div",
  "section",
  "article",
  "li",
  "ul",
  "ol",
  "table",
  "tr",
  "blockquote",
  "pre",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "footer",
  "main",
  "dd",
  "dt",
  "figure",
]);
const DROP = new Set(["script", "style", "noscript", "nav", "aside", "form", "button", "iframe", "svg", "template"]);

interface NodeLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<NodeLike>;
}

/** Visible text of an HTML fragment: one line per block, headings as `#` lines, cells tab-separated. */
export async function htmlToText(html: string): Promise<string> {
  const { parseHTML } = await dom();
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const out: string[] = [];
  const walk = (node: NodeLike): void => {
    if (node.nodeType === 3) {
      out.push((node.textContent ?? "").replace(/[ \t\r\n\u00a0]+/g, " "));
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toLowerCase();
    if (DROP.has(tag)) return;
    if (tag === "br") return void out.push("\n");
    const heading = /^h([1-6])$/.exec(tag);
    if (BLOCK.has(tag)) out.push("\n");
    if (heading) out.push(`${"#".repeat(Number(heading[1]))} `);
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === "td" || tag === "th") out.push("\t");
    if (BLOCK.has(tag)) out.push("\n");
  };
  walk(document.body as unknown as NodeLike);
  return tidy(out.join(""));
}

export function tidy(text: string): string {
  return text
    .split("\n")
    .map((l) => l.replace(/[ \t]+$/g, "").replace(/^[ \t]+/g, ""))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * The main text of a web page. Readability picks the article body (navigation, headers,
 * footers, sidebars dropped); if it finds nothing, the body minus boilerplate elements is used.
 */
export async function extractHtmlMain(html: string): Promise<{ title?: string; text: string }> {
  const { parseHTML, Readability } = await dom();
  const { document } = parseHTML(html);
  const pageTitle = document.querySelector("title")?.textContent?.trim() || undefined;
  const h1 = document.querySelector("h1")?.textContent?.trim() || undefined;
  let article: { title?: string | null; content?: string | null } | null;
  try {
    article = new Readability(document as never, { charThreshold: 100 }).parse();
  } catch {
    article = null;
  }
  let text = article?.content ? await htmlToText(article.content) : "";
  if (!text) {
    const { document: doc2 } = parseHTML(html);
    for (const el of Array.from(doc2.querySelectorAll("nav, header, footer, aside, script, style, noscript, form")) as {
      remove(): void;
    }[])
      el.remove();
    text = await htmlToText(doc2.body?.innerHTML ?? "");
  }
  const title = h1 || article?.title?.trim() || pageTitle;
  return { title, text };
}
