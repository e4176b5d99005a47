// Consensus, rebuttal and appeals of one review item. A rapporteur (one of the item's reviewers,
// chosen by the organizer) drafts the consensus report keeping majority and minority views and
// proposes it; the organizer accepts it. Where the round allows it, the bid's commander answers
// the reviews once within the organizer's window; reviewers read the answer. Appeals lie only on a
// declared procedural ground, and the organizer decides them with reasons.

import type { Ctx } from '../../app/context.ts';
import { AppError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { type ItemAccess, itemAccess, organizerRound } from './review.access.ts';
import { presentAppeal } from './review.presenter.ts';
import * as repo from './review.repo.ts';
import { APPEAL_STATES, type AppealGround, CONSENSUS_STATES } from './review.ts';

const windowOpen = (w: repo.WindowRow | undefined, now: Date) =>
  !!w && w.opens_at.getTime() <= now.getTime() && now.getTime() < w.closes_at.getTime();

/** Consensus, rebuttal and appeals of the item, as the viewer may see them. */
export async function itemExtras(ctx: Ctx, a: ItemAccess) {
  const now = ctx.now();
  const [c, window, rebuttal] = await Promise.all([
    repo.findConsensus(ctx.db, a.round.id, a.bid.id),
    repo.findWindow(ctx.db, a.round.id),
    repo.findRebuttal(ctx.db, a.round.id, a.bid.id),
  ]);
  const rapporteur = c ? await repo.findAssignment(ctx.db, c.rapporteur_assignment_id) : undefined;
  const text = c
    ? { majority: c.majority, minority: c.minority, recommendation: c.recommendation, state: c.state }
    : null;
  let consensus: Record<string, unknown> | null = null;
  if (c && text) {
    if (a.role.kind === 'organizer')
      consensus = {
        ...text,
        rapporteurPseudonym: rapporteur?.pseudonym ?? '',
        rapporteurAssignmentId: c.rapporteur_assignment_id,
        acceptedAt: c.accepted_at,
      };
    else if (a.role.kind === 'reviewer' && a.role.assignment.state === 'submitted')
      consensus = {
        ...text,
        rapporteurPseudonym: rapporteur?.pseudonym ?? '',
        mine: c.rapporteur_assignment_id === a.role.assignment.id,
      };
    else if (a.role.kind === 'applicant' && c.state === 'accepted') consensus = text;
  }
  const appeals =
    a.role.kind === 'reviewer'
      ? []
      : (await repo.appealsOf(ctx.db, a.round.id, a.bid.id)).map((p) => {
          const { bidId: _, ...appeal } = presentAppeal(p); // the item names its bid already
          return appeal;
        });
  return {
    consensus,
    rebuttalWindow: window
      ? { opensAt: window.opens_at, closesAt: window.closes_at, open: windowOpen(window, now) }
      : null,
    rebuttal: rebuttal ? { body: rebuttal.body, submittedAt: rebuttal.submitted_at } : null,
    canRebut:
      a.role.kind === 'applicant' &&
      a.role.commander &&
      a.round.rebuttal_allowed &&
      !rebuttal &&
      windowOpen(window, now),
    appeals,
  };
}

/** The organizer names the rapporteur: one of the item's reviewers who has submitted. */
export async function chooseRapporteur(ctx: Ctx, roundId: string, bidId: string, assignmentId: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await itemAccess(tx, ctx.actor, roundId, bidId);
    if (a.role.kind !== 'organizer')
      throw new AppError('FORBIDDEN', t('consensus.organizerChoosesRapporteur'));
    if (!CONSENSUS_STATES.has(a.round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('consensus.notInRoundState', { state: stateOf('round', a.round.state) }),
      );
    const chosen = await repo.findAssignment(tx, assignmentId);
    if (!chosen || chosen.round_id !== roundId || chosen.bid_id !== bidId)
      throw new AppError('VALIDATION', t('consensus.notReviewerOfItem'), 'assignmentId');
    if (chosen.state !== 'submitted')
      throw new AppError('VALIDATION', t('consensus.rapporteurMustHaveReviewed'), 'assignmentId');
    const existing = await repo.findConsensus(tx, roundId, bidId);
    if (existing?.state === 'accepted')
      throw new AppError('ILLEGAL_TRANSITION', t('consensus.reportAccepted'));
    await repo.setRapporteur(tx, roundId, bidId, assignmentId, now);
    await recordAudit(tx, a.actor, now, {
      action: 'consensus.rapporteur',
      objectType: 'consensus_report',
      objectId: `${roundId}:${bidId}`,
      after: { assignmentId },
    });
  });
}

