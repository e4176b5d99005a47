// Use-cases of the assignment: start a run (recorded with phase, progress and figures in
// review_assignment_run; the UI polls it; executed by the job queue's `assignment.run`), execute it (gather → conflicts → affinity and exact
// solve → write, replacing unstarted assignments only), read the result and the conflicts, and the
// expert's decline / declaration of a conflict, after which only that item is reassigned.

import { Worker } from 'node:worker_threads';
import { type Kysely, sql } from 'kysely';
import type { Actor, Ctx, Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { defineJob, enqueue } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { requireActor } from '../challenges/challenges.access.ts';
import type { ChallengeRow } from '../challenges/challenges.repo.ts';
import { sanctionedUntil } from '../integrity/integrity.service.ts';
import { reviewAssignedNotice } from '../notifications/events.ts';
import {
  loadDistribution,
  type PlanExpert,
  type PlanItem,
  type PlanPhase,
  type PlanResult,
  type PlanStats,
  planAssignment,
} from './assignment.ts';
import * as coiRepo from './coi.repo.ts';
import { type Conflict, ConflictIndex, type ExpertFacts, type ItemFacts } from './coi.ts';
import { availableOn } from './pool.ts';
import * as repo from './rounds.repo.ts';
import { coiOf, type LoadedRound, loadRound, requireOrganizer, transition } from './rounds.service.ts';
import { OPEN_ROUND_STATES } from './rounds.ts';

type Db = Kysely<DB> | Tx;

const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const ACTIVE = new Set(['assigned', 'submitted']);
const started = (a: { state: string; review_state: string | null }) =>
  a.state === 'submitted' || (a.state === 'assigned' && a.review_state !== null);

interface Gathered {
  experts: PlanExpert[];
  expertNames: Map<string, { zh: string; en: string }>;
  items: (PlanItem & { label: string })[];
  conflicts: Map<string, Map<number, Conflict[]>>;
  assignments: Awaited<ReturnType<typeof repo.assignmentsOf>>;
}

/** Everything a plan needs, read in a few queries. `replace`: unstarted assignments will be replaced. */
async function gather(
  q: Db,
  round: repo.RoundRow,
  challenge: ChallengeRow,
  now: Date,
  replace: boolean,
): Promise<Gathered> {
  const coi = coiOf(round);
  const today = shanghaiDate(now);
  const [{ rows: pool, relations }, elsewhere, teams, assignments] = await Promise.all([
    coiRepo.activeExperts(q),
    coiRepo.loadsElsewhere(q, round.id, OPEN_ROUND_STATES),
    coiRepo.teamsOfChallenge(q, challenge.id),
    repo.assignmentsOf(q, round.id),
  ]);
  let bids = teams.bids.filter((b) =>
    coi.acceptance ? b.state === 'awarded' : ['submitted', 'selected'].includes(b.state),
  );
  if (round.race_stage_no !== null) {
    const inRace = await coiRepo.raceBidIds(q, challenge.id);
    bids = teams.bids.filter((b) => inRace.has(b.id));
  }
  const people = new Set<string>(pool.map((p) => p.person_id));
  for (const t of teams.team.values()) for (const id of t) people.add(id);
  const [facts, exclusions, orgNames] = await Promise.all([
    coiRepo.peopleFacts(q, [...people]),
    coiRepo.exclusionsOf(
      q,
      bids.map((b) => b.id),
    ),
    coiRepo.organisationNames(q, [...new Set(bids.map((b) => b.host_org_id))]),
  ]);
  const orgName = new Map(orgNames.map((o) => [o.id, o.name_zh || o.name_en]));

  // Kept on each item: started reviews (on a rerun) or every active assignment (on a reassignment).
  const keptRows = assignments.filter((a) => (replace ? started(a) : ACTIVE.has(a.state)));
  const keptLoad = new Map<string, number>();
  for (const a of keptRows) keptLoad.set(a.expert_id, (keptLoad.get(a.expert_id) ?? 0) + 1);
  const relBy = new Map<string, ExpertFacts['relations'][number][]>();
  for (const r of relations) {
    const l = relBy.get(r.expert_id) ?? [];
    relBy.set(r.expert_id, l);
    l.push({ otherPersonId: r.other_person_id, otherName: r.other_name, kind: r.kind });
  }
  const dueDate = shanghaiDate(round.due_at);
  const expertFacts: ExpertFacts[] = [];
  const experts: PlanExpert[] = [];
  const expertNames = new Map<string, { zh: string; en: string }>();
  for (const p of pool) {
    const f = facts.get(p.person_id);
    if (!f) continue;
    expertFacts.push({ ...f, relations: relBy.get(p.person_id) ?? [] });
    const current = f.employment
      .filter((s) => s.orgId && s.start <= today && (s.end === null || s.end >= today))
      .sort((a, b) => (a.start < b.start ? 1 : -1))[0];
    experts.push({
      id: p.person_id,
      orgKey: current?.orgId ?? null,
      capacity: Math.max(
        0,
        p.max_load - (elsewhere.get(p.person_id) ?? 0) - (keptLoad.get(p.person_id) ?? 0),
      ),
      available: availableOn(p.availability as unknown as { from: string; to: string }[], dueDate),
      profile: { keywords: f.keywords, publicationTitles: f.titles, disciplineCodes: f.codes },
    });
    expertNames.set(p.person_id, { zh: p.name_zh, en: p.name_en });
  }
  const index = new ConflictIndex(expertFacts, coi, today);
  // Experts an integrity sanction bars from reviewing are excluded from every item, with the reason.
  const barred = await sanctionedUntil(
    q,
    'review',
    experts.map((e) => ({ id: e.id, orgId: e.orgKey })),
    now,
  );
  const items: Gathered['items'] = [];
  const conflicts = new Map<string, Map<number, Conflict[]>>();
  for (const b of bids) {
    const team = teams.team.get(b.id) ?? new Set<string>();
    const competitors = new Set<string>();
    for (const [other, t] of teams.team)
      if (other !== b.id) for (const id of t) if (!team.has(id)) competitors.add(id);
    const rows = assignments.filter((a) => a.bid_id === b.id);
    const declared = new Map(
      rows
        .filter((a) => a.state === 'declined' || a.state === 'conflict')
        .map((a) => [a.expert_id, `${a.state}: ${a.reason}`]),
    );
    const item: ItemFacts = {
      id: b.id,
      hostOrgId: b.host_org_id,
      hostOrgName: orgName.get(b.host_org_id) ?? '',
      members: [...team].map((id) => facts.get(id)).filter((x) => x !== undefined),
      exclusions: exclusions
        .filter((x) => x.bid_id === b.id)
        .map((x) => ({ expertId: x.expert_id, reason: x.reason })),
      competitorIds: competitors,
      proposerOrgId: challenge.org_id,
      declaredIds: declared,
    };
    const c = index.itemConflicts(item);
    for (const [d, e] of experts.entries()) {
      const until = barred.get(e.id);
      if (until) c.set(d, [...(c.get(d) ?? []), { code: 'integrity_sanction', detail: `until ${until}` }]);
    }
    conflicts.set(b.id, c);
    const kept = keptRows.filter((a) => a.bid_id === b.id);
    const survivors = rows.filter((a) => !replace || started(a) || !ACTIVE.has(a.state));
    const commander = facts.get(b.commander_id);
    items.push({
      id: b.id,
      label: `${orgName.get(b.host_org_id) ?? ''} · ${commander?.names[0] ?? ''}`,
      profile: {
        title: `${challenge.title_zh} ${challenge.title_en}`,
        abstract: `${challenge.statement_zh}\n${challenge.statement_en}\n${b.technical_route}`,
        keywords: challenge.keywords,
        disciplineCodes: challenge.discipline_codes,
      },
      demand: Math.max(0, round.reviewers_per_item - kept.length),
      kept: kept.map((a) => a.expert_id),
      usedPseudonyms: new Set(survivors.map((a) => a.pseudonym)),
      conflicts: c,
    });
  }
  return { experts, expertNames, items, conflicts, assignments };
}

function presentRun(r: repo.RunRow & { stalled?: boolean }) {
  // The instance running it stopped beating (it died): the run will never finish; run it again.
  const stalled = r.state === 'running' && r.stalled === true;
  return {
    id: r.id,
    roundId: r.round_id,
    state: stalled ? 'failed' : r.state,
    phase: r.phase,
    progress: r.progress,
    stats: r.stats,
    error: stalled
      ? `the server running it stopped (no heartbeat for ${repo.STALL_SECONDS} s): run the assignment again`
      : r.error,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

/** Runs `planSteps` in a worker thread, reporting its progress; rejects if the worker fails. */
function planInWorker(
  experts: PlanExpert[],
  items: PlanItem[],
  fairness: boolean,
  onProgress: (phase: PlanPhase, fraction: number) => void,
): Promise<PlanResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./assignment.worker.mjs', import.meta.url), {
      workerData: { experts, items, options: { fairness } },
      execArgv: [],
    });
    let done = false;
    w.on(
      'message',
      (
        m: { type: 'done'; result: PlanResult } | { type: 'progress'; phase: PlanPhase; fraction: number },
      ) => {
        if (m.type === 'done') {
          done = true;
          resolve(m.result);
        } else onProgress(m.phase, m.fraction);
      },
    );
    w.on('error', reject);
    w.on('exit', (code) => {
      if (!done) reject(new Error(`the assignment worker stopped (exit code ${code})`));
    });
  });
}

