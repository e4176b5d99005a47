// Reviews: the expert's queue, one item as its viewer may see it, saving a draft and submitting
// against the round's rubric (weighted total computed here), progress and reminders for the
// organizer, and moving the round from reviewing to consensus.

import type { Ctx } from '../../app/context.ts';
import { AppError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import { assertNotSanctioned } from '../integrity/integrity.service.ts';
import { itemExtras } from './consensus.service.ts';
import { type ItemAccess, itemAccess, NO_GUARD, organizerRound } from './review.access.ts';
import { presentAppeal, presentMine, presentReviews, releasedToApplicant } from './review.presenter.ts';
import * as repo from './review.repo.ts';
import {
  isOverdue,
  REVIEWING_STATES,
  readRubric,
  type ScoreSheet,
  sheetProblems,
  weightedTotal,
} from './review.ts';
import { nextRoundState, type RoundState } from './rounds.ts';

const isoOrNull = (d: Date | string | null | undefined) =>
  d === null || d === undefined ? null : new Date(d).toISOString();

function rubricOf(round: repo.RoundRow) {
  try {
    return readRubric(round.rubric);
  } catch (e) {
    throw new AppError('ILLEGAL_TRANSITION', t('review.rubricUnusable', { message: (e as Error).message }));
  }
}

const presentRound = (r: repo.RoundRow, now: Date) => ({
  id: r.id,
  titleZh: r.title_zh,
  titleEn: r.title_en,
  state: r.state,
  dueAt: r.due_at,
  overdue: now.getTime() > r.due_at.getTime(),
  rebuttalAllowed: r.rebuttal_allowed,
  reviewersPerItem: r.reviewers_per_item,
});

/** A page of the expert's assignments across rounds, soonest due first, with overdue marking. */
export async function queue(ctx: Ctx, f: Parameters<typeof repo.queueOf>[2]) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const { rows, total } = await repo.queueOf(ctx.db, actor.personId, f);
  const items = rows.map((r) => {
    const submitted = r.state === 'submitted';
    return {
      roundId: r.round_id,
      bidId: r.bid_id,
      pseudonym: r.pseudonym,
      roundTitleZh: r.round_title_zh,
      roundTitleEn: r.round_title_en,
      roundState: r.round_state,
      challengeTitleZh: r.challenge_title_zh,
      challengeTitleEn: r.challenge_title_en,
      applicantOrgZh: r.host_name_zh,
      applicantOrgEn: r.host_name_en,
      dueAt: r.due_at.toISOString(),
      reviewState: (submitted ? 'submitted' : r.review_state === 'draft' ? 'draft' : 'none') as
        | 'submitted'
        | 'draft'
        | 'none',
      savedAt: isoOrNull(r.saved_at),
      submittedAt: isoOrNull(r.submitted_at),
      // Overdue only means something while reviewing is open.
      overdue: r.round_state === 'reviewing' && isOverdue(r.due_at, submitted, now),
      lastRemindedAt: isoOrNull(r.last_reminded_at),
    };
  });
  return { items, total, page: f.page, pageSize: f.pageSize };
}

async function reviewsFor(ctx: Ctx, a: ItemAccess) {
  const rows = await repo.itemAssignments(ctx.db, a.round.id, a.bid.id);
  let names = new Map<string, { zh: string; en: string }>();
  if (a.role.kind === 'organizer') {
    const people = await challenges.personNames(
      ctx.db,
      rows.map((r) => r.expert_id),
    );
    names = new Map(people.map((p) => [p.id, { zh: p.name_zh, en: p.name_en }]));
  }
  const window = await repo.findWindow(ctx.db, a.round.id);
  const now = ctx.now();
  const released = releasedToApplicant(a.round.state, !!window && window.opens_at.getTime() <= now.getTime());
  const mine =
    a.role.kind === 'reviewer'
      ? rows.find((r) => r.id === (a.role as { assignment: { id: string } }).assignment.id)
      : undefined;
  return { rows, reviews: presentReviews(a.role, rows, { released, names }), released, mine };
}

