// Personal-data download (PIPL) over HTTP on every backend: my account, every record pointing at
// me (memberships, profile parts, two-step state…), audit entries by or about me — and never a
// password hash, a secret, a token or another person's records. The download is audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { codeFor } from '../support/totp.ts';

for (const kind of backends()) {
  describe(`my data download (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    test('holds everything about me and nothing secret or about others', async () => {
      const cast = await buildCast(t, 'pd');
      const me = cast.organizer;
      const e = await me.post('/api/auth/totp/enrol');
      const on = await me.post('/api/auth/totp/confirm', { code: codeFor(e.body.secret, t.clock.t) });
      assert.equal(on.status, 200);

      const r = await me.get('/api/me/data');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.match(
        String(r.headers['content-disposition']),
        /^attachment; filename="jiebang-my-data-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const d = r.body;
      assert.equal(d.person.id, me.id);
      assert.equal(d.person.email, 'organizerpd@example.cn');
      assert.equal(d.person.password_hash, undefined);
      // My role in the agency, my two-step state (without its secret), my live session.
      assert.deepEqual(
        d.records['membership.person_id'].map((m: { org_id: string; role: string }) => [m.org_id, m.role]),
        [[cast.agency.id, 'organizer']],
      );
      assert.ok(d.records['person_totp.person_id'][0].enabled_at);
      assert.equal(d.records['person_totp.person_id'][0].secret_enc, undefined);
      assert.equal(d.records['totp_recovery_code.person_id'], undefined);
      assert.equal(d.sessions.length, 1);
      // Audit entries by me and about me, in order.
      const actions = d.audit.map((a: { action: string }) => a.action);
      for (const a of ['person.register', 'membership.grant', 'session.login', 'person.totpEnable'])
        assert.ok(actions.includes(a), `${a} in ${actions}`);
      const text = JSON.stringify(d);
      assert.ok(!text.includes(e.body.secret), 'no TOTP secret');
      assert.ok(!text.includes('$argon2'), 'no password hash');
      assert.ok(!text.includes(cast.proposer.id), 'nobody else’s records');
      // The download is audited.
      const audited = await t.database.pool.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'person.dataExport' AND actor_id = $1`,
        [me.id],
      );
      assert.equal(audited.rows[0].n, 1);
      assert.equal((await t.client().get('/api/me/data')).status, 401);
    });
  });
}
