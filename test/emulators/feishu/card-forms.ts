// Card JSON 2.0 forms as the platform treats them (../shared/docs/platforms.md, "Input forms in
// cards"): a `form` container only at the root of body.elements, no form/table inside it, every
// interactive element in it named (names unique in the card), at least one named submit button, and
// buttons inside a form use form_action_type, not behaviors. On submit the client checks `required`
// fields itself, then sends one card.action.trigger with action.tag "button", action.name the
// submit button's name and action.form_value holding all the form's fields.
type Json = Record<string, unknown>;

const INTERACTIVE = new Set([
  "input",
  "select_static",
  "multi_select_static",
  "checker",
  "button",
  "date_picker",
  "picker_time",
  "picker_datetime",
  "select_person",
  "multi_select_person",
  "overflow",
  "select_img",
]);

function children(el: Json): Json[] {
  const out: Json[] = [];
  for (const key of ["elements", "columns"]) {
    const v = el[key];
    if (Array.isArray(v)) out.push(...(v.filter((x) => x && typeof x === "object") as Json[]));
  }
  return out;
}

function walk(
  el: Json,
  visit: (el: Json, insideForm: boolean, depth: number) => void,
  insideForm = false,
  depth = 0,
): void {
  visit(el, insideForm, depth);
  for (const c of children(el)) walk(c, visit, insideForm || el.tag === "form", depth + 1);
}

/** null when the 2.0 card is acceptable, else the reason the platform would refuse it. */
export function validateCardV2(card: Json): string | null {
  const body = card.body as Json | undefined;
  if (!body || !Array.isArray(body.elements)) return "schema 2.0 card needs body.elements";
  const names = new Set<string>();
  const root = { tag: "body", elements: body.elements } as Json;
  let problem: string | null = null;
  walk(root, (el, insideForm, depth) => {
    if (problem) return;
    if (el.tag === "form") {
      if (depth !== 1) problem = "form container must be at the root of body.elements";
      else if (insideForm) problem = "form inside form";
      else if (typeof el.name !== "string" || !el.name) problem = "form needs a name";
      else {
        const submits = children(el)
          .flatMap(function all(c: Json): Json[] {
            return [c, ...children(c).flatMap(all)];
          })
          .filter((c) => c.tag === "button" && c.form_action_type === "submit");
        if (!submits.length) problem = `form ${el.name} has no submit button`;
      }
    }
    if (insideForm && el.tag === "table") problem = "table inside form";
    if (insideForm && el.tag === "button" && el.behaviors)
      problem = "buttons inside a form use form_action_type, not behaviors";
    if (insideForm && typeof el.tag === "string" && INTERACTIVE.has(el.tag)) {
      if (typeof el.name !== "string" || !el.name) problem = `${el.tag} inside a form needs a name`;
      else if (names.has(el.name)) problem = `duplicate name ${el.name}`;
      else names.add(el.name);
    }
  });
  return problem;
}

export interface FormSubmission {
  buttonName: string;
  formValue: Json;
}

/**
 * What the client sends when a user fills a form and presses the submit button `buttonName`:
 * throws (no callback is ever sent) when the button is unknown or a required field is empty.
 */
export function submitForm(card: Json, buttonName: string, values: Json): FormSubmission {
  const body = card.body as Json | undefined;
  const forms = ((body?.elements as Json[] | undefined) ?? []).filter((e) => e.tag === "form");
  for (const form of forms) {
    const all: Json[] = [];
    walk(form, (el) => all.push(el));
    const button = all.find((e) => e.tag === "button" && e.form_action_type === "submit" && e.name === buttonName);
    if (!button) continue;
    const formValue: Json = {};
    for (const el of all) {
      if (el === form || el.tag === "button" || typeof el.name !== "string" || !INTERACTIVE.has(String(el.tag)))
        continue;
      const given = values[el.name];
      const empty = given === undefined || given === "" || (Array.isArray(given) && !given.length);
      if (el.required === true && empty) throw new Error(`client: required field ${el.name} is empty`);
      if (el.tag === "checker") formValue[el.name] = given === undefined ? el.checked === true : given === true;
      else if (!empty) formValue[el.name] = given;
    }
    return { buttonName, formValue };
  }
  throw new Error(`client: no submit button named ${buttonName} in any form`);
}
