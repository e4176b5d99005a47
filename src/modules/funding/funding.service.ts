// Use-cases of funding. Concurrency: every posting that could take a floor account below zero
// runs under SELECT … FOR UPDATE on the row that owns the account — the fund row for `available:`
// (appropriations, commitments, closings, reversals), the award row for the award's accounts
// (releases, expenses, refunds, closing) — and reads the balances after taking the lock. Under
// READ COMMITTED each statement sees everything committed before it, so the check and the write
// see the same balance. We chose row locks over SERIALIZABLE-with-retry: contention is on one
// known row, waiting is cheaper than retrying whole requests, and it behaves the same on PGlite
// (one session) and PostgreSQL. Lock order is always funds (by id) → award, so no deadlocks.

import { randomUUID } from 'node:crypto';
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import { entries } from '../../core/ledger/grants.ts';
import { type Entry, reversal } from '../../core/ledger/ledger.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { nameRef } from '../../http/names.ts';
import { offsetOf } from '../../http/paging.ts';
import { DEFAULT_LOCALE } from '../../i18n/locale.ts';
import { type Msg, t as msg, render } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { hasRole, isPlatformAdmin } from '../accounts/accounts.policy.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { canSeeChallenge, requireActor, taskBookRelations } from '../challenges/challenges.access.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import { assertNotSanctioned, logSensitiveRead } from '../integrity/integrity.service.ts';
import { trancheNotice } from '../notifications/events.ts';
import { type EntryKind, heldBefore, postEntry } from './funding.ledger.ts';
import * as repo from './funding.repo.ts';
import type {
  AwardBody,
  BurdenBody,
  ExpenseBody,
  FundBody,
  RefundBody,
  RulesBody,
} from './funding.schema.ts';
import {
  type Budget,
  budgetProblem,
  CATEGORIES,
  type CallRules,
  DEFAULT_RULES,
  type ExpenseLine,
  grade,
  type NegativeItem,
  negativeListHit,
  reportingInterval,
  scheduleFromTaskBook,
  summariseBurden,
  TRUST_RULE,
} from './funding.ts';

type Q = Tx | Ctx['db'];
const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;

async function audit(
  tx: Tx,
  actor: Actor,
  now: Date,
  type: string,
  id: string,
  action: string,
  detail: Record<string, unknown>,
) {
  await recordAudit(tx, actor, now, {
    action: `funding.${action}`,
    objectType: type,
    objectId: id,
    after: detail,
    detail,
  });
}

// ── access ──
/** Who may manage a fund: organizers of the agency (programme) or proposers of the listing organisation (co-funding). */
async function fundRelations(q: Q, actor: Actor | null, f: repo.FundRow): Promise<Set<string>> {
  const r = new Set<string>();
  if (!actor) return r;
  if (f.kind === 'programme' && hasRole(actor, 'organizer', f.org_id)) r.add('manager');
  if (f.kind === 'cofund') {
    if (hasRole(actor, 'proposer', f.org_id)) r.add('manager');
    const c = f.challenge_id ? await challenges.findChallenge(q, f.challenge_id) : undefined;
    if (c && hasRole(actor, 'organizer', c.organiser_org_id)) r.add('viewer');
  }
  if (isPlatformAdmin(actor)) r.add('viewer');
  return r;
}

interface AwardCtx {
  a: repo.AwardRow;
  t: challenges.TaskBookRow;
  b: challenges.BidRow;
  c: challenges.ChallengeRow;
  rel: Set<string>;
}

async function awardCtx(q: Q, actor: Actor | null, a: repo.AwardRow): Promise<AwardCtx> {
  const t = (await challenges.findTaskBook(q, a.task_book_id))!;
  const b = (await challenges.findBid(q, a.bid_id))!;
  const c = (await challenges.findChallenge(q, a.challenge_id))!;
  const rel = taskBookRelations(actor, b, c);
  if (actor) {
    const members = await challenges.membersOf(q, b.id);
    if (members.some((m) => m.person_id === actor.personId)) rel.add('member');
    if (hasRole(actor, 'admin', b.host_org_id)) rel.add('host');
    if (isPlatformAdmin(actor)) rel.add('admin');
  }
  return { a, t, b, c, rel };
}

const requireOrganizer = (x: AwardCtx) => {
  if (!x.rel.size) throw notFound(msg('notFound.award'));
  if (!x.rel.has('organizer')) throw forbidden(msg('funding.onlyChallengeOrganizers'));
};

async function rulesOf(q: Q, challengeId: string): Promise<CallRules> {
  const r = await repo.findRule(q, challengeId);
  if (!r) return DEFAULT_RULES;
  return {
    budgetMode: r.budget_mode as CallRules['budgetMode'],
    indirectCapPct: r.indirect_cap_pct,
    negativeList: r.negative_list as NegativeItem[],
    surplus: r.surplus as CallRules['surplus'],
  };
}

// ── funds ──
export async function createFund(ctx: Ctx, input: FundBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    let orgId: string;
    let challengeId: string | null = null;
    let nameZh: string;
    let nameEn: string;
    if (input.kind === 'programme') {
      if (!hasRole(actor, 'organizer', input.orgId))
        throw new AppError('FORBIDDEN', msg('funding.onlyAgencyOrganizers'), 'orgId');
      orgId = input.orgId;
      nameZh = input.nameZh;
      nameEn = input.nameEn;
    } else {
      const c = await challenges.lockChallenge(tx, input.challengeId);
      if (!c) throw new AppError('VALIDATION', msg('funding.noSuchChallenge'), 'challengeId');
      if (!hasRole(actor, 'proposer', c.org_id))
        throw new AppError('FORBIDDEN', msg('funding.onlyProposerCofund'), 'challengeId');
      if (await repo.cofundOf(tx, c.id))
        throw new AppError('DUPLICATE', msg('funding.cofundExists'), 'challengeId');
      orgId = c.org_id;
      challengeId = c.id;
      nameZh = `${c.title_zh} · 发榜方配套`;
      nameEn = c.title_en ? `${c.title_en} · proposer co-funding` : 'proposer co-funding';
    }
    const f = await repo.insertFund(tx, {
      kind: input.kind,
      orgId,
      challengeId,
      nameZh,
      nameEn,
      year: input.fiscalYear,
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, 'fund', f.id, 'fund.create', { ...input });
    return f.id;
  });
  return getFund(ctx, id);
}

