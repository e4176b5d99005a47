// After selection: public-notice objections, the task book (任务书), milestone reports and
// target-by-target acceptance (验收), where honest failure and misconduct never mix.
import type { Ctx, Tx } from '../../app/context.ts';
import { canonicalJson, sha256Hex } from '../../core/audit/chain.ts';
import { availableActions, decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import * as accounts from '../accounts/accounts.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { flagDuplicates } from '../integrity/integrity.service.ts';
import { listAttachments } from './attachments.service.ts';
import { challengeRelations, requireActor, taskBookRelations } from './challenges.access.ts';
import * as repo from './challenges.repo.ts';
import {
  acceptanceOutcome,
  type Target,
  type TaskBookAction,
  type TaskBookGuard,
  type TaskBookState,
  targetMet,
  taskBookMachine,
} from './challenges.ts';

// ── objections during the public notice (公示) ──
export async function raiseObjection(ctx: Ctx, challengeId: string, text: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockChallenge(tx, challengeId);
    if (!c) throw notFound('challenge');
    if (c.state !== 'notice' || (c.notice_ends_at && now >= c.notice_ends_at)) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        'objections are accepted only during the public notice period',
      );
    }
    const o = await repo.insertObjection(tx, { challengeId, raisedBy: actor.personId, text, now });
    await recordAudit(tx, actor, now, {
      action: 'objection.raise',
      objectType: 'objection',
      objectId: o.id,
      after: { text },
      detail: { challengeId },
    });
    return { id: o.id };
  });
}

export async function resolveObjection(
  ctx: Ctx,
  id: string,
  decision: 'upheld' | 'dismissed',
  resolution: string,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const o = await repo.findObjection(tx, id);
    if (!o) throw notFound('objection');
    const c = (await repo.lockChallenge(tx, o.challenge_id))!;
    if (!challengeRelations(actor, c).has('organizer'))
      throw forbidden('only the organizers resolve objections');
    const after = await repo.resolveObjection(tx, id, decision, resolution, actor.personId, now);
    if (!after) throw new AppError('ILLEGAL_TRANSITION', 'this objection is already resolved');
    await recordAudit(tx, actor, now, {
      action: `objection.${decision}`,
      objectType: 'objection',
      objectId: id,
      before: { state: o.state },
      after: { state: decision, resolution },
    });
  });
}

export async function listObjections(ctx: Ctx, challengeId: string) {
  const actor = requireActor(ctx.actor);
  const c = await repo.findChallenge(ctx.db, challengeId);
  if (!c) throw notFound('challenge');
  const organizer = challengeRelations(actor, c).has('organizer');
  const rows = await repo.objectionsOf(ctx.db, challengeId);
  // The organizer sees all; anyone else sees the ones they raised.
  return rows
    .filter((o) => organizer || o.raised_by === actor.personId)
    .map((o) => ({
      id: o.id,
      text: o.text,
      state: o.state,
      resolution: o.resolution,
      createdAt: o.created_at.toISOString(),
    }));
}

// ── task books ──
interface Loaded {
  t: repo.TaskBookRow;
  b: repo.BidRow;
  c: repo.ChallengeRow;
  rel: Set<string>;
}

async function load(q: Tx | Ctx['db'], ctx: Ctx, id: string, lock = false): Promise<Loaded> {
  const t = lock ? await repo.lockTaskBook(q as Tx, id) : await repo.findTaskBook(q, id);
  if (!t) throw notFound('task book');
  const b = (await repo.findBid(q, t.bid_id))!;
  const c = (await repo.findChallenge(q, t.challenge_id))!;
  const rel = taskBookRelations(ctx.actor, b, c);
  const members = await repo.membersOf(q, b.id);
  if (rel.size === 0 && !members.some((m) => m.person_id === ctx.actor?.personId))
    throw notFound('task book');
  return { t, b, c, rel };
}

async function guardOf(q: Tx | Ctx['db'], t: repo.TaskBookRow): Promise<TaskBookGuard> {
  const targets = t.targets as Target[];
  const judged = new Map((await repo.judgementsOf(q, t.id)).map((j) => [j.target_id, j.met]));
  return {
    signedByProposer: !!t.signed_proposer_at,
    signedByCommander: !!t.signed_commander_at,
    allTargetsJudged: targets.every((x) => judged.has(x.id)),
    outcome: targets.every((x) => judged.has(x.id)) ? acceptanceOutcome(targets, judged) : null,
  };
}

function must(d: ReturnType<typeof decide>) {
  if (!d.ok) throw new AppError(d.code, d.reason);
  return d.to;
}

