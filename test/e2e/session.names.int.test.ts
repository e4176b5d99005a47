// The session names the organisations of my roles in my language (a signed-in person's is their profile's).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';

for (const kind of backends()) {
  describe(`session names (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    after(() => t?.close());

    test('the organisation of a role is named in the reader’s language', async () => {
      t = await buildTestApp(kind);
      const { organizer } = await buildCast(t);
      const orgNames = async (lang: string) =>
        (
          await organizer.request('GET', '/api/auth/session', undefined, {
            headers: { 'accept-language': lang },
          })
        ).body.roles.map((r: { orgName: string }) => r.orgName);
      assert.deepEqual(await orgNames('zh-CN'), ['东海省科学技术厅']);
      assert.equal((await organizer.put('/api/profile/locale', { locale: 'en' })).status, 200);
      assert.match((await orgNames('zh-CN'))[0], /^Test Co \d+$/);
    });
  });
}
