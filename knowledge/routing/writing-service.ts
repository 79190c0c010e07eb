// Writing work asked of the bot — drafting a letter, polishing or translating a text, reviewing a contract
// the asker pastes in — is a service, not a question the documents answer, whatever its topic. Decided by
// the act asked for (a small closed set of verbs on a piece of writing), never by topic.

/** A piece of writing the asker has or wants (not 政策/通知: "帮我看看这份政策" asks what the policy says). */
const WRITING =
  "(?:合同|协议|条款|函|信|材料|报告|理由|方案|标书|投标书|文书|申请书|申诉书|起诉状|诉状|答辩状|说明|文章|文案|稿子?|邮件|回复|简历|章程|段话|这段|这篇|模板|范文|承诺书|声明函)";
const WRITING_VERB =
  "(?:写|起草|草拟|拟|撰写|润色|改写|修改|改改|改一下|翻译|翻成|译成|校对|审核|审一下|审查|检查一下|看看|看一下|过一下)";
const WRITING_ASKS = [
  // "帮我写个复审理由", "帮我看看这份采购合同的违约条款", "把这段技术方案翻成英文".
  new RegExp(
    `(?<![来去人])(?:帮|替|给)(?:我|我们|忙|[^，。？?]{0,6}?老板|客户|朋友)?(?:们)?${WRITING_VERB}[^，。？?]{0,16}${WRITING}`,
  ),
  // Drafting asked outright needs no name for the text ("帮我起草一份智能工厂申报书").
  /(?<![来去人])(?:帮|替|给)[^，。？?]{0,8}?(?:起草|草拟|撰写|代写)|(?:帮|替)(?:我|我们)?(?:写|拟)(?:一份|一封|一篇|一个|份|封|篇|个)|给(?:个|一个|份|一份)模板|(?:写|编)(?:一段|一篇|一份|一个|个|段|篇)[^，。？?]{0,10}(?:文案|文章|稿|推文|朋友圈|宣传)|模板发(?:我|一份|过来)/,
  /(?:翻|译)(?:译)?成(?:英文|中文|英语|日文|日语|韩文|德文|法文|西班牙文)|润色|我(?:贴|发|粘)(?:给|上来给)你|(?:贴|发)(?:上来|过来)(?:给你)?(?:看看|看一下|帮我看)/,
  /\b(?:draft|write|translate|proofread|polish|rewrite|edit|review|check)\b (?:me |us |for (?:me|us) )?(?:a|an|this|the|our|my) (?:\w+ ){0,2}(?:letter|contract|email|reply|proposal|application|document|clause|report|statement|appeal|complaint|notice|section|paragraph|text|cv|resume)\b|\btranslate\b[^.?]{0,30}\binto (?:english|chinese|spanish|french|german|japanese|korean|arabic|russian|portuguese|italian)\b|\bi(?:'ll| will) paste\b/i,
];

/** Help asked of a person the documents may provide ("能派个金融顾问来帮我们看看融资方案吗"), not of the bot. */
const SOMEONE_ELSE_HELPS = /顾问|专家|上门|派(?:个|人|一个)|有人/;

/** Whether the question asks the bot to write, translate or review a text for the asker. */
export function writingServiceAsked(text: string): boolean {
  return !SOMEONE_ELSE_HELPS.test(text) && WRITING_ASKS.some((re) => re.test(text));
}
