// After selection: public-notice objections, the task book (任务书), milestone reports and
// target-by-target acceptance (验收), where honest failure and misconduct never mix.
import type { Ctx, Tx } from '../../app/context.ts';
import { canonicalJson, sha256Hex } from '../../core/audit/chain.ts';
import { availableActions, decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { offsetOf } from '../../http/paging.ts';
import { t as msg } from '../../i18n/messages.ts';
import * as accounts from '../accounts/accounts.repo.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as coiRepo from '../evaluation/coi.repo.ts';
import { DEFAULT_COI, pairConflicts } from '../evaluation/coi.ts';
import { flagDuplicates } from '../integrity/integrity.service.ts';
import { objectionNotice, reportVerdictNotice, taskBookSignNotice } from '../notifications/events.ts';
import { listAttachments, presentAttachment } from './attachments.service.ts';
import { challengeRelations, requireActor } from './challenges.access.ts';
import type { TaskBookSearchQuery } from './challenges.lists.ts';
import * as repo from './challenges.repo.ts';
import {
  acceptanceOutcome,
  type Target,
  type TaskBookAction,
  type TaskBookGuard,
  type TaskBookState,
  targetMet,
  taskBookMachine,
  type Verifier,
} from './challenges.ts';
import { taskBookAccess } from './delivery.access.ts';
import * as drepo from './delivery.repo.ts';
import { type ReviewDecision, type ReviewRole, reportStanding, resolveVerifier } from './delivery.ts';

// ── objections during the public notice (公示) ──
export async function raiseObjection(ctx: Ctx, challengeId: string, text: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const c = await repo.lockChallenge(tx, challengeId);
    if (!c) throw notFound(msg('notFound.challenge'));
    if (c.state !== 'notice' || (c.notice_ends_at && now >= c.notice_ends_at)) {
      throw new AppError('ILLEGAL_TRANSITION', msg('delivery.objectionOutsideNotice'));
    }
    const o = await repo.insertObjection(tx, { challengeId, raisedBy: actor.personId, text, now });
    await objectionNotice(tx, now, 'objection.lodged', o.id);
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
    if (!o) throw notFound(msg('notFound.objection'));
    const c = (await repo.lockChallenge(tx, o.challenge_id))!;
    if (!challengeRelations(actor, c).has('organizer'))
      throw forbidden(msg('delivery.onlyOrganizersResolve'));
    const after = await repo.resolveObjection(tx, id, decision, resolution, actor.personId, now);
    if (!after) throw new AppError('ILLEGAL_TRANSITION', msg('delivery.objectionResolved'));
    await objectionNotice(tx, now, 'objection.answered', id);
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
  if (!c) throw notFound(msg('notFound.challenge'));
  const organizer = challengeRelations(actor, c).has('organizer');
  const rows = (await repo.objectionsOf(ctx.db, challengeId)).filter(
    (o) => organizer || o.raised_by === actor.personId,
  );
  // The organizer sees all, with who raised them; anyone else sees the ones they raised.
  const people = new Map(
    (
      await repo.personNames(
        ctx.db,
        rows.map((o) => o.raised_by),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((o) => {
    const p = people.get(o.raised_by);
    return {
      id: o.id,
      text: o.text,
      state: o.state,
      resolution: o.resolution,
      createdAt: o.created_at.toISOString(),
      raisedBy: { id: o.raised_by, nameZh: p?.name_zh ?? '', nameEn: p?.name_en ?? '' },
    };
  });
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
  if (!t) throw notFound(msg('notFound.taskBook'));
  const b = (await repo.findBid(q, t.bid_id))!;
  const c = (await repo.findChallenge(q, t.challenge_id))!;
  const rel = await taskBookAccess(q, ctx.actor, t, b, c);
  if (rel.size === 0) throw notFound(msg('notFound.taskBook'));
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
  const reportIds = reports.map((r) => r.id);
  const [reviews, experts] = await Promise.all([
    drepo.reviewsOf(ctx.db, reportIds),
    drepo.expertsOf(ctx.db, id),
  ]);
  const nameOf = (p: { name_zh: string; name_en: string }) => p.name_zh || p.name_en;
  const evidence = new Map<string, Awaited<ReturnType<typeof drepo.reportAttachments>>>();
  for (const a of await drepo.reportAttachments(ctx.db, reportIds))
    evidence.set(a.owner_id, [...(evidence.get(a.owner_id) ?? []), a]);
  const signerIds = [b.commander_id, ...(t.signed_proposer_by ? [t.signed_proposer_by] : [])];
  const names = new Map((await repo.personNames(ctx.db, signerIds)).map((p) => [p.id, p]));
  const commander = names.get(b.commander_id);
  const proposerSigner = t.signed_proposer_by ? names.get(t.signed_proposer_by) : undefined;
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
    challenge: { id: c.id, nameZh: c.title_zh, nameEn: c.title_en },
    commander: { id: b.commander_id, nameZh: commander?.name_zh ?? '', nameEn: commander?.name_en ?? '' },
    proposerOrgRef: { id: c.org_id, nameZh: proposerOrg?.name_zh ?? '', nameEn: proposerOrg?.name_en ?? '' },
    hostOrgRef: { id: b.host_org_id, nameZh: host?.name_zh ?? '', nameEn: host?.name_en ?? '' },
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
    /** Who signed for each party and when (UTC); the print view shows Beijing time. */
    signatures: {
      proposer: t.signed_proposer_at
        ? {
            name: proposerSigner ? proposerSigner.name_zh || proposerSigner.name_en : '',
            nameEn: proposerSigner ? proposerSigner.name_en || proposerSigner.name_zh : '',
            at: t.signed_proposer_at.toISOString(),
          }
        : null,
      commander: t.signed_commander_at
        ? {
            name: commander ? commander.name_zh || commander.name_en : '',
            nameEn: commander ? commander.name_en || commander.name_zh : '',
            at: t.signed_commander_at.toISOString(),
          }
        : null,
    },
    reports: reports.map((r) => ({
      id: r.id,
      milestoneNo: r.milestone_no,
      summary: r.summary,
      measured: r.measured,
      submittedAt: r.submitted_at.toISOString(),
      reviewState: r.review_state,
      reviewComment: r.review_comment,
      attachments: (evidence.get(r.id) ?? []).map(presentAttachment),
      reviews: reviews
        .filter((v) => v.report_id === r.id)
        .map((v) => ({
          reviewerId: v.reviewer_id,
          reviewerName: nameOf(v),
          reviewerNameZh: v.name_zh,
          reviewerNameEn: v.name_en,
          role: v.role,
          decision: v.decision,
          comment: v.comment,
          reviewedAt: v.reviewed_at.toISOString(),
        })),
      /** Named experts whose verdict the report still waits for. */
      awaitingExperts: experts
        .filter((x) => !reviews.some((v) => v.report_id === r.id && v.reviewer_id === x.person_id))
        .map((x) => ({ id: x.person_id, name: nameOf(x), nameZh: x.name_zh, nameEn: x.name_en })),
    })),
    experts: experts.map((x) => ({
      id: x.person_id,
      name: nameOf(x),
      nameZh: x.name_zh,
      nameEn: x.name_en,
      namedAt: x.named_at.toISOString(),
    })),
    judgements: judgements.map((j) => ({
      targetId: j.target_id,
      measured: j.measured,
      evidence: j.evidence,
      verifier: j.verifier,
      verifierKind: j.verifier_kind,
      verifierReason: j.verifier_reason,
      evidenceAttachmentIds: j.evidence_attachment_ids,
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
        msg('delivery.tranchesNotBudget', { budgetFen: t.budget_fen, total }),
        'tranches',
      );
    const after = await repo.reviseTaskBook(tx, id, input.revision, input.milestones, input.tranches);
    if (!after) throw new AppError('STALE', msg('delivery.stale'), 'revision');
    await taskBookSignNotice(tx, ctx.now(), id);
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
      throw new AppError('VALIDATION', msg('delivery.noSuchMilestone'), 'milestoneNo');
    const ids = new Set((t.targets as Target[]).map((x) => x.id));
    for (const k of Object.keys(r.measured))
      if (!ids.has(k)) throw new AppError('VALIDATION', msg('delivery.unknownTarget'), 'measured');
    const row = await repo.insertReport(tx, { taskBookId: id, ...r, by: actor.personId, now });
    await reportVerdictNotice(tx, now, id, row.id);
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

/**
 * The reviewer's role on a report. A named expert reviews as an expert even if they also organize
 * (their verdict is the one the standing waits for); proposer staff are never named (conflict).
 */
function reviewerRole(rel: Set<string>): ReviewRole | null {
  if (rel.has('proposer')) return 'proposer';
  if (rel.has('expert')) return 'expert';
  if (rel.has('organizer')) return 'organizer';
  return null;
}

/**
 * One reviewer's verdict on a milestone report (the proposer, the organizer standing in, or an
 * expert named on the task book), recorded per reviewer; a reviewer may change theirs while the
 * task book is active. The report's standing follows `reportStanding`.
 */
export async function reviewReport(ctx: Ctx, reportId: string, decision: ReviewDecision, comment: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const report = await repo.findReport(ctx.db, reportId);
  if (!report) throw notFound(msg('notFound.report'));
  await ctx.db.transaction().execute(async (tx) => {
    const { t, rel } = await load(tx, ctx, report.task_book_id, true);
    const role = reviewerRole(rel);
    if (!role) throw forbidden(msg('delivery.whoReviewsReports'));
    if (t.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('delivery.reviewWhileActive'));
    if (decision === 'revise' && !comment)
      throw new AppError('VALIDATION', msg('delivery.sayWhatToRevise'), 'comment');
    const locked = (await drepo.lockReport(tx, reportId))!;
    const before = (await drepo.reviewsOf(tx, [reportId])).find((v) => v.reviewer_id === actor.personId);
    await drepo.upsertReview(tx, { reportId, reviewerId: actor.personId, role, decision, comment, now });
    const verdicts = (await drepo.reviewsOf(tx, [reportId])).map((v) => ({
      reviewerId: v.reviewer_id,
      role: v.role as ReviewRole,
      decision: v.decision as ReviewDecision,
    }));
    const experts = new Set((await drepo.expertsOf(tx, t.id)).map((x) => x.person_id));
    const standing = reportStanding(verdicts, experts);
    await drepo.setReportReview(tx, reportId, standing, comment, actor.personId);
    await recordAudit(tx, actor, now, {
      action: `milestone_report.${decision}`,
      objectType: 'milestone_report',
      objectId: reportId,
      before: { reviewState: locked.review_state, verdict: before?.decision ?? null },
      after: { reviewState: standing, verdict: decision, comment },
      detail: { role, taskBookId: t.id },
    });
  });
  return getTaskBook(ctx, report.task_book_id);
}

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The organizer names an expert of the pool to review the delivery of a task book. The expert
 * must be active in the pool and free of conflicts with the team as in an acceptance round
 * (team member, same organisation, co-author, joint project, declared relation, named exclusion,
 * competing team, the proposer's own staff).
 */
export async function nameExpert(ctx: Ctx, id: string, personId: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { t, b, c, rel } = await load(tx, ctx, id, true);
    if (!rel.has('organizer')) throw forbidden(msg('delivery.organizerNamesExperts'));
    if (t.state !== 'drafting' && t.state !== 'active')
      throw new AppError('ILLEGAL_TRANSITION', msg('delivery.expertsBeforeConclusion'));
    const expert = await drepo.poolExpert(tx, personId);
    if (!expert) throw new AppError('VALIDATION', msg('delivery.notActiveExpert'), 'personId');
    const members = (await repo.membersOf(tx, b.id)).map((m) => m.person_id);
    const teams = await coiRepo.teamsOfChallenge(tx, c.id);
    const competitors = new Set<string>();
    for (const [bidId, team] of teams.team) if (bidId !== b.id) for (const p of team) competitors.add(p);
    const team = [b.commander_id, ...members];
    const facts = await coiRepo.peopleFacts(tx, [personId, ...team]);
    const [host] = await coiRepo.organisationNames(tx, [b.host_org_id]);
    const conflicts = pairConflicts(
      {
        ...facts.get(personId)!,
        relations: (await drepo.relationsOfExpert(tx, personId)).map((r) => ({
          otherPersonId: r.other_person_id,
          otherName: r.other_name,
          kind: r.kind,
        })),
      },
      {
        id: b.id,
        hostOrgId: b.host_org_id,
        hostOrgName: host?.name_zh ?? '',
        members: team.flatMap((p) => facts.get(p) ?? []),
        exclusions: (await coiRepo.exclusionsOf(tx, [b.id])).map((x) => ({
          expertId: x.expert_id,
          reason: x.reason,
        })),
        competitorIds: competitors,
        proposerOrgId: c.org_id,
        declaredIds: new Map(),
      },
      { ...DEFAULT_COI, acceptance: true },
      shanghaiDate(now),
    );
    if (conflicts.length)
      throw new AppError(
        'VALIDATION',
        msg('delivery.expertConflict', { conflicts: conflicts.map((x) => x.code).join(', ') }),
        'personId',
        { conflicts },
      );
    if (!(await drepo.insertExpert(tx, id, personId, actor.personId, now)))
      throw new AppError('DUPLICATE', msg('delivery.expertAlreadyNamed'), 'personId');
    await recordAudit(tx, actor, now, {
      action: 'task_book.name_expert',
      objectType: 'task_book',
      objectId: id,
      after: { expertId: personId },
    });
  });
  return getTaskBook(ctx, id);
}

/**
 * Judge one frozen target: the measured value against the frozen threshold, exactly. The verifier
 * defaults to the target's declared one (see `resolveVerifier`); evidence files cited must be
 * files of this task book or of its milestone reports.
 */
export async function judgeTarget(
  ctx: Ctx,
  id: string,
  j: {
    targetId: string;
    measured: string;
    evidence: string;
    verifier: string;
    verifierKind?: Verifier | undefined;
    verifierReason: string;
    evidenceAttachmentIds: string[];
  },
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { t, c, rel } = await load(tx, ctx, id, true);
    if (!rel.has('proposer') && !rel.has('organizer')) throw forbidden(msg('delivery.whoJudgesAcceptance'));
    if (t.state !== 'active') throw new AppError('ILLEGAL_TRANSITION', msg('delivery.acceptanceWhileActive'));
    const target = (t.targets as Target[]).find((x) => x.id === j.targetId);
    if (!target) throw new AppError('VALIDATION', msg('delivery.noSuchTarget'), 'targetId');
    const fileIds = [...new Set(j.evidenceAttachmentIds)];
    if (!j.evidence.trim() && fileIds.length === 0)
      throw new AppError('VALIDATION', msg('delivery.evidenceRequired'), 'evidence');
    const owners = await drepo.attachmentOwners(tx, fileIds);
    const reportIds = new Set((await repo.reportsOf(tx, id)).map((r) => r.id));
    const ours = (o: { owner_type: string; owner_id: string }) =>
      (o.owner_type === 'task_book' && o.owner_id === id) ||
      (o.owner_type === 'milestone_report' && reportIds.has(o.owner_id));
    const foreign = fileIds.filter((f) => !owners.some((o) => o.id === f && ours(o)));
    if (foreign.length)
      throw new AppError('VALIDATION', msg('delivery.citeOwnFiles'), 'evidenceAttachmentIds', { foreign });
    const proposerOrg = await accounts.findOrganisation(tx, c.org_id);
    const panel = (await drepo.expertsOf(tx, id)).map((x) => x.name_zh || x.name_en).join('、');
    const v = resolveVerifier(
      target,
      { kind: j.verifierKind, name: j.verifier, reason: j.verifierReason },
      { proposer: proposerOrg?.name_zh ?? '', panel },
    );
    if (!v.ok) throw new AppError('VALIDATION', v.message, v.field);
    const met = targetMet(target, j.measured);
    const row = {
      targetId: j.targetId,
      measured: j.measured,
      evidence: j.evidence,
      verifier: v.name,
      verifierKind: v.kind,
      verifierReason: v.reason,
      evidenceAttachmentIds: fileIds,
    };
    await drepo.upsertJudgement(tx, { taskBookId: id, ...row, met, by: actor.personId, now });
    await recordAudit(tx, actor, now, {
      action: 'task_book.judge_target',
      objectType: 'task_book',
      objectId: id,
      after: { ...row, met },
      detail: {
        threshold: target.threshold,
        comparator: target.comparator,
        declaredVerifier: target.verifier,
        declaredVerifierName: target.verifierName,
        departsFromDeclared: v.departs,
        verifier: v.name,
        verifierReason: v.reason,
      },
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
    if (action !== 'accept' && !comment)
      throw new AppError('VALIDATION', msg('delivery.recordReasons'), 'comment');
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

/** Task books the reader is a party to, found by the challenge's title (a picker's search), one page. */
export async function searchTaskBooks(ctx: Ctx, q: TaskBookSearchQuery) {
  const actor = requireActor(ctx.actor);
  const orgsWith = (role: string) => actor.roles.filter((r) => r.role === role).map((r) => r.orgId);
  const { rows, total } = await drepo.searchTaskBooks(
    ctx.db,
    {
      personId: actor.personId,
      proposerOrgIds: orgsWith('proposer'),
      organizerOrgIds: orgsWith('organizer'),
    },
    { q: q.q, state: q.state, fundable: q.fundable },
    { sort: q.sort, order: q.order, offset: offsetOf(q), limit: q.pageSize },
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      state: r.state,
      budgetFen: r.budget_fen,
      createdAt: r.created_at.toISOString(),
      challenge: { id: r.challenge_id, nameZh: r.title_zh, nameEn: r.title_en },
      bidId: r.bid_id,
      commander: { id: r.commander_id, nameZh: r.commander_zh, nameEn: r.commander_en },
      hostOrg: { id: r.host_id, nameZh: r.host_zh, nameEn: r.host_en },
      proposerOrg: { id: r.proposer_org_id, nameZh: r.proposer_org_zh, nameEn: r.proposer_org_en },
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
