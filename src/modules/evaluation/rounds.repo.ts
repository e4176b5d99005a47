// Every SQL statement of review rounds, assignment runs and assignments. Rows in, rows out.
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type {
  DB,
  ReviewAssignmentRunTable,
  ReviewAssignmentTable,
  ReviewRoundTable,
} from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;
export type RoundRow = Selectable<ReviewRoundTable>;
export type RunRow = Selectable<ReviewAssignmentRunTable>;
export type AssignmentRow = Selectable<ReviewAssignmentTable>;

export interface RoundFields {
  titleZh: string;
  titleEn: string;
  rubric: unknown[];
  reviewersPerItem: number;
  fairness: boolean;
  coi: Record<string, unknown>;
  dueAt: Date;
  budgetFen: number;
  tieBreak: string;
  rebuttalAllowed: boolean;
  raceStageNo: number | null;
}

const columns = (f: RoundFields) => ({
  title_zh: f.titleZh,
  title_en: f.titleEn,
  rubric: JSON.stringify(f.rubric),
  reviewers_per_item: f.reviewersPerItem,
  fairness: f.fairness,
  coi: JSON.stringify(f.coi),
  due_at: f.dueAt,
  budget_fen: f.budgetFen,
  tie_break: f.tieBreak,
  rebuttal_allowed: f.rebuttalAllowed,
  race_stage_no: f.raceStageNo,
});

export const insertRound = (tx: Tx, challengeId: string, f: RoundFields, by: string, now: Date) =>
  tx
    .insertInto('review_round')
    .values({ challenge_id: challengeId, state: 'draft', created_by: by, created_at: now, ...columns(f) })
    .returningAll()
    .executeTakeFirstOrThrow();

