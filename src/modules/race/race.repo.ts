// Every SQL statement of the horse race. Rows in, rows out.
import type { Kysely, Selectable } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type {
  DB,
  RaceEvaluationTable,
  RaceEventTable,
  RaceEvidenceTable,
  RaceGateTable,
  RaceObjectionTable,
  RaceStageTable,
  RaceTable,
  RaceTrancheTable,
} from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type RaceRow = Selectable<RaceTable>;
export type StageRow = Selectable<RaceStageTable>;
export type EvaluationRow = Selectable<RaceEvaluationTable>;
export type GateRow = Selectable<RaceGateTable>;
export type RaceObjectionRow = Selectable<RaceObjectionTable>;
export type TrancheRow = Selectable<RaceTrancheTable>;
export type EventRow = Selectable<RaceEventTable>;

export const insertRace = (
  tx: Tx,
  r: { challengeId: string; awardFen: number; plan: unknown; noticeDays: number; by: string; now: Date },
) =>
  tx
    .insertInto('race')
    .values({
      challenge_id: r.challengeId,
      state: 'setup',
      award_fen: r.awardFen,
      tranche_plan: JSON.stringify(r.plan),
      notice_days: r.noticeDays,
      created_by: r.by,
      created_at: r.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const insertStage = (
  tx: Tx,
  raceId: string,
  s: {
    stageNo: number;
    titleZh: string;
    titleEn: string;
    gateAt: string;
    targetIds: string[];
    targetValues: Record<string, string>;
    evidence: string;
    scoreSource: string;
    evidenceRequired: boolean;
    rule: unknown;
    tieBreak: unknown[];
  },
) =>
  tx
    .insertInto('race_stage')
    .values({
      race_id: raceId,
      stage_no: s.stageNo,
      title_zh: s.titleZh,
      title_en: s.titleEn,
      gate_at: s.gateAt,
      target_ids: s.targetIds,
      target_values: JSON.stringify(s.targetValues),
      evidence: s.evidence,
      score_source: s.scoreSource,
      evidence_required: s.evidenceRequired,
      rule: JSON.stringify(s.rule),
      tie_break: JSON.stringify(s.tieBreak),
    })
    .execute();

export const findRace = (q: Q, id: string) =>
  q.selectFrom('race').selectAll().where('id', '=', id).executeTakeFirst();
export const lockRace = (tx: Tx, id: string) =>
  tx.selectFrom('race').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const raceOfChallenge = (q: Q, challengeId: string) =>
  q.selectFrom('race').selectAll().where('challenge_id', '=', challengeId).executeTakeFirst();

/** A page of races, optionally of one state, sorted by creation or award; newest first by default. */
export async function listRaces(
  q: Q,
  f: { state?: string; sort: 'createdAt' | 'award'; order: 'asc' | 'desc'; page: number; pageSize: number },
) {
  let base = q.selectFrom('race as r').innerJoin('challenge as c', 'c.id', 'r.challenge_id');
  if (f.state) base = base.where('r.state', '=', f.state);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'r.id',
      'r.state',
      'r.challenge_id',
      'r.award_fen',
      'r.created_at',
      'c.title_zh',
      'c.title_en',
      (eb) =>
        eb
          .selectFrom('race_team')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('race_team.race_id', '=', 'r.id')
          .as('teams'),
      (eb) =>
        eb
          .selectFrom('race_team')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('race_team.race_id', '=', 'r.id')
          .where('race_team.status', '=', 'active')
          .as('active_teams'),
    ])
    .orderBy(f.sort === 'award' ? 'r.award_fen' : 'r.created_at', f.order)
    .orderBy('r.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export const setRaceState = (
  tx: Tx,
  id: string,
  state: string,
  extra: { started_at?: Date; ended_at?: Date; end_reason?: string } = {},
) =>
  tx
    .updateTable('race')
    .set({ state, ...extra })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export const stagesOf = (q: Q, raceId: string) =>
  q.selectFrom('race_stage').selectAll().where('race_id', '=', raceId).orderBy('stage_no').execute();

/** Fix the stage's lot seed if it has none yet; returns the seed in force either way. */
export async function fixLotSeed(tx: Tx, raceId: string, stageNo: number, seed: string) {
  await tx
    .updateTable('race_stage')
    .set({ lot_seed: seed })
    .where('race_id', '=', raceId)
    .where('stage_no', '=', stageNo)
    .where('lot_seed', 'is', null)
    .execute();
  const row = await tx
    .selectFrom('race_stage')
    .select('lot_seed')
    .where('race_id', '=', raceId)
    .where('stage_no', '=', stageNo)
    .executeTakeFirstOrThrow();
  return row.lot_seed!;
}

/** The latest ranking decision of a review round run for this stage of the challenge's race. */
export const latestStageDecision = (q: Q, challengeId: string, stageNo: number) =>
  q
    .selectFrom('ranking_decision as d')
    .innerJoin('review_round as r', 'r.id', 'd.round_id')
    .select(['d.id', 'd.round_id', 'd.version', 'd.inputs_sha256', 'd.outcome', 'r.state as round_state'])
    .where('r.challenge_id', '=', challengeId)
    .where('r.race_stage_no', '=', stageNo)
    .orderBy('d.decided_at', 'desc')
    .orderBy('d.version', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Review rounds run for this stage of the challenge's race (to tell "no round" from "not ranked yet"). */
export const stageRounds = (q: Q, challengeId: string, stageNo: number) =>
  q
    .selectFrom('review_round')
    .select(['id', 'state'])
    .where('challenge_id', '=', challengeId)
    .where('race_stage_no', '=', stageNo)
    .execute();

export const insertTeam = (
  tx: Tx,
  t: { raceId: string; bidId: string; entryNo: number; joinedVia: 'awarded' | 'invited' },
) =>
  tx
    .insertInto('race_team')
    .values({
      race_id: t.raceId,
      bid_id: t.bidId,
      entry_no: t.entryNo,
      joined_via: t.joinedVia,
      status: 'active',
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Teams with what identifies them publicly: the commander and the host organisation. */
export const teamsOf = (q: Q, raceId: string) =>
  q
    .selectFrom('race_team as t')
    .innerJoin('bid as b', 'b.id', 't.bid_id')
    .innerJoin('person as p', 'p.id', 'b.commander_id')
    .innerJoin('organisation as o', 'o.id', 'b.host_org_id')
    .select([
      't.id',
      't.race_id',
      't.bid_id',
      't.entry_no',
      't.joined_via',
      't.status',
      't.status_reason',
      't.status_at',
      't.merged_into',
      'b.commander_id',
      'b.host_org_id',
      'b.budget_fen',
      'b.submitted_at',
      'p.name_zh as commander_zh',
      'p.name_en as commander_en',
      'o.name_zh as host_zh',
      'o.name_en as host_en',
    ])
    .where('t.race_id', '=', raceId)
    .orderBy('t.entry_no')
    .execute();
export type TeamRow = Awaited<ReturnType<typeof teamsOf>>[number];

export const setTeamStatus = (
  tx: Tx,
  id: string,
  status: string,
  reason: string,
  at: Date,
  mergedInto: string | null = null,
) =>
  tx
    .updateTable('race_team')
    .set({ status, status_reason: reason, status_at: at, merged_into: mergedInto })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returningAll()
    .executeTakeFirst();

/** Bid members of each team of a race (the commander is on the team row). */
export const teamMembersOf = (q: Q, raceId: string) =>
  q
    .selectFrom('race_team as t')
    .innerJoin('bid_member as m', 'm.bid_id', 't.bid_id')
    .select(['t.id as team_id', 'm.person_id'])
    .where('t.race_id', '=', raceId)
    .execute();

export const upsertEvaluation = (
  tx: Tx,
  e: {
    raceId: string;
    stageNo: number;
    teamId: string;
    measured: Record<string, string>;
    scores: string[];
    evidence: string;
    submittedAt: Date | null;
    by: string;
    now: Date;
  },
) => {
  const values = {
    measured: JSON.stringify(e.measured),
    scores: JSON.stringify(e.scores),
    evidence: e.evidence,
    submitted_at: e.submittedAt,
    entered_by: e.by,
    entered_at: e.now,
  };
  return tx
    .insertInto('race_evaluation')
    .values({ race_id: e.raceId, stage_no: e.stageNo, team_id: e.teamId, ...values })
    .onConflict((oc) => oc.columns(['race_id', 'stage_no', 'team_id']).doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
};

export const evaluationsOf = (q: Q, raceId: string) =>
  q
    .selectFrom('race_evaluation')
    .selectAll()
    .where('race_id', '=', raceId)
    .orderBy('stage_no')
    .orderBy('team_id')
    .execute();

export const insertGate = (
  tx: Tx,
  g: {
    raceId: string;
    stageNo: number;
    seed: string;
    inputs: unknown;
    outcome: unknown;
    by: string;
    now: Date;
    noticeEndsAt: Date;
  },
) =>
  tx
    .insertInto('race_gate')
    .values({
      race_id: g.raceId,
      stage_no: g.stageNo,
      state: 'proposed',
      seed: g.seed,
      inputs: JSON.stringify(g.inputs),
      outcome: JSON.stringify(g.outcome),
      proposed_by: g.by,
      proposed_at: g.now,
      notice_ends_at: g.noticeEndsAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const gatesOf = (q: Q, raceId: string) =>
  q
    .selectFrom('race_gate')
    .selectAll()
    .where('race_id', '=', raceId)
    .orderBy('stage_no')
    .orderBy('proposed_at')
    .execute();

export const lockGate = (tx: Tx, id: string) =>
  tx.selectFrom('race_gate').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const setGateState = (
  tx: Tx,
  id: string,
  state: 'final' | 'withdrawn',
  by: string,
  now: Date,
  reason = '',
) =>
  tx
    .updateTable('race_gate')
    .set({ state, decided_by: by, decided_at: now, withdraw_reason: reason })
    .where('id', '=', id)
    .where('state', '=', 'proposed')
    .returningAll()
    .executeTakeFirst();

export const insertObjection = (tx: Tx, o: { gateId: string; by: string; text: string; now: Date }) =>
  tx
    .insertInto('race_objection')
    .values({ gate_id: o.gateId, raised_by: o.by, text: o.text, state: 'open', created_at: o.now })
    .returningAll()
    .executeTakeFirstOrThrow();

export const objectionsOfRace = (q: Q, raceId: string) =>
  q
    .selectFrom('race_objection as o')
    .innerJoin('race_gate as g', 'g.id', 'o.gate_id')
    .selectAll('o')
    .where('g.race_id', '=', raceId)
    .orderBy('o.created_at')
    .execute();

export const findObjection = (q: Q, id: string) =>
  q.selectFrom('race_objection').selectAll().where('id', '=', id).executeTakeFirst();

export const resolveObjection = (
  tx: Tx,
  id: string,
  decision: string,
  resolution: string,
  by: string,
  now: Date,
) =>
  tx
    .updateTable('race_objection')
    .set({ state: decision, resolution, resolved_by: by, resolved_at: now })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();

export const insertTranche = (
  tx: Tx,
  t: { raceId: string; teamId: string; stageNo: number; gateId: string | null; amountFen: number; now: Date },
) =>
  tx
    .insertInto('race_tranche')
    .values({
      race_id: t.raceId,
      team_id: t.teamId,
      stage_no: t.stageNo,
      gate_id: t.gateId,
      amount_fen: t.amountFen,
      released_at: t.now,
    })
    .execute();

export const tranchesOf = (q: Q, raceId: string) =>
  q
    .selectFrom('race_tranche')
    .selectAll()
    .where('race_id', '=', raceId)
    .orderBy('stage_no')
    .orderBy('released_at')
    .execute();

export const insertEvent = (
  tx: Tx,
  e: {
    raceId: string;
    kind: string;
    stageNo?: number | null;
    teamIds?: string[];
    reason?: string;
    detail?: Record<string, unknown>;
    by: string | null;
    now: Date;
  },
) =>
  tx
    .insertInto('race_event')
    .values({
      race_id: e.raceId,
      kind: e.kind,
      stage_no: e.stageNo ?? null,
      team_ids: e.teamIds ?? [],
      reason: e.reason ?? '',
      detail: JSON.stringify(e.detail ?? {}),
      actor_id: e.by,
      at: e.now,
    })
    .execute();

export const eventsOf = (q: Q, raceId: string) =>
  q.selectFrom('race_event').selectAll().where('race_id', '=', raceId).orderBy('n').execute();

/** The funding awards on the race's challenge (a race is funded once any of its teams has one). */
export const awardsOfChallenge = (q: Q, challengeId: string) =>
  q
    .selectFrom('funding_award')
    .select(['id', 'bid_id', 'state', 'amount_fen'])
    .where('challenge_id', '=', challengeId)
    .execute();

/** The stages at which a team has been released a tranche, in order. */
export const trancheStagesOfTeam = async (q: Q, raceId: string, teamId: string) =>
  (
    await q
      .selectFrom('race_tranche')
      .select('stage_no')
      .where('race_id', '=', raceId)
      .where('team_id', '=', teamId)
      .orderBy('stage_no')
      .execute()
  ).map((r) => r.stage_no);

export type TeamEvidenceRow = Selectable<RaceEvidenceTable>;

/** A team's own evidence for a stage; a later submission replaces the earlier one. */
export const upsertTeamEvidence = (
  tx: Tx,
  e: {
    raceId: string;
    stageNo: number;
    teamId: string;
    text: string;
    attachmentIds: string[];
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('race_evidence')
    .values({
      race_id: e.raceId,
      stage_no: e.stageNo,
      team_id: e.teamId,
      text: e.text,
      attachment_ids: e.attachmentIds,
      submitted_by: e.by,
      submitted_at: e.now,
    })
    .onConflict((oc) =>
      oc.columns(['race_id', 'stage_no', 'team_id']).doUpdateSet({
        text: e.text,
        attachment_ids: e.attachmentIds,
        submitted_by: e.by,
        submitted_at: e.now,
      }),
    )
    .execute();

export const teamEvidenceOf = (q: Q, raceId: string) =>
  q
    .selectFrom('race_evidence')
    .selectAll()
    .where('race_id', '=', raceId)
    .orderBy('stage_no')
    .orderBy('submitted_at')
    .execute();

// ── my tasks ──
/** Running races of the given agencies whose next undecided gate date has come, with no proposal open. */
export const gatesDueFor = (q: Q, orgIds: string[], now: Date) =>
  q
    .selectFrom('race as r')
    .innerJoin('challenge as c', 'c.id', 'r.challenge_id')
    .innerJoin('race_stage as s', 's.race_id', 'r.id')
    .select(['r.id as race_id', 's.stage_no', 's.gate_at'])
    .where('r.state', '=', 'running')
    .where('c.organiser_org_id', 'in', orgIds)
    .where('s.gate_at', '<=', now)
    .where((eb) =>
      eb.and([
        eb(
          's.stage_no',
          '=',
          eb
            .selectFrom('race_stage as s2')
            .select((e) => e.fn.min('s2.stage_no').as('n'))
            .whereRef('s2.race_id', '=', 'r.id')
            .where((e) =>
              e.not(
                e.exists(
                  e
                    .selectFrom('race_gate as g')
                    .select('g.id')
                    .whereRef('g.race_id', '=', 'r.id')
                    .whereRef('g.stage_no', '=', 's2.stage_no')
                    .where('g.state', '=', 'final'),
                ),
              ),
            ),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('race_gate as g')
              .select('g.id')
              .whereRef('g.race_id', '=', 'r.id')
              .where('g.state', '=', 'proposed'),
          ),
        ),
        eb.exists(
          eb
            .selectFrom('race_team as t')
            .select('t.id')
            .whereRef('t.race_id', '=', 'r.id')
            .where('t.status', '=', 'active'),
        ),
      ]),
    )
    .orderBy('s.gate_at')
    .execute();

/** Proposed gates of the given agencies' races whose notice period is over and no objection is open. */
export const gatesToFinalizeFor = (q: Q, orgIds: string[], now: Date) =>
  q
    .selectFrom('race_gate as g')
    .innerJoin('race as r', 'r.id', 'g.race_id')
    .innerJoin('challenge as c', 'c.id', 'r.challenge_id')
    .select(['g.race_id', 'g.notice_ends_at'])
    .where('c.organiser_org_id', 'in', orgIds)
    .where('g.state', '=', 'proposed')
    .where('g.notice_ends_at', '<=', now)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('race_objection as o')
            .select('o.id')
            .whereRef('o.gate_id', '=', 'g.id')
            .where('o.state', '=', 'open'),
        ),
      ),
    )
    .orderBy('g.notice_ends_at')
    .execute();

/** Open objections to gate decisions of the given agencies' races. */
export const openObjectionsFor = (q: Q, orgIds: string[]) =>
  q
    .selectFrom('race_objection as o')
    .innerJoin('race_gate as g', 'g.id', 'o.gate_id')
    .innerJoin('race as r', 'r.id', 'g.race_id')
    .innerJoin('challenge as c', 'c.id', 'r.challenge_id')
    .select(['g.race_id', 'o.created_at'])
    .where('c.organiser_org_id', 'in', orgIds)
    .where('o.state', '=', 'open')
    .orderBy('o.created_at')
    .execute();
