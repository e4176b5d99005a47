// Backup and restore on both backends: a database with people, organisations, a programme fund (ledger)
// and their audit trail is backed up, restored into an empty target, and found whole — every row of
// every table, the audit chain and the ledger verifying; a non-empty target is refused.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { backupDatabase, restoreDatabase } from '../../src/db/backup.ts';
import { type Database, openDatabase } from '../../src/db/db.ts';
import { verifyAudit } from '../../src/modules/audit/audit.service.ts';
import { verifyLedger } from '../../src/modules/funding/funding.export.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { programmeFund } from '../support/funding.ts';
import { withDatabase } from '../support/pg.ts';
import { tableContents } from '../support/security.ts';

const root = new URL('../..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jb-backup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** People, organisations, memberships, a fund with its appropriation in the ledger, all audited. */
async function populate(database: Database) {
  const t = await buildTestApp(database.kind, {}, { database });
  const cast = await buildCast(t);
  await programmeFund(cast, 900_000_000);
  await t.app.close();
}

async function assertWhole(restored: Database, expected: Record<string, string>) {
  assert.deepEqual(await tableContents(restored), expected, 'every row of every table');
  const audit = await verifyAudit(restored.db);
  assert.ok(audit.ok, JSON.stringify(audit.firstBreak));
  assert.ok(audit.entries > 10, `${audit.entries} audit entries`);
  const ledger = await verifyLedger(restored.db);
  assert.ok(ledger.ok, ledger.problems.join('; '));
  assert.ok(ledger.entries >= 1, 'the appropriation is in the journal');
}

for (const kind of backends()) {
  describe(`backup and restore (${kind})`, () => {
    test('restores into an empty target with every row, the audit chain and the ledger verifying', async () => {
      const file = join(dir, `${kind}.backup`);
      if (kind === 'pglite') {
        const template = new Blob([
          readFileSync(join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'pglite-template.tar')),
        ]);
        const source = join(dir, 'source');
        const database = await openDatabase({ dataDir: source, loadDataDir: template });
        await populate(database);
        const expected = await tableContents(database);
        await database.close();

        assert.equal((await backupDatabase({ dataDir: source }, file)).kind, 'pglite');
        const target = join(dir, 'target');
        await restoreDatabase({ dataDir: target }, file);
        const restored = await openDatabase({ dataDir: target, migrate: false });
        try {
          await assertWhole(restored, expected);
        } finally {
          await restored.close();
        }
        await assert.rejects(restoreDatabase({ dataDir: target }, file), /already holds a database/);
        await assert.rejects(
          restoreDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', dataDir: '' }, file),
          /PGlite backup/,
        );

        // The commands, as an operator runs them: restore prints the verification.
        const cli = (...args: string[]) =>
          spawnSync(process.execPath, ['bin/jiebang.mjs', ...args], {
            cwd: root,
            encoding: 'utf8',
            env: { ...process.env, DATABASE_URL: '' },
          });
        const viaCli = join(dir, 'cli');
        const r = cli('restore', '--in', file, '--data-dir', viaCli);
        assert.equal(r.status, 0, r.stderr + r.stdout);
        assert.match(r.stdout, /audit chain intact: \d+ entries/);
        assert.match(r.stdout, /ledger balanced/);
        const again = cli('restore', '--in', file, '--data-dir', viaCli);
        assert.equal(again.status, 1);
        assert.match(again.stderr, /restore refused/);
        return;
      }

      const url = process.env.TEST_DATABASE_URL!;
      const t = await buildTestApp('postgres');
      const cast = await buildCast(t);
      await programmeFund(cast, 900_000_000);
      const expected = await tableContents(t.database);
      const name = (await t.database.pool.query('SELECT current_database() AS d')).rows[0].d as string;
      assert.equal(
        (await backupDatabase({ url: withDatabase(url, name), dataDir: '' }, file)).kind,
        'postgres',
      );
      await t.close();

      const target = `jb_restore_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${target} TEMPLATE template0`);
      try {
        await restoreDatabase({ url: withDatabase(url, target), dataDir: '' }, file);
        const restored = await openDatabase({ url: withDatabase(url, target), migrate: false });
        try {
          await assertWhole(restored, expected);
        } finally {
          await restored.close();
        }
        await assert.rejects(
          restoreDatabase({ url: withDatabase(url, target), dataDir: '' }, file),
          /not empty .*restore refused/,
        );
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${target} WITH (FORCE)`);
        await admin.end();
      }
    });
  });
}
