// Requests to do something wrong get a short refusal, whatever their topic: decided by the act
// requested (a small closed set), never by a list of topics. Each act names what the bot will not
// do and, where one exists, the legitimate route.

export type WrongAct = "forge" | "impersonate" | "evade" | "obtain_data" | "bribe" | "collude" | "coerce";

interface ActRule {
  act: WrongAct;
  /** The request, as people phrase it. */
  patterns: RegExp[];
  refusal: string;
  /** The same refusal for a question asked in English. */
  refusalEn: string;
}

// Someone else doing it to the asker ("被冒充", "被人伪造") is a victim's question, not a request; nor is a
// risk the asker guards against ("担心踩到刑事红线，比如虚开、商业贿赂").
const VICTIM_BEFORE = /被[^，。？?！!]{0,4}$/;
// …or someone doing it to the asker ("有人…冒充我们品牌卖货", "有人冒充老板让出纳转账").
const SOMEONE_BEFORE = /(?:有人|骗子|对方)[^，。？?！!]{0,8}$/;
const DONE_TO_US = /^(?:了)?(?:我们|我司|我的|本公司|老板|我们的|公司)/;
const GUARDING_AGAINST = /(?:担心|防范|避免|怕|警惕|防止|杜绝|预防|风险|红线|比如|例如)[^，,。？?！!]{0,12}$/;
// ("a low-risk way to…" asks for a safe way to do it.)
// …or someone else doing it, said in English ("Someone in another province is selling fake tea under our brand").
const SOMEONE_BEFORE_EN =
  /\b(?:someone|somebody|people|others|another (?:company|firm|seller|shop|factory)|a (?:competitor|rival|seller|shop|factory|company)|competitors?|rivals?|counterfeiters?)\b[^.?]{0,40}(?:\b(?:is|are|was|were|has been|have been|keeps?) \w+ing\b[^.?]{0,12}|\s(?:sells|sold|makes|made|uses|used|copies|copied|produces|produced|spreads|spread|posts|posted|passes off|passed off|counterfeits|counterfeited) )$/i;
const GUARDING_AGAINST_EN =
  /(?:(?<!low-|low |no-|minimal )\b(?:risks?|such as|prevent(?:ing)?|avoid(?:ing)?|against)\b|\be\.g\.)[^.?!]{0,40}$/i;
// Reporting someone else's wrong act ("店长做假账，我们想报案") is not asking to do it.
const REPORTING = /(?:想|要|准备|打算|去|怎么|如何|能不能)(?:报案|报警|举报)/;
// Asking what an act costs ("虚开的话罚款幅度多少", "偷税会判几年") is asking about the law, not for help.
const CONSEQUENCE_AFTER =
  /^(?:[^，。？?]{0,8}?被(?:查到|查出来?|发现|抓到)(?:了)?(?:的话)?[\s，,]*[^，。？?]{0,4}(?:怎么罚|罚多少|罚款|处罚|判|后果|法律责任)|[^，。？?]{0,4}?(?:的话|了的话|会|会被|要)+(?:什么|啥)?(?:怎么罚|怎么处罚|罚款|处罚|罚|判|后果|法律责任)|[^，,。？?]{0,4}?(?:的话|会|有)?(?:什么|啥)?(?:怎么罚|罚多少|判几年|判刑|后果|法律责任)|[^，,。？?]{0,4}?的?(?:处罚|罚款)(?:到底)?(?:有多重|有多少|多重|是什么|怎么算)|[^。？?]{0,20}的(?:话)?[，,][^。？?]{0,6}(?:罚款|处罚|怎么罚|罚多少|判|后果|法律责任))/;
// Saying one does not mean it ("我不是要走后门，只想知道…").
const DISOWNED_BEFORE = /(?:不是|并不是|并非|不想|没想|不打算|不用|不需要|无需)(?:要|想|去)?$/;
const notARequest = (before: string, text: string, after = "") =>
  CONSEQUENCE_AFTER.test(after) ||
  DISOWNED_BEFORE.test(before) ||
  VICTIM_BEFORE.test(before) ||
  (SOMEONE_BEFORE.test(before) && DONE_TO_US.test(after)) ||
  SOMEONE_BEFORE_EN.test(before) ||
  GUARDING_AGAINST.test(before) ||
  GUARDING_AGAINST_EN.test(before) ||
  REPORTING.test(text);

const DOCUMENT =
  "(?:通知书|签到表|台账|表格|记录|证|证书|证明|执照|营业执照|许可证|合同|发票|公章|印章|章|报告|材料|流水|账|账本|凭证|函|确认函|批文|文件|资质|签名|签字|截图|业绩|照片|图片|图|单据|单子|出库单|入库单|验收单|送货单|签收单|收据)";

const ACQUIRE =
  "(?:搞到|弄到|拿到|获取|获得|打听|套出|查到|查出|查一下|查下|查一查|查查|查询到|要到|导出|调出|调取|弄来|搞来|看到|看看|下载|想知道|弄出来|搞出来|调出来|拿出来|扒下来|扒出来|爬下来|爬取|抓取)";
const OTHERS =
  "(?:(?:隔壁|对面)(?:那家|的|那个)?(?:厂|企业|公司|电子厂)?|另(?:一|外一?)家(?:[^，。？?的]{0,4}?(?:厂|公司|企业))?|竞争对手|对手|同行|竞品[^，。？?的]{0,4}|(?:几家|那家|这家)?竞争[^，。？?的]{1,4}|别人|别家|他人|人家|其他几家|别的几家|另外几家|其他(?:企业|公司|厂|厂家|投标人|供应商|单位|商家)|别的(?:企业|公司|厂)|中标(?:的)?那家|中标(?:单位|企业|公司|方|人)|那几家|几家(?:厂|企业|公司)|所有[^，。？?]{0,10}(?:企业|公司|厂))";
/** What a firm does not publish; its public records (处罚信息, 信用信息, 中标公告) are anyone's to look up. */
const PRIVATE =
  "(?:报价|底价|标底|投标文件|标书|名单|(?<!处罚|信用|(?<!非)公示|(?<!非)公开|采购|招标|中标)(?:数据|信息|资料)|电话|手机号|联系人|联系方式|客户|纳税额|纳税|税额|用电量|用电|营收|销售额|产值|补贴数据|利润|工资|财务|账|成本|配方|图纸|存款|银行流水|个人信用|申报材料|申请材料|投标材料|报了多少|(?:申请|拿|领|得)了多少|报多少|报价多少|报的价|出的价|出价)";

