// Browser journey: a session that ended elsewhere (logged out from another client, revoked) leaves
// a dead cookie and a CSRF token bound to it in the browser; logging back in works, on a reloaded
// page and on the page still open, without deleting any cookie by hand.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import { browserUnavailable, serveForBrowser, signIn } from '../support/browser.ts';
import { enterpriseMember, freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const EMAIL = 'wang.fang@example.cn';
const PASSWORD = 'correct horse battery';

describe('logging back in after the session ended, in Chromium', {
  skip: skip ?? false,
  timeout: 120_000,
}, () => {
  let database: Database;
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let base: string;

  before(async () => {
    database = await freshDatabase('pglite');
    await enterpriseMember(
      database,
      { email: EMAIL, password: PASSWORD, nameZh: '王芳', nameEn: 'Wang Fang', locale: 'zh-CN' },
      { nameZh: '华晶石英', nameEn: 'Huajing Quartz' },
      'proposer',
    );
    ({ base, browser, close } = await serveForBrowser(database));
  });
  after(() => close?.());

  /** Ends every live session of the person, as logging out from another client does. */
  const endSessionsElsewhere = () =>
    database.pool.query(
      `UPDATE session SET revoked_at = now() WHERE revoked_at IS NULL
         AND person_id = (SELECT id FROM person WHERE email = $1)`,
      [EMAIL],
    );
  const sessionCookie = async (page: Page) =>
    (await page.context().cookies()).find((c) => c.name === 'jb_session')?.value;

  const signedInAs = (page: Page) =>
    page.evaluate(
      async () => (await (await fetch('/api/auth/session')).json()).person as { email: string } | null,
    );

  const logIn = async (page: Page) => {
    await page.getByLabel('电子邮箱').fill(EMAIL);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
  };

  test('a reloaded page with the dead cookie: the cookie is cleared and the login form works', async () => {
    const page = await signIn(browser, base, EMAIL, PASSWORD);
    const dead = await sessionCookie(page);
    assert.ok(dead, 'signed in with a session cookie');
    await endSessionsElsewhere();
    await page.goto(`${base}/login`);
    await logIn(page);
    const fresh = await sessionCookie(page);
    assert.ok(fresh && fresh !== dead, 'a new session');
    assert.equal((await signedInAs(page))?.email, EMAIL);
    await page.close();
  });

  test('the page still open: its token belonged to the ended session, and the login goes through', async () => {
    const page = await signIn(browser, base, EMAIL, PASSWORD);
    const dead = await sessionCookie(page);
    await endSessionsElsewhere();
    // Move to the login form inside the running app (no reload: the old token stays in memory).
    await page.evaluate(() => {
      history.pushState({}, '', '/login');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await page.getByLabel('电子邮箱').waitFor();
    const refused: number[] = [];
    page.on('response', (r) => {
      if (r.url().endsWith('/api/auth/login') && r.status() === 403) refused.push(r.status());
    });
    await logIn(page);
    assert.notEqual(await sessionCookie(page), dead, 'a new session');
    assert.equal((await signedInAs(page))?.email, EMAIL);
    assert.ok(refused.length <= 1, 'at most the one refusal the client answers by fetching a new token');
    await page.close();
  });
});