export async function appropriate(ctx: Ctx, id: string, amountFen: number, memo: string, key?: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const [f] = await repo.lockFunds(tx, [id]);
    if (!f) throw notFound(msg('notFound.fund'));
    const rel = await fundRelations(tx, actor, f);
    if (!rel.size) throw notFound(msg('notFound.fund'));
    if (!rel.has('manager')) throw forbidden(msg('funding.onlyManagersAppropriate'));
    const entryKey = `appropriation:${f.id}:${key ?? randomUUID()}`;
    if (key && (await repo.entryByKey(tx, entryKey))) return;
    const e = entries.appropriation(entryKey, f.id, amountFen);
    if (memo) e.memo = `${e.memo}: ${memo}`;
    const row = await postEntry(
      tx,
      e,
      { kind: 'appropriation', fundId: f.id, awardId: null, by: actor.personId, now },
      () => new AppError('VALIDATION', msg('funding.refused'), 'amountFen'),
    );
    await audit(tx, actor, now, 'fund', f.id, 'appropriate', { amountFen, memo, entryId: row.id });
  });
  return getFund(ctx, id);
}

async function fundFigures(q: Q, f: repo.FundRow) {
  const bal = await repo.balances(q, [`appropriation:${f.id}`, `available:${f.id}`, `returned:${f.id}`]);
  const awards = await repo.awardsOfFund(q, f.id);
  const awardBal = awards.length
    ? await repo.balancesLike(
        q,
        awards.flatMap((a) => [
          `committed:${a.id}`,
          `disbursed:${a.id}`,
          `spent:${a.id}:`,
          `retained:${a.id}`,
        ]),
      )
    : [];
  const sumKind = (kind: string) =>
    awardBal.filter((b) => b.kind === kind).reduce((s, b) => s + b.balance, 0);
  return {
    appropriatedFen: bal.get(`appropriation:${f.id}`) ?? 0,
    availableFen: bal.get(`available:${f.id}`) ?? 0,
    committedFen: sumKind('committed'),
    disbursedFen: sumKind('disbursed'),
    spentFen: sumKind('spent'),
    retainedFen: sumKind('retained'),
    returnedFen: bal.get(`returned:${f.id}`) ?? 0,
    awards,
  };
}

function presentFund(f: repo.FundRow, rel: Set<string>) {
  return {
    id: f.id,
    kind: f.kind,
    orgId: f.org_id,
    challengeId: f.challenge_id,
    nameZh: f.name_zh,
    nameEn: f.name_en,
    fiscalYear: f.fiscal_year,
    canManage: rel.has('manager'),
  };
}

export async function listFunds(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const out = [];
  for (const f of await repo.allFunds(ctx.db)) {
    const rel = await fundRelations(ctx.db, actor, f);
    if (!rel.size) continue;
    const { awards: _a, ...fig } = await fundFigures(ctx.db, f);
    out.push({ ...presentFund(f, rel), ...fig });
  }
  return out;
}

