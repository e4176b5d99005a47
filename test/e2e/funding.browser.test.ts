// Browser journey of a funded award: the organizer commits the award from the funding page and
// releases the first tranche; the team's expense for a negative-list item is refused with a clear
// message on the field; after the first milestone is accepted the organizer releases the second
// tranche; after acceptance the organizer closes the award and the performance record shows.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, confirmed, launchBrowser, signIn } from '../support/browser.ts';
import { buildCast } from '../support/challenges.ts';
import { awardedChallenge, ok, programmeFund, signTaskBook } from '../support/funding.ts';

const skip = browserUnavailable();

describe('funding journey in Chromium', { skip: skip ?? false, timeout: 180_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  let taskBookId: string;
  let challengeId: string;

  before(async () => {
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    await programmeFund(cast, 1_000_000_000);
    const a = await awardedChallenge(t, cast, 'browser', [cast.solver1]);
    taskBookId = a.taskBookIds[0];
    challengeId = a.challenge.id;
    await signTaskBook(cast, cast.solver1, taskBookId);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  /** Type part of a name into the picker labelled `label` and choose the answer matching `option`. */
  async function pick(page: Page, label: string, typed: string, option: RegExp) {
    await page.getByLabel(label, { exact: true }).fill(typed);
    // antd also keeps a hidden list of role="option" for screen readers; click the visible entry.
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: option })
      .click();
  }

  async function as(email: string): Promise<Page> {
    const page = await signIn(browser, base, email);
    // The server's clock stands months ahead of the real one here; the forms' timing (opened at,
    // sent at) is only believed within 30 days of it, so the browser reads the server's time.
    await page.clock.setFixedTime(t.clock.t);
    await page.getByRole('link', { name: '经费' }).click();
    await page.getByRole('heading', { name: '经费', level: 1 }).waitFor();
    return page;
  }

  test('award → first tranche → negative-list expense refused → milestone → second tranche → closing', async () => {
    const organizer = await as('organizer@example.cn');
    // The call's rules, its call found by name: the cap above 60% is refused on its field; a new
    // negative-list item is kept.
    await pick(organizer, '榜单', '石英坩埚', /高纯石英坩埚（browser）/);
    const cap = organizer.getByLabel(/间接费用上限/);
    await cap.fill('70');
    await organizer.getByRole('button', { name: '保存规则' }).click();
    await organizer.locator('.ant-form-item-explain-error').getByText(/60%/).waitFor();
    await cap.fill('40');
    const list = organizer.getByLabel('负面清单（不得列支）');
    await list.fill(`${await list.inputValue()}\nalcohol | 酒水 | alcohol | 白酒, 酒水`);
    await organizer.getByRole('button', { name: '保存规则' }).click();
    await organizer.getByText('已保存。').waitFor();
    const rules = await ok(cast.organizer.get(`/api/funding/calls/${challengeId}/rules`));
    assert.equal(rules.indirectCapPct, 40);
    assert.ok(rules.negativeList.some((i: { code: string }) => i.code === 'alcohol'));
    assert.ok(
      rules.negativeList.some((i: { code: string }) => i.code === 'entertainment'),
      'the defaults stay',
    );
    // The task book is found by its challenge's title; committing money asks first.
    await pick(organizer, '任务书', '石英', /高纯石英坩埚（browser）/);
    await organizer.getByLabel('包干制预算总额（元）').fill('4000000');
    await confirmed(organizer, '承诺立项', '确认');
    await organizer.getByRole('heading', { name: /立项:/ }).waitFor();
    const awardUrl = organizer.url();
    // Keyboard: tab to the release button and press Enter.
    const release1 = organizer.getByRole('button', { name: '拨付第 1 笔' });
    await release1.focus();
    await organizer.keyboard.press('Enter');
    await organizer
      .getByText(/已于 .* 拨付/)
      .first()
      .waitFor();
    assert.equal(
      await organizer.getByRole('button', { name: '拨付第 2 笔' }).count(),
      0,
      'milestone 1 not yet accepted',
    );
    await organizer.getByText(/尚不满足：里程碑 1 尚无通过的报告/).waitFor();

    const team = await as('solver1@example.cn');
    await team.getByRole('link', { name: /高纯石英坩埚/ }).click();
    await team.getByLabel('摘要').fill('合作方客户宴请');
    await team.getByLabel('金额（元）').fill('5000');
    await team.getByRole('button', { name: '提交' }).click();
    const fieldError = team.locator('#f-lines-0-description-err');
    await fieldError.waitFor();
    assert.match((await fieldError.textContent()) ?? '', /宴请.*负面清单/);
    assert.equal(await team.getByLabel('摘要').getAttribute('aria-invalid'), 'true');
    await team.getByText('暂无支出报告。').waitFor();
    await team.getByLabel('摘要').fill('高纯石英砂 2 吨');
    await team.getByLabel('金额（元）').fill('100000');
    await team.getByRole('button', { name: '提交' }).click();
    await team.getByRole('cell', { name: '高纯石英砂 2 吨', exact: true }).waitFor();

    // The first milestone is reported and accepted (task-book pages are covered by their own journey).
    const book = await ok(cast.solver1.get(`/api/task-books/${taskBookId}`));
    const [t1, t2] = book.targets;
    const r1 = await ok(
      cast.solver1.post(`/api/task-books/${taskBookId}/reports`, {
        milestoneNo: 0,
        summary: '完成小批量样品',
        measured: { [t1.id]: '9.5' },
      }),
    );
    await ok(cast.proposer.post(`/api/reports/${r1.reports[0].id}/review`, { decision: 'accepted' }));
    await organizer.goto(awardUrl);
    await organizer.getByRole('heading', { name: /立项:/ }).waitFor();
    await organizer.getByRole('button', { name: '拨付第 2 笔' }).click();
    await organizer.getByRole('cell', { name: /已于/ }).nth(1).waitFor();

    const r2 = await ok(
      cast.solver1.post(`/api/task-books/${taskBookId}/reports`, {
        milestoneNo: 1,
        summary: '完成产线验证',
        measured: {},
      }),
    );
    await ok(cast.proposer.post(`/api/reports/${r2.reports.at(-1).id}/review`, { decision: 'accepted' }));
    for (const [target, measured] of [
      [t1, '9'],
      [t2, '420'],
    ])
      await ok(
        cast.proposer.post(`/api/task-books/${taskBookId}/judgements`, {
          targetId: target.id,
          measured,
          evidence: '检测报告',
        }),
      );
    await ok(cast.proposer.post(`/api/task-books/${taskBookId}/actions/accept`, {}));
    await organizer.goto(awardUrl);
    await organizer.getByRole('button', { name: '结项' }).click();
    await organizer.getByRole('heading', { name: '绩效记录' }).waitFor();
    const perf = organizer.locator('section', { has: organizer.getByRole('heading', { name: '绩效记录' }) });
    assert.match((await perf.textContent()) ?? '', /等级A/);
    assert.match((await perf.textContent()) ?? '', /2\/2/);
    assert.match((await perf.textContent()) ?? '', /无不良记录/);
    // The burden meter counted the saved expense submission (a refused one writes nothing).
    await organizer.getByRole('heading', { name: '本榜单填报负担' }).waitFor();
    const meter = organizer.locator('section', {
      has: organizer.getByRole('heading', { name: '本榜单填报负担' }),
    });
    await meter.getByRole('img', { name: '每张表单手工填写与自动带入的字段数' }).waitFor();
    const cells = await meter.locator('tbody tr').first().locator('td').allTextContents();
    assert.deepEqual(
      cells.slice(0, 4),
      ['expense', '1', '2', '3'],
      'one submission: amount and description by hand, three pre-filled',
    );
    await organizer.close();
    await team.close();
  });
});
