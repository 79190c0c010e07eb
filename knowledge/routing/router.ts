// Routes a question to a project of the notice and the lead unit of the clause that fits,
// or to the notice as a whole, or declines it as out of scope.
import { findProject, projectKey } from "../catalog/catalogs.js";
import type { Clause, Project } from "../catalog/types.js";
import { findUnit, loadUnits, unitSpellings } from "../data-files.js";
import type { KnowledgeIndex } from "../index-store.js";
import { missedCorpusWords, queryTerms } from "../retrieval/retriever.js";
import { matchScore, type WeightedTerm } from "../retrieval/bm25.js";
import { askingClauses, quotedNames } from "../text/asking.js";
import { backgroundIdf, NAMING_IDF } from "../text/background.js";
import { cachedTokenSet, indexTokens, stopwordSet } from "../text/segment.js";
import type { AnswerAction, Candidate, Passage, RetrievedPassage } from "../types.js";
import type { Routing } from "./routing-types.js";
import { type DocumentFocus, documentRoute, isStandalone } from "./document-route.js";
import type { PreparedQuestion } from "./prepare-question.js";
import { catalogWeights, yearsNamed } from "./years.js";

export type { Routing } from "./routing-types.js";

const TOP_EVIDENCE = 12; // law articles beyond this rank do not vote; clauses always do
const LAW_SHARE = 0.4; // how much a law article counts towards the projects it relates to
const LAW_DECAY = 0.7;
const CLARIFY_MARGIN = 0.12;
const MIN_CONFIDENCE = 0.35;

/** Share of the question's content words that the corpus or the lexicon understands. */
export function coverage(index: KnowledgeIndex, q: PreparedQuestion): number {
  if (!q.tokens.length) return q.expansion.matched.length ? 1 : 0;
  const matchedText = q.expansion.matched.join(" ");
  const understood = q.tokens.filter(
    (t) => index.bm25.has(t) || matchedText.includes(t) || q.expansion.matched.some((m) => t.includes(m)),
  );
  return understood.length / q.tokens.length;
}

function dutyWords(): string[] {
  return loadUnits().flatMap((u) => u.duties);
}

/**
 * Project scores from the retrieved passages: clauses count fully, law articles partly (fully when they rank
 * above every clause and belong to the notice asked about: then they answer the question better than the
 * notice does; an older notice's laws do not outvote a newer notice's projects). Keys are
 * projectKey(notice docId, number); `noticeOf` says which notice a law's related_projects refer to.
 */
export function scoreProjects(
  evidence: RetrievedPassage[],
  noticeOf: (p: Passage) => string | undefined = () => "",
  /** Whether a notice's projects are the ones asked about (the latest, or the year named). */
  current: (noticeId: string) => boolean = () => true,
): Map<string, number> {
  const clauses = new Map<string, number[]>();
  const laws = new Map<string, number[]>();
  let clauseSeen = false;
  for (const [rank, r] of evidence.entries()) {
    const p = r.passage;
    if (p.kind === "clause" && p.project) {
      const key = projectKey(p.docId, p.project);
      clauses.set(key, [...(clauses.get(key) ?? []), r.score]);
      clauseSeen = true;
    } else if (p.kind === "article" && p.relatedProjects?.length && rank < TOP_EVIDENCE) {
      const notice = noticeOf(p);
      if (notice === undefined) continue;
      const share = (r.score * (clauseSeen || !current(notice) ? LAW_SHARE : 1)) / p.relatedProjects.length;
      for (const n of p.relatedProjects)
        laws.set(projectKey(notice, n), [...(laws.get(projectKey(notice, n)) ?? []), share]);
    }
  }
  // The best clause decides; other clauses add a little; several articles of laws behind the
  // project add up, each less than the one before.
  const scores = new Map<string, number>();
  for (const n of new Set([...clauses.keys(), ...laws.keys()])) {
    const [best = 0, ...rest] = (clauses.get(n) ?? []).sort((a, b) => b - a);
    const lawSupport = (laws.get(n) ?? []).sort((a, b) => b - a).reduce((acc, x, i) => acc + x * LAW_DECAY ** i, 0);
    scores.set(n, best + 0.25 * rest.reduce((a, x) => a + x, 0) + lawSupport);
  }
  return scores;
}

