// Browser journey of the organizer's assignment: import experts from a file (a bad file first:
// the per-row errors show and nothing is imported), create a review round, run the assignment,
// watch the progress bar complete and read the quality figures.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, mainNav, signIn } from '../support/browser.ts';
import { buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';
import { buildOrganisation } from '../support/factories.ts';

const skip = browserUnavailable();
const HEADER = 'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load';
const OPENED = '评审已开始。';

describe('expert assignment in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  let good = '';

  before(async () => {
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    for (const n of ['甲', '乙'])
      await cast.admin.post(
        '/api/organisations',
        buildOrganisation({ kind: 'institute', nameZh: `研究所${n}` }),
      );
    const c = await publishedChallenge(cast, { titleZh: '高纯石英坩埚评审' });
    await submittedBid(cast.solver1, cast.hostAdmin, c, cast.university.id, 'browser-bid-1');
    await submittedBid(cast.solver2, cast.hostAdmin, c, cast.university.id, 'browser-bid-2');
    // e1 has an account, so it can log in once imported as an expert.
    await t.client().register('e1@experts.cn', 'correct horse battery', '孔一');
    good = [
      HEADER,
      'e1@experts.cn,孔一,Kong Yi,研究所甲,E0207,石英；坩埚,crucible,3',
      'e2@experts.cn,孔二,Kong Er,研究所乙,E0207,石英,quartz,3',
      'e3@experts.cn,孔三,Kong San,华晶石英,E0208,晶体生长,crystal,3',
      'e4@experts.cn,孔四,Kong Si,东海省科学技术厅,E02,材料,materials,3',
      'e5@experts.cn,孔五,Kong Wu,东海大学,E0207,石英,quartz,3',
      '',
    ].join('\n');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('import experts, create a round, run the assignment, read the figures', async () => {
    const page = await signIn(browser, base, 'organizer@example.cn');
    await page.getByRole('link', { name: '专家库' }).click();
    await page.getByRole('heading', { name: '专家库', level: 1 }).waitFor();

    // A bad file: the per-row error table shows, nothing is imported.
    const bad = `${HEADER}\nnot-an-email,某,,研究所甲,E0207,,,3\nok@experts.cn,某,,无此单位,E0207,,,3\n`;
    await page
      .getByLabel('文件')
      .setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: '导入' }).click();
    await page.getByRole('alert').filter({ hasText: '未导入任何数据' }).waitFor();
    const errors = page.getByRole('table', { name: '文件中的问题' });
    await errors.waitFor();
    assert.equal(await errors.getByRole('row').count(), 3);
    assert.match(((await errors.textContent()) ?? '').replace(/\s+/g, ' '), /2\s*email.*3\s*organisation/);
    await page.getByRole('heading', { name: '专家库共 0 位专家' }).waitFor();

    // The good file, chosen and submitted with the keyboard.
    await page
      .getByLabel('文件')
      .setInputFiles({ name: 'experts.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: '导入' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('新增 5 位、更新 0 位专家').waitFor();
    await page.getByRole('heading', { name: '专家库共 5 位专家' }).waitFor();

    // Edit one expert with the keyboard: a lower cap and a declared relation.
    await page.getByRole('button', { name: '编辑 孔四' }).focus();
    await page.keyboard.press('Enter');
    const edit = page.getByRole('form', { name: '编辑 孔四' });
    await edit.getByLabel('最大负荷').fill('2');
    await edit.getByLabel('申报的关系').fill('family|孔小四|');
    await edit.getByRole('button', { name: '保存' }).click();
    await page.getByRole('row', { name: /孔四/ }).getByText('0 / 2').waitFor();

    // A review round on the challenge.
    await mainNav(page).getByRole('link', { name: '评审轮次' }).click();
    await page.getByRole('button', { name: '新建评审轮次' }).click();
    await page.getByLabel('榜单').selectOption({ label: '高纯石英坩埚评审' });
    await page.getByLabel('标题（中文）').fill('初评');
    await page.getByLabel('评审截止').fill('2027-01-15T17:00');
    await page.getByRole('button', { name: '保存轮次' }).click();

    // The assignment: run it, the progress bar completes, the figures appear.
    await page.getByRole('heading', { name: '专家分配：初评' }).waitFor();
    await page.getByRole('button', { name: '运行分配' }).click();
    const bar = page.getByRole('progressbar', { name: '分配进度' });
    await bar.waitFor();
    await page.waitForFunction(
      () => document.querySelector('[role=progressbar]')?.getAttribute('aria-valuenow') === '100',
    );
    await page.getByRole('heading', { name: '分配质量' }).waitFor();
    const charts = page.getByRole('img', { name: /匹配度分布|负荷分布/ });
    assert.equal(await charts.count(), 2);
    assert.match((await charts.nth(1).getAttribute('aria-label')) ?? '', /负荷分布：/);
    await page.getByText('所有项目的评审专家均已配齐。').waitFor();
    assert.match((await page.getByText(/共排除 \d+ 个冲突组合/).textContent()) ?? '', /共排除 2 个冲突组合/);
    assert.ok(Number((await page.getByTestId('objective').textContent()) ?? 0) > 0);
    // The expert of the bids' own university is listed among the conflicts, never assigned.
    const conflicts = page.getByRole('region', { name: '发现的利益冲突' });
    assert.match((await conflicts.textContent()) ?? '', /孔五.*同单位/s);
    const assignments = (await page.getByRole('region', { name: '分配结果' }).textContent()) ?? '';
    assert.ok(!assignments.includes('孔五'));
    assert.equal((assignments.match(/已分配/g) ?? []).length, 6);
    assert.ok(assignments.includes('孔一'));
    await page.getByRole('button', { name: '开始评审' }).click();
    await page.getByText(OPENED).waitFor();
    await page.close();

    // e1 opens an item, finds a conflict and declares it by keyboard: the item leaves the queue.
    const expert = await signIn(browser, base, 'e1@experts.cn');
    await expert.goto(`${base}/reviews`);
    const items = expert.getByRole('link', { name: '高纯石英坩埚评审' });
    await items.first().waitFor();
    const before = await items.count();
    await items.first().click();
    await expert.getByRole('heading', { name: '回避或谢绝评审' }).waitFor();
    await expert.getByLabel('情形').selectOption('conflict');
    await expert.getByLabel('原因').fill('曾与该团队负责人合作发表论文');
    await expert.getByRole('button', { name: '提交', exact: true }).focus();
    await expert.keyboard.press('Enter');
    await expert.getByRole('heading', { name: '我的评审任务' }).waitFor();
    await expert.waitForFunction(
      (n) => document.querySelectorAll('main a[href^="/reviews/"]').length === n,
      before - 1,
    );
    const declared = await t.database.pool.query(
      "SELECT count(*)::int AS n FROM review_assignment WHERE state = 'conflict' AND reason = '曾与该团队负责人合作发表论文'",
    );
    assert.equal(declared.rows[0].n, 1);
    await expert.close();
  });
});
