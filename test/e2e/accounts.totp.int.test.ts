// Two-step sign-in with TOTP over HTTP on every backend, with codes computed by the test's own
// RFC 6238 implementation at the test clock: enrol with a confirming code, sign in with a code,
// a code accepted once per step, single-use recovery codes, wrong codes limited, disabling needs
// the password, and a role that requires it blocks its holder until they enrol. All audited.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  FAILURE_WINDOW_MINUTES,
  MAX_CODE_FAILURES,
  RECOVERY_CODE_COUNT,
} from '../../src/modules/accounts/totp.service.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { codeFor } from '../support/totp.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;
const PASSWORD = 'correct horse battery';

for (const kind of backends()) {
  describe(`two-step sign-in (${kind})`, () => {
    let t: App;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    const audits = async (action: string) =>
      Number(
        (await t.database.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))
          .rows[0].n,
      );
    const code = (secret: string) => codeFor(secret, t.clock.t);
    const login = async (email: string, body: Record<string, string> = {}) => {
      const c = t.client();
      await c.session();
      const r = await c.post('/api/auth/login', { email, password: PASSWORD, ...body });
      return Object.assign(r, { client: c });
    };

    /** A person signed in and enrolled; returns their client, secret and recovery codes. */
    async function enrolled(email: string) {
      const c = t.client();
      assert.equal((await c.register(email)).status, 201);
      assert.equal((await c.login(email)).status, 200);
      return { c, ...(await enrol(c)) };
    }
    async function enrol(c: TestClient) {
      const e = await c.post('/api/auth/totp/enrol');
      assert.equal(e.status, 200, JSON.stringify(e.body));
      const secret = e.body.secret as string;
      const done = await c.post('/api/auth/totp/confirm', { code: code(secret) });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      // A code is good once per step: the next sign-in comes in a later step.
      t.clock.advanceMinutes(1);
      return { secret, recoveryCodes: done.body.recoveryCodes as string[] };
    }

    test('enrols with a QR code and a confirming code; the secret is never stored or shown again in clear', async () => {
      const c = t.client();
      await c.register('enrol@example.cn');
      await c.login('enrol@example.cn');
      assert.deepEqual((await c.get('/api/auth/totp')).body, {
        enabled: false,
        enabledAt: null,
        recoveryCodesLeft: 0,
        requiredBy: [],
      });
      const e = await c.post('/api/auth/totp/enrol');
      assert.equal(e.status, 200);
      assert.match(e.body.secret, /^[A-Z2-7]{32}$/);
      assert.match(e.body.uri, /^otpauth:\/\/totp\/Jiebang:enrol%40example\.cn\?secret=/);
      assert.match(e.body.qrDataUrl, /^data:image\/png;base64,/);
      const stored = await t.database.pool.query('SELECT secret_enc, enabled_at FROM person_totp');
      assert.equal(stored.rows.length, 1);
      assert.equal(stored.rows[0].enabled_at, null);
      assert.ok(!JSON.stringify(stored.rows).includes(e.body.secret), 'the secret is stored encrypted');

      // A wrong code does not turn it on.
      const wrong = await c.post('/api/auth/totp/confirm', {
        code: code(e.body.secret) === '000000' ? '111111' : '000000',
      });
      assert.equal(wrong.status, 401);
      assert.deepEqual([wrong.body.code, wrong.body.field], ['BAD_CREDENTIALS', 'code']);
      assert.equal((await c.get('/api/auth/totp')).body.enabled, false);

      const ok = await c.post('/api/auth/totp/confirm', { code: code(e.body.secret) });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.recoveryCodes.length, RECOVERY_CODE_COUNT);
      assert.equal(new Set(ok.body.recoveryCodes).size, RECOVERY_CODE_COUNT);
      for (const rc of ok.body.recoveryCodes) assert.match(rc, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
      const codes = await t.database.pool.query('SELECT code_hash FROM totp_recovery_code');
      assert.equal(codes.rows.length, RECOVERY_CODE_COUNT);
      assert.ok(
        !JSON.stringify(codes.rows).includes(
          ok.body.recoveryCodes[0].slice(0, 4) + ok.body.recoveryCodes[0].slice(5, 9),
        ),
      );

      const status = (await c.get('/api/auth/totp')).body;
      assert.equal(status.enabled, true);
      assert.equal(status.recoveryCodesLeft, RECOVERY_CODE_COUNT);
      assert.equal((await c.session()).body.twoFactor.enabled, true);
      // Enrolling again (which would show a new secret) is refused while it is on.
      assert.equal((await c.post('/api/auth/totp/enrol')).status, 409);
      assert.equal(await audits('person.totpEnable'), 1);
    });

    test('signing in asks for the code after the password; a code works once per step', async () => {
      const { secret } = await enrolled('login@example.cn');
      // A wrong password says only that, whatever the second factor.
      const c0 = t.client();
      await c0.session();
      const badPw = await c0.post('/api/auth/login', { email: 'login@example.cn', password: 'wrong one' });
      assert.equal(badPw.body.code, 'BAD_CREDENTIALS');

      const noCode = await login('login@example.cn');
      assert.equal(noCode.status, 401);
      assert.deepEqual([noCode.body.code, noCode.body.field], ['TOTP_REQUIRED', 'code']);
      assert.equal((await noCode.client.session()).body.person, null, 'no session without the code');

      const now = code(secret);
      const first = await login('login@example.cn', { code: now });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.person.email, 'login@example.cn');
      // The same code again, in the same step: refused (no replay).
      const replay = await login('login@example.cn', { code: now });
      assert.equal(replay.status, 401);
      assert.equal(replay.body.code, 'BAD_CREDENTIALS');
      // The next step's code works.
      t.clock.advanceMinutes(0.5);
      assert.equal((await login('login@example.cn', { code: code(secret) })).status, 200);
      const detail = await t.database.pool.query(
        `SELECT detail FROM audit_log WHERE action = 'session.login' ORDER BY seq DESC LIMIT 1`,
      );
      assert.equal(detail.rows[0].detail.secondFactor, 'totp');
    });

    test('a recovery code signs in once; renewing them needs the password', async () => {
      const { c, recoveryCodes } = await enrolled('recover@example.cn');
      const rc = recoveryCodes[3].toLowerCase().replaceAll('-', ' ');
      const first = await login('recover@example.cn', { code: rc });
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal((await login('recover@example.cn', { code: recoveryCodes[3] })).status, 401);
      assert.equal((await c.get('/api/auth/totp')).body.recoveryCodesLeft, RECOVERY_CODE_COUNT - 1);
      assert.equal(await audits('person.totpRecoveryUsed'), 1);

      const wrongPw = await c.post('/api/auth/totp/recovery-codes', { password: 'not it at all' });
      assert.deepEqual([wrongPw.status, wrongPw.body.field], [400, 'password']);
      const renewed = await c.post('/api/auth/totp/recovery-codes', { password: PASSWORD });
      assert.equal(renewed.status, 200);
      assert.equal(
        (await login('recover@example.cn', { code: recoveryCodes[0] })).status,
        401,
        'old codes void',
      );
      assert.equal((await login('recover@example.cn', { code: renewed.body.recoveryCodes[0] })).status, 200);
    });

    test(`after ${MAX_CODE_FAILURES} wrong codes every code is refused for ${FAILURE_WINDOW_MINUTES} minutes`, async () => {
      const { secret } = await enrolled('guess@example.cn');
      const good = code(secret);
      const wrong = good === '123456' ? '654321' : '123456';
      for (let i = 0; i < MAX_CODE_FAILURES; i++)
        assert.equal((await login('guess@example.cn', { code: wrong })).body.code, 'BAD_CREDENTIALS');
      const locked = await login('guess@example.cn', { code: good });
      assert.equal(locked.status, 429);
      assert.deepEqual([locked.body.code, locked.body.field], ['RATE_LIMITED', 'code']);
      t.clock.advanceMinutes(FAILURE_WINDOW_MINUTES);
      assert.equal((await login('guess@example.cn', { code: code(secret) })).status, 200);
    });

    test('turning it off needs the password; then the password alone signs in', async () => {
      const { c } = await enrolled('off@example.cn');
      const wrong = await c.post('/api/auth/totp/disable', { password: 'not my password' });
      assert.deepEqual([wrong.status, wrong.body.field], [400, 'password']);
      assert.equal((await c.get('/api/auth/totp')).body.enabled, true);
      assert.equal((await c.post('/api/auth/totp/disable', { password: PASSWORD })).status, 200);
      assert.equal((await c.get('/api/auth/totp')).body.enabled, false);
      assert.equal((await login('off@example.cn')).status, 200);
      const rows = await t.database.pool.query(
        `SELECT count(*)::int AS n FROM person_totp p JOIN person ON person.id = p.person_id WHERE email = 'off@example.cn'`,
      );
      assert.equal(rows.rows[0].n, 0);
      assert.equal(await audits('person.totpDisable'), 1);
    });

    test('a role that requires it blocks its holder until they enrol; only admins set it', async () => {
      const cast = await buildCast(t, 'req');
      const url = `/api/organisations/${cast.agency.id}/totp-requirement`;
      // The organizer may not set it, nor an admin of another organisation.
      assert.equal((await cast.organizer.put(url, { roles: ['organizer'] })).status, 403);
      assert.equal((await cast.hostAdmin.put(url, { roles: ['organizer'] })).status, 403);
      assert.equal(
        (await cast.admin.put(url, { roles: ['solver'] })).status,
        400,
        'only roles that move money or decide',
      );
      const set = await cast.admin.put(url, { roles: ['organizer'] });
      assert.deepEqual([set.status, set.body], [200, { roles: ['organizer'] }]);
      assert.deepEqual((await cast.admin.get(url)).body, { roles: ['organizer'] });

      // The organizer's very next request: only their own account and enrolment work.
      const blocked = await cast.organizer.get('/api/challenges');
      assert.equal(blocked.status, 403);
      assert.equal(blocked.body.code, 'TOTP_ENROLMENT_REQUIRED');
      const view = (await cast.organizer.session()).body;
      assert.deepEqual(view.twoFactor, { enabled: false, mustEnrol: true });
      const status = (await cast.organizer.get('/api/auth/totp')).body;
      assert.deepEqual(status.requiredBy, [{ orgName: '东海省科学技术厅', role: 'organizer' }]);
      // Others are not affected.
      assert.equal((await cast.proposer.get('/api/challenges')).status, 200);

      await enrol(cast.organizer);
      assert.equal((await cast.organizer.get('/api/challenges')).status, 200);
      assert.equal((await cast.organizer.session()).body.twoFactor.mustEnrol, false);
      assert.equal(await audits('organisation.totpRequirement'), 1);
    });
  });
}
