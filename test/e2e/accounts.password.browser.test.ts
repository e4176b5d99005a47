// Browser journey, in Chinese and in English: forgot the password → the reset mail in the
// admin's outbox (no SMTP configured) → the link → a new password → signed in with it; the old
// password no longer works; account security then lists this device's session.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import { createPlatformAdmin, register } from '../../src/modules/accounts/accounts.service.ts';
import { browserUnavailable, chooseLanguage, serveForBrowser, signIn } from '../support/browser.ts';
import { freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const OLD = 'correct horse battery';
/** Screenshots of the pages, when SHOTS_DIR names a folder (for looking at them). */
const SHOTS = process.env.SHOTS_DIR;

const CASES = [
  {
    lang: 'zh-CN' as const,
    email: 'li.na@example.cn',
    nameZh: '李娜',
    forgot: '忘记密码？',
    send: '发送重置链接',
    sent: '请查收邮件',
    subject: '揭榜平台：重置密码',
    password: '新密码',
    confirm: '再次输入新密码',
    save: '设置新密码',
    done: '密码已更新',
    login: '去登录',
    emailLabel: '电子邮箱',
    passwordLabel: '密码',
    welcome: /欢迎/,
    thisDevice: '本设备',
  },
  {
    lang: 'en' as const,
    email: 'tom.lee@example.cn',
    nameZh: '李汤姆',
    forgot: 'Forgot your password?',
    send: 'Send the reset link',
    sent: 'Check your mail',
    subject: 'Jiebang: reset your password',
    password: 'New password',
    confirm: 'New password again',
    save: 'Set the new password',
    done: 'Password changed',
    login: 'Log in',
    emailLabel: 'Email',
    passwordLabel: 'Password',
    welcome: /Welcome/,
    thisDevice: 'This device',
  },
];

describe('forgot password → mail in the outbox → new password, in Chromium', {
  skip: skip ?? false,
  timeout: 240_000,
}, () => {
  let database: Database;
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let base: string;

  before(async () => {
    database = await freshDatabase('pglite');
    const ctx = { db: database.db, actor: null, now: () => new Date() };
    await createPlatformAdmin(ctx, {
      email: 'admin@example.cn',
      password: 'admin password 1',
      name: '管理员',
    });
    for (const c of CASES)
      await register(ctx, { email: c.email, password: OLD, nameZh: c.nameZh, nameEn: '', locale: c.lang });
    ({ base, browser, close } = await serveForBrowser(database));
    if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  });
  after(() => close?.());

  const shoot = async (page: Page, name: string) => {
    if (!SHOTS) return;
    for (const width of [390, 1366]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  };

  /** The reset link from the admin's outbox page (the mail's text shown there). */
  async function linkFromOutbox(c: (typeof CASES)[number]): Promise<string> {
    const admin = await signIn(browser, base, 'admin@example.cn', 'admin password 1');
    await admin.setViewportSize({ width: 1366, height: 900 });
    const until = Date.now() + 30_000;
    for (;;) {
      await admin.goto(`${base}/admin/outbox`);
      const row = admin.getByRole('row').filter({ hasText: c.email });
      await admin.getByRole('heading', { name: '邮件发件箱' }).waitFor();
      await admin.getByRole('table').waitFor();
      if ((await row.count()) > 0 && (await row.filter({ hasText: '发件箱' }).count()) > 0) {
        await row.getByRole('button', { name: /^查\s?看$/ }).click();
        break;
      }
      if (Date.now() > until) throw new Error(`no reset mail to ${c.email} in the outbox`);
      await admin.waitForTimeout(500);
    }
    const dialog = admin.getByRole('dialog');
    await dialog.getByText(c.subject).waitFor();
    const text = (await dialog.locator('pre').textContent()) ?? '';
    await admin.close();
    const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(text)?.[0];
    assert.ok(link, text);
    // The mail points at the configured public address; this server listens elsewhere.
    return `${base}${new URL(link).pathname}${new URL(link).search}`;
  }

  for (const c of CASES) {
    test(`in ${c.lang}`, async () => {
      const page = await browser.newPage({ locale: c.lang });
      page.setDefaultTimeout(15_000);
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.goto(`${base}/login`);
      if (c.lang === 'en') await chooseLanguage(page, 'en');
      await page.getByRole('link', { name: c.forgot }).click();
      await page.getByLabel(c.emailLabel).fill(c.email);
      await shoot(page, `forgot-${c.lang}`);
      await page.getByRole('button', { name: c.send }).click();
      await page.getByText(c.sent).waitFor();

      const link = await linkFromOutbox(c);
      await page.goto(link);
      await page.getByLabel(c.password, { exact: true }).fill('a fresh passphrase to remember');
      await page.getByLabel(c.confirm).fill('a fresh passphrase to remember');
      await shoot(page, `reset-${c.lang}`);
      await page.getByRole('button', { name: c.save }).click();
      await page.getByText(c.done).waitFor();
      await page.locator('#main').getByRole('link', { name: c.login, exact: true }).click();

      await page.getByLabel(c.emailLabel).fill(c.email);
      await page.getByLabel(c.passwordLabel, { exact: true }).fill(OLD);
      await page.keyboard.press('Enter');
      await page.getByRole('alert').waitFor();
      await page.getByLabel(c.passwordLabel, { exact: true }).fill('a fresh passphrase to remember');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: c.welcome }).waitFor();

      // Account security lists this device's session.
      await page.goto(`${base}/account/security`);
      await page.getByText(c.thisDevice, { exact: true }).waitFor();
      await shoot(page, `security-${c.lang}`);

      // The link was spent: opening it again and trying says so, and offers a new one.
      await page.goto(link);
      await page.getByLabel(c.password, { exact: true }).fill('another passphrase again');
      await page.getByLabel(c.confirm).fill('another passphrase again');
      await page.getByRole('button', { name: c.save }).click();
      await page
        .getByRole('link', { name: c.lang === 'en' ? 'Ask for a new link' : '重新申请重置链接' })
        .waitFor();
      await page.close();
    });
  }
});
