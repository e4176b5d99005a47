// Browser journey on the demo data, phone first: the served party (`proposer3@`, a small farm firm)
// posts a demand at 390 px picking the county from the divisions; the agency (`organizer@`, in
// English at 1366 px) dispatches it from the explained proposal; the commissioner (`commissioner@`,
// 390 px) accepts and logs a visit with a photo; the served party confirms and rates it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../src/demo/demo-data.ts';
import { loadDemo } from '../../src/demo/load.ts';
import '../../src/modules/notifications/mail.ts';
import { browserUnavailable, chooseLanguage, serveForBrowser } from '../support/browser.ts';
import { freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const shots =
  process.env.COMMISSIONER_SHOTS ?? join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 900 };

describe('S&T commissioners journey in Chromium', { skip: skip ?? false, timeout: 300_000 }, () => {
  let server: Awaited<ReturnType<typeof serveForBrowser>>;
  let browser: Browser;
  before(async () => {
    mkdirSync(shots, { recursive: true });
    const database = await freshDatabase('pglite');
    await loadDemo({ db: database.db, now: () => new Date() });
    server = await serveForBrowser(database);
    browser = server.browser;
  });
  after(() => server?.close());

  const login = async (email: string, viewport: { width: number; height: number }): Promise<Page> => {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport });
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.base}/login`);
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
    return page;
  };
  const noSideways = async (page: Page) =>
    assert.ok(
      await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
      'the page scrolls sideways',
    );
  // antd spaces out a two-character Chinese button label ('确 认').
  const confirmPop = (page: Page) =>
    page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /^(确\s?认|Confirm)$/ })
      .click();
  const TITLE = '茶苗嫩叶出现褐色斑点';

  test('post at 390 px, dispatch, accept and log a visit with a photo, confirm and rate', async () => {
    // 1. The served party posts the demand on a phone.
    const farmer = await login('proposer3@demo.jiebang.cn', PHONE);
    await farmer.goto(`${server.base}/commissioners/demands/new`);
    await farmer.getByRole('heading', { name: '提交服务需求' }).waitFor();
    await farmer.getByLabel('需求标题').fill(TITLE);
    await farmer
      .getByLabel('遇到的问题')
      .fill('新种的茶树苗嫩叶出现褐色斑点，逐渐扩大，担心是茶饼病，请专家来看看。');
    await farmer.getByLabel('所在地（到区县）').click();
    await farmer.keyboard.type('海宁');
    await farmer.locator('.ant-cascader-menu-item', { hasText: '海宁市' }).first().click();
    await farmer.getByLabel('产业或作物').fill('茶叶');
    await farmer.getByText('紧急', { exact: true }).click();
    await farmer.getByLabel('服务对象名称').fill('禾丰青石基地');
    await farmer.getByLabel('联系电话').fill('13900000002');
    await noSideways(farmer);
    await farmer.screenshot({ path: join(shots, 'commissioners-post-390.png'), fullPage: true });
    await farmer.getByRole('button', { name: '提交需求' }).click();
    await farmer.getByRole('heading', { name: TITLE }).waitFor();
    await farmer.getByText('浙江省 嘉兴市 海宁市').first().waitFor();
    const demandUrl = farmer.url();

    // 2. The agency dispatches it from the proposal, in English on a desk.
    const agency = await login('organizer@demo.jiebang.cn', DESK);
    await chooseLanguage(agency, 'en');
    await agency.goto(`${server.base}/commissioners/dispatch`);
    await agency.getByRole('heading', { name: 'Match and dispatch' }).waitFor();
    const card = agency.locator('.ant-card', { hasText: TITLE });
    await card.getByText('Shared words').waitFor();
    await card.getByText('Tang Jianping').first().waitFor();
    await agency.screenshot({ path: join(shots, 'commissioners-dispatch-1366-en.png'), fullPage: true });
    await card.getByRole('button', { name: 'Dispatch' }).click();
    await confirmPop(agency);
    await agency.getByText('Dispatched').first().waitFor();
    await agency.locator('.ant-card', { hasText: TITLE }).waitFor({ state: 'detached' });

    // 3. The commissioner accepts on a phone and logs a visit with a photo.
    const tang = await login('commissioner@demo.jiebang.cn', PHONE);
    await tang.goto(`${server.base}/commissioners/service`);
    await tang.getByRole('link', { name: TITLE }).click();
    await tang.getByRole('heading', { name: TITLE }).waitFor();
    await tang.getByText('13900000002').waitFor();
    await tang.getByRole('button', { name: '接受派遣' }).click();
    await confirmPop(tang);
    await tang.getByText('记录一次服务').waitFor();
    await tang.getByLabel('地点').fill('青石基地育苗棚');
    await tang.getByLabel('服务内容').fill('采样镜检，确认为茶饼病初期，指导摘除病叶并喷施药剂。');
    await tang
      .locator('input[type=file]')
      .setInputFiles({ name: 'seedlings.png', mimeType: 'image/png', buffer: PNG });
    await noSideways(tang);
    await tang.screenshot({ path: join(shots, 'commissioners-visit-390.png'), fullPage: true });
    await tang.getByRole('button', { name: '保存记录' }).click();
    await tang.getByText('待服务对象确认').waitFor();
    await tang.getByRole('img', { name: 'seedlings.png' }).waitFor();

    // 4. The served party confirms and rates the visit.
    await farmer.goto(demandUrl);
    await farmer.getByText('待服务对象确认').waitFor();
    await farmer.locator('.ant-rate').last().locator('li').nth(3).click();
    await farmer.getByLabel('评价').fill('来得及时，讲解清楚');
    await farmer.getByRole('button', { name: '确认并评价' }).click();
    await farmer.getByText('已确认').first().waitFor();
    await noSideways(farmer);
    await farmer.screenshot({ path: join(shots, 'commissioners-confirmed-390.png'), fullPage: true });
    const rows = await server.app.inject({ method: 'GET', url: '/api/divisions' });
    assert.equal(rows.statusCode, 200);
  });
});
