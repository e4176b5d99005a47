// Pure rules of the round's ranking: order by calibrated score, break ties by the round's declared
// rule, draw the funding line by budget. Deterministic and independent of input order, so a stored
// decision's inputs reproduce its outcome exactly.
import { calibrate, nihPercentiles } from '../../core/calibration/index.ts';

export interface RankInput {
  bidId: string;
  /** Calibrated score (higher = better); NaN when the item has no submitted review. */
  calibrated: number;
  rawMean: number;
  /** Mean reviewer confidence 1..5 (NaN without reviews). */
  meanConfidence: number;
  budgetFen: number;
  /** Bid submission time in ms since the epoch. */
  submittedAt: number;
}

export const TIE_BREAK_RULES = [
  'confidence',
  'raw_mean',
  'lower_budget',
  'earlier_submission',
  'lot',
] as const;
export type TieBreakRule = (typeof TIE_BREAK_RULES)[number];

export interface RankedRow {
  bidId: string;
  /** 1-based position after tie-breaking; null for items without reviews (listed last). */
  position: number | null;
  /** How many other items share this item's calibrated score at the shown precision. */
  tiedWith: number;
  /** The rule that placed this item below its predecessor when their scores tied, else null. */
  decidedBy: TieBreakRule | null;
  funded: boolean;
  /** Sum of budgets from the top down to this item, when funded. */
  cumulativeFen: number | null;
}

export interface RankingOutcome {
  rows: RankedRow[];
  fundedCount: number;
  fundedTotalFen: number;
  budgetFen: number;
  /** Position of the last funded item (the funding line lies just below it); 0 when none fits. */
  lineAfter: number;
}

/**
 * Parse the round's declared tie-break, e.g. 'confidence' or 'lower_budget,earlier_submission'.
 * A seeded lot always closes the chain so that the order is total.
 */
export function parseTieBreak(declared: string): TieBreakRule[] {
  const rules = declared
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const r of rules)
    if (!(TIE_BREAK_RULES as readonly string[]).includes(r)) throw new Error(`unknown tie-break rule: ${r}`);
  const chain = [...new Set(rules)] as TieBreakRule[];
  if (!chain.includes('lot')) chain.push('lot');
  return chain;
}

/** Scores tie when they agree at the two decimals shown to the panel. */
export const scoreKey = (x: number) => Math.round(x * 100);