/** One review item as the viewer may see it: the proposal, the rubric, reviews, consensus, rebuttal, appeals. */
export async function getItem(ctx: Ctx, roundId: string, bidId: string) {
  const a = await itemAccess(ctx.db, ctx.actor, roundId, bidId);
  const now = ctx.now();
  const { reviews, released, mine } = await reviewsFor(ctx, a);
  const host = await ctx.db
    .selectFrom('organisation')
    .select(['name_zh', 'name_en'])
    .where('id', '=', a.bid.host_org_id)
    .executeTakeFirstOrThrow();
  return {
    round: presentRound(a.round, now),
    viewer: a.role.kind,
    rubric: rubricOf(a.round),
    proposal: {
      bidId: a.bid.id,
      challengeTitleZh: a.challenge.title_zh,
      challengeTitleEn: a.challenge.title_en,
      applicantOrgZh: host.name_zh,
      applicantOrgEn: host.name_en,
      technicalRoute: a.bid.technical_route,
      budgetFen: a.bid.budget_fen,
      milestones: a.bid.milestones,
    },
    myReview: a.role.kind === 'reviewer' ? presentMine(mine) : null,
    reviews,
    reviewsReleased: a.role.kind === 'applicant' ? released : true,
    ...(await itemExtras(ctx, a)),
  };
}

/** The reviews of an item alone (same rules as in getItem). */
export async function listReviews(ctx: Ctx, roundId: string, bidId: string) {
  const a = await itemAccess(ctx.db, ctx.actor, roundId, bidId);
  return (await reviewsFor(ctx, a)).reviews;
}

export interface SheetInput {
  scores: Record<string, number>;
  confidence: number | null;
  commentApplicant: string;
  commentConfidential: string;
}

/** Save the reviewer's sheet as a draft, or submit it (complete, checked, sanction-free). */
export async function saveReview(
  ctx: Ctx,
  roundId: string,
  bidId: string,
  input: SheetInput,
  mode: 'draft' | 'submit',
) {
  const now = ctx.now();
  const actor = requireActor(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    // Saves and submissions of one review are exclusive: the round (shared: reviewers do not wait
    // for each other, a state change of the round waits for them) then this assignment, before
    // anything is read, so every check below sees the state the write will change.
    await repo.lockAssignmentOf(tx, roundId, bidId, actor.personId);
    const a = await itemAccess(tx, actor, roundId, bidId);
    if (a.role.kind !== 'reviewer') throw new AppError('FORBIDDEN', t('review.onlyAssignedReviewer'));
    const assignment = a.role.assignment;
    if (assignment.state === 'submitted')
      throw new AppError('ILLEGAL_TRANSITION', t('review.submittedLocked'));
    if (!REVIEWING_STATES.has(a.round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('review.roundClosedForReviews', { state: stateOf('round', a.round.state) }),
      );
    const rubric = rubricOf(a.round);
    const sheet: ScoreSheet = { ...input };
    const problems = sheetProblems(rubric, sheet, mode);
    if (problems.length)
      throw new AppError('VALIDATION', problems[0].message, problems[0].field, { problems });
    if (mode === 'submit')
      await assertNotSanctioned(
        tx,
        'review',
        [{ label: { zh: '评审专家', en: 'reviewer' }, personIds: [a.actor.personId], orgId: null }],
        now,
      );
    const total = weightedTotal(rubric, input.scores);
    await repo.upsertReview(tx, {
      assignmentId: assignment.id,
      scores: input.scores,
      total: Number.isFinite(total) ? total.toFixed(4) : null,
      confidence: input.confidence,
      commentApplicant: input.commentApplicant,
      commentConfidential: input.commentConfidential,
      state: mode === 'submit' ? 'submitted' : 'draft',
      now,
    });
    if (mode === 'submit') await repo.setAssignmentState(tx, assignment.id, 'submitted', now);
    await recordAudit(tx, a.actor, now, {
      action: mode === 'submit' ? 'review.submit' : 'review.save_draft',
      objectType: 'review_assignment',
      objectId: assignment.id,
      after: { scores: input.scores, total, confidence: input.confidence },
      detail: { roundId, bidId, late: mode === 'submit' && now.getTime() > a.round.due_at.getTime() },
    });
  });
  return getItem(ctx, roundId, bidId);
}