/** Programme names the notice quotes (“一试双证”, “政金企”), each with the one project that names it. */
const programmeNames = new WeakMap<KnowledgeIndex, Map<string, string>>();
function programmesOf(index: KnowledgeIndex): Map<string, string> {
  let names = programmeNames.get(index);
  if (names) return names;
  const seen = new Map<string, Set<string>>();
  for (const catalog of index.catalogs)
    for (const project of catalog.projects)
      for (const clause of project.clauses)
        for (const name of quotedNames(clause.text))
          seen.set(name, (seen.get(name) ?? new Set()).add(projectKey(catalog.docId, project.number)));
  names = new Map([...seen].filter(([, keys]) => keys.size === 1).map(([name, keys]) => [name, [...keys][0]]));
  programmeNames.set(index, names);
  return names;
}

/**
 * A programme the asker names as the notice quotes it (“一试双证”是个啥，我们工程师能参加吗) is what the question
 * is about: its project leads, however much a vaguer word beside it (自动化) draws elsewhere.
 */
function preferProgrammeNamed(index: KnowledgeIndex, text: string, scores: Map<string, number>): void {
  const named = new Set([...programmesOf(index)].filter(([name]) => text.includes(name)).map(([, key]) => key));
  if (named.size !== 1) return;
  const [key] = named;
  const own = scores.get(key);
  const top = Math.max(...scores.values());
  if (own !== undefined && own < top) scores.set(key, top * 1.01);
}

/** Units the question names outright ("派出所", "税务局"), by the names and aliases in units.yaml. */
export function mentionedUnits(text: string): Set<string> {
  const named = new Set<string>();
  for (const [spelling, unit] of unitSpellings()) if (text.includes(spelling)) named.add(unit.name);
  return named;
}

const DUTY_BONUS = 3;

/** The question (with its expansions) names one of the duty words that tie this fragment to its unit. */
function hitsDuty(fragment: string, unit: string, asked: Set<string>): boolean {
  return (findUnit(unit)?.duties ?? []).some((d) => fragment.includes(d) && asked.has(d));
}

/** The clause fragment of a project that best matches the question decides the unit. */
export function pickClause(
  index: KnowledgeIndex,
  project: Project,
  terms: readonly WeightedTerm[],
  evidence: RetrievedPassage[],
  named = new Set<string>(),
  noticeId?: string,
): { clause: Clause; unit: string } {
  const asked = new Set(terms.map((t) => t.term));
  const rankOf = (c: Clause) =>
    evidence.findIndex(
      (r) =>
        r.passage.project === project.number &&
        r.passage.clauseIndex === c.index &&
        (!noticeId || r.passage.docId === noticeId),
    );
  const scored = project.clauses.flatMap((clause) => {
    const rank = rankOf(clause);
    const rankBonus = rank < 0 ? 0 : 0.5 / (1 + rank);
    return clause.fragments.map((fragment) => {
      const match = matchScore(cachedTokenSet(fragment.text), terms, (t) => index.bm25.idf(t));
      const duty = hitsDuty(fragment.text, fragment.unit, asked) ? DUTY_BONUS : 0;
      return { clause, unit: fragment.unit, match, score: match + rankBonus + duty };
    });
  });
  // A unit the question names wins, provided one of its fragments matches the question at all.
  const namedMatches = scored.filter((f) => named.has(f.unit) && f.match > 0);
  const pool = namedMatches.length ? namedMatches : scored;
  const best = pool.reduce<(typeof pool)[number] | undefined>((b, f) => (!b || f.score > b.score ? f : b), undefined);
  return best ?? { clause: project.clauses[0], unit: project.leadUnits[0] };
}

function unitsForClause(clause: Clause, primary: string): string[] {
  return [primary, ...clause.units.filter((u) => u !== primary)];
}

