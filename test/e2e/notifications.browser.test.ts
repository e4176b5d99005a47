// Browser journey of the inbox: a person told of two events sees the unread count on the bell,
// reads them in the inbox in their language (phone, Chinese), opens one (marked read, taken to
// the page where they act), marks the rest read after confirming; then, in English on a desktop,
// switches off e-mail for one kind and saves.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { browserUnavailable, chooseLanguage, serveForBrowser, signIn } from '../support/browser.ts';
import { enterpriseMember, freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const EMAIL = 'li.na@example.cn';
const PASSWORD = 'correct horse battery';

describe('the inbox and notification settings, in Chromium', {
  skip: skip ?? false,
  timeout: 180_000,
}, () => {
  let database: Database;
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let base: string;
  let personId: string;

  before(async () => {
    database = await freshDatabase('pglite');
    ({ personId } = await enterpriseMember(
      database,
      { email: EMAIL, password: PASSWORD, nameZh: '李娜', nameEn: 'Li Na', locale: 'zh-CN' },
      { nameZh: '华晶石英', nameEn: 'Huajing Quartz' },
      'proposer',
    ));
    ({ base, browser, close } = await serveForBrowser(database));
    const challenge = (n: number, zh: string, en: string) => ({
      kind: 'challenge.published' as const,
      recipients: [personId],
      object: { type: 'challenge', id: `00000000-0000-4000-8000-00000000000${n}`, name: { zh, en } },
      href: '/challenges/mine',
    });
    await database.db.transaction().execute(async (tx) => {
      await notify(tx, new Date(Date.now() - 60_000), challenge(1, '高纯石英坩埚', 'Quartz crucible'));
      await notify(tx, new Date(), challenge(2, '精密减速器', 'Precision reducer'));
    });
  });
  after(() => close?.());

  const bell = (page: Page) => page.locator('a.shell-bell');

  test('phone, Chinese: the bell counts, the inbox reads, opening marks read, mark all asks first', async () => {
    const page = await signIn(browser, base, EMAIL, PASSWORD);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    assert.equal(await bell(page).getAttribute('aria-label'), '消息，2 条未读');
    await bell(page).click();
    await page.getByRole('heading', { name: '通知' }).waitFor();
    const first = page.getByText('榜单“高纯石英坩埚”已发布');
    await first.waitFor();
    await page.getByText('榜单“精密减速器”已发布').waitFor();
    // Opening one marks it read and goes where the person acts.
    await first.click();
    await page.waitForURL(/\/challenges\/mine$/);
    await page.waitForFunction(
      () => document.querySelector('a.shell-bell')?.getAttribute('aria-label') === '消息，1 条未读',
    );
    await page.goto(`${base}/inbox`);
    await page.getByRole('button', { name: '全部标为已读' }).click();
    await page.getByText('当前列表中的未读通知将全部标为已读。').waitFor();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^确\s?认$/ })
      .click();
    await page.getByText('已将 1 条通知标为已读').waitFor();
    await page.waitForFunction(
      () => document.querySelector('a.shell-bell')?.getAttribute('aria-label') === '消息',
    );
    const unread = await database.pool.query(
      'SELECT count(*)::int AS n FROM notification WHERE recipient_id = $1 AND read_at IS NULL',
      [personId],
    );
    assert.equal(unread.rows[0].n, 0);
    await page.close();
  });

  test('desktop, English: e-mail for one kind switched off and saved', async () => {
    const page = await signIn(browser, base, EMAIL, PASSWORD);
    await page.setViewportSize({ width: 1366, height: 900 });
    await chooseLanguage(page, 'en');
    await page.goto(`${base}/inbox`);
    await page.getByText('The challenge “Quartz crucible” is published').waitFor();
    await page.getByRole('link', { name: 'Notification settings' }).click();
    await page.getByRole('heading', { name: 'Notification settings' }).waitFor();
    const sw = page.getByRole('switch', { name: 'Challenge published: E-mail' });
    assert.equal(await sw.getAttribute('aria-checked'), 'true');
    await sw.click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Notification settings saved').waitFor();
    const pref = await database.pool.query(
      `SELECT enabled FROM notification_preference WHERE person_id = $1 AND kind = 'challenge.published'`,
      [personId],
    );
    assert.equal(pref.rows[0]?.enabled, false);
    await page.close();
  });
});
