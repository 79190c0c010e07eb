// Built-in commands. Matching is on the whole message (punctuation and case ignored), so a question
// that merely contains "帮助" is still answered as a question.
export type Command = "help" | "about" | "handoff";

const TABLE: Record<string, Command> = {
  帮助: "help",
  "/help": "help",
  help: "help",
  "/帮助": "help",
  "?": "help",
  "？": "help",
  使用说明: "help",
  "/about": "about",
  about: "about",
  关于: "about",
  版本: "about",
  转人工: "handoff",
  人工客服: "handoff",
  人工: "handoff",
  人工服务: "handoff",
  找人工: "handoff",
  "/handoff": "handoff",
  我要转人工: "handoff",
};

/** "/start", "／菜单": a slash word that no command or interceptor took; answered with the list of commands. */
export function looksLikeCommand(text: string): boolean {
  return /^[/／][^\s/／]{1,30}$/u.test(text.trim());
}

export function parseCommand(text: string): Command | null {
  const t = text.trim().toLowerCase();
  if (TABLE[t]) return TABLE[t];
  const stripped = t.replace(/[\s。．.!！~～,，]+$/g, "");
  return TABLE[stripped] ?? null;
}
