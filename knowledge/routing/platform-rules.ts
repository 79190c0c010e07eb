// What a commercial platform itself decides — its listing rules, bans, refunds it rules on, traffic it
// throttles — is the platform's own matter: the documents are the government's rules. A closed class of
// platforms and of what they decide.
import { askingClauses } from "../text/asking.js";

const PLATFORM =
  "(?:抖音|快手|淘宝|天猫|京东|拼多多|亚马逊|小红书|美团|饿了么|视频号|速卖通|TikTok|Douyin|Amazon|Shopee|Temu|SHEIN|Lazada|eBay|企查查|天眼查|启信宝|爱企查)";
const PLATFORM_RULE = new RegExp(
  [
    `${PLATFORM}[^，。？?]{0,12}(?:规则|规定|封号|封店|扣分|限流|降权|排名|被封|封了|扣(?:了)?(?:保证金|货款))`,
    // A platform's own ruling or sanction, the platform named or not ("平台判我们退", "平台会不会封号").
    "平台(?:会不会|会|要)?(?:封号|扣分|限流|判(?:我们|我|违规)|下架)",
    `\\b(?:${PLATFORM})'?s? (?:rules|policies|policy|terms)\\b`,
    `\\b(?:the platform|${PLATFORM})\\b[^.?]{0,30}\\b(?:froze|frozen|freezes|suspended|banned|delisted|closed our)\\b`,
  ].join("|"),
  "i",
);

/**
 * …or what a business-data site shows and when it updates, asked as such ("企查查上还挂着，多久能同步消失"; not
 * "企查查上还挂着，信用修复怎么办").
 */
const SHOWN = /还挂着|挂着|还显示|同步|更新|删掉|删除|消失|撤下|撤掉|撤了|去掉|消掉|移除|(?:自动)?没(?:了|吗)/;
const SITE_SHOWS = new RegExp(`${PLATFORM}[^。？?]{0,20}(?:${SHOWN.source})`, "i");

/** The platform whose own rules the question asks about, as the asker named it. */
export function platformRulesAsked(text: string): string | undefined {
  const rule = PLATFORM_RULE.exec(text)?.[0];
  if (rule) return rule;
  const shows = SITE_SHOWS.exec(text)?.[0];
  return shows && askingClauses(text).some((c) => SHOWN.test(c)) ? shows : undefined;
}
