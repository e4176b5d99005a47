// Use-cases of the challenge listing: draft, vet, publish, search, close, announce, award.
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { canonicalJson, sha256Hex } from '../../core/audit/chain.ts';
import { tokenize } from '../../core/text/index.ts';
import { availableActions, decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { offsetOf } from '../../http/paging.ts';
import { t } from '../../i18n/messages.ts';
import { hasRole } from '../accounts/accounts.policy.ts';
import * as accounts from '../accounts/accounts.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { approvesAward } from '../ethics/ethics.ts';
import { flagDuplicates } from '../integrity/integrity.service.ts';
import { bidNotice, challengeActionNotice, taskBookSignNotice } from '../notifications/events.ts';
import { listAttachments } from './attachments.service.ts';
import { assertTeamNotSanctioned, bidGuard } from './bids.service.ts';
import { canSeeChallenge, challengeRelations, PUBLIC_STATES, requireActor } from './challenges.access.ts';
import type { MyChallengesQuery, PublicChallengeQuery } from './challenges.lists.ts';
import {
  presentChallenge,
  presentChallengeSummary,
  presentNoticeWinner,
  presentTarget,
} from './challenges.presenter.ts';
import * as repo from './challenges.repo.ts';
import type { ChallengeInput } from './challenges.schema.ts';
import {
  type BidAction,
  type BidState,
  bidMachine,
  type ChallengeAction,
  type ChallengeGuard,
  type ChallengeState,
  challengeMachine,
} from './challenges.ts';
import { assertBidFirewalls } from './firewall.service.ts';

/** Words for full-text search: jieba-segmented Chinese and stemmed English, space-joined. */
export function searchWords(text: string): string {
  return tokenize(text, { chineseMode: 'search' }).join(' ');
}

const searchTextOf = (c: ChallengeInput) =>
  searchWords(
    [c.titleZh, c.titleEn, c.statementZh, c.statementEn, ...c.keywords, ...c.disciplineCodes].join('\n'),
  );

async function checkOrganisations(ctx: Ctx, input: ChallengeInput) {
  const actor = requireActor(ctx.actor);
  if (!hasRole(actor, 'proposer', input.orgId)) {
    throw new AppError('FORBIDDEN', t('challenge.needProposerRole'), 'orgId');
  }
  const agency = await accounts.findOrganisation(ctx.db, input.organiserOrgId);
  if (agency?.kind !== 'agency') {
    throw new AppError('VALIDATION', t('challenge.mustBeAgency'), 'organiserOrgId');
  }
  if (new Date(input.deadline) <= ctx.now())
    throw new AppError('VALIDATION', t('challenge.mustBeFuture'), 'deadline');
  return actor;
}

export async function createChallenge(ctx: Ctx, input: ChallengeInput) {
  const actor = await checkOrganisations(ctx, input);
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.insertChallenge(tx, input, actor.personId, searchTextOf(input), ctx.now());
    await repo.replaceTargets(tx, c.id, input.targets);
    await recordAudit(tx, actor, ctx.now(), {
      action: 'challenge.create',
      objectType: 'challenge',
      objectId: c.id,
      after: input,
    });
    return presentChallenge(c, await repo.targetsOf(tx, c.id));
  });
}

export async function editChallenge(ctx: Ctx, id: string, version: number, input: ChallengeInput) {
  const actor = await checkOrganisations(ctx, input);
  return ctx.db.transaction().execute(async (tx) => {
    const before = await repo.lockChallenge(tx, id);
    if (!before) throw notFound(t('notFound.challenge'));
    if (before.org_id !== input.orgId) throw new AppError('VALIDATION', t('challenge.orgFixed'), 'orgId');
    const d = decide(
      challengeMachine,
      before.state as ChallengeState,
      'edit',
      challengeRelations(actor, before),
      await guardOf(tx, before, ctx.now()),
    );
    if (!d.ok) throw new AppError(d.code, d.reason);
    const after = await repo.updateChallengeContent(tx, id, version, input, searchTextOf(input), ctx.now());
    if (!after) throw new AppError('STALE', t('challenge.stale'), 'version');
    const beforeTargets = (await repo.targetsOf(tx, id)).map(presentTarget);
    await repo.replaceTargets(tx, id, input.targets);
    await recordAudit(tx, actor, ctx.now(), {
      action: 'challenge.edit',
      objectType: 'challenge',
      objectId: id,
      before: { ...presentChallenge(before, []), targets: beforeTargets },
      after: input,
    });
    return presentChallenge(after, await repo.targetsOf(tx, id));
  });
}

