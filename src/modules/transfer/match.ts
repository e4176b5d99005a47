// Two-way matching of achievements and demands on core/affinity, pure. One side is indexed as the
// engine's "documents" (keywords ×3, titles and abstracts in both languages ×1, codes), the other
// is the query (title ×2, abstract ×1, keywords ×3, codes); Chinese and English words both count.
// Codes: discipline codes (NSFC / GB/T 13745, hierarchical) and IPC codes, each IPC code also as
// its subclass (C30B15/10 → C30B) so two patents of the same subclass agree.
import {
  type AffinityIndex,
  buildAffinityIndex,
  CandidateSearcher,
  explainAffinity,
  type ItemProfile,
  prepareQuery,
} from '../../core/affinity/index.ts';

export interface MatchDoc {
  id: string;
  titleZh: string;
  titleEn: string;
  textZh: string;
  textEn: string;
  keywords: readonly string[];
  disciplineCodes: readonly string[];
  ipcCodes: readonly string[];
}

export interface MatchExplained {
  id: string;
  /** 0..100, the affinity in percent. */
  score: number;
  /** Shared words, largest contribution first, with their share of the score (percent points). */
  words: { term: string; points: number }[];
  /** Shared codes ("F02", "C30B") with their points. */
  codes: { code: string; points: number }[];
}

/** An IPC code as typed ("C30B 15/10") normalised, with its subclass first. */
export function ipcTerms(code: string): string[] {
  const c = code.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
  if (!c) return [];
  const sub = /^[A-H]\d{2}[A-Z]/.exec(c)?.[0];
  return sub && sub !== c ? [sub, c] : [c];
}

const codesOf = (d: MatchDoc) => [...d.disciplineCodes, ...d.ipcCodes.flatMap(ipcTerms)];

export interface MatchIndex {
  ids: string[];
  index: AffinityIndex;
  searcher: CandidateSearcher;
}

export function buildMatchIndex(docs: readonly MatchDoc[]): MatchIndex {
  const index = buildAffinityIndex(
    docs.map((d) => ({
      keywords: d.keywords,
      publicationTitles: [d.titleZh, d.titleEn, d.textZh, d.textEn].filter(Boolean),
      disciplineCodes: codesOf(d),
    })),
  );
  return { ids: docs.map((d) => d.id), index, searcher: new CandidateSearcher(index) };
}

export function queryOf(d: MatchDoc): ItemProfile {
  return {
    title: `${d.titleZh} ${d.titleEn}`,
    abstract: `${d.textZh}\n${d.textEn}`,
    keywords: d.keywords,
    disciplineCodes: codesOf(d),
  };
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The best `k` documents of the index for `query` (excluding `skip`), each explained. */
export function matchTop(m: MatchIndex, query: MatchDoc, k: number, skip?: (id: string) => boolean) {
  if (m.ids.length === 0) return [];
  const q = prepareQuery(m.index, queryOf(query));
  const found = m.searcher.topC(q, k, skip ? (i) => skip(m.ids[i]) : undefined);
  const out: MatchExplained[] = [];
  for (let i = 0; i < found.experts.length; i++) {
    const e = explainAffinity(m.index, q, found.experts[i], 8);
    out.push({
      id: m.ids[found.experts[i]],
      score: round1(found.affinity[i] / 10),
      words: e.terms.map((t) => ({ term: t.term, points: round1(t.points / 10) })),
      codes: e.disciplinePrefixes.map((p) => ({
        code: p.prefix.replace(/^[A-Z]:/, ''),
        points: round1(p.points / 10),
      })),
    });
  }
  return out;
}
