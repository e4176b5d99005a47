// Browser journey on the real server: register, log in, edit the profile, switch language, log out.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import {
  browserUnavailable,
  chooseLanguage,
  mainNav,
  serveForBrowser,
  signIn,
  userMenu,
} from '../support/browser.ts';
import { enterpriseMember, freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const shots = join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');

describe('foundation journey in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let database: Database;
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let base: string;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    database = await freshDatabase('pglite');
    ({ base, browser, close } = await serveForBrowser(database));
    page = await browser.newPage({ locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
  });
  after(() => close?.());

  test('register, log in, edit profile, switch language, log out — by keyboard where a person would', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: '注册' }).click();
    await page.getByLabel('电子邮箱').fill('li.na@example.cn');
    await page.getByLabel('密码').fill('short');
    await page.getByLabel('中文姓名').fill('李娜');
    await page.getByRole('button', { name: '注册账号' }).click();
    // The server's refusal names the field, and the form shows it there.
    await page.locator('#f-password-err').waitFor();
    assert.match((await page.locator('#f-password-err').textContent()) ?? '', /8/);
    await page.getByLabel('密码').fill('a good long password');
    await page.getByLabel('密码').press('Enter');
    await page.getByText('账号已创建').waitFor();

    await page.getByLabel('电子邮箱').fill('li.na@example.cn');
    await page.getByLabel('密码').fill('a good long password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '欢迎，李娜' }).waitFor();

    await userMenu(page, '个人资料');
    await page.getByLabel('英文姓名').fill('Li Na');
    await page.getByLabel('ORCID 标识').fill('0000-0002-1825-0098');
    await page.getByRole('button', { name: '保存资料' }).click();
    await page.locator('#f-orcid-err').waitFor();
    await page.getByLabel('ORCID 标识').fill('0000-0002-1825-0097');
    await page.getByLabel('关键词').fill('机器视觉, machine vision');
    await page.getByLabel('关键词').press('Tab');
    await page.getByRole('group', { name: '工作经历' }).getByRole('button', { name: '添加' }).click();
    await page.getByLabel('单位').fill('东海大学');
    await page.getByLabel('起', { exact: true }).fill('2019-09-01');
    await page.getByRole('button', { name: '保存资料' }).click();
    await page.getByText('资料已保存').waitFor();
    await page.screenshot({ path: join(shots, 'profile-zh.png'), fullPage: true });

    await page.reload();
    assert.equal(await page.getByLabel('英文姓名').inputValue(), 'Li Na');
    assert.equal(await page.getByLabel('单位').inputValue(), '东海大学');

    await chooseLanguage(page, 'en');
    await page.getByRole('heading', { name: 'My profile' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'My profile' }).waitFor(); // the choice persists
    await page.screenshot({ path: join(shots, 'profile-en.png'), fullPage: true });

    await userMenu(page, 'Log out');
    await page.getByRole('link', { name: 'Log in' }).waitFor();
    const r = await page.request.get(`${base}/api/profile`);
    assert.equal(r.status(), 401);
  });

  test('the language follows the person to another browser; the navigation follows their roles', async () => {
    // Li Na chose English above, logged in; a browser set to Chinese that never saw her opens in English at her login.
    const other = await browser.newContext({ locale: 'zh-CN' });
    const p2 = await other.newPage();
    p2.setDefaultTimeout(15_000);
    await p2.goto(`${base}/login`);
    await p2.getByRole('heading', { name: '登录' }).waitFor();
    await p2.getByLabel('电子邮箱').fill('li.na@example.cn');
    await p2.getByLabel('密码').fill('a good long password');
    await p2.keyboard.press('Enter');
    await p2.getByRole('heading', { name: 'Welcome, Li Na' }).waitFor();
    assert.equal(await p2.evaluate(() => document.documentElement.lang), 'en');

    // She holds no role: none of the work areas is in her navigation.
    const nav = mainNav(p2);
    // (Ethics review stays: committee members are named people with no platform role.)
    const AREAS = ['Funding', 'Policy tools', 'Integrity', 'Reviews', 'Audit trail'];
    const shown = async (n: typeof nav, names: string[]) => {
      const out: string[] = [];
      for (const name of names)
        if ((await n.getByRole('link', { name, exact: true }).count()) > 0) out.push(name);
      return out;
    };
    assert.deepEqual(await shown(nav, AREAS), []);
    assert.deepEqual(await shown(nav, ['Challenges', 'Horse races', 'Ethics review']), [
      'Challenges',
      'Horse races',
      'Ethics review',
    ]);

    // Switching back to Chinese here saves it for her: the first browser now opens in Chinese.
    const saved = p2.waitForResponse((res) => res.url().endsWith('/api/profile/locale'));
    await chooseLanguage(p2, 'zh-CN');
    assert.equal((await saved).status(), 200);
    await p2.getByRole('heading', { name: '欢迎，李娜' }).waitFor();
    await other.close();
    await page.goto(`${base}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor(); // this browser still remembers English
    await page.getByLabel('Email').fill('li.na@example.cn');
    await page.getByLabel('Password').fill('a good long password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '欢迎，李娜' }).waitFor();
    await userMenu(page, '退出');
    await page.getByRole('link', { name: '登录' }).waitFor();

    // An enterprise proposer sees funding and the policy tools, not the officers' or experts' areas.
    await enterpriseMember(
      database,
      {
        email: 'wang.qiang@example.cn',
        password: 'correct horse battery',
        nameZh: '王强',
        nameEn: 'Wang Qiang',
        locale: 'zh-CN',
      },
      { nameZh: '华晶石英', nameEn: 'Huajing Quartz' },
      'proposer',
    );
    const p3 = await signIn(browser, base, 'wang.qiang@example.cn');
    const nav3 = mainNav(p3);
    assert.deepEqual(await shown(nav3, ['经费', '政策工具', '科研诚信', '评审', '审计日志']), [
      '经费',
      '政策工具',
    ]);
    await p3.screenshot({ path: join(shots, 'nav-proposer.png') });
    await p3.close();
  });
});
