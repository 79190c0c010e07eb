// What a stock exchange requires of a listing (科创板第五套标准, 港股18A, 北交所的财务指标) is that exchange's
// own rules: the notice offers listing coaching, never the standards themselves. A closed class of venues.
const VENUE =
  "(?:科创板|创业板|北交所|主板|A股|H股|港股|港交所|纳斯达克|新三板|美股|纽交所|深交所|上交所|STAR Market|Nasdaq|NYSE|HKEX)";
const EXCHANGE_RULE = new RegExp(
  `${VENUE}[^，。？?]{0,16}(?:标准|条件|要求|门槛|指标|硬性|规则)|${VENUE}[^，。？?]{0,12}(?:哪个|哪边|还是)[^，。？?]{0,10}(?:合适|适合|好|高)|第[一二三四五六七八九]套(?:上市)?标准|分拆上市[^，。？?]{0,8}(?:条件|标准|要求|门槛|规则)|(?:减持|解禁)[^，。？?]{0,8}(?:窗口期|限制|规定|条件|比例)|拆(?:除)?(?:红筹|VIE)|18A|18C|\\b(?:listing (?:rules?|requirements?|criteria|standards?)|(?:first|second|third|fourth|fifth) (?:listing )?standard|requirements? (?:to|for) list(?:ing)?)\\b`,
  "i",
);

/** The venue whose listing rules the question asks about, as the asker named it. */
export function exchangeRulesAsked(text: string): string | undefined {
  return EXCHANGE_RULE.exec(text)?.[0];
}
