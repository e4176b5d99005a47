// Ethics review: a challenge names the categories it involves, bids must declare them, a
// committee of at least seven decides at quorum, and no award is made without approval.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';

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
      assert.match(undeclared.body.message, /human_subjects/);
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
      assert.match(early.body.message, /needs ethics approval/);

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
  });
}