export const ASSIGNMENT_JOB = 'assignment.run';

/**
 * Starts an assignment run (draft → assigning, or a rerun). The run is a job on the queue, sent in
 * the transaction that records it: any instance's worker executes it after the answer. `wait`
 * executes it here and now instead (CLI, demo). Rerunning replaces unstarted assignments only.
 */
export async function startRun(ctx: Ctx, roundId: string, opts: { wait?: boolean } = {}) {
  // The run outlives the request: its queries must go to the pool, never to a request's transaction.
  if (ctx.db.isTransaction && opts.wait)
    throw new Error('an assignment run cannot execute inside a transaction it would outlive');
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const run = await ctx.db.transaction().execute(async (tx) => {
    const l = await loadRound(tx, actor, roundId, true);
    requireOrganizer(l);
    const action = l.round.state === 'draft' ? 'assign' : 'rerun';
    const to = await transition(tx, l, action);
    if (to !== l.round.state) await repo.setRoundState(tx, roundId, to);
    const r = await repo.insertRun(tx, roundId, actor.personId, now);
    if (!opts.wait) {
      const [jobId] = await enqueue(tx, ASSIGNMENT_JOB, [{ runId: r.id, roundId, actor }]);
      await tx.updateTable('review_assignment_run').set({ job_id: jobId }).where('id', '=', r.id).execute();
    }
    await recordAudit(tx, actor, now, {
      action: 'review_round.assignment_run',
      objectType: 'review_round',
      objectId: roundId,
      before: { state: l.round.state },
      after: { state: to, runId: r.id },
    });
    return r;
  });
  if (opts.wait) await executeRun(ctx, run.id, roundId, actor);
  return presentRun((await repo.findRun(ctx.db, run.id)) ?? run);
}

