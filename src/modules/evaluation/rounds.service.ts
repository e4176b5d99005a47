// Use-cases of review rounds: create and edit (organizers of the challenge's organising agency),
// read, list, open reviews (assigning → reviewing), and the applicant's named exclusions.
// Every change is one transaction with its audit entry.

import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { normaliseEmail } from '../accounts/accounts.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { challengeRelations, requireActor } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import * as coiRepo from './coi.repo.ts';
import { type CoiSettings, DEFAULT_COI, exclusionProblem } from './coi.ts';
import type { RoundBody, RoundEditBody } from './pool.schema.ts';
import { parseTieBreak } from './ranking.ts';
import * as repo from './rounds.repo.ts';
import {
  type Criterion,
  nextRoundState,
  type RoundAction,
  type RoundGuard,
  type RoundState,
  rubricProblem,
} from './rounds.ts';

type Db = Tx | Ctx['db'];

export interface LoadedRound {
  round: repo.RoundRow;
  challenge: challenges.ChallengeRow;
  /** 'organizer' when the actor organises the challenge's agency (or is the platform admin). */
  rel: Set<string>;
}

/** The round with the actor's relation to it; NOT_FOUND for those who may not know it. */
export async function loadRound(q: Db, actor: Actor | null, id: string, lock = false): Promise<LoadedRound> {
  const round = lock ? await repo.lockRound(q as Tx, id) : await repo.findRound(q, id);
  if (!round) throw notFound(t('notFound.reviewRound'));
  const challenge = await challenges.findChallenge(q, round.challenge_id);
  if (!challenge) throw notFound(t('notFound.reviewRound'));
  const rel = new Set([...challengeRelations(actor, challenge)].filter((r) => r === 'organizer'));
  if (isPlatformAdmin(actor)) rel.add('organizer');
  return { round, challenge, rel };
}

export function requireOrganizer(l: LoadedRound) {
  if (!l.rel.has('organizer')) throw forbidden(t('round.onlyChallengeOrganizers'));
}

export const coiOf = (round: repo.RoundRow): CoiSettings => ({
  ...DEFAULT_COI,
  ...(round.coi as Partial<CoiSettings>),
});

export async function guardOf(q: Db, round: repo.RoundRow): Promise<RoundGuard> {
  const [rows, running] = await Promise.all([repo.assignmentsOf(q, round.id), repo.runningRun(q, round.id)]);
  const active = rows.filter((r) => r.state === 'assigned' || r.state === 'submitted');
  const per = new Map<string, number>();
  for (const r of active) per.set(r.bid_id, (per.get(r.bid_id) ?? 0) + 1);
  let short = 0;
  for (const n of per.values()) if (n < round.reviewers_per_item) short++;
  return { assignments: active.length, itemsShort: short, running: !!running };
}

/** Checks the transition and returns the next state; throws the machine's refusal. */
export async function transition(q: Db, l: LoadedRound, action: RoundAction): Promise<RoundState> {
  const d = nextRoundState(l.round.state as RoundState, action, l.rel, await guardOf(q, l.round));
  if (!d.ok) throw new AppError(d.code, d.reason);
  return d.to;
}

function checkFields(b: RoundBody | RoundEditBody, now: Date) {
  const p = rubricProblem(b.rubric as Criterion[]);
  if (p) throw new AppError('VALIDATION', p.reason, p.field);
  try {
    parseTieBreak(b.tieBreak);
  } catch (e) {
    throw new AppError(
      'VALIDATION',
      t('round.tieBreakInvalid', { detail: (e as Error).message }),
      'tieBreak',
    );
  }
  if (new Date(b.dueAt).getTime() <= now.getTime())
    throw new AppError('VALIDATION', t('round.mustBeFuture'), 'dueAt');
}

const fieldsOf = (b: RoundBody | RoundEditBody): repo.RoundFields => ({
  titleZh: b.titleZh,
  titleEn: b.titleEn,
  rubric: b.rubric,
  reviewersPerItem: b.reviewersPerItem,
  fairness: b.fairness,
  coi: b.coi,
  dueAt: new Date(b.dueAt),
  budgetFen: b.budgetFen,
  tieBreak: b.tieBreak,
  rebuttalAllowed: b.rebuttalAllowed,
  raceStageNo: b.raceStageNo,
});

/** The round as the organizer sees it. */
export function presentRound(l: LoadedRound) {
  const r = l.round;
  return {
    id: r.id,
    challengeId: r.challenge_id,
    challengeTitleZh: l.challenge.title_zh,
    challengeTitleEn: l.challenge.title_en,
    state: r.state,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    rubric: r.rubric,
    reviewersPerItem: r.reviewers_per_item,
    fairness: r.fairness,
    coi: coiOf(r),
    dueAt: r.due_at.toISOString(),
    budgetFen: r.budget_fen,
    tieBreak: r.tie_break,
    rebuttalAllowed: r.rebuttal_allowed,
    raceStageNo: r.race_stage_no,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}

export async function createRound(ctx: Ctx, body: RoundBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  checkFields(body, now);
  return ctx.db.transaction().execute(async (tx) => {
    const c = await challenges.lockChallenge(tx, body.challengeId);
    if (!c) throw new AppError('NOT_FOUND', t('notFound.challenge'), 'challengeId');
    if (!challengeRelations(actor, c).has('organizer') && !isPlatformAdmin(actor))
      throw forbidden(t('round.onlyOrganizersCreate'));
    if (['draft', 'returned', 'submitted', 'rejected', 'cancelled'].includes(c.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('round.challengeNotPublished', { state: stateOf('challenge', c.state) }),
      );
    const round = await repo.insertRound(tx, c.id, fieldsOf(body), actor.personId, now);
    await recordAudit(tx, actor, now, {
      action: 'review_round.create',
      objectType: 'review_round',
      objectId: round.id,
      after: fieldsOf(body),
      detail: { challengeId: c.id },
    });
    return presentRound({ round, challenge: c, rel: new Set(['organizer']) });
  });
}

export async function editRound(ctx: Ctx, id: string, body: RoundEditBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadRound(tx, actor, id, true);
    requireOrganizer(l);
    if (l.round.version !== body.version) throw new AppError('STALE', t('round.stale'), 'version');
    checkFields(body, now);
    const to = await transition(tx, l, 'edit');
    await repo.updateRound(tx, id, fieldsOf(body));
    if (to !== l.round.state) await repo.setRoundState(tx, id, to);
    await recordAudit(tx, actor, now, {
      action: 'review_round.edit',
      objectType: 'review_round',
      objectId: id,
      before: presentRound(l),
      after: fieldsOf(body),
    });
    return presentRound(await loadRound(tx, actor, id));
  });
}

