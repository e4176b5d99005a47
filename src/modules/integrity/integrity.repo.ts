// Every SQL statement of integrity records, sanctions and duplicate flags.
import { type Kysely, sql } from 'kysely';
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

export interface RecordFilter {
  /** Only records about this person or these organisations (what a subject sees). */
  subject?: { personId: string; orgIds: string[] };
  id?: string;
  appealStatus?: string;
  /** The subject's name (Chinese or English, any part) or whole email. */
  q?: string;
}

/** Records with their sanction and subject's names, newest first, one page, with the total. */
export async function listRecords(
  q: Q,
  f: RecordFilter,
  p: { offset: number; limit: number; order: 'asc' | 'desc' } = { offset: 0, limit: 500, order: 'desc' },
) {
  let query = q
    .selectFrom('integrity_record as r')
    .leftJoin('sanction as s', 's.id', 'r.sanction_id')
    .leftJoin('person as p', 'p.id', 'r.subject_person_id')
    .leftJoin('organisation as o', 'o.id', 'r.subject_org_id');
  const { subject, id, appealStatus } = f;
  if (subject) {
    query = query.where((eb) =>
      eb.or([
        eb('r.subject_person_id', '=', subject.personId),
        ...(subject.orgIds.length ? [eb('r.subject_org_id', 'in', subject.orgIds)] : []),
      ]),
    );
  }
  if (id) query = query.where('r.id', '=', id);
  if (appealStatus) query = query.where('r.appeal_status', '=', appealStatus);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const email = f.q.toLowerCase();
    query = query.where((eb) =>
      eb.or([
        eb('p.name_zh', 'ilike', like),
        eb('p.name_en', 'ilike', like),
        eb('p.email_norm', '=', email),
        eb('o.name_zh', 'ilike', like),
        eb('o.name_en', 'ilike', like),
      ]),
    );
  }
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('r')
    .select([
      's.blocks',
      's.starts_on',
      's.ends_on',
      'p.name_zh as person_name_zh',
      'p.name_en as person_name_en',
      'p.email as person_email',
      'o.name_zh as org_name_zh',
      'o.name_en as org_name_en',
    ])
    .orderBy('r.created_at', p.order)
    .orderBy('r.id')
    .offset(p.offset)
    .limit(p.limit)
    .execute();
  return { total: Number(n), rows };
}

export const findRecord = (q: Q, id: string) =>
  q.selectFrom('integrity_record').selectAll().where('id', '=', id).executeTakeFirst();
export const lockRecord = (tx: Tx, id: string) =>
  tx.selectFrom('integrity_record').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

