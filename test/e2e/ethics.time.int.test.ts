// Ethics review within the legal time (科技伦理审查办法（试行）, 2023): at most 30 days from
// acceptance, extended once with a reason before the date passes (audited), the emergency
// procedure decided within 72 hours and never extended; overdue reviews reach the committee and
// the organizer as a task. The ceilings hold in the database too. Timed by the test clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { messageEn } from '../support/messages.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

for (const kind of backends()) {
  describe(`ethics review within the legal time (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    const members: (TestClient & { id: string })[] = [];
    let committeeId = '';
    const bids: Record<string, string> = {};

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      for (let i = 0; i < 7; i++) {
        const c = t.client();
        const r = await c.register(`time${i}@example.cn`, 'correct horse battery', `伦理委员${i}`);
        await c.login(`time${i}@example.cn`);
        members.push(Object.assign(c, { id: r.body.id as string }));
      }
      const committee = await cast.organizer.post('/api/ethics/committees', {
        orgId: cast.agency.id,
        name: '东海省科技伦理委员会',
        members: members.map((m) => m.id),
      });
      assert.equal(committee.status, 201, JSON.stringify(committee.body));
      committeeId = committee.body.id;
      const c = await publishedChallenge(cast, {
        ethicsCategories: ['human_subjects'],
        deadline: new Date(t.clock.t + 20 * DAY).toISOString(),
      });
      for (const [name, who] of [
        ['standard', cast.solver1],
        ['late', cast.solver2],
        ['emergency', cast.member],
      ] as const) {
        const b = await who.request(
          'POST',
          `/api/challenges/${c.id}/bids`,
          {
            ...buildBid(
              cast.university.id,
              c.targets.map((x) => x.id),
            ),
            ethicsCategories: ['human_subjects'],
          },
          { headers: { 'idempotency-key': `ethics-time-${name}` } },
        );
        assert.equal(b.status, 201, JSON.stringify(b.body));
        await who.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
        await cast.hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
        assert.equal((await who.post(`/api/bids/${b.body.id}/actions/submit`)).status, 200);
        bids[name] = b.body.id;
      }
    });
    after(() => t.close());

    const audited = async (id: string, action: string) =>
      Number(
        (
          await t.database.pool.query(
            'SELECT count(*)::int AS n FROM audit_log WHERE object_id = $1 AND action = $2',
            [id, action],
          )
        ).rows[0].n,
      );
    const tasks = async (c: TestClient) =>
      ((await c.get('/api/me/tasks')).body.items as { kind: string; count: number }[]).find(
        (x) => x.kind === 'ethics.overdue',
      );

    test('a committee decides within 30 days at most', async () => {
      const r = await cast.organizer.post('/api/ethics/committees', {
        orgId: cast.agency.id,
        name: '六十日委员会',
        members: members.map((m) => m.id),
        decisionDays: 31,
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'decisionDays');
      assert.match(messageEn(r.body), /at most 30 days/);
    });

    test('30 days from acceptance, extended once with a reason before the date passes, audited', async () => {
      const opened = t.clock.t;
      const review = await cast.organizer.post(`/api/bids/${bids.standard}/ethics-review`, { committeeId });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      const id = review.body.id;
      assert.equal(review.body.procedure, 'standard');
      assert.equal(review.body.dueAt, new Date(opened + 30 * DAY).toISOString());
      assert.equal(review.body.extension, null);

      const tooLong = await members[0].post(`/api/ethics/reviews/${id}/extension`, {
        days: 31,
        reason: '补充材料',
      });
      assert.equal(tooLong.status, 400);
      assert.equal(tooLong.body.field, 'days');
      const noReason = await members[0].post(`/api/ethics/reviews/${id}/extension`, {
        days: 10,
        reason: ' ',
      });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'reason');
      assert.equal(
        (await cast.solver1.post(`/api/ethics/reviews/${id}/extension`, { days: 10, reason: '我想延期' }))
          .status,
        403,
        'the team does not extend its own review',
      );
      assert.equal(
        (await cast.outsider.post(`/api/ethics/reviews/${id}/extension`, { days: 10, reason: '无关' }))
          .status,
        404,
      );

      t.clock.t = opened + 20 * DAY;
      const ext = await members[0].post(`/api/ethics/reviews/${id}/extension`, {
        days: 15,
        reason: '需补充动物实验数据，专家意见分歧',
      });
      assert.equal(ext.status, 200, JSON.stringify(ext.body));
      assert.equal(ext.body.dueAt, new Date(opened + 45 * DAY).toISOString());
      assert.equal(ext.body.extension.days, 15);
      assert.match(ext.body.extension.reason, /动物实验/);
      assert.equal(ext.body.extension.by.nameZh, '伦理委员0');
      assert.equal(ext.body.canExtend, false);
      assert.equal(await audited(id, 'ethics.review_extend'), 1);
      const again = await cast.organizer.post(`/api/ethics/reviews/${id}/extension`, {
        days: 5,
        reason: '再延',
      });
      assert.equal(again.status, 409);
      assert.match(messageEn(again.body), /already been extended once/);

      // The database holds the ceiling whatever the application does.
      await assert.rejects(
        t.database.pool.query(
          `UPDATE ethics_review SET due_at = opened_at + interval '46 days' WHERE id = $1`,
          [id],
        ),
        /ethics_review_legal_time/,
      );
    });

    test('past the date an extension is refused; the committee and the organizer see it as a task', async () => {
      const opened = t.clock.t;
      const review = await cast.organizer.post(`/api/bids/${bids.late}/ethics-review`, { committeeId });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      const id = review.body.id;
      assert.equal(await tasks(members[1]), undefined, 'nothing overdue yet');
      t.clock.t = opened + 31 * DAY;
      const late = await members[1].post(`/api/ethics/reviews/${id}/extension`, { days: 10, reason: '太忙' });
      assert.equal(late.status, 409);
      assert.match(messageEn(late.body), /before the decision date passes/);
      assert.equal(await audited(id, 'ethics.review_extend'), 0);
      const view = (await members[1].get(`/api/ethics/reviews/${id}`)).body;
      assert.equal(view.overdue, true);
      assert.equal(view.daysOverdue, 1);
      // This one, and the extended one now past its 45 days.
      const overdue = (await cast.organizer.get('/api/ethics/reviews?overdue=true')).body as { id: string }[];
      assert.equal(overdue.length, 2);
      assert.ok(overdue.some((r) => r.id === id));
      assert.equal((await tasks(members[1]))?.count, 2, 'a committee member sees them');
      assert.equal((await tasks(cast.organizer))?.count, 2, 'the organizer sees them');
      assert.equal(await tasks(cast.solver2), undefined, 'the team is not asked');
      assert.equal(await tasks(cast.outsider), undefined);
    });

    test('the emergency procedure: a stated reason, 72 hours, never extended', async () => {
      const noReason = await cast.organizer.post(`/api/bids/${bids.emergency}/ethics-review`, {
        committeeId,
        procedure: 'emergency',
      });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'emergencyReason');
      const opened = t.clock.t;
      const review = await cast.organizer.post(`/api/bids/${bids.emergency}/ethics-review`, {
        committeeId,
        procedure: 'emergency',
        emergencyReason: '突发公共卫生事件，需紧急开展临床研究',
      });
      assert.equal(review.status, 201, JSON.stringify(review.body));
      assert.equal(review.body.procedure, 'emergency');
      assert.equal(review.body.dueAt, new Date(opened + 72 * HOUR).toISOString());
      assert.equal(review.body.canExtend, false);
      const ext = await members[2].post(`/api/ethics/reviews/${review.body.id}/extension`, {
        days: 1,
        reason: '来不及',
      });
      assert.equal(ext.status, 409);
      assert.match(messageEn(ext.body), /within 72 hours and is not extended/);
      t.clock.t = opened + 73 * HOUR;
      const view = (await cast.organizer.get(`/api/ethics/reviews/${review.body.id}`)).body;
      assert.equal(view.overdue, true);
    });
  });
}
