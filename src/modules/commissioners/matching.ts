// Matching commissioners to grassroots demands, pure: candidates ranked by expertise affinity
// (core/affinity, BM25 over the commissioner's keywords and industries against the demand's words)
// plus declared points for nearness in the division hierarchy; unavailable and full commissioners
// are never candidates; then the optimal assignment of demands to commissioners within their
// remaining capacities (core/assignment, exact). No I/O: the service and the CLI feed it.
import {
  type AffinityIndex,
  type AffinityQuery,
  affinityPoints,
  buildAffinityIndex,
  CandidateSearcher,
  explainAffinity,
  prepareQuery,
  scorePair,
} from '../../core/affinity/index.ts';
import { type AssignmentResult, solveAssignment } from '../../core/assignment/index.ts';
import { nearestLevel, type RegionLevel } from './divisions.ts';

/**
 * Declared region weights, added to the affinity (0..1000): nearer never scores less.
 * A commissioner in the demand's own county with half the expertise of one elsewhere still wins.
 */
export const REGION_POINTS: Readonly<Record<RegionLevel, number>> = {
  county: 400,
  city: 250,
  province: 100,
  elsewhere: 0,
};

/** How many candidates by expertise are drawn nationally per demand (same-county ones come on top). */
export const DEFAULT_CANDIDATES = 10;

export interface CommissionerInput {
  id: string;
  keywords: readonly string[];
  industries?: readonly string[];
  disciplineCodes?: readonly string[];
  /** Six-digit division codes served. */
  regions: readonly string[];
  /** Demands it may still take (capacity minus live dispatches). */
  capacity: number;
  available?: boolean;
}

export interface DemandInput {
  id: string;
  text: string;
  industry?: string;
  /** Six-digit county code. */
  region: string;
}

export interface CandidateExplanation {
  /** Shared words with their affinity points, largest first. */
  terms: { term: string; points: number }[];
  /** Affinity points of shared words not listed. */
  otherPoints: number;
}

export interface RankedCandidate {
  commissioner: string;
  /** affinity + REGION_POINTS[level]: the assignment's weight. */
  score: number;
  affinity: number;
  level: RegionLevel;
  regionPoints: number;
}

export interface MatchPair extends RankedCandidate {
  demand: string;
}

export interface MatchResult {
  pairs: MatchPair[];
  /** Sum of the scores of the assigned pairs (exact). */
  objective: number;
  /** Demands no eligible commissioner could take. */
  unmatched: string[];
  candidateCount: number;
}

/** The expertise index over commissioners (positions follow `commissioners`). */
export class MatchIndex {
  readonly index: AffinityIndex;
  readonly searcher: CandidateSearcher;
  private readonly byId = new Map<string, number>();
  private readonly byCounty = new Map<string, number[]>();

  constructor(readonly commissioners: readonly CommissionerInput[]) {
    this.index = buildAffinityIndex(
      commissioners.map((c) => ({
        keywords: [...c.keywords, ...(c.industries ?? [])],
        publicationTitles: [],
        disciplineCodes: [],
      })),
      // Demands carry no discipline codes: the affinity is all text.
      { textWeight: 1 },
    );
    this.searcher = new CandidateSearcher(this.index);
    commissioners.forEach((c, i) => {
      this.byId.set(c.id, i);
      for (const r of new Set(c.regions)) {
        const list = this.byCounty.get(r);
        if (list) list.push(i);
        else this.byCounty.set(r, [i]);
      }
    });
  }

  position(id: string): number | undefined {
    return this.byId.get(id);
  }

  query(d: DemandInput): AffinityQuery {
    return prepareQuery(this.index, {
      title: '',
      abstract: d.text,
      keywords: d.industry ? [d.industry] : [],
      disciplineCodes: [],
    });
  }

  eligible(i: number, excluded?: ReadonlySet<string>): boolean {
    const c = this.commissioners[i];
    return c.available !== false && c.capacity > 0 && !excluded?.has(c.id);
  }

  /**
   * Candidates for one demand, best first (score, then affinity, then id): the top `c` eligible
   * commissioners by expertise anywhere, plus every eligible commissioner serving the demand's own
   * county; only positive affinity counts (a neighbour who knows nothing of the problem is no help).
   */
  rank(d: DemandInput, c = DEFAULT_CANDIDATES, excluded?: ReadonlySet<string>, q = this.query(d)) {
    const out = new Map<number, RankedCandidate>();
    const add = (i: number, affinity: number) => {
      if (affinity <= 0 || out.has(i)) return;
      const com = this.commissioners[i];
      const level = nearestLevel(com.regions, d.region);
      const regionPoints = REGION_POINTS[level];
      out.set(i, { commissioner: com.id, score: affinity + regionPoints, affinity, level, regionPoints });
    };
    const top = this.searcher.topC(q, c, (i) => !this.eligible(i, excluded));
    for (let k = 0; k < top.experts.length; k++) add(top.experts[k], top.affinity[k]);
    for (const i of this.byCounty.get(d.region) ?? [])
      if (!out.has(i) && this.eligible(i, excluded)) add(i, affinityPoints(q, scorePair(this.index, q, i)));
    return [...out.values()].sort(
      (a, b) =>
        b.score - a.score ||
        b.affinity - a.affinity ||
        (a.commissioner < b.commissioner ? -1 : a.commissioner > b.commissioner ? 1 : 0),
    );
  }

  /** Why the commissioner fits the demand: the shared words and their affinity points. */
  explain(d: DemandInput, commissionerId: string, topTerms = 5): CandidateExplanation {
    const i = this.byId.get(commissionerId);
    if (i === undefined) return { terms: [], otherPoints: 0 };
    const e = explainAffinity(this.index, this.query(d), i, topTerms);
    return {
      terms: e.terms.map((t) => ({ term: t.term, points: Math.round(t.points) })),
      otherPoints: Math.round(e.otherTerms.points),
    };
  }
}

/**
 * Candidates for every demand, then the optimal assignment (maximum number of matched demands,
 * then maximum total score) within the commissioners' remaining capacities.
 */
export function matchDemands(
  commissioners: readonly CommissionerInput[],
  demands: readonly DemandInput[],
  opts: { candidates?: number; perDemand?: number; index?: MatchIndex } = {},
): MatchResult & { solver: AssignmentResult } {
  const idx = opts.index ?? new MatchIndex(commissioners);
  const k = opts.perDemand ?? 1;
  const candidates: { item: string; reviewer: string; affinity: number }[] = [];
  const byPair = new Map<string, RankedCandidate>();
  for (const d of demands) {
    for (const r of idx.rank(d, opts.candidates ?? DEFAULT_CANDIDATES)) {
      candidates.push({ item: d.id, reviewer: r.commissioner, affinity: r.score });
      byPair.set(`${d.id}\u0000${r.commissioner}`, r);
    }
  }
  const solver = solveAssignment({
    items: demands.map((d) => ({ id: d.id, demand: k })),
    reviewers: commissioners.map((c) => ({
      id: c.id,
      capacity: c.available === false ? 0 : Math.max(0, c.capacity),
    })),
    candidates,
  });
  const pairs: MatchPair[] = solver.pairs.map((p) => ({
    demand: p.item,
    ...byPair.get(`${p.item}\u0000${p.reviewer}`)!,
  }));
  const matched = new Set(pairs.map((p) => p.demand));
  return {
    pairs,
    objective: solver.objective,
    unmatched: demands.filter((d) => !matched.has(d.id)).map((d) => d.id),
    candidateCount: candidates.length,
    solver,
  };
}