/**
 * Claims a run for this worker: a queued run, or one whose instance stopped beating (it died; the
 * queue retried its job). 'busy' when another live instance is executing it; 'over' when it ended
 * or a newer run of the round superseded it.
 */
async function claimRun(
  db: Kysely<DB>,
  runId: string,
  roundId: string,
): Promise<'claimed' | 'busy' | 'over'> {
  const newer = await db
    .selectFrom('review_assignment_run as n')
    .innerJoin('review_assignment_run as r', 'r.round_id', 'n.round_id')
    .select('n.id')
    .where('r.id', '=', runId)
    .where('n.round_id', '=', roundId)
    .whereRef('n.started_at', '>', 'r.started_at')
    .executeTakeFirst();
  if (newer) {
    await repo.finishRun(db, runId, 'failed', {}, 'superseded by a newer run of the round', new Date());
    return 'over';
  }
  const claimed = await sql<{ id: string }>`
    UPDATE review_assignment_run SET phase = 'gather', heartbeat_at = now()
    WHERE id = ${runId} AND state = 'running'
      AND (phase = 'queued' OR heartbeat_at < now() - make_interval(secs => ${repo.STALL_SECONDS}))
    RETURNING id`.execute(db);
  if (claimed.rows.length) return 'claimed';
  const r = await repo.findRun(db, runId);
  return r?.state === 'running' ? 'busy' : 'over';
}

