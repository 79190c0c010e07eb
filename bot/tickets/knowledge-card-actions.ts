// Form submits about knowledge: the admin review card (knowledge.approve|edit|reject, one text
// field), and reading a label out of the desk card's resolve/label form.
import type { CardActionResult } from "../conversation/deps.js";
import type { CardAction } from "../conversation/types.js";
import { userText } from "./errors.js";
import { reviewCard } from "./knowledge-cards.js";
import type { KnowledgeDesk, PublishOutcome } from "./knowledge-desk.js";
import { parseLabel, type LabelInput } from "./labels.js";

function str(v: unknown): string {
  if (Array.isArray(v)) return v.map(str).filter(Boolean).join(",");
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : "";
}

function checked(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  return v === true || v === "true" || v === "1" || v === 1 || v === "on"; // "on": an HTML checkbox
}

/** The label in a submitted form, or null when no project was chosen (throws on a bad one). */
export function labelFromForm(form: Record<string, unknown>): LabelInput | null {
  const project = str(form.label_project);
  if (!project) return null;
  return parseLabel({ scope: project, unit: str(form.label_unit), reusable: checked(form.reusable) });
}

export function publishNote(p: PublishOutcome | null): string {
  return p ? `；${p.text}` : "";
}

export async function handleKnowledgeCardAction(k: KnowledgeDesk, action: CardAction): Promise<CardActionResult> {
  const cmd = str(action.value.cmd);
  const id = str(action.value.id);
  const actor = { platform: action.platform, id: action.operatorId };
  const text = str(action.formValue?.text);
  try {
    switch (cmd) {
      case "knowledge.approve": {
        const { entry, published } = await k.approve(id, actor);
        return {
          toast: `已通过 ${entry.id}${publishNote(published)}`,
          reply: reviewCard(entry, `已通过${publishNote(published)}`),
        };
      }
      case "knowledge.edit": {
        if (!text) return { toast: "请在输入框填写修改后的答复，再点「修改」。" };
        const { entry, published } = await k.edit(id, actor, text);
        return { toast: `已修改 ${entry.id}${publishNote(published)}`, reply: reviewCard(entry, "答复已修改") };
      }
      case "knowledge.reject": {
        if (!text) return { toast: "请在输入框填写驳回原因，再点「驳回」。" };
        const { entry, published } = await k.reject(id, actor, text);
        return { toast: `已驳回 ${entry.id}${publishNote(published)}`, reply: reviewCard(entry, "已驳回") };
      }
      default:
        return { toast: "该按钮已失效。" };
    }
  } catch (err) {
    return { toast: userText(err) };
  }
}