/** Every assignment of the round with its review state and overdue marking (organizer). */
export async function progress(ctx: Ctx, roundId: string) {
  const { round } = await organizerRound(ctx.db, ctx.actor, roundId);
  const now = ctx.now();
  const rows = await repo.roundAssignments(ctx.db, roundId);
  const bids = await repo.roundBids(ctx.db, roundId);
  const consensus = new Map((await repo.roundConsensus(ctx.db, roundId)).map((c) => [c.bid_id, c.state]));
  const appeals = await repo.roundAppeals(ctx.db, roundId);
  return {
    round: presentRound(round, now),
    items: bids.map((b) => ({
      bidId: b.id,
      applicantOrgZh: b.name_zh,
      applicantOrgEn: b.name_en,
      budgetFen: b.budget_fen,
      consensusState: consensus.get(b.id) ?? 'none',
      assignments: rows
        .filter((r) => r.bid_id === b.id)
        .map((r) => ({
          assignmentId: r.id,
          pseudonym: r.pseudonym,
          expertId: r.expert_id,
          expertNameZh: r.name_zh,
          expertNameEn: r.name_en,
          state: r.state,
          reviewState: r.review_state ?? 'none',
          total: r.total === null ? null : Number(r.total),
          overdue:
            round.state === 'reviewing' && r.state === 'assigned' && isOverdue(round.due_at, false, now),
          reminders: Number(r.reminders ?? 0),
          lastRemindedAt: r.last_reminded_at ?? null,
        })),
    })),
    appeals: appeals.map(presentAppeal),
  };
}

/** Remind every reviewer whose review is overdue; records one reminder per assignment and lists them. */
export async function remindOverdue(ctx: Ctx, roundId: string) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { actor, round } = await organizerRound(tx, ctx.actor, roundId, true);
    if (!REVIEWING_STATES.has(round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('review.roundNotReviewing', { state: stateOf('round', round.state) }),
      );
    const rows = await repo.roundAssignments(tx, roundId);
    const overdue = rows.filter((r) => r.state === 'assigned' && isOverdue(round.due_at, false, now));
    await repo.insertReminders(
      tx,
      roundId,
      overdue.map((r) => r.id),
      actor.personId,
      now,
    );
    await recordAudit(tx, actor, now, {
      action: 'review.remind',
      objectType: 'review_round',
      objectId: roundId,
      after: { assignments: overdue.map((r) => r.id) },
      detail: { count: overdue.length },
    });
    return {
      sentAt: now,
      reminded: overdue.map((r) => ({
        assignmentId: r.id,
        bidId: r.bid_id,
        pseudonym: r.pseudonym,
        expertId: r.expert_id,
        expertNameZh: r.name_zh,
        expertNameEn: r.name_en,
      })),
    };
  });
}

/** The organizer closes reviewing and opens the consensus phase (reviewing → consensus). */
export async function openConsensus(ctx: Ctx, roundId: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { actor, round } = await organizerRound(tx, ctx.actor, roundId, true);
    const d = nextRoundState(round.state as RoundState, 'to_consensus', new Set(['organizer']), NO_GUARD);
    if (!d.ok) throw new AppError(d.code, d.reason);
    await repo.setRoundState(tx, roundId, d.to);
    await recordAudit(tx, actor, now, {
      action: 'review.round_consensus',
      objectType: 'review_round',
      objectId: roundId,
      before: { state: round.state },
      after: { state: 'consensus' },
    });
  });
  return progress(ctx, roundId);
}

/** Review items of the bids the actor leads or belongs to, for the applicant's view. */
export async function applicantItems(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const rows = await repo.applicantItems(ctx.db, actor.personId);
  return rows.map((r) => ({
    roundId: r.round_id,
    bidId: r.bid_id,
    roundTitleZh: r.title_zh,
    roundTitleEn: r.title_en,
    roundState: r.state,
    challengeTitleZh: r.challenge_title_zh,
    challengeTitleEn: r.challenge_title_en,
  }));
}

/** The organizer closes a ranked round (ranked → closed); nothing of it changes afterwards. */
export async function closeRound(ctx: Ctx, roundId: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { actor, round } = await organizerRound(tx, ctx.actor, roundId, true);
    const pending = (await repo.roundAppeals(tx, roundId)).filter((p) => p.state === 'pending');
    if (pending.length)
      throw new AppError('ILLEGAL_TRANSITION', t('review.appealsPending', { length: pending.length }));
    const d = nextRoundState(round.state as RoundState, 'close', new Set(['organizer']), NO_GUARD);
    if (!d.ok) throw new AppError(d.code, d.reason);
    await repo.setRoundState(tx, roundId, d.to);
    await recordAudit(tx, actor, now, {
      action: 'review.round_close',
      objectType: 'review_round',
      objectId: roundId,
      before: { state: round.state },
      after: { state: d.to },
    });
  });
  return progress(ctx, roundId);
}
