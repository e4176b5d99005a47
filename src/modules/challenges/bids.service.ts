// Use-cases of bids (揭榜): a team, a technical route, milestones, a budget and a signed pledge.

import type { Ctx, Tx } from '../../app/context.ts';
import { canonicalJson, sha256Hex } from '../../core/audit/chain.ts';
import { availableActions, decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { offsetOf } from '../../http/paging.ts';
import { type Locale, nameIn } from '../../i18n/locale.ts';
import { type MessageParams, render, t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { hasRole } from '../accounts/accounts.policy.ts';
import * as accounts from '../accounts/accounts.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { sanctionsBlocking } from '../integrity/integrity.repo.ts';
import { assertNotSanctioned, flagDuplicates, sanctionDay } from '../integrity/integrity.service.ts';
import { bidNotice } from '../notifications/events.ts';
import { bidViewer, challengeRelations, requireActor, seesBid } from './challenges.access.ts';
import type { ChallengeBidsQuery, MissingItem, MyBidsQuery } from './challenges.lists.ts';
import './challenges.messages.ts';
import * as repo from './challenges.repo.ts';
import type { BidInput } from './challenges.schema.ts';
import {
  type BidAction,
  type BidGuard,
  type BidState,
  bidMachine,
  type ChallengeState,
  type EligibilityRule,
  eligibilityProblems,
} from './challenges.ts';
import { assertBidFirewalls, assertFirewalls } from './firewall.service.ts';
import { evaluationOf } from './selection.service.ts';

const today = sanctionDay;

/**
 * Refuse when an active sanction bars the team or its host from bidding: checked when the bid is
 * started or edited, again when it is submitted, selected and awarded (a sanction may start meanwhile).
 */
export async function assertTeamNotSanctioned(q: Tx, b: repo.BidRow, now: Date) {
  const members = await repo.membersOf(q, b.id);
  const [commander] = await repo.personNames(q, [b.commander_id]);
  const name = (p: { name_zh: string; name_en: string } | undefined) => ({
    zh: p ? p.name_zh || p.name_en : '',
    en: p ? p.name_en || p.name_zh : '',
  });
  await assertNotSanctioned(
    q,
    'bid',
    [
      {
        label: {
          zh: `负责人 ${name(commander).zh}`.trim(),
          en: `the commander ${name(commander).en}`.trim(),
        },
        personIds: [b.commander_id],
        orgId: null,
      },
    ],
    now,
    'commander',
  );
  await assertNotSanctioned(
    q,
    'bid',
    members.map((m) => ({
      label: { zh: `团队成员 ${name(m).zh}`, en: `team member ${name(m).en}` },
      personIds: [m.person_id],
      orgId: null,
    })),
    now,
    'members',
  );
  await assertNotSanctioned(
    q,
    'bid',
    [{ label: { zh: '依托单位', en: 'the host organisation' }, personIds: [], orgId: b.host_org_id }],
    now,
    'hostOrgId',
  );
}

/** Check a bid's content against its challenge; throws naming the field. */
async function validateBid(q: Tx, c: repo.ChallengeRow, input: BidInput, commanderId: string, now: Date) {
  if (input.budgetFen > c.budget_ceiling_fen) {
    throw new AppError(
      'VALIDATION',
      t('bid.overCeiling', { budgetCeilingFen: c.budget_ceiling_fen }),
      'budgetFen',
    );
  }
  const targetIds = new Set((await repo.targetsOf(q, c.id)).map((t) => t.id));
  input.milestones.forEach((m, i) => {
    for (const id of Object.keys(m.targetValues)) {
      if (!targetIds.has(id))
        throw new AppError('VALIDATION', t('bid.unknownTarget'), `milestones.${i}.targetValues`);
    }
  });
  const declared: readonly string[] = input.ethicsCategories ?? [];
  const undeclared = c.ethics_categories.filter((x) => !declared.includes(x));
  if (undeclared.length) {
    throw new AppError(
      'VALIDATION',
      t('bid.undeclaredEthics', { undeclared: undeclared.join(', ') }),
      'ethicsCategories',
    );
  }
  const memberIds = input.members.map((m) => m.personId);
  if (new Set(memberIds).size !== memberIds.length)
    throw new AppError('VALIDATION', t('bid.personListedTwice'), 'members');
  if (memberIds.includes(commanderId))
    throw new AppError('VALIDATION', t('bid.commanderNotMember'), 'members');
  const found = await accounts.findPeople(q, memberIds);
  if (found.length !== memberIds.length)
    throw new AppError('VALIDATION', t('bid.unregisteredPerson'), 'members');
  const host = await accounts.findOrganisation(q, input.hostOrgId);
  if (!host) throw new AppError('VALIDATION', t('notFound.organisation'), 'hostOrgId');
  const sanctions = await sanctionsBlocking(q, 'bid', [commanderId, ...memberIds], [host.id], today(now));
  const problems = eligibilityProblems(c.eligibility as EligibilityRule[], {
    orgKind: host.kind,
    regionCode: host.region_code,
    teamSize: memberIds.length + 1,
    sanctions: sanctions.map((s) => ({
      subject:
        s.org_id && !s.person_id
          ? { zh: '依托单位', en: 'the host organisation' }
          : { zh: '一名团队成员', en: 'a team member' },
      until: s.ends_on,
    })),
  });
  // Sanctions come first among the problems; the latest end date is the one that matters.
  const until = sanctions
    .map((s) => s.ends_on)
    .sort()
    .at(-1);
  if (problems.length)
    throw new AppError('INELIGIBLE', problems[0].reason, problems[0].field, {
      problems,
      ...(until ? { sanction: { block: 'bid', until } } : {}),
    });
}

export async function bidGuard(
  q: Tx | Ctx['db'],
  b: repo.BidRow,
  c: repo.ChallengeRow,
  now: Date,
): Promise<BidGuard> {
  const members = await repo.membersOf(q, b.id);
  // Signed means: both signed the current version, and that version is what the bid now says.
  const signed = await repo.pledgeVersionOf(q, b.id, b.pledge_version);
  return {
    now,
    deadline: c.deadline,
    challengeState: c.state as ChallengeState,
    unconfirmedMembers: members.filter((m) => !m.confirmed_at).length,
    pledgeSigned:
      !!b.pledge_signed_commander_at &&
      !!b.pledge_signed_host_at &&
      !!signed?.signed_commander_at &&
      !!signed.signed_host_at &&
      signed.digest === pledgeDigest(rowPledge(b)),
    budgetOk: b.budget_fen <= c.budget_ceiling_fen,
  };
}

const digestOf = (challengeId: string, input: BidInput) => sha256Hex(canonicalJson({ challengeId, input }));

/** What the pledge (军令状) signatures cover: commitments, consequences, milestones and budget. */
export function pledgeContent(b: {
  pledge: unknown;
  milestones: unknown;
  budgetFen: number;
}): Record<string, unknown> {
  const p = b.pledge as { commitments: string; consequences: string };
  return {
    commitments: p.commitments,
    consequences: p.consequences,
    milestones: b.milestones,
    budgetFen: b.budgetFen,
  };
}
export const pledgeDigest = (content: Record<string, unknown>) => sha256Hex(canonicalJson(content));
const rowPledge = (b: repo.BidRow) =>
  pledgeContent({ pledge: b.pledge, milestones: b.milestones, budgetFen: b.budget_fen });

/**
 * Start a bid. Idempotent on (commander, key): the same key and body return the same bid
 * (created: false); the same key with another body is refused.
 */
export async function createBid(ctx: Ctx, challengeId: string, key: string, input: BidInput) {
  const actor = requireActor(ctx.actor);
  const digest = digestOf(challengeId, input);
  const replay = async () => {
    const existing = await repo.findBidByKey(ctx.db, actor.personId, key);
    if (!existing) return null;
    if (existing.request_digest !== digest) {
      throw new AppError('IDEMPOTENCY_MISMATCH', t('http.idempotencyKeyReused'), 'idempotency-key');
    }
    return { created: false, bid: await getBid(ctx, existing.id) };
  };
  const earlier = await replay();
  if (earlier) return earlier;
  if (!hasRole(actor, 'solver', input.hostOrgId)) {
    throw new AppError('FORBIDDEN', t('bid.needSolverRole'), 'hostOrgId');
  }
  const now = ctx.now();
  try {
    const id = await ctx.db.transaction().execute(async (tx) => {
      const c = await repo.lockChallenge(tx, challengeId);
      if (
        !c ||
        c.state === 'draft' ||
        c.state === 'submitted' ||
        c.state === 'returned' ||
        c.state === 'rejected'
      )
        throw notFound(t('notFound.challenge'));
      if (c.state !== 'published') throw new AppError('ILLEGAL_TRANSITION', t('bid.challengeNotOpen'));
      if (now >= c.deadline) throw new AppError('ILLEGAL_TRANSITION', t('bid.deadlinePassed'));
      await validateBid(tx, c, input, actor.personId, now);
      await assertFirewalls(
        tx,
        c,
        {
          id: null,
          hostOrgId: input.hostOrgId,
          commanderId: actor.personId,
          memberIds: input.members.map((m) => m.personId),
        },
        now,
      );
      const b = await repo.insertBid(tx, {
        challengeId,
        commanderId: actor.personId,
        key,
        digest,
        now,
        ...input,
      });
      await repo.replaceMembers(tx, b.id, input.members, new Map());
      await bidNotice(tx, now, 'bid.confirmRequested', b.id);
      await recordAudit(tx, actor, now, {
        action: 'bid.create',
        objectType: 'bid',
        objectId: b.id,
        after: input,
        detail: { challengeId },
      });
      return b.id;
    });
    return { created: true, bid: await getBid(ctx, id) };
  } catch (err) {
    const e = err as { code?: string; constraint?: string };
    if (e.code === '23505' && e.constraint === 'bid_commander_id_idempotency_key_key') {
      const again = await replay(); // a concurrent request with the same key won the race
      if (again) return again;
    }
    if (e.code === '23505' && e.constraint === 'bid_one_per_commander') {
      throw new AppError('DUPLICATE', t('bid.alreadyLeading'), 'challengeId');
    }
    throw err;
  }
}

export async function editBid(ctx: Ctx, id: string, version: number, input: BidInput) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const b = await repo.lockBid(tx, id);
    if (!b || b.commander_id !== actor.personId) throw notFound(t('notFound.bid'));
    const c = (await repo.findChallenge(tx, b.challenge_id))!;
    const d = decide(
      bidMachine,
      b.state as BidState,
      'edit',
      new Set(['commander']),
      await bidGuard(tx, b, c, now),
    );
    if (!d.ok) throw new AppError(d.code, d.reason);
    if (input.hostOrgId !== b.host_org_id) throw new AppError('VALIDATION', t('bid.hostFixed'), 'hostOrgId');
    await validateBid(tx, c, input, actor.personId, now);
    await assertFirewalls(
      tx,
      c,
      {
        id,
        hostOrgId: b.host_org_id,
        commanderId: b.commander_id,
        memberIds: input.members.map((m) => m.personId),
      },
      now,
    );
    // Any change to what was signed is a new pledge version that both must sign again.
    const pledgeChanged = pledgeDigest(pledgeContent(input)) !== pledgeDigest(rowPledge(b));
    const after = await repo.updateBidContent(tx, id, version, input, pledgeChanged, now);
    if (!after) throw new AppError('STALE', t('bid.stale'), 'version');
    const confirmed = new Map((await repo.membersOf(tx, id)).map((m) => [m.person_id, m.confirmed_at]));
    await repo.replaceMembers(tx, id, input.members, confirmed);
    await bidNotice(tx, now, 'bid.confirmRequested', id);
    if (b.state !== 'draft') await repo.setBidState(tx, id, d.to, now);
    await recordAudit(tx, actor, now, {
      action: 'bid.edit',
      objectType: 'bid',
      objectId: id,
      before: { state: b.state, pledge: b.pledge, budgetFen: b.budget_fen, milestones: b.milestones },
      after: input,
      detail: pledgeChanged ? { pledgeVersion: after.pledge_version } : {},
    });
    return getBidTx(tx, ctx, id);
  });
}

