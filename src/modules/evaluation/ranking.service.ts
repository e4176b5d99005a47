// The round's ranking: the organizer computes it from the submitted reviews (calibrated scores with
// uncertainty, raw vs calibrated ranks, percentiles, the funding line by budget, ties by the declared
// rule) and it is stored with its inputs, their digest and the outcome, audited; recomputing from
// the stored inputs gives the same outcome. Applicants see their own row only.

import type { Ctx } from '../../app/context.ts';
import { canonicalJson, stateDigest } from '../../core/audit/chain.ts';
import { AppError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import { computeRanking, parseTieBreak, type RankingInputs, type RankingRecord } from './ranking.ts';
import { NO_GUARD, organizes } from './review.access.ts';
import * as repo from './review.repo.ts';
import { RANKING_STATES } from './review.ts';
import { nextRoundState, type RoundState } from './rounds.ts';

export const CALIBRATION = { biasShrinkage: 2, itemShrinkage: 0 };

/** Compute and store a new ranking decision (organizer); the round becomes 'ranked'. */
export async function computeDecision(ctx: Ctx, roundId: string) {
  const now = ctx.now();
  const actor = requireActor(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const round = await repo.lockRound(tx, roundId);
    if (!round) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
    const challenge = (await challenges.findChallenge(tx, round.challenge_id))!;
    if (!organizes(actor, challenge)) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
    if (!RANKING_STATES.has(round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('ranking.roundNotRankable', { state: stateOf('round', round.state) }),
      );
    try {
      parseTieBreak(round.tie_break);
    } catch (e) {
      throw new AppError('ILLEGAL_TRANSITION', t('round.tieBreakInvalid', { detail: (e as Error).message }));
    }
    const bids = await repo.roundBids(tx, roundId);
    const reviews = await repo.submittedReviews(tx, roundId);
    if (reviews.length === 0) throw new AppError('ILLEGAL_TRANSITION', t('ranking.noReviewSubmitted'));
    const itemIndex = new Map(bids.map((b, i) => [b.id, i]));
    const reviewers = [...new Set(reviews.map((r) => r.expert_id))].sort();
    const reviewerIndex = new Map(reviewers.map((r, i) => [r, i]));
    const inputs: RankingInputs = {
      seed: roundId,
      budgetFen: round.budget_fen,
      tieBreak: round.tie_break,
      calibration: CALIBRATION,
      items: bids.map((b) => ({
        bidId: b.id,
        budgetFen: b.budget_fen,
        submittedAt: b.submitted_at?.getTime() ?? 0,
      })),
      reviewerCount: reviewers.length,
      reviews: reviews.map((r) => ({
        item: itemIndex.get(r.bid_id)!,
        reviewer: reviewerIndex.get(r.expert_id)!,
        total: Number(r.total),
        confidence: r.confidence ?? 0,
      })),
    };
    const outcome = computeRanking(inputs);
    const sha = stateDigest(inputs)!;
    const previous = await repo.latestDecision(tx, roundId);
    const version = (previous?.version ?? 0) + 1;
    // Reviewer identities stay beside the inputs, readable by the organizer only.
    const stored = await repo.insertDecision(tx, {
      roundId,
      version,
      inputs: { ...inputs, reviewerIds: reviewers },
      outcome,
      sha,
      by: actor.personId,
      now,
    });
    // First ranking: consensus → ranked by the round machine; later ones are new versions.
    if (round.state !== 'ranked') {
      const d = nextRoundState(round.state as RoundState, 'rank', new Set(['organizer']), NO_GUARD);
      if (!d.ok) throw new AppError(d.code, d.reason);
      await repo.setRoundState(tx, roundId, d.to);
    }
    await recordAudit(tx, actor, now, {
      action: 'ranking.compute',
      objectType: 'ranking_decision',
      objectId: stored.id,
      after: outcome,
      detail: {
        roundId,
        version,
        inputsSha256: sha,
        fundedCount: outcome.fundedCount,
        fundedTotalFen: outcome.fundedTotalFen,
      },
    });
  });
  return getRanking(ctx, roundId);
}

/** The latest ranking decision: in full for the organizer, the own bids' rows for applicants. */
export async function getRanking(ctx: Ctx, roundId: string) {
  const actor = requireActor(ctx.actor);
  const round = await repo.findRound(ctx.db, roundId);
  if (!round) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
  const challenge = (await challenges.findChallenge(ctx.db, round.challenge_id))!;
  const decision = await repo.latestDecision(ctx.db, roundId);
  const bids = await repo.roundBids(ctx.db, roundId);
  if (organizes(actor, challenge)) {
    if (!decision) return { round: presentRoundBrief(round), decision: null };
    const outcome = decision.outcome as unknown as RankingRecord;
    const inputs = decision.inputs as unknown as RankingInputs & { reviewerIds: string[] };
    const names = new Map((await challenges.personNames(ctx.db, inputs.reviewerIds)).map((p) => [p.id, p]));
    const org = new Map(bids.map((b) => [b.id, { zh: b.name_zh, en: b.name_en }]));
    return {
      round: presentRoundBrief(round),
      decision: {
        id: decision.id,
        version: decision.version,
        decidedAt: decision.decided_at,
        inputsSha256: decision.inputs_sha256,
        budgetFen: outcome.budgetFen,
        fundedCount: outcome.fundedCount,
        fundedTotalFen: outcome.fundedTotalFen,
        lineAfter: outcome.lineAfter,
        tieBreak: outcome.tieBreak,
        noiseSd: outcome.noiseSd,
        converged: outcome.converged,
        rows: outcome.rows.map((r) => ({
          ...r,
          applicantOrgZh: org.get(r.bidId)?.zh ?? '',
          applicantOrgEn: org.get(r.bidId)?.en ?? '',
        })),
        reviewers: inputs.reviewerIds.map((id, i) => ({
          expertId: id,
          nameZh: names.get(id)?.name_zh ?? '',
          nameEn: names.get(id)?.name_en ?? '',
          bias: outcome.bias[i],
          reviews: inputs.reviews.filter((r) => r.reviewer === i).length,
        })),
      },
    };
  }
  const mine: string[] = [];
  for (const b of bids)
    if (await repo.isApplicant(ctx.db, b.id, b.commander_id, actor.personId)) mine.push(b.id);
  // Rounds still being set up are the organizer's only (as for the items, review.ts itemRole).
  if (!mine.length || round.state === 'draft' || round.state === 'assigning')
    throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
  if (!decision) return { round: presentRoundBrief(round), decision: null };
  const outcome = decision.outcome as unknown as RankingRecord;
  const ranked = outcome.rows.filter((r) => r.position !== null).length;
  return {
    round: presentRoundBrief(round),
    decision: {
      version: decision.version,
      decidedAt: decision.decided_at,
      ranked,
      rows: outcome.rows
        .filter((r) => mine.includes(r.bidId))
        .map((r) => ({
          bidId: r.bidId,
          position: r.position,
          percentile: r.percentile,
          calibrated: r.calibrated,
          standardError: r.standardError,
          rawMean: r.rawMean,
          funded: r.funded,
        })),
    },
  };
}

const presentRoundBrief = (r: repo.RoundRow) => ({
  id: r.id,
  titleZh: r.title_zh,
  titleEn: r.title_en,
  state: r.state,
  budgetFen: r.budget_fen,
  tieBreak: r.tie_break,
});

/** Recompute a stored decision from its inputs and say whether the outcome is reproduced. */
export async function verifyDecision(ctx: Ctx, roundId: string) {
  const actor = requireActor(ctx.actor);
  const round = await repo.findRound(ctx.db, roundId);
  if (!round) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
  const challenge = (await challenges.findChallenge(ctx.db, round.challenge_id))!;
  if (!organizes(actor, challenge)) throw new AppError('NOT_FOUND', t('notFound.reviewRound'));
  const decision = await repo.latestDecision(ctx.db, roundId);
  if (!decision) throw new AppError('NOT_FOUND', t('ranking.noDecision'));
  const { reviewerIds: _ids, ...inputs } = decision.inputs as unknown as RankingInputs & {
    reviewerIds: string[];
  };
  // jsonb reorders object keys, so both sides are compared as canonical JSON.
  const again = JSON.parse(JSON.stringify(computeRanking(inputs)));
  return {
    version: decision.version,
    inputsSha256Matches: stateDigest(inputs) === decision.inputs_sha256,
    outcomeReproduced: canonicalJson(again) === canonicalJson(decision.outcome),
  };
}
