// Reviewer assignment, the public face: encode ids to indices, solve on typed arrays, decode.
// Pure and deterministic (same input, same output). See docs/decisions/0500-assignment-solver.md.

import { type AuctionState, certify, createState, engine, solveAuction } from './auction.ts';
import { buildNetwork, type Network } from './network.ts';

export interface AssignmentItem {
  id: string;
  /** Reviewers wanted (k). */
  demand: number;
}

export interface AssignmentReviewer {
  id: string;
  /** Most items this reviewer may take. */
  capacity: number;
  /** At most one reviewer of any organisation per item; null/undefined = independent. */
  organisation?: string | null;
}

export interface Candidate {
  item: string;
  reviewer: string;
  /** Non-negative integer (scale and round scores before calling); higher is better. */
  affinity: number;
}

export interface AssignmentProblem {
  items: AssignmentItem[];
  reviewers: AssignmentReviewer[];
  /** Sparse candidate list; a pair absent here is never assigned. */
  candidates: Candidate[];
  /** Pairs that must never be assigned even if listed as candidates. */
  conflicts?: Array<{ item: string; reviewer: string }>;
}

export type AssignmentMode = 'sum' | 'fair';

export interface AssignmentOptions {
  /** 'sum' (default): maximise total affinity. 'fair': see `solveFair`. */
  mode?: AssignmentMode;
}

export interface AssignmentPair {
  item: string;
  reviewer: string;
  affinity: number;
}

export interface Shortfall {
  item: string;
  missing: number;
}

export interface AssignmentResult {
  /** 'optimal': every item got its demand; 'short': some items could not (see shortfall, hint). */
  status: 'optimal' | 'short';
  /** Total affinity of the assignment (exact integer). */
  objective: number;
  assigned: number;
  pairs: AssignmentPair[];
  shortfall: Shortfall[];
  hint?: string;
  /** Smallest total affinity of any item with demand > 0 (the fairness statistic). */
  minItemTotal: number;
  /** Fair mode only: every assigned pair has affinity >= this, and no larger floor is feasible. */
  affinityFloor?: number;
}

export interface AssignmentChange {
  removed: AssignmentPair[];
  added: AssignmentPair[];
  result: AssignmentResult;
}

export class AssignmentInputError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'AssignmentInputError';
  }
}

interface Encoded {
  problem: AssignmentProblem;
  itemIndex: Map<string, number>;
  reviewerIndex: Map<string, number>;
  net: Network;
}

// ids -> indices; validates; drops conflicts.
function encode(problem: AssignmentProblem, minAffinity = 0): Encoded {
  const { items, reviewers, candidates } = problem;
  const itemIndex = new Map<string, number>();
  items.forEach((it, i) => {
    if (itemIndex.has(it.id)) throw new AssignmentInputError(`duplicate item id ${it.id}`, `items[${i}].id`);
    if (!Number.isInteger(it.demand) || it.demand < 0)
      throw new AssignmentInputError('demand must be a non-negative integer', `items[${i}].demand`);
    itemIndex.set(it.id, i);
  });
  const reviewerIndex = new Map<string, number>();
  const orgIds = new Map<string, number>();
  let anyOrg = false;
  const org = new Int32Array(reviewers.length);
  reviewers.forEach((rv, r) => {
    if (reviewerIndex.has(rv.id))
      throw new AssignmentInputError(`duplicate reviewer id ${rv.id}`, `reviewers[${r}].id`);
    if (!Number.isInteger(rv.capacity) || rv.capacity < 0)
      throw new AssignmentInputError('capacity must be a non-negative integer', `reviewers[${r}].capacity`);
    reviewerIndex.set(rv.id, r);
    const o = rv.organisation;
    if (o === null || o === undefined || o === '') org[r] = -1;
    else {
      anyOrg = true;
      let c = orgIds.get(o);
      if (c === undefined) {
        c = orgIds.size;
        orgIds.set(o, c);
      }
      org[r] = c;
    }
  });
  const R = reviewers.length;
  const banned = new Set<number>();
  for (const [i, c] of (problem.conflicts ?? []).entries()) {
    const p = itemIndex.get(c.item);
    const r = reviewerIndex.get(c.reviewer);
    if (p === undefined) throw new AssignmentInputError(`unknown item ${c.item}`, `conflicts[${i}].item`);
    if (r === undefined)
      throw new AssignmentInputError(`unknown reviewer ${c.reviewer}`, `conflicts[${i}].reviewer`);
    banned.add(p * R + r);
  }
  const n = candidates.length;
  const cp = new Int32Array(n);
  const cr = new Int32Array(n);
  const ca = new Int32Array(n);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const c = candidates[i];
    const p = itemIndex.get(c.item);
    const r = reviewerIndex.get(c.reviewer);
    if (p === undefined) throw new AssignmentInputError(`unknown item ${c.item}`, `candidates[${i}].item`);
    if (r === undefined)
      throw new AssignmentInputError(`unknown reviewer ${c.reviewer}`, `candidates[${i}].reviewer`);
    if (!Number.isSafeInteger(c.affinity) || c.affinity < 0 || c.affinity > 1e6)
      throw new AssignmentInputError(
        'affinity must be an integer in 0..1000000',
        `candidates[${i}].affinity`,
      );
    const key = p * R + r;
    if (seen.has(key)) throw new AssignmentInputError('duplicate candidate pair', `candidates[${i}]`);
    seen.add(key);
    cp[i] = p;
    cr[i] = r;
    ca[i] = banned.has(key) || c.affinity < minAffinity ? -1 : c.affinity;
  }
  const net = buildNetwork({
    P: items.length,
    R,
    k: items.map((x) => x.demand),
    cap: reviewers.map((x) => x.capacity),
    org: anyOrg ? org : null,
    cp,
    cr,
    ca,
  });
  return { problem, itemIndex, reviewerIndex, net };
}