async function guardOf(q: Tx | Ctx['db'], c: repo.ChallengeRow, now: Date): Promise<ChallengeGuard> {
  const [objections, bids] = await Promise.all([repo.objectionsOf(q, c.id), repo.bidsOf(q, c.id)]);
  return {
    now,
    deadline: c.deadline,
    noticeEndsAt: c.notice_ends_at,
    openObjections: objections.filter((o) => o.state === 'open').length,
    selectedBids: bids.filter((b) => b.state === 'selected').length,
    winnerSlots: c.winner_slots,
    submittedBids: bids.filter((b) => b.state === 'submitted').length,
  };
}

/** Default tranche schedule: 30% at signing (capped at ¥3M), the rest evenly per milestone. */
export function defaultTranches(budgetFen: number, milestones: { title: string }[]) {
  const first = Math.min(Math.floor((budgetFen * 3) / 10), 300_000_000);
  const rest = budgetFen - first;
  const n = Math.max(1, milestones.length);
  const out = [
    { label: '签约首付 / on signing', amountFen: first, condition: 'task book signed by both parties' },
  ];
  for (let i = 0; i < n; i++) {
    const amount = Math.floor(rest / n) + (i < rest % n ? 1 : 0);
    out.push({
      label: `里程碑 ${i + 1} / milestone ${i + 1}`,
      amountFen: amount,
      condition: `milestone ${i + 1} (${milestones[i]?.title ?? ''}) accepted by the proposer`,
    });
  }
  return out.filter((t) => t.amountFen > 0);
}

/** Move a bid as the challenge's workflow requires (award, decline, cancel), through its machine; audited. */
async function moveBid(
  tx: Tx,
  actor: Actor,
  c: repo.ChallengeRow,
  b: repo.BidRow,
  action: Extract<BidAction, 'award' | 'decline' | 'cancel'>,
  now: Date,
  detail: Record<string, unknown>,
): Promise<BidState> {
  const d = decide(bidMachine, b.state as BidState, action, SYSTEM, await bidGuard(tx, b, c, now));
  if (!d.ok) throw new AppError(d.code, t('challenge.bidRefused', { id: b.id, reason: d.reason }));
  await repo.setBidState(tx, b.id, d.to, now);
  if (action !== 'cancel')
    await bidNotice(tx, now, action === 'award' ? 'bid.awarded' : 'bid.notSelected', b.id);
  await recordAudit(tx, actor, now, {
    action: `bid.${action}`,
    objectType: 'bid',
    objectId: b.id,
    before: { state: b.state },
    after: { state: d.to },
    detail: { challengeId: c.id, ...detail },
  });
  return d.to;
}
const SYSTEM: ReadonlySet<string> = new Set(['system']);

/** Award: selected bids win, others are not selected, each winner gets a task book with frozen targets. */
async function award(tx: Tx, actor: Actor, c: repo.ChallengeRow, now: Date) {
  const targets = (await repo.targetsOf(tx, c.id)).map(presentTarget);
  const digest = sha256Hex(canonicalJson(targets));
  const bids = await repo.bidsOf(tx, c.id, ['selected', 'submitted']);
  const winners = bids.filter((b) => b.state === 'selected');
  if (winners.length > c.winner_slots)
    throw new AppError('ILLEGAL_TRANSITION', t('challenge.tooManyWinners', { winnerSlots: c.winner_slots }));
  for (const w of winners) {
    await assertTeamNotSanctioned(tx, w, now);
    await assertBidFirewalls(tx, c, w, now);
    if (w.ethics_categories.length && !approvesAward((await repo.ethicsReviewOf(tx, w.id))?.state)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('challenge.winnerNeedsEthics', { id: w.id, ethicsCategories: w.ethics_categories.join(', ') }),
      );
    }
  }
  for (const b of bids) {
    const action = b.state === 'selected' ? 'award' : 'decline';
    const to = await moveBid(tx, actor, c, b, action, now, {});
    if (to !== 'awarded') continue;
    const milestones = b.milestones as { title: string }[];
    const tb = await repo.insertTaskBook(tx, {
      challengeId: c.id,
      bidId: b.id,
      targets,
      digest,
      milestones,
      // In a race the race's tranche plan decides every release; the task book only points to it.
      tranches:
        c.mode === 'race'
          ? [
              {
                label: '赛马拨款 / race tranches',
                amountFen: b.budget_fen,
                condition: 'released per passed gate under the race’s tranche plan',
              },
            ]
          : defaultTranches(b.budget_fen, milestones),
      budgetFen: b.budget_fen,
      now,
    });
    await taskBookSignNotice(tx, now, tb.id);
  }
  return winners.map((w) => w.id);
}

