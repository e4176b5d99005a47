// Planning a round's assignment, pure: affinity (core/affinity, top-C candidates without the full
// matrix) → candidate pairs minus conflicts, unavailable and full experts, and organisations
// already on the item → the exact solver (core/assignment, sum or fair mode) → pairs with
// per-item pseudonyms and shared terms, plus the quality figures the organizer sees. The same
// function reassigns one item after a decline (called with that item alone).
import {
  type AffinityQuery,
  buildAffinityIndex,
  CandidateSearcher,
  type ExpertProfile,
  explainAffinity,
  type ItemProfile,
  prepareQuery,
} from '../../core/affinity/index.ts';
import { type AssignmentProblem, type Candidate, solveAssignment } from '../../core/assignment/index.ts';
import { CONFLICT_CODES, type Conflict, type ConflictCode } from './coi.ts';
import { freshPseudonyms } from './rounds.ts';

export interface PlanExpert {
  id: string;
  /** Current organisation (one reviewer per organisation per item); null = independent. */
  orgKey: string | null;
  /** Items this expert may still take in this run (max load minus load elsewhere and kept here). */
  capacity: number;
  /** Availability windows cover the round's due date, and the expert is active. */
  available: boolean;
  profile: ExpertProfile;
}

export interface PlanItem {
  id: string;
  profile: ItemProfile;
  /** Reviewers still wanted (k minus kept). */
  demand: number;
  /** Experts kept on the item (started reviews): never repeated, their organisations blocked. */
  kept: readonly string[];
  /** Pseudonyms already taken on the item (kept, declined, conflicted). */
  usedPseudonyms: ReadonlySet<string>;
  /** Conflicted experts by position in the experts array. */
  conflicts: ReadonlyMap<number, readonly Conflict[]>;
}

export interface PlannedPair {
  itemId: string;
  expertId: string;
  affinity: number;
  pseudonym: string;
  sharedTerms: string[];
}

export interface PlanStats {
  mode: 'sum' | 'fair';
  items: number;
  experts: number;
  candidates: number;
  objective: number;
  assigned: number;
  minItemTotal: number;
  affinityFloor: number | null;
  /** Ten bins of width 100 over 0..1000 (the last includes 1000). */
  affinityHistogram: number[];
  /** Conflicted (item, expert) pairs excluded, by reason code and in total. */
  conflictsExcluded: Record<ConflictCode, number> & { total: number };
  /** Unavailable or full experts left out. */
  unavailableExperts: number;
  shortfall: { itemId: string; missing: number }[];
}

export interface PlanOptions {
  fairness: boolean;
  /** Candidates per item from the affinity search (C). */
  candidatesPerItem?: number;
  onProgress?: (phase: PlanPhase, fraction: number) => void;
}

/** Integer affinity histogram: ten bins of 100 over 0..1000. */
export function histogram(values: Iterable<number>): number[] {
  const bins = new Array<number>(10).fill(0);
  for (const v of values) bins[Math.min(9, Math.max(0, Math.floor(v / 100)))]++;
  return bins;
}

/** How many experts carry each load: {load: experts}, loads 0..max. */
export function loadDistribution(loads: readonly number[]): number[] {
  const max = loads.reduce((m, x) => Math.max(m, x), 0);
  const out = new Array<number>(max + 1).fill(0);
  for (const l of loads) out[l]++;
  return out;
}

export type PlanPhase = 'affinity' | 'candidates' | 'solve' | 'explain';
export interface PlanResult {
  pairs: PlannedPair[];
  stats: PlanStats;
}

/** Plans the assignment of `items` over `experts`; deterministic. */
export function planAssignment(
  experts: readonly PlanExpert[],
  items: readonly PlanItem[],
  options: PlanOptions,
): PlanResult {
  const steps = planSteps(experts, items, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    options.onProgress?.(r.value.phase, r.value.fraction);
  }
}

/**
 * The same plan as a generator that yields its progress between steps, so a caller can record
 * it and let other work run (the candidate search yields every few items; the solve is one step).
 */
