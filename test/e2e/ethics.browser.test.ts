// Browser journey of an ethics review: the organizer sends a bid to the committee from the
// ethics page; a member votes there; at quorum the decision and its conditions show.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildTestApp } from '../support/app.ts';
import { browserUnavailable, launchBrowser, signIn } from '../support/browser.ts';
import { buildBid, buildCast, publishedChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';

const skip = browserUnavailable();

describe('ethics review in Chromium', { skip: skip ?? false, timeout: 120_000 }, () => {
  let t: Awaited<ReturnType<typeof buildTestApp>>;
  let cast: Awaited<ReturnType<typeof buildCast>>;
  let browser: Browser;
  let base: string;
  let bidId: string;
  const members: (TestClient & { id: string })[] = [];

  before(async () => {
    t = await buildTestApp('pglite', { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
    cast = await buildCast(t);
    for (let i = 0; i < 7; i++) {
      const c = t.client();
      const r = await c.register(`member${i}@example.cn`, 'correct horse battery', `委员${i}`);
      await c.login(`member${i}@example.cn`);
      members.push(Object.assign(c, { id: r.body.id as string }));
    }
    await cast.organizer.post('/api/ethics/committees', {
      orgId: cast.agency.id,
      name: '东海省科技伦理委员会',
      members: members.map((m) => m.id),
    });
    const c = await publishedChallenge(cast, {
      titleZh: '临床影像辅助诊断',
      ethicsCategories: ['human_subjects'],
    });
    const b = await cast.solver1.request(
      'POST',
      `/api/challenges/${c.id}/bids`,
      {
        ...buildBid(
          cast.university.id,
          c.targets.map((x) => x.id),
        ),
        ethicsCategories: ['human_subjects'],
      },
      {
        headers: { 'idempotency-key': 'ethics-browser-1' },
      },
    );
    bidId = b.body.id;
    await cast.solver1.post(`/api/bids/${bidId}/sign`, { as: 'commander' });
    await cast.hostAdmin.post(`/api/bids/${bidId}/sign`, { as: 'host' });
    await cast.solver1.post(`/api/bids/${bidId}/actions/submit`);
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
    await page.getByRole('link', { name: '科技伦理审查' }).click();
    return page;
  }

  test('organizer opens the review, a member votes, the decision shows at quorum', async () => {
    const organizer = await as('organizer@example.cn');
    await organizer.getByLabel('揭榜申请编号').fill(bidId);
    await organizer.getByRole('button', { name: '发起审查' }).click();
    await organizer.getByRole('heading', { name: /审查中/ }).waitFor();
    assert.equal(await organizer.getByLabel('您的意见').count(), 0, 'the organizer does not vote');

    const member = await as('member0@example.cn');
    await member.getByLabel('您的意见').selectOption('conditions');
    await member.getByRole('button', { name: '提交意见' }).click();
    await member.getByRole('alert').first().waitFor(); // conditions need a comment: the server names the field
    await member.getByLabel('意见说明（附条件通过时必填）').fill('受试者须签署知情同意书');
    await member.getByRole('button', { name: '提交意见' }).click();
    await member.getByText('已投 1 票').waitFor();

    const review = (await cast.organizer.get('/api/ethics/reviews')).body[0];
    for (const m of members.slice(1, 5))
      await m.post(`/api/ethics/reviews/${review.id}/votes`, { vote: 'approve' });
    await member.reload();
    await member.getByRole('heading', { name: /附条件通过/ }).waitFor();
    await member.getByText('附加条件: 受试者须签署知情同意书').waitFor();
    await organizer.close();
    await member.close();
  });
});