export async function confirmParticipation(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const b = await repo.lockBid(tx, id);
    const members = b ? await repo.membersOf(tx, id) : [];
    if (!b || !members.some((m) => m.person_id === actor.personId)) throw notFound(t('notFound.bid'));
    if (b.state !== 'draft') throw new AppError('ILLEGAL_TRANSITION', t('bid.confirmWhileDraft'));
    await assertBidFirewalls(tx, (await repo.findChallenge(tx, b.challenge_id))!, b, now);
    await repo.confirmMember(tx, id, actor.personId, now);
    await recordAudit(tx, actor, now, {
      action: 'bid.confirm_member',
      objectType: 'bid',
      objectId: id,
      detail: { personId: actor.personId },
    });
  });
  return getBid(ctx, id);
}

/** The commander signs the pledge; an admin of the host organisation countersigns it. */
export async function signPledge(ctx: Ctx, id: string, as: 'commander' | 'host', pledgeVersion?: number) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const b = await repo.lockBid(tx, id);
    if (!b) throw notFound(t('notFound.bid'));
    if (as === 'commander' && b.commander_id !== actor.personId) throw forbidden(t('bid.onlyCommanderSigns'));
    if (as === 'host' && !hasRole(actor, 'admin', b.host_org_id))
      throw forbidden(t('bid.onlyHostAdminSigns'));
    if (b.state !== 'draft') throw new AppError('ILLEGAL_TRANSITION', t('bid.signWhileDraft'));
    if (pledgeVersion !== undefined && pledgeVersion !== b.pledge_version)
      throw new AppError(
        'STALE',
        t('bid.pledgeVersionChanged', { pledgeVersion: b.pledge_version }),
        'pledgeVersion',
      );
    const content = rowPledge(b);
    const digest = pledgeDigest(content);
    await repo.signPledge(tx, id, as, actor.personId, now);
    const v = await repo.signPledgeVersion(tx, {
      bidId: id,
      version: b.pledge_version,
      content,
      digest,
      as,
      by: actor.personId,
      now,
    });
    // A version's content is written once; a different digest under the same number is a bug.
    if (v.digest !== digest) throw new Error(`pledge version ${b.pledge_version} of bid ${id} changed`);
    if (as === 'commander') await bidNotice(tx, now, 'pledge.hostSignRequested', id);
    await recordAudit(tx, actor, now, {
      action: `bid.sign_pledge_${as}`,
      objectType: 'bid',
      objectId: id,
      detail: { pledgeVersion: b.pledge_version, pledgeDigest: digest },
    });
  });
  return getBid(ctx, id);
}

