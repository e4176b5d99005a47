// Accounts, sessions, CSRF, per-object authorisation and field-named validation, over HTTP,
// on every database backend.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { backends } from '../support/db.ts';
import { buildOrganisation, buildProfile } from '../support/factories.ts';
import { messageEn } from '../support/messages.ts';

for (const kind of backends()) {
  describe(`accounts and sessions (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '30', SESSION_MAX_HOURS: '12' });
    });
    after(() => t.close());

    test('registers, logs in, sees its session, logs out', async () => {
      const c = t.client();
      const r = await c.register('wei@example.cn');
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal((await c.login('wei@example.cn')).status, 200);
      const s = await c.session();
      assert.equal(s.body.person.email, 'wei@example.cn');
      const cookie = c.cookies.get('jb_session')!;
      assert.ok(Buffer.from(cookie, 'base64url').length >= 16, 'token has at least 128 bits');
      assert.equal((await c.post('/api/auth/logout')).status, 200);
      assert.equal((await c.session()).body.person, null);
    });

    test('the session cookie is HttpOnly and SameSite', async () => {
      const c = t.client();
      await c.register('cookie@example.cn');
      await c.session();
      const r = await c.request('POST', '/api/auth/login', {
        email: 'cookie@example.cn',
        password: 'correct horse battery',
      });
      const set = String(r.headers['set-cookie']);
      assert.match(set, /jb_session=[^;]+;.*HttpOnly/i);
      assert.match(set, /jb_session=[^;]+;.*SameSite=Lax/i);
    });

    test('wrong password and unknown email get the same answer', async () => {
      const c = t.client();
      await c.register('same@example.cn');
      const a = await c.login('same@example.cn', 'wrong password!!');
      const b = await c.login('nobody@example.cn', 'wrong password!!');
      assert.equal(a.status, 401);
      assert.deepEqual(a.body, b.body);
    });

    test('a stolen cookie is refused after logout', async () => {
      const c = t.client();
      await c.register('stolen@example.cn');
      await c.login('stolen@example.cn');
      const thief = t.client();
      thief.cookies = new Map(c.cookies);
      assert.equal((await thief.get('/api/profile')).status, 200);
      await c.post('/api/auth/logout');
      assert.equal((await thief.get('/api/profile')).status, 401);
    });

    test('login rotates the session: the cookie from before no longer works', async () => {
      const c = t.client();
      await c.register('rotate@example.cn');
      await c.login('rotate@example.cn');
      const old = new Map(c.cookies);
      await c.login('rotate@example.cn');
      assert.notEqual(c.cookies.get('jb_session'), old.get('jb_session'));
      const o = t.client();
      o.cookies = old;
      assert.equal((await o.get('/api/profile')).status, 401);
      assert.equal((await c.get('/api/profile')).status, 200);
    });

    test('idle and absolute timeouts end a session', async () => {
      const c = t.client();
      await c.register('idle@example.cn');
      await c.login('idle@example.cn');
      t.clock.advanceMinutes(29);
      assert.equal((await c.get('/api/profile')).status, 200);
      t.clock.advanceMinutes(31);
      assert.equal((await c.get('/api/profile')).status, 401, 'idle for 31 minutes');

      await c.login('idle@example.cn');
      for (let i = 0; i < 25; i++) {
        t.clock.advanceMinutes(29);
        await c.get('/api/profile');
      }
      // 25 × 29 min = 12 h 5 min since login, never idle: the absolute limit ends it.
      assert.equal((await c.get('/api/profile')).status, 401);
    });

    test('state-changing requests without a valid CSRF token are refused and change nothing', async () => {
      const c = t.client();
      await c.register('csrf@example.cn');
      await c.login('csrf@example.cn');
      const other = t.client();
      await other.register('csrf2@example.cn');
      await other.login('csrf2@example.cn');
      const beforeCounts = await snapshotCounts(t.database);
      const none = await c.request('POST', '/api/organisations', buildOrganisation(), { csrf: false });
      assert.equal(none.status, 403);
      assert.equal(none.body.code, 'CSRF');
      // A token issued to another session does not work either.
      const saved = c.csrf;
      c.csrf = other.csrf;
      assert.equal((await c.post('/api/organisations', buildOrganisation())).status, 403);
      c.csrf = saved;
      assert.deepEqual(await snapshotCounts(t.database), beforeCounts);
      assert.equal((await c.post('/api/organisations', buildOrganisation())).status, 201);
    });

    test("an organisation's admin cannot change another organisation", async () => {
      const admin = await t.admin();
      const a = t.client();
      await a.register('orga@example.cn');
      await a.login('orga@example.cn');
      const orgA = (await a.post('/api/organisations', buildOrganisation())).body;
      const orgB = (await admin.post('/api/organisations', buildOrganisation())).body;
      // approve a's admin role in org A
      const pending = (await admin.get('/api/memberships')).body.toDecide.find(
        (m: any) => m.orgId === orgA.id,
      );
      assert.equal(
        (await admin.post(`/api/memberships/${pending.id}/decision`, { decision: 'approve' })).status,
        200,
      );
      await a.login('orga@example.cn');
      assert.equal((await a.patch(`/api/organisations/${orgA.id}`, { nameEn: 'Renamed A' })).status, 200);
      const denied = await a.patch(`/api/organisations/${orgB.id}`, { nameEn: 'Hijacked' });
      assert.equal(denied.status, 403);
      assert.equal((await a.get(`/api/organisations/${orgB.id}`)).body.nameEn, orgB.nameEn);
    });

    test('a pending role grants nothing until approved', async () => {
      const a = t.client();
      await a.register('pending@example.cn');
      await a.login('pending@example.cn');
      const org = (await a.post('/api/organisations', buildOrganisation())).body;
      assert.equal((await a.patch(`/api/organisations/${org.id}`, { nameEn: 'x' })).status, 403);
      assert.equal((await a.post(`/api/memberships`, { orgId: org.id, role: 'admin' })).status, 409);
    });

    test('profile: filled once, read back, stale version refused', async () => {
      const c = t.client();
      await c.register('profile@example.cn');
      await c.login('profile@example.cn');
      const r = await c.put('/api/profile', buildProfile());
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.version, 2);
      assert.equal(r.body.publications[0].coauthors[0], 'Li Na');
      const stale = await c.put('/api/profile', buildProfile({ nameEn: 'Other' }));
      assert.equal(stale.status, 409);
      assert.equal(stale.body.field, 'version');
      assert.equal((await c.get('/api/profile')).body.nameEn, 'Zhang Wei');
    });

    test('bad input on every write endpoint is refused naming the field, and writes nothing', async () => {
      const admin = await t.admin('admin2@jiebang.test');
      const c = t.client();
      await c.register('bad@example.cn');
      await c.login('bad@example.cn');
      const cases: [string, string, unknown, string][] = [
        [
          'POST',
          '/api/auth/register',
          { email: 'not-an-email', password: 'long enough pw', nameZh: 'x' },
          'email',
        ],
        [
          'POST',
          '/api/auth/register',
          { email: 'ok@example.cn', password: 'short', nameZh: 'x' },
          'password',
        ],
        ['POST', '/api/auth/register', { email: 'ok@example.cn', password: 'long enough pw' }, 'nameZh'],
        [
          'POST',
          '/api/auth/register',
          { email: 'ok@example.cn', password: 'long enough pw', nameZh: 'x', role: 'admin' },
          'role',
        ],
        ['POST', '/api/auth/login', { email: 'bad@example.cn' }, 'password'],
        ['POST', '/api/organisations', buildOrganisation({ uscc: '91350100M000100Y44' }), 'uscc'],
        ['POST', '/api/organisations', buildOrganisation({ kind: 'bank' }), 'kind'],
        ['POST', '/api/organisations', buildOrganisation({ regionCode: '11' }), 'regionCode'],
        ['POST', '/api/organisations', buildOrganisation({ uscc: null }), 'uscc'],
        ['PATCH', '/api/organisations/not-a-uuid', { nameEn: 'x' }, 'id'],
        ['POST', '/api/memberships', { orgId: 'x', role: 'solver' }, 'orgId'],
        ['POST', '/api/memberships', { orgId: '00000000-0000-4000-8000-000000000000', role: 'king' }, 'role'],
        [
          'POST',
          '/api/memberships',
          { orgId: '00000000-0000-4000-8000-000000000000', role: 'solver' },
          'orgId',
        ],
        [
          'POST',
          '/api/memberships/00000000-0000-4000-8000-000000000000/decision',
          { decision: 'maybe' },
          'decision',
        ],
        ['PUT', '/api/profile', buildProfile({ orcid: '0000-0002-1825-0098' }), 'orcid'],
        ['PUT', '/api/profile', buildProfile({ disciplineCodes: ['biology'] }), 'disciplineCodes.0'],
        [
          'PUT',
          '/api/profile',
          buildProfile({ employment: [{ orgName: 'X', startDate: '2020-01-01', endDate: '2019-01-01' }] }),
          'employment.0.endDate',
        ],
        [
          'PUT',
          '/api/profile',
          buildProfile({ publications: [{ title: 'x', year: 1800 }] }),
          'publications.0.year',
        ],
        ['PUT', '/api/profile', buildProfile({ version: undefined }), 'version'],
      ];
      for (const [method, url, body, field] of cases) {
        const who = url.startsWith('/api/memberships/') ? admin : c;
        const beforeCounts = await snapshotCounts(t.database);
        const r = await who.request(method, url, body);
        assert.ok(r.status >= 400 && r.status < 500, `${method} ${url} → ${r.status}`);
        assert.equal(r.body.field, field, `${method} ${url}: ${JSON.stringify(r.body)}`);
        assert.ok(messageEn(r.body).length > 0);
        assert.deepEqual(await snapshotCounts(t.database), beforeCounts, `${method} ${url} wrote something`);
      }
    });

    test('duplicate email is refused naming the field', async () => {
      const c = t.client();
      await c.register('dup@example.cn');
      const r = await c.register('DUP@example.cn');
      assert.equal(r.status, 409);
      assert.equal(r.body.field, 'email');
    });

    test('the OpenAPI document describes the API', async () => {
      const r = await t.client().get('/api/openapi.json');
      assert.equal(r.status, 200);
      assert.equal(r.body.openapi, '3.1.0');
      assert.ok(r.body.paths['/api/auth/login'].post);
      assert.ok(r.body.paths['/api/profile'].put.requestBody);
    });
  });

  describe(`login rate limit (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind, { LOGIN_RATE_MAX: '5' });
    });
    after(() => t.close());

    test('refuses the sixth attempt within a minute', async () => {
      const c = t.client();
      await c.session();
      const statuses = [];
      for (let i = 0; i < 6; i++)
        statuses.push(
          (await c.post('/api/auth/login', { email: 'x@example.cn', password: 'guess number' })).status,
        );
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 429]);
    });
  });
}
