// Sessions and headers: CSP and frame protections on every answer, no caching of API answers,
// HSTS and __Host- cookies over HTTPS, and logout and account disabling ending sessions at once.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../../src/http/security.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast, buildChallenge } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { rawRequest } from '../support/security.ts';

const setCookies = (h: Record<string, unknown>) => {
  const v = h['set-cookie'];
  return (Array.isArray(v) ? v : v ? [v] : []) as string[];
};
const cookieNamed = (h: Record<string, unknown>, name: string) =>
  setCookies(h).find((c) => c.startsWith(`${name}=`));

function assertCommonHeaders(h: Record<string, unknown>, where: string) {
  assert.equal(h['x-content-type-options'], 'nosniff', where);
  assert.equal(h['x-frame-options'], 'DENY', where);
  assert.equal(h['referrer-policy'], 'strict-origin-when-cross-origin', where);
  const csp = String(h['content-security-policy'] ?? '');
  assert.match(csp, /frame-ancestors 'none'|default-src 'none'/, `${where}: CSP forbids framing`);
  assert.doesNotMatch(csp, /script-src[^;]*'unsafe-(inline|eval)'/, `${where}: no inline or eval scripts`);
}

for (const kind of backends()) {
  describe(`sessions and headers over plain HTTP (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    test('every API answer carries CSP, frame, sniffing and referrer protections and is never cached', async () => {
      const c = t.client();
      for (const [method, url] of [
        ['GET', '/api/health'],
        ['GET', '/api/auth/session'],
        ['GET', '/api/challenges'],
        ['GET', '/api/no-such-route'],
        ['POST', '/api/auth/login'],
      ]) {
        const r = await c.request(
          method,
          url,
          method === 'POST' ? { email: 'x@y.cn', password: 'p' } : undefined,
        );
        assertCommonHeaders(r.headers, `${method} ${url}`);
        assert.equal(r.headers['cache-control'], 'no-store', `${method} ${url}`);
        assert.equal(r.headers['strict-transport-security'], undefined, 'no HSTS over plain HTTP');
        assert.equal(r.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
      }
    });

    test('the session cookie is HttpOnly, SameSite=Lax, Path=/ and unprefixed without TLS', async () => {
      const c = t.client();
      await c.register('plain@example.cn');
      const r = await c.login('plain@example.cn');
      assert.equal(r.status, 200);
      const cookie = cookieNamed(r.headers, 'jb_session');
      assert.ok(cookie, setCookies(r.headers).join(' | '));
      assert.match(cookie, /;\s*HttpOnly/i);
      assert.match(cookie, /;\s*SameSite=Lax/i);
      assert.match(cookie, /;\s*Path=\//i);
      assert.doesNotMatch(cookie, /;\s*Domain=/i);
    });

    test('logout ends the session at once: a copied cookie is refused on the next request', async () => {
      const c = t.client();
      await c.register('logout@example.cn');
      await c.login('logout@example.cn');
      const copy = t.client();
      copy.cookies = new Map(c.cookies);
      assert.equal((await copy.get('/api/profile')).status, 200);
      const out = await c.post('/api/auth/logout');
      assert.equal(out.status, 200);
      const cleared = cookieNamed(out.headers, 'jb_session');
      assert.ok(cleared && /Expires=Thu, 01 Jan 1970/i.test(cleared), 'the cookie is cleared');
      assert.equal((await copy.get('/api/profile')).status, 401);
      assert.equal((await copy.session()).body.person, null);
      const revoked = await t.database.pool.query(
        'SELECT count(*)::int AS n FROM session s JOIN person p ON p.id = s.person_id WHERE p.email = $1 AND s.revoked_at IS NULL',
        ['logout@example.cn'],
      );
      assert.equal(revoked.rows[0].n, 0, 'no live session left');
    });

    test('disabling an account ends all its sessions at once and refuses login until enabled', async () => {
      const admin = await t.admin();
      const laptop = t.client();
      const reg = await laptop.register('disable@example.cn');
      await laptop.login('disable@example.cn');
      const phone = t.client();
      await phone.login('disable@example.cn');
      assert.equal((await laptop.get('/api/profile')).status, 200);
      assert.equal((await phone.get('/api/profile')).status, 200);

      const other = t.client();
      await other.register('notadmin@example.cn');
      await other.login('notadmin@example.cn');
      const denied = await other.post(`/api/people/${reg.body.id}/disable`);
      assert.equal(denied.status, 403);
      assert.equal((await laptop.get('/api/profile')).status, 200, 'a refused disable changes nothing');

      const r = await admin.post(`/api/people/${reg.body.id}/disable`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.sessionsRevoked, 2);
      assert.equal((await laptop.get('/api/profile')).status, 401);
      assert.equal((await phone.get('/api/profile')).status, 401);
      const again = t.client();
      assert.equal((await again.login('disable@example.cn')).status, 401);

      const audit = await admin.get(`/api/audit?objectType=person&objectId=${reg.body.id}`);
      assert.ok(
        audit.body.items.some((e: { action: string }) => e.action === 'person.disable'),
        'the disabling is audited',
      );
      assert.equal((await admin.post(`/api/people/${reg.body.id}/enable`)).status, 200);
      assert.equal((await again.login('disable@example.cn')).status, 200);
      assert.equal((await again.get('/api/profile')).status, 200);
    });

    test('the platform admin cannot disable their own account', async () => {
      const admin = await t.admin('selfadmin@jiebang.test');
      const me = (await admin.session()).body.person.id;
      assert.equal((await admin.post(`/api/people/${me}/disable`)).status, 403);
      assert.equal((await admin.get('/api/profile')).status, 200);
    });

    test('downloads keep their own stricter policy (nothing runs inside an uploaded file)', async () => {
      const cast = await buildCast(t, '-dl');
      const c = (
        await cast.proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id))
      ).body;
      const up = await rawRequest(
        cast.proposer,
        'POST',
        `/api/challenges/${c.id}/attachments?name=a.pdf`,
        Buffer.from('%PDF-1.7\n%%EOF\n'),
        { 'content-type': 'application/pdf' },
      );
      assert.equal(up.statusCode, 201, up.body);
      const r = await rawRequest(cast.proposer, 'GET', `/api/attachments/${up.json().id}`, '');
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.headers['content-security-policy'], "default-src 'none'");
      assertCommonHeaders(r.headers as Record<string, unknown>, 'attachment download');
      assert.equal(r.headers['cache-control'], 'no-store');
    });

    test('the built web UI has no inline script, so the CSP does not break it', async (ctx) => {
      const index = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));
      if (!existsSync(index))
        return ctx.skip('web/dist not built (npx vite build --config web/vite.config.ts)');
      const html = readFileSync(index, 'utf8');
      for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g))
        assert.ok(
          /\bsrc=/.test(m[1]) && m[2].trim() === '',
          `inline script in index.html: ${m[0].slice(0, 80)}`,
        );
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no inline event handlers');
      const r = await t.app.inject({ method: 'GET', url: '/' });
      assert.equal(r.statusCode, 200);
      assertCommonHeaders(r.headers as Record<string, unknown>, 'GET /');
      assert.equal(r.headers['cache-control'] === 'no-store', false, 'static pages may be cached');
    });
  });

  describe(`sessions and headers over HTTPS (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind, { COOKIE_SECURE: 'true' });
    });
    after(() => t.close());

    test('HSTS is sent', async () => {
      const r = await t.client().get('/api/health');
      assert.equal(r.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains');
      assertCommonHeaders(r.headers, 'GET /api/health');
    });

    test('cookies take the __Host- prefix with Secure, HttpOnly, Path=/ and no Domain; the session works', async () => {
      const c = t.client();
      const s = await c.session();
      const csrf = cookieNamed(s.headers, '__Host-jb_csrf');
      assert.ok(csrf, setCookies(s.headers).join(' | '));
      assert.match(csrf, /;\s*Secure/i);
      assert.match(csrf, /;\s*HttpOnly/i);
      assert.match(csrf, /;\s*SameSite=Strict/i);
      assert.match(csrf, /;\s*Path=\//i);
      await c.register('tls@example.cn');
      const r = await c.login('tls@example.cn');
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const session = cookieNamed(r.headers, '__Host-jb_session');
      assert.ok(session, setCookies(r.headers).join(' | '));
      for (const flag of [/;\s*Secure/i, /;\s*HttpOnly/i, /;\s*SameSite=Lax/i, /;\s*Path=\/(;|$)/i])
        assert.match(session, flag);
      assert.doesNotMatch(session, /;\s*Domain=/i);
      assert.equal(cookieNamed(r.headers, 'jb_session'), undefined, 'no unprefixed session cookie');
      assert.equal((await c.get('/api/profile')).status, 200);
      const out = await c.post('/api/auth/logout');
      const cleared = cookieNamed(out.headers, '__Host-jb_session');
      assert.ok(
        cleared && /;\s*Secure/i.test(cleared),
        'the clearing cookie is Secure too, or browsers ignore it',
      );
      assert.equal((await c.get('/api/profile')).status, 401);
    });
  });
}