export async function bidAction(
  ctx: Ctx,
  id: string,
  action: Exclude<BidAction, 'award' | 'decline' | 'edit' | 'cancel'>,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const changed = await ctx.db.transaction().execute(async (tx) => {
    const b = await repo.lockBid(tx, id);
    if (!b) throw notFound(t('notFound.bid'));
    const c = (await repo.lockChallenge(tx, b.challenge_id))!;
    const viewer = bidViewer(
      actor,
      b,
      c,
      (await repo.membersOf(tx, id)).map((m) => m.person_id),
    );
    if (!seesBid(viewer)) throw notFound(t('notFound.bid'));
    const rel = new Set(challengeRelations(actor, c).has('organizer') ? ['organizer'] : []);
    if (viewer.commander) rel.add('commander');
    // Submitting twice is one submission, for the commander only: anyone else is refused whatever the state.
    if (action === 'submit' && b.state === 'submitted') {
      if (!viewer.commander)
        throw forbidden(
          t('workflow.notPermitted', {
            machine: bidMachine.label ?? bidMachine.name,
            who: 'commander',
            action,
          }),
        );
      return false;
    }
    const d = decide(bidMachine, b.state as BidState, action, rel, await bidGuard(tx, b, c, now));
    if (!d.ok) throw new AppError(d.code, d.reason);
    if (action === 'select') {
      const selected = (await repo.bidsOf(tx, c.id, ['selected'])).length;
      if (selected >= c.winner_slots)
        throw new AppError('ILLEGAL_TRANSITION', t('bid.winnerSlotsTaken', { winnerSlots: c.winner_slots }));
    }
    if (action === 'submit' || action === 'select') {
      await assertTeamNotSanctioned(tx, b, now);
      await assertBidFirewalls(tx, c, b, now);
    }
    await repo.setBidState(tx, id, d.to, now, action === 'submit');
    if (action === 'select') await bidNotice(tx, now, 'bid.selected', id);
    await recordAudit(tx, actor, now, {
      action: `bid.${action}`,
      objectType: 'bid',
      objectId: id,
      before: { state: b.state },
      after: { state: d.to },
      detail: { challengeId: c.id },
    });
    return true;
  });
  // After the submission committed: compare it with every earlier bid (重复申报). A failure
  // here never undoes the submission; it is logged and the next submission re-syncs.
  if (changed && action === 'submit') {
    await flagDuplicates(ctx.db, 'bid', id, now).catch((err) => console.error('duplicate check failed', err));
  }
  return getBid(ctx, id);
}

