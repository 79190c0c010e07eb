// How to book something in the accounts (数据资产入表怎么处理, 这笔费用走什么科目, 什么时候确认收入) is
// accounting standards' business: the documents hold policy rules and targets, never an entry or a
// treatment — unless the evidence itself speaks of it (a notice may fund 数据资产入表 coaching). A closed
// class of asks; whether an invoice is valid for the books (电子发票能不能入账) is the invoice rules' and not this.
import { askingClauses } from "../text/asking.js";

const TREATMENT =
  /会计(?:上|处理|分录|准则)|账务处理|(?:怎么|如何|怎样)(?:入账|记账|做账务|确认(?!一下))|入表|计提|摊销|(?:什么|哪个|哪些)科目|科目(?:怎么|如何)|确认收入|收入准则|\b(?:accounting treatment|journal entr(?:y|ies)|book(?:ed)? (?:it|this|them) as|recogni[sz]e (?:the )?revenue)\b/i;

/** Whether the question asks how something is treated in the accounts, which the evidence does not speak of. */
export function accountingAsked(text: string, evidence: string): boolean {
  // (A choice put as a statement, "会计上做递延收益还是直接计其他收益", asks too: no clause asks, the whole does.)
  const asking = /\p{Script=Han}/u.test(text) ? askingClauses(text) : [];
  const said = asking.length ? asking : [text];
  const treatment = said.map((c) => TREATMENT.exec(c)?.[0]).find(Boolean);
  return !!treatment && !evidence.includes(treatment.toLowerCase());
}
