// `jiebang db move`: an embedded database with people, organisations, a programme fund (ledger), a
// waiting job and its audit trail moves into an empty PostgreSQL database whole — every row of every
// table, sequences, the audit chain and the ledger verifying; a non-empty target is refused.
// Needs PostgreSQL: `bash scripts/with-postgres.sh npm test -- db.move`.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../src/db/db.ts';
import { moveToPostgres } from '../../src/db/move.ts';
import { enqueue } from '../../src/jobs/queue.ts';
import { verifyAudit } from '../../src/modules/audit/audit.service.ts';
import { verifyLedger } from '../../src/modules/funding/funding.export.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { programmeFund } from '../support/funding.ts';
import { withDatabase } from '../support/pg.ts';
import { tableContents } from '../support/security.ts';

const url = process.env.TEST_DATABASE_URL;

describe('db move: embedded to PostgreSQL', { skip: !url && 'needs PostgreSQL (TEST_DATABASE_URL)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'jb-move-'));
  const target = `jb_move_${process.pid}`;
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
    await admin.end();
  });

  test('every row, sequence and waiting job arrives; the audit chain and the ledger verify', async () => {
    const template = new Blob([
      readFileSync(join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'pglite-template.tar')),
    ]);
    const dataDir = join(dir, 'data');
    const source = await openDatabase({ dataDir, loadDataDir: template });
    const t = await buildTestApp('pglite', {}, { database: source });
    const cast = await buildCast(t);
    await programmeFund(cast, 900_000_000);
    await t.app.close();
    await enqueue(source.db, 'notify.deliver', [{ ids: [] }], {
      startAfter: new Date(Date.now() + 3_600_000),
    });
    const expected = await tableContents(source);
    const waiting = (await source.pool.query(`SELECT id FROM pgboss.job WHERE state = 'created'`)).rows;
    await source.close();

    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${target} TEMPLATE template0`);
    await admin.end();
    const to = withDatabase(url!, target);
    const r = await moveToPostgres(dataDir, to);
    assert.ok(r.rows > 20 && r.tables > 20, JSON.stringify(r));
    assert.ok(r.jobs >= 1);

    const moved = await openDatabase({ url: to, migrate: false });
    try {
      assert.deepEqual(await tableContents(moved), expected, 'every row of every table');
      const audit = await verifyAudit(moved.db);
      assert.ok(audit.ok && audit.entries > 10, JSON.stringify(audit));
      const ledger = await verifyLedger(moved.db);
      assert.ok(ledger.ok && ledger.entries >= 1, ledger.problems.join('; '));
      const jobs = (await moved.pool.query(`SELECT id FROM pgboss.job WHERE state = 'created'`)).rows;
      for (const j of waiting)
        assert.ok(
          jobs.some((x) => x.id === j.id),
          `job ${j.id} moved`,
        );
      // Sequences continue after the moved rows: a new audit entry appends to the chain.
      const t2 = await buildTestApp('postgres', {}, { database: moved });
      const admin2 = await t2.admin('admin2@jiebang.test');
      assert.equal((await admin2.get('/api/auth/session')).status, 200);
      await t2.app.close();
      assert.ok((await verifyAudit(moved.db)).ok, 'the chain goes on from the moved head');
    } finally {
      await moved.close();
    }
    await assert.rejects(moveToPostgres(dataDir, to), /not empty.*move refused/);
  });
});
