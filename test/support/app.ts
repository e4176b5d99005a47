// Builds the real server on a fresh database for HTTP tests, with a clock the test controls.
import { loadConfig } from '../../src/config.ts';
import type { Database, DbKind } from '../../src/db/db.ts';
import { buildServer } from '../../src/http/server.ts';
import { createPlatformAdmin } from '../../src/modules/accounts/accounts.service.ts';
import { TestClient } from './client.ts';
import { freshDatabase } from './db.ts';

export class Clock {
  t = Date.UTC(2026, 10, 28, 2, 0, 0);
  now = () => new Date(this.t);
  advanceMinutes(m: number) {
    this.t += m * 60_000;
  }
}

export async function buildTestApp(
  kind: DbKind,
  env: Record<string, string> = {},
  opts: { webRoot?: string; database?: Database } = {},
) {
  const database: Database = opts.database ?? (await freshDatabase(kind));
  const clock = new Clock();
  // Schedules off: a cron tick must not add notifications in the middle of a test (tests run the scans).
  const config = loadConfig({
    LOGIN_RATE_MAX: '1000',
    JOB_SCHEDULES: 'off',
    JOB_POLL_SECONDS: '0.5',
    ...env,
  });
  const app = await buildServer({ database, config, now: clock.now, webRoot: opts.webRoot });
  const client = () => new TestClient(app);
  const ctx = { db: database.db, actor: null, now: clock.now };
  return {
    database,
    app,
    clock,
    client,
    ctx,
    /** A logged-in platform admin client. */
    async admin(email = 'admin@jiebang.test') {
      await createPlatformAdmin(ctx, { email, password: 'admin password 1', name: '管理员' });
      const c = client();
      await c.login(email, 'admin password 1');
      return c;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** Counts rows of every table and the audit head: "nothing changed" is this staying equal. */
export async function snapshotCounts(database: Database): Promise<Record<string, number>> {
  const tables = [
    'organisation',
    'person',
    'employment',
    'publication',
    'person_project',
    'membership',
    'session',
    'audit_log',
  ];
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = Number((await database.pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n);
  const head = (await database.pool.query('SELECT seq FROM audit_head')).rows[0];
  out.audit_head = Number(head.seq);
  return out;
}