export async function getTaskBook(ctx: Ctx, id: string) {
  requireActor(ctx.actor);
  const { t, b, c, rel } = await load(ctx.db, ctx, id);
  const [reports, judgements, guard] = await Promise.all([
    repo.reportsOf(ctx.db, id),
    repo.judgementsOf(ctx.db, id),
    guardOf(ctx.db, t),
  ]);
  const [commander] = await repo.personNames(ctx.db, [b.commander_id]);
  const [proposerOrg, host] = await Promise.all([
    accounts.findOrganisation(ctx.db, c.org_id),
    accounts.findOrganisation(ctx.db, b.host_org_id),
  ]);
  return {
    id: t.id,
    challengeId: c.id,
    bidId: b.id,
    state: t.state,
    revision: t.revision,
    titleZh: c.title_zh,
    titleEn: c.title_en,
    proposerOrg: proposerOrg?.name_zh ?? '',
    proposerOrgEn: proposerOrg?.name_en ?? '',
    hostOrg: host?.name_zh ?? '',
    hostOrgEn: host?.name_en ?? '',
    commanderName: commander ? commander.name_zh || commander.name_en : '',
    budgetFen: t.budget_fen,
    targets: t.targets as Target[],
    targetsDigest: t.targets_digest,
    milestones: t.milestones as {
      title: string;
      due: string;
      deliverables: string;
      targetValues: Record<string, string>;
    }[],
    tranches: t.tranches as { label: string; amountFen: number; condition: string }[],
    signedByProposer: !!t.signed_proposer_at,
    signedByCommander: !!t.signed_commander_at,
    reports: reports.map((r) => ({
      id: r.id,
      milestoneNo: r.milestone_no,
      summary: r.summary,
      measured: r.measured,
      submittedAt: r.submitted_at.toISOString(),
      reviewState: r.review_state,
      reviewComment: r.review_comment,
    })),
    judgements: judgements.map((j) => ({
      targetId: j.target_id,
      measured: j.measured,
      evidence: j.evidence,
      verifier: j.verifier,
      met: j.met,
    })),
    outcome: guard.outcome,
    attachments: await listAttachments(ctx, 'task_book', id),
    relations: [...rel],
    actions: availableActions(taskBookMachine, t.state as TaskBookState, rel, guard),
  };
}

export async function reviseTaskBook(
  ctx: Ctx,
  id: string,
  input: {
    revision: number;
    milestones: unknown[];
    tranches: { label: string; amountFen: number; condition: string }[];
  },
) {
  const actor = requireActor(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const { t, rel } = await load(tx, ctx, id, true);
    must(decide(taskBookMachine, t.state as TaskBookState, 'revise', rel, await guardOf(tx, t)));
    const total = input.tranches.reduce((a, x) => a + x.amountFen, 0);
    if (total !== t.budget_fen)
      throw new AppError(
        'VALIDATION',
        `must add up to the budget, ${t.budget_fen} fen (now ${total})`,
        'tranches',
      );
    const after = await repo.reviseTaskBook(tx, id, input.revision, input.milestones, input.tranches);
    if (!after) throw new AppError('STALE', 'the task book changed since you opened it; reload', 'revision');
    await recordAudit(tx, actor, ctx.now(), {
      action: 'task_book.revise',
      objectType: 'task_book',
      objectId: id,
      before: { milestones: t.milestones, tranches: t.tranches },
      after: { milestones: input.milestones, tranches: input.tranches },
    });
  });
  return getTaskBook(ctx, id);
}

/** Sign as proposer or commander; when both have signed the task book becomes active. */
export async function signTaskBook(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { t, rel } = await load(tx, ctx, id, true);
    must(decide(taskBookMachine, t.state as TaskBookState, 'sign', rel, await guardOf(tx, t)));
    const as = rel.has('proposer') ? 'proposer' : 'commander';
    let after = await repo.signTaskBook(tx, id, as, actor.personId, now);
    const g = await guardOf(tx, after);
    const d = decide(taskBookMachine, after.state as TaskBookState, 'activate', new Set(['system']), g);
    if (d.ok) after = await repo.setTaskBookState(tx, id, d.to, null);
    await recordAudit(tx, actor, now, {
      action: `task_book.sign_${as}`,
      objectType: 'task_book',
      objectId: id,
      before: { state: t.state },
      after: { state: after.state },
      detail: { revision: t.revision, targetsDigest: t.targets_digest },
    });
  });
  return getTaskBook(ctx, id);
}

