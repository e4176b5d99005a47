// Use-cases of the horse race: create with its declared stages, rules and tranche plan; invite;
// start (signing tranches); record evaluation inputs; propose a gate (ranked and explained),
// take objections during its notice, finalise it (eliminate, release tranches, crown winners);
// withdraw a team; merge teams (强强联合) or end early, with reasons. Every change is one
// transaction with its audit entry.

import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type Actor, type Ctx, inTx, type Tx } from '../../app/context.ts';
import { canonicalJson, sha256Hex } from '../../core/audit/chain.ts';
import { availableActions, decide } from '../../core/workflow/machine.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { t as msg } from '../../i18n/messages.ts';
import { stateOf } from '../../i18n/states.messages.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { challengeRelations, requireActor } from '../challenges/challenges.access.ts';
import { presentTarget } from '../challenges/challenges.presenter.ts';
import * as challenges from '../challenges/challenges.repo.ts';
import { approvesAward } from '../ethics/ethics.ts';
import type { RankingRecord } from '../evaluation/ranking.ts';
import { bookRaceTranche } from '../funding/funding.service.ts';
import { assertNotSanctioned } from '../integrity/integrity.service.ts';
import { raceGateNotice } from '../notifications/events.ts';
import { presentBoard } from './race.presenter.ts';
import * as repo from './race.repo.ts';
import type { EvaluationBody, RaceBody, TeamEvidenceBody } from './race.schema.ts';
import {
  type AdvanceRule,
  calibratedScore,
  type GateInputs,
  type GateOutcome,
  type GateState,
  gateMachine,
  type RaceAction,
  type RaceGuard,
  type RaceState,
  raceMachine,
  rankGate,
  type ScoreOrigin,
  type StageRules,
  type StageTarget,
  settleGate,
  signingReleases,
  type TeamState,
  type TieBreak,
  type TranchePlan,
  teamMachine,
} from './race.ts';

const DAY = 86_400_000;
const SYSTEM = new Set(['system']);

type Db = Tx | Ctx['db'];

export interface Loaded {
  race: repo.RaceRow;
  c: challenges.ChallengeRow;
  stages: repo.StageRow[];
  teams: repo.TeamRow[];
  gates: repo.GateRow[];
  /** 'organizer' of the challenge's agency. */
  rel: Set<string>;
  /** The teams the actor commands or belongs to. */
  myTeams: Set<string>;
  /** A proposer of the challenge (its listing organisation). */
  proposer: boolean;
}

/** Who may object to a gate decision: the race's teams, the organizers and the challenge's proposer. */
export const mayObject = (l: Pick<Loaded, 'rel' | 'myTeams' | 'proposer'>) =>
  l.rel.has('organizer') || l.myTeams.size > 0 || l.proposer;

async function load(q: Db, actor: Actor | null, id: string, lock = false): Promise<Loaded> {
  const race = lock ? await repo.lockRace(q as Tx, id) : await repo.findRace(q, id);
  if (!race) throw notFound(msg('notFound.race'));
  const [c, stages, teams, gates, members] = await Promise.all([
    challenges.findChallenge(q, race.challenge_id),
    repo.stagesOf(q, id),
    repo.teamsOf(q, id),
    repo.gatesOf(q, id),
    repo.teamMembersOf(q, id),
  ]);
  if (!c) throw notFound(msg('notFound.race'));
  const rel = challengeRelations(actor, c);
  const myTeams = new Set<string>();
  if (actor) {
    for (const t of teams) if (t.commander_id === actor.personId) myTeams.add(t.id);
    for (const m of members) if (m.person_id === actor.personId) myTeams.add(m.team_id);
  }
  return {
    race,
    c,
    stages,
    teams,
    gates,
    rel: new Set([...rel].filter((r) => r === 'organizer')),
    myTeams,
    proposer: rel.has('owner'),
  };
}

function guardOf(l: Loaded, now: Date): RaceGuard {
  const finalStages = new Set(l.gates.filter((g) => g.state === 'final').map((g) => g.stage_no));
  const next = l.stages.find((s) => !finalStages.has(s.stage_no)) ?? null;
  return {
    now,
    teams: l.teams.length,
    activeTeams: l.teams.filter((t) => t.status === 'active').length,
    nextStage: next?.stage_no ?? null,
    nextGateAt: next?.gate_at ?? null,
    openGate: l.gates.some((g) => g.state === 'proposed'),
    finalGates: finalStages.size,
  };
}

