// Browser journey of the parts of a challenge that carry files and money: the proposer attaches
// an annex to a draft; the task book is revised jointly (tranches must add up to the budget) and,
// once signed, takes evidence files.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import { buildCast, buildChallenge, publishedChallenge, submittedBid } from '../support/challenges.ts';

const skip = browserUnavailable();
const tmp = process.env.JIEBANG_TEST_TMP ?? '.tmp/test';
const shots = join(tmp, 'screenshots');

describe('attachments and task book revision in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  let bookId: string;
  let draftId: string;
  const pdf = join(tmp, '技术要求.pdf');

  before(async () => {
    mkdirSync(shots, { recursive: true });
    writeFileSync(pdf, '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    // The test clock is not the browser's: keep the session cookie's expiry far ahead of both.
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    draftId = (
      await cast.proposer.post(
        '/api/challenges',
        buildChallenge(cast.enterprise.id, cast.agency.id, {
          titleZh: '附件测试草稿',
          deadline: '2027-12-31T17:00:00+08:00',
        }),
      )
    ).body.id;
    const c = await publishedChallenge(cast, { titleZh: '任务书修订测试' });
    const b = await submittedBid(cast.solver1, cast.hostAdmin, c, cast.university.id, 'taskbook-browser-1');
    t.clock.t = Date.parse('2027-01-02T00:00:00Z');
    await cast.organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
    await cast.organizer.post(`/api/bids/${b.id}/actions/select`);
    await cast.organizer.post(`/api/challenges/${c.id}/actions/announce`, {});
    t.clock.t += 6 * 86_400_000;
    await cast.organizer.post(`/api/challenges/${c.id}/actions/award`, {});
    bookId = (await cast.proposer.get(`/api/challenges/${c.id}`)).body.taskBooks[0].id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function asProposer(): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('电子邮箱').fill('proposer@example.cn');
    await page.getByLabel('密码').fill('correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
    return page;
  }

  test('annex on a draft, joint revision of the tranches, evidence once signed', async () => {
    const page = await asProposer();
    await page.goto(`${base}/challenges/${draftId}`);
    await page.getByLabel('添加 PDF、PNG 或 JPEG 文件（不超过 10 MiB）').setInputFiles(pdf);
    await page.getByText('附件已添加').waitFor();
    await page.getByRole('link', { name: '技术要求.pdf' }).waitFor();

    // Eligibility is explicit and optional: tick one host type and one ethics category, save.
    await page.goto(`${base}/challenges/${draftId}/edit`);
    await page.getByRole('checkbox', { name: '高校' }).check();
    await page.getByRole('checkbox', { name: '人工智能' }).check();
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.waitForURL(`${base}/challenges/${draftId}`);
    const draft = (await cast.proposer.get(`/api/challenges/${draftId}`)).body;
    assert.deepEqual(draft.eligibility, [{ kind: 'orgKind', allowed: ['university'] }]);
    assert.deepEqual(draft.ethicsCategories, ['ai']);

    await page.goto(`${base}/task-books/${bookId}`);
    await page.getByRole('heading', { name: '签署前共同修订' }).waitFor();
    // Move 10,000 yuan from the first tranche to a new one: the total shows the mismatch until it adds up.
    const first = page.getByLabel('拨款 1：金额（元）');
    const firstYuan = Number((await first.inputValue()).replaceAll(',', ''));
    await first.fill(String(firstYuan - 10_000));
    await page.getByText('合计须等于预算').waitFor();
    await page.getByRole('button', { name: '增加一笔拨款' }).click();
    const n = await page.locator('[id^="f-tranches-"][id$="-label"]').count();
    await page.getByLabel(`拨款 ${n}：名称`).fill('成果推广奖励 / dissemination');
    await page.getByLabel(`拨款 ${n}：金额（元）`).fill('10000');
    await page.getByLabel(`拨款 ${n}：拨付条件`).fill('验收通过后三个月内完成成果推广');
    assert.equal(await page.getByText('合计须等于预算').count(), 0);
    await page.getByRole('button', { name: '保存修订' }).click();
    await page.getByRole('cell', { name: '验收通过后三个月内完成成果推广' }).waitFor();
    await page.screenshot({ path: join(shots, 'taskbook-revision-zh.png'), fullPage: true });
    const book = (await cast.proposer.get(`/api/task-books/${bookId}`)).body;
    assert.equal(book.revision, 2);
    assert.equal(book.tranches.at(-1).amountFen, 1_000_000);

    // Both sign (over HTTP), then the proposer attaches evidence in the page.
    await cast.solver1.post(`/api/task-books/${bookId}/sign`);
    await cast.proposer.post(`/api/task-books/${bookId}/sign`);
    await page.reload();
    await page.getByLabel('添加 PDF、PNG 或 JPEG 文件（不超过 10 MiB）').setInputFiles(pdf);
    await page.getByText('附件已添加').waitFor();
    assert.equal((await cast.solver1.get(`/api/task-books/${bookId}`)).body.attachments.length, 1);
    await page.close();
  });
});
