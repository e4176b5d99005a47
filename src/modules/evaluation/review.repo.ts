// Every SQL statement of reviews, consensus, rebuttals, appeals, reminders and ranking decisions.
// Rows in, rows out.
import type { Kysely, Selectable } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type {
  ConsensusReportTable,
  DB,
  RankingDecisionTable,
  RebuttalTable,
  RebuttalWindowTable,
  ReviewAppealTable,
  ReviewAssignmentTable,
  ReviewRoundTable,
  ReviewTable,
} from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type RoundRow = Selectable<ReviewRoundTable>;
export type AssignmentRow = Selectable<ReviewAssignmentTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type ConsensusRow = Selectable<ConsensusReportTable>;
export type RebuttalRow = Selectable<RebuttalTable>;
export type WindowRow = Selectable<RebuttalWindowTable>;
export type AppealRow = Selectable<ReviewAppealTable>;
export type DecisionRow = Selectable<RankingDecisionTable>;

export const findRound = (q: Q, id: string) =>
  q.selectFrom('review_round').selectAll().where('id', '=', id).executeTakeFirst();
export const lockRound = (tx: Tx, id: string) =>
  tx.selectFrom('review_round').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const setRoundState = (tx: Tx, id: string, state: string) =>
  tx
    .updateTable('review_round')
    .set((eb) => ({ state, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

export const assignmentOf = (q: Q, roundId: string, bidId: string, expertId: string) =>
  q
    .selectFrom('review_assignment')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('bid_id', '=', bidId)
    .where('expert_id', '=', expertId)
    .executeTakeFirst();

/** Lock the round (shared) and then the expert's assignment on the item (exclusive), in that order. */
export async function lockAssignmentOf(tx: Tx, roundId: string, bidId: string, expertId: string) {
  await tx.selectFrom('review_round').select('id').where('id', '=', roundId).forShare().execute();
  await tx
    .selectFrom('review_assignment')
    .select('id')
    .where('round_id', '=', roundId)
    .where('bid_id', '=', bidId)
    .where('expert_id', '=', expertId)
    .forUpdate()
    .execute();
}

export const findAssignment = (q: Q, id: string) =>
  q.selectFrom('review_assignment').selectAll().where('id', '=', id).executeTakeFirst();

/** Assignments of one item, with their reviews (if any). */
export const itemAssignments = (q: Q, roundId: string, bidId: string) =>
  q
    .selectFrom('review_assignment as a')
    .leftJoin('review as r', 'r.assignment_id', 'a.id')
    .select([
      'a.id',
      'a.expert_id',
      'a.pseudonym',
      'a.state',
      'a.reason',
      'r.scores',
      'r.total',
      'r.confidence',
      'r.comment_applicant',
      'r.comment_confidential',
      'r.state as review_state',
      'r.saved_at',
      'r.submitted_at',
    ])
    .where('a.round_id', '=', roundId)
    .where('a.bid_id', '=', bidId)
    .orderBy('a.pseudonym')
    .execute();
export type ItemAssignment = Awaited<ReturnType<typeof itemAssignments>>[number];

/** Every assignment of a round with its review state and reminders, for the organizer. */
export const roundAssignments = (q: Q, roundId: string) =>
  q
    .selectFrom('review_assignment as a')
    .innerJoin('person as p', 'p.id', 'a.expert_id')
    .leftJoin('review as r', 'r.assignment_id', 'a.id')
    .select((eb) => [
      'a.id',
      'a.bid_id',
      'a.expert_id',
      'a.pseudonym',
      'a.state',
      'p.name_zh',
      'p.name_en',
      'r.state as review_state',
      'r.total',
      'r.confidence',
      'r.submitted_at',
      eb
        .selectFrom('review_reminder as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.assignment_id', '=', 'a.id')
        .as('reminders'),
      eb
        .selectFrom('review_reminder as m')
        .select((e) => e.fn.max('m.sent_at').as('last'))
        .whereRef('m.assignment_id', '=', 'a.id')
        .as('last_reminded_at'),
    ])
    .where('a.round_id', '=', roundId)
    .orderBy('a.bid_id')
    .orderBy('a.pseudonym')
    .execute();

/** A page of the expert's active assignments across rounds, soonest due first by default. */
export async function queueOf(
  q: Q,
  expertId: string,
  f: { status?: 'open' | 'submitted'; order: 'asc' | 'desc'; page: number; pageSize: number },
) {
  let base = q
    .selectFrom('review_assignment as a')
    .innerJoin('review_round as rr', 'rr.id', 'a.round_id')
    .where('a.expert_id', '=', expertId)
    .where('rr.state', 'not in', ['draft', 'assigning']);
  base =
    f.status === 'open'
      ? base.where('a.state', '=', 'assigned')
      : f.status === 'submitted'
        ? base.where('a.state', '=', 'submitted')
        : base.where('a.state', 'in', ['assigned', 'submitted']);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .innerJoin('challenge as c', 'c.id', 'rr.challenge_id')
    .innerJoin('bid as b', 'b.id', 'a.bid_id')
    .innerJoin('organisation as o', 'o.id', 'b.host_org_id')
    .leftJoin('review as r', 'r.assignment_id', 'a.id')
    .select((eb) => [
      'a.id',
      'a.round_id',
      'a.bid_id',
      'a.pseudonym',
      'a.state',
      'rr.title_zh as round_title_zh',
      'rr.title_en as round_title_en',
      'rr.state as round_state',
      'rr.due_at',
      'c.title_zh as challenge_title_zh',
      'c.title_en as challenge_title_en',
      'o.name_zh as host_name_zh',
      'o.name_en as host_name_en',
      'r.state as review_state',
      'r.saved_at',
      'r.submitted_at',
      eb
        .selectFrom('review_reminder as m')
        .select((e) => e.fn.max('m.sent_at').as('last'))
        .whereRef('m.assignment_id', '=', 'a.id')
        .as('last_reminded_at'),
    ])
    .orderBy('rr.due_at', f.order)
    .orderBy('a.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export const findReview = (q: Q, assignmentId: string) =>
  q.selectFrom('review').selectAll().where('assignment_id', '=', assignmentId).executeTakeFirst();

export async function upsertReview(
  tx: Tx,
  r: {
    assignmentId: string;
    scores: Record<string, number>;
    total: string | null;
    confidence: number | null;
    commentApplicant: string;
    commentConfidential: string;
    state: 'draft' | 'submitted';
    now: Date;
  },
) {
  const values = {
    scores: JSON.stringify(r.scores),
    total: r.total,
    confidence: r.confidence,
    comment_applicant: r.commentApplicant,
    comment_confidential: r.commentConfidential,
    state: r.state,
    saved_at: r.now,
    submitted_at: r.state === 'submitted' ? r.now : null,
  };
  await tx
    .insertInto('review')
    .values({ assignment_id: r.assignmentId, ...values })
    .onConflict((oc) => oc.column('assignment_id').doUpdateSet(values))
    .execute();
}

export const setAssignmentState = (tx: Tx, id: string, state: string, now: Date) =>
  tx.updateTable('review_assignment').set({ state, decided_at: now }).where('id', '=', id).execute();

export const insertReminders = (tx: Tx, roundId: string, assignmentIds: string[], by: string, now: Date) =>
  assignmentIds.length
    ? tx
        .insertInto('review_reminder')
        .values(
          assignmentIds.map((a) => ({ round_id: roundId, assignment_id: a, sent_by: by, sent_at: now })),
        )
        .execute()
    : Promise.resolve([]);

/** Bids of the round: every bid with at least one assignment in it. */
export const roundBids = (q: Q, roundId: string) =>
  q
    .selectFrom('bid as b')
    .innerJoin('organisation as o', 'o.id', 'b.host_org_id')
    .select(['b.id', 'b.budget_fen', 'b.submitted_at', 'b.commander_id', 'o.name_zh', 'o.name_en'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('review_assignment as a')
          .select('a.id')
          .whereRef('a.bid_id', '=', 'b.id')
          .where('a.round_id', '=', roundId),
      ),
    )
    .orderBy('b.id')
    .execute();

export const submittedReviews = (q: Q, roundId: string) =>
  q
    .selectFrom('review as r')
    .innerJoin('review_assignment as a', 'a.id', 'r.assignment_id')
    .select(['a.bid_id', 'a.expert_id', 'r.total', 'r.confidence'])
    .where('a.round_id', '=', roundId)
    .where('r.state', '=', 'submitted')
    .where('a.state', '=', 'submitted')
    .orderBy('a.bid_id')
    .orderBy('a.expert_id')
    .execute();

/** Whether the person leads or belongs to the bid's team. */
export async function isApplicant(q: Q, bidId: string, commanderId: string, personId: string) {
  if (commanderId === personId) return true;
  const m = await q
    .selectFrom('bid_member')
    .select('person_id')
    .where('bid_id', '=', bidId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return !!m;
}

/** Items (round, bid) of rounds where the person leads or belongs to the bid. */
export const applicantItems = (q: Q, personId: string) =>
  q
    .selectFrom('review_round as rr')
    .innerJoin('bid as b', 'b.challenge_id', 'rr.challenge_id')
    .innerJoin('challenge as c', 'c.id', 'rr.challenge_id')
    .select([
      'rr.id as round_id',
      'rr.title_zh',
      'rr.title_en',
      'rr.state',
      'b.id as bid_id',
      'c.title_zh as challenge_title_zh',
      'c.title_en as challenge_title_en',
    ])
    .where((eb) =>
      eb.and([
        eb.or([
          eb('b.commander_id', '=', personId),
          eb.exists(
            eb
              .selectFrom('bid_member as m')
              .select('m.person_id')
              .whereRef('m.bid_id', '=', 'b.id')
              .where('m.person_id', '=', personId),
          ),
        ]),
        eb.exists(
          eb
            .selectFrom('review_assignment as a')
            .select('a.id')
            .whereRef('a.bid_id', '=', 'b.id')
            .whereRef('a.round_id', '=', 'rr.id'),
        ),
      ]),
    )
    .where('rr.state', 'not in', ['draft', 'assigning'])
    .orderBy('rr.created_at', 'desc')
    .execute();

// ── consensus ──
export const findConsensus = (q: Q, roundId: string, bidId: string) =>
  q
    .selectFrom('consensus_report')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('bid_id', '=', bidId)
    .executeTakeFirst();

export const roundConsensus = (q: Q, roundId: string) =>
  q.selectFrom('consensus_report').select(['bid_id', 'state']).where('round_id', '=', roundId).execute();

export async function setRapporteur(tx: Tx, roundId: string, bidId: string, assignmentId: string, now: Date) {
  await tx
    .insertInto('consensus_report')
    .values({
      round_id: roundId,
      bid_id: bidId,
      rapporteur_assignment_id: assignmentId,
      state: 'open',
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['round_id', 'bid_id']).doUpdateSet((eb) => ({
        rapporteur_assignment_id: assignmentId,
        updated_at: now,
        version: eb('consensus_report.version', '+', 1),
      })),
    )
    .execute();
}

export const updateConsensus = (
  tx: Tx,
  roundId: string,
  bidId: string,
  set: Partial<{
    majority: string;
    minority: string;
    recommendation: string;
    state: string;
    accepted_by: string;
    accepted_at: Date;
  }>,
  now: Date,
) =>
  tx
    .updateTable('consensus_report')
    .set((eb) => ({ ...set, updated_at: now, version: eb('version', '+', 1) }))
    .where('round_id', '=', roundId)
    .where('bid_id', '=', bidId)
    .execute();

// ── rebuttal ──
export const findWindow = (q: Q, roundId: string) =>
  q.selectFrom('rebuttal_window').selectAll().where('round_id', '=', roundId).executeTakeFirst();

export const upsertWindow = (tx: Tx, roundId: string, opensAt: Date, closesAt: Date, by: string) =>
  tx
    .insertInto('rebuttal_window')
    .values({ round_id: roundId, opens_at: opensAt, closes_at: closesAt, set_by: by })
    .onConflict((oc) =>
      oc.column('round_id').doUpdateSet({ opens_at: opensAt, closes_at: closesAt, set_by: by }),
    )
    .execute();

export const findRebuttal = (q: Q, roundId: string, bidId: string) =>
  q
    .selectFrom('rebuttal')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('bid_id', '=', bidId)
    .executeTakeFirst();

export const insertRebuttal = (tx: Tx, roundId: string, bidId: string, body: string, by: string, now: Date) =>
  tx
    .insertInto('rebuttal')
    .values({ round_id: roundId, bid_id: bidId, body, author_id: by, submitted_at: now })
    .execute();

// ── appeals ──
export const appealsOf = (q: Q, roundId: string, bidId: string) =>
  q
    .selectFrom('review_appeal')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('bid_id', '=', bidId)
    .orderBy('filed_at')
    .execute();

export const roundAppeals = (q: Q, roundId: string) =>
  q.selectFrom('review_appeal').selectAll().where('round_id', '=', roundId).orderBy('filed_at').execute();

export const lockAppeal = (tx: Tx, id: string) =>
  tx.selectFrom('review_appeal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const insertAppeal = (
  tx: Tx,
  a: { roundId: string; bidId: string; ground: string; statement: string; by: string; now: Date },
) =>
  tx
    .insertInto('review_appeal')
    .values({
      round_id: a.roundId,
      bid_id: a.bidId,
      ground: a.ground,
      statement: a.statement,
      author_id: a.by,
      state: 'pending',
      filed_at: a.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const decideAppeal = (tx: Tx, id: string, state: string, reasons: string, by: string, now: Date) =>
  tx
    .updateTable('review_appeal')
    .set({ state, decision_reasons: reasons, decided_by: by, decided_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

// ── ranking decisions ──
export const latestDecision = (q: Q, roundId: string) =>
  q
    .selectFrom('ranking_decision')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const insertDecision = (
  tx: Tx,
  d: {
    roundId: string;
    version: number;
    inputs: unknown;
    outcome: unknown;
    sha: string;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('ranking_decision')
    .values({
      round_id: d.roundId,
      version: d.version,
      inputs: JSON.stringify(d.inputs),
      outcome: JSON.stringify(d.outcome),
      inputs_sha256: d.sha,
      decided_by: d.by,
      decided_at: d.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

// ── my tasks ──
/** The expert's open assignments in rounds that are reviewing, with whether a sheet was started. */
export const openAssignmentsOf = (q: Q, expertId: string) =>
  q
    .selectFrom('review_assignment as a')
    .innerJoin('review_round as rr', 'rr.id', 'a.round_id')
    .leftJoin('review as r', 'r.assignment_id', 'a.id')
    .select(['a.round_id', 'a.bid_id', 'rr.due_at', 'r.state as review_state'])
    .where('a.expert_id', '=', expertId)
    .where('a.state', '=', 'assigned')
    .where('rr.state', '=', 'reviewing')
    .orderBy('rr.due_at')
    .execute();

/** Items where the expert is the rapporteur and the consensus report is still open. */
export const openConsensusOf = (q: Q, expertId: string, roundStates: string[]) =>
  q
    .selectFrom('consensus_report as c')
    .innerJoin('review_assignment as a', 'a.id', 'c.rapporteur_assignment_id')
    .innerJoin('review_round as rr', 'rr.id', 'c.round_id')
    .select(['c.round_id', 'c.bid_id'])
    .where('a.expert_id', '=', expertId)
    .where('a.state', '=', 'submitted')
    .where('c.state', '=', 'open')
    .where('rr.state', 'in', roundStates)
    .execute();

/** Proposed consensus reports in rounds on challenges the given agencies organise. */
export const proposedConsensusFor = (q: Q, orgIds: string[], roundStates: string[]) =>
  q
    .selectFrom('consensus_report as c')
    .innerJoin('review_round as rr', 'rr.id', 'c.round_id')
    .innerJoin('challenge as ch', 'ch.id', 'rr.challenge_id')
    .select(['c.round_id', 'c.bid_id'])
    .where('ch.organiser_org_id', 'in', orgIds)
    .where('c.state', '=', 'proposed')
    .where('rr.state', 'in', roundStates)
    .execute();

/** Pending appeals in rounds on challenges the given agencies organise. */
export const pendingAppealsFor = (q: Q, orgIds: string[]) =>
  q
    .selectFrom('review_appeal as p')
    .innerJoin('review_round as rr', 'rr.id', 'p.round_id')
    .innerJoin('challenge as ch', 'ch.id', 'rr.challenge_id')
    .select(['p.round_id', 'p.bid_id', 'p.filed_at'])
    .where('ch.organiser_org_id', 'in', orgIds)
    .where('p.state', '=', 'pending')
    .orderBy('p.filed_at')
    .execute();

/** Reviewed bids the person commands whose round's rebuttal window is open and not yet answered. */
export const rebuttalsOpenFor = (q: Q, personId: string, now: Date) =>
  q
    .selectFrom('rebuttal_window as w')
    .innerJoin('review_round as rr', 'rr.id', 'w.round_id')
    .innerJoin('bid as b', 'b.challenge_id', 'rr.challenge_id')
    .select(['w.round_id', 'b.id as bid_id', 'w.closes_at'])
    .where('b.commander_id', '=', personId)
    .where('rr.rebuttal_allowed', '=', true)
    .where('w.opens_at', '<=', now)
    .where('w.closes_at', '>', now)
    .where((eb) =>
      eb.and([
        eb.exists(
          eb
            .selectFrom('review_assignment as a')
            .select('a.id')
            .whereRef('a.round_id', '=', 'w.round_id')
            .whereRef('a.bid_id', '=', 'b.id'),
        ),
        eb.not(
          eb.exists(
            eb
              .selectFrom('rebuttal as x')
              .select('x.bid_id')
              .whereRef('x.round_id', '=', 'w.round_id')
              .whereRef('x.bid_id', '=', 'b.id'),
          ),
        ),
      ]),
    )
    .orderBy('w.closes_at')
    .execute();
