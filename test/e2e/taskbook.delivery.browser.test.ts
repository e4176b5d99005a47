// Browser journey of delivery in Chromium: the commander reports a milestone with an evidence file,
// the organizer names an expert from the pool, the proposer and the expert each give a verdict
// (both shown), and the proposer records acceptance with another lab, which needs a reason.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser } from '../support/browser.ts';
import { buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';
import { buildOrganisation } from '../support/factories.ts';

const skip = browserUnavailable();
const tmp = process.env.JIEBANG_TEST_TMP ?? '.tmp/test';
const shots = join(tmp, 'screenshots');
const EXPERT_HEADER =
  'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load,availability,employment,publications,projects,relations';

describe('milestone evidence, expert review and acceptance verifier in Chromium', {
  skip: skip ?? false,
  timeout: 180_000,
}, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  let bookId: string;
  const pdf = join(tmp, '小批量样品检测报告.pdf');

  before(async () => {
    mkdirSync(shots, { recursive: true });
    writeFileSync(pdf, '%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    const c = await publishedChallenge(cast, { titleZh: '交付评审浏览器测试' });
    const b = await submittedBid(cast.solver1, cast.hostAdmin, c, cast.university.id, 'delivery-browser-1');
    t.clock.t = Date.parse('2027-01-02T00:00:00Z');
    await cast.organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
    await cast.organizer.post(`/api/bids/${b.id}/actions/select`);
    await cast.organizer.post(`/api/challenges/${c.id}/actions/announce`, {});
    t.clock.t += 6 * 86_400_000;
    await cast.organizer.post(`/api/challenges/${c.id}/actions/award`, {});
    bookId = (await cast.proposer.get(`/api/challenges/${c.id}`)).body.taskBooks[0].id;
    await cast.solver1.post(`/api/task-books/${bookId}/sign`);
    await cast.proposer.post(`/api/task-books/${bookId}/sign`);
    // One expert of the pool, at an independent institute.
    const institute = (
      await cast.admin.post(
        '/api/organisations',
        buildOrganisation({ kind: 'institute', nameZh: '材料评测研究所' }),
      )
    ).body;
    await t.client().register('expert-liu@example.cn', 'correct horse battery', '刘评审');
    const imported = await cast.organizer.request(
      'POST',
      '/api/experts/import',
      `${EXPERT_HEADER}\nexpert-liu@example.cn,刘评审,,${institute.uscc},E0207,石英,crucible,5,,,,,\n`,
      { headers: { 'content-type': 'text/csv' } },
    );
    assert.ok(imported.status < 300, JSON.stringify(imported.body));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function as(email: string): Promise<Page> {
    const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 900 } });
    page.setDefaultTimeout(15_000);
    await page.goto(`${base}/login`);
    await page.getByLabel('电子邮箱').fill(email);
    await page.getByLabel('密码').fill('correct horse battery');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /欢迎/ }).waitFor();
    await page.goto(`${base}/task-books/${bookId}`);
    await page.getByRole('heading', { name: '里程碑报告' }).waitFor();
    return page;
  }

  test('report with evidence, verdicts of the proposer and a named expert, acceptance by another lab with a reason', async () => {
    // The commander reports milestone 1 and attaches the test report from the keyboard-reachable file input.
    const commander = await as('solver1@example.cn');
    await commander.getByLabel('进展摘要').fill('完成 10 只小批量样品，金属杂质 9.5 ppm');
    await commander.getByLabel('实测：总金属杂质含量（ppm）').fill('9.5');
    await commander.getByLabel('佐证材料（PDF、PNG 或 JPEG，每个不超过 10 MiB）').setInputFiles(pdf);
    await commander.getByText('已选择：小批量样品检测报告.pdf').waitFor();
    await commander.getByRole('button', { name: '提交报告' }).click();
    await commander.getByRole('link', { name: '小批量样品检测报告.pdf' }).waitFor();
    const link = await commander.getByRole('link', { name: '小批量样品检测报告.pdf' }).getAttribute('href');
    assert.match(link ?? '', /^\/api\/attachments\/[0-9a-f-]{36}$/);
    await commander.close();

    // The organizer finds the expert in the pool and names them, by keyboard.
    const organizer = await as('organizer@example.cn');
    await organizer.getByLabel('检索专家库（姓名、邮箱或关键词）').fill('刘评审');
    await organizer.keyboard.press('Enter');
    await organizer.getByRole('button', { name: '指定 刘评审' }).focus();
    await organizer.keyboard.press('Enter');
    await organizer
      .getByRole('listitem')
      .filter({ hasText: /^刘评审$/ })
      .waitFor();
    await organizer.close();

    const proposer = await as('proposer@example.cn');
    await proposer.getByRole('button', { name: '通过报告' }).click();
    await proposer.getByText('尚待评审：刘评审').waitFor();
    await proposer.close();

    const expert = await as('expert-liu@example.cn');
    await expert.getByRole('link', { name: '小批量样品检测报告.pdf' }).waitFor();
    await expert.getByLabel('审查意见').fill('检测报告完整，数据可信');
    await expert.getByRole('button', { name: '通过报告' }).click();
    await expert.getByText('专家 刘评审: 通过 — 检测报告完整，数据可信', { exact: false }).waitFor();
    await expert.getByText(/发榜方 proposer: 通过/).waitFor();
    await expert.screenshot({ path: join(shots, 'taskbook-delivery-reviews-zh.png'), fullPage: true });
    await expert.close();
    const book = (await cast.proposer.get(`/api/task-books/${bookId}`)).body;
    assert.equal(book.reports[0].reviewState, 'accepted');
    assert.deepEqual(book.reports[0].reviews.map((v: { role: string }) => v.role).sort(), [
      'expert',
      'proposer',
    ]);

    // Acceptance: another lab than the declared one is refused until a reason is given.
    const page = await as('proposer@example.cn');
    const row = page.getByRole('form', { name: '总金属杂质含量' });
    await row.getByLabel('实测值 (ppm)').fill('9.2');
    await row.getByLabel('证明材料').fill('复检报告');
    await row.getByRole('checkbox', { name: /小批量样品检测报告\.pdf/ }).check();
    await row.getByLabel('验证方', { exact: true }).fill('某民营检测公司');
    await row.getByRole('button', { name: '记录' }).click();
    const reason = row.getByLabel('未按约定验证方验证的理由');
    // The server names the field; the form marks it and says why.
    await row.locator('input[aria-invalid="true"]').waitFor();
    assert.equal(await reason.getAttribute('aria-invalid'), 'true');
    await reason.fill('原定检测中心设备检修三个月');
    await row.getByRole('button', { name: '记录' }).click();
    await page.getByText('已保存。').waitFor();
    await page.getByText('✓ 达标').waitFor();
    await page.screenshot({ path: join(shots, 'taskbook-delivery-acceptance-zh.png'), fullPage: true });
    const judged = (await cast.proposer.get(`/api/task-books/${bookId}`)).body.judgements[0];
    assert.deepEqual(
      [judged.verifierKind, judged.verifier, judged.verifierReason, judged.evidenceAttachmentIds.length],
      ['lab', '某民营检测公司', '原定检测中心设备检修三个月', 1],
    );
    await page.close();
  });
});
