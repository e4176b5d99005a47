// Browser journey on the real server: a three-team race through two gates to a winner, the
// board showing each step. The organizer does everything in the UI: declares the race, invites
// the third team and starts it in the console, records each gate's inputs, proposes, resolves the
// objection, finalises, withdraws and re-proposes gate 2 (same lot) and finalises it. A team member
// reads the board, sees only their own explanation and objects by keyboard during the notice.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, chooseLanguage, confirmed, launchBrowser } from '../support/browser.ts';
import { buildCast } from '../support/challenges.ts';
import { awardedRaceChallenge } from '../support/race.ts';

const skip = browserUnavailable();
const shots = join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');
const DAY = 86_400_000;

/** Open the antd select labelled `label` inside `scope` and choose the option showing `option`. */
async function choose(page: Page, scope: Page | Locator, label: string, option: string | RegExp) {
  await scope.getByLabel(label, { exact: true }).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

describe('race board journey in Chromium', { skip: skip ?? false, timeout: 180_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let browser: Browser;
  let page: Page;
  let base: string;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    // The server's clock is the test's: gates open and notices end when the test moves it.
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await browser.newPage({ locale: 'zh-CN' });
    page.setDefaultTimeout(15_000);
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('three teams, two gates, one winner — the board at every step', async () => {
    const cast = await buildCast(t);
    const { organizer } = cast;
    const { challenge, bids } = await awardedRaceChallenge(t, cast, 'browser');
    const [impurity] = challenge.targets.map((x) => x.id);
    const ok = async (p: Promise<{ status: number; body: any }>) => {
      const r = await p;
      assert.ok(r.status < 300, JSON.stringify(r.body));
      return r.body;
    };
    // Step 0: the organizer declares the race in the UI (two stages), then invites and starts over HTTP.
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const org = await ctx.newPage();
    org.setDefaultTimeout(15_000);
    await org.goto(`${base}/login`);
    await org.getByLabel('电子邮箱').fill('organizer@example.cn');
    await org.getByLabel('密码').fill('correct horse battery');
    await org.keyboard.press('Enter');
    await org.getByRole('heading', { name: '欢迎，organizer' }).waitFor();
    await org.goto(`${base}/races`);
    await org.getByRole('button', { name: '发起赛马' }).click();
    await org.getByRole('heading', { name: '发起赛马' }).waitFor();
    await choose(org, org, '榜单', '石英坩埚赛马（browser）');
    await org
      .getByRole('checkbox', { name: /总金属杂质含量/ })
      .first()
      .waitFor();
    await org.getByLabel('资助总额（元）').fill('8000000');
    await org.getByLabel('每个关口公示天数').fill('3');
    await org.getByLabel('签约首付比例（%）').fill('30');
    await org.getByLabel('签约首付上限（元）').fill('3000000');
    await org.getByRole('button', { name: '增加阶段' }).click();
    const beijing = (days: number) =>
      new Date(t.clock.t + days * DAY + 8 * 3_600_000).toISOString().slice(0, 16);
    const stageSpec = [
      {
        zh: '小批量样品',
        en: 'Pilot samples',
        days: 30,
        k: '2',
        share: '40',
        weights: '1',
        ev: '第三方检测报告与试用记录',
      },
      {
        zh: '产线验证',
        en: 'Line validation',
        days: 90,
        k: '1',
        share: '60',
        weights: '3, 1',
        ev: '产线连续拉晶记录',
      },
    ];
    for (const [i, s] of stageSpec.entries()) {
      const n = i + 1;
      await org.getByLabel(`第 ${n} 阶段名称（中文）`).fill(s.zh);
      await org.getByLabel(`第 ${n} 阶段名称（英文）`).fill(s.en);
      await org.getByLabel(`第 ${n} 阶段关口时间`).fill(beijing(s.days));
      await org.getByLabel(`第 ${n} 阶段所需证据`).fill(s.ev);
      await choose(org, org, `第 ${n} 阶段晋级规则`, '平均分前 k 名');
      await org.getByLabel(`第 ${n} 阶段 k（晋级名额）`).fill(s.k);
      await choose(org, org, `第 ${n} 阶段首要并列规则（最后总以抽签决定）`, /总金属杂质含量 指标更优/);
      await org.getByLabel(`第 ${n} 阶段拨付比例（余额的 %）`).fill(s.share);
      await org.getByLabel(`第 ${n} 阶段名次权重`).fill(s.weights);
    }
    // A server refusal shows next to the field it names; fixing the field lets the declaration through.
    await org.getByLabel('第 2 阶段关口时间').fill(beijing(30));
    await org.getByRole('button', { name: '发起赛马', exact: true }).click();
    await org.locator('.ant-form-item-explain-error').getByText('必须晚于上一阶段的关口').waitFor();
    await org.getByLabel('第 2 阶段关口时间').fill(beijing(90));
    await org.getByRole('button', { name: '发起赛马', exact: true }).click();
    await org.getByRole('heading', { name: /赛马：/ }).waitFor();
    const raceId = new URL(org.url()).pathname.split('/').pop() as string;
    const race = await ok(organizer.get(`/api/races/${raceId}`));
    assert.equal(race.state, 'setup');
    assert.deepEqual(
      race.tranchePlan.stages.map((s: { rankWeights: number[] }) => s.rankWeights),
      [[1], [3, 1]],
    );
    assert.equal(race.awardFen, 800_000_000);
    assert.equal(race.stages[0].tieBreak[0].targetId, impurity, 'first tie-break: the first target');
    // The organizer invites the third bid and starts the race in the console.
    const orgBoard = org.getByRole('region', { name: /各团队各阶段/ });
    await org.getByRole('heading', { name: '邀请其他团队' }).waitFor();
    assert.equal(await orgBoard.locator('tbody tr.ant-table-row').count(), 2, 'the two awarded teams');
    // The one bid left to invite, chosen by its commander's and host's names.
    await choose(org, org, '揭榜方案', /已提交|未入选|已中榜/);
    await confirmed(org, '邀请', '确认');
    await org.getByText('已邀请该团队；已为其生成任务书，可以拨款。').waitFor();
    await orgBoard.getByText('(增补)').waitFor();
    assert.equal(await orgBoard.locator('tbody tr.ant-table-row').count(), 3);
    await confirmed(org, '开赛', '确认');
    await org.getByText('赛马开始，拨付签约首付').waitFor();
    assert.equal(await orgBoard.getByText('在赛').count(), 3);
    let board = await ok(organizer.get(`/api/races/${race.id}`));
    assert.equal(board.state, 'running');
    assert.equal(board.releasedFen, 240_000_000, 'signing tranches to all three');
    const [A, B, C] = bids.map((b) => board.teams.find((x: { bidId: string }) => x.bidId === b.id).id);
    const teamLabel = (id: string) => {
      const x = board.teams.find((y: { id: string }) => y.id === id);
      return `${x.commanderZh} · ${x.hostZh}`;
    };
    // Step 1: the member (commander of team C) logs in and finds the race by keyboard.
    await page.goto(`${base}/login`);
    await page.getByLabel('电子邮箱').fill('member@example.cn');
    await page.getByLabel('密码').fill('correct horse battery');
    await page.keyboard.press('Enter');
    // Logged in (the login page moves on to the home page): only then go on, or that move could land later.
    await page.getByRole('heading', { name: '欢迎，member' }).waitFor();
    await page.getByRole('link', { name: '赛马', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '赛马', exact: true }).waitFor();
    await page.getByRole('link', { name: /石英坩埚赛马/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /赛马：/ }).waitFor();
    const boardTable = page.getByRole('region', { name: /各团队各阶段/ });
    assert.equal(await boardTable.getByText('在赛').count(), 3);
    await page.getByText('赛马开始，拨付签约首付').waitFor();
    // The team submits its own evidence for gate 1 from its panel on the board.
    const teamPanel = page.getByRole('region', { name: '我的团队' });
    await teamPanel.getByRole('heading', { name: '第 1 关证明材料' }).waitFor();
    await teamPanel.getByLabel('材料说明').fill('第三方检测报告 C-1');
    await teamPanel.getByRole('button', { name: '提交证明材料' }).click();
    await page.getByText('证明材料已提交。').waitFor();
    await page.getByText(/提交第 1 关证明材料: member/).waitFor();
    await page.screenshot({ path: join(shots, 'race-1-started.png'), fullPage: true });

    // Step 2: gate 1 proposed — ranked, explained to team C alone, open for objections.
    // The organizer records gate 1's inputs and proposes the decision in the console.
    await org.reload();
    await org.getByRole('heading', { name: '组织方控制台' }).waitFor();
    const evalForm = org.getByRole('region', { name: '录入评测结果' });
    const inputs: [string, string, string, string][] = [
      [A, '12', '260', '88, 90'],
      [B, '14', '210', '80，82'],
      [C, '18', '150', '70, 75'],
    ];
    for (const [i, [team, imp, hrs, scores]] of inputs.entries()) {
      await choose(org, evalForm, '阶段', '第 1 关');
      await choose(org, evalForm, '团队', teamLabel(team));
      await org.getByLabel(/实测：总金属杂质含量/).fill(imp);
      await org.getByLabel(/实测：连续拉晶时间/).fill(hrs);
      await org.getByLabel('专家评分').fill(scores);
      await org.getByLabel('专家评分').press('Enter');
      await org.getByTestId('recorded-evaluation').nth(i).waitFor();
    }
    assert.equal(await org.getByTestId('recorded-evaluation').count(), 3);
    t.clock.t += 31 * DAY;
    await org.getByRole('button', { name: '提出关口决定' }).click();
    await org.getByText('第 1 关决定已提出。').waitFor();
    await org.screenshot({ path: join(shots, 'race-2-organizer-console.png'), fullPage: true });
    board = await ok(organizer.get(`/api/races/${race.id}`));
    assert.deepEqual(board.gates[0].advancing.sort(), [A, B].sort());
    const gate1 = board.gates[0].id;
    await page.reload();
    await page.getByRole('heading', { name: '第 1 关 · 拟定——公示期可提异议' }).waitFor();
    await page.getByText('3 队中排第 3，不在前 2 名内：淘汰').waitFor();
    assert.equal(await page.getByText('3 队中排第 1').count(), 0, 'other teams’ explanations stay private');
    assert.equal(await boardTable.getByText('出局').count(), 1);
    await page.getByLabel('对本决定的异议').fill('杂质检测样品批次有误，请复核');
    await page.getByLabel('对本决定的异议').press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('异议已登记。').waitFor();
    await page.getByText(/杂质检测样品批次有误，请复核 — 待处理/).waitFor();
    await page.screenshot({ path: join(shots, 'race-2-gate1-proposed.png'), fullPage: true });

    // Step 3: the organizer dismisses the objection in the console, the notice ends, gate 1 is
    // finalised in the UI: C is out.
    await org.reload();
    const objections = org.getByRole('region', { name: '待处理异议' });
    await objections.getByText(/杂质检测样品批次有误/).waitFor();
    await choose(org, objections, '处理结果', '不成立');
    await objections.getByLabel('处理意见').fill('复核一致');
    await confirmed(org, '处理异议', '确认');
    await org.getByText('第 1 关异议不成立').waitFor();
    await confirmed(org, '决定生效', '确认');
    await org.getByText('异议公示期尚未结束').waitFor();
    t.clock.t += 4 * DAY;
    await confirmed(org, '决定生效', '确认');
    await org.getByText('关口决定已生效。').waitFor();
    assert.equal(await orgBoard.getByText('已淘汰').count(), 1);
    assert.equal((await ok(organizer.get(`/api/races/${race.id}`))).gates[0].id, gate1);
    await page.reload();
    await page.getByRole('heading', { name: '第 1 关 · 已生效' }).waitFor();
    assert.equal(await boardTable.getByText('已淘汰').count(), 1);
    assert.equal(await boardTable.getByText('在赛').count(), 2);
    await page.screenshot({ path: join(shots, 'race-3-gate1-final.png'), fullPage: true });

    // Step 4: gate 2 in the console: inputs, proposal, a withdrawal with its reason and a new
    // proposal on the same lot, then final; the board, chart and history show the finish.
    await org.reload();
    const inputs2: [string, string, string, string][] = [
      [A, '9', '420', '92'],
      [B, '9.5', '410', '86'],
    ];
    for (const [i, [team, imp, hrs, scores]] of inputs2.entries()) {
      await choose(org, evalForm, '阶段', '第 2 关');
      await choose(org, evalForm, '团队', teamLabel(team));
      await org.getByLabel(/实测：总金属杂质含量/).fill(imp);
      await org.getByLabel(/实测：连续拉晶时间/).fill(hrs);
      await org.getByLabel('专家评分').fill(scores);
      await org.getByLabel('专家评分').press('Enter');
      await org.getByTestId('recorded-evaluation').nth(i).waitFor();
    }
    t.clock.t += 60 * DAY;
    await org.getByRole('button', { name: '提出关口决定' }).click();
    await org.getByRole('heading', { name: '第 2 关 · 拟定——公示期可提异议' }).waitFor();
    const seed = (await ok(organizer.get(`/api/races/${race.id}`))).gates[1].seed;
    const withdrawGate = org.getByRole('region', { name: '撤回第 2 关决定' });
    await withdrawGate.getByLabel('理由').fill('B 队产线数据待补充');
    await withdrawGate.getByRole('button', { name: '撤回决定' }).click();
    await org.getByRole('heading', { name: '第 2 关 · 已撤回' }).waitFor();
    await org.getByRole('button', { name: '提出关口决定' }).click();
    await org.getByRole('heading', { name: '第 2 关 · 拟定——公示期可提异议' }).waitFor();
    board = await ok(organizer.get(`/api/races/${race.id}`));
    const gate2 = board.gates.find((g: { state: string }) => g.state === 'proposed');
    assert.equal(gate2.seed, seed, 'the re-proposal draws no new lot');
    assert.deepEqual(gate2.advancing, [A]);
    t.clock.t += 4 * DAY;
    await confirmed(org, '决定生效', '确认');
    await org.getByText('关口决定已生效。').waitFor();
    await org.getByText('胜出：solver1 · 东海大学').waitFor();
    assert.equal(await orgBoard.getByText('胜出').count(), 1);
    await page.reload();
    await page.getByText('胜出：solver1 · 东海大学').waitFor();
    await page.getByRole('heading', { name: '第 2 关 · 已生效' }).waitFor();
    await ctx.close();
    assert.equal(await boardTable.getByText('胜出').count(), 1);
    assert.equal(await boardTable.getByText('已淘汰').count(), 2);
    await page.locator('.race-chart canvas').first().waitFor();
    await page.getByText('本关晋级').waitFor();
    await page.getByText('本关出局').waitFor();
    assert.equal(await page.getByText('第 2 关决定生效，晋级').count(), 1);
    await page.screenshot({ path: join(shots, 'race-4-finished.png'), fullPage: true });

    await chooseLanguage(page, 'en');
    await page.getByText('Winner: solver1').waitFor();
    await page.getByRole('heading', { name: 'Gate 2 · final' }).waitFor();
    await page.screenshot({ path: join(shots, 'race-4-finished-en.png'), fullPage: true });
  });
});