export async function submitReport(
  ctx: Ctx,
  id: string,
  r: { milestoneNo: number; summary: string; measured: Record<string, string> },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const reportId = await ctx.db.transaction().execute(async (tx) => {
    const { t, rel } = await load(tx, ctx, id, true);
    must(decide(taskBookMachine, t.state as TaskBookState, 'report', rel, await guardOf(tx, t)));
    if (r.milestoneNo >= (t.milestones as unknown[]).length)
      throw new AppError('VALIDATION', 'no such milestone in the task book', 'milestoneNo');
    const ids = new Set((t.targets as Target[]).map((x) => x.id));
    for (const k of Object.keys(r.measured))
      if (!ids.has(k)) throw new AppError('VALIDATION', 'names a target not in the task book', 'measured');
    const row = await repo.insertReport(tx, { taskBookId: id, ...r, by: actor.personId, now });
    await recordAudit(tx, actor, now, {
      action: 'task_book.report',
      objectType: 'milestone_report',
      objectId: row.id,
      after: r,
      detail: { taskBookId: id },
    });
    return row.id;
  });
  // Reports are checked for duplicates like bids (the same report filed for two projects).
  await flagDuplicates(ctx.db, 'report', reportId, now).catch((err) =>
    console.error('duplicate check failed', err),
  );
  return getTaskBook(ctx, id);
}

export async function reviewReport(
  ctx: Ctx,
  reportId: string,
  decision: 'accepted' | 'revise',
  comment: string,
) {
  const actor = requireActor(ctx.actor);
  const report = await repo.findReport(ctx.db, reportId);
  if (!report) throw notFound('report');
  await ctx.db.transaction().execute(async (tx) => {
    const { t, rel } = await load(tx, ctx, report.task_book_id, true);
    if (!rel.has('proposer') && !rel.has('organizer'))
      throw forbidden('the proposer or the organizer reviews reports');
    if (t.state !== 'active')
      throw new AppError('ILLEGAL_TRANSITION', 'reports are reviewed while the task book is active');
    if (decision === 'revise' && !comment) throw new AppError('VALIDATION', 'say what to revise', 'comment');
    await repo.reviewReport(tx, reportId, decision, comment, actor.personId);
    await recordAudit(tx, actor, ctx.now(), {
      action: `milestone_report.${decision}`,
      objectType: 'milestone_report',
      objectId: reportId,
      before: { reviewState: report.review_state },
      after: { reviewState: decision, comment },
    });
  });
  return getTaskBook(ctx, report.task_book_id);
}

/** Judge one frozen target: the measured value against the frozen threshold, exactly. */
export async function judgeTarget(
  ctx: Ctx,
  id: string,
  j: { targetId: string; measured: string; evidence: string; verifier: string },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { t, rel } = await load(tx, ctx, id, true);
    if (!rel.has('proposer') && !rel.has('organizer'))
      throw forbidden('the proposer or the organizer judges acceptance');
    if (t.state !== 'active')
      throw new AppError('ILLEGAL_TRANSITION', 'acceptance is judged while the task book is active');
    const target = (t.targets as Target[]).find((x) => x.id === j.targetId);
    if (!target) throw new AppError('VALIDATION', 'no such target in the task book', 'targetId');
    const met = targetMet(target, j.measured);
    await repo.upsertJudgement(tx, { taskBookId: id, ...j, met, by: actor.personId, now });
    await recordAudit(tx, actor, now, {
      action: 'task_book.judge_target',
      objectType: 'task_book',
      objectId: id,
      after: { ...j, met },
      detail: { threshold: target.threshold, comparator: target.comparator },
    });
  });
  return getTaskBook(ctx, id);
}

export async function taskBookAction(
  ctx: Ctx,
  id: string,
  action: Extract<TaskBookAction, 'accept' | 'fail_honest' | 'fail_misconduct'>,
  comment: string,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { t, b, rel } = await load(tx, ctx, id, true);
    const to = must(decide(taskBookMachine, t.state as TaskBookState, action, rel, await guardOf(tx, t)));
    if (action !== 'accept' && !comment) throw new AppError('VALIDATION', 'record the reasons', 'comment');
    await repo.setTaskBookState(tx, id, to, now);
    if (action === 'fail_misconduct') {
      // Misconduct goes to the integrity officers; honest failure never does (宽容失败).
      await repo.insertReferral(tx, {
        personId: b.commander_id,
        orgId: b.host_org_id,
        sourceType: 'task_book',
        sourceId: id,
        summary: comment,
        by: actor.personId,
        now,
      });
    }
    await recordAudit(tx, actor, now, {
      action: `task_book.${action}`,
      objectType: 'task_book',
      objectId: id,
      before: { state: t.state },
      after: { state: to },
      detail: { comment, targetsDigest: sha256Hex(canonicalJson(t.targets)) },
    });
  });
  return getTaskBook(ctx, id);
}