/** The rapporteur saves the report (majority and minority views); `propose` hands it to the organizer. */
export async function saveConsensus(
  ctx: Ctx,
  roundId: string,
  bidId: string,
  input: { majority: string; minority: string; recommendation: string; propose: boolean },
) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await itemAccess(tx, ctx.actor, roundId, bidId);
    const c = await repo.findConsensus(tx, roundId, bidId);
    if (a.role.kind !== 'reviewer' || !c || c.rapporteur_assignment_id !== a.role.assignment.id)
      throw new AppError('FORBIDDEN', t('consensus.onlyRapporteurDrafts'));
    if (!CONSENSUS_STATES.has(a.round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('consensus.notInRoundState', { state: stateOf('round', a.round.state) }),
      );
    if (c.state === 'accepted') throw new AppError('ILLEGAL_TRANSITION', t('consensus.reportAccepted'));
    if (input.propose && !input.majority.trim())
      throw new AppError('VALIDATION', t('consensus.majorityViewRequired'), 'majority');
    if (input.propose && !input.recommendation)
      throw new AppError('VALIDATION', t('consensus.recommendationRequired'), 'recommendation');
    await repo.updateConsensus(
      tx,
      roundId,
      bidId,
      {
        majority: input.majority,
        minority: input.minority,
        recommendation: input.recommendation,
        state: input.propose ? 'proposed' : 'open',
      },
      now,
    );
    await recordAudit(tx, a.actor, now, {
      action: input.propose ? 'consensus.propose' : 'consensus.save',
      objectType: 'consensus_report',
      objectId: `${roundId}:${bidId}`,
      after: input,
    });
  });
}

/** The organizer accepts a proposed consensus report. */
export async function acceptConsensus(ctx: Ctx, roundId: string, bidId: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await itemAccess(tx, ctx.actor, roundId, bidId);
    if (a.role.kind !== 'organizer') throw new AppError('FORBIDDEN', t('consensus.organizerAccepts'));
    if (!CONSENSUS_STATES.has(a.round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('consensus.notInRoundState', { state: stateOf('round', a.round.state) }),
      );
    const c = await repo.findConsensus(tx, roundId, bidId);
    if (c?.state !== 'proposed')
      throw new AppError('ILLEGAL_TRANSITION', t('consensus.onlyProposedAccepted'));
    await repo.updateConsensus(
      tx,
      roundId,
      bidId,
      { state: 'accepted', accepted_by: a.actor.personId, accepted_at: now },
      now,
    );
    await recordAudit(tx, a.actor, now, {
      action: 'consensus.accept',
      objectType: 'consensus_report',
      objectId: `${roundId}:${bidId}`,
      before: { state: c.state },
      after: { state: 'accepted' },
    });
  });
}

/** The organizer sets the rebuttal window of a round that allows rebuttals. */
export async function setRebuttalWindow(ctx: Ctx, roundId: string, input: { opensAt: Date; closesAt: Date }) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { actor, round } = await organizerRound(tx, ctx.actor, roundId, true);
    if (!round.rebuttal_allowed) throw new AppError('ILLEGAL_TRANSITION', t('consensus.noRebuttals'));
    if (input.closesAt.getTime() <= input.opensAt.getTime())
      throw new AppError('VALIDATION', t('consensus.mustBeAfterOpening'), 'closesAt');
    if (input.closesAt.getTime() <= now.getTime())
      throw new AppError('VALIDATION', t('consensus.mustBeFuture'), 'closesAt');
    await repo.upsertWindow(tx, roundId, input.opensAt, input.closesAt, actor.personId);
    await recordAudit(tx, actor, now, {
      action: 'rebuttal.window',
      objectType: 'review_round',
      objectId: roundId,
      after: input,
    });
    return { opensAt: input.opensAt, closesAt: input.closesAt };
  });
}

