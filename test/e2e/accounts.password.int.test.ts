// Password reset by e-mail and password change, over HTTP, on every database backend: the same
// answer for any address, the link in the outbox (no SMTP configured), single-use and
// short-lived tokens stored hashed, every session ended, a few links per account an hour, audited.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { RESET_TTL_MINUTES, RESETS_PER_HOUR } from '../../src/modules/accounts/password.service.ts';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

/** Waits for the reset mail to `to` to reach the outbox; returns its text and the token in its link. */
async function resetMailTo(t: App, to: string, count = 1): Promise<{ text: string; token: string }> {
  const until = Date.now() + 20_000;
  for (;;) {
    const r = await t.database.pool.query(
      `SELECT text_body, html_body FROM mail_message WHERE to_address = $1 AND state = 'outbox'
       AND mail_key LIKE 'acct:reset:%' ORDER BY created_at DESC, id`,
      [to],
    );
    if (r.rows.length >= count) {
      const text = String(r.rows[0].text_body);
      const token = /\/reset-password\?token=([A-Za-z0-9_-]+)/.exec(text)?.[1];
      assert.ok(token, text);
      return { text, token };
    }
    if (Date.now() > until) throw new Error(`no reset mail to ${to} (${r.rows.length} of ${count})`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

const audits = async (t: App, action: string) =>
  Number(
    (await t.database.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1', [action]))
      .rows[0].n,
  );

for (const kind of backends()) {
  describe(`password reset and change (${kind})`, () => {
    let t: App;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://jiebang.test' });
    });
    after(() => t.close());

    /** Asks for a reset link as a signed-out browser would (with its CSRF token). */
    async function ask(email: string) {
      const c = t.client();
      await c.session();
      return c.post('/api/auth/password-reset', { email });
    }

    async function person(email: string, locale: 'zh-CN' | 'en' = 'zh-CN') {
      const c = t.client();
      assert.equal((await c.register(email)).status, 201);
      assert.equal((await c.login(email)).status, 200);
      await c.put('/api/profile/locale', { locale });
      return c;
    }

    test('the same answer whether or not the address has an account; the link lands in the outbox', async () => {
      const me = await person('forgot@example.cn', 'en');
      const a = await ask('Forgot@Example.cn');
      const b = await ask('nobody@example.cn');
      assert.equal(a.status, 202);
      assert.deepEqual([b.status, b.body], [a.status, a.body]);

      const { text, token } = await resetMailTo(t, 'forgot@example.cn');
      assert.match(text, /Dear 测试用户/);
      assert.match(text, new RegExp(`within ${RESET_TTL_MINUTES} minutes`));
      assert.ok(text.includes('https://jiebang.test/reset-password?token='));
      // Only the token's SHA-256 is stored.
      const stored = await t.database.pool.query('SELECT token_hash FROM password_reset');
      assert.equal(stored.rows.length, 1);
      assert.equal(stored.rows[0].token_hash, createHash('sha256').update(token).digest('hex'));
      assert.ok(!JSON.stringify(stored.rows).includes(token));
      // Never in the in-app inbox.
      assert.equal((await me.get('/api/notifications')).body.total, 0);
      assert.equal(await audits(t, 'person.passwordResetRequest'), 1);
    });

    test('a new password ends every session; the link works once', async () => {
      const phone = await person('twice@example.cn');
      const laptop = t.client();
      await laptop.login('twice@example.cn');
      await ask('twice@example.cn');
      const { token } = await resetMailTo(t, 'twice@example.cn');

      const anon = t.client();
      await anon.session();
      const r = await anon.post('/api/auth/password-reset/confirm', {
        token,
        password: 'a brand new passphrase',
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal((await phone.get('/api/profile')).status, 401);
      assert.equal((await laptop.get('/api/profile')).status, 401);
      assert.equal((await t.client().login('twice@example.cn')).status, 401);
      assert.equal((await t.client().login('twice@example.cn', 'a brand new passphrase')).status, 200);

      const again = await anon.post('/api/auth/password-reset/confirm', {
        token,
        password: 'yet another passphrase',
      });
      assert.equal(again.status, 400);
      assert.equal(again.body.field, 'token');
      assert.equal((await t.client().login('twice@example.cn', 'a brand new passphrase')).status, 200);
      const row = await t.database.pool.query(
        `SELECT detail FROM audit_log WHERE action = 'person.passwordReset' ORDER BY seq DESC LIMIT 1`,
      );
      assert.equal(row.rows[0].detail.sessionsRevoked, 2);
    });

    test('an expired link, or one replaced by a newer link, is refused', async () => {
      await person('late@example.cn');
      await ask('late@example.cn');
      const first = await resetMailTo(t, 'late@example.cn');
      t.clock.advanceMinutes(RESET_TTL_MINUTES + 1);
      const c = t.client();
      await c.session();
      const late = await c.post('/api/auth/password-reset/confirm', {
        token: first.token,
        password: 'too late passphrase',
      });
      assert.equal(late.status, 400);
      assert.equal(late.body.field, 'token');

      await ask('late@example.cn');
      const second = await resetMailTo(t, 'late@example.cn', 2);
      t.clock.advanceMinutes(1); // the newest mail is the one made last
      await ask('late@example.cn');
      const third = await resetMailTo(t, 'late@example.cn', 3);
      const replaced = await c.post('/api/auth/password-reset/confirm', {
        token: second.token,
        password: 'replaced link passphrase',
      });
      assert.equal(replaced.status, 400);
      const ok = await c.post('/api/auth/password-reset/confirm', {
        token: third.token,
        password: 'newest link passphrase',
      });
      assert.equal(ok.status, 200);
      assert.equal((await t.client().login('late@example.cn')).status, 401);
      assert.equal((await t.client().login('late@example.cn', 'newest link passphrase')).status, 200);
    });

    test('a link changes only its own account', async () => {
      await person('alice@example.cn');
      const bob = await person('bob@example.cn');
      await ask('alice@example.cn');
      await ask('bob@example.cn');
      const forAlice = await resetMailTo(t, 'alice@example.cn');
      const forBob = await resetMailTo(t, 'bob@example.cn');
      // Bob, signed in, uses Alice's link: it is Alice's password that changes, never his.
      const r = await bob.post('/api/auth/password-reset/confirm', {
        token: forAlice.token,
        password: 'alice new passphrase',
      });
      assert.equal(r.status, 200);
      assert.equal((await t.client().login('bob@example.cn', 'alice new passphrase')).status, 401);
      assert.equal((await t.client().login('alice@example.cn', 'alice new passphrase')).status, 200);
      // Bob's session and his own link are untouched.
      assert.equal((await bob.get('/api/profile')).status, 200);
      const own = await bob.post('/api/auth/password-reset/confirm', {
        token: forBob.token,
        password: 'bob new passphrase',
      });
      assert.equal(own.status, 200);
      assert.equal((await t.client().login('bob@example.cn', 'bob new passphrase')).status, 200);
    });

    test('a few links per account an hour; more requests get the same answer and no mail', async () => {
      await person('flood@example.cn');
      const answers = [];
      for (let i = 0; i < RESETS_PER_HOUR + 2; i++) answers.push((await ask('flood@example.cn')).status);
      assert.deepEqual(new Set(answers), new Set([202]));
      const n = await t.database.pool.query(
        `SELECT count(*)::int AS n FROM mail_message WHERE to_address = 'flood@example.cn'`,
      );
      assert.equal(n.rows[0].n, RESETS_PER_HOUR);
    });

    test('changing the password needs the current one and ends my other sessions', async () => {
      const me = await person('change@example.cn');
      const other = t.client();
      await other.login('change@example.cn');
      const wrong = await me.post('/api/auth/password', {
        currentPassword: 'not my password',
        password: 'changed passphrase 1',
      });
      assert.equal(wrong.status, 400);
      assert.equal(wrong.body.field, 'currentPassword');
      assert.equal((await other.get('/api/profile')).status, 200);
      const r = await me.post('/api/auth/password', {
        currentPassword: 'correct horse battery',
        password: 'changed passphrase 1',
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.sessionsRevoked, 1);
      assert.equal((await me.get('/api/profile')).status, 200);
      assert.equal((await other.get('/api/profile')).status, 401);
      assert.equal((await t.client().login('change@example.cn', 'changed passphrase 1')).status, 200);
      assert.equal(await audits(t, 'person.passwordChange'), 1);
    });

    test('the policy: 8 characters at least, common and leaked passwords and one’s own words refused, named', async () => {
      const c = t.client();
      await c.session();
      const register = (email: string, password: string) =>
        c.post('/api/auth/register', { email, password, nameZh: '周密', nameEn: 'Zhou Mi' });
      for (const [password, key] of [
        ['seven c', 'validation.password.tooShort'],
        ['iloveyou', 'validation.password.common'],
        ['Password123', 'validation.password.common'],
        ['zhou.mi@example.cn', 'validation.password.personal'],
        ['Zhou Mi 1990', 'validation.password.personal'],
      ]) {
        const r = await register('zhou.mi@example.cn', password);
        assert.equal(r.status, 400, password);
        assert.equal(r.body.field, 'password', password);
        assert.equal(r.body.key, key, password);
      }
      assert.equal((await register('zhou.mi@example.cn', 'eight ch')).status, 201, 'no composition rules');

      // A refused new password leaves the reset link unspent.
      await ask('zhou.mi@example.cn');
      const { token } = await resetMailTo(t, 'zhou.mi@example.cn');
      const common = await c.post('/api/auth/password-reset/confirm', { token, password: 'qwertyuiop' });
      assert.equal(common.status, 400);
      assert.equal(common.body.field, 'password');
      const personal = await c.post('/api/auth/password-reset/confirm', { token, password: 'zhou.mi!!' });
      assert.equal(personal.body.key, 'validation.password.personal');
      assert.equal(
        (await c.post('/api/auth/password-reset/confirm', { token, password: 'a walk by the river' })).status,
        200,
      );

      const me = t.client();
      await me.login('zhou.mi@example.cn', 'a walk by the river');
      const change = await me.post('/api/auth/password', {
        currentPassword: 'a walk by the river',
        password: '12345678',
      });
      assert.equal(change.status, 400);
      assert.equal(change.body.field, 'password');
    });
  });
}
