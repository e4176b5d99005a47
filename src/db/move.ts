// `jiebang db move --to postgres://…`: the way to grow from the embedded database to a PostgreSQL
// server. The target must be empty; its schema is made by the same migrations, then every row of
// every table is copied in foreign-key order (parents first) in one transaction, sequences are set,
// waiting jobs follow, and the audit chain is verified on the target before the move reports success.
import pg from 'pg';
import { type Database, openDatabase } from './db.ts';

export interface MoveReport {
  tables: number;
  rows: number;
  jobs: number;
}

const CHUNK = 1000;

/** Public tables in an order where every table comes after the tables its foreign keys point to. */
async function tablesInDependencyOrder(source: Database): Promise<string[]> {
  const tables = (
    await source.pool.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_migration%' ORDER BY tablename`,
    )
  ).rows.map((r) => r.tablename as string);
  const edges = (
    await source.pool.query(
      `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    )
  ).rows as { child: string; parent: string }[];
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (e.child !== e.parent) parents.get(e.child)?.add(e.parent);
  const out: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t)) return;
    if (path.has(t)) throw new Error(`foreign keys form a cycle through ${t}`);
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    path.delete(t);
    done.add(t);
    out.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return out;
}

/** The columns a row is written with: generated columns are computed by the target itself. */
async function writableColumns(db: pg.Pool | pg.PoolClient, table: string): Promise<string[]> {
  const r = await db.query(
    `SELECT a.attname FROM pg_attribute a
     WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     ORDER BY a.attnum`,
    [table],
  );
  return r.rows.map((x) => x.attname as string);
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
const qualified = (name: string) => name.split('.').map(ident).join('.');

/** Copies `table`'s rows (those `where` selects) from `source` to the target client, CHUNK rows at a time. */
async function copyTable(
  source: Database,
  target: pg.PoolClient,
  table: string,
  where = 'true',
): Promise<number> {
  const cols = await writableColumns(target, table);
  const list = cols.map(ident).join(', ');
  const name = qualified(table);
  let total = 0;
  let after = '(0,0)';
  for (;;) {
    // Keyset over the physical row id: each chunk is read once, however large the table.
    const r = await source.pool.query(
      `SELECT ctid::text AS ctid, to_jsonb(x) AS row FROM ${name} x
       WHERE ctid > $1::tid AND (${where}) ORDER BY ctid LIMIT ${CHUNK}`,
      [after],
    );
    if (r.rows.length === 0) return total;
    await target.query(
      `INSERT INTO ${name} (${list}) OVERRIDING SYSTEM VALUE
       SELECT ${list} FROM jsonb_populate_recordset(NULL::${name}, $1::jsonb)`,
      [JSON.stringify(r.rows.map((x) => x.row))],
    );
    total += r.rows.length;
    after = r.rows[r.rows.length - 1].ctid;
    if (r.rows.length < CHUNK) return total;
  }
}

/** Moves the PGlite database in `dataDir` into the empty PostgreSQL database at `url`. */
export async function moveToPostgres(dataDir: string, url: string): Promise<MoveReport> {
  const check = new pg.Client({ connectionString: url });
  await check.connect();
  try {
    const r = await check.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'p', 'v', 'm', 'S')`,
    );
    if (r.rows[0].n > 0)
      throw new Error(
        `the target database is not empty (${r.rows[0].n} tables, views or sequences): move refused`,
      );
  } finally {
    await check.end();
  }
  // The source is brought to this build's schema first, so both sides have the same tables.
  const source = await openDatabase({ dataDir, migrate: true, appRole: false });
  try {
    const target = await openDatabase({ url, migrate: true, appRole: false });
    try {
      const tables = await tablesInDependencyOrder(source);
      const client = await target.pool.connect();
      let rows = 0;
      let jobs = 0;
      try {
        await client.query('BEGIN');
        // Rows are copied as they are: the target's triggers (append-only audit trail, frozen targets,
        // tranche guards) judged them once already, on the source.
        const su = await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
        if (su.rows[0]?.rolsuper) await client.query(`SET LOCAL session_replication_role = replica`);
        // The migrations seed some rows (settings, the audit head): the source's replace them.
        for (const t of [...tables].reverse()) {
          const seeded = await client.query(`SELECT EXISTS (SELECT 1 FROM ${qualified(t)}) AS e`);
          if (seeded.rows[0].e) await client.query(`DELETE FROM ${qualified(t)}`);
        }
        for (const t of tables) rows += await copyTable(source, client, t);
        const seqs = await source.pool.query(
          `SELECT schemaname || '.' || sequencename AS name, last_value FROM pg_sequences
           WHERE schemaname = 'public'`,
        );
        for (const s of seqs.rows)
          if (s.last_value !== null)
            await client.query(`SELECT setval($1::regclass, $2, true)`, [s.name, s.last_value]);
        // Jobs not yet done (mail to deliver, scans): their queues first, then the jobs.
        const queues = await source.pool.query(`SELECT name, policy FROM pgboss.queue`);
        for (const q of queues.rows)
          await client.query(`SELECT pgboss.create_queue($1, $2::json)`, [
            q.name,
            JSON.stringify({ policy: q.policy ?? 'standard' }),
          ]);
        if (queues.rows.length) jobs = await copyTable(source, client, 'pgboss.job', `state < 'completed'`);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
      return { tables: tables.length, rows, jobs };
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
