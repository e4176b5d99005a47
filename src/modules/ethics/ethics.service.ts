// Ethics review: committees of at least seven, reviews opened by the organizer for bids that
// declare ethics categories, votes by members who are not on the team, a decision at quorum
// within the committee's deadline, and no award without approval (see challenges award()).

import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { challengeRelations, requireActor } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import { assertNotSanctioned } from '../integrity/integrity.service.ts';
import { ethicsVoteNotice } from '../notifications/events.ts';
import {
  daysOverdue,
  decisionDue,
  ethicsDecision,
  extensionRefusal,
  MAX_DECISION_DAYS,
  type Procedure,
  type Vote,
} from './ethics.ts';

export async function createCommittee(
  ctx: Ctx,
  input: {
    orgId: string;
    name: string;
    members: string[];
    minMembers: number;
    quorum: number;
    decisionDays: number;
  },
) {
  const actor = requireActor(ctx.actor);
  if (
    !isPlatformAdmin(actor) &&
    !hasRole(actor, 'admin', input.orgId) &&
    !hasRole(actor, 'organizer', input.orgId)
  ) {
    throw new AppError('FORBIDDEN', t('ethics.onlyAdminsSetUp'), 'orgId');
  }
  const members = [...new Set(input.members)];
  if (members.length < input.minMembers) {
    throw new AppError('VALIDATION', t('ethics.tooFewMembers', { minMembers: input.minMembers }), 'members');
  }
  if (input.quorum > members.length)
    throw new AppError('VALIDATION', t('ethics.quorumOverMembers'), 'quorum');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const found = await tx.selectFrom('person').select('id').where('id', 'in', members).execute();
    if (found.length !== members.length)
      throw new AppError('VALIDATION', t('ethics.unregisteredPerson'), 'members');
    const c = await tx
      .insertInto('ethics_committee')
      .values({
        org_id: input.orgId,
        name: input.name,
        min_members: input.minMembers,
        quorum: input.quorum,
        decision_days: input.decisionDays,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('ethics_committee_member')
      .values(members.map((m) => ({ committee_id: c.id, person_id: m })))
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'ethics.committee_create',
      objectType: 'ethics_committee',
      objectId: c.id,
      after: input,
    });
    return {
      id: c.id,
      orgId: c.org_id,
      name: c.name,
      members,
      minMembers: c.min_members,
      quorum: c.quorum,
      decisionDays: c.decision_days,
    };
  });
}

/**
 * The organizer of the bid's challenge sends a bid that declared ethics categories to a committee,
 * which accepts it now: the decision is due within the committee's days (30 at most), or within 72
 * hours under the emergency procedure, whose reason is recorded.
 */
