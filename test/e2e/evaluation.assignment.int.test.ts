// Review rounds and the assignment over HTTP on every backend: organizers only, the run with its
// progress and figures, conflicted experts never assigned (organisation, co-authorship, named
// exclusion), one reviewer per organisation per item, caps kept, reruns replace unstarted
// assignments only, and a decline or declared conflict reassigns that item only.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { buildOrganisation } from '../support/factories.ts';

const DAY = 86_400_000;
const HEADER =
  'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load,availability,employment,publications,projects,relations';

export function buildRound(challengeId: string, dueAt: string, over: Record<string, unknown> = {}) {
  return {
    challengeId,
    titleZh: '初评',
    titleEn: 'First review',
    rubric: [
      {
        key: 'innovation',
        nameZh: '创新性',
        nameEn: 'Innovation',
        weight: 40,
        min: 0,
        max: 10,
        descriptors: [],
      },
      {
        key: 'feasibility',
        nameZh: '可行性',
        nameEn: 'Feasibility',
        weight: 60,
        min: 0,
        max: 10,
        descriptors: [],
      },
    ],
    reviewersPerItem: 2,
    dueAt,
    ...over,
  };
}

for (const kind of backends()) {
  describe(`review rounds and assignment (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let challenge: { id: string; targets: { id: string }[] };
    let bid1: { id: string };
    let bid2: { id: string };
    const experts: Record<string, TestClient & { id: string }> = {};
    let roundId = '';

    const waitRun = async (runId: string) => {
      for (let i = 0; i < 200; i++) {
        const r = await cast.organizer.get(`/api/review-rounds/${roundId}/assignment-runs/${runId}`);
        if (r.body.state !== 'running') return r.body;
        await new Promise((res) => setTimeout(res, 25));
      }
      throw new Error('run did not finish');
    };

    before(async () => {
      t = await buildTestApp(kind);
      cast = await buildCast(t);
      const orgs: Record<string, { id: string; nameZh: string }> = {};
      for (const k of ['A', 'B', 'C', 'D'])
        orgs[k] = (
          await cast.admin.post(
            '/api/organisations',
            buildOrganisation({ kind: 'institute', nameZh: `研究所${k}` }),
          )
        ).body;
      challenge = await publishedChallenge(cast, { deadline: new Date(t.clock.t + 20 * DAY).toISOString() });
      bid1 = await submittedBid(cast.solver1, cast.hostAdmin, challenge, cast.university.id, 'bid-key-one');
      bid2 = await submittedBid(cast.solver2, cast.hostAdmin, challenge, cast.university.id, 'bid-key-two');
      // Experts who can log in (registered first, then imported by email).
      const rows: string[] = [];
      const add = async (name: string, org: string, extra: { load?: number; pubs?: string } = {}) => {
        const c = t.client();
        const email = `${name}@experts.cn`;
        const r = await c.register(email, 'correct horse battery', name);
        await c.login(email);
        experts[name] = Object.assign(c, { id: r.body.id as string });
        rows.push(
          `${email},${name},,${org},E0207,石英；坩埚,crucible,${extra.load ?? 3},,,${extra.pubs ?? ''},,`,
        );
      };
      await add('host', '东海大学'); // same organisation as both bids
      await add('coauthor', orgs.A.nameZh, { pubs: '2025|Quartz crucible bubbles|solver1' });
      await add('a2', orgs.A.nameZh);
      await add('b1', orgs.B.nameZh);
      await add('c1', orgs.C.nameZh);
      await add('d1', orgs.D.nameZh, { load: 1 });
      await add('excluded', orgs.D.nameZh);
      const imp = await cast.organizer.request(
        'POST',
        '/api/experts/import',
        `${HEADER}\n${rows.join('\n')}\n`,
        {
          headers: { 'content-type': 'text/csv' },
        },
      );
      assert.equal(imp.status, 200, JSON.stringify(imp.body));
    });
    after(() => t.close());

    test('creating a round: organizers of the challenge only; bad rubrics name the field', async () => {
      const due = new Date(t.clock.t + 30 * DAY).toISOString();
      for (const c of [cast.proposer, cast.solver1, cast.outsider])
        assert.equal((await c.post('/api/review-rounds', buildRound(challenge.id, due))).status, 403);
      const bad = buildRound(challenge.id, due, {
        rubric: [{ key: 'innovation', nameZh: '创新', weight: 50, min: 0, max: 10 }],
      });
      const r = await cast.organizer.post('/api/review-rounds', bad);
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'rubric');
      const past = await cast.organizer.post(
        '/api/review-rounds',
        buildRound(challenge.id, '2020-01-01T00:00:00Z'),
      );
      assert.equal(past.body.field, 'dueAt');
      const ok = await cast.organizer.post('/api/review-rounds', buildRound(challenge.id, due));
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.equal(ok.body.state, 'draft');
      assert.equal(ok.body.coi.orgYears, 3);
      roundId = ok.body.id;
      assert.equal((await cast.solver1.get(`/api/review-rounds/${roundId}`)).status, 403);
      const edit = await cast.organizer.put(`/api/review-rounds/${roundId}`, {
        ...buildRound(challenge.id, due),
        challengeId: undefined,
        version: ok.body.version,
        titleZh: '初评（修订）',
      });
      assert.equal(edit.status, 200, JSON.stringify(edit.body));
      assert.equal(edit.body.titleZh, '初评（修订）');
    });

    test('the applicant names an expert for exclusion before the round assigns, with a reason', async () => {
      const r = await cast.solver2.put(`/api/bids/${bid2.id}/exclusions`, {
        exclusions: [{ email: 'excluded@experts.cn', reason: '存在竞争关系' }],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.exclusions.length, 1);
      assert.equal(
        (await cast.solver1.put(`/api/bids/${bid2.id}/exclusions`, { exclusions: [] })).status,
        404,
      );
      const tooMany = await cast.solver2.put(`/api/bids/${bid2.id}/exclusions`, {
        exclusions: ['a', 'b', 'c', 'd'].map((x) => ({ email: `${x}@x.cn`, reason: 'r' })),
      });
      assert.equal(tooMany.status, 400);
    });

    test('non-organizers cannot run the assignment or see it', async () => {
      for (const c of [cast.proposer, cast.solver1, experts.b1]) {
        assert.equal((await c.post(`/api/review-rounds/${roundId}/assignment-runs`)).status, 403);
        assert.equal((await c.get(`/api/review-rounds/${roundId}/assignments`)).status, 403);
        assert.equal((await c.get(`/api/review-rounds/${roundId}/conflicts`)).status, 403);
      }
    });

    test('the run completes with figures; no conflicted expert is assigned; constraints hold', async () => {
      const start = await cast.organizer.post(`/api/review-rounds/${roundId}/assignment-runs`);
      assert.equal(start.status, 202, JSON.stringify(start.body));
      const run = await waitRun(start.body.id);
      assert.equal(run.state, 'done', run.error);
      assert.equal(run.progress, 1);
      assert.equal(run.stats.items, 2);
      assert.equal(run.stats.assigned, 4);
      assert.equal(run.stats.affinityHistogram.length, 10);
      assert.ok(run.stats.loadDistribution.length >= 2);
      assert.deepEqual(run.stats.shortfall, []);
      assert.ok(run.stats.conflictsExcluded.same_org >= 2);
      assert.ok(run.stats.conflictsExcluded.coauthor >= 1);
      assert.ok(run.stats.conflictsExcluded.named_exclusion >= 1);

      const conflicts = (await cast.organizer.get(`/api/review-rounds/${roundId}/conflicts`)).body as {
        bidId: string;
        expertId: string;
        conflicts: { code: string }[];
      }[];
      const codesOf = (bid: string, expert: string) =>
        conflicts
          .filter((c) => c.bidId === bid && c.expertId === expert)
          .flatMap((c) => c.conflicts.map((x) => x.code));
      assert.deepEqual(codesOf(bid1.id, experts.host.id), ['same_org']);
      assert.deepEqual(codesOf(bid1.id, experts.coauthor.id), ['coauthor']);
      assert.deepEqual(codesOf(bid2.id, experts.coauthor.id), []);
      assert.deepEqual(codesOf(bid2.id, experts.excluded.id), ['named_exclusion']);

      const view = (await cast.organizer.get(`/api/review-rounds/${roundId}/assignments`)).body;
      assert.equal(view.round.state, 'assigning');
      const load = new Map<string, number>();
      for (const it of view.items) {
        const active = it.assignments.filter((a: { state: string }) => a.state === 'assigned');
        assert.equal(active.length, 2);
        assert.deepEqual(active.map((a: { pseudonym: string }) => a.pseudonym).sort(), ['A', 'B']);
        for (const a of active) {
          assert.deepEqual(codesOf(it.bidId, a.expertId), [], 'a conflicted expert was assigned');
          load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
        }
        // One reviewer per organisation: coauthor and a2 share institute A.
        const ids = active.map((a: { expertId: string }) => a.expertId);
        assert.ok(!(ids.includes(experts.coauthor.id) && ids.includes(experts.a2.id)));
      }
      assert.ok((load.get(experts.d1.id) ?? 0) <= 1, 'd1 has a cap of 1');
      assert.ok(!load.has(experts.host.id));
    });

    test('a run whose server died (no heartbeat for a minute) shows as failed, to be run again', async () => {
      const dead = await t.database.pool.query(
        `INSERT INTO review_assignment_run (round_id, state, phase, progress, started_by, started_at, heartbeat_at)
         VALUES ($1, 'running', 'solve', 0.7, $2, now(), now() - interval '61 seconds') RETURNING id`,
        [roundId, cast.organizer.id],
      );
      const r = await cast.organizer.get(`/api/review-rounds/${roundId}/assignment-runs/${dead.rows[0].id}`);
      assert.equal(r.body.state, 'failed');
      assert.match(r.body.error, /no heartbeat for 60 s/);
      const alive = await t.database.pool.query(
        `INSERT INTO review_assignment_run (round_id, state, phase, progress, started_by, started_at, heartbeat_at)
         VALUES ($1, 'running', 'solve', 0.7, $2, now(), now() - interval '30 seconds') RETURNING id`,
        [roundId, cast.organizer.id],
      );
      const a = await cast.organizer.get(`/api/review-rounds/${roundId}/assignment-runs/${alive.rows[0].id}`);
      assert.equal(a.body.state, 'running');
      await t.database.pool.query('DELETE FROM review_assignment_run WHERE id = ANY($1)', [
        [dead.rows[0].id, alive.rows[0].id],
      ]);
    });

    test('a rerun replaces unstarted assignments and keeps the round assigning', async () => {
      const start = await cast.organizer.post(`/api/review-rounds/${roundId}/assignment-runs`);
      const run = await waitRun(start.body.id);
      assert.equal(run.state, 'done');
      assert.equal(run.stats.replaced, 4);
      const n = await t.database.pool.query(
        'SELECT count(*)::int AS n FROM review_assignment WHERE round_id = $1',
        [roundId],
      );
      assert.equal(n.rows[0].n, 4);
      // Exclusions are closed once the round assigns.
      const late = await cast.solver2.put(`/api/bids/${bid2.id}/exclusions`, { exclusions: [] });
      assert.equal(late.status, 409);
    });

    const snapshot = async () =>
      (
        await t.database.pool.query(
          `SELECT id, bid_id, expert_id, pseudonym, state FROM review_assignment WHERE round_id = $1 ORDER BY id`,
          [roundId],
        )
      ).rows as { id: string; bid_id: string; expert_id: string; pseudonym: string; state: string }[];

    test('a decline reassigns that item only, keeping everyone else', async () => {
      const before = await snapshot();
      const mine = before.find((a) => a.bid_id === bid1.id && a.state === 'assigned')!;
      const who = Object.values(experts).find((c) => c.id === mine.expert_id)!;
      // Another expert cannot decline it.
      const other = Object.values(experts).find((c) => c.id !== mine.expert_id)!;
      assert.equal(
        (await other.post(`/api/review-assignments/${mine.id}/decline`, { reason: 'x' })).status,
        404,
      );
      const r = await who.post(`/api/review-assignments/${mine.id}/decline`, { reason: '时间冲突' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.replacements, 1);
      const after = await snapshot();
      const declined = after.find((a) => a.id === mine.id)!;
      assert.equal(declined.state, 'declined');
      // Every other row is unchanged; exactly one row was added, on the same item, with a new pseudonym.
      for (const b of before.filter((x) => x.id !== mine.id))
        assert.deepEqual(
          after.find((a) => a.id === b.id),
          b,
        );
      const added = after.filter((a) => !before.some((b) => b.id === a.id));
      assert.equal(added.length, 1);
      assert.equal(added[0].bid_id, bid1.id);
      assert.notEqual(added[0].expert_id, mine.expert_id);
      assert.equal(added[0].pseudonym, 'C');
      assert.equal(
        (await who.post(`/api/review-assignments/${mine.id}/decline`, { reason: 'again' })).status,
        409,
      );
    });

    test('a conflict declared on opening an item removes the expert from it and reassigns only it', async () => {
      const before = await snapshot();
      const mine = before.find((a) => a.bid_id === bid2.id && a.state === 'assigned')!;
      const who = Object.values(experts).find((c) => c.id === mine.expert_id)!;
      const r = await who.post(`/api/review-assignments/${mine.id}/declare-conflict`, {
        reason: '曾与负责人合作',
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const after = await snapshot();
      assert.equal(after.find((a) => a.id === mine.id)?.state, 'conflict');
      const added = after.filter((a) => !before.some((b) => b.id === a.id));
      assert.ok(added.every((a) => a.bid_id === bid2.id));
      for (const b of before.filter((x) => x.id !== mine.id))
        assert.deepEqual(
          after.find((a) => a.id === b.id),
          b,
        );
      const conflicts = (await cast.organizer.get(`/api/review-rounds/${roundId}/conflicts`)).body;
      assert.ok(
        conflicts.some(
          (c: { bidId: string; expertId: string; conflicts: { code: string }[] }) =>
            c.bidId === bid2.id &&
            c.expertId === mine.expert_id &&
            c.conflicts.some((x) => x.code === 'declared_on_open'),
        ),
      );
      // No active assignment is ever conflicted.
      const active = after.filter((a) => a.state === 'assigned');
      for (const a of active)
        assert.ok(
          !conflicts.some(
            (c: { bidId: string; expertId: string }) => c.bidId === a.bid_id && c.expertId === a.expert_id,
          ),
        );
    });

    test('opening the reviews moves the round to reviewing (organizers only)', async () => {
      assert.equal((await cast.solver1.post(`/api/review-rounds/${roundId}/open-reviews`)).status, 403);
      const r = await cast.organizer.post(`/api/review-rounds/${roundId}/open-reviews`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.state, 'reviewing');
      const again = await cast.organizer.post(`/api/review-rounds/${roundId}/open-reviews`);
      assert.equal(again.status, 409);
    });

    test('the experts the solver assigned review through the review API; the organizer ranks; applicants see pseudonyms only', async () => {
      const active = (await snapshot()).filter((a) => a.state === 'assigned');
      assert.equal(active.length, 4);
      for (const [i, a] of active.entries()) {
        const who = Object.values(experts).find((c) => c.id === a.expert_id)!;
        const r = await who.post(`/api/review-rounds/${roundId}/items/${a.bid_id}/review/submit`, {
          scores: { innovation: 5 + (i % 3), feasibility: 6 },
          confidence: 3,
          commentApplicant: '指标可达，建议补充中试数据。',
        });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      // An expert who left the item reads nothing of it any more.
      const left = (await snapshot()).find((a) => a.state === 'declined')!;
      const gone = Object.values(experts).find((c) => c.id === left.expert_id)!;
      assert.equal((await gone.get(`/api/review-rounds/${roundId}/items/${left.bid_id}`)).status, 404);
      assert.equal((await cast.organizer.post(`/api/review-rounds/${roundId}/open-consensus`)).status, 200);
      const ranking = await cast.organizer.post(`/api/review-rounds/${roundId}/ranking`);
      assert.equal(ranking.status, 201, JSON.stringify(ranking.body));
      assert.equal(ranking.body.decision.rows.length, 2);
      const text = JSON.stringify([
        (await cast.solver1.get(`/api/review-rounds/${roundId}/items/${bid1.id}`)).body,
        (await cast.solver1.get(`/api/review-rounds/${roundId}/ranking`)).body,
        (await cast.solver1.get('/api/reviews/applicant-items')).body,
      ]);
      for (const [name, c] of Object.entries(experts))
        assert.ok(!text.includes(c.id), `the id of expert ${name} reached the applicant: ${text}`);
      for (const name of Object.keys(experts)) assert.ok(!text.includes(`${name}@experts.cn`));
    });
  });
}