function check(l: Loaded, action: RaceAction, now: Date, relations: ReadonlySet<string> = l.rel) {
  const d = decide(raceMachine, l.race.state as RaceState, action, relations, guardOf(l, now));
  if (!d.ok) throw new AppError(d.code, d.reason);
  return d.to;
}

function requireOrganizer(l: Loaded) {
  if (!l.rel.has('organizer')) throw forbidden(msg('race.onlyChallengeOrganizers'));
}

const planOf = (r: repo.RaceRow) => r.tranche_plan as TranchePlan;

/** The stage's rules with its targets as shown at that stage (interim values over the frozen thresholds). */
function stageRules(s: repo.StageRow, frozen: challenges.TargetRow[]): StageRules {
  const values = s.target_values as Record<string, string>;
  const targets: StageTarget[] = s.target_ids.map((id) => {
    const t = presentTarget(frozen.find((x) => x.id === id)!);
    return {
      id: t.id,
      metric: t.metric,
      unit: t.unit,
      comparator: t.comparator,
      threshold: values[id] ?? t.threshold,
      thresholdHigh: t.thresholdHigh,
    };
  });
  return {
    stageNo: s.stage_no,
    targets,
    rule: s.rule as AdvanceRule,
    tieBreak: s.tie_break as TieBreak[],
    evidenceRequired: s.evidence_required,
  };
}

async function audit(tx: Tx, actor: Actor, now: Date, raceId: string, action: string, detail = {}) {
  await recordAudit(tx, actor, now, {
    action: `race.${action}`,
    objectType: 'race',
    objectId: raceId,
    after: detail,
    detail,
  });
}

// ── create, invite, start ──
export async function createRace(ctx: Ctx, input: RaceBody) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  const id = await ctx.db.transaction().execute(async (tx) => {
    const c = await challenges.lockChallenge(tx, input.challengeId);
    if (!c) throw new AppError('VALIDATION', msg('race.noSuchChallenge'), 'challengeId');
    if (!challengeRelations(actor, c).has('organizer')) throw forbidden(msg('race.onlyOrganizersRun'));
    if (c.mode !== 'race' || c.state !== 'awarded')
      throw new AppError('VALIDATION', msg('race.mustBeAwardedRaceChallenge'), 'challengeId');
    if (await repo.raceOfChallenge(tx, c.id))
      throw new AppError('DUPLICATE', msg('race.alreadyExists'), 'challengeId');
    const frozen = await challenges.targetsOf(tx, c.id);
    const known = new Set(frozen.map((t) => t.id));
    input.stages.forEach((s, i) => {
      s.targetIds.forEach((tid, j) => {
        if (!known.has(tid))
          throw new AppError('VALIDATION', msg('race.notChallengeTarget'), `stages.${i}.targetIds.${j}`);
      });
    });
    if (Date.parse(input.stages[0].gateAt) <= now.getTime())
      throw new AppError('VALIDATION', msg('race.mustBeFuture'), 'stages.0.gateAt');
    const field = await challenges.bidsOf(tx, c.id, ['awarded']);
    if (field.length === 0) throw new AppError('VALIDATION', msg('race.noAwardedTeams'), 'challengeId');
    const budgets = field.reduce((a, b) => a + b.budget_fen, 0);
    if (input.awardFen > budgets)
      throw new AppError('VALIDATION', msg('race.awardExceedsRequests', { budgets }), 'awardFen');
    const plan: TranchePlan = { awardFen: input.awardFen, ...input.tranchePlan };
    const race = await repo.insertRace(tx, {
      challengeId: c.id,
      awardFen: input.awardFen,
      plan,
      noticeDays: input.noticeDays,
      by: actor.personId,
      now,
    });
    for (const [i, s] of input.stages.entries())
      await repo.insertStage(tx, race.id, { ...s, stageNo: i + 1 });
    const ordered = [...field].sort(
      (a, b) => (a.submitted_at?.getTime() ?? 0) - (b.submitted_at?.getTime() ?? 0) || (a.id < b.id ? -1 : 1),
    );
    for (const [i, b] of ordered.entries())
      await repo.insertTeam(tx, { raceId: race.id, bidId: b.id, entryNo: i + 1, joinedVia: 'awarded' });
    await repo.insertEvent(tx, { raceId: race.id, kind: 'create', by: actor.personId, now });
    await audit(tx, actor, now, race.id, 'create', { ...input, teams: ordered.map((b) => b.id) });
    return race.id;
  });
  return getBoard(ctx, id);
}

