// Browser journey on the real server: log in, run the super-deduction on a boundary input
// (other related costs exactly at the 10% limit), read the steps, switch to English, print;
// pre-fill from a saved worksheet and from the enterprise profile; run the HNTE self-check
// through the form's row editors (IP items, monthly staff) by keyboard, in both languages.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import { browserUnavailable, chooseLanguage, serveForBrowser } from '../support/browser.ts';
import { enterpriseMember, freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const shots = join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');

describe('policy tools journey in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let database: Database;
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let base: string;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    database = await freshDatabase('pglite');
    // An active member of an enterprise that saved last year's transfer worksheet.
    const { personId, orgId } = await enterpriseMember(
      database,
      {
        email: 'cfo@example.cn',
        password: 'a good long password',
        nameZh: '王芳',
        nameEn: 'Wang Fang',
        locale: 'zh-CN',
      },
      { nameZh: '东海科技', nameEn: 'Donghai Tech' },
      'proposer',
    );
    // Its enterprise profile, as its admin filled it on the organisations page.
    await database.pool.query(
      `UPDATE organisation SET registration_date = '2019-03-15', industry_code = 'C3562',
         hnte_domain = 'advancedManufacturing', employee_count = 100, special_category = 'none' WHERE id = $1`,
      [orgId],
    );
    const year = new Date().getFullYear() - 1;
    const input = JSON.parse(
      readFileSync(new URL('../../docs/examples/policy/transfer.json', import.meta.url), 'utf8'),
    );
    input.taxYear = year;
    input.transfers[0].id = 'ZGC-SAVED-1';
    await database.pool.query(
      `INSERT INTO policy_worksheet (org_id, kind, tax_year, input, created_by) VALUES ($1, 'transfer', $2, $3, $4)`,
      [orgId, year, JSON.stringify(input), personId],
    );
    ({ base, browser, close } = await serveForBrowser(database));
    page = await browser.newPage({ locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
  });
  after(() => close?.());

  test('super-deduction at the 10% boundary, explained step by step, in Chinese then English', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('电子邮箱').fill('cfo@example.cn');
    await page.getByLabel('密码').fill('a good long password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '欢迎，王芳' }).waitFor();

    await page.getByRole('link', { name: '政策工具' }).click();
    await page.getByRole('heading', { name: '企业政策工具' }).waitFor();
    await page.getByRole('tab', { name: '研发费用加计扣除' }).click();
    assert.equal(
      await page.getByRole('tab', { name: '研发费用加计扣除' }).getAttribute('aria-selected'),
      'true',
    );
    // Five categories 900.00, other related costs 100.00 = exactly 10% of 1,000.00: counted in full.
    await page.getByLabel('人员人工费用', { exact: true }).fill('900.00');
    await page.getByLabel('其他相关费用', { exact: true }).fill('100.00');
    await page.getByLabel('其他相关费用', { exact: true }).press('Enter'); // submit by keyboard

    const result = page.locator('#policy-result');
    await result.getByText('其他相关费用限额', { exact: true }).waitFor();
    const stepOf = (label: string) =>
      result.locator('ol.steps > li').filter({ has: page.getByText(label, { exact: true }) });
    assert.match((await stepOf('其他相关费用限额').textContent()) ?? '', /结果: ?100\.00/);
    assert.match((await stepOf('其他相关费用限额').textContent()) ?? '', /国家税务总局公告2021年第28号/);
    assert.match((await stepOf('加计扣除总额').textContent()) ?? '', /1000\.00/);
    assert.match((await stepOf('按适用税率计算的减税额').textContent()) ?? '', /250\.00/);
    assert.match((await stepOf('是否属于不适用加计扣除的行业').textContent()) ?? '', /✓ 符合/);
    assert.ok((await result.locator('ol.steps > li').count()) >= 10);
    // The Chinese page names every step value in Chinese: no variable names such as `fiveCategories`.
    const valueNames = await result.locator('ol.steps dl.values dt').allTextContents();
    assert.ok(valueNames.length >= 10);
    // …and writes every formula in Chinese (min/max aside): no English words left in the steps.
    const formulas = (await result.locator('ol.steps code').allTextContents()).join(' ');
    assert.match(formulas, /前五类费用 = /);
    assert.doesNotMatch(formulas.replace(/\b(min|max)\(/g, '('), /[A-Za-z]{2,}/);
    assert.deepEqual(
      valueNames.filter((n) => /[A-Za-z]/.test(n)),
      [],
    );
    assert.doesNotMatch(
      (await result.locator('.step-result').allTextContents()).join(' '),
      /\b(yes|no|eligible|excluded)\b/,
    );
    await page.screenshot({ path: join(shots, 'policy-deduction-zh.png'), fullPage: true });

    await chooseLanguage(page, 'en');
    await result.getByText('Limit on other related costs', { exact: true }).waitFor();
    assert.match((await stepOf('Tax saved at the given rate').textContent()) ?? '', /Result: ?250\.00/);
    assert.match((await stepOf('Excluded-industry test').textContent()) ?? '', /✓ Met/);
    await page.getByRole('heading', { name: /Result — R&D super-deduction/ }).waitFor();

    // Printable: the print stylesheet hides navigation and forms, and keeps the explanation.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('header').isVisible(), false);
    assert.equal(await page.getByRole('navigation').first().isVisible(), false);
    assert.equal(await page.locator('form').first().isVisible(), false);
    assert.equal(await result.isVisible(), true);
    await page.screenshot({ path: join(shots, 'policy-deduction-en-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  test("the transfer form pre-fills from the organisation's saved worksheet of last year", async () => {
    await page.getByRole('tab', { name: 'Technology-transfer income' }).click();
    await page.getByText(`Pre-filled from the saved ${new Date().getFullYear() - 1} worksheet`).waitFor();
    assert.equal(await page.getByLabel('Contract number').first().inputValue(), 'ZGC-SAVED-1');
    assert.equal(await page.getByLabel('Transfer revenue').first().inputValue(), '8000000.00');
  });

  test('a refused input names its field next to the field', async () => {
    await page.getByLabel('Transfer revenue').first().fill('12.345');
    await page.getByRole('button', { name: 'Calculate' }).click();
    await page.locator('#f-transfers-0-revenue-err').waitFor();
    assert.match((await page.locator('#f-transfers-0-revenue-err').textContent()) ?? '', /two decimals/);
  });

  test("the HNTE form pre-fills the registration date and domain from the organisation's profile", async () => {
    await page.getByRole('tab', { name: 'HNTE self-check' }).click();
    await page.reload(); // a fresh page: the HNTE tab is the first shown, and pre-fills
    await page
      .getByText('Pre-filled from the organisation’s profile: Registration date, Technology domain.')
      .waitFor();
    assert.equal(await page.getByLabel('Registration date', { exact: true }).inputValue(), '2019-03-15');
    assert.equal(
      await page.getByLabel('Technology domain', { exact: true }).inputValue(),
      'advancedManufacturing',
    );
  });

  // Rules: 国科发火〔2016〕32号 Art. 11(1) registered ≥ 1 year; Art. 11(2) owns IP giving core
  // support; Art. 11(4) S&T staff ≥ 10%, counted as 国科发火〔2016〕195号 says (monthly averages).
  test('the HNTE self-check through the form: conditions met and not met, in English and Chinese', async () => {
    const result = page.locator('#policy-result');
    const condition = (name: string) => result.locator('section.condition h3').filter({ hasText: name });

    // English: the only IP item that gave core support no longer does.
    const core = page.getByLabel('IP item 1: Core support to main products');
    assert.equal(await core.isChecked(), true);
    await core.uncheck();
    await page.getByRole('button', { name: 'Calculate' }).click();
    await condition('Owns IP giving core support').first().waitFor();
    assert.match((await condition('Owns IP giving core support').textContent()) ?? '', /Not met$/);
    assert.match((await condition('Registered for at least one year').textContent()) ?? '', /Met$/);
    assert.match((await condition('S&T staff at least 10%').textContent()) ?? '', /Met$/);
    assert.match((await result.textContent()) ?? '', /国科发火〔2016〕32号/);
    // The score range's verdict at both ends (70 fails: 32号 Art. 11(七) “70分以上（不含70分）”).
    const ends = /Low end (\d+): (passes|fails) \/ high end (\d+): (passes|fails)/.exec(
      (await result.locator('.score-ends').textContent()) ?? '',
    );
    assert.ok(ends);
    assert.equal(ends[2], Number(ends[1]) > 70 ? 'passes' : 'fails');
    assert.equal(ends[4], Number(ends[3]) > 70 ? 'passes' : 'fails');

    // Chinese: the same result, in Chinese.
    await chooseLanguage(page, 'zh-CN');
    await condition('拥有核心支持作用的知识产权').waitFor();
    assert.match((await condition('拥有核心支持作用的知识产权').textContent()) ?? '', /不符合$/);
    assert.match((await condition('注册成立一年以上').textContent()) ?? '', /符合$/);
    assert.match(
      (await result.locator('.score-ends').textContent()) ?? '',
      /^低端 \d+ 分：(通过|不通过)；高端 \d+ 分：(通过|不通过)/,
    );

    // By keyboard: add an IP item giving core support (focus lands in the new row) ...
    await page.getByRole('button', { name: '添加一行：知识产权' }).focus();
    await page.keyboard.press('Enter');
    const number = page.getByLabel('知识产权 3：编号（专利号、登记号）');
    await number.and(page.locator(':focus')).waitFor(); // the new row's number field takes the focus
    await page.keyboard.type('ZL202410000009');
    assert.equal(await number.inputValue(), 'ZL202410000009');
    await page.getByLabel('知识产权 3：类别').selectOption('inventionPatent');
    await page.getByLabel('知识产权 3：对主要产品有核心支持作用').focus();
    await page.keyboard.press('Space');
    // ... and keep one month of staff, with 5 S&T staff of 100: 5% < 10%.
    await page.getByRole('button', { name: '删除第 1 月' }).focus();
    for (let i = 0; i < 11; i++) await page.keyboard.press('Enter'); // focus stays on the next row's button
    assert.equal(
      await page.locator('#f-staff-months-add').evaluate((el) => el === document.activeElement),
      true,
    );
    assert.equal(await page.getByRole('button', { name: '删除第 1 月' }).isDisabled(), true);
    await page.getByLabel('第 1 月：月初科技人员数').fill('5');
    await page.getByLabel('第 1 月：月末科技人员数').fill('5');
    await page.getByLabel('第 1 月：月末科技人员数').press('Enter'); // submit by keyboard

    await condition('科技人员占比不低于10%')
      .filter({ hasText: /不符合$/ })
      .waitFor();
    assert.match((await condition('拥有核心支持作用的知识产权').textContent()) ?? '', /符合$/);
    assert.doesNotMatch((await condition('拥有核心支持作用的知识产权').textContent()) ?? '', /不符合$/);
    const staffSteps =
      (await result
        .locator('section.condition')
        .filter({ hasText: '科技人员占比不低于10%' })
        .textContent()) ?? '';
    assert.match(staffSteps, /5 ÷ 100 ≥ 10%.*结果: ?5\.0000%/);
    await page.screenshot({ path: join(shots, 'policy-hnte-form-zh.png'), fullPage: true });
    await page
      .locator('fieldset')
      .filter({ has: page.locator('#f-ip-add') })
      .screenshot({ path: join(shots, 'policy-hnte-ip-rows-zh.png') });

    // English again: the same verdicts.
    await chooseLanguage(page, 'en');
    assert.match((await condition('S&T staff at least 10%').textContent()) ?? '', /Not met$/);
    assert.match((await condition('Owns IP giving core support').textContent()) ?? '', /Met$/);
    assert.doesNotMatch((await condition('Owns IP giving core support').textContent()) ?? '', /Not met$/);
  });

  // Rules: 国科发火〔2016〕32号 Art. 11(五) — the three fiscal years before the application year;
  // 执行指引 2.0 — pre-filling a later year rolls the saved worksheet forward.
  test('an HNTE worksheet saved two years ago is rolled forward: years, application date and income move on', async () => {
    const y = new Date().getFullYear();
    const { rows } = await database.pool.query<{ org_id: string; created_by: string }>(
      `SELECT org_id, created_by FROM policy_worksheet WHERE kind = 'transfer' LIMIT 1`,
    );
    const input = JSON.parse(
      readFileSync(new URL('../../docs/examples/policy/hnte.json', import.meta.url), 'utf8'),
    );
    input.applicationDate = `${y - 1}-06-01`;
    input.years.forEach((fy: { year: number }, i: number) => {
      fy.year = y - 4 + i;
    });
    await database.pool.query(
      `INSERT INTO policy_worksheet (org_id, kind, tax_year, input, created_by) VALUES ($1, 'hnte', $2, $3, $4)`,
      [rows[0].org_id, y - 2, JSON.stringify(input), rows[0].created_by],
    );
    await page.reload();
    await page
      .getByText(`Pre-filled from the saved worksheet of ${y - 2}, rolled forward to ${y - 1}`)
      .waitFor();
    assert.equal(await page.getByLabel('Application date', { exact: true }).inputValue(), `${y}-06-01`);
    const legends = await page.locator('fieldset legend').allTextContents();
    const fiscal = legends.filter((l) => l.startsWith('Fiscal year'));
    assert.deepEqual(fiscal, [`Fiscal year ${y - 3}`, `Fiscal year ${y - 2}`, `Fiscal year ${y - 1}`]);
    assert.equal(await page.getByLabel('Total income', { exact: true }).inputValue(), '0.00');
    // Moving the registration date to last year leaves one fiscal year (实际经营期不满三年).
    await page.getByLabel('Registration date', { exact: true }).fill(`${y - 1}-01-02`);
    const after = (await page.locator('fieldset legend').allTextContents()).filter((l) =>
      l.startsWith('Fiscal year'),
    );
    assert.deepEqual(after, [`Fiscal year ${y - 1}`]);
  });
});
