// The home page's API: my tasks in the reader's language, and the fresh-install flag.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { defineMessages, t } from '../../src/i18n/messages.ts';
import { registerTaskSource } from '../../src/modules/home/tasks.ts';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

defineMessages({
  'test.home.sign': { 'zh-CN': '签署 {name} 的承诺书', en: 'Sign the pledge of {name}' },
});
const DUE = '2026-12-01T09:00:00.000Z';
let taskOwner = '';
// A source that asks one person to sign, with a bilingual name as parameter.
registerTaskSource(async (ctx) =>
  ctx.actor.personId === taskOwner
    ? [
        {
          kind: 'test.sign',
          count: 2,
          title: t('test.home.sign', { name: { zh: '华晶石英', en: 'Huajing Quartz' } }),
          href: '/bids/mine',
          dueAt: DUE,
        },
        { kind: 'test.none', count: 0, title: t('test.home.sign', { name: 'x' }), href: '/' },
      ]
    : [],
);

for (const kind of backends())
  describe(`home API (${kind})`, () => {
    let app: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      app = await buildTestApp(kind);
    });
    after(() => app.close());

    test('a fresh install says it has no administrator; after the first one it does', async () => {
      const anon = app.client();
      assert.deepEqual((await anon.get('/api/setup')).body, { hasAdmin: false });
      await app.admin();
      assert.deepEqual((await anon.get('/api/setup')).body, { hasAdmin: true });
    });

    test('my tasks: refused when signed out; rendered in the reader language with count, link and deadline', async () => {
      const anon = app.client();
      const r = await anon.get('/api/me/tasks');
      assert.equal(r.status, 401);
      assert.equal(r.body.code, 'UNAUTHENTICATED');

      const c = app.client();
      await c.register('wang.fang@example.cn');
      await c.login('wang.fang@example.cn');
      const me = (await c.session()).body.person;
      assert.deepEqual((await c.get('/api/me/tasks')).body, { items: [] });
      taskOwner = me.id;
      const zh = await c.request('GET', '/api/me/tasks', undefined, {
        headers: { 'accept-language': 'zh-CN' },
      });
      assert.deepEqual(zh.body.items, [
        { kind: 'test.sign', count: 2, title: '签署 华晶石英 的承诺书', href: '/bids/mine', dueAt: DUE },
      ]);
      // The profile's language wins over the browser's.
      assert.equal((await c.put('/api/profile/locale', { locale: 'en' })).status, 200);
      const en = await c.request('GET', '/api/me/tasks', undefined, {
        headers: { 'accept-language': 'zh-CN' },
      });
      assert.equal(en.body.items[0].title, 'Sign the pledge of Huajing Quartz');
    });
  });