export async function inviteBid(ctx: Ctx, id: string, bidId: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    check(l, 'invite', now);
    const b = await challenges.findBid(tx, bidId);
    if (!b || b.challenge_id !== l.c.id)
      throw new AppError('VALIDATION', msg('race.bidNotOnChallenge'), 'bidId');
    if (!['submitted', 'not_selected', 'awarded'].includes(b.state))
      throw new AppError(
        'VALIDATION',
        msg('race.bidNotSubmitted', { state: stateOf('bid', b.state) }),
        'bidId',
      );
    if (l.teams.some((t) => t.bid_id === bidId))
      throw new AppError('DUPLICATE', msg('race.teamAlreadyIn'), 'bidId');
    if (b.ethics_categories.length && !approvesAward((await challenges.ethicsReviewOf(tx, b.id))?.state))
      throw new AppError(
        'VALIDATION',
        msg('race.needsEthicsApproval', { ethicsCategories: b.ethics_categories.join(', ') }),
        'bidId',
      );
    // An invited team gets a task book as the awarded ones did, so it can be funded and its
    // releases reach the ledger like theirs.
    const targets = (await challenges.targetsOf(tx, l.c.id)).map(presentTarget);
    const taskBook = (await challenges.taskBooksOfChallenge(tx, l.c.id)).some((x) => x.bid_id === b.id)
      ? null
      : await challenges.insertTaskBook(tx, {
          challengeId: l.c.id,
          bidId: b.id,
          targets,
          digest: sha256Hex(canonicalJson(targets)),
          milestones: b.milestones as unknown[],
          tranches: [
            {
              label: '赛马拨款 / race tranches',
              amountFen: b.budget_fen,
              condition: 'released per passed gate under the race’s tranche plan',
            },
          ],
          budgetFen: b.budget_fen,
          now,
        });
    const team = await repo.insertTeam(tx, {
      raceId: id,
      bidId,
      entryNo: Math.max(0, ...l.teams.map((t) => t.entry_no)) + 1,
      joinedVia: 'invited',
    });
    await repo.insertEvent(tx, { raceId: id, kind: 'invite', teamIds: [team.id], by: actor.personId, now });
    await audit(tx, actor, now, id, 'invite', { bidId, teamId: team.id, taskBookId: taskBook?.id ?? null });
  });
  return getBoard(ctx, id);
}

/** No tranche goes to a team whose commander or host organisation is sanctioned from receiving funds. */
async function assertFundsAllowed(
  tx: Tx,
  teams: { id: string; entry_no: number; commander_id: string; host_org_id: string }[],
  releases: { teamId: string }[],
  now: Date,
) {
  const paid = new Set(releases.map((r) => r.teamId));
  await assertNotSanctioned(
    tx,
    'funds',
    teams
      .filter((t) => paid.has(t.id))
      .map((t) => ({
        label: { zh: `团队 ${t.entry_no}`, en: `team ${t.entry_no}` },
        personIds: [t.commander_id],
        orgId: t.host_org_id,
      })),
    now,
  );
}

/**
 * A race is funded once any team of its challenge has a funding award; then every team starting
 * it must have an active award, and the awards together must cover the race's award (invited
 * teams' awards count), so every release reaches the ledger. Returns whether it is funded.
 */
async function assertFunding(tx: Tx, l: Loaded): Promise<boolean> {
  const awards = await repo.awardsOfChallenge(tx, l.c.id);
  if (awards.length === 0) return false;
  const byBid = new Map(awards.map((a) => [a.bid_id, a]));
  for (const t of l.teams) {
    const a = byBid.get(t.bid_id);
    if (a?.state !== 'active')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        msg('race.teamWithoutAward', { entryNo: t.entry_no, value: a ? 'a closed' : 'no' }),
      );
  }
  const committed = l.teams.reduce((sum, t) => sum + Number(byBid.get(t.bid_id)!.amount_fen), 0);
  if (committed < Number(l.race.award_fen))
    throw new AppError(
      'ILLEGAL_TRANSITION',
      msg('race.awardsShort', { committed, awardFen: l.race.award_fen }),
    );
  return true;
}

