// The two evaluations of a challenge's bids behind the one interface of selection.ts: the expert
// review's latest calibrated ranking decision, and the organizer's scores standing in until then.
import type { Ctx, Tx } from '../../app/context.ts';
import * as repo from './challenges.repo.ts';
import {
  type BidEvaluation,
  type BidEvaluator,
  type EvaluatedBid,
  evaluateBids,
  fromRankingDecision,
  type RankingOutcomeRow,
  rankByOrganizerScores,
} from './selection.ts';

type Q = Tx | Ctx['db'];

/** The latest ranking decision of a review round on the challenge; null when none has been made. */
export const expertRanking: BidEvaluator<Q> = {
  source: 'expert_ranking',
  async evaluate(q, challengeId, bids) {
    const d = await repo.latestSelectionDecision(q, challengeId);
    if (!d) return null;
    const outcome = d.outcome as unknown as { rows: RankingOutcomeRow[] };
    return {
      source: 'expert_ranking',
      rows: fromRankingDecision(bids, outcome.rows),
      decision: {
        roundId: d.round_id,
        version: d.version,
        inputsSha256: d.inputs_sha256,
        decidedAt: d.decided_at.toISOString(),
      },
    };
  },
};

/** The organizer's scores (scoreBid, kind 'organizer'), averaged per bid. */
export const organizerScoring: BidEvaluator<Q> = {
  source: 'organizer',
  async evaluate(q, _challengeId, bids) {
    const scores = await repo.scoresOf(
      q,
      bids.map((b) => b.id),
    );
    return {
      source: 'organizer',
      rows: rankByOrganizerScores(
        bids,
        scores
          .filter((s) => s.kind === 'organizer')
          .map((s) => ({ bidId: s.bid_id, score: Number(s.score) })),
      ),
      decision: null,
    };
  },
};

/** The expert ranking when a round has ranked the bids, else the organizer's scores. */
export const evaluationOf = (q: Q, challengeId: string, bids: EvaluatedBid[]): Promise<BidEvaluation> =>
  evaluateBids([expertRanking, organizerScoring], q, challengeId, bids).then((e) => e!);
