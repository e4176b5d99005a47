// Browser journey: an enterprise's admin fills its enterprise profile on the organisations page
// (a refused value is named next to its field), and the policy tools pre-fill from it.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Database } from '../../src/db/db.ts';
import { browserUnavailable, serveForBrowser } from '../support/browser.ts';
import { enterpriseMember, freshDatabase } from '../support/db.ts';

const skip = browserUnavailable();
const shots = join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');

describe('enterprise profile journey in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let database: Database;
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let base: string;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    database = await freshDatabase('pglite');
    await enterpriseMember(
      database,
      {
        email: 'boss@example.cn',
        password: 'a good long password',
        nameZh: '李明',
        nameEn: 'Li Ming',
        locale: 'en',
      },
      { nameZh: '精机科技', nameEn: 'Jingji Tech' },
      'admin',
    );
    ({ base, browser, close } = await serveForBrowser(database));
    page = await browser.newPage({ locale: 'en-GB' });
    page.setDefaultTimeout(15_000);
  });
  after(() => close?.());

  test('the admin fills the enterprise profile; the deduction form pre-fills its regime from it', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('Email').fill('boss@example.cn');
    await page.getByLabel('Password').fill('a good long password');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Welcome, Li Ming' }).waitFor();

    await page.getByRole('link', { name: 'Organisations' }).click();
    await page.getByRole('heading', { name: 'Enterprise profile' }).waitFor();
    await page.getByLabel('Registration date').fill('2020-07-01');
    await page.getByLabel('Industry (GB/T 4754 code, e.g. C3562)').fill('I3562'); // division 35 is in C, not I
    await page.getByLabel('High-tech domain (HNTE)').selectOption('advancedManufacturing');
    await page.getByLabel('Employees').fill('85');
    await page
      .getByLabel('Integrated-circuit or industrial mother machine enterprise')
      .selectOption('integratedCircuit');
    await page.getByLabel('Main business').fill('CNC machine tools');
    await page.getByRole('button', { name: 'Save the enterprise profile' }).click();
    await page.locator('#f-enterprise-industryCode-err').waitFor();
    assert.match(
      (await page.locator('#f-enterprise-industryCode-err').textContent()) ?? '',
      /not in section I/,
    );

    await page.getByLabel('Industry (GB/T 4754 code, e.g. C3562)').fill('C3421');
    await page.getByRole('button', { name: 'Save the enterprise profile' }).click();
    await page.getByText('Enterprise profile saved.').waitFor();
    assert.equal(await page.getByLabel('Industry (GB/T 4754 code, e.g. C3562)').inputValue(), 'C3421');
    await page.screenshot({ path: join(shots, 'enterprise-profile-en.png'), fullPage: true });

    await page.getByRole('link', { name: 'Policy tools' }).click();
    await page.getByRole('tab', { name: 'R&D super-deduction' }).click();
    await page.getByText('Pre-filled from the organisation’s profile: Main business, Regime.').waitFor();
    assert.equal(await page.getByLabel('Regime', { exact: true }).inputValue(), 'integratedCircuit');
    assert.equal(await page.getByLabel('Main business', { exact: true }).inputValue(), 'other');
  });
});
