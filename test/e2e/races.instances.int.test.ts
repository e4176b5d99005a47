// Races an outside client found between two app instances on one PostgreSQL, as bursts of
// simultaneous requests spread over two instances (each its own fastify and connection pool):
// a review submitted many times at once is accepted once, saves racing submits never leave a
// submitted assignment with a draft review, and cancelling a challenge racing bid submissions
// and new bids neither deadlocks into a 500 nor leaves an open bid behind. On PGlite (one session)
// the same bursts run on one instance and must give the same answers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/db.ts';
import { buildServer } from '../../src/http/server.ts';
import { buildTestApp } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge } from '../support/challenges.ts';
import { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import {
  buildExperts,
  buildSheet,
  closedChallengeWithBids,
  insertAssignments,
  insertRound,
} from '../support/evaluation.ts';

type Res = { status: number; body: any };

for (const kind of backends()) {
  describe(`races between instances (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let second: { app: FastifyInstance; database: Database } | null = null;

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      if (kind === 'postgres') {
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${(await t.database.pool.query('SELECT current_database() AS d')).rows[0].d}`;
        const database = await openDatabase({ url: url.toString() });
        const app = await buildServer({ database, config: loadConfig({ JOBS: 'off' }), now: t.clock.now });
        second = { app, database };
      }
    });
    after(async () => {
      await second?.app.close();
      await second?.database.close();
      await t.close();
    });

    /** The same person on the other instance (sessions and CSRF secrets live in the database). */
    const onSecond = (c: TestClient) =>
      second ? Object.assign(new TestClient(second.app), { cookies: c.cookies, csrf: c.csrf }) : c;
    /** Alternate between the two instances. */
    const spread = (c: TestClient) => {
      const other = onSecond(c);
      return (i: number) => (i % 2 === 0 ? c : other);
    };
    const noServerErrors = (results: Res[]) =>
      assert.deepEqual(
        results.filter((r) => r.status >= 500).map((r) => `${r.status} ${JSON.stringify(r.body)}`),
        [],
        'no 5xx',
      );
    const auditCount = async (action: string, objectId: string) =>
      Number(
        (
          await t.database.pool.query(
            'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND object_id = $2',
            [action, objectId],
          )
        ).rows[0].n,
      );

    test('a review submitted 30 times at once, and saves racing submits: accepted once, consistent', async () => {
      const { bids, challenge } = await closedChallengeWithBids(t, cast, 'race');
      const experts = await buildExperts(t, 2);
      const roundId = await insertRound(t, challenge.id, cast.organizer.id);
      const ids = await insertAssignments(t, roundId, [
        { bidId: bids[0].id, expertIds: experts.map((e) => e.id) },
      ]);
      const url = `/api/review-rounds/${roundId}/items/${bids[0].id}/review`;
      const sheet = (i: number) =>
        buildSheet({
          scores: { innovation: 1 + (i % 5), feasibility: 1 + ((i >> 1) % 5), team: 1 + ((i >> 2) % 5) },
        });

      // 30 submissions with 30 different sheets.
      const [a, b] = experts;
      const byA = spread(a);
      const subs: Res[] = await Promise.all(
        Array.from({ length: 30 }, (_, i) => byA(i).post(`${url}/submit`, sheet(i))),
      );
      noServerErrors(subs);
      const won = subs.map((r, i) => [r, i] as const).filter(([r]) => r.status === 200);
      assert.equal(won.length, 1, JSON.stringify(subs.map((r) => r.status)));
      assert.ok(
        subs.every((r) => r.status === 200 || r.status === 409),
        JSON.stringify(subs.map((r) => r.status)),
      );
      const assignmentA = ids[bids[0].id][a.id];
      assert.equal(await auditCount('review.submit', assignmentA), 1, 'one review.submit entry');
      const rowA = (
        await t.database.pool.query(
          `SELECT r.state, r.submitted_at, r.scores, ra.state AS assignment FROM review r
             JOIN review_assignment ra ON ra.id = r.assignment_id WHERE r.assignment_id = $1`,
          [assignmentA],
        )
      ).rows[0];
      assert.deepEqual(rowA.scores, sheet(won[0][1]).scores, 'the recorded sheet is the accepted one');
      assert.equal(rowA.state, 'submitted');
      assert.equal(rowA.assignment, 'submitted');
      assert.ok(rowA.submitted_at);

      // 15 saves racing 15 submits.
      const byB = spread(b);
      const mixed: Res[] = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          i % 2 === 0 ? byB(i >> 1).put(url, sheet(i)) : byB(i >> 1).post(`${url}/submit`, sheet(i)),
        ),
      );
      noServerErrors(mixed);
      const submitted = mixed
        .map((r, i) => [r, i] as const)
        .filter(([r, i]) => i % 2 === 1 && r.status === 200);
      assert.equal(submitted.length, 1, JSON.stringify(mixed.map((r) => r.status)));
      const saves = mixed.filter((r, i) => i % 2 === 0 && r.status === 200).length;
      const assignmentB = ids[bids[0].id][b.id];
      assert.equal(await auditCount('review.submit', assignmentB), 1);
      assert.equal(
        await auditCount('review.save_draft', assignmentB),
        saves,
        'one draft entry per accepted save',
      );
      const rowB = (
        await t.database.pool.query(
          `SELECT r.state, r.submitted_at, r.scores, ra.state AS assignment FROM review r
             JOIN review_assignment ra ON ra.id = r.assignment_id WHERE r.assignment_id = $1`,
          [assignmentB],
        )
      ).rows[0];
      assert.deepEqual(
        { review: rowB.state, assignment: rowB.assignment, submittedAt: !!rowB.submitted_at },
        { review: 'submitted', assignment: 'submitted', submittedAt: true },
        'never a submitted assignment with a draft review',
      );
      assert.deepEqual(rowB.scores, sheet(submitted[0][1]).scores);
    });

    test('cancel racing bid submissions and new bids: no 500, one cancel, no open bid left', async () => {
      const { admin, organizer, hostAdmin, university } = cast;
      const c = await publishedChallenge(cast, {
        titleZh: '撤榜竞争',
        deadline: new Date(t.clock.t + 30 * 86_400_000).toISOString(),
      });
      const targets = c.targets.map((x) => x.id);
      // Three bids ready to submit (signed by both), ten solvers about to start new bids.
      const ready: string[] = [];
      for (const [i, who] of [cast.solver1, cast.solver2, cast.member].entries()) {
        const b = await who.request(
          'POST',
          `/api/challenges/${c.id}/bids`,
          buildBid(university.id, targets),
          {
            headers: { 'idempotency-key': `race-ready-${kind}-${i}` },
          },
        );
        assert.equal(b.status, 201, JSON.stringify(b.body));
        await who.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
        await hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
        ready.push(b.body.id);
      }
      const commanders = [cast.solver1, cast.solver2, cast.member];
      const newcomers: TestClient[] = [];
      for (let i = 0; i < 10; i++) {
        const n = t.client();
        const email = `racer${i}-${kind}@example.cn`;
        const r = await n.register(email, 'correct horse battery', `竞速${i}`);
        await admin.post('/api/memberships/grant', {
          personId: r.body.id,
          orgId: university.id,
          role: 'solver',
        });
        await n.login(email);
        newcomers.push(n);
      }
      const byOrganizer = spread(organizer);
      const requests: Promise<Res>[] = [];
      for (let i = 0; i < 10; i++) {
        requests.push(byOrganizer(i).post(`/api/challenges/${c.id}/actions/cancel`, { comment: '需求变更' }));
        requests.push(spread(commanders[i % 3])(i).post(`/api/bids/${ready[i % 3]}/actions/submit`));
        requests.push(
          spread(newcomers[i])(i).request(
            'POST',
            `/api/challenges/${c.id}/bids`,
            buildBid(university.id, targets),
            {
              headers: { 'idempotency-key': `race-new-${kind}-${i}` },
            },
          ),
        );
      }
      const results = await Promise.all(requests);
      noServerErrors(results);
      const cancels = results.filter((_, i) => i % 3 === 0);
      assert.equal(
        cancels.filter((r) => r.status === 200).length,
        1,
        JSON.stringify(cancels.map((r) => [r.status, r.body.key])),
      );
      assert.ok(
        results.every((r) => r.status < 500 && [200, 201, 409].includes(r.status)),
        JSON.stringify(results.map((r) => r.status)),
      );
      const state = (await t.database.pool.query('SELECT state FROM challenge WHERE id = $1', [c.id])).rows[0]
        .state;
      assert.equal(state, 'cancelled');
      const bids = (await t.database.pool.query('SELECT id, state FROM bid WHERE challenge_id = $1', [c.id]))
        .rows;
      assert.deepEqual(
        bids.filter((b: { state: string }) => b.state !== 'cancelled'),
        [],
        'every bid the cancellation found, or that came before it, is ended with it',
      );
      const created = results.filter((_, i) => i % 3 === 2 && results[i].status === 201).length;
      assert.equal(
        bids.length,
        ready.length + created,
        'a new bid is either created before the cancel or refused',
      );
      assert.equal(await auditCount('challenge.cancel', c.id), 1);
    });
  });
}