export async function challengeAction(ctx: Ctx, id: string, action: ChallengeAction, comment: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const result = await ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockChallenge(tx, id);
    if (!c || !canSeeChallenge(actor, c)) throw notFound(t('notFound.challenge'));
    const rel = challengeRelations(actor, c);
    const d = decide(challengeMachine, c.state as ChallengeState, action, rel, await guardOf(tx, c, now));
    if (!d.ok) throw new AppError(d.code, d.reason);
    if ((action === 'return' || action === 'reject') && !comment) {
      throw new AppError('VALIDATION', t('challenge.sayWhatToChange'), 'comment');
    }
    // Cancelling a listing people may have bid on owes them a reason; their bids end with it.
    if (action === 'cancel' && (c.state === 'published' || c.state === 'evaluating')) {
      if (!comment) throw new AppError('VALIDATION', t('challenge.sayWhyCancelled'), 'comment');
      for (const b of await repo.bidsOf(tx, c.id, ['draft', 'submitted', 'selected']))
        await moveBid(tx, actor, c, b, 'cancel', now, { comment });
    }
    const extra: { published_at?: Date; notice_ends_at?: Date | null } = {};
    if (action === 'publish') extra.published_at = now;
    if (action === 'announce') extra.notice_ends_at = new Date(now.getTime() + c.notice_days * 86_400_000);
    if (action === 'withdraw_notice') extra.notice_ends_at = null;
    let detail: Record<string, unknown> = comment ? { comment } : {};
    if (action === 'award') detail = { ...detail, awardedBids: await award(tx, actor, c, now) };
    const after = await repo.setChallengeState(tx, id, d.to, now, extra);
    await challengeActionNotice(tx, now, action, id);
    if (['submit', 'return', 'reject', 'publish'].includes(action)) {
      await repo.insertVetting(tx, { challengeId: id, actorId: actor.personId, action, comment, at: now });
    }
    await recordAudit(tx, actor, now, {
      action: `challenge.${action}`,
      objectType: 'challenge',
      objectId: id,
      before: { state: c.state },
      after: { state: after.state },
      detail,
    });
    return { state: after.state };
  });
  // After it committed: a statement submitted for vetting is checked for duplicates (重复申报).
  if (action === 'submit')
    await flagDuplicates(ctx.db, 'challenge', id, now).catch((err) =>
      console.error('duplicate check failed', err),
    );
  return result;
}