defineJob<{ runId: string; roundId: string; actor: Actor }>({
  name: ASSIGNMENT_JOB,
  title: t('evaluation.job.assignment'),
  // A long national-scale run must not be taken for dead: its heartbeat tells (claimRun).
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: false, expireInSeconds: 3600 },
  async handle(jobs, env) {
    for (const j of jobs) {
      const { runId, roundId, actor } = j.data;
      const c = await claimRun(env.db, runId, roundId);
      if (c === 'over') continue;
      if (c === 'busy') throw new Error(`run ${runId} is executing on another instance`);
      // Failures are recorded on the run itself (state 'failed' with the error); not retried.
      await executeRun({ db: env.db, actor, now: env.now }, runId, roundId, actor).catch(() => {});
    }
  },
});

async function executeRun(ctx: Ctx, runId: string, roundId: string, actor: Actor) {
  const started0 = Date.now();
  // Beats while the worker computes, whatever its progress callbacks do (see repo.STALL_SECONDS).
  const heartbeat = setInterval(() => repo.beat(ctx.db, runId).catch(() => {}), 5_000);
  heartbeat.unref();
  try {
    await repo.setRunProgress(ctx.db, runId, 'gather', 0.05);
    const l = await loadRound(ctx.db, actor, roundId);
    const g = await gather(ctx.db, l.round, l.challenge, ctx.now(), true);
    // Conflicts were decided while gathering; the plan runs in a worker thread, so the server keeps
    // answering (the UI's polls included) while progress is recorded at most every 200 ms.
    const span = {
      affinity: [0.3, 0.1],
      candidates: [0.4, 0.3],
      solve: [0.7, 0.15],
      explain: [0.85, 0.05],
    } as const;
    let recorded = 0;
    let writes: Promise<unknown> = Promise.resolve();
    const plan = await planInWorker(g.experts, g.items, l.round.fairness, (phase, fraction) => {
      if (Date.now() - recorded < 200 && phase !== 'solve') return;
      recorded = Date.now();
      const [base, width] = span[phase];
      writes = writes.then(() => repo.setRunProgress(ctx.db, runId, phase, base + width * fraction));
    });
    await writes;
    await repo.setRunProgress(ctx.db, runId, 'write', 0.9);
    const now = ctx.now();
    const stats = await ctx.db.transaction().execute(async (tx) => {
      // Two runs of one round (two clicks, two instances) write one after the other, never interleaved.
      await tx.selectFrom('review_round').select('id').where('id', '=', roundId).forUpdate().execute();
      const current = await repo.assignmentsOf(tx, roundId);
      const before = (rows: typeof current) =>
        rows
          .filter(started)
          .map((a) => a.id)
          .sort()
          .join();
      if (before(current) !== before(g.assignments))
        throw new Error('reviews were started while the run was computing: run the assignment again');
      const replaced = current
        .filter((a) => a.state === 'assigned' && a.review_state === null)
        .map((a) => a.id);
      const removed = await repo.deleteUnstarted(tx, roundId, replaced);
      await repo.insertAssignments(
        tx,
        plan.pairs.map((p) => ({
          roundId,
          bidId: p.itemId,
          expertId: p.expertId,
          pseudonym: p.pseudonym,
          affinity: p.affinity,
          sharedTerms: p.sharedTerms,
          runId,
          now,
        })),
      );
      await reviewAssignedNotice(
        tx,
        now,
        roundId,
        plan.pairs.map((p) => ({ bidId: p.itemId, expertId: p.expertId })),
      );
      const after = await repo.assignmentsOf(tx, roundId);
      const stats = figures(plan.stats, g, after, l.round.reviewers_per_item, removed, Date.now() - started0);
      await repo.finishRun(tx, runId, 'done', stats, '', now);
      await recordAudit(tx, actor, now, {
        action: 'review_round.assignment_done',
        objectType: 'review_round',
        objectId: roundId,
        after: { runId, assigned: plan.pairs.length, removed },
        detail: { objective: plan.stats.objective, shortItems: stats.shortfall.length },
      });
      return stats;
    });
    return stats;
  } catch (e) {
    await repo.finishRun(ctx.db, runId, 'failed', {}, (e as Error).message, ctx.now());
    throw e;
  } finally {
    clearInterval(heartbeat);
  }
}