export async function scoreBid(
  ctx: Ctx,
  id: string,
  s: { kind: 'organizer' | 'proposer_fit'; score: number; comment: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const b = await repo.findBid(tx, id);
    if (!b) throw notFound(t('notFound.bid'));
    const c = (await repo.findChallenge(tx, b.challenge_id))!;
    const rel = challengeRelations(actor, c);
    if (!rel.size) throw notFound(t('notFound.bid'));
    if (s.kind === 'organizer' && !rel.has('organizer'))
      throw new AppError('FORBIDDEN', t('bid.onlyOrganizerScores'), 'kind');
    if (s.kind === 'proposer_fit' && !rel.has('owner'))
      throw new AppError('FORBIDDEN', t('bid.onlyProposerJudgesFit'), 'kind');
    if (c.state !== 'evaluating') throw new AppError('ILLEGAL_TRANSITION', t('bid.scoreWhileEvaluating'));
    if (!['submitted', 'selected'].includes(b.state))
      throw new AppError('ILLEGAL_TRANSITION', t('bid.notScored', { state: stateOf('bid', b.state) }));
    await assertNotSanctioned(
      tx,
      'review',
      [{ label: { zh: '您', en: 'you' }, personIds: [actor.personId], orgId: null }],
      now,
    );
    await repo.upsertScore(tx, {
      bidId: id,
      scorerId: actor.personId,
      kind: s.kind,
      score: s.score,
      comment: s.comment,
      at: now,
    });
    await recordAudit(tx, actor, now, { action: 'bid.score', objectType: 'bid', objectId: id, after: s });
  });
  return getBid(ctx, id);
}

