// What staff say a resolved ticket was about: a project of the notice (and the unit that handled
// it), a document, or "不在通知范围" with the department that actually handles it.
import type { TicketLabelsTable } from "./db.js";
import { TicketError } from "./errors.js";
import { projectByNumber } from "./notice-projects.js";

export type LabelInput = Pick<
  TicketLabelsTable,
  "scope" | "project" | "project_name" | "unit" | "department" | "document"
> & { reusable: boolean };

export const LABEL_HINT = [
  "归类用法：",
  "· /工单 QY-… 归类 4 市委金融办 —— 通知第4个项目，由市委金融办办理",
  "· /工单 QY-… 归类 不在范围 市人力社保局（12333） —— 不属于通知事项，写明实际承办部门",
  "· /工单 QY-… 归类 文件 《保障中小企业款项支付条例》 —— 与某个文件有关",
  "之后可用 /工单 QY-… 入库 把最后一条公开回复提交为可复用答复（管理员审核后生效）。",
].join("\n");

const OUT_OF_SCOPE = /^(不在(通知)?范围|不在范围内|范围外|不属于|out)$/;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const MAX_FIELD = 200;

/** "4", "项目4", "（四）", "第四项" → 4. */
export function parseProjectNumber(s: string): number | null {
  const t = s.replace(/^第|^项目|[()（）项个]/g, "").trim();
  const n = /^\d{1,2}$/.test(t) ? Number(t) : CN_DIGITS[t];
  return n && n >= 1 && n <= 10 ? n : null;
}

/** Parses the words after `归类` (command) or the desk card's form values into a label. */
export function parseLabel(input: { scope?: string; project?: string; unit?: string; reusable?: boolean }): LabelInput {
  const unit = clean(input.unit);
  const scopeWord = (input.scope ?? input.project ?? "").trim();
  if (!scopeWord) throw new TicketError("TICKET_BAD_INPUT", "no label", { hint: LABEL_HINT });
  const base = {
    project: null,
    project_name: null,
    unit: null,
    department: null,
    document: null,
    reusable: !!input.reusable,
  };
  if (OUT_OF_SCOPE.test(scopeWord) || scopeWord === "out_of_scope") {
    if (!unit)
      throw new TicketError("TICKET_BAD_INPUT", "no department", {
        hint: `请写明实际承办部门，例如：/工单 QY-… 归类 不在范围 市人力社保局（12333）\n\n${LABEL_HINT}`,
      });
    return { ...base, scope: "out_of_scope", department: unit };
  }
  if (scopeWord === "文件" || scopeWord === "document") {
    if (!unit) throw new TicketError("TICKET_BAD_INPUT", "no document", { hint: `请写明文件名称。\n\n${LABEL_HINT}` });
    return { ...base, scope: "document", document: unit.replace(/^《|》$/g, "") };
  }
  const n = parseProjectNumber(scopeWord);
  const project = n ? projectByNumber(n) : undefined;
  if (!n || !project)
    throw new TicketError("TICKET_BAD_INPUT", "bad project", {
      hint: `没有识别出项目「${scopeWord}」，请写 1 到 10 的项目序号，或「不在范围」「文件」。\n\n${LABEL_HINT}`,
    });
  return {
    ...base,
    scope: "project",
    project: n,
    project_name: project.name,
    unit: unit ?? project.leadUnits[0] ?? null,
  };
}

/** `归类 4 市委金融办` / `归类 不在范围 市人力社保局` / `归类 文件 《…》`. */
export function parseLabelCommand(arg: string): LabelInput {
  const [first = "", ...rest] = arg.trim().split(/\s+/);
  return parseLabel({ scope: first, unit: rest.join(" ") });
}

export function describeLabel(
  l: Pick<TicketLabelsTable, "scope" | "project" | "project_name" | "unit" | "department" | "document">,
): string {
  if (l.scope === "out_of_scope") return `不在通知范围 → ${l.department ?? "未写明部门"}`;
  if (l.scope === "document") return `文件《${l.document ?? ""}》`;
  return `项目${l.project}「${l.project_name ?? ""}」${l.unit ? ` · ${l.unit}` : ""}`;
}

function clean(s: string | undefined): string | null {
  const t = (s ?? "").trim();
  if (!t) return null;
  if ([...t].length > MAX_FIELD)
    throw new TicketError("TICKET_BAD_INPUT", "too long", { hint: `内容过长，请精简到 ${MAX_FIELD} 字以内。` });
  return t;
}