/** Book every race tranche of the team not yet on the ledger (a team funded mid-race catches up). */
async function bookTeam(tx: Tx, by: string, now: Date, raceId: string, teamId: string, funded: boolean) {
  for (const stageNo of await repo.trancheStagesOfTeam(tx, raceId, teamId))
    await bookRaceTranche(tx, by, now, { raceId, teamId, stageNo, funded });
}

export async function startRace(ctx: Ctx, id: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    const to = check(l, 'start', now);
    const releases = signingReleases(
      planOf(l.race),
      l.teams.map((t) => t.id),
    );
    await assertFundsAllowed(tx, l.teams, releases, now);
    const funded = await assertFunding(tx, l);
    for (const r of releases) {
      await repo.insertTranche(tx, {
        raceId: id,
        teamId: r.teamId,
        stageNo: 0,
        gateId: null,
        amountFen: r.amountFen,
        now,
      });
      await bookTeam(tx, actor.personId, now, id, r.teamId, funded);
    }
    await repo.setRaceState(tx, id, to, { started_at: now });
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'start',
      teamIds: l.teams.map((t) => t.id),
      detail: { releases },
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'start', { releases });
  });
  return getBoard(ctx, id);
}

// ── evaluation inputs ──
export async function recordEvaluation(
  ctx: Ctx,
  id: string,
  stageNo: number,
  teamId: string,
  e: EvaluationBody,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    check(l, 'evaluate', now);
    const next = guardOf(l, now).nextStage;
    const stage = l.stages.find((s) => s.stage_no === stageNo);
    if (!stage) throw notFound(msg('notFound.stage'));
    if (stageNo !== next)
      throw new AppError(
        'ILLEGAL_TRANSITION',
        msg('race.stageNotOpenForEvaluation', { stageNo, next: next ?? '' }),
      );
    const team = l.teams.find((t) => t.id === teamId);
    if (!team) throw notFound(msg('notFound.team'));
    if (team.status !== 'active')
      throw new AppError('ILLEGAL_TRANSITION', msg('race.teamNotRacingEvaluated', { status: team.status }));
    if (stage.score_source === 'review_round' && e.scores.length > 0)
      throw new AppError('VALIDATION', msg('race.stageScoresFromRound'), 'scores');
    for (const tid of Object.keys(e.measured)) {
      if (!stage.target_ids.includes(tid))
        throw new AppError('VALIDATION', msg('race.notStageTarget'), `measured.${tid}`);
    }
    await repo.upsertEvaluation(tx, {
      raceId: id,
      stageNo,
      teamId,
      measured: e.measured,
      scores: e.scores,
      evidence: e.evidence,
      submittedAt: e.submittedAt ? new Date(e.submittedAt) : now,
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'evaluate', { stageNo, teamId, ...e });
  });
  return getBoard(ctx, id);
}

/**
 * A team submits its own evidence for the open stage (commander or member): text, and files it has
 * attached to its task book through the attachments service. Replaced by a later submission until
 * the gate is proposed; a stage that requires evidence does not advance a team without it.
 */
