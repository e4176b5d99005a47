// Browser journey of the integrity officer: a near-duplicate bid is flagged; the officer opens
// the side-by-side view, confirms it and records a finding with a sanction; the sanctioned
// person signs in, tries to bid in the UI, and is refused with the reason and the end date.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, chooseLanguage, launchBrowser } from '../support/browser.ts';
import { buildBid, buildCast, publishedChallenge } from '../support/challenges.ts';

const skip = browserUnavailable();
const shots = join(process.env.JIEBANG_TEST_TMP ?? '.tmp/test', 'screenshots');
const ROUTE =
  '采用两段酸浸除去石英砂中的铁、铝、钛等金属杂质，再经高温氯化焙烧深度提纯；坩埚内层以电弧熔制形成无气泡透明层，外层保留气泡层以保证强度。';

describe('integrity journey in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    // The test clock is not the browser's: keep the session cookie's expiry far ahead of both.
    t = await buildTestApp('pglite', { SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    const officer = t.client();
    const r = await officer.register('officer@example.cn', 'correct horse battery', '周明');
    await cast.admin.post('/api/memberships/grant', {
      personId: r.body.id,
      orgId: cast.agency.id,
      role: 'integrity_officer',
    });
    // Two bids with the same technical route, reworded only slightly, in two challenges.
    // Distinct statements: challenge statements are checked for duplicates too.
    const submit = async (
      who: typeof cast.solver1,
      title: string,
      statement: [string, string],
      route: string,
      key: string,
    ) => {
      const c = await publishedChallenge(cast, {
        titleZh: title,
        statementZh: statement[0],
        statementEn: statement[1],
      });
      const b = await who.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        buildBid(
          cast.university.id,
          c.targets.map((x) => x.id),
          { technicalRoute: route },
        ),
        {
          headers: { 'idempotency-key': key },
        },
      );
      await who.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
      await cast.hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
      await who.post(`/api/bids/${b.body.id}/actions/submit`);
    };
    await submit(
      cast.solver1,
      '石英坩埚甲',
      ['研制用于单晶硅拉制的高纯石英坩埚，内层气泡与金属杂质满足指标。', 'Quartz crucibles for silicon.'],
      ROUTE,
      'browser-dup-1',
    );
    await submit(
      cast.solver2,
      '石英坩埚乙',
      ['开发大尺寸熔融石英坩埚的在线检测装备，实现气泡层厚度的无损测量。', 'Inline inspection of crucibles.'],
      `${ROUTE.replace('深度提纯', '进一步提纯')}`,
      'browser-dup-2',
    );
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  test('flag, side-by-side review, finding with sanction, next bid refused', async () => {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('电子邮箱').fill('officer@example.cn');
    await page.getByLabel('密码').fill('correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
    await page.getByRole('link', { name: '科研诚信' }).click();
    const flag = page.getByRole('article').first();
    await flag.waitFor();
    assert.match((await flag.getByRole('heading', { level: 3 }).textContent()) ?? '', /相似度 \d+%/);
    assert.ok((await flag.locator('mark').count()) >= 2, 'overlapping passages are marked on both sides');
    await page.screenshot({ path: join(shots, 'integrity-flag-zh.png'), fullPage: true });

    // A decision needs its reason: the server names the field and the page shows it there.
    await flag.getByRole('button', { name: '确认重复' }).click();
    await page.getByRole('alert').first().waitFor();
    await flag.getByLabel('处理理由').fill('同一技术路线同时申报两个榜单');
    // Pick the reworded bid's commander (solver2) as the subject before the flag leaves the list.
    await flag
      .locator('.dup-sides > div')
      .filter({ hasText: '进一步提纯' })
      .getByRole('button', { name: '对该负责人记录失信行为' })
      .click();
    await flag.getByRole('button', { name: '确认重复' }).click();
    await page.getByText('暂无待处理的疑似重复').waitFor();

    assert.equal(await page.getByLabel('当事人（编号）').inputValue(), cast.solver2.id);
    await page.getByLabel('行为类型').selectOption('duplicate_submission');
    await page.getByLabel('严重程度').selectOption('serious');
    await page.getByLabel('证据').fill('两份揭榜申请技术路线高度雷同（相似度见疑似重复记录）');
    await page.getByLabel('处理决定').fill('暂停揭榜申报资格一年');
    await page.getByLabel('起').fill('2026-11-01');
    await page.getByLabel('止').fill('2027-10-31');
    await page.getByRole('button', { name: '保存记录' }).click();
    await page.getByText('记录已保存').waitFor();
    await page.getByRole('cell', { name: '暂停揭榜申报资格一年' }).waitFor();
    await page.screenshot({ path: join(shots, 'integrity-record-zh.png'), fullPage: true });

    // The sanctioned person signs in and tries to bid: the refusal names what blocks it and until when.
    const c = await publishedChallenge(cast, {
      titleZh: '石英坩埚丙',
      titleEn: 'Crucible C',
      statementZh: '研究石英坩埚使用后的回收与再生工艺，降低单位硅片的坩埚成本。',
      statementEn: 'Recycling used crucibles.',
    });
    await cast.solver2.put('/api/profile/locale', { locale: 'en' }); // their login opens in their language
    const solver = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    solver.setDefaultTimeout(15_000);
    await solver.goto(`${base}/login`);
    await solver.getByLabel('电子邮箱').fill('solver2@example.cn');
    await solver.getByLabel('密码').fill('correct horse battery');
    await solver.keyboard.press('Enter');
    // The person's own language preference applies on signing in; the test reads the page in Chinese.
    await solver.getByRole('heading', { name: /欢迎|Welcome/ }).waitFor();
    await chooseLanguage(solver, 'zh-CN');
    await solver.getByRole('heading', { name: /欢迎/ }).waitFor();
    await solver.goto(`${base}/challenges/${c.id}`);
    await solver.getByRole('link', { name: '我要揭榜' }).click();
    await solver
      .getByLabel('技术路线', { exact: true })
      .fill('Acid leaching and arc fusion of the inner layer');
    await solver.locator('#f-milestones-0-title').fill('Pilot batch');
    await solver.locator('#f-milestones-0-due').fill('2027-06-30');
    await solver.locator('#f-milestones-0-deliverables').fill('10 crucibles and lab reports');
    await solver.getByLabel('申请经费（元）', { exact: true }).fill('1000000');
    await solver.getByLabel('承诺', { exact: true }).fill('Meet every mandatory target on time.');
    await solver.getByLabel('未完成的责任', { exact: true }).fill('Return unspent funds.');
    await solver.getByRole('button', { name: '保存申请' }).click();
    const refusal = solver.getByRole('alert').filter({ hasText: '受科研诚信处理限制' });
    await refusal.waitFor();
    assert.match((await refusal.textContent()) ?? '', /受科研诚信处理限制，2027-10-31（含）前不得/);
    // The headline says the same in the reader's language, from the error's structured details.
    await refusal.getByText('受科研诚信处理限制，2027-10-31（含）前不得揭榜申报。').waitFor();
    assert.equal((await cast.solver2.get('/api/bids/mine')).body.total, 1, 'no bid was made');
    await solver.screenshot({ path: join(shots, 'integrity-refused-zh.png'), fullPage: true });

    // The subject sees their record (subject and evidence) and appeals it; the grounds are required.
    await solver.getByRole('link', { name: '科研诚信' }).click();
    const own = solver.getByRole('row').filter({ hasText: '暂停揭榜申报资格一年' });
    await own.getByRole('cell', { name: /两份揭榜申请技术路线高度雷同/ }).waitFor();
    assert.equal(await solver.getByRole('heading', { name: '记录失信行为' }).count(), 0, 'no officer panel');
    await own.getByRole('button', { name: '提出申诉' }).click();
    await own.getByRole('button', { name: '提交申诉' }).click();
    await own.getByLabel('申诉理由').and(solver.locator('[aria-invalid="true"]')).waitFor();
    await own.getByLabel('申诉理由').fill('两个榜单需求不同，技术路线相近属正常');
    await own.getByRole('button', { name: '提交申诉' }).click();
    await own.getByRole('cell', { name: /申诉中/ }).waitFor();
    await solver.close();

    // The officer decides the appeal: upheld, so the finding and its sanction stand.
    await page.reload();
    const pending = page.getByRole('row').filter({ hasText: '暂停揭榜申报资格一年' });
    await pending.getByRole('button', { name: '处理申诉' }).click();
    await pending.getByLabel('申诉处理意见').fill('技术路线逐句雷同，维持原决定');
    await pending.getByRole('button', { name: '驳回申诉（维持决定）' }).click();
    await pending.getByRole('cell', { name: /申诉驳回，维持决定/ }).waitFor();

    // The audit trail viewer: verified on opening, searchable by object.
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByText(/哈希链完整：共 \d+ 条记录/).waitFor();
    await page.getByLabel('对象类型').fill('重复提交标记');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /^查\s?找$/ }).click();
    // Who did what to which object, in words; the action's code on hover.
    await page.getByRole('cell', { name: '确认重复提交' }).first().waitFor();
    assert.equal((await page.locator('abbr[title="duplicate.confirmed"]').count()) > 0, true);
    // …and by the actor's name.
    await page.reload();
    await page.getByLabel('操作人').fill('周明');
    await page.getByRole('button', { name: /^查\s?找$/ }).click();
    await page.getByRole('cell', { name: '裁决申诉' }).first().waitFor();
    await page.getByRole('cell', { name: '周明' }).first().waitFor();
    await page.screenshot({ path: join(shots, 'audit-zh.png'), fullPage: true });
    await page.close();
  });
});
