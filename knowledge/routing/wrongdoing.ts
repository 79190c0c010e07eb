// Requests to do something wrong get a short refusal, whatever their topic: decided by the act
// requested (a small closed set), never by a list of topics. Each act names what the bot will not
// do and, where one exists, the legitimate route.

export type WrongAct = "forge" | "impersonate" | "evade" | "obtain_data" | "bribe";

interface ActRule {
  act: WrongAct;
  /** The request, as people phrase it. */
  patterns: RegExp[];
  refusal: string;
}

// Someone else doing it to the asker ("被冒充", "被人伪造") is a victim's question, not a request.
const VICTIM_BEFORE = /被[^，。？?！!]{0,4}$/;

const DOCUMENT =
  "(?:证|证书|证明|执照|营业执照|许可证|合同|发票|公章|印章|章|报告|材料|流水|账|账本|凭证|函|确认函|批文|文件|资质|签名|签字|截图|业绩)";

const RULES: ActRule[] = [
  {
    act: "forge",
    patterns: [
      /伪造|造假|做假|作假|变造|篡改|冒签/,
      new RegExp(`(?:ps|p图|p一张)[^，。？?a-z]{0,6}${DOCUMENT}`, "i"),
      new RegExp(`(?:做|弄|搞|刻|开|办|整|买)(?:一|个|张|份|点|些)*假(?:的)?[^，。？?]{0,6}?${DOCUMENT}`),
      // 假 as "fake", not as leave (请假证明, 年假, 病假条).
      new RegExp(`(?<![请休放度寒暑年病事婚产丧调])假(?:的)?${DOCUMENT}`),
      /虚开|多开(?:点|些|一些)?发票|买(?:点|些)?发票|代开假|开(?:点|些)?假/,
      /(?:格式|做得|弄得|写得)?像真的(?:一样)?|以假乱真|看不出(?:来)?是假/,
      /(?:以|用)(?:你|你们|政府|市政府|[^，。？?]{1,8}?)的?名义(?:出|写|开|发|出具|盖章)/,
      /落款(?:写|为|是)|红头文件/,
      /\b(?:forge|falsify|fake)\b/i,
    ],
    refusal:
      "抱歉，我不能帮助伪造、变造或虚开任何证照、证明、合同、发票或以他人名义出具文件，这样做违法。证照和证明请向发证机关依法申领，发票按真实业务开具；相关办理渠道可以问我，例如“数电发票怎么开”“信用修复找哪个部门”。",
  },
  {
    act: "impersonate",
    patterns: [
      /冒充|冒用(?:别人|他人|其他|别家|别的|朋友|同行)|顶替/,
      /借(?:用)?(?:一下)?(?:别人|朋友|他人|其他|别的|别家|同行|亲戚)[^，。？?]{0,6}(?:资质|名义|执照|账户|身份|业绩)/,
      /挂靠(?:资质|别人|其他)|包装成(?:小微|小企业|中小企业|民营)/,
      /\bimpersonat/i,
    ],
    refusal:
      "抱歉，我不能帮助冒充他人、借用他人资质或名义办事，这属于弄虚作假。资质不够时可以依法组成联合体或分包；符合条件的惠企政策，可以问我怎么以自己企业的名义申请。",
  },
  {
    act: "evade",
    patterns: [
      /糊弄|蒙混|瞒过|瞒着(?:检查|执法|监管|税务)|应付过去|(?:躲|逃|避)(?:过|开|避)?(?:检查|执法|监管|审核|处罚)/,
      /(?:让|使)?(?:审核|检查|执法)[^，。？?]{0,4}看不出|规避(?:监管|检查|审核)|绕过(?:监管|检查|审核)/,
      /偷税|逃税|漏税|少交(?:点|些)?税|少缴(?:点|些)?税|骗取|骗补|套取(?:补贴|资金|补助)/,
      /\b(?:evade|dodge|cheat)\b/i,
    ],
    refusal:
      "抱歉，我不能帮助规避检查、审核或逃避纳税，这样做有法律风险。存在问题请及时整改：首次轻微违法并及时改正的，可了解“轻微违法行为不予处罚”；检查过于频繁，可了解“综合查一次”联合执法。",
  },
  {
    act: "obtain_data",
    patterns: [
      /(?:搞到|弄到|拿到|获取|打听|套出|查到|要到|导出|弄来|搞来)[^，。？?]{0,10}(?:竞争对手|对手|同行|别人|别家|他人|其他(?:企业|公司|投标人)|别的(?:企业|公司))[^，。？?]{0,14}(?:报价|底价|标底|名单|数据|信息|电话|联系方式|客户|资料|账)/,
      /(?:竞争对手|对手|同行|别家|其他(?:企业|公司|投标人))的?(?:报价|底价|标底|投标文件|客户名单|联系方式|电话|数据)/,
      /(?:咨询过|申请过|办理过)[^，。？?]{0,10}(?:企业|公司)的?(?:名单|联系|电话)|名单和联系|联系人电话发我|把名单发|(?:电话|名单)导出/,
      /(?:别人|他人|员工|客户)的(?:身份证号|手机号|征信|个人信息)[^，。？?]{0,6}(?:查|导出|发我|给我)/,
    ],
    refusal:
      "抱歉，我不能提供或帮助获取其他企业或个人的数据、报价和联系方式，这些受商业秘密和个人信息保护的法律保护。政府采购的公开信息（采购意向、公告、结果）可以在公开渠道查询，这方面可以问我。",
  },
  {
    act: "bribe",
    patterns: [
      /行贿|送礼给(?:评委|官员|领导|审批)|塞(?:点)?(?:钱|红包)|打点(?:一下)?(?:关系)?|走后门|疏通(?:一下)?关系|\bbribe/i,
    ],
    refusal:
      "抱歉，我不能帮助以送礼、打点关系等方式办事。办事遇到卡点，可以通过“营商环境服务专席”或 12345 反映，我也可以告诉您对应的牵头单位。",
  },
];

export interface WrongdoingRequest {
  act: WrongAct;
  refusal: string;
}

/** The wrong act the question asks the bot to help with, if any. */
export function requestedWrongdoing(text: string): WrongdoingRequest | undefined {
  for (const rule of RULES) {
    for (const pattern of rule.patterns) {
      const m = pattern.exec(text);
      if (m && !VICTIM_BEFORE.test(text.slice(0, m.index))) return { act: rule.act, refusal: rule.refusal };
    }
  }
  return undefined;
}
