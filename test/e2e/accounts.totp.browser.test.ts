// Browser journey, in Chinese on a phone (390 px) and in English on a laptop (1366 px): turn on
// two-step sign-in on Account security (the QR code, the key typed instead, a code computed from
// it by the test's own RFC 6238 implementation), keep the ten recovery codes, then sign in again:
// after the password the login page asks for the code, and the code lets you in.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import { register } from '../../src/modules/accounts/accounts.service.ts';
import { browserUnavailable, chooseLanguage, serveForBrowser } from '../support/browser.ts';
import { freshDatabase } from '../support/db.ts';
import { codeFor } from '../support/totp.ts';

const skip = browserUnavailable();
const PASSWORD = 'correct horse battery';

const CASES = [
  {
    lang: 'zh-CN' as const,
    width: 390,
    email: 'wang.fang@example.cn',
    emailLabel: '电子邮箱',
    passwordLabel: '密码',
    welcome: /欢迎/,
    setUp: '开启两步验证',
    codeLabel: '第 2 步：输入应用显示的 6 位验证码',
    confirm: '确认并开启',
    codesTitle: '恢复码（只显示这一次）',
    saved: '我已保存',
    on: '已开启',
    loginCode: '验证码',
    login: '登录',
  },
  {
    lang: 'en' as const,
    width: 1366,
    email: 'fang.wang@example.cn',
    emailLabel: 'Email',
    passwordLabel: 'Password',
    welcome: /Welcome/,
    setUp: 'Turn on two-step sign-in',
    codeLabel: 'Step 2: the 6-digit code the app shows',
    confirm: 'Confirm and turn on',
    codesTitle: 'Recovery codes (shown this once)',
    saved: 'I have saved them',
    on: 'On',
    loginCode: 'Code',
    login: 'Log in',
  },
];

describe('two-step sign-in: enrol, then sign in with a code, in Chromium', {
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
    for (const c of CASES)
      await register(ctx, { email: c.email, password: PASSWORD, nameZh: '王芳', nameEn: '', locale: c.lang });
    ({ base, browser, close } = await serveForBrowser(database));
  });
  after(() => close?.());

  async function open(c: (typeof CASES)[number]): Promise<Page> {
    const page = await browser.newPage({ locale: c.lang });
    page.setDefaultTimeout(15_000);
    await page.setViewportSize({ width: c.width, height: 900 });
    await page.goto(`${base}/login`);
    if (c.lang === 'en') await chooseLanguage(page, 'en');
    await page.getByLabel(c.emailLabel).fill(c.email);
    await page.getByLabel(c.passwordLabel, { exact: true }).fill(PASSWORD);
    await page.keyboard.press('Enter');
    return page;
  }

  const noSidewaysScroll = async (page: Page) =>
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'the page scrolls sideways',
    );

  for (const c of CASES) {
    test(`in ${c.lang} at ${c.width} px`, async () => {
      const page = await open(c);
      await page.getByRole('heading', { name: c.welcome }).waitFor();
      await page.goto(`${base}/account/security`);
      await page.getByRole('button', { name: c.setUp }).click();
      await page.locator('img[src^="data:image/png;base64,"]').waitFor();
      const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent())?.trim() ?? '';
      assert.match(secret, /^[A-Z2-7]{32}$/);
      await noSidewaysScroll(page);
      await page.getByLabel(c.codeLabel).fill(codeFor(secret, Date.now()));
      await page.getByRole('button', { name: c.confirm }).click();
      const codes = page.getByRole('list', { name: c.codesTitle }).getByRole('listitem');
      await codes.first().waitFor();
      assert.equal(await codes.count(), 10);
      assert.match((await codes.first().textContent()) ?? '', /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
      await noSidewaysScroll(page);
      await page.getByRole('button', { name: c.saved }).click();
      await page.getByText(c.on, { exact: true }).waitFor();
      await page.close();

      // Signing in again: the password, then the code. The code enrolment used is spent, so this
      // one is the next step's (accepted: one step of clock drift either way).
      const again = await open(c);
      const code = again.getByLabel(c.loginCode, { exact: true });
      await code.waitFor();
      await noSidewaysScroll(again);
      await code.fill(codeFor(secret, Date.now() + 30_000));
      await again.getByRole('button', { name: c.login, exact: true }).click();
      await again.getByRole('heading', { name: c.welcome }).waitFor();
      await again.close();
    });
  }
});
