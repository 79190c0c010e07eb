// Who gets what: for each changed document, the subscribers whose topics it matches (and whose
// industry / district it does not exclude). Pure and in memory; 10,000 subscribers × 1,000
// documents take well under a second (npm run bench:push).
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
  /** Subscriber index → positions (into `documents`) of the documents they get, in order. */
  perSubscriber: Map<number, number[]>;
  perTopic: TopicCount[];
}

export function classifyAll(catalog: TopicCatalog, changes: DocumentChange[]): ClassifiedDocument[] {
  return changes.map((c) => ({ ...c, ...classifyDocument(catalog, c) }));
}

export function matchSubscribers(catalog: TopicCatalog, documents: ClassifiedDocument[], subs: MatchSubscriber[]): MatchResult {
  const topicIds = catalog.topics.map((t) => t.id);
  const topicIndex = new Map(topicIds.map((t, i) => [t, i]));
  const byTopic: number[][] = topicIds.map(() => []);
  subs.forEach((s, i) => {
    for (const t of s.topics) {
      const ti = topicIndex.get(t);
      if (ti !== undefined) byTopic[ti].push(i);
    }
  });
  const seenFor = new Int32Array(subs.length).fill(-1); // last document position a subscriber got
  const reachedVia = topicIds.map(() => new Uint8Array(subs.length));
  const docsPerTopic = new Int32Array(topicIds.length);
  const perSubscriber = new Map<number, number[]>();
  documents.forEach((doc, pos) => {
    const industries = new Set(doc.industries);
    const districts = new Set(doc.districts);
    for (const t of doc.topics) {
      const ti = topicIndex.get(t);
      if (ti === undefined) continue;
      docsPerTopic[ti]++;
      for (const si of byTopic[ti]) {
        if (seenFor[si] === pos) continue;
        const s = subs[si];
        if (s.industry && industries.size && !industries.has(s.industry)) continue;
        if (s.district && districts.size && !districts.has(s.district)) continue;
        seenFor[si] = pos;
        reachedVia[ti][si] = 1;
        const list = perSubscriber.get(si);
        if (list) list.push(pos);
        else perSubscriber.set(si, [pos]);
      }
    }
  });
  const perTopic: TopicCount[] = [];
  topicIds.forEach((t, ti) => {
    if (!docsPerTopic[ti]) return;
    let n = 0;
    for (const v of reachedVia[ti]) n += v;
    perTopic.push({ topic: t, label: catalog.label(t), documents: docsPerTopic[ti], subscribers: n });
  });
  return { documents, perSubscriber, perTopic };
}