/** A routing that declines (out of scope) with its reason. */
export function declined(reason: string, evidence: RetrievedPassage[] = []): Routing {
  return decline(reason, evidence);
}

function decline(reason: string, evidence: RetrievedPassage[] = []): Routing {
  return {
    kind: "out_of_scope",
    project: null,
    clause: null,
    leadUnits: [],
    confidence: 0,
    action: "escalate",
    candidates: [],
    reason,
    evidence,
  };
}

export function route(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  forceProject?: number,
  focus?: DocumentFocus,
): Routing {
  evidence = [...evidence];
  if (q.scope.injection) return decline("指令注入或角色扮演请求，不在服务范围");
  const specific = dutyWords().some((d) => q.text.includes(d));
  const namesDocument = !!focus && isStandalone(index, focus.named.docId);
  // The safety-net topics (personal matters, chit-chat) decline, unless a policy document of its own
  // in the index answers the question: then the corpus, not the list, has the last word.
  // A duty word ("信用修复") makes a personal-sounding question an enterprise's, unless the personal
  // matter is said three ways (我个人…信用卡…房贷).
  const personal = new Set(q.scope.outOfScopeWords).size >= 3;
  // An aside (哈哈, 谢谢) beside what the lexicon reads is no topic of its own.
  const aside = !!q.scope.aside && q.expansion.groups.length > 0;
  // A project already chosen (the asker's pick, the desk's labels, the question model) is answered within:
  // neither the safety-net topics nor a want of lexicon signal sends it back.
  const topicDecline =
    !forceProject &&
    !!q.scope.outOfScopeTopic &&
    !aside &&
    (!specific || personal) &&
    !namesDocument &&
    !spokenOfInCorpus(q, evidence);

  const cov = coverage(index, q);
  const top = evidence[0];
  const topBm25 = Math.max(0, ...evidence.slice(0, 5).map((r) => r.bm25Score ?? 0));
  const strength = Math.min(1, topBm25 / 10);
  const namesTheNotice = ABOUT_THE_NOTICE.test(q.text);
  const hasSignal = q.expansion.matched.length > 0 || specific || namesTheNotice;
  // A measure of its own may match words the lexicon (written for the notice) does not know.
  const ownDocumentLeads = !!top && isStandalone(index, top.passage.docId) && (top.bm25Score ?? 0) >= STRONG_OWN_MATCH;
  if ((!top || (!hasSignal && !forceProject && (cov < 0.5 || strength < 0.3))) && !namesDocument && !ownDocumentLeads)
    return decline("问题与通知及相关政策的内容不匹配", evidence);

  const years = yearsNamed(q.text, index.catalogs, focus);
  const weight = catalogWeights(index.catalogs, years);
  const noticeOf = (p: Passage) => index.relatedNotice.get(p.docId);
  const scores = new Map(
    [...scoreProjects(evidence, noticeOf, (notice) => weight(notice) >= 1)].map(([k, v]) => [
      k,
      v * weight(k.slice(0, k.lastIndexOf("#"))),
    ]),
  );
  preferProgrammeNamed(index, q.text, scores);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const bestClause = evidence.find((r) => r.passage.kind === "clause");
  const bestNotice = evidence.find((r) => r.passage.kind === "notice-section" && weight(r.passage.docId) >= 1);

  // A question about a document of its own (a measure, a 细则 …): answered from that document.
  if (!forceProject) {
    const doc = documentRoute(index, q, evidence, focus, { coverage: cov, strength, weight });
    if (doc) return withProjectOf(index, q, doc, scores);
  }
  if (topicDecline) return decline(`属于“${q.scope.outOfScopeTopic}”，不在通知范围`);

  // A question about the notice as a whole: it says so ("这份通知…"), or its best passage is a
  // section of the notice rather than a project clause.
  const aboutNotice = namesTheNotice && !bestClauseIsStrong(bestClause);
  if (
    !forceProject &&
    bestNotice &&
    (aboutNotice ||
      (evidence.indexOf(bestNotice) === 0 &&
        asksWhatItSays(q, bestNotice) &&
        (!bestClause ||
          (bestClause.score < bestNotice.score * 0.8 && !clauseSaysMore(index, q, evidence, bestNotice, weight)))))
  ) {
    if (aboutNotice)
      evidence = [...evidence].sort(
        (a, b) => Number(b.passage.kind === "notice-section") - Number(a.passage.kind === "notice-section"),
      );
    const confidence = round(0.4 + 0.3 * cov + 0.3 * strength);
    const catalog = index.catalogs.find((c) => c.docId === bestNotice.passage.docId) ?? index.catalog;
    return {
      kind: "notice",
      project: null,
      clause: null,
      leadUnits: [],
      confidence,
      action: "answer",
      candidates: [],
      reason: "关于通知整体的问题",
      evidence,
      catalog,
    };
  }

  const chosenKey = forceProject
    ? forcedKey(index, ranked, forceProject, weight)
    : preferredKey(index, ranked, evidence, years);
  const ref = chosenKey ? findProject(index.catalogs, chosenKey) : undefined;
  const project = ref?.project ?? null;
  const catalog = ref?.catalog ?? null;
  if (!project || !catalog) {
    // No project fits, but a law or other passage answers it.
    const confidence = round(0.3 + 0.3 * cov + 0.3 * strength);
    return {
      kind: "unclear",
      project: null,
      clause: null,
      leadUnits: [],
      confidence,
      action: confidence >= MIN_CONFIDENCE ? "answer" : "escalate",
      candidates: [],
      reason: "未匹配到具体项目",
      evidence,
    };
  }

  const terms = queryTerms(q);
  const named = mentionedUnits(q.text);
  const { clause, unit } = pickClause(index, project, terms, evidence, named, catalog.docId);
  const key = projectKey(catalog.docId, project.number);
  // Another year's notice with a fitting project: shown beside it, not offered as a choice.
  const otherYear = years.size
    ? undefined
    : ranked.find(
        ([k, v]) =>
          k.slice(0, k.lastIndexOf("#")) !== catalog.docId &&
          v >= (scores.get(key) ?? 0) * YEAR_PAIR_SHARE &&
          hasOwnClause(evidence, k),
      );
  const sameYear = ranked.filter(([k]) => k === key || k.slice(0, k.lastIndexOf("#")) === catalog.docId);
  const s1 = scores.get(key) ?? 0;
  const s2 = sameYear.find(([k]) => k !== key)?.[1] ?? 0;
  const runnerUpKey = sameYear.find(([k]) => k !== key && hasOwnClause(evidence, k))?.[0];
  const runnerUp = runnerUpKey ? findProject(index.catalogs, runnerUpKey)?.project.number : undefined;
  const margin = s1 > 0 ? (s1 - s2) / s1 : 0;
  const confidence = forceProject
    ? Math.max(0.6, round(0.5 * cov + 0.5 * strength))
    : round(0.35 * cov + 0.35 * strength + 0.3 * margin);

  const candidates: Candidate[] = sameYear.slice(0, 3).flatMap(([k, score]) => {
    const found = findProject(index.catalogs, k);
    if (!found) return [];
    const pick = pickClause(index, found.project, terms, evidence, named, found.catalog.docId);
    const year = found.catalog.year ? { year: found.catalog.year } : {};
    return [
      {
        project: found.project.number,
        projectName: found.project.name,
        leadUnits: unitsForClause(pick.clause, pick.unit),
        score: round(score / (s1 || 1)),
        ...year,
        noticeId: found.catalog.docId,
      },
    ];
  });

  let action: AnswerAction = "answer";
  if (!forceProject && confidence < MIN_CONFIDENCE) action = "escalate";
  else if (
    !forceProject &&
    margin < CLARIFY_MARGIN &&
    candidates.length > 1 &&
    hasOwnClause(evidence, projectKey(catalog.docId, candidates[1].project))
  )
    action = "clarify";

  const inProject = (p: Passage) =>
    (p.docId === catalog.docId && (p.project === project.number || p.kind === "notice-section")) ||
    (!!p.relatedProjects?.includes(project.number) && index.relatedNotice.get(p.docId) === catalog.docId);
  // A measure of its own that ranks above the project's best clause is kept too: it may be what answers.
  const clauseScore = evidence.find((r) => r.passage.kind === "clause" && inProject(r.passage))?.score ?? 0;
  const projectEvidence = evidence.filter(
    (r) => inProject(r.passage) || (isStandalone(index, r.passage.docId) && r.score > clauseScore),
  );
  const also = otherYear && findProject(index.catalogs, otherYear[0]);
  const alsoIn = also
    ? { ...also, ...pickClause(index, also.project, terms, evidence, named, also.catalog.docId) }
    : undefined;
  return {
    kind: "project",
    project,
    clause,
    leadUnits: unitsForClause(clause, unit),
    confidence,
    action,
    candidates: action === "clarify" ? candidates.slice(0, 3) : [],
    reason: `匹配${catalog.year ? `${catalog.year}年` : ""}${project.label}${project.name}的条目“${clause.text.slice(0, 30)}…”`,
    evidence: projectEvidence.length ? projectEvidence : evidence,
    catalog,
    ...(alsoIn ? { alsoIn } : {}),
    ...(runnerUp ? { runnerUp } : {}),
  };
}