/** The organizer's figures: solver stats plus the round as it now stands. */
function figures(
  s: PlanStats,
  g: Gathered,
  rows: Awaited<ReturnType<typeof repo.assignmentsOf>>,
  k: number,
  replaced: number,
  durationMs: number,
) {
  const active = rows.filter((a) => ACTIVE.has(a.state));
  const perExpert = new Map<string, number>();
  const perItem = new Map<string, number>();
  for (const a of active) {
    perExpert.set(a.expert_id, (perExpert.get(a.expert_id) ?? 0) + 1);
    perItem.set(a.bid_id, (perItem.get(a.bid_id) ?? 0) + 1);
  }
  return {
    ...s,
    k,
    replaced,
    durationMs,
    loadDistribution: loadDistribution(g.experts.map((e) => perExpert.get(e.id) ?? 0)),
    shortfall: g.items
      .map((it) => ({ itemId: it.id, label: it.label, missing: Math.max(0, k - (perItem.get(it.id) ?? 0)) }))
      .filter((x) => x.missing > 0),
  };
}

export async function getRun(ctx: Ctx, roundId: string, runId: string) {
  const l = await loadRound(ctx.db, ctx.actor, roundId);
  requireOrganizer(l);
  const r = await repo.findRun(ctx.db, runId);
  if (!r || r.round_id !== roundId) throw notFound(t('notFound.assignmentRun'));
  return presentRun(r);
}

/** The round's assignments per item, with identities (organizers only). */
export async function listAssignments(ctx: Ctx, roundId: string) {
  const l = await loadRound(ctx.db, ctx.actor, roundId);
  requireOrganizer(l);
  const [rows, runs, teams] = await Promise.all([
    repo.assignmentsOf(ctx.db, roundId),
    repo.runsOf(ctx.db, roundId),
    coiRepo.teamsOfChallenge(ctx.db, l.challenge.id),
  ]);
  const people = new Map(
    (
      await coiRepo.peopleNames(ctx.db, [
        ...new Set([...rows.map((r) => r.expert_id), ...teams.bids.map((b) => b.commander_id)]),
      ])
    ).map((p) => [p.id, p]),
  );
  const orgs = new Map(
    (await coiRepo.organisationNames(ctx.db, [...new Set(teams.bids.map((b) => b.host_org_id))])).map((o) => [
      o.id,
      o,
    ]),
  );
  const bidIds = [...new Set(rows.map((r) => r.bid_id))];
  return {
    round: { id: roundId, state: l.round.state, reviewersPerItem: l.round.reviewers_per_item },
    latestRun: runs[0] ? presentRun(runs[0]) : null,
    items: bidIds.map((bidId) => {
      const b = teams.bids.find((x) => x.id === bidId);
      const mine = rows.filter((r) => r.bid_id === bidId);
      return {
        bidId,
        hostZh: b ? (orgs.get(b.host_org_id)?.name_zh ?? '') : '',
        hostEn: b ? (orgs.get(b.host_org_id)?.name_en ?? '') : '',
        commanderZh: b ? (people.get(b.commander_id)?.name_zh ?? '') : '',
        commanderEn: b ? (people.get(b.commander_id)?.name_en ?? '') : '',
        active: mine.filter((r) => ACTIVE.has(r.state)).length,
        assignments: mine.map((r) => ({
          id: r.id,
          pseudonym: r.pseudonym,
          expertId: r.expert_id,
          expertNameZh: people.get(r.expert_id)?.name_zh ?? '',
          expertNameEn: people.get(r.expert_id)?.name_en ?? '',
          affinity: r.affinity,
          sharedTerms: r.shared_terms,
          state: r.state,
          reason: r.reason,
          started: started(r),
        })),
      };
    }),
  };
}