/** The fund dashboard: figures, awards and the month-by-month series of commitments, releases and spending. */
export async function getFund(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const f = await repo.findFund(ctx.db, id);
  if (!f) throw notFound(msg('notFound.fund'));
  const rel = await fundRelations(ctx.db, actor, f);
  if (!rel.size) throw notFound(msg('notFound.fund'));
  const fig = await fundFigures(ctx.db, f);
  const lines = await repo.journal(ctx.db, { fundId: f.id });
  const months = new Map<string, { committedFen: number; disbursedFen: number; spentFen: number }>();
  const seen = new Set<string>();
  for (const l of lines) {
    const m = l.posted_at.toISOString().slice(0, 7);
    const row = months.get(m) ?? { committedFen: 0, disbursedFen: 0, spentFen: 0 };
    months.set(m, row);
    if (l.side !== 'debit') continue;
    const key = `${l.id}:${l.line_no}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (l.kind === 'commitment' && l.account.startsWith('committed:')) row.committedFen += l.amount_fen;
    if (l.kind === 'release' && l.account.startsWith('disbursed:')) row.disbursedFen += l.amount_fen;
    if (l.kind === 'expense' && l.account.startsWith('spent:')) row.spentFen += l.amount_fen;
  }
  return {
    ...presentFund(f, rel),
    appropriatedFen: fig.appropriatedFen,
    availableFen: fig.availableFen,
    committedFen: fig.committedFen,
    disbursedFen: fig.disbursedFen,
    spentFen: fig.spentFen,
    retainedFen: fig.retainedFen,
    returnedFen: fig.returnedFen,
    byMonth: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v })),
    awards: await Promise.all(
      fig.awards.map(async (a) => {
        const c = await challenges.findChallenge(ctx.db, a.challenge_id);
        return {
          id: a.id,
          state: a.state,
          amountFen: a.amount_fen,
          challengeTitleZh: c?.title_zh ?? '',
          challengeTitleEn: c?.title_en ?? '',
        };
      }),
    ),
  };
}

// ── call rules ──
export async function setRules(ctx: Ctx, challengeId: string, input: RulesBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const c = await challenges.lockChallenge(tx, challengeId);
    if (!c) throw notFound(msg('notFound.challenge'));
    if (!hasRole(actor, 'organizer', c.organiser_org_id))
      throw forbidden(msg('funding.onlyOrganizersSetRules'));
    const negativeList = input.negativeList ?? (await rulesOf(tx, challengeId)).negativeList;
    await repo.upsertRule(tx, { challengeId, ...input, negativeList, by: actor.personId, now });
    await audit(tx, actor, now, 'challenge', challengeId, 'rules', { ...input, negativeList });
  });
  return getRules(ctx, challengeId);
}

export async function getRules(ctx: Ctx, challengeId: string) {
  const actor = requireActor(ctx.actor);
  const c = await challenges.findChallenge(ctx.db, challengeId);
  if (!c || !canSeeChallenge(actor, c)) throw notFound(msg('notFound.challenge'));
  return { challengeId, ...(await rulesOf(ctx.db, challengeId)), trustRule: TRUST_RULE };
}

// ── awards: the commitment ──
export async function createAward(ctx: Ctx, input: AwardBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const t = await challenges.lockTaskBook(tx, input.taskBookId);
    if (!t) throw new AppError('VALIDATION', msg('funding.noSuchTaskBook'), 'taskBookId');
    const b = (await challenges.findBid(tx, t.bid_id))!;
    const c = (await challenges.findChallenge(tx, t.challenge_id))!;
    if (!taskBookRelations(actor, b, c).has('organizer')) throw forbidden(msg('funding.onlyOrganizersFund'));
    if (!['drafting', 'active'].includes(t.state))
      throw new AppError(
        'VALIDATION',
        msg('funding.taskBookNotFundable', { state: stateOf('taskBook', t.state) }),
        'taskBookId',
      );
    if (await repo.awardOfTaskBook(tx, t.id))
      throw new AppError('DUPLICATE', msg('funding.taskBookFunded'), 'taskBookId');
    const rules = await rulesOf(tx, c.id);
    const amount = t.budget_fen;
    const problem = budgetProblem(input.budget as Budget, amount, rules);
    if (problem) throw new AppError('VALIDATION', problem.message, problem.field);
    const fund = await repo.findFund(tx, input.fundId);
    if (fund?.kind !== 'programme' || fund.org_id !== c.organiser_org_id)
      throw new AppError('VALIDATION', msg('funding.notAgencyFund'), 'fundId');
    if (input.cofundFen > amount)
      throw new AppError('VALIDATION', msg('funding.cofundOverAward', { amount }), 'cofundFen');
    const cofund = input.cofundFen > 0 ? await repo.cofundOf(tx, c.id) : undefined;
    if (input.cofundFen > 0 && !cofund)
      throw new AppError('VALIDATION', msg('funding.noCofundAccount'), 'cofundFen');
    await assertNotSanctioned(
      tx,
      'funds',
      [{ label: { zh: '该团队', en: 'the team' }, personIds: [b.commander_id], orgId: b.host_org_id }],
      now,
      'taskBookId',
    );
    await repo.lockFunds(tx, [fund.id, ...(cofund ? [cofund.id] : [])]);
    const track = await repo.trackOfOrg(tx, b.host_org_id);
    const trust = reportingInterval(
      track.map((r) => ({ grade: r.grade as 'A', integrityClean: r.integrity_clean })),
    );
    const a = await repo.insertAward(tx, {
      taskBookId: t.id,
      challengeId: c.id,
      bidId: b.id,
      fundId: fund.id,
      cofundId: cofund?.id ?? null,
      amountFen: amount,
      cofundFen: input.cofundFen,
      budgetMode: input.budget.mode,
      budget: input.budget,
      reportEveryMonths: trust.months,
      by: actor.personId,
      now,
    });
    const e = entries.commitment(`commitment:${a.id}`, a.id, [
      { fund: fund.id, amount: amount - input.cofundFen },
      ...(cofund ? [{ fund: cofund.id, amount: input.cofundFen }] : []),
    ]);
    await postEntry(
      tx,
      e,
      { kind: 'commitment', fundId: fund.id, awardId: a.id, by: actor.personId, now },
      (p) => {
        const have = heldBefore(p, e, p.account);
        const isCofund = cofund && p.account === `available:${cofund.id}`;
        return new AppError(
          'VALIDATION',
          msg('funding.insufficient', {
            value: isCofund ? 'the co-funding account' : 'the fund',
            have: yuan(have),
            value2: yuan(isCofund ? input.cofundFen : amount - input.cofundFen),
          }),
          isCofund ? 'cofundFen' : 'fundId',
        );
      },
    );
    for (const p of scheduleFromTaskBook(
      t.tranches as { label: string; amountFen: number }[],
      c.mode === 'race',
    ))
      await repo.insertTranche(tx, { awardId: a.id, ...p });
    await audit(tx, actor, now, 'funding_award', a.id, 'award.commit', {
      taskBookId: t.id,
      fundId: fund.id,
      amountFen: amount,
      cofundFen: input.cofundFen,
      reportEveryMonths: trust.months,
      trust: trust.level,
    });
    return a.id;
  });
  return getAward(ctx, id);
}

// ── tranches ──
/** Is the tranche's condition met? Returns the evidence to record, or the reason it is not. */
async function conditionOf(
  q: Q,
  x: AwardCtx,
  tr: repo.TrancheRow,
): Promise<{ ok: true; evidence: Record<string, unknown> } | { ok: false; reason: Msg }> {
  if (x.t.state === 'misconduct' || x.t.state === 'honest_failure')
    return {
      ok: false,
      reason: msg('funding.taskBookClosedAs', { replace: x.t.state.replace('_', ' ') }),
    };
  if (tr.condition === 'signing') {
    if (!x.t.signed_proposer_at || !x.t.signed_commander_at)
      return { ok: false, reason: msg('funding.taskBookUnsigned') };
    return {
      ok: true,
      evidence: {
        signedProposerAt: x.t.signed_proposer_at.toISOString(),
        signedCommanderAt: x.t.signed_commander_at.toISOString(),
      },
    };
  }
  if (tr.condition === 'milestone') {
    const reports = await challenges.reportsOf(q, x.t.id);
    const r = reports.find((m) => m.milestone_no === tr.milestone_no && m.review_state === 'accepted');
    if (!r)
      return {
        ok: false,
        reason: msg('funding.milestoneNotAccepted', { milestoneNo: (tr.milestone_no ?? 0) + 1 }),
      };
    return { ok: true, evidence: { reportId: r.id, milestoneNo: r.milestone_no, reviewedBy: r.reviewed_by } };
  }
  return { ok: false, reason: msg('funding.raceTrancheByGate') };
}

export async function releaseTranche(ctx: Ctx, awardId: string, no: number, key: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.lockAward(tx, awardId);
    if (!a) throw notFound(msg('notFound.award'));
    const x = await awardCtx(tx, actor, a);
    requireOrganizer(x);
    const replay = await repo.trancheByKey(tx, key);
    if (replay) {
      if (replay.award_id === awardId && replay.no === no) return;
      throw new AppError('IDEMPOTENCY_MISMATCH', msg('funding.idempotencyKeyReused'), 'idempotency-key');
    }
    if (a.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('funding.awardClosed'));
    const tr = (await repo.tranchesOf(tx, awardId)).find((t) => t.no === no);
    if (!tr) throw notFound(msg('notFound.tranche'));
    if (tr.state === 'released')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        msg('funding.trancheReleasedOn', {
          no: no + 1,
          releasedAt: tr.released_at?.toISOString().slice(0, 10) ?? '',
        }),
      );
    const cond = await conditionOf(tx, x, tr);
    if (!cond.ok) throw new AppError('ILLEGAL_TRANSITION', cond.reason);
    await assertNotSanctioned(
      tx,
      'funds',
      [{ label: { zh: '该团队', en: 'the team' }, personIds: [x.b.commander_id], orgId: x.b.host_org_id }],
      now,
    );
    const e = entries.release(`tranche:${tr.id}`, a.id, tr.amount_fen);
    const entry = await postEntry(
      tx,
      e,
      { kind: 'release', fundId: null, awardId: a.id, by: actor.personId, now },
      (p) =>
        new AppError(
          'ILLEGAL_TRANSITION',
          msg('funding.onlyCommitted', { p: yuan(heldBefore(p, e, p.account)) }),
        ),
    );
    const done = await repo.markReleased(tx, tr.id, {
      key,
      entryId: entry.id,
      by: actor.personId,
      now,
      evidence: cond.evidence,
    });
    if (!done) throw new AppError('ILLEGAL_TRANSITION', msg('funding.trancheReleased', { no: no + 1 }));
    await trancheNotice(tx, now, a.id, no, tr.amount_fen);
    await audit(tx, actor, now, 'funding_award', a.id, 'tranche.release', {
      no,
      amountFen: tr.amount_fen,
      evidence: cond.evidence,
      entryId: entry.id,
    });
  });
  return getAward(ctx, awardId);
}

/**
 * Called by the race right after it inserts a race tranche, in the same transaction: the release
 * is booked on the team's funding award there and then (never twice: a tranche already booked
 * under the race tranche's key is 'already'; never for an eliminated team: the race's trigger
 * refuses the tranche first; never beyond the team's award: the commitment's floor refuses it, and
 * with it the whole gate decision, with the reason). A team without an award is refused when the
 * race is funded (`funded`: some team of it has an award) and reported 'unfunded' otherwise, never
 * skipped silently.
 */
export async function bookRaceTranche(
  tx: Tx,
  by: string,
  now: Date,
  r: { raceId: string; teamId: string; stageNo: number; funded: boolean },
): Promise<'booked' | 'already' | 'unfunded'> {
  const rt = await repo.raceTranche(tx, r.raceId, r.teamId, r.stageNo);
  if (!rt) throw new Error(`no race tranche for team ${r.teamId} at stage ${r.stageNo}`);
  if (await repo.trancheByKey(tx, `race_tranche:${rt.id}`)) return 'already';
  const found = await repo.awardOfBid(tx, rt.bid_id);
  if (!found) {
    if (!r.funded) return 'unfunded';
    throw new AppError('ILLEGAL_TRANSITION', msg('funding.teamWithoutAward', { entryNo: rt.entry_no }));
  }
  const a = (await repo.lockAward(tx, found.id))!;
  if (a.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('funding.teamAwardClosed'));
  const no = r.stageNo;
  const tr = await repo.insertTranche(tx, {
    awardId: a.id,
    no,
    label: no === 0 ? '赛马签约首付 / race signing' : `赛马第 ${no} 关 / race gate ${no}`,
    amountFen: rt.amount_fen,
    condition: 'gate',
    milestoneNo: null,
  });
  const e = entries.release(`tranche:${tr.id}`, a.id, rt.amount_fen);
  const entry = await postEntry(
    tx,
    e,
    { kind: 'release', fundId: null, awardId: a.id, by, now },
    (p) =>
      new AppError(
        'ILLEGAL_TRANSITION',
        msg('funding.teamOnlyCommitted', {
          entryNo: rt.entry_no,
          p: yuan(heldBefore(p, e, p.account)),
          amountFen: yuan(rt.amount_fen),
        }),
      ),
  );
  await repo.markReleased(tx, tr.id, {
    key: `race_tranche:${rt.id}`,
    entryId: entry.id,
    by,
    now,
    evidence: { raceTrancheId: rt.id, gateId: rt.gate_id, stageNo: no },
  });
  return 'booked';
}

// ── expenses ──
export async function submitExpenses(ctx: Ctx, awardId: string, input: ExpenseBody, key?: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.lockAward(tx, awardId);
    if (!a) throw notFound(msg('notFound.award'));
    const x = await awardCtx(tx, actor, a);
    if (!x.rel.size) throw notFound(msg('notFound.award'));
    if (!x.rel.has('commander') && !x.rel.has('member'))
      throw forbidden(msg('funding.onlyTeamReportsSpending'));
    const k = key ?? randomUUID();
    if (key && (await repo.entryByKey(tx, `expense:${a.id}:${k}:0`))) return;
    if (a.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('funding.awardClosed'));
    if (input.period > now.toISOString().slice(0, 7))
      throw new AppError('VALIDATION', msg('funding.futureMonth'), 'period');
    const burdenSecs = input.burden
      ? burdenSeconds(input.burden.openedAt, now, a.created_at, 'burden.openedAt')
      : 0;
    const rules = await rulesOf(tx, a.challenge_id);
    input.lines.forEach((l, i) => {
      const hit = negativeListHit(l, rules.negativeList, `lines.${i}`);
      if (hit) throw new AppError('VALIDATION', hit.message, hit.field);
    });
    if (a.budget_mode === 'categorised') {
      const budget = (a.budget as { categories: Record<string, number> }).categories;
      const spent = await repo.balances(
        tx,
        CATEGORIES.map((c) => `spent:${a.id}:${c}`),
      );
      const running = new Map<string, number>();
      input.lines.forEach((l, i) => {
        const so = (running.get(l.category) ?? spent.get(`spent:${a.id}:${l.category}`) ?? 0) + l.amountFen;
        running.set(l.category, so);
        if (so > budget[l.category])
          throw new AppError(
            'VALIDATION',
            msg('funding.categoryOverBudget', {
              category: l.category,
              so: yuan(so),
              budget: yuan(budget[l.category]),
            }),
            `lines.${i}.amountFen`,
          );
      });
    }
    const ids: string[] = [];
    for (const [i, l] of input.lines.entries()) {
      const e = entries.spend(`expense:${a.id}:${k}:${i}`, a.id, l.category, l.amountFen);
      e.memo = `${l.category} · ${l.description}`.slice(0, 500);
      const entry = await postEntry(
        tx,
        e,
        { kind: 'expense', fundId: null, awardId: a.id, by: actor.personId, now },
        (p) =>
          new AppError(
            'VALIDATION',
            msg('funding.exceedsUnspent', {
              p: yuan(heldBefore(p, e, p.account) + sumBefore(input.lines, i)),
            }),
            `lines.${i}.amountFen`,
          ),
      );
      await repo.insertExpense(tx, {
        awardId: a.id,
        period: input.period,
        category: l.category,
        kind: l.kind,
        description: l.description,
        amountFen: l.amountFen,
        entryId: entry.id,
        by: actor.personId,
        now,
      });
      ids.push(entry.id);
    }
    if (input.burden) {
      await repo.insertBurden(tx, {
        form: 'expense',
        challengeId: a.challenge_id,
        personId: actor.personId,
        fieldsTotal: input.burden.fieldsTotal,
        fieldsPrefilled: Math.min(input.burden.fieldsPrefilled, input.burden.fieldsTotal),
        documents: input.burden.documents,
        seconds: burdenSecs,
        now,
      });
    }
    await audit(tx, actor, now, 'funding_award', a.id, 'expense', {
      period: input.period,
      lines: input.lines,
      entryIds: ids,
    });
  });
  return getAward(ctx, awardId);
}
const sumBefore = (lines: ExpenseLine[], i: number) => lines.slice(0, i).reduce((s, l) => s + l.amountFen, 0);

export async function recordRefund(ctx: Ctx, awardId: string, input: RefundBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a = await repo.lockAward(tx, awardId);
    if (!a) throw notFound(msg('notFound.award'));
    const x = await awardCtx(tx, actor, a);
    if (!x.rel.size) throw notFound(msg('notFound.award'));
    if (!x.rel.has('commander') && !x.rel.has('member'))
      throw forbidden(msg('funding.onlyTeamReportsRefunds'));
    if (a.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('funding.awardClosed'));
    const e = entries.refund(`refund:${a.id}:${randomUUID()}`, a.id, input.category, input.amountFen);
    e.memo = `${input.category} refund · ${input.description}`.slice(0, 500);
    const entry = await postEntry(
      tx,
      e,
      { kind: 'refund', fundId: null, awardId: a.id, by: actor.personId, now },
      (p) =>
        new AppError(
          'VALIDATION',
          msg('funding.refundOverSpent', { p: yuan(heldBefore(p, e, p.account)), category: input.category }),
          'amountFen',
        ),
    );
    await repo.insertExpense(tx, {
      awardId: a.id,
      period: input.period,
      category: input.category,
      kind: 'refund',
      description: input.description,
      amountFen: -input.amountFen,
      entryId: entry.id,
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, 'funding_award', a.id, 'refund', { ...input, entryId: entry.id });
  });
  return getAward(ctx, awardId);
}

// ── reversal ──
const REVERSIBLE = new Set(['appropriation', 'expense', 'refund']);

/** Correct a wrong entry by a reversing entry (never by editing it). Releases, commitments and closings are facts of their own and are not reversed. */
export async function reverseEntry(ctx: Ctx, entryId: string, reason: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const e = await repo.findEntry(tx, entryId);
    if (!e) throw notFound(msg('notFound.journalEntry'));
    // Who may correct it comes first: to anyone else the entry (and its kind) does not exist.
    if (e.fund_id) {
      const [f] = await repo.lockFunds(tx, [e.fund_id]);
      const rel = await fundRelations(tx, actor, f);
      if (!rel.size) throw notFound(msg('notFound.journalEntry'));
      if (!rel.has('manager')) throw forbidden(msg('funding.onlyManagersCorrect'));
    }
    let award: repo.AwardRow | undefined;
    if (e.award_id) {
      award = (await repo.lockAward(tx, e.award_id))!;
      requireOrganizer(await awardCtx(tx, actor, award));
    }
    if (!REVERSIBLE.has(e.kind))
      throw new AppError('ILLEGAL_TRANSITION', msg('funding.notReversible', { kind: e.kind }));
    if (award && award.state !== 'active')
      throw new AppError('ILLEGAL_TRANSITION', msg('funding.awardClosed'));
    if (await repo.reversalOf(tx, e.id))
      throw new AppError('ILLEGAL_TRANSITION', msg('funding.alreadyReversed'));
    const lines = (
      await repo.journal(tx, e.award_id ? { awardId: e.award_id } : { fundId: e.fund_id! })
    ).filter((l) => l.id === e.id);
    const original: Entry = {
      id: e.idempotency_key,
      memo: e.memo,
      lines: lines.map((l) => ({ account: l.account, side: l.side as 'debit', amount: l.amount_fen })),
    };
    const r = reversal(original, `reversal:${e.id}`, `reversal of #${e.seq}: ${reason}`.slice(0, 500));
    const row = await postEntry(
      tx,
      r,
      { kind: 'reversal', fundId: e.fund_id, awardId: e.award_id, reverses: e.id, by: actor.personId, now },
      (p) =>
        new AppError(
          'ILLEGAL_TRANSITION',
          msg('funding.reversalBelowZero', { split: p.account.split(':')[0], balance: yuan(p.balance) }),
        ),
    );
    if (e.kind === 'expense' || e.kind === 'refund') {
      const x = (await repo.expensesOf(tx, e.award_id!)).find((r0) => r0.entry_id === e.id);
      if (x)
        await repo.insertExpense(tx, {
          awardId: x.award_id,
          period: x.period,
          category: x.category,
          kind: 'reversal',
          description: `reversal: ${reason}`.slice(0, 500),
          amountFen: -x.amount_fen,
          entryId: row.id,
          by: actor.personId,
          now,
        });
    }
    await audit(tx, actor, now, 'journal_entry', e.id, 'reverse', { reason, reversalId: row.id });
    return { id: row.id, seq: row.seq, reverses: e.id };
  });
}