export async function getChallenge(ctx: Ctx, id: string) {
  const c = await repo.findChallenge(ctx.db, id);
  if (!c || !canSeeChallenge(ctx.actor, c)) throw notFound(t('notFound.challenge'));
  const rel = challengeRelations(ctx.actor, c);
  const [targets, org, organiser, guard] = await Promise.all([
    repo.targetsOf(ctx.db, id),
    accounts.findOrganisation(ctx.db, c.org_id),
    accounts.findOrganisation(ctx.db, c.organiser_org_id),
    guardOf(ctx.db, c, ctx.now()),
  ]);
  const vetting = rel.size ? await repo.vettingOf(ctx.db, id) : [];
  // The public notice names the intended winners; after the award, the winners.
  const noticeWinners =
    c.state === 'notice' || c.state === 'awarded'
      ? (await repo.noticeWinnersOf(ctx.db, id, c.state === 'notice' ? 'selected' : 'awarded')).map(
          presentNoticeWinner,
        )
      : [];
  const taskBooks = c.state === 'awarded' ? await repo.taskBooksOfChallengeNamed(ctx.db, id) : [];
  return {
    ...presentChallenge(
      {
        ...c,
        org_name_zh: org?.name_zh ?? '',
        org_name_en: org?.name_en ?? '',
        organiser_name_zh: organiser?.name_zh ?? '',
        organiser_name_en: organiser?.name_en ?? '',
      },
      targets,
    ),
    relations: [...rel],
    actions: availableActions(challengeMachine, c.state as ChallengeState, rel, guard),
    bidCount: guard.submittedBids + guard.selectedBids,
    openObjections: guard.openObjections,
    noticeWinners,
    vetting: vetting.map((v) => ({
      action: v.action,
      comment: v.comment,
      at: v.at.toISOString(),
      by: v.name_zh || v.name_en,
      byNameZh: v.name_zh,
      byNameEn: v.name_en,
    })),
    taskBooks: taskBooks.map((t) => ({
      id: t.id,
      bidId: t.bid_id,
      state: t.state,
      commander: { id: t.commander_id, nameZh: t.commander_zh, nameEn: t.commander_en },
      hostOrg: { id: t.host_id, nameZh: t.host_zh, nameEn: t.host_en },
    })),
    attachments: await listAttachments(ctx, 'challenge', id),
    /** The enterprise technology demand this challenge was made from, if any. */
    fromDemand: await ctx.db
      .selectFrom('transfer_demand')
      .select(['id', 'title_zh as nameZh', 'title_en as nameEn'])
      .where('promoted_challenge_id', '=', id)
      .executeTakeFirst()
      .then((r) => r ?? null),
  };
}

const pageRange = (q: { page: number; pageSize: number }) => ({
  offset: offsetOf(q),
  limit: q.pageSize,
});

/** Published challenges, searched and filtered, one page. */
export async function listPublic(ctx: Ctx, q: PublicChallengeQuery) {
  const { page, pageSize, sort, order, q: text, state, ...filter } = q;
  const tsQuery = text ? searchWords(text) : undefined;
  if (text && !tsQuery) return { items: [], total: 0, page, pageSize };
  const { rows, total } = await repo.listChallenges(
    ctx.db,
    { ...filter, tsQuery, states: state ? [state] : [...PUBLIC_STATES] },
    { sort, order, ...pageRange(q) },
  );
  return { items: rows.map(presentChallengeSummary), total, page, pageSize };
}

/** The proposer's own challenges and the organizer's vetting queue, in every state, one page. */
export async function listMine(ctx: Ctx, q: MyChallengesQuery) {
  const actor = requireActor(ctx.actor);
  const orgIds = actor.roles.filter((r) => r.role === 'proposer').map((r) => r.orgId);
  const organiserOrgIds = actor.roles.filter((r) => r.role === 'organizer').map((r) => r.orgId);
  const { page, pageSize } = q;
  const tsQuery = q.q ? searchWords(q.q) : undefined;
  if ((!orgIds.length && !organiserOrgIds.length) || (q.q && !tsQuery))
    return { items: [], total: 0, page, pageSize };
  const { rows, total } = await repo.listChallenges(
    ctx.db,
    { states: q.state ? [q.state] : [...challengeMachine.states], tsQuery, orgIds, organiserOrgIds },
    { sort: q.sort, order: q.order, ...pageRange(q) },
  );
  return { items: rows.map(presentChallengeSummary), total, page, pageSize };
}

/** Demand intake figures: collected (all listings ever drafted), vetted, published. */
export async function stats(ctx: Ctx) {
  const byState = Object.fromEntries((await repo.countByState(ctx.db)).map((r) => [r.state, Number(r.n)]));
  const collected = Object.values(byState).reduce((a, b) => a + b, 0);
  const published = ['published', 'evaluating', 'notice', 'awarded'].reduce(
    (a, s) => a + (byState[s] ?? 0),
    0,
  );
  const vetted = Number((await repo.vettedCount(ctx.db)).n);
  return { collected, vetted, published, byState };
}

export function assertOrganizer(actor: ReturnType<typeof requireActor>, c: repo.ChallengeRow) {
  if (!challengeRelations(actor, c).has('organizer')) throw forbidden(t('challenge.onlyVettingOrganizers'));
}