export async function submitTeamEvidence(
  ctx: Ctx,
  id: string,
  stageNo: number,
  teamId: string,
  e: TeamEvidenceBody,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await inTx(ctx, async (tx) => {
    const l = await load(tx, actor, id, true);
    const team = l.teams.find((t) => t.id === teamId);
    if (!team) throw notFound(msg('notFound.team'));
    if (!l.myTeams.has(teamId)) throw forbidden(msg('race.onlyTeamSubmitsEvidence'));
    if (l.race.state !== 'running')
      throw new AppError(
        'ILLEGAL_TRANSITION',
        msg('race.notRunning', { state: stateOf('race', l.race.state) }),
      );
    const g = guardOf(l, now);
    const stage = l.stages.find((s) => s.stage_no === stageNo);
    if (!stage) throw notFound(msg('notFound.stage'));
    if (stageNo !== g.nextStage)
      throw new AppError(
        'ILLEGAL_TRANSITION',
        msg('race.stageNotOpen', { stageNo, nextStage: g.nextStage ?? '' }),
      );
    if (g.openGate) throw new AppError('ILLEGAL_TRANSITION', msg('race.gateFrozen'));
    if (team.status !== 'active')
      throw new AppError('ILLEGAL_TRANSITION', msg('race.teamNotRacingSubmits', { status: team.status }));
    const book = (await challenges.taskBooksOfChallenge(tx, l.c.id)).find((b) => b.bid_id === team.bid_id);
    for (const [i, aid] of e.attachmentIds.entries()) {
      const a = await challenges.findAttachment(tx, aid);
      if (a?.owner_type !== 'task_book' || a.owner_id !== book?.id)
        throw new AppError('VALIDATION', msg('race.fileNotOnTaskBook'), `attachmentIds.${i}`);
    }
    const attachmentIds = [...new Set(e.attachmentIds)];
    await repo.upsertTeamEvidence(tx, {
      raceId: id,
      stageNo,
      teamId,
      text: e.text,
      attachmentIds,
      by: actor.personId,
      now,
    });
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'evidence',
      stageNo,
      teamIds: [teamId],
      detail: { attachments: attachmentIds.length },
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'submit_evidence', { stageNo, teamId, text: e.text, attachmentIds });
  });
  return getBoard(ctx, id);
}

// ── gates ──
export async function proposeGate(ctx: Ctx, id: string, stageNo: number) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    check(l, 'propose_gate', now);
    const next = guardOf(l, now).nextStage;
    const stage = l.stages.find((s) => s.stage_no === stageNo);
    if (!stage) throw notFound(msg('notFound.stage'));
    if (stageNo !== next)
      throw new AppError('ILLEGAL_TRANSITION', msg('race.nextGate', { next: next ?? '' }));
    const frozen = await challenges.targetsOf(tx, l.c.id);
    const evaluations = (await repo.evaluationsOf(tx, id)).filter((e) => e.stage_no === stageNo);
    const evidence = (await repo.teamEvidenceOf(tx, id)).filter((e) => e.stage_no === stageNo);
    // The lot is drawn once per stage: a withdrawn and re-proposed gate reuses the first seed.
    const seed = await repo.fixLotSeed(tx, id, stageNo, randomBytes(16).toString('hex'));
    const active = l.teams.filter((t) => t.status === 'active');
    const origin = await scoreOrigin(tx, l, stage);
    const inputs: GateInputs = {
      stage: stageRules(stage, frozen),
      seed,
      scores: origin,
      teams: active.map((t) => {
        const e = evaluations.find((x) => x.team_id === t.id);
        const calibrated = origin.kind === 'review_round' ? (origin.calibrated[t.id] ?? null) : null;
        return {
          teamId: t.id,
          measured: (e?.measured as Record<string, string>) ?? {},
          scores:
            origin.kind === 'manual'
              ? ((e?.scores as string[]) ?? [])
              : calibrated === null
                ? []
                : [calibratedScore(calibrated)],
          submittedAt: e?.submitted_at?.toISOString() ?? null,
          evidence: evidence.some((x) => x.team_id === t.id),
        };
      }),
    };
    const outcome = rankGate(inputs);
    const gate = await repo.insertGate(tx, {
      raceId: id,
      stageNo,
      seed: inputs.seed,
      inputs,
      outcome,
      by: actor.personId,
      now,
      noticeEndsAt: new Date(now.getTime() + l.race.notice_days * DAY),
    });
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'gate_proposed',
      stageNo,
      teamIds: outcome.advancing,
      detail: { gateId: gate.id, rule: outcome.rule },
      by: actor.personId,
      now,
    });
    await raceGateNotice(tx, now, 'race.gateProposed', id, stageNo, gate.id);
    await audit(tx, actor, now, id, 'propose_gate', {
      gateId: gate.id,
      stageNo,
      seed: inputs.seed,
      scores:
        origin.kind === 'manual'
          ? 'manual'
          : { decisionId: origin.decisionId, inputsSha256: origin.inputsSha256 },
      advancing: outcome.advancing,
    });
  });
  return getBoard(ctx, id);
}

/**
 * Where the gate's scores come from. For a review-round stage: the latest ranking decision of the
 * round run for this stage, each team's bid mapped to its calibrated score; the decision's id and
 * inputs digest go into the gate inputs so the gate is reproduced from what it was decided on.
 */