/** Move the appeal from `from` to `to`, writing the grounds (lodging) or the officer's note (deciding). */
export const setAppeal = (
  tx: Tx,
  id: string,
  from: string,
  to: string,
  text: { grounds?: string; note?: string },
  now: Date,
) =>
  tx
    .updateTable('integrity_record')
    .set({
      appeal_status: to,
      ...(text.grounds !== undefined ? { appeal_grounds: text.grounds } : {}),
      ...(text.note !== undefined ? { appeal_note: text.note } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .where('appeal_status', '=', from)
    .returning('id')
    .executeTakeFirst();

/**
 * An overturned appeal lifts the sanction: it ends yesterday (the record of it stays). One that had
 * not begun yet is cut to a single past day, so that it never applies and the table's
 * starts_on ≤ ends_on still holds.
 */
export const endSanction = (tx: Tx, id: string, endsOn: string) =>
  tx
    .updateTable('sanction')
    .set((eb) => ({ ends_on: endsOn, starts_on: eb.fn('least', [eb.ref('starts_on'), eb.val(endsOn)]) }))
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

/** A challenge statement as indexed: the Chinese and English statements together. */
const statementText = sql<string>`statement_zh || E'\n' || statement_en`;

/**
 * Challenge statements submitted for vetting (any state past draft), for the duplicate index:
 * those changed since `since`. The stamp is `updated_at`, moved by every state change.
 */
export async function challengeTexts(q: Q, since: Date | null) {
  let query = q
    .selectFrom('challenge')
    .select(['id', statementText.as('text'), 'updated_at as at'])
    .where('state', '<>', 'draft')
    .orderBy('updated_at');
  if (since) query = query.where('updated_at', '>=', since);
  return query.execute();
}

export type TextKind = 'challenge' | 'bid' | 'report';

/** Ids (no text) of the bids, reports or challenges submitted at or after `from`: cheap, for catching late commits. */
export function submittedIdsSince(q: Q, kind: TextKind, from: Date) {
  if (kind === 'challenge')
    return q
      .selectFrom('challenge')
      .select('id')
      .where('state', '<>', 'draft')
      .where('updated_at', '>=', from)
      .execute();
  return kind === 'bid'
    ? q.selectFrom('bid').select('id').where('submitted_at', '>=', from).execute()
    : q.selectFrom('milestone_report').select('id').where('submitted_at', '>=', from).execute();
}

/** Submitted texts by id. */
export function textsByIds(q: Q, kind: TextKind, ids: string[]) {
  if (kind === 'challenge')
    return q
      .selectFrom('challenge')
      .select(['id', statementText.as('text')])
      .where('id', 'in', ids)
      .where('state', '<>', 'draft')
      .execute();
  return kind === 'bid'
    ? q
        .selectFrom('bid')
        .select(['id', 'technical_route as text'])
        .where('id', 'in', ids)
        .where('submitted_at', 'is not', null)
        .execute()
    : q.selectFrom('milestone_report').select(['id', 'summary as text']).where('id', 'in', ids).execute();
}

/** One submitted text by id (a challenge's statement, a bid's technical route or a report's summary). */
export function textOf(q: Q, kind: TextKind, id: string) {
  if (kind === 'challenge')
    return q
      .selectFrom('challenge')
      .select(['id', statementText.as('text')])
      .where('id', '=', id)
      .where('state', '<>', 'draft')
      .executeTakeFirst();
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

/**
 * For each flagged challenge, bid or report: its text, challenge, the commander answerable for a
 * bid or report, and the author (the commander, or the proposer who drafted a challenge).
 */
export async function flagSides(q: Q, ids: string[]) {
  const out = new Map<
    string,
    { text: string; challengeId: string; commanderId: string | null; authorId: string }
  >();
  if (!ids.length) return out;
  const challenges = await q
    .selectFrom('challenge')
    .select(['id', statementText.as('text'), 'created_by'])
    .where('id', 'in', ids)
    .execute();
  for (const c of challenges)
    out.set(c.id, { text: c.text, challengeId: c.id, commanderId: null, authorId: c.created_by });
  const bids = await q
    .selectFrom('bid')
    .select(['id', 'technical_route', 'challenge_id', 'commander_id'])
    .where('id', 'in', ids)
    .execute();
  for (const b of bids)
    out.set(b.id, {
      text: b.technical_route,
      challengeId: b.challenge_id,
      commanderId: b.commander_id,
      authorId: b.commander_id,
    });
  const reports = await q
    .selectFrom('milestone_report as r')
    .innerJoin('task_book as t', 't.id', 'r.task_book_id')
    .innerJoin('bid as b', 'b.id', 't.bid_id')
    .select(['r.id', 'r.summary', 't.challenge_id', 'b.commander_id'])
    .where('r.id', 'in', ids)
    .execute();
  for (const r of reports)
    out.set(r.id, {
      text: r.summary,
      challengeId: r.challenge_id,
      commanderId: r.commander_id,
      authorId: r.commander_id,
    });
  return out;
}

// ── referrals (misconduct found at acceptance, sent to the integrity officers) ──
/** Referrals with the subject's names and, for a task book, its challenge. */
export function listReferrals(q: Q, state?: string) {
  let query = q
    .selectFrom('integrity_referral as f')
    .leftJoin('person as p', 'p.id', 'f.subject_person_id')
    .leftJoin('organisation as o', 'o.id', 'f.subject_org_id')
    .leftJoin('task_book as t', (j) =>
      j.onRef('t.id', '=', 'f.source_id').on('f.source_type', '=', 'task_book'),
    )
    .leftJoin('challenge as c', 'c.id', 't.challenge_id')
    .selectAll('f')
    .select([
      'p.name_zh as person_name_zh',
      'p.name_en as person_name_en',
      'p.email as person_email',
      'o.name_zh as org_name_zh',
      'o.name_en as org_name_en',
      'c.id as challenge_id',
      'c.title_zh as challenge_title_zh',
      'c.title_en as challenge_title_en',
    ])
    .orderBy('f.created_at', 'desc')
    .limit(500);
  if (state) query = query.where('f.state', '=', state);
  return query.execute();
}

/** The referral, locked for deciding. */
export const lockReferral = (tx: Tx, id: string) =>
  tx.selectFrom('integrity_referral').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const closeReferral = (
  tx: Tx,
  id: string,
  c: { outcome: 'record' | 'dismissed'; reason: string; recordId: string | null; by: string; now: Date },
) =>
  tx
    .updateTable('integrity_referral')
    .set({
      state: 'closed',
      outcome: c.outcome,
      reason: c.reason,
      record_id: c.recordId,
      closed_by: c.by,
      closed_at: c.now,
    })
    .where('id', '=', id)
    .where('state', '=', 'open')
    .returning('id')
    .executeTakeFirst();

/** Active sanctions blocking `block` on `today` of any of the people or organisations. */
export const sanctionsBlocking = (
  q: Q,
  block: string,
  personIds: string[],
  orgIds: string[],
  today: string,
) =>
  q
    .selectFrom('sanction')
    .select(['person_id', 'org_id', 'ends_on'])
    .where((eb) =>
      eb.or([
        ...(personIds.length ? [eb('person_id', 'in', personIds)] : []),
        ...(orgIds.length ? [eb('org_id', 'in', orgIds)] : []),
        eb.val(false),
      ]),
    )
    .where(sql<boolean>`${block} = ANY(blocks)`)
    .where('starts_on', '<=', today)
    .where('ends_on', '>=', today)
    .execute();
