// Who gets what: for each changed document, the subscribers whose topics it matches (and whose
// industry / district it does not exclude). Pure and in memory; 10,000 subscribers × 1,000
// documents take well under a second (npm run bench:push). Subscribers whose lists are the same
// share one array.
import type { DocumentChange } from "./document-changes.js";
import { classifyDocument, type DocumentTopics, type TopicCatalog } from "./topics.js";

export interface MatchSubscriber {
  id: string;
  topics: string[];
  industry: string | null;
  district: string | null;
}

export interface ClassifiedDocument extends DocumentChange, DocumentTopics {}

export interface TopicCount {
  topic: string;
  label: string;
  documents: number;
  subscribers: number;
}

export interface MatchResult {
  documents: ClassifiedDocument[];
  /** Subscriber index → positions (into `documents`) of the documents they get, in order (undefined: none). */
  perSubscriber: (number[] | undefined)[];
  perTopic: TopicCount[];
}

export function classifyAll(catalog: TopicCatalog, changes: DocumentChange[]): ClassifiedDocument[] {
  return changes.map((c) => ({ ...c, ...classifyDocument(catalog, c) }));
}

/**
 * Subscribers with the same topics and filters get the same documents, so matching runs once per
 * such profile (a few hundred for 10,000 subscribers) and subscribers share the profile's list.
 */
export function matchSubscribers(
  catalog: TopicCatalog,
  documents: ClassifiedDocument[],
  subs: MatchSubscriber[],
): MatchResult {
  const profiles = new Map<
    string,
    { topics: string[]; industry: string | null; district: string | null; members: number[] }
  >();
  subs.forEach((s, i) => {
    const topics = [...new Set(s.topics)].sort();
    const key = `${topics.join(",")}|${s.industry ?? ""}|${s.district ?? ""}`;
    const p = profiles.get(key);
    if (p) p.members.push(i);
    else profiles.set(key, { topics, industry: s.industry, district: s.district, members: [i] });
  });
  const list = [...profiles.values()];
  const topicIds = catalog.topics.map((t) => t.id);
  const topicIndex = new Map(topicIds.map((t, i) => [t, i]));
  const byTopic: number[][] = topicIds.map(() => []);
  list.forEach((p, pi) => {
    for (const t of p.topics) {
      const ti = topicIndex.get(t);
      if (ti !== undefined) byTopic[ti].push(pi);
    }
  });
  const seenFor = new Int32Array(list.length).fill(-1); // last document position a profile got
  const reachedVia = topicIds.map(() => new Uint8Array(list.length));
  const docsPerTopic = new Int32Array(topicIds.length);
  const perProfile: (number[] | undefined)[] = new Array<number[] | undefined>(list.length);
  documents.forEach((doc, pos) => {
    const industries = new Set(doc.industries);
    const districts = new Set(doc.districts);
    for (const t of doc.topics) {
      const ti = topicIndex.get(t);
      if (ti === undefined) continue;
      docsPerTopic[ti]++;
      for (const pi of byTopic[ti]) {
        if (seenFor[pi] === pos) continue;
        const p = list[pi];
        if (p.industry && industries.size && !industries.has(p.industry)) continue;
        if (p.district && districts.size && !districts.has(p.district)) continue;
        seenFor[pi] = pos;
        reachedVia[ti][pi] = 1;
        const l = perProfile[pi];
        if (l) l.push(pos);
        else perProfile[pi] = [pos];
      }
    }
  });
  const perSubscriber: (number[] | undefined)[] = new Array<number[] | undefined>(subs.length);
  list.forEach((p, pi) => {
    const l = perProfile[pi];
    if (l) for (const si of p.members) perSubscriber[si] = l;
  });
  const perTopic: TopicCount[] = [];
  topicIds.forEach((t, ti) => {
    if (!docsPerTopic[ti]) return;
    let n = 0;
    list.forEach((p, pi) => {
      if (reachedVia[ti][pi]) n += p.members.length;
    });
    perTopic.push({ topic: t, label: catalog.label(t), documents: docsPerTopic[ti], subscribers: n });
  });
  return { documents, perSubscriber, perTopic };
}
