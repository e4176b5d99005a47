// Server messages in the reader's language: the profile's, else Accept-Language's, else Chinese.
// Every error body keeps the stable key and parameters for API clients, and names the field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

for (const kind of backends()) {
  describe(`error messages in the reader's language (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    const password = 'correct horse battery';
    before(async () => {
      t = await buildTestApp(kind);
      const first = t.client();
      assert.equal((await first.register('taken@jiebang.test')).status, 201);
    });
    after(() => t.close());

    const registerAs = async (lang: string, body: Record<string, unknown>) => {
      const c = t.client();
      await c.session();
      return c.request('POST', '/api/auth/register', body, { headers: { 'accept-language': lang } });
    };

    test('Accept-Language zh-CN: a refusal in Chinese, naming the field, with key and field', async () => {
      const r = await registerAs('zh-CN,zh;q=0.9,en;q=0.5', {
        email: 'taken@jiebang.test',
        password,
        nameZh: '甲',
      });
      assert.equal(r.status, 409);
      assert.equal(r.body.code, 'DUPLICATE');
      assert.equal(r.body.key, 'db.alreadyRegistered');
      assert.equal(r.body.field, 'email');
      assert.equal(r.body.message, '邮箱：已被注册');
    });

    test('Accept-Language en: the same refusal in English', async () => {
      const r = await registerAs('en-GB,en;q=0.9', { email: 'taken@jiebang.test', password, nameZh: '甲' });
      assert.equal(r.status, 409);
      assert.equal(r.body.key, 'db.alreadyRegistered');
      assert.equal(r.body.field, 'email');
      assert.equal(r.body.message, 'email: is already registered');
    });

    test('no Accept-Language: Chinese', async () => {
      const c = t.client();
      await c.session();
      const r = await c.post('/api/auth/login', { email: 'nobody@jiebang.test', password });
      assert.equal(r.status, 401);
      assert.equal(r.body.key, 'auth.badCredentials');
      assert.equal(r.body.message, '邮箱或密码错误');
    });

    test('a profile language of en overrides Accept-Language zh', async () => {
      const c = t.client();
      assert.equal((await c.register('english@jiebang.test', password, '英文用户')).status, 201);
      assert.equal((await c.login('english@jiebang.test', password)).status, 200);
      assert.equal((await c.put('/api/profile/locale', { locale: 'en' })).status, 200);
      const zh = { headers: { 'accept-language': 'zh-CN' } };
      const dup = await c.request(
        'POST',
        '/api/auth/register',
        { email: 'taken@jiebang.test', password, nameZh: '乙' },
        zh,
      );
      assert.equal(dup.status, 409);
      assert.equal(dup.body.field, 'email');
      assert.equal(dup.body.key, 'db.alreadyRegistered');
      assert.equal(dup.body.message, 'email: is already registered');
      const bad = await c.request('PUT', '/api/profile/locale', { locale: 'fr' }, zh);
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'locale');
      assert.equal(bad.body.key, 'validation.oneOf');
      assert.match(bad.body.message, /^language: must be one of zh-CN, en$/);
    });

    test('a zod VALIDATION names the field in both languages, with key validation.<kind> and params', async () => {
      const body = { email: 'not-an-email', password, nameZh: '丙' };
      const zh = await registerAs('zh-CN', body);
      assert.equal(zh.status, 400);
      assert.equal(zh.body.code, 'VALIDATION');
      assert.equal(zh.body.field, 'email');
      assert.equal(zh.body.key, 'validation.format.email');
      assert.equal(zh.body.params.field, 'email');
      assert.equal(zh.body.message, '邮箱：必须是电子邮箱地址');
      const en = await registerAs('en', body);
      assert.equal(en.body.key, 'validation.format.email');
      assert.equal(en.body.message, 'email: must be an email address');
      const short = await registerAs('en', { email: 'short@jiebang.test', password: 'x', nameZh: '丁' });
      assert.equal(short.body.field, 'password');
      assert.match(short.body.key, /^validation\./);
      assert.match(short.body.message, /^password: /);
      const shortZh = await registerAs('zh-CN', { email: 'short@jiebang.test', password: 'x', nameZh: '丁' });
      assert.match(shortZh.body.message, /^密码：/);
    });

    test('edge messages are localised too: an unknown route and missing CSRF', async () => {
      const none = await t
        .client()
        .request('GET', '/api/nothing-here', undefined, { headers: { 'accept-language': 'en' } });
      assert.equal(none.status, 404);
      assert.equal(none.body.key, 'http.noRoute');
      assert.equal(none.body.message, 'no route GET /api/nothing-here');
      const noCsrf = await t.client().request(
        'POST',
        '/api/auth/login',
        { email: 'a@b.test', password },
        {
          headers: { 'accept-language': 'zh-CN' },
        },
      );
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.body.key, 'http.csrf');
      assert.match(noCsrf.body.message, /CSRF 令牌/);
    });
  });
}