async function scoreOrigin(tx: Tx, l: Loaded, stage: repo.StageRow): Promise<ScoreOrigin> {
  if (stage.score_source !== 'review_round') return { kind: 'manual' };
  const d = await repo.latestStageDecision(tx, l.c.id, stage.stage_no);
  if (!d) {
    const rounds = await repo.stageRounds(tx, l.c.id, stage.stage_no);
    throw new AppError(
      'ILLEGAL_TRANSITION',
      rounds.length
        ? msg('race.roundNotRanked', { stageNo: stage.stage_no })
        : msg('race.noRoundForStage', { stageNo: stage.stage_no }),
    );
  }
  const byBid = new Map(
    (d.outcome as unknown as RankingRecord).rows.map((r) => [r.bidId, r.calibrated] as const),
  );
  const calibrated: Record<string, number | null> = {};
  for (const t of l.teams)
    if (t.status === 'active') {
      const c = byBid.get(t.bid_id);
      calibrated[t.id] = typeof c === 'number' && Number.isFinite(c) ? c : null;
    }
  return {
    kind: 'review_round',
    roundId: d.round_id,
    decisionId: d.id,
    version: d.version,
    inputsSha256: d.inputs_sha256,
    calibrated,
  };
}

async function loadGate(tx: Tx, actor: Actor, id: string, gateId: string) {
  const l = await load(tx, actor, id, true);
  const gate = await repo.lockGate(tx, gateId);
  if (!gate || gate.race_id !== id) throw notFound(msg('notFound.gateDecision'));
  return { l, gate };
}

export async function finalizeGate(ctx: Ctx, id: string, gateId: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { l, gate } = await loadGate(tx, actor, id, gateId);
    const objections = (await repo.objectionsOfRace(tx, id)).filter((o) => o.gate_id === gateId);
    const d = decide(gateMachine, gate.state as GateState, 'finalize', l.rel, {
      now,
      noticeEndsAt: gate.notice_ends_at,
      openObjections: objections.filter((o) => o.state === 'open').length,
      upheldObjections: objections.filter((o) => o.state === 'upheld').length,
    });
    if (!d.ok) throw new AppError(d.code, d.reason);
    if (l.race.state !== 'running')
      throw new AppError('ILLEGAL_TRANSITION', msg('race.state', { state: stateOf('race', l.race.state) }));
    const outcome = gate.outcome as GateOutcome;
    const active = new Set(l.teams.filter((t) => t.status === 'active').map((t) => t.id));
    const settled = settleGate(planOf(l.race), gate.stage_no, outcome.advancing, active);
    const why = new Map(outcome.ranking.map((r) => [r.teamId, r.reason]));
    for (const t of settled.eliminated) {
      const r = decide(teamMachine, 'active' as TeamState, 'eliminate', SYSTEM, { raceState: 'running' });
      if (!r.ok) throw new AppError(r.code, r.reason);
      await repo.setTeamStatus(tx, t, r.to, `gate ${gate.stage_no}: ${why.get(t) ?? 'not advanced'}`, now);
    }
    await assertFundsAllowed(tx, l.teams, settled.releases, now);
    const funded = (await repo.awardsOfChallenge(tx, l.c.id)).length > 0;
    for (const r of settled.releases) {
      await repo.insertTranche(tx, {
        raceId: id,
        teamId: r.teamId,
        stageNo: r.stageNo,
        gateId,
        amountFen: r.amountFen,
        now,
      });
      await bookTeam(tx, actor.personId, now, id, r.teamId, funded);
    }
    await repo.setGateState(tx, gateId, 'final', actor.personId, now);
    const last = Math.max(...l.stages.map((s) => s.stage_no));
    let finished = false;
    if (gate.stage_no === last || settled.advancing.length === 0) {
      for (const t of settled.advancing)
        await repo.setTeamStatus(tx, t, 'winner', `won at gate ${gate.stage_no}`, now);
      check(l, 'finish', now, SYSTEM);
      await repo.setRaceState(tx, id, 'finished', { ended_at: now });
      finished = true;
    }
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'gate_final',
      stageNo: gate.stage_no,
      teamIds: settled.advancing,
      detail: { gateId, eliminated: settled.eliminated, releases: settled.releases, finished },
      by: actor.personId,
      now,
    });
    await raceGateNotice(tx, now, 'race.gateFinal', id, gate.stage_no, gateId);
    await audit(tx, actor, now, id, 'finalize_gate', {
      gateId,
      advancing: settled.advancing,
      eliminated: settled.eliminated,
      releases: settled.releases,
      finished,
    });
  });
  return getBoard(ctx, id);
}

