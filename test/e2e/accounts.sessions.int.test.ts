// Sessions I control, over HTTP on every backend: my live sessions with device, address and
// last seen; ending one takes effect on that session's next request; ending all others keeps
// mine; nobody else's session can be named; the platform admin ends all of a person's.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

const PHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const DESKTOP_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

for (const kind of backends()) {
  describe(`sessions I control (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    /** A client that presents itself with this User-Agent, signed in as `email`. */
    async function device(email: string, ua: string) {
      const c = t.client();
      const request = c.request.bind(c);
      c.request = (method, url, body, opts = {}) =>
        request(method, url, body, { ...opts, headers: { 'user-agent': ua, ...opts.headers } });
      assert.equal((await c.login(email)).status, 200);
      return c;
    }

    test('I see my sessions and end another: it is signed out on its next request', async () => {
      const reg = t.client();
      await reg.register('many@example.cn');
      const desktop = await device('many@example.cn', DESKTOP_UA);
      t.clock.advanceMinutes(2);
      const phone = await device('many@example.cn', PHONE_UA);

      const list = await desktop.get('/api/auth/sessions');
      assert.equal(list.status, 200);
      assert.equal(list.body.length, 2);
      const [latest, mine] = list.body;
      assert.deepEqual(
        { browser: latest.browser, os: latest.os, mobile: latest.mobile, current: latest.current },
        { browser: 'Safari 17', os: 'iOS', mobile: true, current: false },
      );
      assert.deepEqual(
        { browser: mine.browser, os: mine.os, current: mine.current },
        { browser: 'Chrome 131', os: 'Windows', current: true },
      );
      assert.equal(mine.ip, '127.0.0.1');
      assert.ok(Date.parse(mine.lastSeenAt) > 0 && Date.parse(mine.createdAt) > 0);
      assert.ok(!JSON.stringify(list.body).includes(desktop.cookies.get('jb_session')!), 'no token');

      assert.equal((await phone.get('/api/profile')).status, 200);
      const r = await desktop.post(`/api/auth/sessions/${latest.id}/end`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal((await phone.get('/api/profile')).status, 401);
      assert.equal((await phone.session()).body.person, null);
      assert.equal((await desktop.get('/api/profile')).status, 200);
      assert.equal((await desktop.get('/api/auth/sessions')).body.length, 1);
      // Ended already: not found.
      assert.equal((await desktop.post(`/api/auth/sessions/${latest.id}/end`)).status, 404);
    });

    test('nobody can name another person’s session', async () => {
      const reg = t.client();
      await reg.register('victim@example.cn');
      await reg.register('mallory@example.cn');
      const victim = await device('victim@example.cn', DESKTOP_UA);
      const mallory = await device('mallory@example.cn', DESKTOP_UA);
      const [theirs] = (await victim.get('/api/auth/sessions')).body;
      const r = await mallory.post(`/api/auth/sessions/${theirs.id}/end`);
      assert.equal(r.status, 404);
      assert.equal((await victim.get('/api/profile')).status, 200);
    });

    test('end all others keeps this one; the admin ends all of a person’s', async () => {
      const reg = t.client();
      const id = (await reg.register('all@example.cn')).body.id as string;
      const a = await device('all@example.cn', DESKTOP_UA);
      const b = await device('all@example.cn', PHONE_UA);
      const c = await device('all@example.cn', PHONE_UA);
      const r = await a.post('/api/auth/sessions/end-others');
      assert.deepEqual(r.body, { ok: true, sessionsRevoked: 2 });
      assert.deepEqual(
        [
          (await a.get('/api/profile')).status,
          (await b.get('/api/profile')).status,
          (await c.get('/api/profile')).status,
        ],
        [200, 401, 401],
      );

      const admin = await t.admin();
      assert.equal((await a.post(`/api/people/${id}/end-sessions`)).status, 403);
      const ended = await admin.post(`/api/people/${id}/end-sessions`);
      assert.deepEqual(ended.body, { ok: true, sessionsRevoked: 1 });
      assert.equal((await a.get('/api/profile')).status, 401);
      // Not disabled: they may sign in again.
      assert.equal((await t.client().login('all@example.cn')).status, 200);
      const audit = await t.database.pool.query(
        `SELECT action FROM audit_log WHERE action IN ('session.end', 'session.endOthers', 'person.endSessions')`,
      );
      assert.deepEqual(audit.rows.map((x: { action: string }) => x.action).sort(), [
        'person.endSessions',
        'session.end',
        'session.endOthers',
      ]);
    });
  });
}