async function getBidTx(q: Tx | Ctx['db'], ctx: Ctx, id: string) {
  const b = await repo.findBid(q, id);
  if (!b) throw notFound(t('notFound.bid'));
  const c = (await repo.findChallenge(q, b.challenge_id))!;
  const members = await repo.membersOf(q, id);
  const viewer = bidViewer(
    ctx.actor,
    b,
    c,
    members.map((m) => m.person_id),
  );
  if (!seesBid(viewer)) throw notFound(t('notFound.bid'));
  const rel = new Set<string>();
  if (viewer.commander) rel.add('commander');
  if (challengeRelations(ctx.actor, c).has('organizer')) rel.add('organizer');
  const scores = viewer.evaluator || c.state === 'awarded' ? await repo.scoresOf(q, [id]) : [];
  const [commander] = await repo.personNames(q, [b.commander_id]);
  const host = await accounts.findOrganisation(q, b.host_org_id);
  const guard = await bidGuard(q, b, c, ctx.now());
  const ethics = await repo.ethicsReviewOf(q, b.id);
  const hostOrg = { id: b.host_org_id, nameZh: host?.name_zh ?? '', nameEn: host?.name_en ?? '' };
  const commanderRef = {
    id: b.commander_id,
    nameZh: commander?.name_zh ?? '',
    nameEn: commander?.name_en ?? '',
  };
  return {
    id: b.id,
    challengeId: b.challenge_id,
    challengeTitleZh: c.title_zh,
    challengeTitleEn: c.title_en,
    challenge: { id: c.id, nameZh: c.title_zh, nameEn: c.title_en },
    challengeState: c.state,
    deadline: c.deadline.toISOString(),
    budgetCeilingFen: c.budget_ceiling_fen,
    state: b.state,
    version: b.version,
    hostOrgId: b.host_org_id,
    hostOrgName: host?.name_zh ?? '',
    hostOrg,
    commanderId: b.commander_id,
    commanderName: commander ? commander.name_zh || commander.name_en : '',
    commander: commanderRef,
    /** What the draft still needs before it can be submitted, and who must act; empty once it can be. */
    missing:
      b.state === 'draft'
        ? await missingForSubmission(q, ctx.locale ?? 'zh-CN', b, guard, members, commanderRef, hostOrg)
        : [],
    technicalRoute: b.technical_route,
    budgetFen: b.budget_fen,
    milestones: b.milestones as BidInput['milestones'],
    pledge: b.pledge as BidInput['pledge'],
    pledgeVersion: b.pledge_version,
    pledgeDigest: pledgeDigest(rowPledge(b)),
    pledgeVersions: (await repo.pledgeVersionsOf(q, b.id)).map((v) => ({
      version: v.version,
      digest: v.digest,
      commanderSignedBy: v.signed_commander_at ? v.commander_zh || v.commander_en || '' : null,
      commanderSigner: v.signed_commander_at
        ? { nameZh: v.commander_zh ?? '', nameEn: v.commander_en ?? '' }
        : null,
      commanderSignedAt: v.signed_commander_at?.toISOString() ?? null,
      hostSignedBy: v.signed_host_at ? v.host_zh || v.host_en || '' : null,
      hostSigner: v.signed_host_at ? { nameZh: v.host_zh ?? '', nameEn: v.host_en ?? '' } : null,
      hostSignedAt: v.signed_host_at?.toISOString() ?? null,
    })),
    ethicsCategories: b.ethics_categories,
    ethicsReview: ethics
      ? {
          id: ethics.id,
          state: ethics.state,
          conditions: ethics.conditions,
          dueAt: ethics.dueAt.toISOString(),
        }
      : null,
    /** The challenge's targets the milestones name by id. */
    targets: (await repo.targetsOf(q, c.id)).map((x) => ({ id: x.id, metric: x.metric, unit: x.unit })),
    /** Who the reader is to this bid (the buttons it may show). */
    viewer,
    pledgeSignedByCommander: !!b.pledge_signed_commander_at,
    pledgeSignedByHost: !!b.pledge_signed_host_at,
    submittedAt: b.submitted_at?.toISOString() ?? null,
    members: members.map((m) => ({
      personId: m.person_id,
      name: m.name_zh || m.name_en,
      nameZh: m.name_zh,
      nameEn: m.name_en,
      title: m.title,
      role: m.role,
      confirmed: !!m.confirmed_at,
    })),
    scores: scores.map((s) => ({ kind: s.kind, score: Number(s.score), comment: s.comment })),
    actions: availableActions(bidMachine, b.state as BidState, rel, guard),
  };
}

