// The documents are rules and targets; one case's state is not in them: how far an application or a
// complaint has got, what it scored and why it lost, who won a tender, or how a ruling will go. Such a
// question is for the unit handling the case (or the service desk), however well its topic matches; so is
// the phone of the person handling it.
const LOOKUP =
  "(?:(?:帮(?:我|我们|忙|他|她|客户)?们?|替我|你(?:能|可以)?(?:帮忙)?|能不能|可以|能)(?:帮忙)?查(?:到|一下|下|查|一查)?|查得到)";
const CASE_DETAIL =
  "(?:进度|哪一步|哪步|哪个环节|得分|评分|分数|打分|原因|为什么没|结果|批了多少|领了多少|拿了多少|是谁中|谁中|排名|判了|判决结果|赔了多少|卡在哪)";
const CASE_ASKS = [
  // Looking up a case's detail, either way round ("能帮我查下审批进度吗", "评审得分…能帮查一下").
  new RegExp(
    `${LOOKUP}[^。？?]{0,20}${CASE_DETAIL}|${CASE_DETAIL}[^。]{0,12}(?:帮(?:我|我们|忙)?|你(?:能|可以)?|能)(?:帮忙)?查`,
  ),
  // Whether it has been decided yet ("行政裁决案子最后裁了没有").
  /(?:裁|判|批)了没(?:有)?|结果出来(?:了)?没|有没有入选|入选了没|(?:企业|公司|单位)名单[^。？?]{0,6}(?:能|可以)?(?:发我|发给我|给我|发一份)|名单(?:里|上)?有哪(?:几)?家|(?:企业|公司|单位)[^，。？?]{0,4}(?:具体)?是哪(?:几)?家|(?:名单|结果)(?:公示|公布|出来)了(?:吗|没)/,
  // Its rank, or a nudge to whoever handles it ("我们排第几", "帮我催一下").
  /排第几|第几名|(?:帮我|帮我们|你帮忙|你能不能帮我)催(?:一下|一催|下)?/,
  // How far a case has got ("那个投诉处理到哪一步了").
  /(?:处理|办理|审批|审核|办|审|走|弄)到(?:哪一步|哪步|哪了|哪里了|什么阶段|哪个环节|边一步)|(?:案子|案件|投诉|申请|官司|裁决|复议|诉讼|仲裁)[^。？?]{0,20}(?:现在|目前)?(?:进行)?到(?:哪一步|哪步|什么阶段|哪个环节)/,
  // How a dispute will end ("申请复议能赢吗", "法院会不会判撤销").
  /(?:复议|诉讼|官司|起诉|仲裁|案子|案件|裁决|投诉|法院|上诉)[^。？?]{0,20}(?:能赢|能不能赢|会不会判|胜算|赢面|赢的(?:概率|可能|几率)|胜诉的?(?:率|概率|可能|几率)|打得赢|判(?:我|我们)?赢)|(?:能赢|胜算|赢面|打得赢)[^。？?]{0,10}(?:复议|诉讼|官司|案子|仲裁)/,
  // The bot's guess at how it will end ("你觉得最后罚款能不能减下来", "最后能要回来多少").
  /(?:你觉得|你看|你估计|你认为|你帮我判断|帮我判断)[^。？?]{0,24}(?:能不能|会不会|能否|有没有可能|会怎么|怎么)(?:减|赢|撤|批|通过|拿|要回|判|成功|中标)|(?:最后|最终)能要回(?:来)?多少|还有(?:希望|戏)(?:吗|么|没|不)|要得回来吗|能(?:拿到|要到|判到|赔到)多少(?:赔偿|钱)|值得打(?:吗|么)|(?:判|裁)得对不对|胜算|赢面/,
  // One session's or one tender's own particulars: who speaks at it, when its bids are opened.
  /(?:嘉宾|主讲人?|讲师|主持人)(?:是谁|是哪位|有谁|都有谁|请的谁)|请(?:的|了)(?:哪位|哪些人|谁)|什么时候开标|何时开标|哪天开标|开标(?:时间|日期)(?:是|定)/,
  /\b(?:will|would|could|can) we (?:win|succeed)\b|\bchances? of (?:winning|success)\b|\blikely to (?:win|succeed)\b/i,
  /\b(?:check|track|look up|find out)\b[^.?]{0,20}\b(?:status|progress|score)\b[^.?]{0,10}\bof (?:our|my|his|her|their|the client'?s?)\b|\bwhat stage is (?:our|my)\b|\bwho won\b|\bwhy (?:our|my|the|their) [^.?]{0,40}\bwas (?:rejected|refused|denied|turned down)\b|\bwhy (?:we|they) (?:lost|were rejected|didn'?t win)\b/i,
];

// Who handles it and how to reach them ("具体对接人是谁，电话多少", an office's own line): a unit's public
// channel is the answer.
const CONTACT_ASK =
  /(?:对接人|联系人|负责人|经办人|局长|副局长|副总|总经理|董事长|科长|处长|主任|老师|工作人员|执法人员|他|她|[\p{Script=Han}]{1,4}(?<![到四好用之难各])处|[\p{Script=Han}]{1,4}科(?![技学研])|大厅|科室)(?:的|是谁)?[^，。]{0,14}(?:电话|手机|联系方式|微信|邮箱)|负责[^，。？?]{0,8}的(?:是谁|人)[^。]{0,10}(?:电话|手机|联系方式|微信)|办公地址|\b(?:email|e-mail|wechat|phone number|mobile number)\b[^.?]{0,30}\b(?:person|whoever|officer|staff|in charge|handles)\b|\b(?:email|e-mail|wechat|phone number|mobile number)\b[^.?]{0,60}\b(?:who|that) (?:handles|deals with|is in charge)\b|\bcontact person\b[^.?]{0,40}\b(?:phone|number|email|wechat|mobile)\b|\bdirect (?:phone|line|number)\b/iu;

// When an office is open and where it sits ("政务服务中心周六上班吗", "招投标科在几楼"): the documents name units
// and windows, never their hours or rooms.
const OFFICE_ASK =
  /几点(?:上班|下班|开门|关门|办公|开播|开讲|开始直播)|(?:上班|办公|营业|开放)时间(?:是|几点|到几点|怎么|呢|吗|[？?]|$)|(?:周六|周日|周末|星期六|星期天|星期日|节假日|假期|中午)[^，。？?]{0,4}(?:(?:上班|办公|开门|营业|办理|开放)(?:吗|么|嘛|不|没|伐)|开不开门|上不上班|办不办公|营不营业)|(?:周六|周日|周末|晚上|夜里|节假日|下班后)[^，。？?]{0,4}(?:有人|有没有人)(?:接|值班|在)?(?:吗|么|嘛|不|没)?|(?:在|再)?几楼|哪栋楼|哪(?:一)?层|几号楼|(?:在|再)哪(?:里|儿)?办公|办公(?:地点|位置)|\b(?:office|opening|business) hours\b|\bopen on (?:saturdays?|sundays?|weekends?|holidays?)\b|\bwhich floor\b/i;

/** Whether the question asks about one case's state or outcome, a handler's own contact, or an office's hours, not the rules. */
export function caseAsked(text: string): "case" | "contact" | "office" | undefined {
  if (CASE_ASKS.some((re) => re.test(text))) return "case";
  if (CONTACT_ASK.test(text)) return "contact";
  return OFFICE_ASK.test(text) ? "office" : undefined;
}