/**
 * A safety-net topic word that the best evidence itself says, matching the question strongly
 * ("保障性租赁住房" in a notice clause for "住房"): the documents cover it, so the net does not apply.
 */
function spokenOfInCorpus(q: PreparedQuestion, evidence: RetrievedPassage[]): boolean {
  return evidence
    .slice(0, 3)
    .some(
      (r) =>
        (r.bm25Score ?? 0) >= STRONG_MATCH &&
        r.passage.kind !== "notice-section" &&
        q.scope.outOfScopeWords.some((w) => r.passage.text.includes(w)),
    );
}

/** BM25 at which a passage matches the question strongly on its own words. */
const STRONG_MATCH = 15;
/** BM25 of a standalone measure's passage on the question that lets it be considered at all. */
const STRONG_OWN_MATCH = 10;

/** How close another year's project must score to be shown beside the chosen one. */
const YEAR_PAIR_SHARE = 0.6;

/**
 * The best project, except that when no year is named and the preferred (most recent) notice has a
 * project that fits on its own clause nearly as well, that one leads (the older year is shown beside it).
 */
function preferredKey(
  index: KnowledgeIndex,
  ranked: [string, number][],
  evidence: RetrievedPassage[],
  years: Set<number>,
): string | undefined {
  const best = ranked[0];
  const preferred = index.catalog?.docId;
  if (!best || years.size || !preferred || best[0].startsWith(`${preferred}#`)) return best?.[0];
  const rival = ranked.find(
    ([k, v]) =>
      k.slice(0, k.lastIndexOf("#")) === preferred && v >= best[1] * YEAR_PAIR_SHARE && hasOwnClause(evidence, k),
  );
  return rival?.[0] ?? best[0];
}

