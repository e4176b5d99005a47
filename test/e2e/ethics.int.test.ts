// Ethics review: a challenge names the categories it involves, bids must declare them, a
// committee of at least seven decides at quorum, and no award is made without approval.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { messageEn } from '../support/messages.ts';

for (const kind of backends()) {
  describe(`ethics review (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    const members: (TestClient & { id: string })[] = [];
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      for (let i = 0; i < 7; i++) {
        const c = t.client();
        const r = await c.register(`ethics${i}@example.cn`, 'correct horse battery', `伦理委员${i}`);
        await c.login(`ethics${i}@example.cn`);
        members.push(Object.assign(c, { id: r.body.id as string }));
      }
    });
    after(() => t.close());

    test('from declaration to a conditional approval, and no award before it', async () => {
      const { organizer, solver1, hostAdmin, university, agency } = cast;
      const small = await organizer.post('/api/ethics/committees', {
        orgId: agency.id,
        name: '伦理委员会',
        members: members.slice(0, 6).map((m) => m.id),
      });
      assert.equal(small.status, 400);
      assert.equal(small.body.field, 'members');
      const committee = await organizer.post('/api/ethics/committees', {
        orgId: agency.id,
        name: '东海省科技伦理委员会',
        members: members.map((m) => m.id),
      });
      assert.equal(committee.status, 201, JSON.stringify(committee.body));

      const c = await publishedChallenge(cast, {
        titleZh: '基于临床影像的辅助诊断模型',
        ethicsCategories: ['human_subjects', 'ai'],
      });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
      );
      const before = await snapshotCounts(t.database);
      const undeclared = await solver1.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        { ...body, ethicsCategories: ['ai'] },
        { headers: { 'idempotency-key': 'ethics-bid-0' } },
      );
      assert.equal(undeclared.body.field, 'ethicsCategories');
      assert.match(messageEn(undeclared.body), /human_subjects/);
      assert.deepEqual(await snapshotCounts(t.database), before);
      const bid = await solver1.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        { ...body, ethicsCategories: ['human_subjects', 'ai'] },
        { headers: { 'idempotency-key': 'ethics-bid-1' } },
      );
      assert.equal(bid.status, 201, JSON.stringify(bid.body));
      await solver1.post(`/api/bids/${bid.body.id}/sign`, { as: 'commander' });
      await hostAdmin.post(`/api/bids/${bid.body.id}/sign`, { as: 'host' });
      await solver1.post(`/api/bids/${bid.body.id}/actions/submit`);

      t.clock.t = Date.parse('2027-01-02T00:00:00Z');
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await organizer.post(`/api/bids/${bid.body.id}/actions/select`);
      await organizer.post(`/api/challenges/${c.id}/actions/announce`, {});
      t.clock.t += 6 * 86_400_000;
      const early = await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      assert.equal(early.status, 409);
      assert.match(messageEn(early.body), /needs ethics approval/);

      assert.equal(
        (await solver1.post(`/api/bids/${bid.body.id}/ethics-review`, { committeeId: committee.body.id }))
          .status,
        404,
        'only the organizer opens a review',
      );
      const review = await organizer.post(`/api/bids/${bid.body.id}/ethics-review`, {
        committeeId: committee.body.id,
      });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      assert.equal(
        review.body.dueAt,
        new Date(t.clock.t + 30 * 86_400_000).toISOString(),
        'decision due within 30 days',
      );
      assert.equal(
        (await solver1.post(`/api/ethics/reviews/${review.body.id}/votes`, { vote: 'approve' })).status,
        403,
        'the team does not vote',
      );
      const needReason = await members[0].post(`/api/ethics/reviews/${review.body.id}/votes`, {
        vote: 'conditions',
      });
      assert.equal(needReason.body.field, 'comment');
      const votes: [number, string, string][] = [
        [0, 'conditions', '受试者须签署知情同意书，影像数据须去标识化'],
        [1, 'approve', ''],
        [2, 'approve', ''],
        [3, 'reject', '隐私风险评估不充分'],
      ];
      for (const [i, vote, comment] of votes) {
        const r = await members[i].post(`/api/ethics/reviews/${review.body.id}/votes`, { vote, comment });
        assert.equal(r.body.state, 'open', 'no decision before the quorum of five');
      }
      const decided = await members[4].post(`/api/ethics/reviews/${review.body.id}/votes`, {
        vote: 'approve',
      });
      assert.equal(decided.body.state, 'approved_with_conditions');
      assert.match(decided.body.conditions, /知情同意/);
      const seenByTeam = await solver1.get(`/api/ethics/reviews/${review.body.id}`);
      assert.equal(seenByTeam.body.state, 'approved_with_conditions');
      assert.deepEqual(seenByTeam.body.votes, [], 'the team never sees who voted how');
      assert.equal(
        (await members[5].post(`/api/ethics/reviews/${review.body.id}/votes`, { vote: 'reject' })).status,
        409,
        'decided',
      );
      const award = await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      assert.equal(award.status, 200, JSON.stringify(award.body));
    });

    test('committee floors: at least 7 members and a quorum of at least 5, named by field; nothing written', async () => {
      const { organizer, agency } = cast;
      const before = await snapshotCounts(t.database);
      const body = { orgId: agency.id, name: '低于下限的委员会', members: members.map((m) => m.id) };
      const fewer = await organizer.post('/api/ethics/committees', { ...body, minMembers: 6 });
      assert.equal(fewer.status, 400);
      assert.equal(fewer.body.field, 'minMembers');
      assert.match(messageEn(fewer.body), /at least 7/);
      const quorum = await organizer.post('/api/ethics/committees', { ...body, quorum: 4 });
      assert.equal(quorum.body.field, 'quorum');
      assert.match(messageEn(quorum.body), /at least 5/);
      const tooMany = await organizer.post('/api/ethics/committees', { ...body, minMembers: 8 });
      assert.equal(tooMany.body.field, 'members', 'fewer members than its own floor');
      assert.equal(
        (await organizer.post('/api/ethics/committees', { ...body, decisionDays: 0 })).body.field,
        'decisionDays',
      );
      assert.deepEqual(await snapshotCounts(t.database), before);
    });

    test('a rejection end to end with a 10-day committee: overdue is listed, blocks nothing; no award', async () => {
      const { organizer, solver2, hostAdmin, university, agency } = cast;
      const committee = await organizer.post('/api/ethics/committees', {
        orgId: agency.id,
        name: '十日伦理委员会',
        members: members.map((m) => m.id),
        decisionDays: 10,
      });
      assert.equal(committee.status, 201, JSON.stringify(committee.body));
      assert.equal(committee.body.decisionDays, 10);
      assert.equal(committee.body.quorum, 5);
      const deadline = t.clock.t + 20 * 86_400_000;
      const c = await publishedChallenge(cast, {
        titleZh: '基因编辑育种',
        ethicsCategories: ['gene_editing'],
        deadline: new Date(deadline).toISOString(),
      });
      const bid = await solver2.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        {
          ...buildBid(
            university.id,
            c.targets.map((x) => x.id),
          ),
          ethicsCategories: ['gene_editing'],
        },
        { headers: { 'idempotency-key': 'ethics-reject-1' } },
      );
      assert.equal(bid.status, 201, JSON.stringify(bid.body));
      await solver2.post(`/api/bids/${bid.body.id}/sign`, { as: 'commander' });
      await hostAdmin.post(`/api/bids/${bid.body.id}/sign`, { as: 'host' });
      await solver2.post(`/api/bids/${bid.body.id}/actions/submit`);
      t.clock.t = deadline + 86_400_000;
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await organizer.post(`/api/bids/${bid.body.id}/actions/select`);
      const opened = t.clock.t;
      const review = await organizer.post(`/api/bids/${bid.body.id}/ethics-review`, {
        committeeId: committee.body.id,
      });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      assert.equal(review.body.dueAt, new Date(opened + 10 * 86_400_000).toISOString(), 'due in 10 days');
      const id = review.body.id;
      for (const [i, vote, comment] of [
        [0, 'reject', '脱靶风险评估缺失'],
        [1, 'approve', ''],
      ] as const)
        await members[i].post(`/api/ethics/reviews/${id}/votes`, { vote, comment });

      // Past the due date: listed as overdue for the organizer, first; it blocks nothing.
      t.clock.t = opened + 12 * 86_400_000;
      const overdue = (await organizer.get('/api/ethics/reviews?overdue=true')).body;
      const late = overdue.find((r: { id: string }) => r.id === id);
      assert.ok(late, 'listed among the overdue reviews');
      assert.equal(late.daysOverdue, 2);
      assert.equal((await organizer.get('/api/ethics/reviews')).body[0].overdue, true, 'overdue first');
      await organizer.post(`/api/challenges/${c.id}/actions/announce`, {});
      t.clock.t += 6 * 86_400_000;
      const waiting = await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      assert.equal(waiting.status, 409, 'silence never approves');
      for (const [i, vote, comment] of [
        [2, 'reject', '未提供生物安全评估'],
        [3, 'approve', ''],
      ] as const) {
        const r = await members[i].post(`/api/ethics/reviews/${id}/votes`, { vote, comment });
        assert.equal(r.status, 200, 'members still vote on an overdue review');
        assert.equal(r.body.state, 'open');
      }
      const decided = await members[4].post(`/api/ethics/reviews/${id}/votes`, {
        vote: 'reject',
        comment: '风险不可控',
      });
      assert.equal(decided.body.state, 'rejected', '3 of 5 reject');
      assert.equal(decided.body.overdue, false, 'decided: no longer overdue');
      assert.ok(
        !(await organizer.get('/api/ethics/reviews?overdue=true')).body.some(
          (r: { id: string }) => r.id === id,
        ),
      );
      assert.equal(
        (await solver2.get(`/api/ethics/reviews/${id}`)).body.state,
        'rejected',
        'the team sees it',
      );
      const refused = await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      assert.equal(refused.status, 409);
      assert.match(messageEn(refused.body), /needs ethics approval/);
      assert.equal(
        (await members[5].post(`/api/ethics/reviews/${id}/votes`, { vote: 'approve' })).status,
        409,
        'a rejection is final',
      );
    });
  });
}
