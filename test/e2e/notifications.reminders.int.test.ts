// Time travel: the injected clock moves past a review's due date and an award's report due date
// (from its reporting interval); the scheduled scan run again and again tells each person once:
// 3 days before, then once overdue. A report filed in the period ends the reminders.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runScans } from '../../src/modules/notifications/scans.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import {
  buildExperts,
  closedChallengeWithBids,
  insertAssignments,
  insertRound,
} from '../support/evaluation.ts';
import { awardedChallenge, lumpSum, ok, programmeFund, signTaskBook } from '../support/funding.ts';

const DAY = 86_400_000;
type App = Awaited<ReturnType<typeof buildTestApp>>;

for (const kind of backends()) {
  describe(`reminders on an injected clock (${kind})`, () => {
    let t: App;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    const scan = () => runScans(t.app.jobs!.env);
    const kinds = async (personId: string) =>
      (
        await t.database.pool.query(
          `SELECT kind, params->>'due' AS due FROM notification WHERE recipient_id = $1 AND kind IN
           ('review.dueSoon','review.overdue','milestone.dueSoon','milestone.overdue') ORDER BY created_at, kind`,
          [personId],
        )
      ).rows.map((r) => `${r.kind} ${r.due}`);

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('a review due in 10 days: reminded once 3 days before, once overdue; a submitted one never', async () => {
      const { challenge, bids } = await closedChallengeWithBids(t, cast, 'remind');
      const experts = await buildExperts(t, 2);
      const roundId = await insertRound(t, challenge.id, cast.organizer.id, { dueInDays: 10 });
      await insertAssignments(t, roundId, [{ bidId: bids[0].id, expertIds: experts.map((e) => e.id) }]);
      const due = (await t.database.pool.query('SELECT due_at FROM review_round WHERE id = $1', [roundId]))
        .rows[0].due_at as Date;
      const dueDay = new Date(due.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      // The second expert has already submitted.
      const a1 = (
        await t.database.pool.query(
          'SELECT id FROM review_assignment WHERE round_id = $1 AND expert_id = $2',
          [roundId, experts[1].id],
        )
      ).rows[0].id;
      await t.database.pool.query(
        `INSERT INTO review (assignment_id, scores, total, confidence, state, saved_at, submitted_at)
         VALUES ($1, '{"innovation": 4}', 50, 3, 'submitted', now(), now())`,
        [a1],
      );

      await scan();
      assert.deepEqual(await kinds(experts[0].id), [], 'ten days ahead: nothing yet');
      t.clock.t = due.getTime() - 3 * DAY + 3_600_000; // 2 days 23 hours before
      await scan();
      await scan();
      assert.deepEqual(await kinds(experts[0].id), [`review.dueSoon ${dueDay}`]);
      t.clock.t = due.getTime() + 3_600_000;
      await scan();
      t.clock.t += 5 * DAY;
      await scan();
      assert.deepEqual(await kinds(experts[0].id), [`review.dueSoon ${dueDay}`, `review.overdue ${dueDay}`]);
      assert.deepEqual(await kinds(experts[1].id), [], 'a submitted review is never reminded');
      // The expert reads it in their inbox, linked to the item's page.
      const inbox = (await experts[0].get('/api/notifications?kind=review.overdue')).body;
      assert.equal(inbox.total, 1);
      assert.equal(inbox.items[0].href, `/reviews/${roundId}/${bids[0].id}`);
      assert.match(inbox.items[0].title, new RegExp(`${dueDay}`));
    });

    test('a report every 6 months from the award: reminded before the due date, overdue once; a report ends it', async () => {
      const { solver1, organizer } = cast;
      const fund = await programmeFund(cast, 1_000_000_000);
      const { taskBookIds } = await awardedChallenge(t, cast, 'remind-report', [solver1]);
      const [tb] = taskBookIds;
      await signTaskBook(cast, solver1, tb);
      const award = await ok(
        organizer.post('/api/funding/awards', { taskBookId: tb, fundId: fund.id, budget: lumpSum() }),
      );
      assert.equal(award.reportEveryMonths, 6);
      const created = (
        await t.database.pool.query('SELECT created_at FROM funding_award WHERE id = $1', [award.id])
      ).rows[0].created_at as Date;
      const sixMonths = new Date(created);
      sixMonths.setUTCMonth(sixMonths.getUTCMonth() + 6);
      const twelve = new Date(created);
      twelve.setUTCMonth(twelve.getUTCMonth() + 12);
      const day = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const commander = (await solver1.session()).body.person.id as string;

      t.clock.t = created.getTime() + 30 * DAY;
      await scan();
      assert.deepEqual(await kinds(commander), []);
      t.clock.t = sixMonths.getTime() - 2 * DAY;
      await scan();
      await scan();
      assert.deepEqual(await kinds(commander), [`milestone.dueSoon ${day(sixMonths)}`]);
      t.clock.t = sixMonths.getTime() + DAY;
      await scan();
      await scan();
      assert.deepEqual(await kinds(commander), [
        `milestone.dueSoon ${day(sixMonths)}`,
        `milestone.overdue ${day(sixMonths)}`,
      ]);
      // The report is filed: the next period's due date is reminded only when it comes near.
      const book = await ok(solver1.get(`/api/task-books/${tb}`));
      await ok(
        solver1.post(`/api/task-books/${tb}/reports`, {
          milestoneNo: 0,
          summary: '完成样品试制，杂质含量 8 ppm。',
          measured: { [book.targets[0].id]: '8' },
        }),
      );
      t.clock.t = twelve.getTime() - 10 * DAY;
      await scan();
      assert.equal((await kinds(commander)).length, 2);
      t.clock.t = twelve.getTime() - DAY;
      await scan();
      assert.deepEqual((await kinds(commander)).slice(2), [`milestone.dueSoon ${day(twelve)}`]);
      const inbox = (await solver1.get('/api/notifications?kind=milestone.overdue')).body;
      assert.equal(inbox.items[0].href, `/task-books/${tb}`);
    });
  });
}
