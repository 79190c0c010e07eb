// The notice sets targets; how far they were met (实际完成了多少, did the city actually hit it) is reported
// elsewhere, if at all. A question about the outcome is not answered by the target.
const OUTCOME =
  /(?:实际|最后|最终|年底|到底)(?:到底)?(?:完成|做到|达到|达成|实现)(?:了)?(?:没|没有|多少|怎么样|得怎么样|情况|了吗|了没)|完成得(?:怎么样|如何|咋样)|完成情况|完成度|成绩单|(?:目标|任务|指标)(?:都|有没有)?(?:完成|达成|实现|做到)了(?:吗|没|没有)|\bactually (?:hit|reach|reached|achieve|achieved|meet|met|complete|completed)\b|\bfinal (?:numbers|figures|results|outcome)\b|\bdid (?:hangzhou|the city|they|it) (?:actually )?(?:hit|reach|achieve|meet)\b/i;

/** Whether the question asks how far the targets were met, not what they are. */
export function outcomeAsked(text: string): boolean {
  return OUTCOME.test(text);
}