// ── closing and performance ──
export async function closeAward(ctx: Ctx, awardId: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const a0 = await repo.findAward(tx, awardId);
    if (!a0) throw notFound(msg('notFound.award'));
    await repo.lockFunds(tx, [a0.fund_id, ...(a0.cofund_id ? [a0.cofund_id] : [])]);
    const a = (await repo.lockAward(tx, awardId))!;
    const x = await awardCtx(tx, actor, a);
    requireOrganizer(x);
    if (a.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('funding.awardAlreadyClosed'));
    if (!['accepted', 'honest_failure', 'misconduct'].includes(x.t.state))
      throw new AppError('ILLEGAL_TRANSITION', msg('funding.taskBookNotConcluded'));
    const rules = await rulesOf(tx, a.challenge_id);
    const bal = await repo.balances(tx, [`committed:${a.id}`, `disbursed:${a.id}`]);
    const held = bal.get(`disbursed:${a.id}`) ?? 0;
    const left = bal.get(`committed:${a.id}`) ?? 0;
    const retain =
      rules.surplus === 'retain_if_accepted' && a.budget_mode === 'lump_sum' && x.t.state === 'accepted';
    const shares = [
      { fund: a.fund_id, share: a.amount_fen - a.cofund_fen },
      ...(a.cofund_id ? [{ fund: a.cofund_id, share: a.cofund_fen }] : []),
    ];
    for (const e of entries.closing(`closing:${a.id}`, a.id, shares, held, left, retain))
      await postEntry(
        tx,
        e,
        { kind: 'closing', fundId: a.fund_id, awardId: a.id, by: actor.personId, now },
        () => new AppError('INTERNAL', msg('funding.closingBreaksFloor')),
      );
    const targets = x.t.targets as { id: string }[];
    const judged = await challenges.judgementsOf(tx, x.t.id);
    const spentRows = await repo.balancesLike(tx, [`spent:${a.id}:`]);
    const spent = spentRows.reduce((s, r) => s + r.balance, 0);
    const released = (await repo.tranchesOf(tx, a.id))
      .filter((t) => t.state === 'released')
      .reduce((s, t) => s + t.amount_fen, 0);
    const integrityClean = (await repo.integrityCount(tx, [x.b.commander_id], x.b.host_org_id)) === 0;
    const targetsMet = judged.filter((j) => j.met && targets.some((t) => t.id === j.target_id)).length;
    const g = grade({
      outcome: x.t.state,
      targetsMet,
      targetsTotal: targets.length,
      amountFen: a.amount_fen,
      releasedFen: released,
      spentFen: spent,
      integrityClean,
    });
    await repo.insertPerformance(tx, {
      award_id: a.id,
      challenge_id: a.challenge_id,
      commander_id: x.b.commander_id,
      host_org_id: x.b.host_org_id,
      outcome: x.t.state,
      targets_met: targetsMet,
      targets_total: targets.length,
      amount_fen: a.amount_fen,
      released_fen: released,
      spent_fen: spent,
      returned_fen: retain ? 0 : held,
      retained_fen: retain ? held : 0,
      integrity_clean: integrityClean,
      grade: g.grade,
      reasons: g.reasons,
      recorded_by: actor.personId,
      recorded_at: now,
    });
    await repo.closeAward(tx, a.id, actor.personId, now);
    await audit(tx, actor, now, 'funding_award', a.id, 'close', {
      held,
      left,
      retain,
      grade: g.grade,
      reasons: g.reasons,
    });
  });
  return getAward(ctx, awardId);
}

