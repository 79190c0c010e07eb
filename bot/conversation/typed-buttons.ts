// Button labels typed as text ("没解决", "解决了") act on the last answer exactly as the buttons do.
export type TypedButton = "solved" | "unsolved";

const SOLVED = /^(?:已解决|解决了|已经解决了?|问题解决了|搞定了|可以了解决了|解决啦|resolved|solved)$/i;
const UNSOLVED = /^(?:没解决|没有解决|未解决|还没解决|没解决转人工|没有解决转人工|没用|not solved|unsolved)$/i;

export function parseTypedButton(text: string): TypedButton | null {
  const t = text.trim().replace(/[\s,，。.!！~～、]+/g, "");
  if (SOLVED.test(t)) return "solved";
  if (UNSOLVED.test(t)) return "unsolved";
  return null;
}