type Ref = { id: string; nameZh: string; nameEn: string };

/**
 * The submission checklist of a draft bid: each condition the bid machine's submit guard checks
 * that is not met yet, said in the reader's language, with who must act.
 */
async function missingForSubmission(
  q: Tx | Ctx['db'],
  locale: Locale,
  b: repo.BidRow,
  g: BidGuard,
  members: Awaited<ReturnType<typeof repo.membersOf>>,
  commander: Ref,
  hostOrg: Ref,
): Promise<MissingItem[]> {
  const out: MissingItem[] = [];
  const say = (key: string, params?: MessageParams) => render(t(key, params), locale);
  const name = (r: { nameZh: string; nameEn: string }) => nameIn(locale, r.nameZh, r.nameEn);
  if (g.challengeState !== 'published' || g.now >= g.deadline)
    out.push({ code: 'bidding_closed', what: say('bid.missing.biddingClosed'), who: '' });
  for (const m of members.filter((x) => !x.confirmed_at)) {
    const who = nameIn(locale, m.name_zh, m.name_en);
    out.push({
      code: 'member_confirmation',
      what: say('bid.missing.memberConfirmation', { name: who }),
      who,
    });
  }
  if (!g.pledgeSigned) {
    const signed = await repo.pledgeVersionOf(q, b.id, b.pledge_version);
    const version = b.pledge_version;
    if (!b.pledge_signed_commander_at || !signed?.signed_commander_at)
      out.push({
        code: 'commander_signature',
        what: say('bid.missing.commanderSignature', { version }),
        who: name(commander),
      });
    if (!b.pledge_signed_host_at || !signed?.signed_host_at) {
      const admins = await repo.hostAdmins(q, b.host_org_id);
      const org = { zh: hostOrg.nameZh, en: hostOrg.nameEn };
      out.push({
        code: 'host_signature',
        what: say('bid.missing.hostSignature', { org, version }),
        who: admins.length
          ? admins.map((a) => nameIn(locale, a.name_zh, a.name_en)).join(locale === 'en' ? ', ' : '、')
          : say('bid.missing.hostAdmins', { org }),
      });
    }
  }
  if (!g.budgetOk)
    out.push({ code: 'budget', what: say('bid.missing.budgetOverCeiling'), who: name(commander) });
  return out;
}