/** Every conflicted (item, expert) pair of the round with its reason codes (organizers only). */
export async function listConflicts(ctx: Ctx, roundId: string) {
  const l = await loadRound(ctx.db, ctx.actor, roundId);
  requireOrganizer(l);
  const g = await gather(ctx.db, l.round, l.challenge, ctx.now(), true);
  const out: {
    bidId: string;
    item: string;
    expertId: string;
    expertNameZh: string;
    expertNameEn: string;
    conflicts: Conflict[];
  }[] = [];
  for (const it of g.items)
    for (const [d, list] of g.conflicts.get(it.id) ?? [])
      out.push({
        bidId: it.id,
        item: it.label,
        expertId: g.experts[d].id,
        expertNameZh: g.expertNames.get(g.experts[d].id)?.zh ?? '',
        expertNameEn: g.expertNames.get(g.experts[d].id)?.en ?? '',
        conflicts: list,
      });
  return out;
}

/**
 * Reassigns one item only: its active reviewers stay, the missing places go to the best eligible
 * experts under every constraint (conflicts incl. declarations, caps, availability, organisations).
 * Runs inside the caller's transaction.
 */
export async function reassignItem(tx: Tx, l: LoadedRound, bidId: string, now: Date) {
  const g = await gather(tx, l.round, l.challenge, now, false);
  const it = g.items.find((x) => x.id === bidId);
  if (!it || it.demand === 0) return { added: [], missing: 0 };
  const plan = planAssignment(g.experts, [it], { fairness: false });
  await repo.insertAssignments(
    tx,
    plan.pairs.map((p) => ({
      roundId: l.round.id,
      bidId,
      expertId: p.expertId,
      pseudonym: p.pseudonym,
      affinity: p.affinity,
      sharedTerms: p.sharedTerms,
      runId: null,
      now,
    })),
  );
  await reviewAssignedNotice(
    tx,
    now,
    l.round.id,
    plan.pairs.map((p) => ({ bidId, expertId: p.expertId })),
  );
  return {
    added: plan.pairs.map((p) => ({ expertId: p.expertId, pseudonym: p.pseudonym, affinity: p.affinity })),
    missing: plan.stats.shortfall.reduce((s, x) => s + x.missing, 0),
  };
}

/** The expert declines an item (state 'declined') or declares a conflict ('conflict'); the item is reassigned. */
export async function leaveAssignment(
  ctx: Ctx,
  assignmentId: string,
  kind: 'declined' | 'conflict',
  reason: string,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const a0 = await repo.findAssignment(tx, assignmentId);
    if (!a0 || a0.expert_id !== actor.personId) throw notFound(t('notFound.assignment'));
    const l = await loadRound(tx, actor, a0.round_id, true);
    const a = await repo.lockAssignment(tx, assignmentId);
    if (!a) throw notFound(t('notFound.assignment'));
    if (!['assigning', 'reviewing'].includes(l.round.state))
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('assignment.roundState', { state: stateOf('round', l.round.state) }),
      );
    if (a.state !== 'assigned')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        t('assignment.cannotDecline', { state: stateOf('assignment', a.state) }),
      );
    const review = (await repo.assignmentsOf(tx, a.round_id)).find((x) => x.id === a.id);
    if (kind === 'declined' && review?.review_state === 'submitted')
      throw new AppError('ILLEGAL_TRANSITION', t('assignment.reviewSubmitted'));
    await repo.decideAssignment(tx, a.id, kind, reason, now);
    const change = await reassignItem(tx, l, a.bid_id, now);
    await recordAudit(tx, actor, now, {
      action: kind === 'declined' ? 'review_assignment.decline' : 'review_assignment.declare_conflict',
      objectType: 'review_assignment',
      objectId: a.id,
      before: { state: a.state },
      after: { state: kind, reason },
      // Identities stay out of the audit detail: pseudonyms only.
      detail: {
        roundId: a.round_id,
        bidId: a.bid_id,
        pseudonym: a.pseudonym,
        replacements: change.added.map((x) => x.pseudonym),
        missing: change.missing,
      },
    });
    return { state: kind, replacements: change.added.length, missing: change.missing };
  });
}