/** The project a forced number means: the best-scoring notice that has it, else the preferred notice. */
function forcedKey(
  index: KnowledgeIndex,
  ranked: [string, number][],
  n: number,
  weight: (docId: string) => number,
): string | undefined {
  const scored = ranked.find(([k]) => Number(k.slice(k.lastIndexOf("#") + 1)) === n);
  if (scored) return scored[0];
  const notice =
    index.catalogs.find((c) => weight(c.docId) >= 1 && c.projects.some((p) => p.number === n)) ?? index.catalog;
  return notice ? projectKey(notice.docId, n) : undefined;
}

/** A document route for a measure tied to a notice project shows that project (and its unit) too. */
function withProjectOf(index: KnowledgeIndex, q: PreparedQuestion, r: Routing, scores: Map<string, number>): Routing {
  const doc = r.document ? index.documents.get(r.document.id) : undefined;
  const notice = doc ? index.relatedNotice.get(doc.id) : undefined;
  if (!doc?.relatedProjects?.length || !notice) return r;
  const best = doc.relatedProjects
    .map((n) => projectKey(notice, n))
    .sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0))[0];
  const ref = findProject(index.catalogs, best);
  if (!ref) return r;
  const pick = pickClause(index, ref.project, queryTerms(q), r.evidence, mentionedUnits(q.text), ref.catalog.docId);
  const units = [...new Set([...unitsForClause(pick.clause, pick.unit), ...r.leadUnits])];
  return { ...r, project: ref.project, clause: pick.clause, catalog: ref.catalog, leadUnits: units };
}