export const getBid = (ctx: Ctx, id: string) => getBidTx(ctx.db, ctx, id);

/** Bids of a challenge, one page: its organizers and proposer once bidding closed; a commander sees their own. */
export async function listBids(ctx: Ctx, challengeId: string, q: ChallengeBidsQuery) {
  const actor = requireActor(ctx.actor);
  const c = await repo.findChallenge(ctx.db, challengeId);
  if (!c) throw notFound(t('notFound.challenge'));
  const evaluator =
    challengeRelations(actor, c).size > 0 && ['evaluating', 'notice', 'awarded'].includes(c.state);
  const rows = await repo.bidsOf(
    ctx.db,
    challengeId,
    evaluator ? ['submitted', 'selected', 'awarded', 'not_selected'] : undefined,
  );
  const visible = (evaluator ? rows : rows.filter((b) => b.commander_id === actor.personId)).filter(
    (b) => !q.state || b.state === q.state,
  );
  const scores = evaluator
    ? await repo.scoresOf(
        ctx.db,
        visible.map((b) => b.id),
      )
    : [];
  const [people, orgs] = await Promise.all([
    repo.personNames(
      ctx.db,
      visible.map((b) => b.commander_id),
    ),
    repo.orgNames(ctx.db, [...new Set(visible.map((b) => b.host_org_id))]),
  ]);
  const names = new Map(people.map((p) => [p.id, p]));
  const orgNames = new Map(orgs.map((o) => [o.id, o]));
  // Expert ranking when a review round has ranked the bids, else the organizer's scores.
  const evaluation = evaluator
    ? await evaluationOf(
        ctx.db,
        challengeId,
        visible.map((b) => ({ id: b.id, submittedAt: b.submitted_at })),
      )
    : null;
  const evaluated = new Map(evaluation?.rows.map((r) => [r.bidId, r]));
  const order = new Map(evaluation?.rows.map((r, i) => [r.bidId, i]));
  const items = visible.map((b) => {
    const mine = scores.filter((s) => s.bid_id === b.id);
    const avg = (kind: string) => {
      const xs = mine.filter((s) => s.kind === kind).map((s) => Number(s.score));
      return xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
    };
    const e = evaluated.get(b.id);
    const p = names.get(b.commander_id);
    const o = orgNames.get(b.host_org_id);
    return {
      id: b.id,
      state: b.state,
      commanderName: p ? p.name_zh || p.name_en : '',
      commander: { id: b.commander_id, nameZh: p?.name_zh ?? '', nameEn: p?.name_en ?? '' },
      hostOrg: { id: b.host_org_id, nameZh: o?.name_zh ?? '', nameEn: o?.name_en ?? '' },
      budgetFen: b.budget_fen,
      submittedAt: b.submitted_at?.toISOString() ?? null,
      organizerScore: avg('organizer'),
      proposerFit: avg('proposer_fit'),
      evaluation:
        evaluation && e
          ? {
              source: evaluation.source,
              score: e.score,
              rank: e.rank,
              standardError: e.standardError,
              count: e.count,
              decision: evaluation.decision,
            }
          : null,
    };
  });
  // Few bids per challenge: sorted here (the ranking is computed, not stored), then paged.
  const sign = q.order === 'asc' ? 1 : -1;
  const key: Record<ChallengeBidsQuery['sort'], (x: (typeof items)[number]) => number | string> = {
    rank: (x) => order.get(x.id) ?? 0,
    submittedAt: (x) => x.submittedAt ?? '',
    budget: (x) => x.budgetFen,
  };
  const by = key[q.sort];
  items.sort((x, y) => {
    const a = by(x);
    const b = by(y);
    return (a < b ? -1 : a > b ? 1 : 0) * sign || x.id.localeCompare(y.id);
  });
  const from = offsetOf(q);
  return {
    items: items.slice(from, from + q.pageSize),
    total: items.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Bids the person leads or belongs to, one page, with names for the challenge, commander and host. */
export async function myBids(ctx: Ctx, q: MyBidsQuery) {
  const actor = requireActor(ctx.actor);
  const { rows, total } = await repo.bidsOfPerson(
    ctx.db,
    actor.personId,
    { state: q.state },
    { sort: q.sort, order: q.order, offset: offsetOf(q), limit: q.pageSize },
  );
  return {
    items: rows.map((b) => ({
      id: b.id,
      state: b.state,
      challenge: { id: b.challenge_id, nameZh: b.title_zh, nameEn: b.title_en },
      challengeState: b.challenge_state,
      deadline: b.deadline.toISOString(),
      isCommander: b.commander_id === actor.personId,
      commander: { id: b.commander_id, nameZh: b.commander_name_zh, nameEn: b.commander_name_en },
      hostOrg: { id: b.host_org_id, nameZh: b.host_name_zh, nameEn: b.host_name_en },
      budgetFen: b.budget_fen,
      submittedAt: b.submitted_at?.toISOString() ?? null,
      updatedAt: b.updated_at.toISOString(),
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