// state -> ids.
function decode(enc: Encoded, st: AuctionState): AssignmentResult {
  const { net, problem } = enc;
  const pairs: AssignmentPair[] = [];
  const total = new Float64Array(net.P);
  let objective = 0;
  for (let g = 0; g < net.G; g++) {
    const e = st.held[g];
    if (e < 0) continue;
    const c = problem.candidates[net.src[e]];
    pairs.push({ item: c.item, reviewer: c.reviewer, affinity: c.affinity });
    objective += c.affinity;
    total[net.ep[e]] += c.affinity;
  }
  const shortfall: Shortfall[] = [];
  let minItemTotal = Number.POSITIVE_INFINITY;
  for (let p = 0; p < net.P; p++) {
    const miss = st.short[p] + st.forced[p];
    if (miss > 0) shortfall.push({ item: problem.items[p].id, missing: miss });
    if (net.k[p] > 0 && total[p] < minItemTotal) minItemTotal = total[p];
  }
  const res: AssignmentResult = {
    status: shortfall.length ? 'short' : 'optimal',
    objective,
    assigned: pairs.length,
    pairs,
    shortfall,
    minItemTotal: Number.isFinite(minItemTotal) ? minItemTotal : 0,
  };
  if (shortfall.length) {
    const missing = shortfall.reduce((s, x) => s + x.missing, 0);
    res.hint =
      `${missing} reviewer slot(s) on ${shortfall.length} item(s) cannot be filled: add candidates for ` +
      'these items, raise reviewer capacities, or lower their demand. The assignment returned places as ' +
      'many pairs as possible, and among those maximises total affinity.';
  }
  return res;
}

/** Maximises total affinity (after the number of assigned pairs); exact. */
export function solveAssignment(
  problem: AssignmentProblem,
  options: AssignmentOptions = {},
): AssignmentResult {
  if (options.mode === 'fair') return solveFair(problem).result;
  return AssignmentSession.solve(problem).result();
}

/**
 * Fair mode. Maximising the worst-off item's total affinity exactly is NP-hard (max-min allocation),
 * so the guarantee is lexicographic over a tractable proxy:
 *  1. as many pairs as possible are assigned (same as sum mode);
 *  2. the affinity floor — the smallest affinity among assigned pairs — is as high as possible
 *     subject to 1 (exact, binary search over the distinct affinity values);
 *  3. total affinity is maximal subject to 1 and 2 (exact).
 * Hence every item gets at least (its assigned count) x floor, and `minItemTotal` is reported.
 */
export function solveFair(problem: AssignmentProblem): { result: AssignmentResult; floor: number } {
  const base = AssignmentSession.solve(problem).result();
  const missing = (r: AssignmentResult) => r.shortfall.reduce((s, x) => s + x.missing, 0);
  const target = missing(base);
  const values = [...new Set(problem.candidates.map((c) => c.affinity))].sort((a, b) => a - b);
  let lo = 0; // values[lo] is feasible (the smallest value is always: nothing is excluded)
  let hi = values.length - 1;
  let best = base;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const r = AssignmentSession.solve(problem, values[mid]).result();
    if (missing(r) === target) {
      lo = mid;
      best = r;
    } else hi = mid - 1;
  }
  const floor = values.length ? values[lo] : 0;
  best.affinityFloor = floor;
  return { result: best, floor };
}

/** A solved assignment that can absorb declines and late conflicts by local re-optimisation. */
export class AssignmentSession {
  private constructor(
    private readonly enc: Encoded,
    private readonly st: AuctionState,
  ) {}

  /** Solves `problem` exactly (pairs with affinity < minAffinity are excluded). */
  static solve(problem: AssignmentProblem, minAffinity = 0): AssignmentSession {
    const enc = encode(problem, minAffinity);
    return new AssignmentSession(enc, solveAuction(enc.net));
  }

  result(): AssignmentResult {
    return decode(this.enc, this.st);
  }

  /**
   * The reviewer declines the item (or declares a conflict): the pair is excluded for good and the
   * assignment re-optimised from the current prices; only pairs on the repair chains change. The new
   * assignment is an exact optimum of the modified instance (certified).
   */
  decline(item: string, reviewer: string): AssignmentChange {
    const p = this.enc.itemIndex.get(item);
    const r = this.enc.reviewerIndex.get(reviewer);
    if (p === undefined) throw new AssignmentInputError(`unknown item ${item}`, 'item');
    if (r === undefined) throw new AssignmentInputError(`unknown reviewer ${reviewer}`, 'reviewer');
    const { net } = this.enc;
    let edge = -1;
    for (let e = net.pOff[p]; e < net.pOff[p + 1]; e++) if (net.er[e] === r) edge = e;
    const before = this.st.held.slice();
    if (edge >= 0) engine(this.st).ban(edge);
    certify(this.st);
    const removed: AssignmentPair[] = [];
    const added: AssignmentPair[] = [];
    const pair = (e: number): AssignmentPair => {
      const c = this.enc.problem.candidates[net.src[e]];
      return { item: c.item, reviewer: c.reviewer, affinity: c.affinity };
    };
    const held = this.st.held;
    for (let g = 0; g < held.length; g++) {
      if (held[g] === before[g]) continue;
      if (before[g] >= 0) removed.push(pair(before[g]));
      if (held[g] >= 0) added.push(pair(held[g]));
    }
    return { removed, added, result: this.result() };
  }

  /** A conflict of interest declared after assignment: handled exactly like a decline. */
  declareConflict(item: string, reviewer: string): AssignmentChange {
    return this.decline(item, reviewer);
  }
}

export type { AuctionState, Network };
export { buildNetwork, certify, createState, solveAuction };