function presentPerformance(p: repo.PerformanceRow) {
  return {
    awardId: p.award_id,
    challengeId: p.challenge_id,
    commanderId: p.commander_id,
    hostOrgId: p.host_org_id,
    outcome: p.outcome,
    targetsMet: p.targets_met,
    targetsTotal: p.targets_total,
    amountFen: p.amount_fen,
    releasedFen: p.released_fen,
    spentFen: p.spent_fen,
    returnedFen: p.returned_fen,
    retainedFen: p.retained_fen,
    integrityClean: p.integrity_clean,
    grade: p.grade,
    reasons: p.reasons as string[],
    recordedAt: p.recorded_at.toISOString(),
  };
}

/** A team's, commander's or institution's track record and the reporting interval the trust rule gives it. */
export async function trackRecord(ctx: Ctx, kind: 'person' | 'org', id: string) {
  const actor = requireActor(ctx.actor);
  // A track record carries integrity findings: the subject (the person, or a member of the
  // institution), programme organizers, integrity officers and the platform admin read it.
  const own = kind === 'person' ? actor.personId === id : actor.roles.some((r) => r.orgId === id);
  const official =
    isPlatformAdmin(actor) ||
    actor.roles.some((r) => r.role === 'organizer' || r.role === 'integrity_officer');
  if (!own && !official) throw notFound(msg('notFound.trackRecord'));
  const rows = kind === 'person' ? await repo.trackOfPerson(ctx.db, id) : await repo.trackOfOrg(ctx.db, id);
  // Someone else's integrity findings read by an official: a sensitive read, logged.
  if (!own)
    await logSensitiveRead(ctx, actor, {
      action: 'funding.read_track_record',
      objectType: kind === 'person' ? 'person' : 'organisation',
      objectId: id,
      detail: { records: rows.length, unclean: rows.filter((r) => !r.integrity_clean).length },
    });
  const trust = reportingInterval(
    rows.map((r) => ({ grade: r.grade as 'A', integrityClean: r.integrity_clean })),
  );
  return { kind, id, records: rows.map(presentPerformance), trust, rule: TRUST_RULE };
}