/** The bid's commander answers the reviews, once, within the window. */
export async function submitRebuttal(ctx: Ctx, roundId: string, bidId: string, body: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await itemAccess(tx, ctx.actor, roundId, bidId);
    if (a.role.kind !== 'applicant' || !a.role.commander)
      throw new AppError('FORBIDDEN', t('consensus.commanderAnswers'));
    if (!a.round.rebuttal_allowed) throw new AppError('ILLEGAL_TRANSITION', t('consensus.noRebuttals'));
    const window = await repo.findWindow(tx, roundId);
    if (!windowOpen(window, now))
      throw new AppError('ILLEGAL_TRANSITION', t('consensus.rebuttalWindowClosed'));
    if (await repo.findRebuttal(tx, roundId, bidId))
      throw new AppError('DUPLICATE', t('consensus.alreadyAnswered'), 'body');
    await repo.insertRebuttal(tx, roundId, bidId, body, a.actor.personId, now);
    await recordAudit(tx, a.actor, now, {
      action: 'rebuttal.submit',
      objectType: 'rebuttal',
      objectId: `${roundId}:${bidId}`,
      after: { length: body.length },
    });
  });
}

/** The bid's commander appeals on a declared procedural ground (one pending appeal at a time). */
export async function fileAppeal(
  ctx: Ctx,
  roundId: string,
  bidId: string,
  input: { ground: AppealGround; statement: string },
) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a = await itemAccess(tx, ctx.actor, roundId, bidId);
    if (a.role.kind !== 'applicant' || !a.role.commander)
      throw new AppError('FORBIDDEN', t('consensus.commanderAppeals'));
    if (!APPEAL_STATES.has(a.round.state))
      throw new AppError('ILLEGAL_TRANSITION', t('consensus.appealWindow'));
    const pending = (await repo.appealsOf(tx, roundId, bidId)).some((p) => p.state === 'pending');
    if (pending) throw new AppError('DUPLICATE', t('consensus.appealPending'), 'ground');
    const p = await repo.insertAppeal(tx, { roundId, bidId, ...input, by: a.actor.personId, now });
    await recordAudit(tx, a.actor, now, {
      action: 'appeal.file',
      objectType: 'review_appeal',
      objectId: p.id,
      after: input,
    });
    return { id: p.id, ground: p.ground, statement: p.statement, state: p.state, filedAt: p.filed_at };
  });
}

/** The organizer decides an appeal, with reasons. */
export async function decideAppeal(
  ctx: Ctx,
  appealId: string,
  input: { decision: 'upheld' | 'dismissed'; reasons: string },
) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const p = await repo.lockAppeal(tx, appealId);
    if (!p) throw new AppError('NOT_FOUND', t('notFound.appeal'));
    const { actor } = await organizerRound(tx, ctx.actor, p.round_id).catch(() => {
      throw new AppError('NOT_FOUND', t('notFound.appeal'));
    });
    if (p.state !== 'pending') throw new AppError('ILLEGAL_TRANSITION', t('consensus.appealDecided'));
    const d = await repo.decideAppeal(tx, appealId, input.decision, input.reasons, actor.personId, now);
    await recordAudit(tx, actor, now, {
      action: 'appeal.decide',
      objectType: 'review_appeal',
      objectId: appealId,
      before: { state: 'pending' },
      after: input,
    });
    return {
      id: d.id,
      ground: d.ground,
      statement: d.statement,
      state: d.state,
      decisionReasons: d.decision_reasons,
      decidedAt: d.decided_at,
    };
  });
}
