// Browser journey of a shared instrument, in Chinese on a phone and in English on a desktop: find
// it by capability without logging in, book it, the manager approves and records the use, the fee
// and its ledger entry show on the statement, the booker rates it.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, chooseLanguage, launchBrowser, signIn } from '../support/browser.ts';
import { buildCast } from '../support/challenges.ts';

const skip = browserUnavailable();
const HOUR = 3_600_000;
/** A datetime-local value in Beijing time. */
const beijing = (ms: number) => new Date(ms + 8 * HOUR).toISOString().slice(0, 16);

describe('shared instruments in Chromium', { skip: skip ?? false, timeout: 240_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  let instrumentId: string;

  before(async () => {
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    const r = await cast.hostAdmin.post('/api/instruments', {
      orgId: cast.university.id,
      nameZh: '场发射扫描电子显微镜',
      nameEn: 'Field-emission scanning electron microscope',
      category: 'microscopy',
      valueFen: 450_000_000,
      regionCode: '330106',
      address: '东海大学材料楼 102 室',
      capabilitiesZh: '微观形貌观察，能谱元素分析',
      capabilitiesEn: 'surface morphology imaging, elemental analysis',
      managerId: cast.solver2.id,
      openness: 'external',
      priceInternalFen: 20_000,
      priceExternalFen: 35_010,
      minSlotMinutes: 60,
      leadHours: 24,
      needsApproval: true,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    instrumentId = r.body.id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  const L = {
    'zh-CN': {
      search: '测试能力',
      find: '查 找',
      word: '能谱',
      name: '场发射扫描电子显微镜',
      start: '开始时间',
      end: '结束时间',
      purpose: '用途',
      submit: '提交预约',
      pending: '待审批',
      approve: '批 准',
      confirm: '确 认',
      confirmed: '已确认',
      hours: '有效机时（小时，一位小数）',
      record: '登记使用',
      fee: '¥525.15',
      score: '评分',
      send: '提交评价',
      open: '查看',
      calendar: '日 程',
      nameZh: '名称（中文）',
      category: '类别',
      categoryPick: '电子显微镜',
      value: '原值（元，50 万元及以上）',
      region: '所在地区',
      manager: '负责人',
      priceInternal: '单位内价格（元/小时）',
      priceExternal: '对外价格（元/小时）',
      save: '保 存',
      tooSmall: '50 万元',
      maintenanceAdd: '添加维护时段',
      reason: '原因',
      edit: '修 改',
    },
    en: {
      search: 'Capability',
      find: 'Search',
      word: 'elemental',
      name: 'Field-emission scanning electron microscope',
      start: 'Start',
      end: 'End',
      purpose: 'Purpose',
      submit: 'Request the booking',
      pending: 'Awaiting approval',
      approve: 'Approve',
      confirm: 'Confirm',
      confirmed: 'Confirmed',
      hours: 'Machine hours (one decimal)',
      record: 'Record the use',
      fee: '¥525.15',
      score: 'Score',
      send: 'Send the rating',
      open: 'Open',
      calendar: 'Calendar',
      nameZh: 'Name (Chinese)',
      category: 'Category',
      categoryPick: 'Electron microscopy',
      value: 'Original value (yuan, 500,000 or more)',
      region: 'Region',
      manager: 'Manager',
      priceInternal: 'Internal price (yuan per hour)',
      priceExternal: 'External price (yuan per hour)',
      save: 'Save',
      tooSmall: '500,000',
      maintenanceAdd: 'Add a maintenance window',
      reason: 'Reason',
      edit: 'Edit',
    },
  } as const;

  async function signedIn(email: string, lang: 'zh-CN' | 'en', width: number): Promise<Page> {
    const page = await signIn(browser, base, email);
    await page.setViewportSize({ width, height: width < 768 ? 844 : 900 });
    if (lang === 'en') await chooseLanguage(page, 'en');
    return page;
  }

  for (const [lang, width, offset] of [
    ['zh-CN', 390, 48],
    ['en', 1366, 200],
  ] as const)
    test(`find, book, approve, record the use with its fee, rate (${lang}, ${width} px)`, async () => {
      const s = L[lang];
      // Anyone finds the instrument by what it can do, without logging in.
      const anon = await browser.newPage({ locale: lang, viewport: { width, height: 844 } });
      await anon.goto(`${base}/`);
      await anon.evaluate((l) => localStorage.setItem('jiebang.lang', l), lang);
      await anon.goto(`${base}/instruments`);
      await anon.getByLabel(s.search).fill(s.word);
      await anon.getByRole('button', { name: s.find }).click();
      await anon.getByRole('link', { name: s.name }).first().click();
      await anon.getByRole('heading', { name: s.name }).waitFor();
      await anon.close();

      // The proposer books a slot.
      const booker = await signedIn('proposer@example.cn', lang, width);
      await booker.goto(`${base}/instruments/${instrumentId}`);
      const start = t.clock.t + offset * HOUR;
      await booker.getByLabel(s.start).fill(beijing(start));
      await booker.getByLabel(s.end).fill(beijing(start + 2 * HOUR));
      await booker.getByLabel(s.purpose).fill('石英坩埚截面观察');
      await booker.getByRole('button', { name: s.submit }).click();
      await booker.getByText(s.pending).first().waitFor();
      const bookingUrl = booker.url();
      assert.match(bookingUrl, /\/instruments\/bookings\//);

      // The manager approves from the calendar of the instruments they manage.
      const manager = await signedIn('solver2@example.cn', lang, width);
      await manager.goto(`${base}/instruments/managed`);
      await manager.getByRole('link', { name: s.open }).first().click();
      await manager.getByRole('button', { name: s.approve }).click();
      await manager.getByRole('button', { name: s.confirm }).click();
      await manager.getByText(s.confirmed).first().waitFor();

      // The week grid of the manager's calendar shows the confirmed slot as a block leading to it.
      await manager.goto(`${base}/instruments/${instrumentId}`);
      await manager.getByRole('button', { name: s.calendar }).click();
      await manager.waitForURL(/\/calendar$/);
      await manager.goto(`${manager.url()}?day=${beijing(start).slice(0, 10)}`);
      const block = manager.locator(`a.instr-block[href$="${new URL(bookingUrl).pathname}"]`);
      assert.match((await block.textContent()) ?? '', new RegExp(s.confirmed));
      assert.equal(
        await manager.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        true,
      );
      await manager.goto(bookingUrl);

      // After the slot, the manager records 1.5 machine hours: ¥350.10 × 1.5 = ¥525.15, posted to the ledger.
      t.clock.t = start + 3 * HOUR;
      await manager.reload();
      await manager.getByLabel(s.hours).fill('1.5');
      await manager.getByRole('button', { name: s.record }).click();
      await manager.getByRole('button', { name: s.confirm }).click();
      await manager.getByText(s.fee).first().waitFor();
      const entry = await t.database.db
        .selectFrom('journal_entry')
        .select(['seq', 'kind'])
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      assert.equal(entry.kind, 'instrument_fee');
      await manager.getByText(`#${entry.seq}`).waitFor();
      assert.equal(
        await manager.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        true,
      );

      // The booker sees the fee on the statement and rates the use.
      await booker.goto(bookingUrl);
      await booker.getByText(s.fee).first().waitFor();
      await booker.locator('.ant-rate-star').nth(3).click();
      await booker.getByRole('button', { name: s.send }).click();
      await booker.locator('.ant-rate-disabled').waitFor();
      assert.equal(
        await booker.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        true,
      );
      await booker.close();
      await manager.close();
    });

  for (const [lang, width] of [
    ['zh-CN', 390],
    ['en', 1366],
  ] as const)
    test(`an organisation admin lists an instrument through the form, then adds maintenance (${lang}, ${width} px)`, async () => {
      const s = L[lang];
      const admin = await signedIn('hostadmin@example.cn', lang, width);
      await admin.goto(`${base}/instruments/new`);
      const name = `透射电子显微镜 ${lang}`;
      await admin.getByLabel(s.nameZh).fill(name);
      await admin.getByLabel(s.category).click();
      await admin
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: s.categoryPick })
        .click();
      await admin.getByLabel(s.value).fill('400000');
      await admin.getByLabel(s.region).click();
      await admin.getByLabel(s.region).fill('西湖');
      await admin.locator('.ant-cascader-menu-item').filter({ hasText: '西湖区' }).first().click();
      await admin.getByRole('combobox', { name: s.manager }).click();
      await admin.getByRole('combobox', { name: s.manager }).fill('solver2');
      await admin
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
        .filter({ hasText: 'solver2' })
        .click();
      await admin.getByLabel(s.priceInternal).fill('200');
      await admin.getByLabel(s.priceExternal).fill('350.1');
      await admin.getByRole('button', { name: s.save }).click();
      // The server refuses the value under 500,000 yuan, on the field itself; nothing is written.
      await admin
        .locator('.ant-form-item-explain-error')
        .filter({ hasText: s.tooSmall })
        .waitFor({ state: 'attached', timeout: 30_000 });
      assert.equal(
        (await t.database.pool.query('SELECT count(*)::int AS n FROM instrument WHERE name_zh = $1', [name]))
          .rows[0].n,
        0,
      );
      await admin.getByLabel(s.value).fill('4500000');
      await admin.getByRole('button', { name: s.save }).click();
      await admin.getByRole('button', { name: s.maintenanceAdd }).waitFor();
      const row = (
        await t.database.pool.query(
          'SELECT id, value_fen, region_code, price_external_fen, manager_id FROM instrument WHERE name_zh = $1',
          [name],
        )
      ).rows[0];
      assert.deepEqual(
        [Number(row.value_fen), row.region_code, Number(row.price_external_fen), row.manager_id],
        [450_000_000, '330106', 35_010, cast.solver2.id],
      );
      const start = t.clock.t + 24 * 10 * HOUR;
      await admin.getByLabel(s.start).fill(beijing(start));
      await admin.getByLabel(s.end).fill(beijing(start + 4 * HOUR));
      await admin.getByLabel(s.reason).fill('年度保养');
      await admin.getByRole('button', { name: s.maintenanceAdd }).click();
      await admin.getByText('年度保养').first().waitFor();
      assert.equal(
        (
          await t.database.pool.query(
            'SELECT count(*)::int AS n FROM instrument_maintenance WHERE instrument_id = $1',
            [row.id],
          )
        ).rows[0].n,
        1,
      );
      assert.equal(
        await admin.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
        true,
      );
      // The instrument's page offers its admin the form again, filled in.
      await admin.goto(`${base}/instruments/${row.id}`);
      await admin.getByRole('button', { name: s.edit }).click();
      assert.equal(await admin.getByLabel(s.nameZh).inputValue(), name);
      await admin.close();
    });
});