// ── the award page ──
export async function getAward(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const a = await repo.findAward(ctx.db, id);
  if (!a) throw notFound(msg('notFound.award'));
  const x = await awardCtx(ctx.db, actor, a);
  if (!x.rel.size) throw notFound(msg('notFound.award'));
  const bal = await repo.balancesLike(ctx.db, [
    `committed:${a.id}`,
    `disbursed:${a.id}`,
    `spent:${a.id}:`,
    `retained:${a.id}`,
  ]);
  const get = (code: string) => bal.find((b) => b.account === code)?.balance ?? 0;
  const spentBy = Object.fromEntries(CATEGORIES.map((c) => [c, get(`spent:${a.id}:${c}`)]));
  const tranches = await repo.tranchesOf(ctx.db, a.id);
  const rules = await rulesOf(ctx.db, a.challenge_id);
  const expenses = await repo.expensesOf(ctx.db, a.id);
  const perf = await repo.performanceOf(ctx.db, a.id);
  const organizer = x.rel.has('organizer');
  const out = [];
  for (const tr of tranches) {
    const cond = tr.state === 'planned' && a.state === 'active' ? await conditionOf(ctx.db, x, tr) : null;
    out.push({
      no: tr.no,
      label: tr.label,
      amountFen: tr.amount_fen,
      condition: tr.condition,
      milestoneNo: tr.milestone_no,
      state: tr.state,
      releasedAt: tr.released_at?.toISOString() ?? null,
      evidence: tr.evidence,
      ready: cond?.ok ?? false,
      blockedBy: cond && !cond.ok ? render(cond.reason, ctx.locale ?? DEFAULT_LOCALE) : null,
      canRelease: organizer && !!cond?.ok,
    });
  }
  return {
    id: a.id,
    state: a.state,
    challengeId: a.challenge_id,
    challengeTitleZh: x.c.title_zh,
    challengeTitleEn: x.c.title_en,
    taskBookId: a.task_book_id,
    taskBookState: x.t.state,
    bidId: a.bid_id,
    fundId: a.fund_id,
    amountFen: a.amount_fen,
    cofundFen: a.cofund_fen,
    budget: a.budget,
    reportEveryMonths: a.report_every_months,
    committedFen: get(`committed:${a.id}`),
    disbursedFen: get(`disbursed:${a.id}`),
    retainedFen: get(`retained:${a.id}`),
    releasedFen: tranches.filter((t) => t.state === 'released').reduce((s, t) => s + t.amount_fen, 0),
    spentByCategory: spentBy,
    spentFen: Object.values(spentBy).reduce((s, v) => s + v, 0),
    rules: {
      budgetMode: rules.budgetMode,
      indirectCapPct: rules.indirectCapPct,
      surplus: rules.surplus,
      negativeList: rules.negativeList,
    },
    tranches: out,
    expenses: expenses.map((e) => ({
      id: e.id,
      period: e.period,
      category: e.category,
      kind: e.kind,
      description: e.description,
      amountFen: e.amount_fen,
      entryId: e.entry_id,
      submittedAt: e.submitted_at.toISOString(),
    })),
    performance: perf ? presentPerformance(perf) : null,
    trustRule: { textZh: TRUST_RULE.textZh, textEn: TRUST_RULE.textEn },
    you: {
      organizer,
      team: x.rel.has('commander') || x.rel.has('member'),
      canClose:
        organizer && a.state === 'active' && ['accepted', 'honest_failure', 'misconduct'].includes(x.t.state),
    },
  };
}

