// Test databases: every test file gets fresh ones, on PGlite and (when TEST_DATABASE_URL
// is set) on the PostgreSQL server too.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, type DbKind, openDatabase } from '../../src/db/db.ts';
import { TEMPLATE_DB, withDatabase } from './pg.ts';

/** The backends every database test runs on. Under CI, PostgreSQL is required, never silently dropped. */
export function backends(): DbKind[] {
  if (process.env.TEST_DATABASE_URL) return ['pglite', 'postgres'];
  if (process.env.CI)
    throw new Error('TEST_DATABASE_URL is not set: under CI every database test must also run on PostgreSQL');
  return ['pglite'];
}

let template: Blob | undefined;

/** A migrated, empty database of the given kind; close() also drops a server database. */
export async function freshDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') {
    template ??= new Blob([
      readFileSync(join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'pglite-template.tar')),
    ]);
    return openDatabase({ dataDir: 'memory://', loadDataDir: template });
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `jb_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  await admin.end();
  const database = await openDatabase({ url: withDatabase(url, name) });
  const close = database.close;
  database.close = async () => {
    await close();
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.end();
  };
  return database;
}

/** Run SQL as the database owner (bypassing the application role), e.g. to simulate tampering. */
export async function asOwner(database: Database, sql: string): Promise<void> {
  if (database.kind === 'pglite') {
    await database.pglite!.exec(`RESET ROLE; ${sql}; SET ROLE jiebang_app`);
    return;
  }
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const dbName = (await database.pool.query('SELECT current_database() AS d')).rows[0].d;
  url.pathname = `/${dbName}`;
  const c = new pg.Client({ connectionString: url.toString() });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/**
 * A person registered with `password` and an active member (`role`) of a new enterprise, written
 * straight to `database` (for journeys that start from a logged-in enterprise user).
 */
export async function enterpriseMember(
  database: Database,
  person: { email: string; password: string; nameZh: string; nameEn: string; locale: string },
  org: { nameZh: string; nameEn: string },
  role: string,
): Promise<{ personId: string; orgId: string }> {
  const { register } = await import('../../src/modules/accounts/accounts.service.ts');
  const p = await register({ db: database.db, actor: null, now: () => new Date() }, person);
  const o = await database.pool.query(
    `INSERT INTO organisation (kind, name_zh, name_en) VALUES ('enterprise', $1, $2) RETURNING id`,
    [org.nameZh, org.nameEn],
  );
  const orgId = o.rows[0].id as string;
  await database.pool.query(
    `INSERT INTO membership (person_id, org_id, role, status) VALUES ($1, $2, $3, 'active')`,
    [p.id, orgId, role],
  );
  return { personId: p.id, orgId };
}
