// Every user-facing sentence of the conversation layer, in one place (polite, short Chinese).

export const BOT_NAME = "企服通";

export const MSG = {
  help: [
    `您好，我是${BOT_NAME}，杭州市“为企办实事”政策咨询助手。`,
    "您可以直接提问，例如：",
    "· 政府性融资担保的费率是多少？",
    "· 企业信用修复找哪个部门？",
    "· 技改项目奖补资金怎么兑付？",
    "我会告诉您对应的实事项目、牵头单位和政策原文出处。",
    "其他指令：「/about」查看资料版本；「转人工」联系工作人员。",
    "在群聊中请 @我 再提问。",
  ].join("\n"),
  about: (v: { version: string; builtAt: string; corpusDate?: string; documents: number; passages: number }) =>
    [
      `${BOT_NAME} · 杭州市“为企办实事”政策咨询`,
      `资料版本：${v.version}`,
      `索引生成时间：${v.builtAt}`,
      v.corpusDate ? `通知发布日期：${v.corpusDate}` : null,
      `收录文件 ${v.documents} 份，条目 ${v.passages} 条。`,
      "答复仅供参考，具体以牵头单位的解释为准。",
    ]
      .filter(Boolean)
      .join("\n"),
  unknownCommand: (command: string) =>
    `暂不支持指令「${command}」。可用指令：「帮助」查看使用说明，「/about」查看资料版本，「转人工」联系工作人员；也可以直接用文字提问。`,
  nonText: "抱歉，我目前只能理解文字消息。请用文字描述您的问题，我会尽快为您解答。",
  empty: "您好，请问有什么可以帮您？请直接输入您想咨询的问题，例如“融资担保费率是多少”。输入「帮助」可查看使用说明。",
  tooLong: (chars: number, max: number) =>
    `您的消息较长（${chars} 字），超出了单条 ${max} 字的上限。请把问题精简成一两句话后再发送，我会更准确地为您解答。`,
  rateLimited: (retryAfterSec: number) =>
    `您发送消息有点频繁，请稍候约 ${Math.max(1, Math.ceil(retryAfterSec / 60))} 分钟再提问。这段时间内的消息我暂时不会逐条回复，敬请谅解。`,
  error: "抱歉，系统暂时出了点问题，请稍后再试。如需帮助，可回复「转人工」。",
  handoffRecorded: (ref: string, unit?: string) =>
    [
      `已为您登记人工服务请求（编号 ${ref}）。`,
      "工作人员会在工作时间内尽快与您联系，请留意本会话的消息。",
      unit ? `如情况紧急，也可直接联系牵头单位：${unit}。` : null,
    ]
      .filter(Boolean)
      .join("\n"),
  handoffFailed: "抱歉，人工服务请求暂时未能登记成功，请稍后再回复「转人工」。",
  feedbackThanks: "感谢您的反馈，很高兴能帮到您！",
  feedbackHandedOff: "已为您转人工处理，请留意后续消息。",
  clarifyExpired: "这个选项已过期，请重新描述您的问题。",
  pickOutOfRange: (n: number) => `目前只有 ${n} 个选项，请回复对应的序号（如“1”），或直接重新描述您的问题。`,
  cardUnknown: "该按钮已失效，请重新提问。",
  starting: "系统正在启动，请稍后再试。",
  toastSolved: "感谢反馈",
  toastHandoff: "已转人工",
  toastPicked: "已为您切换",
} as const;

/** Text shown on buttons. */
export const BUTTON = {
  solved: "已解决",
  unsolved: "没解决，转人工",
  handoff: "转人工",
} as const;

/** Parts of the plain-text answer rendering (render-text.ts). */
export const LABEL = {
  project: "对应项目",
  leadUnits: "牵头单位",
  figures: "目标指标",
  citations: "依据",
  clarifyIntro: "您的问题可能涉及以下几个项目，请回复序号（如“1”或“第二个”）告诉我是哪一个：",
  escalateIntro: "抱歉，这个问题我暂时没能在政策文件中找到明确答案。",
  howToReachHuman: "如需人工帮助，请回复「转人工」。",
  superseded: "（已废止/被替代）",
} as const;