export const updateRound = (tx: Tx, id: string, f: RoundFields) =>
  tx
    .updateTable('review_round')
    .set((eb) => ({ ...columns(f), version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

export const setRoundState = (tx: Tx, id: string, state: string) =>
  tx
    .updateTable('review_round')
    .set((eb) => ({ state, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .execute();

export const findRound = (q: Q, id: string) =>
  q.selectFrom('review_round').selectAll().where('id', '=', id).executeTakeFirst();
export const lockRound = (tx: Tx, id: string) =>
  tx.selectFrom('review_round').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const roundsOfChallenge = (q: Q, challengeId: string) =>
  q
    .selectFrom('review_round')
    .selectAll()
    .where('challenge_id', '=', challengeId)
    .orderBy('created_at')
    .execute();

/** A page of the rounds of the challenges an agency organises (all for the platform admin: `orgIds` null). */
export async function roundsFor(
  q: Q,
  orgIds: string[] | null,
  f: {
    search?: string;
    state?: string;
    sort: 'createdAt' | 'dueAt';
    order: 'asc' | 'desc';
    page: number;
    pageSize: number;
  },
) {
  if (orgIds && !orgIds.length) return { rows: [], total: 0 };
  let base = q.selectFrom('review_round as r').innerJoin('challenge as c', 'c.id', 'r.challenge_id');
  if (orgIds) base = base.where('c.organiser_org_id', 'in', orgIds);
  if (f.state) base = base.where('r.state', '=', f.state);
  if (f.search) {
    const like = `%${f.search.toLowerCase().replace(/[%_\\]/g, (x) => `\\${x}`)}%`;
    base = base.where((eb) =>
      eb.or(
        ['r.title_zh', 'r.title_en', 'c.title_zh', 'c.title_en'].map((col) =>
          eb(eb.fn('lower', [eb.ref(col as 'r.title_zh')]), 'like', like),
        ),
      ),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .selectAll('r')
    .select(['c.title_zh as challenge_title_zh', 'c.title_en as challenge_title_en'])
    .orderBy(f.sort === 'dueAt' ? 'r.due_at' : 'r.created_at', f.order)
    .orderBy('r.id')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { rows, total: Number(total.n) };
}

export const insertRun = (tx: Tx, roundId: string, by: string, now: Date) =>
  tx
    .insertInto('review_assignment_run')
    .values({
      round_id: roundId,
      state: 'running',
      phase: 'queued',
      progress: 0,
      stats: '{}',
      started_by: by,
      started_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

export const setRunProgress = (q: Q, id: string, phase: string, progress: number) =>
  q
    .updateTable('review_assignment_run')
    .set({ phase, progress: Math.max(0, Math.min(1, progress)), heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();

export const finishRun = (
  q: Q,
  id: string,
  state: 'done' | 'failed',
  stats: Record<string, unknown>,
  error: string,
  now: Date,
) =>
  q
    .updateTable('review_assignment_run')
    .set({
      state,
      phase: state,
      progress: state === 'done' ? 1 : undefined,
      stats: JSON.stringify(stats),
      error,
      finished_at: now,
    })
    .where('id', '=', id)
    .execute();

/** The instance running `id` is alive: it writes the database's time (not its own clock). */
export const beat = (q: Q, id: string) =>
  q
    .updateTable('review_assignment_run')
    .set({ heartbeat_at: sql<Date>`now()` })
    .where('id', '=', id)
    .where('state', '=', 'running')
    .execute();

/** A run is stalled when it is 'running' but its instance has not beaten for this long. */
export const STALL_SECONDS = 60;
const stalled = sql<boolean>`(state = 'running' AND heartbeat_at < now() - make_interval(secs => ${STALL_SECONDS}))`;

export const findRun = (q: Q, id: string) =>
  q
    .selectFrom('review_assignment_run')
    .selectAll()
    .select(stalled.as('stalled'))
    .where('id', '=', id)
    .executeTakeFirst();

export const runsOf = (q: Q, roundId: string) =>
  q
    .selectFrom('review_assignment_run')
    .selectAll()
    .select(stalled.as('stalled'))
    .where('round_id', '=', roundId)
    .orderBy('started_at', 'desc')
    .orderBy('id')
    .execute();

export const runningRun = (q: Q, roundId: string) =>
  q
    .selectFrom('review_assignment_run')
    .select('id')
    .where('round_id', '=', roundId)
    .where('state', '=', 'running')
    .executeTakeFirst();

/** Every assignment row of a round with whether a review was started (E2's review table). */
export const assignmentsOf = (q: Q, roundId: string) =>
  q
    .selectFrom('review_assignment as a')
    .leftJoin('review as v', 'v.assignment_id', 'a.id')
    .selectAll('a')
    .select('v.state as review_state')
    .where('a.round_id', '=', roundId)
    .orderBy('a.bid_id')
    .orderBy('a.pseudonym')
    .execute();

export const findAssignment = (q: Q, id: string) =>
  q.selectFrom('review_assignment').selectAll().where('id', '=', id).executeTakeFirst();
export const lockAssignment = (tx: Tx, id: string) =>
  tx.selectFrom('review_assignment').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Removes unstarted assignments (assigned, no review row) of a round; returns how many. */
export async function deleteUnstarted(tx: Tx, roundId: string, ids: string[]) {
  if (!ids.length) return 0;
  const r = await tx
    .deleteFrom('review_assignment')
    .where('round_id', '=', roundId)
    .where('id', 'in', ids)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export const insertAssignments = (
  tx: Tx,
  rows: {
    roundId: string;
    bidId: string;
    expertId: string;
    pseudonym: string;
    affinity: number;
    sharedTerms: string[];
    runId: string | null;
    now: Date;
  }[],
) =>
  rows.length
    ? tx
        .insertInto('review_assignment')
        .values(
          rows.map((r) => ({
            round_id: r.roundId,
            bid_id: r.bidId,
            expert_id: r.expertId,
            pseudonym: r.pseudonym,
            affinity: r.affinity,
            shared_terms: r.sharedTerms,
            state: 'assigned',
            run_id: r.runId,
            assigned_at: r.now,
          })),
        )
        .execute()
    : Promise.resolve([]);

export const decideAssignment = (
  tx: Tx,
  id: string,
  state: 'declined' | 'conflict',
  reason: string,
  now: Date,
) =>
  tx.updateTable('review_assignment').set({ state, reason, decided_at: now }).where('id', '=', id).execute();
