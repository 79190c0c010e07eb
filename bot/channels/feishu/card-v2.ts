// Cards with input forms → Feishu card JSON 2.0 (`schema: "2.0"`, `body.elements`). Each form is a
// `form` container at the root of body.elements; its submit buttons (form_action_type "submit")
// carry no value, so the button's `name` encodes it ("ticket.reply__QY-20241126-0007") and
// decode.ts turns it back into the CardAction value.
import type { CardForm, CardFormField, GenericCard } from "../../conversation/types.js";

type Element = Record<string, unknown>;
const plain = (content: string) => ({ tag: "plain_text", content });
const NAME_SEPARATOR = "__";

export function submitName(value: CardForm["submits"][number]["value"]): string {
  const arg = value.number ?? value.id ?? "";
  return `${value.cmd}${NAME_SEPARATOR}${String(arg)}`;
}

/** The value a form submit stands for, from its button name; undefined when the name is not ours. */
export function valueFromSubmitName(name: string | undefined): Record<string, unknown> | undefined {
  const m = name ? /^([a-z]+\.[a-z_]+)__(.*)$/.exec(name) : null;
  if (!m) return undefined;
  return { cmd: m[1], number: m[2], id: m[2] };
}

function field(f: CardFormField): Element {
  switch (f.kind) {
    case "input":
      return {
        tag: "input",
        name: f.name,
        required: !!f.required,
        placeholder: plain(f.label),
        ...(f.initial ? { default_value: f.initial } : {}),
      };
    case "select":
      return {
        tag: "select_static",
        name: f.name,
        required: !!f.required,
        placeholder: plain(f.label),
        options: (f.options ?? []).map((o) => ({ text: plain(o.text), value: o.value })),
        ...(f.initial ? { initial_option: f.initial } : {}),
      };
    case "checkbox":
      return { tag: "checker", name: f.name, checked: f.initial === "true", text: plain(f.label) };
  }
}

function form(f: CardForm): Element {
  return {
    tag: "form",
    name: f.name,
    elements: [
      ...f.fields.map(field),
      ...f.submits.map((s) => ({
        tag: "button",
        name: submitName(s.value),
        text: plain(s.text),
        type: s.type ?? "default",
        form_action_type: "submit",
      })),
    ],
  };
}

export function cardV2(c: GenericCard, body: string): Record<string, unknown> {
  const forms = c.forms ?? [];
  const submitted = new Set(forms.flatMap((f) => f.submits.map((s) => `${s.value.cmd}`)));
  // Buttons a form replaces (回复, 解决, 转派 …) are not shown twice.
  const buttons = c.buttons.filter((b) => !submitted.has(String(b.value.cmd)));
  const elements: Element[] = [{ tag: "markdown", content: body }];
  if (buttons.length) {
    elements.push({
      tag: "column_set",
      columns: buttons.map((b) => ({
        tag: "column",
        width: "auto",
        elements: [
          {
            tag: "button",
            text: plain(b.text),
            type: b.type ?? "default",
            behaviors: [{ type: "callback", value: b.value }],
          },
        ],
      })),
    });
  }
  elements.push(...forms.map(form));
  return {
    schema: "2.0",
    config: { update_multi: true }, // JSON 2.0 cards are always shared
    header: { template: c.template ?? "blue", title: plain(c.title) },
    body: { elements },
  };
}
