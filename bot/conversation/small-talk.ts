// Greetings, thanks, acknowledgements and goodbyes get a short friendly reply, never the
// out-of-scope text. Only a message made of nothing else counts ("好的，谢谢"; not "谢谢，那费率呢").
export type SmallTalk = "greeting" | "thanks" | "ack" | "goodbye";

const KINDS: [SmallTalk, RegExp][] = [
  ["thanks", /^(?:谢谢(?:你|您|啦|了)?|多谢|感谢(?:你|您)?|谢了|辛苦(?:了|啦)?|thanks?(?: you)?|thx|ty)$/i],
  ["goodbye", /^(?:再见|拜拜|回见|下次见|先这样|bye(?:-?bye)?|goodbye|see you)$/i],
  [
    "greeting",
    /^(?:你好|您好|你好呀|哈喽|嗨|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早|hello|hi|hey|good (?:morning|afternoon|evening))$/i,
  ],
  [
    "ack",
    /^(?:好的?|好滴|好嘞|好吧|行|行的|嗯+|哦+|噢|明白了?|知道了|了解了?|收到|懂了|ok(?:ay)?|got it|sure|noted)$/i,
  ],
];

const SEPARATORS = /[\s,，。.!！~～、?？:：;；]+|\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\u{FE0F}/gu;

/** The kind of small talk when the whole message is small talk; thanks win over the rest. */
export function smallTalk(text: string): SmallTalk | null {
  const whole = text.trim().replace(/[\s,，。.!！~～?？]+$/u, "");
  const kind = KINDS.find(([, re]) => re.test(whole))?.[0];
  if (kind) return kind;
  const parts = text.trim().split(SEPARATORS).filter(Boolean);
  if (!parts.length || parts.length > 4) return null;
  const kinds = parts.map((p) => KINDS.find(([, re]) => re.test(p))?.[0]);
  if (kinds.some((k) => !k)) return null;
  for (const k of ["thanks", "goodbye", "greeting", "ack"] as const) if (kinds.includes(k)) return k;
  return null;
}

const ENGLISH = /^[ -~\s]*$/;

export function smallTalkReply(kind: SmallTalk, text: string): string {
  const en = ENGLISH.test(text);
  switch (kind) {
    case "greeting":
      return en
        ? `Hello! I answer questions about Hangzhou's "为企办实事" projects for enterprises. For example:\n· What is the guarantee fee rate for government financing guarantees?\n· Which department handles credit repair?`
        : "您好！我是企服通，可以解答杭州市“为企办实事”项目和相关惠企政策的问题。您可以这样问：\n· 政府性融资担保的费率是多少？\n· 企业信用修复找哪个部门？";
    case "thanks":
      return en ? "You're welcome! Ask me anytime." : "不客气！还有其他问题随时问我。";
    case "goodbye":
      return en ? "Goodbye, and good luck with your business!" : "再见，祝您生意兴隆！有问题随时来问。";
    case "ack":
      return en ? "OK. Anything else, just ask." : "好的，还有其他问题随时问我。";
  }
}