export async function openReview(
  ctx: Ctx,
  bidId: string,
  committeeId: string,
  opts: { procedure: Procedure; emergencyReason: string } = { procedure: 'standard', emergencyReason: '' },
) {
  const actor = requireActor(ctx.actor);
  if (opts.procedure === 'emergency' && !opts.emergencyReason.trim())
    throw new AppError('VALIDATION', t('ethics.emergencyReason'), 'emergencyReason');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const b = await challenges.lockBid(tx, bidId);
    if (!b) throw notFound(t('notFound.bid'));
    const c = (await challenges.findChallenge(tx, b.challenge_id))!;
    if (!challengeRelations(actor, c).has('organizer')) throw notFound(t('notFound.bid'));
    if (!b.ethics_categories.length) throw new AppError('VALIDATION', t('ethics.noCategories'), 'bidId');
    if (!['submitted', 'selected'].includes(b.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('ethics.bidNotReviewed', { state: stateOf('bid', b.state) }),
      );
    const committee = await tx
      .selectFrom('ethics_committee')
      .selectAll()
      .where('id', '=', committeeId)
      .executeTakeFirst();
    if (!committee) throw new AppError('VALIDATION', t('ethics.noSuchCommittee'), 'committeeId');
    const size = await tx
      .selectFrom('ethics_committee_member')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('committee_id', '=', committeeId)
      .executeTakeFirstOrThrow();
    if (Number(size.n) < committee.min_members)
      throw new AppError(
        'VALIDATION',
        t('ethics.committeeTooSmall', { minMembers: committee.min_members }),
        'committeeId',
      );
    if (await challenges.ethicsReviewOf(tx, bidId))
      throw new AppError('DUPLICATE', t('ethics.reviewExists'), 'bidId');
    const r = await tx
      .insertInto('ethics_review')
      .values({
        bid_id: bidId,
        committee_id: committeeId,
        categories: b.ethics_categories,
        state: 'open',
        opened_at: now,
        due_at: decisionDue(now, opts.procedure, committee.decision_days),
        procedure: opts.procedure,
        emergency_reason: opts.procedure === 'emergency' ? opts.emergencyReason.trim() : '',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await ethicsVoteNotice(tx, now, r.id);
    await recordAudit(tx, actor, now, {
      action: 'ethics.review_open',
      objectType: 'ethics_review',
      objectId: r.id,
      after: {
        bidId,
        committeeId,
        categories: b.ethics_categories,
        procedure: opts.procedure,
        dueAt: r.due_at.toISOString(),
        ...(opts.procedure === 'emergency' ? { emergencyReason: r.emergency_reason } : {}),
      },
    });
    return getReviewTx(tx, ctx, r.id);
  });
}

/** The review, locked for this transaction; not found is a 404. */
async function lockReview(tx: Tx, reviewId: string) {
  const r = await tx
    .selectFrom('ethics_review')
    .selectAll()
    .where('id', '=', reviewId)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw notFound(t('notFound.ethicsReview'));
  return r;
}

/** A committee member votes; at quorum the decision is made. Team members of the bid may not vote. */
export async function vote(ctx: Ctx, reviewId: string, v: { vote: Vote; comment: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await lockReview(tx, reviewId);
    const member = await tx
      .selectFrom('ethics_committee_member')
      .select('person_id')
      .where('committee_id', '=', r.committee_id)
      .where('person_id', '=', actor.personId)
      .executeTakeFirst();
    if (!member) throw forbidden(t('ethics.onlyMembersVote'));
    const b = (await challenges.findBid(tx, r.bid_id))!;
    const team = [b.commander_id, ...(await challenges.membersOf(tx, b.id)).map((m) => m.person_id)];
    if (team.includes(actor.personId)) throw new AppError('FORBIDDEN', t('ethics.onTeamAbstain'));
    if (r.state !== 'open')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('ethics.reviewAlready', { state: stateOf('ethicsReview', r.state) }),
      );
    await assertNotSanctioned(
      tx,
      'review',
      [{ label: { zh: '您', en: 'you' }, personIds: [actor.personId], orgId: null }],
      now,
    );
    if (v.vote === 'conditions' && !v.comment)
      throw new AppError('VALIDATION', t('ethics.stateConditions'), 'comment');
    await tx
      .insertInto('ethics_vote')
      .values({ review_id: reviewId, member_id: actor.personId, vote: v.vote, comment: v.comment, at: now })
      .onConflict((oc) =>
        oc.columns(['review_id', 'member_id']).doUpdateSet({ vote: v.vote, comment: v.comment, at: now }),
      )
      .execute();
    const votes = await tx
      .selectFrom('ethics_vote')
      .select(['vote', 'comment'])
      .where('review_id', '=', reviewId)
      .execute();
    const committee = await tx
      .selectFrom('ethics_committee')
      .select('quorum')
      .where('id', '=', r.committee_id)
      .executeTakeFirstOrThrow();
    const decision = ethicsDecision(
      votes.map((x) => x.vote as Vote),
      committee.quorum,
    );
    if (decision) {
      const conditions = votes
        .filter((x) => x.vote === 'conditions')
        .map((x) => x.comment)
        .join('\n');
      await tx
        .updateTable('ethics_review')
        .set({ state: decision, conditions, decided_at: now })
        .where('id', '=', reviewId)
        .execute();
    }
    await recordAudit(tx, actor, now, {
      action: 'ethics.vote',
      objectType: 'ethics_review',
      objectId: reviewId,
      after: { vote: v.vote },
      detail: decision ? { decision } : {},
    });
    return getReviewTx(tx, ctx, reviewId);
  });
}

/** Whether the actor speaks for the committee on procedure: a member, or its organisation's admin or organizer. */
async function committeeOffice(q: Ctx['db'], actor: Actor | null, committeeId: string) {
  if (!actor) return false;
  const c = await q
    .selectFrom('ethics_committee')
    .select('org_id')
    .where('id', '=', committeeId)
    .executeTakeFirstOrThrow();
  if (hasRole(actor, 'admin', c.org_id) || hasRole(actor, 'organizer', c.org_id)) return true;
  const m = await q
    .selectFrom('ethics_committee_member')
    .select('person_id')
    .where('committee_id', '=', committeeId)
    .where('person_id', '=', actor.personId)
    .executeTakeFirst();
  return !!m;
}

/**
 * Extend an open standard review once, before its decision date, by at most 30 days, stating why
 * (the special case the regulation allows); recorded on the review and audited.
 */
export async function extendReview(ctx: Ctx, reviewId: string, input: { days: number; reason: string }) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const r = await lockReview(tx, reviewId);
    if (!(await committeeOffice(tx, actor, r.committee_id))) {
      await getReviewTx(tx, ctx, reviewId); // not a party at all: the same 404 as a missing review
      throw forbidden(t('ethics.onlyCommitteeExtends'));
    }
    const refusal = extensionRefusal(r, now);
    if (refusal) throw new AppError('ILLEGAL_TRANSITION', t(refusal));
    const dueAt = new Date(r.due_at.getTime() + input.days * 86_400_000);
    await tx
      .updateTable('ethics_review')
      .set({
        due_at: dueAt,
        extension_days: input.days,
        extension_reason: input.reason,
        extended_at: now,
        extended_by: actor.personId,
      })
      .where('id', '=', reviewId)
      .execute();
    await recordAudit(tx, actor, now, {
      action: 'ethics.review_extend',
      objectType: 'ethics_review',
      objectId: reviewId,
      before: { dueAt: r.due_at.toISOString() },
      after: { dueAt: dueAt.toISOString(), days: input.days, reason: input.reason },
    });
    return getReviewTx(tx, ctx, reviewId);
  });
}