export function* planSteps(
  experts: readonly PlanExpert[],
  items: readonly PlanItem[],
  options: PlanOptions,
): Generator<{ phase: PlanPhase; fraction: number }, PlanResult> {
  yield { phase: 'affinity', fraction: 0 };
  const index = buildAffinityIndex(experts.map((e) => e.profile));
  yield { phase: 'affinity', fraction: 1 };
  const conflictsExcluded = Object.fromEntries(
    CONFLICT_CODES.map((c) => [c, 0]),
  ) as PlanStats['conflictsExcluded'];
  conflictsExcluded.total = 0;
  for (const it of items)
    for (const list of it.conflicts.values()) {
      conflictsExcluded.total++;
      for (const c of list) conflictsExcluded[c.code]++;
    }
  const idOf = new Map(experts.map((e, i) => [e.id, i]));
  const usable = (e: PlanExpert) => e.available && e.capacity > 0;
  const unavailableExperts = experts.filter((e) => !usable(e)).length;
  const maxDemand = items.reduce((m, it) => Math.max(m, it.demand), 0);
  const C = Math.min(experts.length, options.candidatesPerItem ?? Math.max(50, 10 * maxDemand));

  const searcher = new CandidateSearcher(index);
  const queries: AffinityQuery[] = [];
  const candidates: Candidate[] = [];
  const conflicts: NonNullable<AssignmentProblem['conflicts']> = [];
  for (let p = 0; p < items.length; p++) {
    const it = items[p];
    const q = prepareQuery(index, it.profile);
    queries.push(q);
    if (it.demand <= 0) continue;
    const keptOrgs = new Set<string>();
    const keptIds = new Set(it.kept);
    for (const id of it.kept) {
      const o = experts[idOf.get(id) ?? -1]?.orgKey;
      if (o) keptOrgs.add(o);
    }
    const excluded = (d: number) => {
      const e = experts[d];
      return (
        !usable(e) ||
        it.conflicts.has(d) ||
        keptIds.has(e.id) ||
        (e.orgKey !== null && keptOrgs.has(e.orgKey))
      );
    };
    // Belt and braces: the solver is told the conflicts too, not only the candidate filter.
    for (const d of it.conflicts.keys()) conflicts.push({ item: it.id, reviewer: experts[d].id });
    const top = searcher.topC(q, C, excluded);
    const seen = new Set<number>();
    for (let j = 0; j < top.experts.length; j++) {
      seen.add(top.experts[j]);
      candidates.push({ item: it.id, reviewer: experts[top.experts[j]].id, affinity: top.affinity[j] });
    }
    // A small pool may have fewer positive-affinity experts than C: every other eligible expert
    // is still a candidate, at affinity 0, so an item is short only when truly no one is left.
    for (let d = 0; d < experts.length && seen.size < C; d++) {
      if (seen.has(d) || excluded(d)) continue;
      seen.add(d);
      candidates.push({ item: it.id, reviewer: experts[d].id, affinity: 0 });
    }
    if (p % 16 === 15) yield { phase: 'candidates', fraction: (p + 1) / items.length };
  }
  yield { phase: 'candidates', fraction: 1 };
  yield { phase: 'solve', fraction: 0 };
  const result = solveAssignment(
    {
      items: items.map((it) => ({ id: it.id, demand: Math.max(0, it.demand) })),
      reviewers: experts.map((e) => ({
        id: e.id,
        capacity: usable(e) ? e.capacity : 0,
        organisation: e.orgKey,
      })),
      candidates,
      conflicts,
    },
    { mode: options.fairness ? 'fair' : 'sum' },
  );
  yield { phase: 'solve', fraction: 1 };

  const byItem = new Map<string, typeof result.pairs>();
  for (const pr of result.pairs) {
    const l = byItem.get(pr.item) ?? [];
    byItem.set(pr.item, l);
    l.push(pr);
  }
  const pairs: PlannedPair[] = [];
  items.forEach((it, p) => {
    const l = (byItem.get(it.id) ?? []).sort(
      (a, b) => b.affinity - a.affinity || (a.reviewer < b.reviewer ? -1 : 1),
    );
    const names = freshPseudonyms(it.usedPseudonyms, l.length);
    l.forEach((pr, j) => {
      const ex = explainAffinity(index, queries[p], idOf.get(pr.reviewer) as number, 5);
      pairs.push({
        itemId: it.id,
        expertId: pr.reviewer,
        affinity: pr.affinity,
        pseudonym: names[j],
        sharedTerms: ex.terms.map((t) => t.term),
      });
    });
  });
  yield { phase: 'explain', fraction: 1 };
  return {
    pairs,
    stats: {
      mode: options.fairness ? 'fair' : 'sum',
      items: items.length,
      experts: experts.length,
      candidates: candidates.length,
      objective: result.objective,
      assigned: result.assigned,
      minItemTotal: result.minItemTotal,
      affinityFloor: result.affinityFloor ?? null,
      affinityHistogram: histogram(pairs.map((x) => x.affinity)),
      conflictsExcluded,
      unavailableExperts,
      shortfall: result.shortfall.map((s) => ({ itemId: s.item, missing: s.missing })),
    },
  };
}
