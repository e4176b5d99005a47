// Selection behind one interface: the bids of a challenge are evaluated either by the expert
// review (the latest calibrated ranking decision of a review round on the challenge) or, until a
// round has ranked them, by the organizer's own scores. Both give the same shape, so the bids view
// and selection never ask where the ranking came from. Pure: rows in, an evaluation out.

export type EvaluationSource = 'expert_ranking' | 'organizer';

export interface BidScore {
  bidId: string;
  /** The calibrated score (experts) or the mean organizer score; null when nobody scored it. */
  score: number | null;
  /** 1 = best; equal scores share a rank (1, 1, 3); null when unscored. */
  rank: number | null;
  /** The calibrated score's standard error (experts only). */
  standardError: number | null;
  /** How many scores (reviews) it rests on. */
  count: number;
}

/** Per-bid scores, a ranking (best first, unscored last) and where they came from. */
export interface BidEvaluation {
  source: EvaluationSource;
  rows: BidScore[];
  /** The ranking decision behind an expert evaluation. */
  decision: { roundId: string; version: number; inputsSha256: string; decidedAt: string } | null;
}

/** A way to evaluate a challenge's bids; null when it has nothing to say yet. */
export interface BidEvaluator<Q> {
  readonly source: EvaluationSource;
  evaluate(q: Q, challengeId: string, bids: EvaluatedBid[]): Promise<BidEvaluation | null>;
}

export interface EvaluatedBid {
  id: string;
  submittedAt: Date | null;
}

/** The first evaluator with something to say (experts before the organizer's stand-in scores). */
export async function evaluateBids<Q>(
  evaluators: readonly BidEvaluator<Q>[],
  q: Q,
  challengeId: string,
  bids: EvaluatedBid[],
): Promise<BidEvaluation | null> {
  for (const e of evaluators) {
    const r = await e.evaluate(q, challengeId, bids);
    if (r) return r;
  }
  return null;
}

/**
 * Rank bids by the mean of their organizer scores: higher first; equal means share a rank and are
 * listed by submission time, then id; unscored bids come last without a rank.
 */
export function rankByOrganizerScores(
  bids: EvaluatedBid[],
  scores: { bidId: string; score: number }[],
): BidScore[] {
  const byBid = new Map<string, number[]>();
  for (const s of scores) byBid.set(s.bidId, [...(byBid.get(s.bidId) ?? []), s.score]);
  const rows = bids.map((b) => {
    const xs = byBid.get(b.id) ?? [];
    return {
      bid: b,
      row: {
        bidId: b.id,
        score: xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null,
        rank: null as number | null,
        standardError: null,
        count: xs.length,
      },
    };
  });
  const at = (b: EvaluatedBid) => b.submittedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  rows.sort((x, y) => {
    const sx = x.row.score;
    const sy = y.row.score;
    if (sx === null || sy === null) {
      if (sx !== sy) return sx === null ? 1 : -1;
    } else if (sx !== sy) return sy - sx;
    return at(x.bid) - at(y.bid) || (x.bid.id < y.bid.id ? -1 : x.bid.id > y.bid.id ? 1 : 0);
  });
  rows.forEach((r, i) => {
    if (r.row.score === null) return;
    const prev = rows[i - 1]?.row;
    r.row.rank = prev && prev.score === r.row.score ? prev.rank : i + 1;
  });
  return rows.map((r) => r.row);
}

/** What the expert evaluation reads from a stored ranking decision's outcome. */
export interface RankingOutcomeRow {
  bidId: string;
  position: number | null;
  calibrated: number | null;
  standardError: number | null;
  reviewCount: number;
}

/**
 * A calibrated ranking decision as a bid evaluation: its positions are the ranks; bids the round
 * did not cover are listed last without a rank.
 */
export function fromRankingDecision(bids: EvaluatedBid[], rows: RankingOutcomeRow[]): BidScore[] {
  const byBid = new Map(rows.map((r) => [r.bidId, r]));
  const covered = rows
    .filter((r) => bids.some((b) => b.id === r.bidId))
    .sort((a, b) => (a.position ?? Number.POSITIVE_INFINITY) - (b.position ?? Number.POSITIVE_INFINITY));
  const rest = bids.filter((b) => !byBid.has(b.id));
  return [
    ...covered.map((r) => ({
      bidId: r.bidId,
      score: r.calibrated,
      rank: r.position,
      standardError: r.standardError,
      count: r.reviewCount,
    })),
    ...rest.map((b) => ({ bidId: b.id, score: null, rank: null, standardError: null, count: 0 })),
  ];
}
