// `jiebang ledger verify` and `jiebang ledger export` as real processes on a small data directory:
// a balanced journal passes; a journal tampered with by the database owner (triggers disabled)
// is reported with a non-zero exit code.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openDatabase } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import {
  createOrganisation,
  createPlatformAdmin,
  grantMembership,
} from '../../src/modules/accounts/accounts.service.ts';
import { appropriate, createFund } from '../../src/modules/funding/funding.service.ts';

/** A data directory with a fund and two appropriations, written through the services. */
async function seed() {
  const database = await openDatabase({ dataDir: data });
  try {
    const now = () => new Date();
    const base = { db: database.db, now, actor: null };
    const { personId } = await createPlatformAdmin(base, {
      email: 'root@example.cn',
      password: 'admin password 1',
      name: '管理员',
    });
    const admin = { ...base, actor: await actorFor(base, personId) };
    const org = await createOrganisation(admin, {
      kind: 'agency',
      nameZh: '东海省科学技术厅',
      nameEn: '',
      uscc: null,
      regionCode: null,
    });
    await grantMembership(admin, { personId, orgId: org.id, role: 'organizer' });
    const ctx = { ...base, actor: await actorFor(base, personId) };
    const fund = await createFund(ctx, {
      kind: 'programme',
      orgId: org.id,
      nameZh: '重点研发计划',
      nameEn: '',
      fiscalYear: 2026,
    });
    await appropriate(ctx, fund.id, 100_000_00, '年度预算', 'cli-test-1');
    await appropriate(ctx, fund.id, 50_000_00, '追加', 'cli-test-2');
  } finally {
    await database.close();
  }
}

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-ledger-'));
const data = join(dir, 'data');
const env = { ...process.env, DATABASE_URL: '', JIEBANG_DATA_DIR: data };

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('jiebang ledger', { timeout: 180_000 }, () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('verify passes on a balanced journal, export writes CSV and XLSX, tampering is reported', async () => {
    await seed();
    const ok = run('ledger', 'verify');
    assert.equal(ok.status, 0, ok.out);
    assert.match(ok.out, /ledger balanced: \d+ entries/);
    const csv = join(dir, 'ledger.csv');
    assert.equal(run('ledger', 'export', '--format', 'csv', '--out', csv).status, 0);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    assert.equal(rows[0], 'seq,entry_id,posted_at,kind,memo,reverses,account,debit_fen,credit_fen');
    assert.equal(rows.length, 5, 'two entries of two lines and the header');
    const xlsx = join(dir, 'ledger.xlsx');
    assert.equal(run('ledger', 'export', '--format', 'xlsx', '--out', xlsx).status, 0);
    assert.equal(readFileSync(xlsx).subarray(0, 2).toString(), 'PK');

    // The owner switches the guards off and edits one line: verify must notice.
    const db = await openDatabase({ dataDir: data, appRole: false });
    await db.pglite!.exec(`
      ALTER TABLE journal_line DISABLE TRIGGER USER;
      UPDATE journal_line SET amount_fen = amount_fen + 1
        WHERE line_no = 1 AND entry_id = (SELECT id FROM journal_entry ORDER BY seq LIMIT 1);
      ALTER TABLE journal_line ENABLE TRIGGER USER;`);
    await db.close();
    const bad = run('ledger', 'verify');
    assert.equal(bad.status, 1, bad.out);
    assert.match(bad.out, /entry #1 does not balance/);
  });
});