async function getReviewTx(q: Ctx['db'], ctx: Ctx, id: string) {
  const r = await q.selectFrom('ethics_review').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw notFound(t('notFound.ethicsReview'));
  const b = (await challenges.findBid(q, r.bid_id))!;
  const c = (await challenges.findChallenge(q, b.challenge_id))!;
  const members = await q
    .selectFrom('ethics_committee_member')
    .select('person_id')
    .where('committee_id', '=', r.committee_id)
    .execute();
  const actor = ctx.actor;
  const isMember = !!actor && members.some((m) => m.person_id === actor.personId);
  const organizer = challengeRelations(actor, c).has('organizer');
  const commander = actor?.personId === b.commander_id;
  if (!isMember && !organizer && !commander) throw notFound(t('notFound.ethicsReview'));
  const votes = await q
    .selectFrom('ethics_vote')
    .select(['member_id', 'vote', 'comment'])
    .where('review_id', '=', id)
    .execute();
  const office = isMember || (await committeeOffice(q, actor, r.committee_id));
  const extender = r.extended_by
    ? await q
        .selectFrom('person')
        .select(['name_zh', 'name_en'])
        .where('id', '=', r.extended_by)
        .executeTakeFirst()
    : undefined;
  return {
    id: r.id,
    bidId: r.bid_id,
    categories: r.categories,
    state: r.state,
    conditions: r.conditions,
    openedAt: r.opened_at.toISOString(),
    dueAt: r.due_at.toISOString(),
    overdue: daysOverdue(r.state, r.due_at, ctx.now()) > 0,
    daysOverdue: daysOverdue(r.state, r.due_at, ctx.now()),
    votesCast: votes.length,
    /** 'standard' (30 days at most from acceptance, extendable once) or 'emergency' (72 hours). */
    procedure: r.procedure as Procedure,
    emergencyReason: r.emergency_reason,
    /** Accepted = opened: the legal time runs from here. */
    acceptedAt: r.opened_at.toISOString(),
    extension:
      r.extension_days !== null
        ? {
            days: r.extension_days,
            reason: r.extension_reason ?? '',
            at: r.extended_at?.toISOString() ?? null,
            by: { nameZh: extender?.name_zh ?? '', nameEn: extender?.name_en ?? '' },
          }
        : null,
    /** Whether the viewer may record the one extension now. */
    canExtend: office && extensionRefusal(r, ctx.now()) === null,
    maxDecisionDays: MAX_DECISION_DAYS,
    /** Whether the viewer sits on the committee (and so may vote). */
    member: isMember,
    // Members see the votes; the team sees only the decision and its conditions.
    votes:
      isMember || organizer
        ? votes.map((x) => ({ memberId: x.member_id, vote: x.vote, comment: x.comment }))
        : [],
  };
}

export const getReview = (ctx: Ctx, id: string) => getReviewTx(ctx.db, ctx, id);

/** Committees of the organisations where the actor is an organizer or admin (to send reviews to). */
export async function listCommittees(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const orgIds = actor.roles.filter((r) => r.role === 'organizer' || r.role === 'admin').map((r) => r.orgId);
  if (!orgIds.length) return [];
  const rows = await ctx.db
    .selectFrom('ethics_committee')
    .selectAll()
    .where('org_id', 'in', orgIds)
    .orderBy('created_at')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    orgId: c.org_id,
    name: c.name,
    quorum: c.quorum,
    minMembers: c.min_members,
    decisionDays: c.decision_days,
  }));
}

/**
 * Reviews the actor takes part in: as a committee member, as the challenge's organizer, or as the
 * commander; overdue open ones first (most overdue first), then newest. `overdueOnly`: just those.
 */
export async function listReviews(ctx: Ctx, opts: { overdueOnly?: boolean } = {}) {
  const actor = requireActor(ctx.actor);
  const ids = await ctx.db
    .selectFrom('ethics_review as r')
    .innerJoin('bid as b', 'b.id', 'r.bid_id')
    .innerJoin('challenge as c', 'c.id', 'b.challenge_id')
    .select('r.id')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('ethics_committee_member as m')
            .select('m.person_id')
            .whereRef('m.committee_id', '=', 'r.committee_id')
            .where('m.person_id', '=', actor.personId),
        ),
        eb('b.commander_id', '=', actor.personId),
        eb(
          'c.organiser_org_id',
          'in',
          actor.roles
            .filter((x) => x.role === 'organizer')
            .map((x) => x.orgId)
            .concat(['00000000-0000-0000-0000-000000000000']),
        ),
      ]),
    )
    .orderBy('r.opened_at', 'desc')
    .limit(200)
    .execute();
  const reviews = await Promise.all(ids.map((r) => getReview(ctx, r.id)));
  const listed = opts.overdueOnly ? reviews.filter((r) => r.overdue) : reviews;
  // Stable sort: overdue first by days overdue; the rest keep newest-first.
  return listed.sort((a, b) => b.daysOverdue - a.daysOverdue);
}