const RULES: ActRule[] = [
  {
    act: "forge",
    patterns: [
      /伪造|造假|做假|作假|变造|篡改|冒签|假账|两套账|阴阳合同|刷流水|倒签|模仿(?:一下)?(?:他的|对方的)?签(?:字|名)|签(?:字|名)[^，。？?]{0,4}模仿/,
      new RegExp(`(?:ps|p图|p(?:一|个|张|份|几|两|点))[^，。？?a-z]{0,10}${DOCUMENT}`, "i"),
      // Making up or inflating records and figures.
      /(?:编造|捏造|虚构|虚报|虚增|做高|注水)[^，。？?]{0,10}(?:收入|营收|利润|业绩|产值|数据|人数|工时|记录|台账|材料|发票|合同|流水)/,
      /(?:收入|营收|利润|业绩|产值|销售额|人数|数字|(?<=的)数|重量|吨位|读数|金额|数额|费用|成本)[^，。？?]{0,6}(?:做高|改高|调高|改大|调大|写大|做大(?=一点|点|些|一些)|改低|调低|写低|做低|改小|调小|多报|虚报|注水|虚增|调一调|改一改|动一动)/,
      // A loss shown as a profit ("去年其实是亏损的…报表怎样处理才能显示盈利").
      /亏[损了][\s\S]{0,40}?(?:显示|变成|做成|看起来|调成|改成|写成)(?:是)?(?:盈利|赚钱|微利|持平)/,
      // Spare input invoices passed on for a fee ("多余的进项发票…开给我们抵扣，只收三个点").
      /(?:多余|富余|多出来)的?进项(?:发票|票)|(?:发票|票)[^。？?]{0,20}(?:只收|收|要)[^，。？?]{0,3}(?:[一二三四五六七八九\d]+个点|点的?手续费)/,
      /(?:日期|时间)(?:往前|提前)(?:写|签|改|填)|(?:日期|时间)[^，。？?]{0,6}往前(?:写|签|改|填|挪|调)|(?:改|补)(?:一下|个)?(?:签字|落款)?日期|日期(?:改|调|换)(?:一下|个|成|掉)|日期[^，。？?]{0,4}(?:改|调|写|填|签|弄)(?:早|晚|前|后)(?:点|一点|些|一些|几天|一个月|几个月)/,
      // Figures written in a direction other than the truth ("用电量往低了写一点", "参保人数少报一点").
      /(?:往|朝)(?:低|少|小|高|多|大|上|下)(?:了|点|一点|些)?(?:写|报|填|申报|开|调|做|改)|(?:少报|瞒报|低报|少写|少填)(?!了)|(?:报|写|填)(?:少|低)(?:点|一点|些|一些)/,
      // What is actually so, reported as something else ("实际改了60亩，报100亩", "实际80多人，报成40个").
      /实际(?:上)?[^。？?]{0,12}[，,][^。？?]{0,6}(?:报成|写成|填成|说成|报[一二两三四五六七八九十百千万\d])/,
      // Last year's record passed off as this year's ("去年的展位照片…当今年的报").
      /去年的[^。？?]{0,24}当(?:成|作)?今年的|当(?:成|作)?今年的(?:报|交|用|申请)/,
      // Another firm's evidence submitted as one's own ("借别的厂的系统界面截几张图交上去").
      /借(?:用)?(?:一下)?(?:别人|别的|别家|其他|隔壁|兄弟|朋友|同行)[^。？?]{0,12}(?:截图|截几张|截张|照片|拍|界面|数据|设备|材料)/,
      // A document attesting what the asker says did not happen ("其实没去成 能不能找展会方开个参展证明").
      /(?:其实|实际上?|根本)(?:就)?(?:没|没有|还没|未|并没有?)[^。？?]{0,16}[\s,，][^。？?]{0,20}(?:开|出|弄|做|搞|写)(?:一|个|份|张)*[^，。？?]{0,6}(?:证明|验收单|报告|记录|单据|凭证)/,
      // A paper handed in to get past a review ("先写份整改报告交上去应付一下"), a sham agreement (签个样子货).
      /(?:交上去|交上|报上去|递上去)[^。？?]{0,2}应付(?:一下)?|签(?:个|份)?样子货/,
      // Someone else's seal, to be taken care of by the asker ("章我们自己想办法").
      /(?:章|公章|印章)(?:我们|我|咱们)?自己(?:想办法|来弄|弄|刻|搞定)/,
      // The other party's signature done without them ("验收单甲方不肯签，我自己先盖个章拿去申请付款").
      /(?:不肯签|不签|没签)[^。？?]{0,12}自己(?:先)?盖(?:个)?章/,
      // A sham contract to show a lender ("跟下游老板签个合同走个过场，银行看得出来吗").
      /(?:合同|协议)[^，。？?]{0,4}走(?:个|一下)?过场|走(?:个|一下)?过场[^。？?]{0,12}(?:看得出|查得出|看出来|查出来)/,
      // A document produced to make up what is missing ("出份整改完成的证明凑一下").
      /(?:证明|材料|合同|发票|单据|记录|业绩|截图|照片|数据)[^，。？?]{0,4}凑(?:一下|一凑|凑|上)|(?:过了|通过了?|拿到了?)(?:以后|之后)?再(?:慢慢)?补/,
      // Invoices with no real business behind them ("弄几张票冲成本").
      /(?:弄|买|搞|开|要)[^，。？?]{0,8}(?:发票|票)[^，。？?]{0,6}(?:冲|抵)[^，。？?]{0,3}(?:成本|账|税|费用|收入|营收|业绩)|(?:开|弄|搞|买)[^，。？?]{0,10}(?:发票|票)[^，。？?]{0,2}冲(?:一冲|一下)/,
      // Extra invoices offered for a fee ("issue us some extra VAT invoices for a 'small handling fee'").
      /\b(?:extra|additional|spare)\s+(?:vat\s+|special\s+|input\s+)?invoices?\b[^.?]{0,60}\b(?:fee|tax bill|lower|cut|reduce)\b/i,
      // A document the asker does not have, made by someone ("证明拿不出来，找人做一份").
      /(?:拿不出|没有|开不出|弄不到|办不下来)[^。？?]{0,10}(?:找人|托人|花钱|请人)(?:帮忙)?(?:做|弄|搞|开|造)(?:一份|一个|一张|个|张|份)/,
      // A document asked for that would state what has not happened yet ("帮我们做一份验收报告？设备还没到位").
      new RegExp(
        `(?:帮|给)(?:我|我们)?(?:做|弄|出|开|写)(?:一份|一个|一张|份|个|张)[^。？?]{0,12}${DOCUMENT}[^!！]{0,30}(?:还没|还未|尚未)(?:全部)?(?:到位|完成|做完|验收|发生|到货|开工|投产)`,
      ),
      // A fake made, the document named after it or before ("质检报告能不能找人出个假的").
      new RegExp(
        `(?:做|弄|搞|刻|开|办|整|买)(?:一|两|几|个|张|份|点|些)*假(?:的)?[^，。？?]{0,6}?${DOCUMENT}|(?:出|做|弄|搞|开)(?:个|一份|份|张)假的`,
      ),
      // 假 as "fake", not as leave (请假证明, 年假, 病假条).
      new RegExp(`(?<![请休放度寒暑年病事婚产丧调])假(?:的)?${DOCUMENT}`),
      /虚开|(?:从|找)(?:别的|其他|外面|别家)[^，。？?]{0,6}买[^，。？?]{0,8}(?:发票|票)|买[^，。？?]{0,6}(?:发票|票)(?:回来|过来)(?:抵|冲|报|入账)|多开[^，。？?]{0,4}(?:发票|票|记录|证明|单据|凭证|收据)|(?:补贴|补助|奖补)[^。？?]{0,8}返点|买(?:点|些)?发票|买(?:来)?的(?:发票|票)|(?:发票|票)[^，。？?]{0,10}(?:从|找)[^，。？?]{0,6}(?:公司|人|中介)买|代开假|开(?:点|些)?假/,
      // Invoices someone sells, bought to claim or offset costs ("有人卖餐饮发票 买几张回来报销").
      /卖[^，。？?]{0,6}(?:发票|票)[^。？?]{0,10}买|(?:有人卖|买)[^，。？?]{0,6}(?:发票|票)[^。？?]{0,16}(?:哪种|哪家|比较稳|稳不稳|靠谱)|买(?:几|两|一|些|点)张[^，。？?]{0,6}(?:报销|抵扣|冲账|冲成本|抵税)/,
      // Claiming a size or status the asker admits it does not have ("营收已经超了中型标准，能不能按小企业出声明函").
      /(?:超了|超过(?:了)?|不符合|不满足|达不到|够不上|不算|(?:其实|实际)(?:上)?(?:我们|我司|公司)?(?:已经)?(?:是|算)大(?:型)?企业)[^。？?]{0,24}(?:能不能|可不可以|可以|能否|想|直接|照样)[^。？?]{0,12}(?:按|当作|当成|算成|报成|写成|声明成|声明为|冒充|写一份|出一份|开一份|出个|写个|写|填)[^，。？?]{0,4}(?:小企业|小微|中小企业|中型|小型|微型)/,
      // Reviews bought or faked ("刷好评", "get 5-star reviews fast without Amazon catching it").
      /刷(?:好评|单|评论|销量)|\b(?:buy|buying|fake|paid)\s+(?:\d-star\s+)?reviews\b|\bpaying people\b[^.?]{0,40}\breviews?\b/i,
      // Invoice or claim amounts written higher than what was paid.
      /(?:发票|票|报销)[^。？?]{0,30}(?:金额|数额)[^，。？?]{0,4}(?:调高|开高|改高|写高|做高|虚高)(?!了)/,
      /(?:发票|票)[^，。？?]{0,10}(?:开高|开大|写高|做高)(?:一点|一些|点|些)?[^。？?]{0,10}(?:返|退|给我|回给|私下)|差价(?:再)?(?:退|返|转)(?:给|回)/,
      // Invoices brought in from outside ("弄几张咨询服务费的发票进来抵一下").
      /(?:弄|买|搞)(?:几|一些|些|点)张?[^，。？?]{0,10}(?:发票|票)(?:进来|过来|回来)/,
      // Data or records made up to fill a gap ("实验数据不够，能不能先编一些补上").
      /编(?:一些|一点|点|几个|几条|些)(?:数据|记录)?[^，。？?]{0,4}(?:补上|凑|填上|放进去)/,
      // A count reported as another ("去了3个人能不能报成8个"), an invoice for more than was paid.
      /(?:报|写|填|开)成[\d一二三四五六七八九十两百千万]+(?:个|人|万|台|家|次|张)|(?:发票|票)[^。？?]{0,12}多开(?:点|一点|些|一些)|投资额[^，。？?]{0,6}做大|\binvoices?\b[^.?]{0,30}\bfor more than (?:we|they|it) (?:actually |really )?(?:paid|cost|spent)\b/i,
      // Two versions of one record, one for each reader ("给银行一套报表、给税务一套报表", "工资表能不能做两套 一套给税务看",
      // "做一套专门给担保公司看的账").
      /(?:一|两)套(?:报表|账|账本)[^。？?]{0,12}(?:一|另一)套(?:报表|账|账本)?|(?:账|报表|工资表|合同|台账|记录)[^。？?]{0,6}(?:做|弄|搞)(?:两|二)套|(?:做|弄|搞)(?:两|二)套(?:账|报表|工资表|合同|台账)|一套给[^，。？?\s]{1,6}看|(?:一套|另一套)[^，。？?]{0,8}(?:给|让)[^，。？?]{0,8}看的(?:账|报表)/,
      // Junk patents to pad a count ("批量写一些水专利…凑数量"), a large firm split to pass as small.
      /水专利|凑[^，。？?]{0,6}数量|拆(?:几个|成|出)[^。？?]{0,8}小公司[^。？?]{0,20}(?:声明函|预留|中小企业)|\bjust for (?:the )?(?:[\w-]+ ){0,3}(?:inspection|audit|visit|check)(?: day)?\b/i,
      // A sample swapped before a test ("调包", "swap in a clean sample"); invoices issued for a cut ("给6个点手续费").
      /调包|换(?:个|一个|一份)?(?:合格的?|干净的?)?样品|\b(?:swap|switch|substitute)\b[^.?]{0,20}\bsamples?\b|开[^。？?]{0,16}(?:给|收)[^，。？?]{0,3}[一二三四五六七八九\d]+个点(?:的)?手续费/i,
      /\bmake\b[^.?]{0,30}\blook (?:compliant|legit|legitimate|clean|proper)\b|\bjust for (?:the )?inspection\b/i,
      // A document made up ("先编一份整改报告交上去"), a bank statement padded ("找人刷一下流水").
      new RegExp(`编(?!制|号|码)(?:一|个|份|张|几|套)+[^，。？?]{0,8}${DOCUMENT}`),
      /刷(?:一下|一刷|下|点|些|几笔)?[^，。？?]{0,4}流水|流水[^。？?]{0,12}(?:找人|帮忙)?刷(?:一下|一刷|下|点|些|几笔)/,
      // People put on the social-insurance books to make up a number ("挂几个人的社保凑一凑").
      /挂(?:几个|一些|些|个)?(?:人|员工)的?社保|社保[^。？?]{0,6}凑/,
      // Filled in so as to count as what it is not ("声明函怎么填才能算成小微").
      /(?:怎么|如何|咋)(?:填|写|报|弄)[^。？?]{0,6}才(?:能|可以|会)?(?:算成|变成|被当成|被认定成)/,
      /\b(?:make|making)\b[^.?]{0,30}\b(?:look|appear|seem)s? like\b|\b(?:inflate|inflating|pad|padding|mark up|bump up)\b(?! of)[^.?]{0,30}\binvoices?\b/i,
      // A document's date made another year's ("发票日期能不能想办法弄成今年的").
      /(?:发票|合同|日期)[^。？?]{0,10}(?:弄成|改成|写成|开成)(?:今年|去年|明年|\d{4}年)/,
      // A declaration ticked though the asker knows otherwise ("没重大违法记录那栏就先勾上吧").
      /(?:承诺书|声明函|声明)[^。？?]{0,24}(?:先)?勾上|(?:措辞|写法|表述)上?[^。？?]{0,6}模糊(?:处理|一下|一点)/,
      // …or made bigger to get more support ("设备发票开大一点多拿点补贴", "金额做大一点", "金额再多开两万").
      /(?:发票|票|金额)[^。？?]{0,16}(?:开大|开高|做大|写大|调高|抬高)(?!了|额)(?:一点|一些|点|些)?[^。？?]{0,12}(?:多拿|补贴|奖补|报销|抵)|(?:发票|票)?金额[^，。？?]{0,8}(?:做大|开大)(?:一点|一些|点|些)|金额(?:再)?多开|多开[一二两三四五六七八九十百千万\d]+(?:块|元|万|千)/,
      // Used equipment passed off as new ("二手设备…按新设备的价格重开", "旧设备翻新一下当新设备报").
      /(?:旧|二手)[^。？?]{0,30}(?:当|按|充|开成|写成|做成|报成)(?:成|作)?新(?:设备|机器|的)/,
      // What an inflated bill leaves over, handed back ("多出来的返给我们").
      /多(?:出来|开)的(?:部分|钱)?[^，。？?]{0,2}(?:再)?(?:返|退|转|打)(?:给|回)/,
      // Debts or revenue moved to other firms' books so the figures pass ("负债挪到关联公司账上", "拆到几个壳公司").
      /(?:负债|债务|欠款|营收|收入|利润|业务)[^，。？?]{0,8}(?:挪|转|拆|分|放)(?:到|给|成)[^，。？?]{0,10}(?:关联公司|壳公司|别的公司|其他公司)/,
      /让(?:报表|账|账面|流水|数据|财报)[^，。？?]{0,2}(?:好看|漂亮)/,
      // Materials pieced together from someone else's ("借隔壁厂的系统截图拼一套材料").
      /拼(?:一套|凑|几份|一份)[^，。？?]{0,4}(?:材料|资料|证明)/,
      // A document written for more than really happened ("实际花了一百二十万…把合同做成两百万").
      /实际[^。？?]{0,20}(?:合同|发票|票|金额)[^，。？?]{0,4}(?:做成|开成|写成|改成|报成|开到|写到)/,
      // Another firm's record put under the asker's name ("把朋友公司的项目合同改成我们的名字").
      /(?:合同|业绩|项目|证书|资质|奖项)[^，。？?]{0,8}(?:改成|换成|写成)(?:我们|我方|自己|我司)(?:公司)?的?(?:名字|抬头|名义|名称)/,
      // Padding a headcount with names ("挂几个外包工人的名字凑数", "名单多报几个").
      /(?:亲戚|朋友|家里人|家人|熟人)[^，。？?]{0,6}挂(?:个)?名|(?:挂|借|凑)(?:几个|一些|些)?[^，。？?]{0,8}(?:人|工人|员工|学生|亲戚|朋友|家人|熟人)的?(?:名字|名头|人头)|凑(?:够)?人数|凑(?:够|一下|一点)?数(?!据)|(?:社保|人头)[^，。？?]{0,4}挂到|多报(?:几|两|一点|一些|些|点)|挂(?:个)?名(?:拿证|领证|凑)|挂名凑|凑[^，。？?]{0,4}(?:人数|条件|资格|门槛)|挂(?:几个|一些|些)?(?:朋友|亲戚|熟人|人)(?:进来|进去)|(?:领完|拿到|到手)(?:以后|后)?再(?:让他们走|辞退|退掉)/,
      // …or with people put on the books only until the application is through ("社保能不能临时挂几个人上去").
      /(?:临时|先)挂(?:几个|一些|些|个)?(?:人|员工|亲戚|朋友|熟人)|挂(?:几个|一些|些)(?:亲戚|朋友|家人|熟人)|挂(?:几个|一些|些|个)?人(?:上去|进去|进来)/,
      // A document or figure made to look like what it is not ("写一份看着像已经整改完成的报告", "人数看着多一点").
      /(?:看着|看起来|弄得|做得|装得|写得)(?:就)?像(?:是)?(?:已经|真的|真实|正规|两个|几个|新的|我们自己|全部|都)|(?:弄得|做得|装得|写得|包装得|改得)像(?!样)|(?:人数|员工|规模|营收|收入|金额|产值|业绩|数据|数字)[^，。？?]{0,6}(?:看着|看起来|显得)(?:多|大|高)/,
      // An invoice or the amount on it written higher, wherever the invoice is named ("设备发票…能不能让供应商开高一点").
      /(?:发票|票|金额|投资额)[\s\S]{0,30}(?:开高|开大|做高|写高|调高)(?!了)(?:一点|一些|点|些)|(?:发票|票)[^。]{0,20}(?:投资额|金额)[^。]{0,10}看起来多/,
      // Invoices got hold of through a channel ("有没有靠谱的渠道能弄到进项发票").
      /(?:渠道|门路)[^。？?]{0,8}(?:弄到|搞到|买到|拿到)[^，。？?]{0,4}(?:进项)?(?:发票|票)/,
      // A certificate of origin or a declaration rewritten ("原产地证能不能改写成越南的").
      /(?:原产地证|产地证|报关单|检验报告|检测报告)[^。？?]{0,6}(?:改写|改成|写成|改为)/,
      // What did not happen reported all the same ("其实没来上班，名单能不能照样报上去").
      /(?:其实|实际)[^。？?]{0,12}没[^。？?]{0,12}[，,][^。？?]{0,12}(?:照样|照常|一样)报/,
      /\btouch up\b[^.?]{0,20}\b(?:screenshots|numbers|data|figures|photos|records)\b|\bmake (?:up )?(?:a few |some )?(?:certificates|attendance sheets|records|receipts)\b[^.?]{0,40}\b(?:for people|who never|who didn'?t|who haven'?t)\b|\bincluding (?:staff|people|workers|employees) who (?:never|didn'?t|did not)\b/i,
      /\b(?:raise|inflate|increase|bump up|mark up|pad)\b[^.?]{0,10}\binvoice (?:amounts?|prices?|values?|totals?)\b/i,
      // Figures reported higher or lower than they are ("学生人数报多一点", "营收能不能报高一点"), invoices issued to each
      // other with no business ("互开点发票").
      /(?:报|写|填)多(?:一点|一些|点|些|几个)|(?:报|写|填)(?:高|低)(?:一点|一些|点|些)|多(?:写|填)(?:点|一点|些|一些|几)|互开|对开(?:发票|票|点)/,
      // Invoices first, the business "made up later" ("先给我们开几张发票，业务后面再补").
      /(?:发票|票)[^。？?]{0,12}(?:业务|交易|合同|货)[^，。？?]{0,4}(?:后面|以后|之后|回头)再补/,
      /\b(?:tweak|adjust|massage|fudge|dress up|polish|doctor)\b[^.?]{0,30}\b(?:statements|financials|accounts|books)\b[^.?]{0,40}\b(?:look|appear|seem|pass)\b/i,
      // A figure short of a bar, to be pushed over it ("离补贴门槛差一点，能不能让供应商开高一些").
      /(?:差一点|差一些|差点|差几|还差|不够|达不到|没达到|够不上)[^。？?]{0,20}(?:开高|写高|做高|调高|上调|调一调|多开|多写|做大|开大|改一下|改一改|改改|动一下|动一动)/,
      // A bank statement made by anyone but the bank ("谁能帮做一份银行流水").
      /(?:帮|替|给)(?:我|我们)?(?:做|弄|搞|出|造)(?:一份|一套|份|套|个|几页)[^，。？?]{0,4}(?:银行)?流水/,
      /\b(?:invoices?|receipts?|certificates?|licen[cs]es?|permits?)\b (?:that|which) (?:look|looks|looked) (?:just )?like\b/i,
      // Someone else's work passed off as one's own ("把别人开源的代码改改包装成我们自己的技术方案").
      /(?:别人|他人|别家|开源|网上)[^。？?]{0,10}(?:改改|改一改|改一下|换个皮|改几个|改一点|改几处|改点)[^。？?]{0,12}(?:当成|包装成|变成|说成|算成)|包装(?:一下)?成(?:我们|我司|自己)/,
      // …or handed in as it is once altered ("把竞争对手公开的图纸改一改拿去申请", "别人的方案改个名字申请").
      /(?:别人|他人|别家|人家|竞争对手|对手|同行|其他公司|别的公司)(?:公开)?的[^。？?]{0,12}(?:改改|改一改|改一下|改个名字?|换个名字?|改个抬头|换个抬头|换个皮|改几处|改点)[^。？?]{0,6}(?:拿去|拿来|去|再|就)?(?:申请|申报|报|交|投|用|放进)/,
      // A record already made, altered afterwards ("把去年的凭证改一改").
      new RegExp(
        `(?:去年|前年|上年|以前|之前|过去|上个月|上季度|已经开(?:好|出)?)的[^，。？?]{0,6}${DOCUMENT}[^，。？?]{0,4}(?:改一改|改改|改一下|动一动|调一调|改掉|重新(?:做|写|开)一?(?:份|张|个)?)`,
      ),
      // Figures made to look other than they are ("让成本看起来高一点").
      /(?:让|使|把)[^，。？?]{0,10}(?:看起来|看着|显得|看上去)(?:更)?(?:高|低|多|少|大|小)(?:一点|一些|点|些)/,
      // Paper written for a review the asker admits was not done ("其实没整改…随便写写就能过").
      /(?:还没|没有?|未|尚未)(?:做完|完成|整改完|改完|弄完|办完|修好|验收|到位)[^。？?]{0,20}(?:先写|写成|就写|先填|填成|写上)(?:已|已经)?/,
      // …or a paper for it got first ("单子还没做完，想先弄份验收合格的材料", "设备还没买，发票先开出来").
      /(?:还没|没有?|未|尚未)(?:做完|完成|整改完|改完|弄完|办完|修好|验收|到位|买|到货|安装|交付|发货)[^。？?]{0,24}先(?:弄|做|搞|开|出|写)(?:一|个)?(?:份|张|个|出来)?[^，。？?]{0,8}(?:材料|证明|报告|发票|票|单|记录)|凑(?:一下|齐)?(?:材料|证明|数据|业绩|发票)/,
      // Goods declared as another kind at customs ("危险品申报成普通化工品").
      /(?:申报成|报成|申报为|写成)(?:普通|一般)(?:货物|货|化工品|产品|商品)|(?:申报成|报成)普货/,
      // A complaint or claim the asker says is untrue ("they didn't really copy it").
      /\b(?:complaint|report|claim|accus\w+)\b[\s\S]{0,100}\b(?:didn'?t|did not|never) (?:really|actually)\b/i,
      // An invoice issued for something other than what was bought ("装修的钱…开成厂房维修的发票").
      /开成[^，。？?]{0,10}的?(?:发票|票)(?:进|入|走|报)|(?:换|改)(?:个|一个)(?:名目|品名|项目名)|开成[^，。？?]{0,8}(?:好|方便|才能|才好)报销/,
      // One kind of fee invoiced as another ("把培训费开成'咨询服务费'").
      /把[^，。？?]{0,8}费开成[^，。？?]{0,10}费/,
      /随便(?:写写|写一写|编编|编一编|弄弄|填填)[^。？?]{0,6}(?:能|就)?(?:过|通过|蒙过)|随便编|(?:材料|证据|理由|记录)[^。？?]{0,4}编(?:编|一编|一下)/,
      /\b(?:employees?|staff|people|workers)\W{0,2}\s+on paper\b|\b(?:who|they|he|she) (?:don'?t|do not|never|wouldn'?t|would not|won'?t|will not) (?:actually |really |even )?work (?:there|here|for)\b|\b(?:lend|borrow|rent)\b[^.?]{0,40}\bon paper\b/i,
      // Changing or deleting records in a system behind the procedure's back.
      /(?:从|在)[^，。？?]{0,6}(?:系统|后台|数据库)[^，。？?]{0,8}(?:删|改掉|抹掉)/,
      // An invoice with nothing real behind it, however it is asked for.
      /(?:开|弄|搞|买|要)[^，。？?]{0,8}(?:发票|票)[^。？?]{0,20}(?:没有|无|不是)真实(?:的)?(?:业务|交易|采购|销售)|(?:没有|无)真实(?:的)?(?:业务|交易)[^。？?]{0,12}(?:开|弄|搞|买|要)[^，。？?]{0,6}(?:发票|票)/,
      // …said as what did not happen ("开技术服务费的专票，其实没发生服务，就为了抵点税").
      /(?:发票|专票|普票|票)[^。？?]{0,24}(?:其实|实际上?|根本)(?:就)?(?:没有?|未)(?:真实)?(?:发生|提供|做过?|来|去|买|用|吃|住|到|发货|供货)/,
      // Statements and records made to look better than they are ("找人做一份好看点的银行流水").
      /(?:好看|漂亮)(?:一)?(?:点|些)?[”"」]?的[^，。？?]{0,4}(?:流水|报表|账|财报|业绩|数据|截图|照片|审计报告|报告)/,
      // A second version made for whoever checks ("让代账公司给担保公司另做一份好看点的").
      /另(?:外)?(?:做|弄|搞|编|出)(?:一份|一套|份|套)[^，,。？?]{0,6}(?:好看|漂亮|报表|账|流水|数据)/,
      // A document reissued with another year's date ("让供应商重新开一张今年日期的").
      /重新开(?:一张|张|一份|份)?[^，。？?]{0,4}(?:今年|去年|明年)(?:日期)?的/,
      // Last year's evidence for what did not happen this year ("其实没去成，拿去年的照片行不行").
      /(?:其实|实际)[^。？?]{0,8}(?:没|没有)[^。？?]{0,12}[，,][^。？?]{0,8}拿(?:去年|以前|往年|别人|别家)的/,
      // Temporary staff reported as permanent ("临时工当正式员工报上去").
      /(?:临时工|外包|实习生|兼职|劳务派遣)[^。？?]{0,6}当(?:成|作)?(?:正式员工|正式工|全职|在编)/,
      // Invoices offered for a cut ("帮我开点运输发票 进项不够 点数好商量").
      /(?:点数|点位|税点)[^，。？?]{0,3}(?:好商量|好说|可以谈|可以商量|不高|很低|不贵)/,
      // Invoices issued by a firm or a go-between that sold nothing ("找公司代开一些材料费发票"); the tax office's 代开 is lawful.
      /(?:找|让|请|托)(?:别的|其他|朋友的?|外面的?|一家|家|个)?(?:公司|人|中介|朋友)[^，。？?]{0,4}代开/,
      // A seal made or imitated by the asker ("自己做一份盖个章交上去", "仿个章盖上").
      /(?:自己|随便)(?:先)?(?:照着)?(?:做|弄|写|搞)(?:一份|一个|个|份)[^。？?]{0,8}(?:盖(?:个)?章|盖上)|仿(?:个|一个|刻)?(?:公)?章/,
      // Accounts opened to pose as several people ("弄几个小号去投诉他").
      /(?:弄|注册|开|用|搞|换)(?:几个|一些|些|个)?(?:小号|马甲号?)/,
      // Figures pushed up to reach a bar ("开点技术服务费发票把数做上去").
      /把(?:数(?:据|字)?|流水|营收|业绩)(?:做|凑|弄|搞|刷)(?:上去|高|够|大|起来)|互相转(?:几笔|账|钱)/,
      /\binvoices?\b[^.?]{0,40}\bnever (?:actually )?(?:received|happened|provided|delivered|took place|got)\b/i,
      // Dressing up figures: "把利润数据改得好看一点", "美化一下报表".
      /(?:数据|报表|利润|账|账目|流水|财报|业绩|报告|营收|收入)[^，。？?]{0,6}(?:改|调|做|弄|修)得?(?:好看|漂亮)|美化(?:一下)?(?:财务|报表|数据|账|流水|业绩)|(?:财务|报表|数据|账|流水|业绩)[^，。？?]{0,8}美化/,
      /(?:找人|请人|托人)(?:帮忙)?(?:做|弄|搞)(?:一份|一套|份|套)?(?:漂亮|好看)|(?:帮忙|帮我们?)(?:做|弄|搞)(?:一份|一套|份|套)(?:漂亮|好看)|(?:弄|搞|做|开)(?:一份|一张|个|份)?[“"']?像样(?:的|点)/,
      /\bon paper\b[^.?]{0,20}\b(?:so (?:they|we|it) looks?|to look)\b|\b(?:adjust|tweak|massage|fudge|alter)\b[^.?]{0,30}\b(?:data|numbers|figures|readings)\b[^.?]{0,40}\b(?:to qualify|so (?:that )?(?:[\w-]+ ){0,3}qualif\w*|to get more|so (?:the |our )?(?:application|it|we) pass(?:es)?|to pass)\b/i,
      /\bmake (?:our |the )?(?:numbers|figures|accounts|books|financials|statements|profits?)[^.?]{0,12}look (?:better|good|nicer|healthier)\b/i,
      // A second set of books for whoever checks ("a nicer set of statements just for the guarantee company").
      /\b(?:nicer|prettier|better[- ]looking|cleaner|separate|second|different) set of (?:statements|books|accounts|financials|figures|records|payroll(?: records)?)\b|\b(?:results|data|tests?|experiments?)\b[^.?]{0,20}\b(?:we|they) (?:haven'?t|have not|never) (?:actually |really )?(?:run|done|conducted|performed)\b|\bso (?:it|they) looks? (?:legit|legitimate|real|genuine|clean)\b|\bkeep the real (?:ones|books|statements|figures|numbers)\b/i,
      /(?:格式|做得|弄得|写得)?像真的(?:一样)?|以假乱真|看不出(?:来)?是假/,
      /(?:以|用)(?:你|你们|政府|市政府|[^，。？?]{1,8}?)的?名义(?:出|写|开|发|出具|盖章)/,
      // Making a red-header document, not reading one ("不想翻红头文件").
      /落款(?:写|为|是)|(?:做|弄|搞|仿|造|伪造|打印)(?:一份|一个|个|份|张)?红头文件/,
      // A size the asker admits not having, in English ("technically a large enterprise… declare ourselves an SME").
      /\b(?:saying|say|state|claim(?:ing)?|declar(?:e|ing)|counts? as|pass(?:es)? as|qualify as)\b[^.?]{0,40}\b(?:small|micro|sme)\b[^.?]{0,80}\beven though\b/i,
      /\blarge (?:enterprise|company|firm)\b[^?]{0,80}\b(?:declare|claim|list|register|tick|fill in)\b[^.?]{0,30}\b(?:sme|small|micro)\b/i,
      // Money sent and sent back so that an invoice has a payment behind it ("货款他转过来我再转回去").
      /(?:转过来|打过来|转给我)[^。？?]{0,8}(?:再)?(?:转回去|退回去|打回去|还回去)/,
      // A status the asker says it lacks, written in all the same ("不是专精特新，能不能材料上写成是").
      /(?:不是|不算|没评上|没有)[^。？?]{0,12}(?:写成|填成|报成|说成)(?:是|有)/,
      // What has not been done, written so as to pass ("设备其实还没买，怎么写能过审"), a report with no test behind it.
      /(?:其实|实际上?)(?:还)?(?:没|没有|未)[^。？?]{0,10}[，,\s][^。？?]{0,8}(?:怎么|如何)(?:写|填|做|弄)[^。？?]{0,4}(?:能|才能|可以)?(?:过审|通过|过)|(?:报告|证明|记录)[^。？?]{0,8}不(?:实际|真的?|用真)(?:测|做|检|去|查)/,
      /\binvoices?\b[^.?]{0,60}\bnever (?:actually )?(?:bought|purchased|paid for|existed)\b/i,
      // A certificate issued before its exam ("证书能先发吗 人还没考").
      /(?:证书|证)[^。？?]{0,6}先发[^。？?]{0,10}(?:还没|没)(?:考|参加)/,
      // Invoice amounts written higher, in English.
      /\b(?:higher|bigger|larger|inflated)\s+(?:amounts?|prices?|figures?|values?|numbers?)\b[^.?]{0,20}\binvoices?\b/i,
      /\b(?:raise|inflate|increase|bump up|mark up|pad)\b[^.?]{0,30}\b(?:prices?|amounts?|figures?|values?)\b[^.?]{0,20}\binvoices?\b|\binvoices?\b[^.?]{0,30}\b(?:inflated|raised|padded|marked up)\b/i,
      /\bbuy(?:ing)? (?:some |a few |several )?(?:vat |special |tax |fake )?invoices?\b|\b(?:get|buy|borrow|use)\b (?:some |a few |several )?(?:\w+ ){0,2}invoices? from (?:another|other|a different|someone|a friend)|\bput (?:an )?extra\b[^.?]{0,20}\bon (?:his|her|their|the|my|our|your) invoice\b/i,
      // An invoice from a firm that sold nothing ("找朋友公司补开一张设备票").
      // …or for a purchase that came with none ("设备私下买的没票，能不能找别家开一张补上").
      /(?:没票|没有发票|没发票|没有票|没开票)[^。？?]{0,16}(?:找|让|请|托)[^，。？?]{0,6}(?:补开|代开|开)(?:一张|几张|张|些|点)/,
      /(?:找|让|请|托)(?:朋友|亲戚|熟人|别的|别家|其他|关系好的|认识的)[^，。？?]{0,6}(?:补开|代开|开)(?:一张|几张|张|些|点)?[^，。？?]{0,6}(?:发票|票)/,
      /\b(?:report|declare|state|put down|write down|list)(?:ing)?\b[^.?]{0,40}\b(?:fewer|lower|smaller|less)\b[^.?]{0,20}\b(?:employees|staff|headcount|turnover|revenue|sales|income|profits?|emissions|figures|(?:unit )?prices?|values?)\b/i,
      /\bpad(?:ding|ded)?\b[^.?]{0,20}\b(?:headcount|staff numbers?|employee numbers?|payroll|figures|numbers)\b|\b(?:under-?valu(?:e|ing)|under-?declar(?:e|ing)|(?:put|declare|state) a lower value)\b/i,
      // Someone else's material passed off as the asker's own ("借用供应商的截图当作我们自己的材料").
      /(?:借|用|拿)[^。？?]{0,24}(?:当作|当成|算作|充当|作为)(?:是)?(?:我们|我司|自己|本公司)(?:自己)?的/,
      // A report's figures altered ("审计报告能不能改一下利润"), a paper made in an image editor ("先P一份给医院投标用").
      /(?:审计报告|报表|财报|账|账本|报告)[^。？?]{0,6}(?:改一下|改改|改一改|调一下|动一下|改)[^，。？?]{0,4}(?:利润|营收|收入|数据|成本|金额|数字)|(?<![a-z])p(?:一份|一张|个|张|份)(?![a-z])/i,
      // A document retouched after it was issued ("检测报告能不能找人P一下").
      new RegExp(`${DOCUMENT}[^。？?]{0,8}(?:找人)?(?:p|ps)(?:一下|一p|下|掉|几张|一张|两张|几下)`, "i"),
      // What a check will see made to look complete ("让检查那天系统看起来全部跑通").
      /(?:检查|验收|评审|审核|来看|考察|抽查)[^。？?]{0,24}(?:看起来|显得|看上去)(?:是)?(?:全部|都|已经|完整|正常|达标|跑通|齐全)/,
      /\bso (?:that )?(?:it|they|this|these|the(?: \w+){1,3}) (?:looks?|appears?|reads?|counts?|seems?) (?:like|as|normal|fine|compliant|clean|legit)\b|\binvoice (?:it|this|them|the \w+) as\b|\bmake (?:our |the |my )?[\w ]{0,20}?look (?:smaller|bigger|larger|lower|higher)\b/i,
      /\b(?:forge[ds]?|forging|falsif(?:y|ied|ying)|fake[ds]?|fabricat(?:e|ed|ing)|backdat(?:e|ed|ing)|doctor(?:ed)? (?:the|our|a|an)|counterfeit|photoshop(?:ped)?|tamper(?:ed)? with|inflate[ds]? (?:our|the) (?:revenue|sales|figures|numbers|accounts))\b/i,
    ],
    refusal:
      "抱歉，我不能帮助伪造、变造或虚开任何证照、证明、合同、发票或以他人名义出具文件，这样做违法。证照和证明请向发证机关依法申领，发票按真实业务开具；相关办理渠道可以问我，例如“数电发票怎么开”“信用修复找哪个部门”。",
    refusalEn:
      "Sorry, I cannot help forge, alter or falsely issue any licence, certificate, contract, invoice or document, or issue one in someone else's name: it is against the law. Certificates are applied for from the issuing authority, and invoices are issued for real business only; ask me where to apply, e.g. how to issue digital invoices or who handles credit repair.",
  },
  {
    act: "impersonate",
    patterns: [
      /冒充|冒用(?:别人|他人|其他|别家|别的|朋友|同行)|顶替|顶包|代考|替考|找(?:个|几个)?人(?:来)?(?:代|替)[^，。？?]{0,8}考|(?:顶|替)(?:他们|他|她|我们|这几个人)(?:去|来)?考|(?:替|代)(?:他|她|他们|她们|我|我们|别人|员工|工人|老员工)(?:的?(?:员工|工人|学员|人))?(?:进去|去|进场|上场)?(?:考|参加考试|答题|答卷)/,
      /\b(?:sit|take|do)\b[^.?]{0,25}\b(?:tests?|exams?|examinations?)\b[^.?]{0,10}\b(?:on (?:their|his|her|our|my) behalf|for (?:them|him|her)|under\b[^.?]{0,30}\bnames?)\b/i,
      /借(?:用)?(?:一下)?(?:别人|朋友|他人|其他|别的|别家|同行|亲戚|隔壁|邻居|那家)[^，。？?]{0,6}(?:资质|名义|执照|账户|身份|业绩|许可证|证)/,
      // Bidding or applying in another firm's name ("投标文件用他们的名义，实际我们干").
      /(?:用|以|借)(?:隔壁|别家|朋友家|同行)[^，。？?]{0,6}的?名义|资质[^，。？?]{0,4}借(?:来|过来)?用|(?:用|以|借)(?:他们|他|她|别人|他人|朋友|人家|别家|其他公司|别的公司|朋友公司)(?:公司)?的?名义|(?:用|以|借)(?:一个|个|几个|我|我们|他|她|他的|她的)?(?:员工|亲戚|家人|家里人|朋友|熟人|同学|表弟|表哥|表姐|表妹|堂弟|堂哥|弟弟|哥哥|姐姐|妹妹|老婆|老公|爱人|配偶|媳妇|丈夫|妻子|爸|妈|父母|儿子|女儿|小舅子)的?名义(?:再|重新|另|新)?(?:注册|开|办|去投|投标|申请)|借[^，。？?]{0,8}的?(?:名头|牌子|名字)(?:去|来)?(?:投标|申报|申请|投|报|中标|接单)|(?:用|借)[^，。？?]{0,8}(?:个名|的名字)(?:都|也)?(?:投|去投|投标|申报)|(?:资质|执照|证书)[^。？?]{0,12}借(?:给)?(?:我们|我)用/,
      // Another person's ID or certificate used as one's own ("用我表弟身份证再注册个公司", "挂别人的电工证顶一下").
      /(?:用|借|拿)[^，。？?]{0,6}(?:表弟|表哥|表姐|表妹|堂弟|堂哥|亲戚|家人|朋友|别人|他人|熟人|老婆|老公|父母|爸|妈)的?(?:身份证|身份|名字|执照|营业执照|证书)(?:再|去|来|重新)?(?:注册|开|办|申请|申报|报|投|考)|挂(?:别人|他人|朋友|亲戚|人家)的[^，。？?]{0,6}证|(?:证|证书)[^。？?]{0,4}顶(?:一下|一顶|上去)/,
      // Someone sitting an exam for another ("让技术好的员工替几个老员工去考").
      /(?:替|代)(?![^，。？?]{0,8}报名)[^，。？?]{0,8}(?:去|来|进去)考/,
      /\busing (?:their|its|another (?:company|firm)'s|someone else'?s|(?:our )?(?:sister|partner|parent) company'?s)\b[^.?]{0,30}\binstead of (?:ours|our own|us)\b/i,
      /挂靠(?:资质|别人|其他)|包装成(?:小微|小企业|中小企业|民营)/,
      // Bidding under a qualified firm's name for a fee ("挂个有资质的大厂名义去投标"), or a relative's firm's.
      /挂(?:个|靠)?[^，。？?]{0,8}名义(?:去)?(?:投标|申报|申请|投)|(?:用|以|借)(?:我|我们)?(?:亲戚|家人|朋友|熟人|同学|表弟|表哥|表姐|表妹|堂弟|堂哥|弟弟|哥哥|姐姐|妹妹|老婆|老公|小舅子)(?:的)?(?:厂子?|公司|店)的?名义/,
      // Posing as an authority ("打电话说自己是市经信局的"), or applying under a relative's firm in English.
      /说(?:自己|我们|我)是[^，。？?]{0,6}(?:局|委|办|政府|部门|税务|法院|公安)的/,
      /\b(?:using|use|under)\b[^.?]{0,10}\b(?:my|his|her|our|a) (?:cousin|brother|sister|friend|uncle|aunt|relative|father|mother|wife|husband|in-law)['’]s\b/i,
      // A large firm bidding as a small one through a subsidiary ("用下面小公司的名义去投中小企业份额").
      /(?:用|以|借)[^，。？?]{0,6}(?:子公司|小公司|关联公司|兄弟公司|分公司)的?名义[^。？?]{0,16}(?:中小企业|小微|预留|份额)/,
      // Signing as someone else ("法人的身份证我们代他签", "sign with my co-founder's ID and signature").
      /(?:代|替)(?:他|她|他们|法人|老板|法定代表人|股东|对方|客户)签(?:字|名|署)?(?!收)|\b(?:sign|signing|use|using|with)\b[^.?]{0,30}\b(?:my|his|her|our|their|a|an) (?:[\w-]+ ){0,2}(?!(?:company|firm|own|business|group|parent|subsidiary)['’]s)[\w-]+['’]s (?:id|id card|identity card|signature|e-signature|electronic signature|digital signature|seal|chop|passport)\b/i,
      // Someone else put forward as the legal representative of a new firm ("换个亲戚当法人新注册一家去投").
      /(?:换|找|让|拿)(?:个|一个)?(?:亲戚|家人|家里人|朋友|熟人|员工|表弟|表哥|老婆|老公|小舅子|别人)(?:来)?(?:当|做|挂)(?:法人|法定代表人|股东)[^。？?]{0,12}(?:注册|开|投|申请|申报|办)/,
      // Another's brand registered first to sell it back (抢注).
      /\bunder (?:my|his|her|our|their|a) (?:mom|mum|mother|dad|father|wife|husband|brother|sister|cousin|friend|relative|uncle|aunt|son|daughter)'?s name\b|\bsell it back\b|\bregister\b[^.?]{0,60}\b(?:brand|name|trademark)\b[^.?]{0,60}\bbefore they\b/i,
      // Acting in an authority's name ("用税务局的名义给客户发催缴函").
      /(?:以|用|借|打着)[^，。？?]{0,8}?(?:政府|税务|法院|公安|派出所|监管|官方|机关|[局委厅院])的?(?:名义|旗号)/,
      /\b(?:borrow|rent|use)\b[^.?]{0,20}\b(?:another|other|someone else'?s?|a different)\b[^.?]{0,12}\b(?:firm|company|business)?'?s?\s*[^.?]{0,20}\b(?:qualifications?|licen[cs]es?|certificates?|credentials|track record)\b/i,
      /\b(?:another|other) (?:company|firm|person|bidder)['’]s (?:ca key|key|account|login|password|seal|chop|digital certificate|id)\b|\buse (?:their|his|her|its|another (?:company|firm)'?s|a friend'?s(?: company'?s)?) name\b|\bimpersonat|\bpretend(?:ing)? to be\b|\bpose as\b|\bin the name of (?:the|a) (?:tax|government|court|police|bureau|city)|\bsomeone else'?s (?:licen[cs]e|id|identity|qualification|name)/i,
    ],
    refusal:
      "抱歉，我不能帮助冒充他人、借用他人资质或名义办事，这属于弄虚作假。资质不够时可以依法组成联合体或分包；符合条件的惠企政策，可以问我怎么以自己企业的名义申请。",
    refusalEn:
      "Sorry, I cannot help anyone pose as another person or firm, or borrow another firm's qualifications or name: that is misrepresentation. If your qualifications fall short, a consortium bid or lawful subcontracting are open to you; ask me how to apply for the support your own company qualifies for.",
  },
  {
    act: "evade",
    patterns: [
      /应付(?:一下)?(?:检查|评审|验收|审核|督查|专家|评委|检查组)|糊弄|蒙混|混过(?:去|关)|瞒过|遮过去|捂过去|掩盖过去|瞒着(?:检查|执法|监管|税务)|应付过去|(?:躲|逃|避)(?:过|开|避)?(?:检查|执法|监管|审核|处罚)/,
      /(?:让|使)?(?:审核|检查|执法)[^，。？?]{0,4}看不出|规避(?:监管|检查|审核)|绕过(?:监管|检查|审核)|(?:避开|躲开|绕开|绕过)[^，。？?]{0,8}(?:审核|检查|监管|核查|稽查|审查|检测)/,
      // Passed off with nothing done ("其实没怎么整改，网上找个模板改改交上去"), traced back by nobody.
      /(?:其实|实际)(?:上)?(?:没|没有|没怎么|并没)[^。？?]{0,12}[，,][^。？?]{0,20}(?:交上去|报上去|递上去|应付)|\bso (?:nobody|no one) (?:can )?(?:traces?|finds? out|notices?|knows?)\b|\bthrough (?:a |an )?(?:\w+ )?shell compan(?:y|ies)\b/i,
      // Out of a collector's reach ("so they can't collect"), hidden from the tax bureau.
      /\bso (?:they|the (?:court|bureau|government|authorities)) (?:can'?t|cannot|won'?t be able to|couldn'?t) (?:collect|find|seize|freeze|enforce|take)\b|\bhid(?:e|ing)\b[^.?]{0,40}\bfrom (?:the )?(?:tax|authorities|bureau|inspectors?|auditors?|government|police|court)/i,
      // Evidence destroyed and explained away ("监控…能不能先删了说坏了"); a penalty kept from a lender ("不说…查得到吗").
      /(?:删|销毁|毁掉|扔掉|藏起来)(?:了|掉)?[^，。？?]{0,4}(?:说|就说)(?:是)?(?:坏了|丢了|找不到|没了|没有)|(?:不说|不提|瞒着|不告诉)[^。？?]{0,16}(?:能|会)?(?:查得到|查得出|查出来|查到|发现得了|发现|知道)(?:吗|么|不)/,
      // The same support claimed twice under another name ("换个名字…报一次…拿两份钱").
      /拿两份|换个名字[^。？?]{0,10}(?:报|申报)|(?:报|申报)两次|两边都报/,
      // Not shown to whoever must know ("without it showing up in SAFE reporting", "不跟他们说"), invoices split
      // under a review threshold, word of a check got in advance ("提前拿到消息").
      /\bwithout (?:it|them|this|that) (?:showing up|being reported|appearing|being flagged)\b|\bsplit\b[^.?]{0,40}\b(?:invoices?|payments?|transfers?)\b[^.?]{0,60}\b(?:threshold|review|flag)/i,
      /不(?:跟|和|告诉)(?:他们|对方|银行|担保公司|税务)(?:说|讲)?(?=[，,。？?]|$)|(?:检查|抽查|执法|巡查|督查|稽查)[^。？?]{0,12}提前(?:拿到|知道|得到|收到)(?:消息|风声)/,
      // Counting on nobody checking ("反正走个流程 谁查啊"), or hiding it where it will not be found.
      /谁(?:会)?(?:查|核|管)(?:啊|呀|嘛)|不(?:太)?(?:容易|会)被(?:翻|搜|找|查)(?:出来|到)/,
      // Skipping what the law requires of an employer ("不签合同不交保险").
      /不签(?:劳动)?(?:合同|协议)[^。？?]{0,4}不(?:交|缴|买|给|发)(?:社保|保险|钱|工资)|不(?:交|缴)(?:社保|保险)[^。？?]{0,6}(?:行不行|可以吗|能不能|行吗)/,
      // Kept from whoever reviews it ("不想让券商和证监会看到，怎么处理比较隐蔽"), a record washed away.
      /不想让[^。？?]{0,12}(?:看到|知道|发现|查到)|(?:比较|更|最)隐蔽|记录[^。？?]{0,4}(?:洗掉|洗白)|(?:洗掉|洗白)[^。？?]{0,4}记录/,
      // Business income taken into a personal account to keep it from tax ("收款走老板个人卡不开票").
      /(?:个人卡|私人卡|私卡|个人账户|私户|个人微信|个人支付宝|私人微信|老板(?:的)?(?:个人)?(?:卡|账户))[^。？?]{0,12}(?:不开票|避税|少交税|避开|躲)|不走(?:公司|对公)(?:的)?(?:账|帐|账户)|不入(?:公司)?(?:账|帐)(?!款)/,
      /偷税|逃税|漏税|少交(?:点|些)?税|少缴(?:点|些)?税|骗取|骗补|套取(?:补贴|资金|补助)/,
      // The same support claimed twice ("用另一家公司的名义再报一次，两边都拿到").
      /两边都拿|两头拿|两头都拿|同一(?:套|个|笔|批|项)[^。？?]{0,20}(?:拆成|分成)[^。？?]{0,12}(?:分别|各自)(?:报|申报|申请)|重复(?:申报|申领|领取|享受)(?:补贴|补助|奖补|资金)?[^，。？?]{0,6}(?:能不能|可不可以|行不行|可以吗|能拿|拿到)|\b(?:claim|get)\b[^.?]{0,30}\b(?:twice|double)\b[^.?]{0,20}\b(?:subsid|grant)/i,
      // Covering up before a check: stopping the machines, hiding things, "应付一下" (not 应付账款).
      /(?:检查|抽查|抽检|抽样|执法|环保|督查|巡查|评审|验收|查账|稽查|审计)[^。？?]{0,30}(?:(?:先|提前)(?:把)?(?:设备|机器|产线|生产线|生产)?停|藏起来|收起来|挪走|应付(?:一下|过去|了事)|(?:先|提前)把[^。？?]{0,10}(?:挪|搬|转移|转|运|拉)(?:到|走)|把[^。？?]{0,10}先(?:挪|搬|转移|转|运|拉)(?:到|走)|先(?:拉|运|挪|搬|转)到[^。？?]{0,10}(?:放几天|放一下|放着|藏))/,
      // …or borrowed for it and given back after ("借过来摆一下拍个照，验收完再还回去").
      /(?:(?:验收|检查|评审|评|看|审核|核查|查|申报|申请|报|审批|公示|登记|认定|拿到钱|领完)(?:完|结束|过了|通过)|批下来|批了|走了)[^。？?]{0,4}(?:再|就|了再|以后再|后再|之后再|马上)(?:还回|还给|退回|转回|搬回|拉回|运回|拆掉|撤掉|放回|拿回|挪回|开起来|减掉|删掉|改回|换回|装回|挂回)|借(?:过来|来)[^。？?]{0,8}(?:摆|放|凑|拍)|借[^，。？?]{0,6}(?:设备|机器|仪器)[^，。？?]{0,4}(?:摆|凑数|充数|充门面)/,
      /会被(?:查出来|发现|查到)(?:吗|么|嘛)|应该(?:查不出|查不到|发现不了|看不出)|被(?:查出来|发现|查到|看出来)的(?:概率|可能|几率|风险)|(?:审核|检查|税务|评审|审计|银行|专家|评委|验收)[^，。？?]{0,4}(?:能|会)?(?:被)?看(?:得)?出来(?:吗|么|吧|不)|名目[^，。？?]{0,4}(?:走账|入账)[^，。？?]{0,4}看不出/,
      /让(?:他们|检查的人|执法的?人?|人家|检查组)?[^，。？?]{0,6}别查|(?:这种|这样|这么做|这么干|这么弄)[^。？?]{0,8}(?:查得出来|查出来|看得出来|发现得了)(?:吗|么|不)|反正[^。？?]{0,4}没(?:有)?人(?:会)?(?:去)?(?:核|查|管|看|发现)/,
      // A record kept out of sight for the time being ("有没有办法让信用报告上暂时不显示").
      /(?:办法|门路|路子|能不能|怎么|如何)[^。？?]{0,6}让[^。？?]{0,12}暂时(?:先)?(?:不(?:显示|出现|体现|被看到)|看不(?:到|见)|查不到|搜不到)/,
      /(?:验收|检查|评审|审核|专家)的?(?:人)?看不出来|让(?:他们|检查的人|执法的?人?|人家)[^，。？?]{0,4}看不(?:到|见)|提前(?:透个底|透透底|打个招呼|通个气|通通气|通个风|通通风|给个信|报个信|通知一声|说一声)|透个风|透透风|通风报信|通个风/,
      /\b(?:leave out|omit|not mention|hide|skip)\b[^.?]{0,30}\b(?:fine|penalty|violation|record)\b|\b(?:would|will) (?:the )?(?:\w+ ){0,4}(?:actually |really )?(?:catch|spot|find out about) (?:it|that|this|us)\b|\b(?:would|will) (?:they|anyone|anybody|the inspectors?) (?:even )?(?:notice|find out|know)\b/i,
      /\bsplit\b[^.?]{0,40}\b(?:orders?|contracts?|purchases?)\b[^.?]{0,60}\b(?:doesn'?t|don'?t|won'?t|wouldn'?t) (?:need|have) (?:a |to )?(?:public )?(?:tender|bid)/i,
      /\b(?:less likely|unlikely|not likely) to (?:be )?(?:flagged|noticed|caught|checked|detected|questioned)\b|\bwho (?:would|will) (?:actually |really |even )?(?:check|notice|find out)\b/i,
      // Records deleted or changed before a check ("下周有执法检查，有些日志记录不太好看，能不能先删掉").
      /(?:检查|执法|审计|稽查|验收|核查|来查)[^？?]{0,30}(?:记录|日志|台账|数据|监控|账)[^？?]{0,16}(?:先)?(?:删掉|删了|删除|改一改|改改|改掉|抹掉|销毁)/,
      /\bso (?:that )?(?:the )?[^.?]{0,30}\b(?:don'?t|doesn'?t|won'?t|wouldn'?t) (?:show|appear) (?:up )?on (?:our|the|my) (?:record|file|credit)/i,
      /\bso (?:that )?(?:the )?(?:[A-Z]{2,6} )?(?:audit|auditors?|inspection|inspectors?|regulators?|review)\b (?:doesn'?t|does not|won'?t|can'?t|cannot|wouldn'?t) (?:see|notice|find|detect|catch)\b/,
      /\bso (?:that )?(?:the )?(?:inspectors?|auditors?|regulators?|reviewers?|bank|bureau|they|nobody|no one|no-one) (?:won'?t|will not|wouldn'?t|can'?t|cannot|don'?t|do not) (?:notice|find out|see it|spot|catch|tell)\b/i,
      // Hiding something from a check ("那批没手续的货放哪能躲过去").
      /(?:怎么|能|才能|哪能|如何|放哪)[^，。？?]{0,4}(?:躲过去|躲得过|藏得住|瞒得住)|(?:装作|假装)[^，。？?]{0,6}(?:躲|应付|蒙|糊弄)|躲过(?:检查|这次|这一次)/,
      /(?:不被|别被|不让)(?:税务|税务局|监管|检查|执法|环保|审计)[^，。？?]{0,6}(?:发现|查到|知道|看出)/,
      /(?:税务|税务局|监管|稽查|执法|环保|审计|银行)[^，。？?]{0,4}(?:查不到|查不出|发现不了|看不出|不(?:太)?容易(?:发现|查到|查出|看出))/,
      /(?:让|叫)(?:他们|对方|人家|别人)?挑不出(?:毛病|问题)|写得[^，。？?]{0,6}挑不出/,
      // Passing as something else when the check comes ("执法局来查的时候，能不能说自己是亲子游乐场").
      /(?:检查|执法|来查|查的时候|抽查|稽查)[^。？?]{0,16}(?:能不能|可不可以|就|干脆)?说(?:自己|我们|我们自己)是[^。？?]{0,12}不是/,
      // Asking how to do it so that nothing comes of it ("怎么开稳一点不出事"; not 不出事故).
      /(?:怎么|如何|咋)[^。？?]{0,10}不(?:会)?出事(?!故)/,
      // Asking for a way to make something undetectable, whoever would look.
      /(?:有没有办法|有啥办法|有什么办法|怎么|如何|能不能)[^。？?]{0,12}让[^。？?]{0,14}(?:查不到|查不出|发现不了|看不出)/,
      // Whether it will be detected, or how to make it not look like what it is: the act is being hidden.
      /(?:怎么|如何|咋)[^。？?]{0,10}才(?:能|会)?(?:让人|让他们|让别人)?看不出/,
      /(?:怎么|如何|怎样)[^。？?]{0,10}(?:比较|更|最)?难(?:发现|察觉|查出|看出|追查)/,
      /(?:怎么|如何|咋)[^。？?]{0,12}才(?:能|可以)?[^。？?]{0,30}(?:又|还|也)不(?:算|属于|构成|会被认定为?)(?:违规|违法|违约)/,
      /\bwithout (?:anyone|anybody|them|the (?:\w+ ){0,2}(?:bureau|authorities|auditors?|inspectors?|government|city|district|fund|bank)) (?:noticing|knowing|finding out|checking|catching)\b|\bwithout [a-z]+ (?:catching|noticing|detecting) (?:it|us|on|that)\b|\b(?:doesn'?t|does not|won'?t|wouldn'?t|not) (?:look|seem) like (?:fraud|a fake|forgery)\b/i,
      /\bpay less (?:tax|taxes|vat|duty)\b|\b(?:revenue|income|profits?|sales|value|price|amount)s? looks? (?:smaller|lower)\b/i,
      // A record left behind by starting again under another name ("make our penalty record disappear").
      /\bmake\b[^.?]{0,30}\b(?:records?|history|penalt(?:y|ies)|fines?)\b[^.?]{0,10}\bdisappear\b|\b(?:record|history)\b[^.?]{0,10}\b(?:doesn'?t|does not|won'?t) follow\b/i,
      /(?:注销|关掉|关了)[^。？?]{0,16}(?:重新|换个?)(?:注册|开|办|名字|法人)[^。？?]{0,20}(?:记录|处罚|失信|黑名单)|(?:处罚|罚款|失信|违法)记录(?:就)?(?:消失|没了|不跟着|跟不过来)/,
      // Asking how to make an arrangement look natural ("怎么安排看起来比较自然").
      /(?:怎么|如何|怎样)[^。？?]{0,8}(?:看起来|显得)(?:比较|更)?(?:自然|正常|合理)/,
      // Counting on nobody checking ("反正学校也不细查").
      /反正[^。？?]{0,8}(?:不(?:会|一定)?(?:细|仔细)?查|未必查|没人(?:查|管|核对)|查不出|看不出)|反正[^。？?]{0,8}不(?:会|一定)[^。？?]{0,10}(?:核|查|细看|对账)/,
      // …or that nobody will, or how not to be found out ("应该没人会去核吧", "怎么做才不容易穿帮").
      /(?:应该|估计|大概|反正)?没(?:有)?人(?:会)?(?:去)?(?:核|查|细查|管)(?:的|吧|吗|对)|不(?:太)?(?:容易|会)?(?:穿帮|露馅|露陷)|(?:查|睇)唔(?:到|出)|\bnobody (?:really |actually |would |will )?(?:checks?|verif(?:y|ies)|looks?|notices?|finds? out)\b|\b(?:doubt|don'?t think|do not think|hope) (?:anyone|anybody|they|the \w+) (?:really |actually |would |will )?(?:checks?|verif(?:y|ies)|looks? (?:closely|into))\b|\bthey (?:usually |normally |generally )?(?:don'?t|do not|never) (?:check|verify|look)\b/i,
      // Moving assets or the company out of reach of a court or a fine ("转到亲戚名下，避免被执行", "转到我表弟名下再注销").
      /(?:避免|逃避|躲避|规避|躲过|躲开|不被)(?:被)?(?:法院)?(?:强制)?(?:执行|查封|冻结|扣划)/,
      /(?:执行|查封|冻结)不到|(?:转|过户|挂)(?:到|给)[^，。？?]{0,8}名下[^。？?]{0,30}(?:执行|法院|查封|还债|赔偿?|罚款|不用交|不用缴|注销)/,
      /\bkeep\b[^.?]{0,30}\boff the (?:record|books)\b/i,
      // Monitoring equipment adjusted for the time of a check.
      /\b(?:adjust|tweak|tamper with|disable|switch off|turn off|unplug|recalibrate)\b[^.?]{0,30}\b(?:monitoring|probes?|sensors?|meters?|analy[sz]ers?|(?:data )?loggers?|cems)\b[^.?]{0,40}\b(?:until|before|while|during)\b[^.?]{0,20}\b(?:inspection|check|audit|inspectors?)/i,
      // Not getting caught, whatever is being done.
      /(?:(?:不|别|不会|不太?容易|不易|不至于)被|不让)[^，。？?]{0,6}?(?:发现|查出|查到|看出|预警|盯上|察觉)|会不会被(?:查出来|发现|查到)|(?:稳一点|稳妥点|保险点)[^，。？?]{0,2}不被查/,
      // Skipping the procedure itself ("不走修复流程", "绕开审批").
      /(?:不|不想|不用|别|不必)走(?![^，。？?]{0,6}(?:线下|现场|纸质|柜台|窗口))[^，。？?]{0,6}?(?:那套|这套|那些|这些)?的?(?:流程|程序)|(?:悄悄|偷偷)(?:地|的)?(?:把[^，。？?]{0,10})?(?:删|撤|抹|去掉|弄掉|处理掉|消掉)|(?:绕开|跳过)(?:审批|审核|流程|程序)|先(?:开起来|干起来|开工|投产|营业|生产)(?:了)?再(?:补|办|报)/,
      // Inside knowledge of a coming check.
      /(?:内部渠道|内部消息|内线|提前(?:拿到|知道|晓得|获取|打听|搞到|透露|通知))[^。？?]{0,12}(?:检查|抽查|执法|巡查|督查|稽查)/,
      // …or of the day it comes, asked so as to put on a show or move things first.
      /提前(?:知道|晓得|打听|拿到|获取|搞到|告诉|透露|通知)(?:我|我们)?[^。？?]{0,10}(?:哪天|什么时候|啥时候|几号|具体时间|日子)[\s\S]{0,30}(?:应付|开起来|收起来|藏起来|挪走|转走|先停|那天再开|那天才开)/,
      // …asked so as to get ready ("突击检查 有没有办法提前知道是哪天 好让店里准备准备").
      /(?:检查|抽查|抽检|执法|巡查|督查|稽查)[^。？?]{0,16}提前(?:知道|晓得|拿到|获取|打听|搞到)[^。？?]{0,8}(?:哪天|什么时候|啥时候|几号|日子|时间)[^。]{0,12}(?:好让|好提前|准备准备|好准备|先准备)/,
      // …or of what and when, asked so as to tidy up first ("提前知道查什么？我们好把货先转走").
      /(?:检查|查一次|抽查|抽检|执法|巡查|督查|稽查)[^。]{0,12}提前(?:知道|晓得|拿到|获取|打听|搞到)[^。]{0,40}(?:好把|好提前|先把|赶紧|先挪|挪走|转走|藏起来|藏一下|先藏|藏好|搬到)/,
      // …or asked how to find it out ("抽查…听说有人能提前知道时间，怎么打听").
      /(?:检查|抽查|抽检|执法|巡查|督查|稽查)[^。？?]{0,20}提前(?:知道|晓得|拿到|获取|打听)[^。？?]{0,8}(?:时间|哪天|日子)[^。？?]{0,8}(?:怎么|如何|咋)(?:打听|知道|问|弄)/,
      // Splitting a purchase to stay under the tender threshold.
      /化整为零|拆(?:成|分)[^，。？?]{0,8}(?:合同|订单|项目|单子)[^。？?]{0,16}(?:规避|绕过|避开|不用招标|不招标|低于|限额)/,
      /\bsplit\b[^.?]{0,40}\b(?:contracts?|orders?|purchases?)\b[^.?]{0,50}\b(?:threshold|(?:avoid(?:ing)?|skip(?:ping)?) (?:the )?(?:public )?(?:tender|bidding)|under the)/i,
      // What must be declared left out ("声明里能不能就不写了", "先不提，等中标了再说").
      /(?:声明|承诺|申报表|申请表|申请|材料|表格)[^。？?]{0,8}(?:能不能|可不可以|可以|是否可以)?(?:就|先|干脆)?不(?:写|提|填|报)(?:了|上|进去)?(?:吗|行不行|可以吗|[？?]|$)|先不(?:提|说|写|报)[^。？?]{0,4}等[^。？?]{0,10}(?:再说|以后再)/,
      // What to tell someone so that nothing comes of it ("怎么跟学校那边说才不会出问题").
      /(?:怎么|如何|咋)(?:跟|和|对|向)[^。？?]{0,10}说[^。？?]{0,4}才(?:不会|能不|不至于)/,
      // The same support claimed again by splitting or renaming ("同一个项目拆开再报一遍").
      /(?:拆开|分开|换个名义|换个公司|换个名字)再(?:报|申报|申请)(?:一遍|一次|一回)?/,
      // Put on the books only until a bar is met ("临时找人挂几个月社保凑够再撤掉").
      /临时[^，。？?]{0,4}挂|(?:凑够|凑齐|够了)(?:以后|之后|后)?再(?:撤|退|停|减|删)/,
      /\b(?:quietly|secretly|discreetly|on the sly|under the radar)\b(?! (?:delete|remove|erase|wipe|drop))/i,
      /\b(?:evade|evading|dodge|cheat)\b|\b(?:get(?:ting)? around|get(?:ting)? past|hid(?:e|ing) from|slip(?:ping)? past|avoid(?:ing)?) (?:the |an |our |this |next |upcoming |environmental |fire |safety |tax |surprise |joint |combined |annual |routine )*(?:inspections?|inspectors|audit|auditors|checks?)\b|(?:without|avoid|avoids|avoiding) (?:getting caught|being caught|being (?:found|detected|noticed|discovered)|them noticing)|advance (?:notice|warning|tip)[^.?]{0,30}inspection/i,
    ],
    refusal:
      "抱歉，我不能帮助规避检查、审核或逃避纳税，这样做有法律风险。存在问题请及时整改：首次轻微违法并及时改正的，可了解“轻微违法行为不予处罚”；检查过于频繁，可了解“综合查一次”联合执法。",
    refusalEn:
      'Sorry, I cannot help get around an inspection or review, hide something from it, or avoid tax: it carries legal risk. Put the problem right in time; for a first minor violation corrected promptly, ask about "轻微违法行为不予处罚" (no penalty for first minor violations); if inspections are too frequent, ask about "综合查一次" (one joint inspection).',
  },
  {
    act: "obtain_data",
    patterns: [
      // Getting hold of what other firms keep to themselves: an act of getting, whose it is, what it is.
      new RegExp(`${ACQUIRE}[^，。？?]{0,12}${OTHERS}[^，。？?]{0,12}${PRIVATE}`),
      new RegExp(`(?:竞争对手|对手|同行|别家|其他(?:企业|公司|投标人|供应商))的?${PRIVATE}`),
      // …asked the other way round: whose, what, then the getting ("对手那家的投标报价…有没有办法弄出来").
      new RegExp(`${OTHERS}[^。？?]{0,12}${PRIVATE}[^。？?]{0,40}${ACQUIRE}`),
      // What is not public yet, got in advance ("还没公开，有办法提前拿到他们的技术资料吗").
      new RegExp(`(?:还没|尚未|未|没)(?:有)?公开[^。？?]{0,16}提前${ACQUIRE}`),
      // Not another firm as the one who said it ("听隔壁厂说能提前拿到钱"): the source, not the target.
      new RegExp(`(?<!听|据)${OTHERS}(?![^，。？?]{0,5}?[说讲])[^。？?]{0,20}提前(?:知道|${ACQUIRE})`),
      // …with the other firm named first and pointed back at ("隔壁那家厂…把他们的申报材料调出来").
      new RegExp(`${OTHERS}[^？?]{0,30}(?:他们|对方|人家)的?${PRIVATE}[^，。？?]{0,6}${ACQUIRE}`),
      new RegExp(`提前(?:知道|${ACQUIRE})[^，。？?]{0,4}${OTHERS}[^，。？?]{0,8}${PRIVATE}`),
      // …or named first, then asked for by pointing back at them ("隔壁那家…你能帮我查下他们的财务报表").
      new RegExp(`${OTHERS}[^？?]{0,30}${ACQUIRE}[^，。？?]{0,4}(?:他们|对方|人家)的?${PRIVATE}`),
      /\b(?:get|break|hack)(?:ing)? into\b[^.?]{0,30}\b(?:e-?mail|systems?|accounts?|servers?|computers?|database)\b/i,
      /\b(?:show|give|send|see|get|access|pull|obtain|dig up|find)\b[^.?]{0,30}\b(?:competitor|rival)s?['’]?s?\s+(?:non-public|internal|confidential|bid documents|bids)\b/i,
      /\b(?:competitor|rival)s?['’]?s?\b[^?]{0,80}\b(?:sales data|customer lists?|supplier lists?|client lists?|pricing data|internal data|non-public|bid documents|bids)\b[\s\S]{0,80}\b(?:pay|buy|get|obtain|see|access|someone|use it|use them)\b/i,
      /\b(?:share|sell|get|obtain|see|buy|access)\b[^.?]{0,30}\b(?:competitors?|rivals?|other (?:bidders|suppliers|companies|firms|vendors))['’]?s?\s+(?:bids?|quotes|quotations|prices|pricing|proposals?|offers)\b/i, // Who will judge a tender is kept from bidders until it is over.
      /(?:评审专家|评标专家|评委)(?:是谁|有谁|有哪些人)[^。？?]{0,6}(?:打听|知道|查到|透露)|(?:评审专家|评标专家|评委)的?名单[^。？?]{0,10}(?:搞到|弄到|拿到|知道|打听|获取)|(?:搞到|弄到|拿到|打听|获取)[^。？?]{0,10}(?:评审专家|评标专家|评委)的?名单/,
      /\b(?:list|names?|phone numbers?|contacts?)\b[^.?]{0,30}\b(?:of )?(?:the )?(?:expert )?(?:reviewers|evaluators|judges|panel(?:lists)?)\b|\b(?:see|get|obtain|share|know|find out|tell|send)\b[^.?]{0,30}\b(?:list|names?) of (?:the )?other (?:bidders|applicants|suppliers|companies|firms)\b|\b(?:pulled|taken|copied|scraped) from (?:a |the )?(?:competitor|rival)'?s?\b/i,
      /\b(?:competitors?|rivals?)\b[^?]{0,60}\bhow much (?:did|does|do) (?:each|they|it)\b/i,
      /\b(?:give|send|get|share|show)\b[^.?]{0,20}\b(?:credit ratings?|financials|financial data|records|data)\b of (?:other|our) (?:[\w-]+ ){0,2}(?:companies|firms|competitors|rivals)\b/i,
      /(?:咨询过|申请过|办理过)[^，。？?]{0,10}(?:企业|公司)的?(?:名单|联系|电话)|名单和联系|联系人电话发我|把名单发|(?:电话|名单)导出/,
      /(?:别人|他人|员工|客户)的(?:身份证号|手机号|征信|个人信息)[^，。？?]{0,6}(?:查|导出|发我|给我)/,
      // Buying contact lists or personal data.
      /(?:买|购买|收购|弄|搞)(?:一份|一批|点|些)?[^，。？?]{0,10}(?:名单|电话号码|手机号|联系方式|通讯录|个人信息|客户资料)/,
      /\b(?:get|obtain|find out|see|access|give|send|pull|grab|dig up)\b[^.?]{0,30}\b(?:bids?|bid prices?|prices|quotes|quotations|proposals?|tenders?|contact lists?|customer lists?)\b[^.?]{0,40}\b(?:competitors?|rivals?|other (?:bidders|companies|firms|suppliers|vendors|applicants))\b/i,
      /\b(?:send|give|get|share|provide|export|pull|compile)\b(?: me| us)?[^.?]{0,20}\blists? of (?:[\w-]+ ){0,3}(?:companies|firms|enterprises|businesses|suppliers)\b[^.?]{0,80}\b(?:amounts?|contacts?|phone|revenue|tax)/i,
      /\b(?:buy|purchase|get|obtain|scrape)\b[^.?]{0,30}\b(?:lists? of (?:phone|mobile|contact|email|customer)|(?:phone|mobile) numbers of (?:[a-z]+ ){0,3}(?:bosses|owners|customers|clients|people|employees|residents|companies|firms)|(?:competitor|rival)s?['’]?s? (?:bids?|prices?|pricing|tender|customer list))|\b(?:buy|purchase|scrape)\b[^.?]{0,30}\bpersonal (?:data|information)/i,
    ],
    refusal:
      "抱歉，我不能提供或帮助获取其他企业或个人的数据、报价和联系方式，这些受商业秘密和个人信息保护的法律保护。政府采购的公开信息（采购意向、公告、结果）可以在公开渠道查询，这方面可以问我。",
    refusalEn:
      "Sorry, I cannot provide or help obtain other companies' or people's data, bids or contact details: they are protected as trade secrets and personal information. Public procurement information (intentions, notices, results) is published openly, and I can help with that.",
  },
  {
    act: "bribe",
    patterns: [
      /(?:证书|证)[^。？?]{0,8}花钱买|花钱买[^。？?]{0,6}(?:不去考|不用考|不考)|\b(?:small )?gifts?\b[^.?]{0,40}\b(?:speed up|speed things up|approval|approve)\b|\bhow much is appropriate\b|(?:花(?:点|些)?钱|给钱|交钱)[^，。？?]{0,6}(?:直接)?(?:拿证|买证|拿到证|办个证)|不用考(?:试)?(?:就能|就|的)?(?:拿证|拿到证|那种)|没(?:去)?(?:参加)?考(?:试)?[^。？?]{0,16}(?:出个|发个|开个|直接给)[^，。？?]{0,8}(?:证书|证)/,
      // A favour from someone who knows someone, the fee left open ("你认识什么人能直接删掉吗？费用好说").
      /\b(?:someone|somebody|a friend|a guy|people) (?:who|that) knows? (?:the |an |our |their )?(?:inspectors?|officials?|judges?|reviewers?|evaluators?|officers?|people (?:at|in) the)\b|['‘“](?:adjusted|handled|fixed|taken care of|sorted out|smoothed over|tweaked)['’”]/i,
      /费用好说|钱好说|价钱好说|(?:你)?认识(?:什么|哪个)人[^。？?]{0,8}(?:删|撤|搞定|摆平)|\bconnections\b[^.?]{0,40}\b(?:deleted|removed|erased|taken off)\b/i,
      // A kickback paid in cash or dressed as a fee ("好处费…是给现金还是走咨询费比较安全").
      /(?:好处费?|回扣)[^。？?]{0,24}(?:现金|怎么给|怎么送|比较安全|稳妥|走账)|走(?:咨询费|服务费|劳务费|会务费)[^。？?]{0,6}(?:比较)?(?:安全|稳妥|保险)/,
      // Gifts to whoever decides, through someone who knows them ("找找关系，给管基金的领导送点东西").
      // Paid to make a record go ("中介说交8000块能直接给删掉"), or someone known to do it.
      /(?:交|给|花|出)[^，。？?]{0,6}(?:块|元|万|钱)[^，。？?]{0,8}(?:删|撤|消|抹)(?:掉|了)?|认识的人[^。？?]{0,20}(?:删|撤|消|抹|搞定|摆平)/,
      /找(?:找)?关系|给[^，。？?]{0,12}(?:领导|科长|处长|局长|队长|评委|专家|官员)送(?:点|些|个)?(?:东西|礼|红包|卡|购物卡)/,
      // Anything given to whoever scores or enforces ("给评审的领导送两盒龙井、几张住宿券").
      /(?:给|向)[^，。？?]{0,8}(?:评审|评委|评标|专家|领导|科长|处长|局长|队长|执法[\p{Script=Han}]{0,2}|检查人员|经办人)[^，。？?]{0,4}送(?!达|检|审|去|来|过)/u,
      /行贿|送礼给(?:评委|官员|领导|审批)|塞(?:点|个|几个|一个)?(?:钱|红包|购物卡)|送(?:点|些)?礼[^。？?]{0,10}(?:多少|合适|送什么|送啥)|打点(?:一下)?(?:关系)?|走后门|疏通(?:一下)?关系|\bbribe/i,
      /(?:给|送|包)(?:个|点|些)?(?:红包|好处费|回扣|购物卡)[^，。？?]{0,6}(?:给)?(?:评委|官员|领导|审批|经办|工作人员|科长|处长|局长)?/,
      /(?:领导|科长|处长|局长|评委|专家|经办人?)[^。？?]{0,4}(?:表示一下|意思一下)|有没有认识的人[^。？?]{0,8}(?:请|送)|请(?:他|她|他们|评委|专家)?吃(?:个|顿|一顿)?饭[^。？?]{0,8}(?:能不能|让|优先|帮忙|关照)|(?:花(?:点|些)?钱|托人|找关系)[^。？?]{0,8}(?:直接)?帮(?:忙)?(?:删|撤|消|抹)/,
      /带(?:点|些)(?:东西|礼物?|土特产|烟酒|茶叶|购物卡)|[“"「](?:沟通|表示|意思|处理|运作|活动|打点|关照|疏通)(?:一下)?[”"」]|私下[^，。？?]{0,6}(?:找|见|约|沟通|联系)[^，。？?]{0,8}(?:执法|评委|评审|专家|法官|队长|科长|处长|局长|领导|经办人)/,
      /(?:送|给)(?:点|些|个)?(?:啥|什么)(?:东西|礼|礼物)?[^。？?]{0,6}(?:比较|更)?(?:合适|妥当|不显眼)|不显眼|(?:怎么|如何)送[^。？?]{0,6}(?:稳妥|合适|安全|不留痕)|不留痕/,
      // A paid contract with an official's relative's firm ("科长…他爱人开了家咨询公司，我们跟那家公司签个合同").
      /(?:科长|处长|局长|主任|领导|评委|专家|经办人)[^。]{0,24}(?:爱人|老婆|老公|亲戚|家属|儿子|女儿|小舅子)[^。]{0,16}公司[^。]{0,20}(?:签|合同|咨询费|服务费)/,
      /(?:表示|意思)(?:一下|下)?(?:心意)?[^。？?]{0,12}(?:关照|通融|照顾|放行|多帮)|(?:愿意|可以|想)?[^，。？?]{0,4}(?:表示一下|表示下|意思一下|意思下)(?:心意)?|表示心意/,
      // Paying someone to make a record go away, the record named first ("处罚记录 找人能直接删掉吗").
      /(?:记录|处罚|罚单|失信)[^。？?]{0,6}(?:找人|托人|花钱|花点钱|门路)[^。？?]{0,10}(?:删|撤|消|抹|去掉)/,
      /送(?:点|些|个)?(?:礼|红包|购物卡|卡|好处|东西)[^。？?]{0,6}(?:能不能|可不可以|能否|是不是就|就能|好让|让他|让他们|把)|(?:领导|科长|处长|局长|队长|评委|专家)[^。？?]{0,8}送(?:点|些)?(?:东西|礼)[^。？?]{0,30}送多少/,
      // Paying someone to make a record or a penalty go away (credit repair is the lawful route).
      /(?:花(?:点|些)?钱|找人|托人|找(?:找)?关系|托托关系|给钱|门路)[^，。？?]{0,8}(?:删|撤|消|抹|摆平|搞定|去掉)[^，。？?]{0,6}(?:记录|处罚|罚单|失信|信用)|(?:记录|处罚|罚单|失信|公示)[^。？?]{0,10}(?:找(?:找)?关系|托托关系|内部渠道)[^。？?]{0,12}(?:删|撤|消|抹|去掉)/,
      // Someone on the inside, paid to take a record off a system ("认识里面的人，花点钱能从后台直接撤掉").
      /认识[^，。？?]{0,8}(?:里面|内部|局里|系统|那边)的?(?:一个|个)?人|找(?:个)?(?:里面|内部|局里)的?人|里面有人|托关系|走关系|意思意思|表示表示|(?:门路|路子)[^。？?]{0,12}(?:删|撤|消|抹|去掉|认识|搞定|摆平)|送(?:两|几|一)?条烟|(?:请|约)(?:他|她|他们|评委|专家|领导)?吃(?:个)?饭[^。？?]{0,6}(?:送|塞|打个招呼)|找对人[^。？?]{0,8}(?:内部处理|处理一下|删|撤)|内部处理一下|(?:花(?:点|些)?钱|托人|找人|找关系|门路)[^，。？?]{0,10}(?:从)?(?:后台|系统里?)[^，。？?]{0,6}(?:删|撤|消|抹|去掉|弄掉|改)/,
      /(?:花(?:点|些)?钱|花[一二两三四五六七八九十几\d]+(?:万|千|百)?(?:块|元)?|找人|托人|找关系|给钱|门路)[^，。？?]{0,12}(?:记录|处罚|罚单|失信)[^，。？?]{0,8}(?:删|撤|消|抹|摆平|搞定|去掉)/,
      // A word in advance with whoever judges or approves ("提前跟评委打个招呼").
      /内部渠道[^。？?]{0,16}(?:删|撤|消|抹|去掉)|(?:亲戚|朋友|熟人|认识的人|同学|老乡|表哥|表姐|表弟|表妹|堂哥|堂弟|舅舅|叔叔|姑父|姐夫|小舅子)[^。？?]{0,16}(?:打(?:个|声)?招呼|说一声|帮忙)[^。？?]{0,24}(?:删|撤|消|抹|去掉|免|少罚)|(?:评委|评审|评标|专家|审批)[^。？?]{0,12}打(?:个|声)?招呼|打(?:个|声)?招呼[^。？?]{0,8}(?:评委|评审|评标|专家)/,
      /\b(?:committee|evaluators?|officials?|inspectors?|reviewers?|judges?|officers?|panel)\b[\s\S]{0,80}\b(?:send|give|offer)\b[^.?]{0,20}\bgifts?\b/i,
      /\b(?:kickback|red (?:envelope|packet)|grease (?:the|some) palms?|under the table|no questions asked|show (?:some |our |a little )?appreciation|token of (?:our )?appreciation)\b|\bpay (?:someone|an official|officials|a guy)\b[^.?]{0,30}\b(?:delete|remove|erase|wipe|approve|fix)|\bsomeone (?:who has|with) (?:connections|contacts|guanxi)\b|\b(?:safe|discreet|quiet)['’"]? way to (?:thank|reward|pay|compensate)\b|\bquietly (?:delete|remove|erase|wipe|drop)\b/i,
    ],
    refusal:
      "抱歉，我不能帮助以送礼、打点关系等方式办事。办事遇到卡点，可以通过“营商环境服务专席”或 12345 反映，我也可以告诉您对应的牵头单位。",
    refusalEn:
      'Sorry, I cannot help get things done through gifts or connections. If something is stuck, raise it through the "营商环境服务专席" (business environment service desk) or the 12345 hotline; I can also tell you which unit leads on it.',
  },
  {
    act: "collude",
    patterns: [
      // Bidders agreeing among themselves who wins and at what price.
      /(?:怎么|如何|帮|找|找人|找几家|想|安排|一起|能不能)[^，。？?]{0,4}(?:串标|围标|陪标)|轮流中(?:标)?|谁报高谁报低|商量好(?:报价|价格|价钱)|统一(?:报价|抬价)|(?:报价|价格)[^，。？?]{0,4}(?:串通|商量好|对好)/,
      // 陪标 (a bid made only to lose) is collusion however it is asked for.
      /陪(?:个|一下)?标|(?:事先|提前|私下)商量(?:一?下)?(?:报价|价格|价钱)|报价[^，。？?]{0,6}(?:怎么)?配合|显得有竞争|报价[^，。？?]{0,6}统一(?:定|报|好|安排)|报价[^。？?]{0,8}统一(?:一?下)?口径|(?:价格|报价)[^，。？?]{0,6}(?:提前)?(?:对一下|对好|对一对)|(?:一起|联合|帮忙|陪)[^，。？?]{0,3}投[\s\S]{0,30}(?:确保|保证)[^，。？?]{0,4}中/,
      // A tender's requirements written so that only the asker can meet them ("参数写成只有我们家产品能满足").
      // Taking turns to win, agreed in advance ("约好轮流报低价中标").
      /轮流[^，。？?]{0,6}中标|约好[^，。？?]{0,10}(?:报价|报低价|中标)/,
      // Companies brought in to bid for show ("拉两家公司一起报价陪跑", "看起来像正常竞争").
      /陪跑|(?:看起来|显得)像(?:是)?(?:正常|真的)?竞争/,
      /只有(?:我们|我家|我们家|我司|我方|我们公司)[^，。？?]{0,8}(?:能满足|满足得了|才能满足|才符合|能符合|能中|做得到)/,
      /\b(?:doesn'?t|does not|won'?t|wouldn'?t|not) (?:look|seem) like (?:collusion|bid[- ]rigging)\b/i,
      /\b(?:line up|align|coordinate|agree on|match)\b[^.?]{0,20}\b(?:quotes|bids|prices|offers)\b[^.?]{0,40}\b(?:beforehand|in advance|sure to win|one of us)\b/i,
      /\b(?:friendly|partner|other) (?:companies|firms|bidders)\b[^.?]{0,20}\bbid\b[^.?]{0,40}\b(?:looks?|seem) competitive\b/i,
      /\btake turns? (?:winning|to win)\b|\brotat(?:e|ing) (?:the )?(?:wins|winners?|who wins)\b/i,
      /\bbid[- ]rigging\b|\b(?:agree|coordinate|fix)\b[^.?]{0,20}\b(?:bids|prices|quotes)\b[^.?]{0,30}\b(?:with|among) (?:other|the other|rival)/i,
    ],
    refusal:
      "抱歉，我不能帮助串通投标、商量报价或安排轮流中标，这违反政府采购和招标投标的法律规定。公平参与政府采购的途径（采购意向、中小企业预留份额、付款时限）可以问我。",
    refusalEn:
      "Sorry, I cannot help coordinate bids, agree prices with other bidders or arrange who wins: that breaks the government procurement and tendering laws. I can help with fair ways in: procurement intentions, the share reserved for SMEs and payment deadlines.",
  },
  {
    act: "coerce",
    patterns: [
      // Pressing a debtor or a rival by threat ("找几个兄弟去他厂里坐一坐吓唬一下", "暗示我们知道他小孩在哪读书").
      /(?:留|装|埋)(?:了)?(?:个|一个)?后门|(?:系统|软件|设备|账号)[^。？?]{0,10}(?:锁|停|关|断)(?:了|掉|死|住)?[^。？?]{0,10}逼|堵着(?:门|他|她|他们|大门)|(?:家(?:庭)?地址|小孩|孩子)[^。？?]{0,12}(?:发到|挂到|曝光到?|贴到)网上|(?:发到|挂到)网上[^。？?]{0,4}施压|人肉|(?:门口|厂门|公司门)[^，。？?]{0,4}拉横幅|吓唬|恐吓|威胁(?:他|她|他们|对方|一下)|堵(?:他|她|他们)?(?:家|门|厂|公司)门?口?|(?:找|叫)(?:(?:几个|一帮|些)(?:兄弟|人)|兄弟|社会上的人)[^。？?]{0,10}(?:坐一坐|坐坐|上门|堵|闹)|\b(?:threaten|intimidate|scare)\b/i,
    ],
    refusal:
      "抱歉，我不能帮助以威胁、恐吓、堵门等方式催讨欠款或对付他人，这可能触犯法律。欠款可以走诉前调解或向受理投诉部门反映拖欠中小企业款项，这方面可以问我。",
    refusalEn:
      "Sorry, I cannot help press anyone by threats or intimidation: it may break the law. Unpaid debts can go to pre-litigation mediation or a complaint about late payment to SMEs; ask me about those.",
  },
];

export interface WrongdoingRequest {
  act: WrongAct;
  refusal: string;
  refusalEn: string;
}

/** The wrong act the question asks the bot to help with, if any. */
export function requestedWrongdoing(text: string): WrongdoingRequest | undefined {
  for (const rule of RULES) {
    for (const pattern of rule.patterns) {
      const m = pattern.exec(text);
      if (m && !notARequest(text.slice(0, m.index), text, text.slice(m.index + m[0].length)))
        return { act: rule.act, refusal: rule.refusal, refusalEn: rule.refusalEn };
    }
  }
  return undefined;
}
