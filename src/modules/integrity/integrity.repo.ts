// Every SQL statement of integrity records, sanctions and duplicate flags.
import type { Kysely } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { DB } from '../../db/schema.ts';

type Q = Kysely<DB> | Tx;

export const insertSanction = (
  tx: Tx,
  s: {
    personId: string | null;
    orgId: string | null;
    blocks: string[];
    startsOn: string;
    endsOn: string;
    reason: string;
  },
) =>
  tx
    .insertInto('sanction')
    .values({
      person_id: s.personId,
      org_id: s.orgId,
      blocks: s.blocks,
      starts_on: s.startsOn,
      ends_on: s.endsOn,
      reason: s.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

export const insertRecord = (
  tx: Tx,
  r: {
    personId: string | null;
    orgId: string | null;
    findingType: string;
    severity: string;
    evidence: string;
    decision: string;
    sanctionId: string | null;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('integrity_record')
    .values({
      subject_person_id: r.personId,
      subject_org_id: r.orgId,
      finding_type: r.findingType,
      severity: r.severity,
      evidence: r.evidence,
      decision: r.decision,
      sanction_id: r.sanctionId,
      created_by: r.by,
      created_at: r.now,
      updated_at: r.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();

/** Records with their sanction, optionally only those about the given person or organisations. */
export function listRecords(q: Q, subject?: { personId: string; orgIds: string[] }) {
  let query = q
    .selectFrom('integrity_record as r')
    .leftJoin('sanction as s', 's.id', 'r.sanction_id')
    .selectAll('r')
    .select(['s.blocks', 's.starts_on', 's.ends_on'])
    .orderBy('r.created_at', 'desc')
    .limit(500);
  if (subject) {
    query = query.where((eb) =>
      eb.or([
        eb('r.subject_person_id', '=', subject.personId),
        ...(subject.orgIds.length ? [eb('r.subject_org_id', 'in', subject.orgIds)] : []),
      ]),
    );
  }
  return query.execute();
}

export const findRecord = (q: Q, id: string) =>
  q.selectFrom('integrity_record').selectAll().where('id', '=', id).executeTakeFirst();

export const setAppeal = (tx: Tx, id: string, status: string, now: Date) =>
  tx
    .updateTable('integrity_record')
    .set({ appeal_status: status, updated_at: now })
    .where('id', '=', id)
    .execute();

/** An overturned appeal lifts the sanction from today on (the record of it stays). */
export const endSanction = (tx: Tx, id: string, endsOn: string) =>
  tx
    .updateTable('sanction')
    .set({ ends_on: endsOn })
    .where('id', '=', id)
    .where('ends_on', '>', endsOn)
    .execute();

export const insertFlags = (
  tx: Tx,
  flags: { aType: string; aId: string; bType: string; bId: string; similarity: number; now: Date }[],
) =>
  flags.length
    ? tx
        .insertInto('duplicate_flag')
        .values(
          flags.map((f) => ({
            a_type: f.aType,
            a_id: f.aId,
            b_type: f.bType,
            b_id: f.bId,
            similarity: f.similarity.toFixed(4),
            created_at: f.now,
          })),
        )
        .onConflict((oc) => oc.columns(['a_id', 'b_id']).doNothing())
        .returning('id')
        .execute()
    : Promise.resolve([]);

export const listFlags = (q: Q, state?: string) => {
  let query = q.selectFrom('duplicate_flag').selectAll().orderBy('created_at', 'desc').limit(200);
  if (state) query = query.where('state', '=', state);
  return query.execute();
};
export const findFlag = (q: Q, id: string) =>
  q.selectFrom('duplicate_flag').selectAll().where('id', '=', id).executeTakeFirst();
export const decideFlag = (tx: Tx, id: string, state: string, note: string, by: string) =>
  tx
    .updateTable('duplicate_flag')
    .set({ state, note, reviewed_by: by })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returningAll()
    .executeTakeFirst();

/** Submitted bid texts (technical routes), for the duplicate index: those submitted since `since`. */
export async function submittedBidTexts(q: Q, since: Date | null) {
  let query = q
    .selectFrom('bid')
    .select(['id', 'technical_route as text', 'submitted_at as at'])
    .where('submitted_at', 'is not', null)
    .orderBy('submitted_at');
  if (since) query = query.where('submitted_at', '>=', since);
  return query.execute();
}

/** Milestone report texts, for the duplicate index: those submitted since `since`. */
export async function reportTexts(q: Q, since: Date | null) {
  let query = q
    .selectFrom('milestone_report')
    .select(['id', 'summary as text', 'submitted_at as at'])
    .orderBy('submitted_at');
  if (since) query = query.where('submitted_at', '>=', since);
  return query.execute();
}

/** Ids (no text) of the bids or reports submitted at or after `from`: cheap, for catching late commits. */
export function submittedIdsSince(q: Q, kind: 'bid' | 'report', from: Date) {
  return kind === 'bid'
    ? q.selectFrom('bid').select('id').where('submitted_at', '>=', from).execute()
    : q.selectFrom('milestone_report').select('id').where('submitted_at', '>=', from).execute();
}

/** Submitted texts by id. */
export function textsByIds(q: Q, kind: 'bid' | 'report', ids: string[]) {
  return kind === 'bid'
    ? q
        .selectFrom('bid')
        .select(['id', 'technical_route as text'])
        .where('id', 'in', ids)
        .where('submitted_at', 'is not', null)
        .execute()
    : q.selectFrom('milestone_report').select(['id', 'summary as text']).where('id', 'in', ids).execute();
}

/** One submitted text by id (a bid's technical route or a report's summary). */
export function textOf(q: Q, kind: 'bid' | 'report', id: string) {
  return kind === 'bid'
    ? q
        .selectFrom('bid')
        .select(['id', 'technical_route as text'])
        .where('id', '=', id)
        .where('submitted_at', 'is not', null)
        .executeTakeFirst()
    : q
        .selectFrom('milestone_report')
        .select(['id', 'summary as text'])
        .where('id', '=', id)
        .executeTakeFirst();
}

/** For each flagged bid or report: its text, challenge and the commander answerable for it. */
export async function flagSides(q: Q, ids: string[]) {
  const out = new Map<string, { text: string; challengeId: string; commanderId: string }>();
  if (!ids.length) return out;
  const bids = await q
    .selectFrom('bid')
    .select(['id', 'technical_route', 'challenge_id', 'commander_id'])
    .where('id', 'in', ids)
    .execute();
  for (const b of bids)
    out.set(b.id, { text: b.technical_route, challengeId: b.challenge_id, commanderId: b.commander_id });
  const reports = await q
    .selectFrom('milestone_report as r')
    .innerJoin('task_book as t', 't.id', 'r.task_book_id')
    .innerJoin('bid as b', 'b.id', 't.bid_id')
    .select(['r.id', 'r.summary', 't.challenge_id', 'b.commander_id'])
    .where('r.id', 'in', ids)
    .execute();
  for (const r of reports)
    out.set(r.id, { text: r.summary, challengeId: r.challenge_id, commanderId: r.commander_id });
  return out;
}
