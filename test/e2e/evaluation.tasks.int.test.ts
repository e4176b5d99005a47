// "My tasks" of expert evaluation and horse races: each kind of work shows for the person who must
// do it, with the right count, deadline and link, and for nobody else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorFor } from '../../src/demo/actor.ts';
import { render } from '../../src/i18n/messages.ts';
import '../../src/modules/evaluation/evaluation.tasks.ts';
import { tasksFor } from '../../src/modules/home/tasks.ts';
import '../../src/modules/race/race.tasks.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import {
  buildExperts,
  buildSheet,
  closedChallengeWithBids,
  insertAssignments,
  insertRound,
} from '../support/evaluation.ts';
import { awardedRaceChallenge, buildRace } from '../support/race.ts';

const DAY = 86_400_000;

for (const kind of backends()) {
  describe(`evaluation and race tasks (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    /** The person's tasks of the given kinds, by kind. */
    const tasks = async (personId: string, prefix: RegExp) => {
      const ctx = { db: t.database.db, now: t.clock.now, actor: await actorFor(t.database, personId) };
      const list = (await tasksFor(ctx)).filter((x) => prefix.test(x.kind));
      return Object.fromEntries(list.map((x) => [x.kind, x]));
    };
    const EVAL = /^(review|consensus|review_appeal|rebuttal)\./;

    test('reviews due with days left, overdue flagged, conflicts to declare, consensus, rebuttals, appeals', async () => {
      const { challenge, bids } = await closedChallengeWithBids(t, cast, 'tasks');
      const experts = await buildExperts(t, 3);
      const [e0, e1, e2] = experts;
      const roundId = await insertRound(t, challenge.id, cast.organizer.id, { dueInDays: 10 });
      const ids = await insertAssignments(t, roundId, [
        { bidId: bids[0].id, expertIds: [e0.id, e1.id, e2.id] },
        { bidId: bids[1].id, expertIds: [e0.id] },
      ]);
      const url = (bid: { id: string }, rest = '') => `/api/review-rounds/${roundId}/items/${bid.id}${rest}`;

      let mine = await tasks(e0.id, EVAL);
      assert.deepEqual(Object.keys(mine).sort(), ['review.declare_conflict', 'review.due']);
      assert.equal(mine['review.due'].count, 2);
      assert.equal(mine['review.due'].href, '/reviews', 'two items: the queue');
      assert.equal(mine['review.due'].dueAt, new Date(t.clock.t + 10 * DAY).toISOString());
      assert.equal(
        render(mine['review.due'].title, 'en'),
        '2 review(s) to complete; the nearest is due in 10 day(s)',
      );
      assert.match(render(mine['review.due'].title, 'zh-CN'), /2 份评审待完成.*10 天/);
      assert.equal(mine['review.declare_conflict'].count, 2);
      const one = await tasks(e1.id, EVAL);
      assert.equal(one['review.due'].count, 1);
      assert.equal(one['review.due'].href, `/reviews/${roundId}/${bids[0].id}`, 'one item: that item');
      for (const other of [cast.organizer, cast.solver1, cast.outsider])
        assert.deepEqual(await tasks(other.id, EVAL), {}, 'nobody else is asked to review');

      // A started sheet is an item checked for conflicts; a submitted one is no longer due.
      assert.equal((await e0.put(url(bids[1], '/review'), buildSheet())).status, 200);
      mine = await tasks(e0.id, EVAL);
      assert.equal(mine['review.declare_conflict'].count, 1);
      assert.equal(mine['review.due'].count, 2);
      for (const e of experts)
        assert.equal((await e.post(url(bids[0], '/review/submit'), buildSheet())).status, 200);
      mine = await tasks(e0.id, EVAL);
      assert.equal(mine['review.due'].count, 1);
      assert.equal(mine['review.declare_conflict'], undefined);
      assert.deepEqual(await tasks(e1.id, EVAL), {});

      // Past the due date the open review is overdue, not due.
      t.clock.t += 12 * DAY;
      mine = await tasks(e0.id, EVAL);
      assert.equal(mine['review.due'], undefined);
      assert.equal(mine['review.overdue'].count, 1);
      assert.equal(mine['review.overdue'].href, `/reviews/${roundId}/${bids[1].id}`);
      assert.equal(render(mine['review.overdue'].title, 'en'), '1 review(s) overdue, the oldest by 2 day(s)');

      // Consensus: the rapporteur drafts, then the organizer accepts.
      assert.equal((await cast.organizer.post(`/api/review-rounds/${roundId}/open-consensus`)).status, 200);
      assert.deepEqual(await tasks(e0.id, EVAL), {}, 'reviewing has ended: nothing due');
      const chosen = await cast.organizer.post(url(bids[0], '/rapporteur'), {
        assignmentId: ids[bids[0].id][e1.id],
      });
      assert.equal(chosen.status, 200, JSON.stringify(chosen.body));
      assert.equal((await tasks(e1.id, EVAL))['consensus.draft'].count, 1);
      assert.equal((await tasks(e1.id, EVAL))['consensus.draft'].href, `/reviews/${roundId}/${bids[0].id}`);
      assert.deepEqual(await tasks(e2.id, EVAL), {}, 'only the rapporteur drafts');
      assert.deepEqual(await tasks(cast.organizer.id, EVAL), {}, 'nothing proposed yet');
      const proposed = await e1.put(url(bids[0], '/consensus'), {
        majority: '多数意见',
        minority: '',
        recommendation: 'fund',
        propose: true,
      });
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
      assert.deepEqual(await tasks(e1.id, EVAL), {});
      assert.equal((await tasks(cast.organizer.id, EVAL))['consensus.accept'].count, 1);
      assert.equal((await cast.organizer.post(url(bids[0], '/consensus/accept'))).status, 200);
      assert.deepEqual(await tasks(cast.organizer.id, EVAL), {});

      // Rebuttals: each reviewed bid's commander while the window is open, until answered.
      const w = {
        opensAt: new Date(t.clock.t).toISOString(),
        closesAt: new Date(t.clock.t + 5 * DAY).toISOString(),
      };
      assert.equal(
        (await cast.organizer.put(`/api/review-rounds/${roundId}/rebuttal-window`, w)).status,
        200,
      );
      const rebut = (await tasks(cast.solver1.id, EVAL))['rebuttal.write'];
      assert.equal(rebut.count, 1);
      assert.equal(rebut.dueAt, w.closesAt);
      assert.equal(
        render(rebut.title, 'en'),
        'You may answer the reviews of 1 bid(s); the window closes in 5 day(s)',
      );
      assert.equal((await tasks(cast.solver2.id, EVAL))['rebuttal.write'].count, 1);
      assert.deepEqual(await tasks(cast.member.id, EVAL), {}, 'the third bid was not reviewed');
      assert.equal((await cast.solver1.post(url(bids[0], '/rebuttal'), { body: '答复' })).status, 201);
      assert.deepEqual(await tasks(cast.solver1.id, EVAL), {});

      // Appeals: the organizer decides them.
      const appeal = await cast.solver1.post(url(bids[0], '/appeals'), {
        ground: 'procedure_not_followed',
        statement: '评审程序未按规定执行',
      });
      assert.equal(appeal.status, 201, JSON.stringify(appeal.body));
      const decide = (await tasks(cast.organizer.id, EVAL))['review_appeal.decide'];
      assert.equal(decide.count, 1);
      assert.equal(decide.href, `/reviews/${roundId}/${bids[0].id}`);
      for (const other of [e0, cast.solver1, cast.proposer])
        assert.equal((await tasks(other.id, EVAL))['review_appeal.decide'], undefined);
      const decided = await cast.organizer.post(`/api/review-appeals/${appeal.body.id}/decide`, {
        decision: 'dismissed',
        reasons: '程序符合规定',
      });
      assert.equal(decided.status, 200, JSON.stringify(decided.body));
      assert.deepEqual(await tasks(cast.organizer.id, EVAL), {});
    });

    test('race gates: propose when the date comes, resolve objections, finalise after the notice', async () => {
      const RACE = /^race\./;
      const { challenge } = await awardedRaceChallenge(t, cast, 'tasks');
      const created = await cast.organizer.post('/api/races', buildRace(t, challenge));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const raceId = created.body.id as string;
      assert.equal((await cast.organizer.post(`/api/races/${raceId}/start`, {})).status, 200);
      assert.deepEqual(await tasks(cast.organizer.id, RACE), {}, 'before the gate date');
      for (const team of created.body.teams as { id: string }[])
        await cast.organizer.put(`/api/races/${raceId}/stages/1/evaluations/${team.id}`, { scores: ['80'] });

      t.clock.t += 31 * DAY;
      let mine = await tasks(cast.organizer.id, RACE);
      assert.deepEqual(Object.keys(mine), ['race.gate_propose']);
      assert.equal(mine['race.gate_propose'].count, 1);
      assert.equal(mine['race.gate_propose'].href, `/races/${raceId}`);
      for (const other of [cast.solver1, cast.proposer, cast.outsider])
        assert.deepEqual(await tasks(other.id, RACE), {}, 'only the organizers decide gates');

      const proposed = await cast.organizer.post(`/api/races/${raceId}/stages/1/gate`, {});
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
      const gateId = proposed.body.gates[0].id as string;
      assert.deepEqual(await tasks(cast.organizer.id, RACE), {}, 'in its notice period');
      const objected = await cast.solver1.post(`/api/races/${raceId}/gates/${gateId}/objections`, {
        text: '评分有误',
      });
      assert.equal(objected.status, 201, JSON.stringify(objected.body));
      t.clock.t += 4 * DAY;
      mine = await tasks(cast.organizer.id, RACE);
      assert.deepEqual(Object.keys(mine), ['race.objection_resolve'], 'an open objection holds the gate');
      const resolved = await cast.organizer.post(`/api/race-objections/${objected.body.id}/resolve`, {
        decision: 'dismissed',
        resolution: '评分核对无误',
      });
      assert.equal(resolved.status, 200, JSON.stringify(resolved.body));
      mine = await tasks(cast.organizer.id, RACE);
      assert.deepEqual(Object.keys(mine), ['race.gate_finalize']);
      assert.equal(mine['race.gate_finalize'].count, 1);
      assert.equal(
        (await cast.organizer.post(`/api/races/${raceId}/gates/${gateId}/finalize`, {})).status,
        200,
      );
      assert.deepEqual(await tasks(cast.organizer.id, RACE), {}, 'the next gate is two months away');
    });
  });
}