export async function withdrawGate(ctx: Ctx, id: string, gateId: string, reason: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const { l, gate } = await loadGate(tx, actor, id, gateId);
    const d = decide(gateMachine, gate.state as GateState, 'withdraw', l.rel, {
      now,
      noticeEndsAt: gate.notice_ends_at,
      openObjections: 0,
      upheldObjections: 0,
    });
    if (!d.ok) throw new AppError(d.code, d.reason);
    await repo.setGateState(tx, gateId, 'withdrawn', actor.personId, now, reason);
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'gate_withdrawn',
      stageNo: gate.stage_no,
      reason,
      detail: { gateId },
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'withdraw_gate', { gateId, reason });
  });
  return getBoard(ctx, id);
}

export async function raiseObjection(ctx: Ctx, id: string, gateId: string, text: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const { l, gate } = await loadGate(tx, actor, id, gateId);
    if (!mayObject(l)) throw forbidden(msg('race.whoMayObject'));
    if (gate.state !== 'proposed' || now >= gate.notice_ends_at)
      throw new AppError('ILLEGAL_TRANSITION', msg('race.objectionOutsideNotice'));
    const o = await repo.insertObjection(tx, { gateId, by: actor.personId, text, now });
    // The history says that an objection was raised, not what it says (that stays with the
    // organizers and whoever raised it).
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'objection_raised',
      stageNo: gate.stage_no,
      detail: { gateId, objectionId: o.id },
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'object', { gateId, objectionId: o.id, text });
    return { id: o.id };
  });
}

export async function resolveObjection(
  ctx: Ctx,
  objectionId: string,
  decision: 'upheld' | 'dismissed',
  resolution: string,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const o = await repo.findObjection(tx, objectionId);
    if (!o) throw notFound(msg('notFound.objection'));
    const gate = (await repo.lockGate(tx, o.gate_id))!;
    const l = await load(tx, actor, gate.race_id, true);
    requireOrganizer(l);
    const after = await repo.resolveObjection(tx, objectionId, decision, resolution, actor.personId, now);
    if (!after) throw new AppError('ILLEGAL_TRANSITION', msg('race.objectionResolved'));
    await repo.insertEvent(tx, {
      raceId: gate.race_id,
      kind: `objection_${decision}`,
      stageNo: gate.stage_no,
      reason: resolution,
      detail: { gateId: gate.id, objectionId },
      by: actor.personId,
      now,
    });
    // An upheld objection means the proposal cannot stand: it is withdrawn at once, and the gate
    // must be proposed again (on corrected inputs; the stage's lot seed is kept).
    let gateWithdrawn = false;
    if (decision === 'upheld' && gate.state === 'proposed') {
      const d = decide(gateMachine, 'proposed', 'withdraw', l.rel, {
        now,
        noticeEndsAt: gate.notice_ends_at,
        openObjections: 0,
        upheldObjections: 1,
      });
      if (!d.ok) throw new AppError(d.code, d.reason);
      const reason = `objection upheld: ${resolution}`;
      await repo.setGateState(tx, gate.id, 'withdrawn', actor.personId, now, reason);
      await repo.insertEvent(tx, {
        raceId: gate.race_id,
        kind: 'gate_withdrawn',
        stageNo: gate.stage_no,
        reason,
        detail: { gateId: gate.id, objectionId },
        by: actor.personId,
        now,
      });
      gateWithdrawn = true;
    }
    await audit(tx, actor, now, gate.race_id, `objection_${decision}`, {
      objectionId,
      resolution,
      gateWithdrawn,
    });
    return { id: objectionId, state: decision, gateWithdrawn };
  });
}