/** FNV-1a 32-bit: the seeded lot, reproducible from the seed (the round id) and the bid id. */
export function lotTicket(seed: string, bidId: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}:${bidId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

function compareBy(rule: TieBreakRule, a: RankInput, b: RankInput, seed: string): number {
  const desc = (x: number, y: number) => (Number.isNaN(x) ? 1 : 0) - (Number.isNaN(y) ? 1 : 0) || y - x || 0;
  switch (rule) {
    case 'confidence':
      return desc(a.meanConfidence, b.meanConfidence);
    case 'raw_mean':
      return desc(a.rawMean, b.rawMean);
    case 'lower_budget':
      return a.budgetFen - b.budgetFen;
    case 'earlier_submission':
      return a.submittedAt - b.submittedAt;
    case 'lot':
      return lotTicket(seed, a.bidId) - lotTicket(seed, b.bidId);
  }
}

/**
 * Rank and draw the funding line. Order: calibrated score (two decimals) descending, then each
 * declared tie-break rule in turn, then the seeded lot, then the bid id (only if two lot tickets
 * collide). Funding walks down that order and stops at the first item whose budget no longer
 * fits: nobody below the line is funded ahead of someone above it, even if cheaper.
 */
export function rankAndFund(
  inputs: RankInput[],
  budgetFen: number,
  tieBreak: TieBreakRule[],
  seed: string,
): RankingOutcome {
  const reviewed = inputs.filter((x) => Number.isFinite(x.calibrated));
  const unreviewed = inputs
    .filter((x) => !Number.isFinite(x.calibrated))
    .sort((a, b) => (a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0));
  const decide = (a: RankInput, b: RankInput): [number, TieBreakRule | null] => {
    const primary = scoreKey(b.calibrated) - scoreKey(a.calibrated);
    if (primary !== 0) return [primary, null];
    for (const rule of tieBreak) {
      const c = compareBy(rule, a, b, seed);
      if (c !== 0) return [c, rule];
    }
    return [a.bidId < b.bidId ? -1 : a.bidId > b.bidId ? 1 : 0, 'lot'];
  };
  reviewed.sort((a, b) => decide(a, b)[0]);
  const counts = new Map<number, number>();
  for (const x of reviewed) counts.set(scoreKey(x.calibrated), (counts.get(scoreKey(x.calibrated)) ?? 0) + 1);

  const rows: RankedRow[] = [];
  let cumulative = 0;
  let open = true;
  let lineAfter = 0;
  reviewed.forEach((x, i) => {
    const fits = open && cumulative + x.budgetFen <= budgetFen;
    if (fits) {
      cumulative += x.budgetFen;
      lineAfter = i + 1;
    } else open = false;
    rows.push({
      bidId: x.bidId,
      position: i + 1,
      tiedWith: (counts.get(scoreKey(x.calibrated)) ?? 1) - 1,
      decidedBy: i > 0 ? decide(reviewed[i - 1], x)[1] : null,
      funded: fits,
      cumulativeFen: fits ? cumulative : null,
    });
  });
  for (const x of unreviewed)
    rows.push({
      bidId: x.bidId,
      position: null,
      tiedWith: 0,
      decidedBy: null,
      funded: false,
      cumulativeFen: null,
    });
  return { rows, fundedCount: lineAfter, fundedTotalFen: cumulative, budgetFen, lineAfter };
}

// ── the whole decision: calibration + percentiles + funding line, from stored inputs ──

/** Everything a ranking decision depends on, stored with it so that it can be recomputed. */
export interface RankingInputs {
  seed: string;
  budgetFen: number;
  tieBreak: string;
  calibration: { biasShrinkage: number; itemShrinkage: number };
  /** Items sorted by bid id. */
  items: { bidId: string; budgetFen: number; submittedAt: number }[];
  reviewerCount: number;
  /** Submitted reviews: item and reviewer indices, weighted total (0–100), confidence 1..5. */
  reviews: { item: number; reviewer: number; total: number; confidence: number }[];
}

export interface RankingRow extends RankedRow {
  reviewCount: number;
  rawMean: number | null;
  rawRank: number | null;
  calibrated: number | null;
  standardError: number | null;
  calibratedRank: number | null;
  /** NIH-style percentile within the round (1 = best), from the calibrated scores. */
  percentile: number | null;
  meanConfidence: number | null;
}

export interface RankingRecord {
  rows: RankingRow[];
  /** Estimated severity per reviewer index (positive = lenient). */
  bias: (number | null)[];
  fundedCount: number;
  fundedTotalFen: number;
  budgetFen: number;
  lineAfter: number;
  noiseSd: number | null;
  converged: boolean;
  tieBreak: TieBreakRule[];
}

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Compute a ranking decision from its inputs: pure and deterministic (JSON in, JSON out). */
export function computeRanking(inp: RankingInputs): RankingRecord {
  const tieBreak = parseTieBreak(inp.tieBreak);
  const n = inp.items.length;
  const cal = calibrate(
    {
      itemCount: n,
      reviewerCount: inp.reviewerCount,
      item: inp.reviews.map((r) => r.item),
      reviewer: inp.reviews.map((r) => r.reviewer),
      score: inp.reviews.map((r) => r.total),
    },
    { ...inp.calibration, higherIsBetter: true },
  );
  const pct = nihPercentiles(cal.quality, { higherIsBetter: true });
  const confSum = new Float64Array(n);
  for (const r of inp.reviews) confSum[r.item] += r.confidence;
  const meanConf = (i: number) => (cal.reviewCount[i] ? confSum[i] / cal.reviewCount[i] : Number.NaN);
  const outcome = rankAndFund(
    inp.items.map((it, i) => ({
      bidId: it.bidId,
      calibrated: cal.reviewCount[i] ? cal.quality[i] : Number.NaN,
      rawMean: cal.rawMean[i],
      meanConfidence: meanConf(i),
      budgetFen: it.budgetFen,
      submittedAt: it.submittedAt,
    })),
    inp.budgetFen,
    tieBreak,
    inp.seed,
  );
  const index = new Map(inp.items.map((it, i) => [it.bidId, i]));
  const rows = outcome.rows.map((row): RankingRow => {
    const i = index.get(row.bidId)!;
    const has = cal.reviewCount[i] > 0;
    return {
      ...row,
      reviewCount: cal.reviewCount[i],
      rawMean: has ? finite(cal.rawMean[i]) : null,
      rawRank: has ? finite(cal.rawRank[i]) : null,
      calibrated: has ? finite(cal.quality[i]) : null,
      standardError: has ? finite(cal.standardError[i]) : null,
      calibratedRank: has ? finite(cal.calibratedRank[i]) : null,
      percentile: has ? finite(pct.rounded[i]) : null,
      meanConfidence: has ? finite(meanConf(i)) : null,
    };
  });
  return {
    rows,
    bias: Array.from(cal.bias, (b, r) => (cal.reviewerReviewCount[r] ? finite(b) : null)),
    fundedCount: outcome.fundedCount,
    fundedTotalFen: outcome.fundedTotalFen,
    budgetFen: outcome.budgetFen,
    lineAfter: outcome.lineAfter,
    noiseSd: finite(cal.noiseSd),
    converged: cal.converged,
    tieBreak,
  };
}