/** A runner-up only counts as a real alternative when one of its own clauses matched (not just a shared law). */
function hasOwnClause(evidence: RetrievedPassage[], key: string): boolean {
  return evidence.some(
    (r) =>
      r.passage.kind === "clause" &&
      r.passage.project &&
      projectKey(r.passage.docId, r.passage.project) === key &&
      (r.bm25Score ?? 0) > 0,
  );
}

const ABOUT_THE_NOTICE =
  /(这份|这个|这篇|那个|那份|本|该|此)(通知|文件)|通知(是|由)|(?:什么时候|啥时候|哪天|何时)(?:发|印发|发布|出)的?(?:通知|文件)?[？?]?$|(发文|印发|成文)(单位|机关|部门|时间|日期)?|\b(?:the|this) notice\b|\bhow many (?:practical )?projects\b|实事[^，。？?]{0,6}(?:一共|总共|共)[^，。？?]{0,3}?(?:几|多少)(?:件|项|个)|(?:一共|总共|共)(?:有)?(?:几|多少)(?:件|项)实事/i;

/**
 * Naming the notice ("2026年为企办实事里…") makes its sections rank high; what decides is the rest of
 * the question, read with the lexicon ("国企欠款" → 拖欠账款): a clause of the notice asked about that
 * matches more of it than the section answers it.
 */
function clauseSaysMore(
  index: KnowledgeIndex,
  q: PreparedQuestion,
  evidence: RetrievedPassage[],
  section: RetrievedPassage,
  weight: (docId: string) => number,
): boolean {
  const title = cachedTokenSet(`${section.passage.docTitle} 为企办实事 实事项目 项目 通知`);
  // Single characters (件 of 几件, 年) ask for a figure; they say nothing of the topic.
  const asked = [...queryTerms(q), ...missedCorpusWords(index, q)].filter(
    (t) => [...t.term].length >= 2 && !title.has(t.term) && !/^[\d.]+[年月日号]?$/.test(t.term),
  );
  const score = (r: RetrievedPassage) => matchScore(cachedTokenSet(r.passage.text), asked, (t) => index.bm25.idf(t));
  const best = Math.max(
    0,
    ...evidence.filter((r) => r.passage.kind === "clause" && weight(r.passage.docId) >= 1).map(score),
  );
  // A tie goes to the clause: an overview that lists every target says no more than the target itself.
  return best > 0 && best >= score(section);
}

/**
 * A section of the notice answers only what the asking clauses say, not the story around them ("我们准备搬办公室"
 * shares 办公室 with the notice's own offices): one of their words is in it, or the question asks nothing.
 */
function asksWhatItSays(q: PreparedQuestion, section: RetrievedPassage): boolean {
  const asking = askingClauses(q.text);
  // (An English question has no words of the notice's own to share: what the lexicon read stands for them.)
  if (q.english || !asking.length) return true;
  const words = cachedTokenSet(section.passage.text);
  const stop = stopwordSet();
  const names = (t: string) => [...t].length >= 2 && !stop.has(t) && (backgroundIdf(t) ?? NAMING_IDF) >= NAMING_IDF;
  return asking.some((c) => indexTokens(c).some((t) => names(t) && words.has(t)));
}

/** A clause that matches the question on its own terms (not only through the lexicon). */
function bestClauseIsStrong(r: RetrievedPassage | undefined): boolean {
  return !!r && (r.bm25Score ?? 0) > STRONG_MATCH;
}

const round = (x: number) => Math.round(Math.max(0, Math.min(1, x)) * 100) / 100;
