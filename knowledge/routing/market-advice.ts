// Advice on the market itself — which offer is cheaper or sells better, how to negotiate with a buyer or an
// investor — is no document's: they hold rules and targets, not prices or tactics. A closed class of asks.
import { askingClauses } from "../text/asking.js";

/** A private provider or product, as people name one ("杭州哪家律所打建工纠纷厉害", "用什么软件做比较快"). */
const PROVIDER =
  "(?:牌子|品牌|型号|律所|律师|会计师?|会计所|代账|代理记账|服务商|软件|工具|浏览器|app|银行|货代|报关行|报关公司|中介|咨询公司|培训机构|类目|品类|产品)";
/**
 * Which offer is cheaper or sells better, how to negotiate, which provider or product to pick (the documents
 * name public services, never private firms or products to buy), where the market is going.
 */
const MARKET_ADVICE = new RegExp(
  [
    "哪个(?:更)?(?:划算|合算|好卖|赚钱|便宜)|哪个的?(?:利息|费率|利率)(?:更)?(?:低|便宜)|哪家(?:银行|公司|机构|服务商|律所)?(?:更|比较|最)?(?:便宜|靠谱)|选(?:什么|哪些|啥)品|怎么谈|还会(?:贬值|升值|涨|跌)吗|哪(?:个|家)(?:银行|公司|机构|服务商|平台|渠道)?[^，。？?]{0,8}(?:最|更)(?:低|便宜|快|省|划算|靠谱|合算)|哪个更省|(?:你觉得|你看|你建议)[^。？?]{0,10}(?:该不该|要不要|值不值得)|行情[^。？?]{0,6}会不会(?:好|涨|跌)|\\bwhich (?:one )?(?:sells|is) (?:usually |generally |typically )?(?:better|cheaper|faster|more profitable)\\b|\\bshould we (?:list|go) (?:on|to)\\b|\\bwhich bank\\b[^.?]{0,40}\\b(?:lowest|cheapest|best)\\b|\\bwhat would you (?:pick|choose|recommend)\\b",
    `推荐(?:一下|几个|几家|一个|一家|个|家|下)?[^，。？?]{0,8}${PROVIDER}`,
    `(?:${PROVIDER}|服务商)[^，。？?]{0,4}推荐(?:几家|一下|几个|一家|个|下)`,
    // A private offer judged ("贷款中介说…包过，靠谱吗"), a market forecast ("租金明年会跌吗", "帮我们预测一下").
    "(?:中介|代办|这家公司|这个人)[^。？?]{0,30}靠谱(?:吗|不|么)",
    "靠谱的[^，。？?]{0,8}(?:公司|机构|律所|律师|中介|服务商)[^，。？?]{0,4}推荐|哪所(?:学校|技校|大学|院校)?[^，。？?]{0,6}(?:比较好|好|最好|强)|(?:提高|提升)中标率|(?:投标|中标)[^，。？?]{0,4}技巧|抄底|\\b(?:usually|typically|normally) charge\\b|行情怎么看|会不会(?:回暖|破)|买哪(?:个|款|种)|会不会(?:继续|再)?(?:跌|涨|降价|涨价)|哪家[^。？?]{0,16}推荐(?:一下|下)|\\btips (?:for|on) negotiating\\b|\\bhow (?:to|do we|should we|can we) negotiate\\b|会(?:跌|涨|降价|涨价|贬值|升值)(?:吗|么|不)|预测一下|(?:还|现在)(?:赚钱|挣钱|好做)吗|选品[^。？?]{0,6}建议",
    "\\bis it better to\\b[^?]{0,60}\\bor\\b|\\bshould (?:i|we)\\b[^.?]{0,40}\\bor (?:wait|not|hold off)\\b",
    // The going price of something by the unit ("厂房租金现在一平米多少").
    "(?:一|每)(?:平米|平方|平|吨|斤|公斤)(?:大概|一般|现在)?多少",
    // Where costs are lower, what a firm is worth, how the market is going, which product works better.
    "哪(?:边|个国家|个地方)[^，。？?]{0,6}(?:更|比较)?(?:便宜|划算|合算)|估值(?:怎么算|怎么定|多少合理|是谁定|谁来定)|几倍(?:市盈率|PE|PS|估值)|(?:市场)?行情(?:怎么样|如何|好不好)|哪个(?:更|比较)?好用|(?:这|这个|这种)(?:价|价格|价钱|报价|收费)(?:格)?(?:正常|合理|贵不贵|高不高|算高|算贵)|才(?:容易|更容易)中(?:标)?(?=[，,。？?\\s]|$)|(?:有|有没有)(?:啥|什么)(?:技巧|窍门|诀窍)|技巧传授|(?:哪条路|哪种方式|哪种|哪个|哪条)[^。？?]{0,10}(?:更|比较|最)有利",
    "\\bwhich\\b[^.?]{0,60}\\b(?:charges? (?:lower|less)|cheaper|lower fees)\\b",
    // The bot's view of a decision or a forecast ("您觉得合适吗", "will the RMB weaken next year").
    "(?:您|你)觉得(?:可以|行)(?:吗|么|不)|(?:您|你)觉得[^。？?]{0,12}(?:合适|划算|值得|靠谱)(?:吗|么|不)|\\bwill\\b[^.?]{0,40}\\b(?:outperform|underperform|weaken|strengthen|appreciate|depreciate)\\b",
    // Which of two courses pays ("买厂房划算还是租划算"), what to bid to win ("报多少比较容易中标").
    "(?:划算|合算)还是|还是[^，。？?]{0,6}(?:划算|合算)|划不划算|(?:要不要|该不该)(?:赔|给钱)(?=[，,。？?\\s]|$)|赔不赔|推荐哪家|能推荐几家|\\bshould (?:i|we) (?:just )?(?:pay|sign|accept|settle)\\b|签不签(?=[，,。？?\\s]|$)|(?:该不该|要不要)签(?=[，,。？?\\s]|$)|划得来(?:吗|么|不)|合不合算|划算(?:吗|么|不)(?=[，,。？?\\s]|$)|多少(?:比较|才)?合适|(?:你|您)给(?:个|点)(?:建议|意见)|值得(?:接|做|投|干)吗|行情(?:价)?(?:是)?多少|多少(?:才)?算合理|比(?:一下)?哪(?:个|边)(?:更|比较)?好(?=[，,。？?\\s]|$)|(?:做|选|用|找|开|投|上)[^，。？?]{1,10}还是[^，。？?]{1,10}(?:好|更好|比较好|合适)(?:呢|啊|吗|些)?(?=[，,。？?\\s]|$)|(?:报|报价)[^，。？?]{0,8}多少[^。？?]{0,6}(?:容易|更容易|才能|才容易)中标|中标率最高",
    `哪(?:家|个|款|种|位)[^，。？?\\s]{0,4}${PROVIDER}[^，。？?]{0,12}(?:厉害|好|专业|强|有名|靠谱|好用|服务好|红利|赚钱|好卖|好做)`,
    `用(?:什么|哪个|哪款|哪种|啥)${PROVIDER}[^，。？?]{0,6}(?:比较|更|最)?(?:好|快|方便|好用|靠谱)`,
    "\\b(?:recommend|suggest)\\b[^.?]{0,40}\\b(?:software|erp|broker|law firm|lawyer|accountant|bank|agency|agent|consultant|provider|vendor|supplier|tool|app|platform|forwarder)s?\\b",
    "\\bwhich\\b[^.?]{0,40}\\bwould you (?:recommend|suggest)\\b",
  ].join("|"),
  "i",
);

/** Which bank to go to ("农民工工资专户在哪个银行开"): the documents name no bank (not "不知道该找哪家银行", told). */
const WHICH_BANK = /哪(?:个|家|些)银行/;
const TOLD = /不知道|不清楚|不懂|搞不清/;

/** Whether the question asks for market advice rather than what a rule or a target says. */
export function marketAdviceAsked(text: string): boolean {
  return MARKET_ADVICE.test(text) || askingClauses(text).some((c) => WHICH_BANK.test(c) && !TOLD.test(c));
}
