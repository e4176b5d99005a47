// Every SQL statement of the audit trail.
import type { Kysely } from 'kysely';
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
  beforeSeq?: number;
  limit: number;
}

export async function listEntries(db: Kysely<DB>, q: AuditQuery): Promise<ChainedEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(q.limit);
  if (q.objectType) query = query.where('object_type', '=', q.objectType);
  if (q.objectId) query = query.where('object_id', '=', q.objectId);
  if (q.actorId) query = query.where('actor_id', '=', q.actorId);
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
  if (q.beforeSeq) query = query.where('seq', '<', q.beforeSeq);
  return (await query.execute()).map(toEntry);
}
