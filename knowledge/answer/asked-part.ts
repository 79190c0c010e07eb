// A follow-up that asks for one part of the answer ("牵头单位是谁", "多少钱") gets that part first.
export type AskedPart = "unit" | "figures" | "where";

const PARTS: [AskedPart, RegExp][] = [
  [
    "unit",
    /牵头单位|哪个(?:部门|单位)|哪(?:个|家)?部门|找谁|谁(?:来)?(?:管|负责|牵头)|which (?:unit|department|agency)|who (?:is )?(?:in charge|responsible|handles)/i,
  ],
  ["figures", /多少钱|费率|多少|比例|几天|多久|几个|目标|指标|how much|how many|how long|rate/i],
  ["where", /在哪|去哪|哪里|怎么申请|如何申请|怎么办理|怎么报名|where|how (?:do|can) (?:we|i) apply/i],
];

/** The part of an answer a short question asks for, if it asks for one. */
export function askedPart(text: string): AskedPart | undefined {
  if ([...text].length > 16) return undefined;
  return PARTS.find(([, re]) => re.test(text))?.[0];
}
