// Browser journey of a whole 揭榜挂帅 challenge on the real server, with a clock the test moves:
// a proposer lists it, an organizer publishes it, two teams bid (one through the UI, one over
// HTTP), bidding closes at the deadline, one bid is selected, announced, awarded after the
// notice period; both sign the task book; the commander reports; the proposer accepts target by target.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, chooseLanguage, confirmed, launchBrowser } from '../support/browser.ts';
import { buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';

const skip = browserUnavailable();
const shots = join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');
const PASSWORD = 'correct horse battery';

describe('challenge journey in Chromium', { skip: skip ?? false, timeout: 150_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  const contexts: BrowserContext[] = [];

  /** A browser of its own for one person, logged in through the login form. */
  async function as(email: string, locale: 'zh-CN' | 'en-US'): Promise<Page> {
    const ctx = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    const zh = locale === 'zh-CN';
    await page.getByLabel(zh ? '电子邮箱' : 'Email').fill(email);
    await page.getByLabel(zh ? '密码' : 'Password').fill(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: zh ? /欢迎/ : /Welcome/ }).waitFor();
    return page;
  }

  /** Press an action button and confirm its effect in the pop-up. */

  before(async () => {
    mkdirSync(shots, { recursive: true });
    // The clock jumps past the deadline and the notice period; sessions must outlive it.
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  test('list, vet, publish, bid, select, notice, award, sign, report and accept target by target', async () => {
    // ── The proposer lists the challenge (Chinese UI). ──
    const proposer = await as('proposer@example.cn', 'zh-CN');
    await proposer.getByRole('link', { name: '我的榜单' }).click();
    await proposer.getByRole('button', { name: '发布榜单' }).click();
    await proposer.getByLabel('标题（中文）').fill('半导体级高纯石英坩埚');
    await proposer.getByLabel('标题（英文）').fill('Semiconductor-grade high-purity quartz crucible');
    await proposer
      .getByLabel('需求描述（中文）')
      .fill('研制用于直拉单晶硅的高纯石英坩埚，内层气泡与金属杂质满足指标。');
    await proposer
      .getByLabel('需求描述（英文）')
      .fill('Develop high-purity quartz crucibles for Czochralski silicon growth.');
    await proposer.getByLabel('学科代码').fill('E0207');
    await proposer.getByLabel('关键词').fill('石英, 坩埚, crucible');
    // The region is pre-filled from the enterprise's profile (110108); this work is elsewhere.
    await proposer.waitForFunction(
      () => (document.querySelector('#f-regionCode') as HTMLInputElement | null)?.value === '110108',
    );
    await proposer.getByLabel('行政区划代码（6 位）').fill('330106');
    await proposer.locator('#f-targets-0-metric').fill('总金属杂质含量');
    await proposer.locator('#f-targets-0-comparator').selectOption('lte');
    await proposer.locator('#f-targets-0-threshold').fill('10 ppm'); // wrong on purpose: the server names the field
    await proposer.locator('#f-targets-0-unit').fill('ppm');
    await proposer.locator('#f-targets-0-verification').fill('第三方 ICP-MS 检测');
    await proposer.locator('#f-targets-0-verifier').selectOption('lab');
    await proposer.locator('#f-targets-0-verifierName').fill('国家石英材料质检中心');
    await proposer.getByRole('button', { name: '添加指标' }).click();
    await proposer.locator('#f-targets-1-metric').fill('连续拉晶时间');
    await proposer.locator('#f-targets-1-comparator').selectOption('gte');
    await proposer.locator('#f-targets-1-threshold').fill('400');
    await proposer.locator('#f-targets-1-unit').fill('h');
    await proposer.locator('#f-targets-1-verification').fill('产线试用记录');
    await proposer.getByLabel('经费上限（元）').fill('5,000,000.00');
    await proposer.getByLabel('发榜方配套（元）').fill('1000000');
    await proposer.getByLabel('揭榜截止时间（北京时间）').fill('2027-01-15T17:00');
    await proposer.getByLabel('知识产权与许可条款').fill('成果归揭榜方，发榜方享有优先实施许可。');
    await proposer.getByRole('button', { name: '保存草稿' }).click();
    await proposer.locator('#f-targets-0-threshold-err').waitFor();
    await proposer.screenshot({ path: join(shots, 'challenge-editor-zh.png'), fullPage: true });
    await proposer.locator('#f-targets-0-threshold').fill('10');
    await proposer.locator('#f-targets-0-threshold').press('Enter'); // submit by keyboard
    await proposer.getByRole('button', { name: '提交审核' }).waitFor();
    const challengeId = proposer.url().split('/').at(-1) ?? '';
    const stored = (await cast.proposer.get(`/api/challenges/${challengeId}`)).body;
    assert.equal(stored.budgetCeilingFen, 500_000_000, 'yuan on screen, fen on the wire');
    assert.equal(stored.deadline, '2027-01-15T09:00:00.000Z', '17:00 Beijing time is 09:00 UTC');
    await proposer.getByRole('button', { name: '提交审核' }).click();
    await proposer.getByText('操作完成：榜单现为“待审核”。').waitFor();

    // ── The organizer vets and publishes it from the queue. ──
    const organizer = await as('organizer@example.cn', 'zh-CN');
    await organizer.getByRole('link', { name: '我的榜单' }).click();
    await organizer.getByText('需求征集情况').waitFor();
    // The vetting queue is "my challenges" filtered on 'awaiting vetting' (where "my tasks" links).
    await organizer.locator('.ant-segmented').getByText('待审核', { exact: true }).click();
    await organizer.waitForURL(/state=submitted/);
    await organizer.screenshot({ path: join(shots, 'challenges-mine-organizer-zh.png'), fullPage: true });
    await organizer.getByRole('link', { name: '半导体级高纯石英坩埚' }).click();
    await organizer.getByRole('button', { name: '审核通过并发布' }).click();
    await organizer.getByText('操作完成：榜单现为“揭榜中”。').waitFor();

    // ── Anyone finds it in the public listing, in Chinese or English. ──
    const visitor = await browser.newPage({ locale: 'zh-CN' });
    await visitor.goto(`${base}/challenges`);
    await visitor.getByLabel('搜索（中文或英文）').fill('坩埚');
    await visitor.getByLabel('经费下限（元）').fill('1000000');
    await visitor.getByLabel('搜索（中文或英文）').press('Enter');
    await visitor.waitForURL(/budgetMinFen=100000000/, { timeout: 15_000 });
    await visitor.getByRole('link', { name: '半导体级高纯石英坩埚' }).waitFor();
    await visitor.screenshot({ path: join(shots, 'challenges-list-zh.png'), fullPage: true });
    await visitor.getByLabel('经费下限（元）').fill('6,000,000');
    await visitor.getByRole('button', { name: '查询榜单', exact: true }).click();
    await visitor.getByText('没有符合条件的榜单').waitFor();
    await visitor.close();

    // ── Team 1 bids through the UI (English), with a member and the host's countersignature. ──
    await cast.solver1.put('/api/profile/locale', { locale: 'en' }); // their login opens in their language
    const solver = await as('solver1@example.cn', 'en-US');
    await solver.getByRole('link', { name: 'Challenges', exact: true }).click();
    await solver.getByRole('link', { name: 'Semiconductor-grade high-purity quartz crucible' }).click();
    await solver.getByRole('heading', { name: 'Targets' }).waitFor();
    await solver.getByRole('link', { name: 'Bid for this challenge (揭榜)' }).click();
    assert.equal(await solver.getByLabel('Host organisation').inputValue(), cast.university.id);
    // The team member is found by name, not typed in as an id.
    await solver.getByLabel('Find a team member').fill('member');
    await solver.getByLabel('Find a team member').press('Enter'); // searches; does not submit the bid
    await solver.getByRole('button', { name: 'Add member' }).click();
    await solver.getByLabel('Role of member').fill('工艺负责人');
    await solver
      .getByLabel('Technical route')
      .fill('酸浸提纯 + 电弧熔制内层透明层 (acid leaching and arc fusion)');
    const [t1, t2] = stored.targets as { id: string }[];
    await solver.locator('#f-milestones-0-title').fill('Pilot batch');
    await solver.locator('#f-milestones-0-due').fill('2027-06-30');
    await solver.locator('#f-milestones-0-deliverables').fill('10 crucibles and lab reports');
    await solver.locator(`#f-milestones-0-targetValues-${t1.id}`).fill('15');
    await solver.getByRole('button', { name: 'Add a milestone' }).click();
    await solver.locator('#f-milestones-1-title').fill('Production-line validation');
    await solver.locator('#f-milestones-1-due').fill('2028-06-30');
    await solver.locator('#f-milestones-1-deliverables').fill('Continuous pulling on the line');
    await solver.locator(`#f-milestones-1-targetValues-${t1.id}`).fill('8');
    await solver.locator(`#f-milestones-1-targetValues-${t2.id}`).fill('420');
    await solver.getByText('At most 5,000,000.00 yuan').waitFor();
    await solver.getByLabel('Budget requested (yuan)').fill('4000000.00');
    await solver.getByLabel('Commitments').fill('Meet every mandatory target on time.');
    await solver
      .getByLabel('Consequences if we fail')
      .fill('Return unspent funds; recorded in the credit file.');
    await solver.getByRole('button', { name: 'Save bid' }).dblclick(); // one key per form: one bid
    // The bid page says what is missing before submission, and who must act.
    const missing = solver.getByRole('list', { name: 'Still needed before it can be submitted' });
    await missing.getByText('member has not confirmed joining the team — To be done by member').waitFor();
    await missing
      .getByText(/The host organisation .* has not signed version 1 of the pledge — To be done by hostadmin/)
      .waitFor();
    await confirmed(solver, 'Sign the pledge as commander', 'Confirm');
    await solver.getByText('✓ Signed by the commander').waitFor();
    assert.equal(await missing.getByText(/The commander has not signed/).count(), 0);
    const bidId = solver.url().split('/').at(-1) ?? '';
    const mine = (await cast.solver1.get('/api/bids/mine')).body;
    assert.equal(mine.total, 1, 'a double click made one bid');

    const member = await as('member@example.cn', 'zh-CN');
    await member.getByRole('link', { name: '我的揭榜' }).click();
    await member
      .getByRole('row', { name: /团队成员/ })
      .getByRole('link', { name: '半导体级高纯石英坩埚' })
      .click();
    await confirmed(member, '确认参与', '确认');
    await member.getByText('✓ 已确认').waitFor();

    const hostAdmin = await as('hostadmin@example.cn', 'zh-CN');
    await hostAdmin.goto(`${base}/bids/${bidId}`);
    await confirmed(hostAdmin, '以依托单位身份签署', '确认');
    await hostAdmin.getByText('✓ 依托单位已签署').waitFor();

    await solver.reload();
    await solver.getByText('Everything is in place: the commander can submit.').waitFor();
    await confirmed(solver, 'Submit bid', 'Confirm');
    await solver.locator('[data-state=submitted]').first().waitFor();
    await solver.screenshot({ path: join(shots, 'bid-en.png'), fullPage: true });

    // ── Team 2 bids over HTTP. ──
    await submittedBid(cast.solver2, cast.hostAdmin, stored, cast.university.id, 'browser-seed-2');

    // ── Past the deadline (server time): close, score, select, announce. ──
    t.clock.t = Date.parse('2027-01-16T00:00:00Z');
    await organizer.reload();
    await organizer.getByRole('button', { name: '截止揭榜' }).click();
    const bids = organizer.getByRole('region', { name: '揭榜申请' });
    await bids.getByRole('row').nth(2).waitFor();
    await bids.getByLabel('给 solver1 评分').fill('88');
    await bids.getByLabel('给 solver1 评分').press('Enter');
    await bids.getByRole('cell', { name: '88.0' }).waitFor();
    await bids
      .getByRole('row', { name: /solver1/ })
      .getByRole('button', { name: '选定' })
      .click();
    await bids
      .getByRole('row', { name: /solver1/ })
      .locator('.badge.state-selected')
      .waitFor();
    await organizer.getByRole('button', { name: '公示拟揭榜方' }).click();
    await organizer.getByText('操作完成：榜单现为“公示中”。').waitFor();
    await organizer.screenshot({ path: join(shots, 'challenge-notice-organizer-zh.png'), fullPage: true });
    // Anyone, signed in or not, reads who is intended to win and until when to object.
    const reader = await browser.newPage({ locale: 'en-US' });
    reader.setDefaultTimeout(15_000);
    await reader.goto(`${base}/challenges/${stored.id}`);
    const notice = reader.getByRole('region', { name: 'Public notice: intended winners' });
    await notice.getByRole('rowheader', { name: 'solver1' }).waitFor();
    await notice.getByRole('cell', { name: '4,000,000.00' }).waitFor();
    await notice.getByText(/Objections may be raised until .* \(Beijing time\)/).waitFor();
    await reader.screenshot({ path: join(shots, 'challenge-notice-public-en.png'), fullPage: true });
    await reader.close();
    assert.equal(
      await organizer.getByRole('button', { name: '确定揭榜方' }).count(),
      0,
      'no award while the notice runs',
    );

    // ── After the notice period: award, and both parties sign the task book. ──
    t.clock.t += 6 * 86_400_000;
    await organizer.reload();
    await organizer.getByRole('button', { name: '确定揭榜方' }).click();
    await organizer.getByText('操作完成：榜单现为“已立项”。').waitFor();
    await organizer.getByRole('link', { name: '任务书 1' }).click();
    const bookId = organizer.url().split('/').at(-1) ?? '';
    await organizer.getByRole('heading', { name: /任务书：半导体级高纯石英坩埚/ }).waitFor();
    assert.equal(await organizer.getByRole('button', { name: '签署任务书' }).count(), 0);

    await solver.goto(`${base}/task-books/${bookId}`);
    await solver.getByRole('button', { name: 'Sign the task book' }).click();
    await proposer.goto(`${base}/task-books/${bookId}`);
    await proposer.getByRole('button', { name: '签署任务书' }).click();
    await proposer.locator('.badge.state-active').waitFor();

    // ── The commander reports milestone 1 with a measured value. ──
    await solver.reload();
    await solver.getByLabel('Milestone', { exact: true }).selectOption('0');
    await solver.getByLabel('Summary').fill('Pilot batch of 10 crucibles delivered; ICP-MS report attached.');
    await solver.getByLabel('Measured: 总金属杂质含量 (ppm)').fill('9.5');
    await solver.getByRole('button', { name: 'Send report' }).click();
    await solver.getByText('Awaiting review').waitFor();

    // ── The proposer reviews it and judges each frozen target, then accepts. ──
    await proposer.reload();
    await proposer.getByRole('button', { name: '通过报告' }).click();
    await proposer.locator('.card .badge', { hasText: '已通过' }).waitFor();
    const judge = async (metric: string, measured: string, evidence: string) => {
      const row = proposer.getByRole('form', { name: metric });
      await row.getByLabel(/实测值/).fill(measured);
      await row.getByLabel('证明材料').fill(evidence);
      await row.getByRole('button', { name: '记录' }).click();
      await proposer
        .getByRole('row', { name: new RegExp(metric) })
        .locator('.badge.met')
        .waitFor();
    };
    await judge('总金属杂质含量', '8.2', 'ICP-MS 报告 QC-2028-051');
    await judge('连续拉晶时间', '420', '产线记录 2028-06');
    await proposer.locator('p[role=status]', { hasText: '全部约束性指标达标' }).waitFor();
    await proposer.getByRole('button', { name: '通过验收' }).click();
    await proposer.locator('.badge.state-accepted').waitFor();
    await proposer.screenshot({ path: join(shots, 'task-book-accepted-zh.png'), fullPage: true });
    await chooseLanguage(proposer, 'en');
    await proposer.getByRole('heading', { name: /Task book/ }).waitFor();
    await proposer.screenshot({ path: join(shots, 'task-book-accepted-en.png'), fullPage: true });

    const book = (await cast.proposer.get(`/api/task-books/${bookId}`)).body;
    assert.equal(book.state, 'accepted');
    assert.deepEqual(
      book.judgements.map((j: { met: boolean }) => j.met),
      [true, true],
    );
    const print = await proposer.request.get(`${base}/api/task-books/${bookId}/print?lang=en`);
    assert.match(await print.text(), /≤ 10 ppm/);

    // ── An ethics challenge: its rules read as sentences, and the bid editor declares its categories. ──
    const ethical = await publishedChallenge(cast, {
      titleZh: '作物病害识别模型',
      titleEn: 'Crop disease detection model',
      deadline: '2027-12-31T17:00:00+08:00',
      ethicsCategories: ['ai', 'personal_data'],
      eligibility: [{ kind: 'maxTeamSize', max: 8 }],
    });
    await solver.goto(`${base}/challenges/${ethical.id}`);
    await solver.getByRole('heading', { name: 'Crop disease detection model' }).waitFor();
    await solver.getByText('At most 8 people in the team, the commander included.').waitFor();
    await solver.getByText(/The work involves: Artificial intelligence, Personal data\./).waitFor();
    await solver.screenshot({ path: join(shots, 'challenge-ethics-rules-en.png'), fullPage: true });
    await solver.getByRole('link', { name: 'Bid for this challenge (揭榜)' }).click();
    const ai = solver.getByLabel(/Artificial intelligence/);
    await ai.waitFor();
    assert.ok((await ai.isChecked()) && (await ai.isDisabled()), 'declared from the challenge, and kept');
    assert.ok(await solver.getByLabel(/Personal data/).isChecked());
    assert.equal(await solver.getByLabel(/Animals/).isChecked(), false);
    await solver.getByLabel('Technical route').fill('Lightweight CNN on field images');
    await solver.locator('#f-milestones-0-title').fill('Field trial');
    await solver.locator('#f-milestones-0-due').fill('2028-06-30');
    await solver.locator('#f-milestones-0-deliverables').fill('Model and field report');
    await solver.getByLabel('Budget requested (yuan)').fill('1000000');
    await solver.getByLabel('Commitments').fill('Reach the accuracy target on the field set.');
    await solver.getByLabel('Consequences if we fail').fill('Return unspent funds.');
    await solver.getByRole('button', { name: 'Save bid' }).click();
    await solver.getByRole('button', { name: 'Sign the pledge as commander' }).waitFor();
    const ethicalBid = (await cast.solver1.get(`/api/bids/${solver.url().split('/').at(-1)}`)).body;
    assert.deepEqual([...ethicalBid.ethicsCategories].sort(), ['ai', 'personal_data']);
  });
});
