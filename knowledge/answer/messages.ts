// Fixed user-facing wording of the knowledge core, in one place.
export const MESSAGES = {
  empty: "请输入您想咨询的问题，例如：“融资担保费率是多少？”“数电发票怎么开？”",
  noText: "我目前只能理解文字问题，请用文字描述您想咨询的事项。",
  tooLong: (max: number) =>
    `您的消息较长（超过${max}字），请把问题精简后重新发送；如情况复杂，可回复“转人工”由工作人员跟进。`,
  outOfScope:
    "抱歉，这个问题不在杭州市“为企办实事”项目及相关惠企政策的范围内，我无法给出可靠答复。如需人工帮助，请回复“转人工”，我们会为您登记工单并由工作人员跟进。",
  lowConfidence:
    "抱歉，我没有在“为企办实事”通知及相关政策中找到与您问题足够匹配的内容。您可以换个说法再问一次，或回复“转人工”，由工作人员为您解答。",
  clarifyIntro: "您的问题可能涉及以下几个项目，请回复序号（如“第一个”）选择，我再为您详细说明：",
  clarifyBest: "以下先按最接近的第1项答复：",
  handoffHint: "如未解决，可回复“转人工”。",
  notCovered: (why: string) =>
    `抱歉，${why}，我无法给出可靠答复。如需人工帮助，请回复“转人工”，我们会为您登记工单并由工作人员跟进。`,
  partial: (words: string[]) => `说明：通知及相关政策中没有关于“${words.join("、")}”的内容，这部分请向牵头单位确认。`,
  nextStepGeneral: "下一步：可拨打 12345 政务服务热线，说明您的企业情况和具体事项。",
} as const;
