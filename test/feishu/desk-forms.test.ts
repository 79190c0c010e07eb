// Desk and review cards with input forms: rendered as Feishu card JSON 2.0 that the emulator
// accepts (form rules from platforms.md), submitted as the client does (required fields checked
// first), and decoded back into the desk's card action with its form values.
import { describe, expect, it } from "vitest";
import { encodeReply } from "../../bot/channels/feishu/card.js";
import { decodeCardAction } from "../../bot/channels/feishu/decode.js";
import { deskCard } from "../../bot/tickets/cards.js";
import { reviewCard } from "../../bot/tickets/knowledge-cards.js";
import type { EntryRow } from "../../bot/tickets/knowledge-entries.js";
import type { TicketRow } from "../../bot/tickets/store.js";
import { submitForm, validateCardV2 } from "../emulators/feishu/card-forms.js";

const ticket = (over: Partial<TicketRow> = {}): TicketRow => ({
  id: "t1",
  number: "QY-20241126-0007",
  state: "in_progress",
  version: 3,
  platform: "feishu",
  tenant: "t",
  chat_id: "oc_ent",
  chat_type: "p2p",
  user_id: "ou_ent",
  user_name: "王经理",
  assignee_platform: null,
  enterprise_name: null,
  credit_code: null,
  question: "社保基数怎么调整",
  dedupe_key: "k",
  open_dedupe_key: "k",
  conversation: "[]",
  project: null,
  project_name: null,
  lead_unit: null,
  suggested_units: "[]",
  citations: "[]",
  confidence: 0,
  priority: "normal",
  assignee_id: "ou_staff",
  assignee_name: "小王",
  desk_message_id: null,
  reopen_count: 0,
  created_at: 0,
  updated_at: 0,
  first_response_at: 0,
  resolved_at: null,
  closed_at: null,
  first_response_due_at: 0,
  resolution_due_at: 0,
  sla_paused_at: null,
  info_requested_until: null,
  ...over,
});

const card = (reply: Parameters<typeof encodeReply>[0]) => {
  const msg = encodeReply(reply);
  expect(msg.msgType).toBe("interactive");
  return JSON.parse(msg.content) as Record<string, unknown>;
};

describe("Feishu forms", () => {
  it("renders the working desk card as a valid JSON 2.0 card with reply, resolve (label) and transfer forms", () => {
    const c = card(deskCard(ticket()));
    expect(c.schema).toBe("2.0");
    expect(validateCardV2(c)).toBeNull();
    const forms = (
      c.body as { elements: { tag: string; name?: string; elements?: { tag: string; name?: string }[] }[] }
    ).elements.filter((e) => e.tag === "form");
    expect(forms.map((f) => f.name)).toEqual([
      "reply_QY-20241126-0007",
      "resolve_QY-20241126-0007",
      "transfer_QY-20241126-0007",
    ]);
    const resolve = forms[1].elements!;
    expect(resolve.map((e) => e.tag)).toEqual(["input", "select_static", "input", "checker", "button"]);
  });

  it("submits like the client: required fields first, then one callback whose name and form_value decode to the desk action", () => {
    const c = card(deskCard(ticket()));
    expect(() => submitForm(c, "ticket.reply__QY-20241126-0007", {})).toThrow(/required field reply/);
    expect(() => submitForm(c, "ticket.resolve__QY-20241126-0007", { resolution: "已答复" })).toThrow(
      /required field label_project/,
    );
    const sub = submitForm(c, "ticket.resolve__QY-20241126-0007", {
      resolution: "请联系市人力社保局（12333）",
      label_project: "不在范围",
      label_unit: "市人力社保局",
      reusable: true,
    });
    const action = decodeCardAction({
      operator: { open_id: "ou_staff", tenant_key: "t" },
      token: "c-1",
      action: { tag: "button", name: sub.buttonName, form_value: sub.formValue },
      context: { open_message_id: "om_1", open_chat_id: "oc_desk" },
    });
    expect(action.value).toMatchObject({ cmd: "ticket.resolve", number: "QY-20241126-0007" });
    expect(action.formValue).toEqual({
      resolution: "请联系市人力社保局（12333）",
      label_project: "不在范围",
      label_unit: "市人力社保局",
      reusable: true,
    });
  });

  it("shows a label form on resolved tickets and the 通过/修改/驳回 form on pending entries; the validator refuses broken forms", () => {
    expect(validateCardV2(card(deskCard(ticket({ state: "resolved" }))))).toBeNull();
    const entry = {
      id: "K-20241126-0001",
      state: "pending",
      revision: 1,
      ticket_id: "t1",
      ticket_number: "QY-20241126-0007",
      question: "q",
      variants: "[]",
      answer: "a",
      scope: "out_of_scope",
      project: null,
      project_name: null,
      unit: null,
      department: "市人力社保局",
      document: null,
      proposed_by: "小王",
      proposed_at: 0,
      reviewed_by: null,
      reviewed_at: null,
      approved_at: null,
      reject_reason: null,
      admin_message_id: null,
      updated_at: 0,
    } satisfies EntryRow;
    const c = card(reviewCard(entry));
    expect(validateCardV2(c)).toBeNull();
    expect(submitForm(c, "knowledge.approve__K-20241126-0001", {}).formValue).toEqual({});
    expect(
      validateCardV2({
        schema: "2.0",
        body: {
          elements: [
            { tag: "column_set", columns: [{ tag: "column", elements: [{ tag: "form", name: "f", elements: [] }] }] },
          ],
        },
      }),
    ).toMatch(/root/);
    expect(
      validateCardV2({
        schema: "2.0",
        body: {
          elements: [
            {
              tag: "form",
              name: "f",
              elements: [{ tag: "input" }, { tag: "button", name: "b", form_action_type: "submit" }],
            },
          ],
        },
      }),
    ).toMatch(/needs a name/);
    expect(
      validateCardV2({
        schema: "2.0",
        body: { elements: [{ tag: "form", name: "f", elements: [{ tag: "input", name: "x" }] }] },
      }),
    ).toMatch(/no submit/);
  });
});