// ── withdrawal, merging, ending early ──
export async function withdrawTeam(ctx: Ctx, id: string, teamId: string, reason: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    const team = l.teams.find((t) => t.id === teamId);
    if (!team) throw notFound(msg('notFound.team'));
    const rel = new Set(l.rel);
    if (actor.personId === team.commander_id) rel.add('commander');
    const d = decide(teamMachine, team.status as TeamState, 'withdraw', rel, {
      raceState: l.race.state as RaceState,
    });
    if (!d.ok) throw new AppError(d.code, d.reason);
    await repo.setTeamStatus(tx, teamId, d.to, reason, now);
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'withdraw',
      teamIds: [teamId],
      reason,
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'withdraw_team', { teamId, reason });
  });
  return getBoard(ctx, id);
}

export async function mergeTeams(
  ctx: Ctx,
  id: string,
  intoTeamId: string,
  fromTeamId: string,
  reason: string,
) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    check(l, 'merge', now);
    const into = l.teams.find((t) => t.id === intoTeamId);
    const from = l.teams.find((t) => t.id === fromTeamId);
    if (into?.status !== 'active') throw new AppError('VALIDATION', msg('race.notRacingTeam'), 'intoTeamId');
    if (from?.status !== 'active') throw new AppError('VALIDATION', msg('race.notRacingTeam'), 'fromTeamId');
    const d = decide(teamMachine, 'active' as TeamState, 'merge', l.rel, { raceState: 'running' });
    if (!d.ok) throw new AppError(d.code, d.reason);
    await repo.setTeamStatus(tx, fromTeamId, d.to, reason, now, intoTeamId);
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'merge',
      teamIds: [intoTeamId, fromTeamId],
      reason,
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'merge', { intoTeamId, fromTeamId, reason });
  });
  return getBoard(ctx, id);
}

export async function endEarly(ctx: Ctx, id: string, reason: string) {
  const actor = requireActor(ctx.actor);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const l = await load(tx, actor, id, true);
    const to = check(l, 'end_early', now);
    const stopped = l.teams.filter((t) => t.status === 'active').map((t) => t.id);
    for (const t of stopped) await repo.setTeamStatus(tx, t, 'stopped', `race ended early: ${reason}`, now);
    await repo.setRaceState(tx, id, to, { ended_at: now, end_reason: reason });
    await repo.insertEvent(tx, {
      raceId: id,
      kind: 'end_early',
      teamIds: stopped,
      reason,
      by: actor.personId,
      now,
    });
    await audit(tx, actor, now, id, 'end_early', { reason, stopped });
  });
  return getBoard(ctx, id);
}

// ── reading ──
/** The public board, with each team's explanations and evaluation inputs for that team and the organizers. */
export async function getBoard(ctx: Ctx, id: string) {
  const l = await load(ctx.db, ctx.actor, id);
  const [frozen, evaluations, teamEvidence, tranches, events, objections] = await Promise.all([
    challenges.targetsOf(ctx.db, l.c.id),
    repo.evaluationsOf(ctx.db, id),
    repo.teamEvidenceOf(ctx.db, id),
    repo.tranchesOf(ctx.db, id),
    repo.eventsOf(ctx.db, id),
    repo.objectionsOfRace(ctx.db, id),
  ]);
  const now = ctx.now();
  const reproducible = new Map(
    l.gates.map((g) => [g.id, isDeepStrictEqual(rankGate(g.inputs as GateInputs), g.outcome)]),
  );
  return presentBoard({
    ...l,
    stageRules: l.stages.map((s) => stageRules(s, frozen)),
    evaluations,
    teamEvidence,
    tranches,
    events,
    objections,
    reproducible,
    actions: availableActions(raceMachine, l.race.state as RaceState, l.rel, guardOf(l, now)),
    viewerId: ctx.actor?.personId ?? null,
    now,
  });
}

/** A page of races (public). */
export async function listRaces(ctx: Ctx, f: Parameters<typeof repo.listRaces>[1]) {
  const { rows, total } = await repo.listRaces(ctx.db, f);
  const items = rows.map((r) => ({
    id: r.id,
    state: r.state as RaceState,
    challengeId: r.challenge_id,
    titleZh: r.title_zh,
    titleEn: r.title_en,
    awardFen: r.award_fen,
    teams: Number(r.teams ?? 0),
    activeTeams: Number(r.active_teams ?? 0),
    createdAt: r.created_at.toISOString(),
  }));
  return { items, total, page: f.page, pageSize: f.pageSize };
}