export async function listAwards(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  const out = [];
  for (const a of await repo.allAwards(ctx.db)) {
    const x = await awardCtx(ctx.db, actor, a);
    if (!x.rel.size) continue;
    out.push({
      id: a.id,
      state: a.state,
      amountFen: a.amount_fen,
      challengeId: a.challenge_id,
      challengeTitleZh: x.c.title_zh,
      challengeTitleEn: x.c.title_en,
      taskBookId: a.task_book_id,
      team: x.rel.has('commander') || x.rel.has('member'),
      organizer: x.rel.has('organizer'),
    });
  }
  return out;
}

// ── ledger view, export and verification ──
export interface LedgerRow {
  seq: number;
  entryId: string;
  postedAt: string;
  kind: string;
  memo: string;
  reverses: string | null;
  account: string;
  debitFen: number;
  creditFen: number;
}

/** The viewer must manage the fund or see the award; the whole journal is the platform admin's. */
async function requireLedgerReader(ctx: Ctx, f: { fundId?: string; awardId?: string }) {
  const actor = requireActor(ctx.actor);
  if (f.awardId) {
    const a = await repo.findAward(ctx.db, f.awardId);
    if (!a) throw notFound(msg('notFound.award'));
    const x = await awardCtx(ctx.db, actor, a);
    if (!x.rel.size) throw notFound(msg('notFound.award'));
  } else if (f.fundId) {
    const fund = await repo.findFund(ctx.db, f.fundId);
    if (!fund || !(await fundRelations(ctx.db, actor, fund)).size) throw notFound(msg('notFound.fund'));
  } else if (!isPlatformAdmin(actor))
    throw new AppError('VALIDATION', msg('funding.chooseFundOrAward'), 'fundId');
}

/** The journal (optionally of one fund or award) as one row per line (the CSV/XLSX export). */
export async function ledgerRows(ctx: Ctx, f: { fundId?: string; awardId?: string }): Promise<LedgerRow[]> {
  await requireLedgerReader(ctx, f);
  return (await repo.journal(ctx.db, f)).map(toRow);
}

/**
 * One page of journal entries, each with what a sentence about it needs in both languages: the
 * fund, the award's challenge and host organisation, the tranche's ordinal, the expense's
 * category, the entry it reverses, who posted it. The web composes the sentence per kind.
 */
export async function ledgerPage(
  ctx: Ctx,
  f: { fundId?: string; awardId?: string },
  p: { page: number; pageSize: number; order: 'asc' | 'desc' },
) {
  await requireLedgerReader(ctx, f);
  const { total, rows, lines, expenses } = await repo.entryPage(ctx.db, f, {
    offset: offsetOf(p),
    limit: p.pageSize,
    order: p.order,
  });
  const items = rows.map((e) => {
    const own = lines.filter((l) => l.entry_id === e.id);
    const exp = expenses.filter((x) => x.entry_id === e.id);
    return {
      seq: e.seq,
      entryId: e.id,
      postedAt: e.posted_at.toISOString(),
      kind: e.kind as EntryKind,
      amountFen: own.filter((l) => l.side === 'debit').reduce((s, l) => s + l.amount_fen, 0),
      postedBy: nameRef(e.by_id, e.by_zh, e.by_en),
      fund:
        nameRef(e.fund_id, e.fund_zh, e.fund_en) ??
        nameRef(e.award_fund_id, e.award_fund_zh, e.award_fund_en),
      award: e.award_id
        ? {
            id: e.award_id,
            challenge: nameRef(e.challenge_id, e.challenge_zh, e.challenge_en),
            host: nameRef(e.host_id, e.host_zh, e.host_en),
          }
        : null,
      trancheOrdinal: e.tranche_no === null ? null : e.tranche_no + 1,
      expense: exp.length
        ? {
            period: exp[0].period,
            categories: [...new Set(exp.map((x) => x.category))].sort(),
            lines: exp.length,
          }
        : null,
      reverses: e.reverses_seq === null ? null : { seq: e.reverses_seq, kind: e.reverses_kind ?? '' },
      lines: own.map((l) => {
        const [accountKind, , category] = l.account.split(':');
        return {
          accountKind,
          category: category ?? null,
          debitFen: l.side === 'debit' ? l.amount_fen : 0,
          creditFen: l.side === 'credit' ? l.amount_fen : 0,
        };
      }),
    };
  });
  return { items, total, page: p.page, pageSize: p.pageSize };
}