export async function getRound(ctx: Ctx, id: string) {
  const l = await loadRound(ctx.db, ctx.actor, id);
  requireOrganizer(l);
  return presentRound(l);
}

/** A page of the rounds the actor organises, newest first by default. */
export async function listRounds(ctx: Ctx, f: Parameters<typeof repo.roundsFor>[2]) {
  const actor = requireActor(ctx.actor);
  const orgIds = isPlatformAdmin(actor)
    ? null
    : actor.roles.filter((r) => r.role === 'organizer').map((r) => r.orgId);
  const { rows, total } = await repo.roundsFor(ctx.db, orgIds, f);
  const items = rows.map((r) => ({
    id: r.id,
    challengeId: r.challenge_id,
    challengeTitleZh: r.challenge_title_zh,
    challengeTitleEn: r.challenge_title_en,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    state: r.state as RoundState,
    dueAt: r.due_at.toISOString(),
    reviewersPerItem: r.reviewers_per_item,
  }));
  return { items, total, page: f.page, pageSize: f.pageSize };
}

/** assigning → reviewing: the experts' queues open. */
export async function openReviews(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const l = await loadRound(tx, actor, id, true);
    // The relation first: the round's state is no business of those who may not open it.
    requireOrganizer(l);
    const to = await transition(tx, l, 'open_reviews');
    await repo.setRoundState(tx, id, to);
    await recordAudit(tx, actor, now, {
      action: 'review_round.open_reviews',
      objectType: 'review_round',
      objectId: id,
      before: { state: l.round.state },
      after: { state: to },
    });
    return presentRound(await loadRound(tx, actor, id));
  });
}

// ── the applicant's named exclusions ──

async function exclusionContext(q: Db, actor: Actor, bidId: string) {
  const bid = await challenges.findBid(q, bidId);
  if (!bid || bid.commander_id !== actor.personId) throw notFound(t('notFound.bid'));
  const rounds = await repo.roundsOfChallenge(q, bid.challenge_id);
  const open = rounds.filter((r) => r.state !== 'closed');
  const drafts = open.filter((r) => r.state === 'draft');
  const max = drafts.length
    ? Math.max(...drafts.map((r) => coiOf(r).maxExclusions))
    : DEFAULT_COI.maxExclusions;
  return { bid, locked: open.some((r) => r.state !== 'draft'), max };
}

/** The bid's named exclusions (its commander only). */
export async function getExclusions(ctx: Ctx, bidId: string) {
  const actor = requireActor(ctx.actor);
  const { locked, max } = await exclusionContext(ctx.db, actor, bidId);
  const rows = await coiRepo.exclusionsOf(ctx.db, [bidId]);
  const people = new Map(
    (
      await coiRepo.peopleNames(
        ctx.db,
        rows.map((r) => r.expert_id),
      )
    ).map((p) => [p.id, p]),
  );
  return {
    max,
    locked,
    exclusions: rows.map((r) => ({
      email: people.get(r.expert_id)?.email ?? '',
      name: people.get(r.expert_id)?.name_zh || people.get(r.expert_id)?.name_en || '',
      reason: r.reason,
    })),
  };
}

/** Replaces the bid's named exclusions, before any round of its challenge assigns. */
export async function setExclusions(ctx: Ctx, bidId: string, list: { email: string; reason: string }[]) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { locked, max } = await exclusionContext(tx, actor, bidId);
    if (locked) throw new AppError('ILLEGAL_TRANSITION', t('round.exclusionsClosed'));
    const experts = new Map(
      (
        await coiRepo.expertsByEmail(
          tx,
          list.map((x) => normaliseEmail(x.email)),
        )
      ).map((e) => [e.email_norm, e.id]),
    );
    const resolved = list.map((x, i) => {
      const id = experts.get(normaliseEmail(x.email));
      if (!id) throw new AppError('VALIDATION', t('round.noExpertWithEmail'), `exclusions.${i}.email`);
      return { expertId: id, reason: x.reason };
    });
    const p = exclusionProblem(resolved, max);
    if (p) throw new AppError('VALIDATION', p.reason, p.field);
    await coiRepo.replaceExclusions(tx, bidId, resolved, now);
    await recordAudit(tx, actor, now, {
      action: 'bid.exclusions',
      objectType: 'bid',
      objectId: bidId,
      after: resolved,
      detail: { count: resolved.length },
    });
  });
  return getExclusions(ctx, bidId);
}
