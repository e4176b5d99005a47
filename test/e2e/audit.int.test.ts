// The audit trail: written with every change, append-only for the application, and any
// tampering by someone with owner rights is found by verification at the first broken link.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { verifyAudit } from '../../src/modules/audit/audit.service.ts';
import { buildTestApp } from '../support/app.ts';
import { asOwner, backends } from '../support/db.ts';
import { buildOrganisation } from '../support/factories.ts';

for (const kind of backends()) {
  describe(`audit trail (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
      const admin = await t.admin();
      for (let i = 0; i < 4; i++) await admin.post('/api/organisations', buildOrganisation());
    });
    after(() => t.close());

    test('every change is recorded with actor, action and object, and the chain verifies', async () => {
      const admin = await t.admin();
      const org = (await admin.post('/api/organisations', buildOrganisation())).body;
      await admin.patch(`/api/organisations/${org.id}`, { nameEn: 'Audited Ltd' });
      const entries = (await admin.get(`/api/audit?objectType=organisation&objectId=${org.id}`)).body.items;
      assert.deepEqual(
        entries.map((e: any) => e.action),
        ['organisation.update', 'organisation.create'],
      );
      assert.ok(entries[0].actorId);
      assert.ok(entries[0].actor.nameZh || entries[0].actor.nameEn, 'who acted, by name');
      assert.equal(entries[0].objectName.en, 'Audited Ltd', 'what was acted on, by name');
      assert.ok(
        entries[0].beforeDigest &&
          entries[0].afterDigest &&
          entries[0].beforeDigest !== entries[0].afterDigest,
      );
      const v = await admin.get('/api/audit/verify');
      assert.equal(v.body.ok, true, JSON.stringify(v.body));
    });

    test('entries are found by actor name or email, not only by id', async () => {
      const admin = await t.admin();
      const c = t.client();
      const r = await c.register('Zhou.Ming@Example.cn', 'correct horse battery', '周明远');
      await c.login('zhou.ming@example.cn');
      await c.post('/api/organisations', buildOrganisation());
      const byActor = async (q: string) =>
        (await admin.get(`/api/audit?actor=${encodeURIComponent(q)}&pageSize=50`)).body.items as {
          actorId: string;
        }[];
      for (const q of ['周明', 'zhou.ming@example.cn', 'ZHOU.MING@EXAMPLE.CN']) {
        const found = await byActor(q);
        assert.ok(found.length > 0, q);
        assert.ok(
          found.every((e) => e.actorId === r.body.id),
          `${q}: only that person's entries`,
        );
      }
      assert.deepEqual(await byActor('zhou.ming'), [], 'an email matches whole, not in part');
      assert.deepEqual(await byActor('%'), [], 'wildcards are searched for literally');
    });

    test('the trail pages with a total, and filters by action', async () => {
      const admin = await t.admin();
      const p1 = (await admin.get('/api/audit?objectType=organisation&pageSize=2')).body;
      const p2 = (await admin.get('/api/audit?objectType=organisation&pageSize=2&page=2')).body;
      assert.equal(p1.items.length, 2);
      assert.ok(p1.total >= 5, 'every organisation entry is counted');
      assert.equal(p2.total, p1.total);
      assert.ok(p2.items[0].seq < p1.items[1].seq, 'the second page continues, newest first');
      const created = (await admin.get('/api/audit?action=organisation.create&pageSize=100')).body;
      assert.ok(created.items.length >= 5);
      assert.ok(created.items.every((e: { action: string }) => e.action === 'organisation.create'));
    });

    test('people without the audit role cannot read it', async () => {
      const c = t.client();
      await c.register('nosy@example.cn');
      await c.login('nosy@example.cn');
      assert.equal((await c.get('/api/audit')).status, 403);
      assert.equal((await t.client().get('/api/audit')).status, 401);
    });

    test('the application role can neither update nor delete audit rows', async () => {
      await assert.rejects(
        t.database.pool.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`),
        /permission denied|append-only/,
      );
      await assert.rejects(
        t.database.pool.query('DELETE FROM audit_log WHERE seq = 1'),
        /permission denied|append-only/,
      );
      await assert.rejects(t.database.pool.query('TRUNCATE audit_log'), /permission denied|append-only/);
    });

    test('the trigger alone guards the table: the owner too is refused UPDATE, DELETE and TRUNCATE', async () => {
      // As the table's owner, grants do not apply: only the append-only trigger stands in the way.
      const asOwnerOnly = async (sql: string) => {
        if (t.database.kind === 'pglite') {
          const lite = t.database.pglite!;
          await lite.exec('RESET ROLE');
          try {
            const who = await lite.query<{ u: string }>('SELECT current_user AS u');
            assert.notEqual(who.rows[0].u, 'jiebang_app', 'running as the owner, not the app role');
            await lite.exec(sql);
          } finally {
            await lite.exec('SET ROLE jiebang_app');
          }
        } else await asOwner(t.database, sql);
      };
      const before = (await t.database.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      await assert.rejects(asOwnerOnly(`UPDATE audit_log SET action = 'x' WHERE seq = 1`), /append-only/);
      await assert.rejects(asOwnerOnly('DELETE FROM audit_log WHERE seq = 1'), /append-only/);
      await assert.rejects(asOwnerOnly('TRUNCATE audit_log'), /append-only/);
      const afterCount = (await t.database.pool.query('SELECT count(*)::int AS n FROM audit_log')).rows[0].n;
      assert.equal(afterCount, before);
      assert.equal((await verifyAudit(t.database.db)).ok, true);
    });

    // Each tampering runs as the owner with the guard trigger disabled, is verified, then the
    // saved table is put back.
    const tamper = async (sql: string) => {
      const off = 'ALTER TABLE audit_log DISABLE TRIGGER USER';
      const on = 'ALTER TABLE audit_log ENABLE TRIGGER USER';
      await asOwner(t.database, `CREATE TABLE audit_saved AS SELECT * FROM audit_log; ${off}; ${sql}; ${on}`);
      const report = await verifyAudit(t.database.db);
      await asOwner(
        t.database,
        `${off}; DELETE FROM audit_log; INSERT INTO audit_log SELECT * FROM audit_saved; ${on}; DROP TABLE audit_saved`,
      );
      assert.equal((await verifyAudit(t.database.db)).ok, true, 'restored chain verifies');
      return report;
    };
    const headSeq = async () =>
      Number((await t.database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);

    test('an edited entry is reported at its seq', async () => {
      const r = await tamper(`UPDATE audit_log SET detail = '{"forged": true}' WHERE seq = 3`);
      assert.deepEqual([r.firstBreak?.seq, r.firstBreak?.kind], [3, 'hash']);
    });

    test('a deleted entry is reported where the gap starts', async () => {
      const r = await tamper('DELETE FROM audit_log WHERE seq = 4');
      assert.deepEqual([r.firstBreak?.seq, r.firstBreak?.kind], [4, 'sequence']);
    });

    test('a deleted last entry is caught by the head', async () => {
      const head = await headSeq();
      const r = await tamper(`DELETE FROM audit_log WHERE seq = ${head}`);
      assert.deepEqual([r.firstBreak?.seq, r.firstBreak?.kind], [head, 'head']);
    });

    test('an inserted entry is reported', async () => {
      const head = await headSeq();
      const r = await tamper(
        `INSERT INTO audit_log (seq, at, action, object_type, object_id, prev_hash, hash)
           SELECT ${head} + 1, now(), 'award.grant', 'bid', 'forged', hash, repeat('f', 64) FROM audit_head`,
      );
      assert.deepEqual([r.firstBreak?.seq, r.firstBreak?.kind], [head + 1, 'hash']);
    });

    test('reordered entries are reported at the first moved one', async () => {
      const r = await tamper(`
        UPDATE audit_log SET seq = -1 WHERE seq = 2;
        UPDATE audit_log SET seq = 2 WHERE seq = 5;
        UPDATE audit_log SET seq = 5 WHERE seq = -1`);
      assert.deepEqual([r.firstBreak?.seq, r.firstBreak?.kind], [2, 'prev_hash']);
    });
  });
}
