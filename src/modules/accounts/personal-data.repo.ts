// The SQL of the personal-data download: every row of every table that points at a person, found
// from the database's own foreign keys, so a table added later is in the download without a change.
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/** (table, column) pairs whose column is a foreign key to person(id), in a stable order. */
export async function personReferences(db: Kysely<DB>): Promise<{ table: string; column: string }[]> {
  const r = await sql<{ table: string; column: string }>`
SELECT DISTINCT cl.relname AS table, att.attname AS column
FROM pg_constraint con
JOIN pg_class cl ON cl.oid = con.conrelid
JOIN pg_namespace ns ON ns.oid = cl.relnamespace
JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = ANY (con.conkey)
WHERE con.contype = 'f' AND con.confrelid = 'person'::regclass AND ns.nspname = current_schema()
ORDER BY 1, 2`.execute(db);
  return r.rows;
}

/** The rows of `table` whose `column` is this person, as JSON objects (at most `limit`). */
export async function rowsOf(db: Kysely<DB>, table: string, column: string, personId: string, limit: number) {
  const r = await sql<{ row: Record<string, unknown> }>`
SELECT to_jsonb(t) AS row FROM ${sql.table(table)} t WHERE ${sql.ref(`t.${column}`)} = ${personId} LIMIT ${limit}`.execute(
    db,
  );
  return r.rows.map((x) => x.row);
}

/** Audit entries by the person or about them or their records (the chain's own fields). */
export const auditAbout = (db: Kysely<DB>, personId: string, objectIds: string[], limit: number) =>
  db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor_id', 'action', 'object_type', 'object_id', 'detail'])
    .where((eb) => eb.or([eb('actor_id', '=', personId), eb('object_id', 'in', [personId, ...objectIds])]))
    .orderBy('seq')
    .limit(limit)
    .execute();
