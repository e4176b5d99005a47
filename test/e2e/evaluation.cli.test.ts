// `jiebang experts import` as a real process on a demo data directory, with the shipped samples.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDatabase } from '../../src/db/db.ts';
import { actorFor } from '../../src/demo/actor.ts';
import { createOrganisation, createPlatformAdmin } from '../../src/modules/accounts/accounts.service.ts';
import { buildUscc } from '../support/factories.ts';

const bin = new URL('../../bin/jiebang.mjs', import.meta.url).pathname;
const samples = new URL('../../docs/samples/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'jiebang-experts-'));
const data = join(dir, 'data');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args, '-d', data], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('jiebang experts import', { timeout: 120_000 }, () => {
  // A data directory with the admin and the organisations the samples name.
  before(async () => {
    const database = await openDatabase({ dataDir: data, migrate: true });
    try {
      const ctx = { db: database.db, actor: null, now: () => new Date() };
      const { personId } = await createPlatformAdmin(ctx, {
        email: 'admin@cli.test',
        password: 'admin password 1',
        name: '管理员',
      });
      const admin = { ...ctx, actor: await actorFor(ctx, personId) };
      for (const nameZh of ['东海大学', '江川理工大学', '东海省农业科学院'])
        await createOrganisation(admin, {
          kind: 'university',
          nameZh,
          nameEn: '',
          uscc: buildUscc(),
          regionCode: null,
        });
    } finally {
      await database.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the sample imports; a bad file imports nothing and exits 1 with the rows', () => {
    const csv = run('experts', 'import', join(samples, 'experts.csv'));
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /imported 3 new and 0 updated expert\(s\)/);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'email,name_zh,organisation\nnew@x.cn,新,东海大学\nbroken,坏,东海大学\n');
    const r = run('experts', 'import', bad);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /row 3, email: must be an email address/);
    assert.match(r.stderr, /nothing imported/);
  });
});