const toRow = (l: Awaited<ReturnType<typeof repo.journal>>[number]): LedgerRow => ({
  seq: l.seq,
  entryId: l.id,
  postedAt: l.posted_at.toISOString(),
  kind: l.kind,
  memo: l.memo,
  reverses: l.reverses,
  account: l.account,
  debitFen: l.side === 'debit' ? l.amount_fen : 0,
  creditFen: l.side === 'credit' ? l.amount_fen : 0,
});

/** Every line of the journal (CLI export; no actor). */
export async function allLedgerRows(db: Ctx['db']): Promise<LedgerRow[]> {
  return (await repo.journal(db)).map(toRow);
}

export { toCsv, toXlsx, verifyLedger } from './funding.export.ts';

// ── burden meter ──
/** A form measured by the burden meter was open at most this long before it was sent. */
export const BURDEN_MAX_DAYS = 30;

/**
 * Seconds from opening a form to sending it, bounded: not in the future, not before `notBefore`
 * (the call's publication, the award), at most BURDEN_MAX_DAYS. `sentAt` is the server's time.
 */
export function burdenSeconds(openedAt: string, sentAt: Date, notBefore: Date | null, field: string): number {
  const opened = Date.parse(openedAt);
  if (opened > sentAt.getTime()) throw new AppError('VALIDATION', msg('funding.notFuture'), field);
  if (sentAt.getTime() - opened > BURDEN_MAX_DAYS * 86_400_000 || (notBefore && opened < notBefore.getTime()))
    throw new AppError('VALIDATION', msg('funding.openedTooEarly', { days: BURDEN_MAX_DAYS }), field);
  return Math.round((sentAt.getTime() - opened) / 1000);
}

/**
 * Record how a form was filled. Only from the person who filled that form for that call: the bid
 * form from a commander of a bid on it (once, timed up to the bid's creation on the server's
 * clock); the expense form from a member of a team funded by it.
 */
export async function recordBurden(ctx: Ctx, input: BurdenBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const c = await challenges.findChallenge(ctx.db, input.challengeId);
  if (!c || !canSeeChallenge(actor, c))
    throw new AppError('VALIDATION', msg('funding.noSuchChallenge'), 'challengeId');
  if (input.fieldsPrefilled > input.fieldsTotal)
    throw new AppError('VALIDATION', msg('funding.tooManyFields'), 'fieldsPrefilled');
  await ctx.db.transaction().execute(async (tx) => {
    let sentAt = now;
    let notBefore: Date | null = c.published_at;
    if (input.form === 'bid') {
      const bid = await tx
        .selectFrom('bid')
        .select(['id', 'created_at'])
        .where('challenge_id', '=', c.id)
        .where('commander_id', '=', actor.personId)
        .orderBy('created_at')
        .executeTakeFirst();
      if (!bid) throw forbidden(msg('funding.burdenNotYourForm'));
      const earlier = await tx
        .selectFrom('form_burden')
        .select('id')
        .where('challenge_id', '=', c.id)
        .where('person_id', '=', actor.personId)
        .where('form', '=', 'bid')
        .executeTakeFirst();
      if (earlier) throw new AppError('DUPLICATE', msg('funding.burdenRecorded'), 'form');
      sentAt = bid.created_at;
    } else {
      const award = await tx
        .selectFrom('funding_award as a')
        .innerJoin('bid as b', 'b.id', 'a.bid_id')
        .select('a.created_at')
        .where('a.challenge_id', '=', c.id)
        .where((eb) =>
          eb.or([
            eb('b.commander_id', '=', actor.personId),
            eb.exists(
              eb
                .selectFrom('bid_member as m')
                .select('m.person_id')
                .whereRef('m.bid_id', '=', 'b.id')
                .where('m.person_id', '=', actor.personId),
            ),
          ]),
        )
        .orderBy('a.created_at')
        .executeTakeFirst();
      if (!award) throw forbidden(msg('funding.burdenNotYourForm'));
      notBefore = award.created_at;
    }
    const measured = {
      form: input.form,
      challengeId: c.id,
      personId: actor.personId,
      fieldsTotal: input.fieldsTotal,
      fieldsPrefilled: input.fieldsPrefilled,
      documents: input.documents,
      seconds: burdenSeconds(input.openedAt, sentAt, notBefore, 'openedAt'),
    };
    // A row written is a state change: audited with it, in the same transaction.
    await repo.insertBurden(tx, { ...measured, now });
    await audit(tx, actor, now, 'challenge', c.id, 'burden.record', measured);
  });
  return { ok: true };
}

export async function burdenOfCall(ctx: Ctx, challengeId: string) {
  const actor = requireActor(ctx.actor);
  const c = await challenges.findChallenge(ctx.db, challengeId);
  if (!c || !canSeeChallenge(actor, c)) throw notFound(msg('notFound.challenge'));
  const rows = await repo.burdenOf(ctx.db, challengeId);
  return {
    challengeId,
    forms: summariseBurden(
      rows.map((r) => ({
        form: r.form,
        fieldsTotal: r.fields_total,
        fieldsPrefilled: r.fields_prefilled,
        documents: r.documents,
        seconds: r.seconds,
      })),
    ),
  };
}

export function requireAdmin(ctx: Ctx) {
  const actor = requireActor(ctx.actor);
  if (!isPlatformAdmin(actor)) throw forbidden(msg('funding.onlyAdminsReconcile'));
}

// ── my tasks ──
/**
 * The organizer's funding work: planned tranches whose condition is met (ready to release) and
 * active awards whose task book has ended (to close), on challenges the actor organises.
 */
export async function organizerWork(ctx: Ctx & { actor: Actor }) {
  const orgs = ctx.actor.roles.filter((r) => r.role === 'organizer').map((r) => r.orgId);
  const release: string[] = [];
  const close: string[] = [];
  if (!orgs.length) return { release, close };
  for (const a of await repo.activeAwardsOrganisedBy(ctx.db, orgs)) {
    const x = await awardCtx(ctx.db, ctx.actor, a);
    if (!x.rel.has('organizer')) continue;
    if (['accepted', 'honest_failure', 'misconduct'].includes(x.t.state)) close.push(a.id);
    for (const tr of await repo.tranchesOf(ctx.db, a.id))
      if (tr.state === 'planned' && tr.condition !== 'race' && (await conditionOf(ctx.db, x, tr)).ok)
        release.push(a.id);
  }
  return { release, close };
}
