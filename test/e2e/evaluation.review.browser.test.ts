// Browser journey of blind review: two experts fill the score sheet by keyboard (one first meets
// a field error), the organizer ends reviewing and computes the calibrated ranking and sees the
// funding line, a rapporteur drafts the consensus report and the organizer accepts it.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, signIn } from '../support/browser.ts';
import { buildCast } from '../support/challenges.ts';
import { assignedRound, buildExperts, buildSheet, closedChallengeWithBids } from '../support/evaluation.ts';

const skip = browserUnavailable();

describe('blind review in Chromium', { skip: skip ?? false, timeout: 150_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let experts: Awaited<ReturnType<typeof buildExperts>>;
  let bids: { id: string }[];
  let roundId: string;
  /** Each expert's pseudonym on the first item (the solver chooses the order). */
  let pseudonyms: string[];
  let browser: Browser;
  let base: string;

  before(async () => {
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    const c = await closedChallengeWithBids(t, cast, 'browser');
    bids = c.bids;
    // Imported into the pool from a file and assigned by the solver, as in production.
    experts = await buildExperts(t, 2, false);
    const round = await assignedRound(t, cast, c.challenge.id, experts);
    roundId = round.roundId;
    pseudonyms = experts.map((e) => round.pseudonym(bids[0].id, e.id));
    // The other two items are reviewed through the API; the browser does the first one.
    const scores = [
      [
        { innovation: 5, feasibility: 4, team: 4 },
        { innovation: 4, feasibility: 3, team: 3 },
      ],
      [
        { innovation: 2, feasibility: 3, team: 2 },
        { innovation: 2, feasibility: 2, team: 1 },
      ],
    ];
    for (const [i, b] of bids.slice(1).entries())
      for (const [j, e] of experts.entries()) {
        const r = await e.post(
          `/api/review-rounds/${roundId}/items/${b.id}/review/submit`,
          buildSheet({ scores: scores[i][j] }),
        );
        if (r.status !== 200) throw new Error(JSON.stringify(r.body));
      }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function as(email: string): Promise<Page> {
    const page = await signIn(browser, base, email);
    return page;
  }

  /** Fill the score sheet with the keyboard only: type-ahead in each select, Tab between fields. */
  async function reviewByKeyboard(page: Page, scores: string[], comment: string) {
    await page.getByRole('link', { name: '评审', exact: true }).click();
    await page.getByRole('heading', { name: '我的评审任务' }).waitFor();
    await page.getByRole('row').filter({ hasText: '未开始' }).first().getByRole('link').click();
    await page.getByRole('heading', { name: '评分表' }).waitFor();
    await page.getByLabel(/^创新性/).focus();
    for (const s of scores) {
      await page.keyboard.type(s);
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('4'); // confidence
    await page.keyboard.press('Tab');
    await page.keyboard.type(comment); // comments to the applicant
    await page.keyboard.press('Tab');
    await page.keyboard.type('保密：无'); // confidential comments
    await page.keyboard.press('Tab'); // save draft
    await page.keyboard.press('Tab'); // submit
    await page.keyboard.press('Enter');
  }

  test('two experts review by keyboard; the organizer ranks with the funding line; consensus is recorded', async () => {
    const first = await as(experts[0].email);
    // First without a comment to the applicant: the server names the field and the form shows it.
    await reviewByKeyboard(first, ['4', '4', '5'], '');
    const err = first.locator('#f-commentApplicant-err');
    await err.waitFor();
    assert.equal(await first.getByLabel(/给申报方的意见/).getAttribute('aria-invalid'), 'true');
    await first.getByLabel(/给申报方的意见/).focus();
    await first.keyboard.type('路线可行，建议补充中试数据。');
    await first.getByRole('button', { name: '提交评审意见' }).focus();
    await first.keyboard.press('Enter');
    await first.getByText('评审意见已提交。').waitFor();
    // innovation 4 → 0.75·40, feasibility 4 → 0.75·30, team 5 → 30: 82.5, computed by the server.
    assert.equal(await first.getByTestId('my-total').textContent(), '82.5');
    await first.getByText('提交您的意见后').waitFor({ state: 'detached' });

    const second = await as(experts[1].email);
    await reviewByKeyboard(second, ['3', '3', '4'], '团队较强，创新一般。');
    await second.getByText('评审意见已提交。').waitFor();
    // After submitting, expert 2 sees expert 1's review under its pseudonym, never the name.
    await second.getByRole('article', { name: `评审专家 ${pseudonyms[0]}` }).waitFor();
    assert.ok(!(await second.content()).includes(experts[0].name));

    const organizer = await as('organizer@example.cn');
    // Review rounds is a menu entry; the round's title leads to its desk once reviewing has begun.
    await organizer.getByRole('link', { name: '评审轮次', exact: true }).click();
    await organizer.getByRole('heading', { name: '评审轮次' }).waitFor();
    await organizer.getByRole('link', { name: /第一轮函评/ }).click();
    await organizer.getByRole('heading', { name: '评审进度' }).waitFor();
    await organizer.getByRole('button', { name: '结束函评，进入会评' }).click();
    await organizer.getByTestId('round-state').filter({ hasText: '会评' }).waitFor();
    await organizer.getByRole('button', { name: '计算校准排序' }).click();
    await organizer.getByTestId('funding-line').waitFor();
    await organizer.getByTestId('round-state').filter({ hasText: '已排序' }).waitFor();
    const budget = await organizer.getByTestId('budget-line').textContent();
    assert.match(budget ?? '', /资助 2 项，共 8,000,000\.00 元/);
    await organizer.getByTestId('ranking-chart').locator('canvas').waitFor();
    const rows = organizer.locator('table.ranking tbody tr');
    assert.equal(await rows.count(), 4, 'three items and the funding line');
    assert.equal(await organizer.locator('table.ranking tr.funded').count(), 2);

    // Consensus on the first item: the organizer names the second expert the rapporteur.
    await organizer.goto(`${base}/reviews/${roundId}/${bids[0].id}`);
    await organizer
      .getByLabel('指定主审专家')
      .selectOption({ label: `评审专家 ${pseudonyms[1]} — ${experts[1].name}` });
    await organizer.getByRole('button', { name: '指定', exact: true }).click();
    await organizer.getByText(`主审：专家 ${pseudonyms[1]}`).waitFor();

    await second.reload();
    await second.getByLabel('多数意见').fill('多数意见：路线可行，团队较强。');
    await second.getByLabel('少数意见').fill('少数意见：创新性一般。');
    await second.getByLabel('建议', { exact: true }).selectOption('fund');
    await second.getByRole('button', { name: '提交组织方' }).click();
    await second.getByTestId('consensus-state').filter({ hasText: '待采纳' }).waitFor();

    await organizer.reload();
    await organizer.getByRole('button', { name: '采纳综合意见' }).click();
    await organizer.getByTestId('consensus-state').filter({ hasText: '已采纳' }).waitFor();

    // The organizer opens the rebuttal window from the round desk (Beijing time inputs).
    const beijing = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
    await organizer.getByRole('link', { name: '评审轮次工作台' }).click();
    await organizer.getByLabel('答辩开始（北京时间）').fill(beijing(t.clock.t - 60_000));
    await organizer.getByLabel('答辩截止（北京时间）').fill(beijing(t.clock.t + 7 * 86_400_000));
    await organizer.getByRole('button', { name: '设定答辩期' }).click();
    await organizer.getByText('答辩期已设定。').waitFor();

    // The applicant reads the reviews signed by pseudonym and the accepted report, no names,
    // and answers them once.
    const applicant = await as('solver1@example.cn');
    await applicant.goto(`${base}/reviews/${roundId}/${bids[0].id}`);
    await applicant.getByLabel('对评审意见的答复（仅限一次）').fill('中试数据见补充材料。');
    await applicant.getByRole('button', { name: '提交答复' }).click();
    await applicant.getByText('中试数据见补充材料。').waitFor();
    assert.equal(await applicant.getByRole('button', { name: '提交答复' }).count(), 0, 'only once');
    await applicant.getByRole('article', { name: `评审专家 ${pseudonyms[1]}` }).waitFor();
    await applicant.getByText('少数意见：创新性一般。').waitFor();
    let html = await applicant.content();
    for (const e of experts) assert.ok(!html.includes(e.name) && !html.includes(e.email));
    assert.ok(!html.includes('保密：无'));
    // The applicant's own place in the ranking, and nothing of the others'.
    await applicant.getByRole('link', { name: '排序', exact: true }).click();
    await applicant.getByText(/第 \d 名（共 3 项）/).waitFor();
    assert.equal(await applicant.locator('table.ranking').count(), 0);
    html = await applicant.content();
    for (const e of experts) assert.ok(!html.includes(e.name) && !html.includes(e.email));
    assert.ok(!html.includes('保密：无'));
    // The reviewer reads the answer; the organizer closes the round.
    await second.reload();
    await second.getByText('中试数据见补充材料。').waitFor();
    await organizer.getByRole('button', { name: '结束本轮评审' }).click();
    await organizer.getByTestId('round-state').filter({ hasText: '已结束' }).waitFor();
    for (const p of [first, second, organizer, applicant]) await p.close();
  });
});
