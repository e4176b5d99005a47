// "My tasks" of challenges, bids and delivery, each shown to the person who must act (with the
// right count and link) and to nobody else; the bid's submission checklist naming who must act;
// paged lists with names; task books found by the challenge's title.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorFor } from '../../src/demo/actor.ts';
import { tasksFor } from '../../src/modules/home/tasks.ts';
import { buildTestApp } from '../support/app.ts';
import {
  buildBid,
  buildCast,
  buildChallenge,
  publishedChallenge,
  submittedBid,
} from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { DAY, ok } from '../support/delivery.ts';

const KINDS = new Set([
  'bid.confirm',
  'bid.sign_pledge_commander',
  'bid.sign_pledge_host',
  'bid.submit',
  'challenge.vet',
  'objection.answer',
  'report.judge',
  'task_book.sign',
]);

for (const kind of backends()) {
  describe(`challenge tasks (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    /** This module's tasks of a person, by kind: { count, href }. */
    const tasksOf = async (who: TestClient & { id: string }) => {
      const items = await tasksFor({ ...t.ctx, actor: await actorFor(t.ctx, who.id) });
      return Object.fromEntries(
        items.filter((x) => KINDS.has(x.kind)).map((x) => [x.kind, { count: x.count, href: x.href }]),
      );
    };

    test('a bid puts confirmation and pledge signatures before the right people, and says what is missing', async () => {
      const { solver1, solver2, member, hostAdmin, outsider, university } = cast;
      const c = await publishedChallenge(cast, {
        titleZh: '待办测试榜单',
        deadline: new Date(t.clock.t + 20 * DAY).toISOString(),
      });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
        { members: [{ personId: member.id, role: '工艺' }] },
      );
      const bid = await ok(
        solver1.request('POST', `/api/challenges/${c.id}/bids`, body, {
          headers: { 'idempotency-key': 'tasks-bid-1' },
        }),
        'bid',
      );
      assert.deepEqual((await tasksOf(member))['bid.confirm'], { count: 1, href: `/bids/${bid.id}` });
      assert.deepEqual((await tasksOf(solver1))['bid.sign_pledge_commander'], {
        count: 1,
        href: `/bids/${bid.id}`,
      });
      assert.deepEqual((await tasksOf(hostAdmin))['bid.sign_pledge_host'], {
        count: 1,
        href: `/bids/${bid.id}`,
      });
      assert.deepEqual(await tasksOf(solver2), {}, 'nothing for a solver outside the team');
      assert.deepEqual(await tasksOf(outsider), {});
      assert.equal((await tasksOf(solver1))['bid.submit'], undefined, 'not ready to submit yet');

      // The checklist says what is missing and who must act, in the reader's language.
      const zh = await ok(solver1.get(`/api/bids/${bid.id}`), 'bid');
      assert.deepEqual(
        zh.missing.map((m: { code: string; who: string }) => [m.code, m.who]),
        [
          ['member_confirmation', 'member'],
          ['commander_signature', 'solver1'],
          ['host_signature', 'hostadmin'],
        ],
      );
      assert.match(zh.missing[2].what, /依托单位 .* 尚未签署第 1 版军令状/);
      assert.deepEqual(zh.hostOrg, { id: university.id, nameZh: '东海大学', nameEn: university.nameEn });
      await ok(solver1.put('/api/profile/locale', { locale: 'en' }), 'locale');
      const en = await ok(solver1.get(`/api/bids/${bid.id}`), 'bid');
      assert.equal(en.missing[0].what, 'member has not confirmed joining the team');
      assert.match(en.missing[2].what, /^The host organisation .+ has not signed version 1 of the pledge$/);

      await ok(member.post(`/api/bids/${bid.id}/confirm`), 'confirm');
      await ok(solver1.post(`/api/bids/${bid.id}/sign`, { as: 'commander' }), 'sign');
      assert.equal((await tasksOf(member))['bid.confirm'], undefined);
      assert.equal((await tasksOf(solver1))['bid.sign_pledge_commander'], undefined);
      await ok(hostAdmin.post(`/api/bids/${bid.id}/sign`, { as: 'host' }), 'sign host');
      assert.deepEqual((await ok(solver1.get(`/api/bids/${bid.id}`), 'bid')).missing, []);
      assert.deepEqual(await tasksOf(hostAdmin), {});
      assert.deepEqual((await tasksOf(solver1))['bid.submit'], { count: 1, href: `/bids/${bid.id}` });

      // My bids: a page with names, for the commander and the member, not for others.
      const mine = await ok(member.get('/api/bids/mine'), 'mine');
      assert.equal(mine.total, 1);
      assert.deepEqual(mine.items[0].challenge, {
        id: c.id,
        nameZh: '待办测试榜单',
        nameEn: buildChallenge('', '').titleEn,
      });
      assert.equal(mine.items[0].commander.nameZh, 'solver1');
      assert.equal(mine.items[0].isCommander, false);
      assert.equal((await ok(solver2.get('/api/bids/mine'), 'mine')).total, 0);

      // Once the deadline passes, bid work is no longer put in front of anyone.
      const start = t.clock.t;
      t.clock.t += 21 * DAY;
      assert.deepEqual(await tasksOf(solver1), {});
      t.clock.t = start;
      await ok(solver1.put('/api/profile/locale', { locale: 'zh-CN' }), 'locale');
    });

    test('organizers vet submitted challenges and answer objections; both sides sign task books; the proposer judges reports', async () => {
      const { proposer, organizer, solver1, outsider, hostAdmin, university } = cast;
      const draft = await ok(
        proposer.post('/api/challenges', buildChallenge(cast.enterprise.id, cast.agency.id)),
        'draft',
      );
      await ok(proposer.post(`/api/challenges/${draft.id}/actions/submit`, {}), 'submit');
      assert.deepEqual((await tasksOf(organizer))['challenge.vet'], {
        count: 1,
        href: `/challenges/${draft.id}`,
      });
      assert.deepEqual(await tasksOf(proposer), {}, 'the proposer waits; vetting is not their task');
      const mineOrganizer = await ok(organizer.get('/api/challenges/mine?state=submitted'), 'mine');
      assert.deepEqual(
        mineOrganizer.items.map((x: { id: string }) => x.id),
        [draft.id],
      );
      assert.equal(mineOrganizer.items[0].organiser.nameZh, '东海省科学技术厅');
      await ok(
        organizer.post(`/api/challenges/${draft.id}/actions/reject`, { comment: '不在支持范围' }),
        'reject',
      );
      assert.equal((await tasksOf(organizer))['challenge.vet'], undefined);

      const deadline = t.clock.t + 20 * DAY;
      const c = await publishedChallenge(cast, {
        titleZh: '石英坩埚交付',
        deadline: new Date(deadline).toISOString(),
      });
      const b = await submittedBid(solver1, hostAdmin, c, university.id, 'tasks-delivery');
      t.clock.t = deadline + 3_600_000;
      await ok(organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {}), 'close');
      const bids = await ok(organizer.get(`/api/challenges/${c.id}/bids`), 'bids');
      assert.equal(bids.total, 1);
      assert.deepEqual(bids.items[0].hostOrg, {
        id: university.id,
        nameZh: '东海大学',
        nameEn: university.nameEn,
      });
      await ok(organizer.post(`/api/bids/${b.id}/actions/select`), 'select');
      await ok(organizer.post(`/api/challenges/${c.id}/actions/announce`, {}), 'announce');
      const objection = await ok(
        outsider.post(`/api/challenges/${c.id}/objections`, { text: '团队资质存疑' }),
        'object',
      );
      assert.deepEqual((await tasksOf(organizer))['objection.answer'], {
        count: 1,
        href: `/challenges/${c.id}`,
      });
      assert.equal((await tasksOf(outsider))['objection.answer'], undefined);
      await ok(
        organizer.post(`/api/objections/${objection.id}/resolve`, {
          decision: 'dismissed',
          resolution: '资质齐全',
        }),
        'resolve',
      );
      assert.equal((await tasksOf(organizer))['objection.answer'], undefined);
      t.clock.t += 6 * DAY;
      await ok(organizer.post(`/api/challenges/${c.id}/actions/award`, {}), 'award');
      const book = (await ok(proposer.get(`/api/challenges/${c.id}`), 'challenge')).taskBooks[0];
      assert.equal(book.commander.nameZh, 'solver1');

      // Task books are found by the challenge's title, by their parties only.
      const found = await ok(proposer.get(`/api/task-books?q=${encodeURIComponent('坩埚交付')}`), 'search');
      assert.deepEqual(
        found.items.map((x: { id: string }) => x.id),
        [book.id],
      );
      assert.equal(found.items[0].challenge.nameZh, '石英坩埚交付');
      assert.equal(found.items[0].hostOrg.nameZh, '东海大学');
      assert.equal((await ok(outsider.get('/api/task-books?q=%E5%9D%A9%E5%9F%9A'), 'search')).total, 0);
      const fundable = await ok(organizer.get('/api/task-books?fundable=true'), 'fundable');
      assert.ok(
        fundable.items.some((x: { id: string }) => x.id === book.id),
        'the organizer may fund it',
      );
      assert.equal((await ok(solver1.get('/api/task-books?fundable=true'), 'fundable')).total, 0);

      const sign = { count: 1, href: `/task-books/${book.id}` };
      assert.deepEqual((await tasksOf(proposer))['task_book.sign'], sign);
      assert.deepEqual((await tasksOf(solver1))['task_book.sign'], sign);
      assert.equal((await tasksOf(organizer))['task_book.sign'], undefined);
      await ok(solver1.post(`/api/task-books/${book.id}/sign`), 'sign');
      assert.equal((await tasksOf(solver1))['task_book.sign'], undefined);
      await ok(proposer.post(`/api/task-books/${book.id}/sign`), 'sign');
      assert.equal((await tasksOf(proposer))['task_book.sign'], undefined);

      const active = await ok(solver1.get(`/api/task-books/${book.id}`), 'book');
      await ok(
        solver1.post(`/api/task-books/${book.id}/reports`, {
          milestoneNo: 0,
          summary: '小批量样品完成',
          measured: { [active.targets[0].id]: '9' },
        }),
        'report',
      );
      assert.deepEqual((await tasksOf(proposer))['report.judge'], sign);
      assert.equal((await tasksOf(organizer))['report.judge'], undefined);
      assert.equal((await tasksOf(solver1))['report.judge'], undefined);
      const report = (await ok(proposer.get(`/api/task-books/${book.id}`), 'book')).reports[0];
      await ok(proposer.post(`/api/reports/${report.id}/review`, { decision: 'accepted' }), 'review');
      assert.equal((await tasksOf(proposer))['report.judge'], undefined);
    });
  });
}
