// Every SQL statement of the audit trail.
import { type Kysely, sql } from 'kysely';
import type { Tx } from '../../app/context.ts';
import type { ChainedEntry } from '../../core/audit/chain.ts';
import type { DB } from '../../db/schema.ts';

/** The chain head, locked until the transaction ends: appends are serialised on it. */
export async function lockHead(tx: Tx): Promise<{ seq: number; hash: string }> {
  return tx
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('id', '=', 1)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

export async function readHead(db: Kysely<DB>): Promise<{ seq: number; hash: string }> {
  return db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export async function insertEntry(tx: Tx, e: ChainedEntry): Promise<void> {
  await tx
    .insertInto('audit_log')
    .values({
      seq: e.seq,
      at: e.at,
      actor_id: e.actorId,
      action: e.action,
      object_type: e.objectType,
      object_id: e.objectId,
      before_digest: e.beforeDigest,
      after_digest: e.afterDigest,
      detail: JSON.stringify(e.detail),
      prev_hash: e.prevHash,
      hash: e.hash,
    })
    .execute();
  await tx.updateTable('audit_head').set({ seq: e.seq, hash: e.hash }).where('id', '=', 1).execute();
}

type Row = {
  seq: number;
  at: Date;
  actor_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  before_digest: string | null;
  after_digest: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

const toEntry = (r: Row): ChainedEntry => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  action: r.action,
  objectType: r.object_type,
  objectId: r.object_id,
  beforeDigest: r.before_digest,
  afterDigest: r.after_digest,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** All entries in physical seq order, a page at a time. */
export async function* scanEntries(db: Kysely<DB>, pageSize = 5000): AsyncGenerator<ChainedEntry> {
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    for (const r of rows) yield toEntry(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].seq;
  }
}

export interface AuditQuery {
  objectType?: string;
  objectId?: string;
  actorId?: string;
  /** The actor by name (Chinese or English, any part) or by email (whole, any case). */
  actor?: string;
  /** Only this action code. */
  action?: string;
  page: number;
  pageSize: number;
  order: 'asc' | 'desc';
}

/** One page of entries, newest first by default, with the count of every entry the filter matches. */
export async function listEntries(
  db: Kysely<DB>,
  q: AuditQuery,
): Promise<{ total: number; rows: (ChainedEntry & { actorZh: string | null; actorEn: string | null })[] }> {
  let query = db.selectFrom('audit_log');
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.actor) {
    const like = `%${q.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const who = q.actor;
    query = query.where('actor_id', 'in', (eb) =>
      eb
        .selectFrom('person')
        .select('id')
        .where((p) =>
          p.or([
            p('email_norm', '=', who.toLowerCase()),
            p('name_zh', 'ilike', like),
            p('name_en', 'ilike', like),
          ]),
        ),
    );
  }
  const { n } = await query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await query
    .leftJoin('person as p', 'p.id', 'audit_log.actor_id')
    .selectAll('audit_log')
    .select(['p.name_zh as actor_zh', 'p.name_en as actor_en'])
    .orderBy('seq', q.order)
    .offset((q.page - 1) * q.pageSize)
    .limit(q.pageSize)
    .execute();
  return {
    total: Number(n),
    rows: rows.map((r) => ({ ...toEntry(r), actorZh: r.actor_zh, actorEn: r.actor_en })),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Names = Map<string, { zh: string; en: string }>;

/**
 * The display names of audited objects, by type and id, in both languages: people and
 * organisations by name, challenge-bound objects (bids, task books, reports, awards, races,
 * objections, ethics reviews) by their challenge's title, rounds, funds and committees by their own.
 */
export async function objectNames(db: Kysely<DB>, objects: { type: string; id: string }[]): Promise<Names> {
  const out: Names = new Map();
  const byType = new Map<string, string[]>();
  for (const o of objects) {
    if (!UUID.test(o.id)) continue;
    const ids = byType.get(o.type) ?? [];
    if (!ids.includes(o.id)) ids.push(o.id);
    byType.set(o.type, ids);
  }
  const put = (type: string, rows: { id: string; zh: string | null; en: string | null }[]) => {
    for (const r of rows) out.set(`${type}:${r.id}`, { zh: r.zh ?? '', en: r.en ?? '' });
  };
  for (const [type, ids] of byType) {
    switch (type) {
      case 'person':
      case 'expert':
        put(
          type,
          await db
            .selectFrom('person')
            .select(['id', 'name_zh as zh', 'name_en as en'])
            .where('id', 'in', ids)
            .execute(),
        );
        break;
      case 'organisation':
        put(
          type,
          await db
            .selectFrom('organisation')
            .select(['id', 'name_zh as zh', 'name_en as en'])
            .where('id', 'in', ids)
            .execute(),
        );
        break;
      case 'challenge':
        put(
          type,
          await db
            .selectFrom('challenge')
            .select(['id', 'title_zh as zh', 'title_en as en'])
            .where('id', 'in', ids)
            .execute(),
        );
        break;
      case 'fund':
        put(
          type,
          await db
            .selectFrom('fund')
            .select(['id', 'name_zh as zh', 'name_en as en'])
            .where('id', 'in', ids)
            .execute(),
        );
        break;
      case 'review_round':
        put(
          type,
          await db
            .selectFrom('review_round')
            .select(['id', 'title_zh as zh', 'title_en as en'])
            .where('id', 'in', ids)
            .execute(),
        );
        break;
      case 'ethics_committee':
        put(
          type,
          await db
            .selectFrom('ethics_committee')
            .select(['id', 'name as zh', 'name as en'])
            .where('id', 'in', ids)
            .execute(),
        );
        break;
      case 'bid':
        put(
          type,
          await db
            .selectFrom('bid as x')
            .innerJoin('challenge as c', 'c.id', 'x.challenge_id')
            .select(['x.id', 'c.title_zh as zh', 'c.title_en as en'])
            .where('x.id', 'in', ids)
            .execute(),
        );
        break;
      case 'task_book':
      case 'funding_award':
      case 'race':
      case 'objection':
        put(
          type,
          (
            await sql<{ id: string; zh: string; en: string }>`
              SELECT x.id, c.title_zh AS zh, c.title_en AS en FROM ${sql.table(type)} x
              JOIN challenge c ON c.id = x.challenge_id WHERE x.id = ANY(${ids}::uuid[])`.execute(db)
          ).rows,
        );
        break;
      case 'milestone_report':
        put(
          type,
          await db
            .selectFrom('milestone_report as x')
            .innerJoin('task_book as t', 't.id', 'x.task_book_id')
            .innerJoin('challenge as c', 'c.id', 't.challenge_id')
            .select(['x.id', 'c.title_zh as zh', 'c.title_en as en'])
            .where('x.id', 'in', ids)
            .execute(),
        );
        break;
      case 'ethics_review':
        put(
          type,
          await db
            .selectFrom('ethics_review as x')
            .innerJoin('bid as b', 'b.id', 'x.bid_id')
            .innerJoin('challenge as c', 'c.id', 'b.challenge_id')
            .select(['x.id', 'c.title_zh as zh', 'c.title_en as en'])
            .where('x.id', 'in', ids)
            .execute(),
        );
        break;
      case 'integrity_record':
      case 'integrity_referral':
        put(
          type,
          (
            await sql<{ id: string; zh: string | null; en: string | null }>`
              SELECT x.id, coalesce(p.name_zh, o.name_zh) AS zh, coalesce(p.name_en, o.name_en) AS en
              FROM ${sql.table(type)} x
              LEFT JOIN person p ON p.id = x.subject_person_id
              LEFT JOIN organisation o ON o.id = x.subject_org_id
              WHERE x.id = ANY(${ids}::uuid[])`.execute(db)
          ).rows,
        );
        break;
      case 'membership': {
        const rows = await db
          .selectFrom('membership as x')
          .innerJoin('person as p', 'p.id', 'x.person_id')
          .innerJoin('organisation as o', 'o.id', 'x.org_id')
          .select(['x.id', 'p.name_zh as pz', 'p.name_en as pe', 'o.name_zh as oz', 'o.name_en as oe'])
          .where('x.id', 'in', ids)
          .execute();
        const either = (a: string, b: string) => (a.trim() ? a : b);
        put(
          type,
          rows.map((r) => ({
            id: r.id,
            zh: `${either(r.pz, r.pe)} · ${either(r.oz, r.oe)}`,
            en: `${either(r.pe, r.pz)} · ${either(r.oe, r.oz)}`,
          })),
        );
        break;
      }
      case 'policy_worksheet':
        put(
          type,
          await db
            .selectFrom('policy_worksheet as x')
            .innerJoin('organisation as o', 'o.id', 'x.org_id')
            .select(['x.id', 'o.name_zh as zh', 'o.name_en as en'])
            .where('x.id', 'in', ids)
            .execute(),
        );
        break;
    }
  }
  return out;
}
