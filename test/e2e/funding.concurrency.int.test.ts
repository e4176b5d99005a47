// Many parallel commitments, releases and expenses on one fund and one award never overspend and
// never release twice. On PostgreSQL the requests really run in parallel (a pool of connections);
// on PGlite (one session) the same requests run one after another and must give the same answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/db/db.ts';
import { buildServer } from '../../src/http/server.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import {
  awardedChallenge,
  key,
  lumpSum,
  ok,
  programmeFund,
  release,
  signTaskBook,
} from '../support/funding.ts';

for (const kind of backends()) {
  describe(`funding under concurrency (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('parallel awards on one fund never commit more than it holds; each task book is funded once', async () => {
      const { organizer, solver1, solver2, member, admin } = cast;
      // Room for two ¥4M awards and one fen more: the third must be refused whichever comes first.
      const fund = await programmeFund(cast, 800_000_001);
      const { taskBookIds } = await awardedChallenge(t, cast, 'race3', [solver1, solver2, member]);
      const tries = taskBookIds.flatMap((tb) =>
        [1, 2, 3].map(() =>
          organizer.post('/api/funding/awards', { taskBookId: tb, fundId: fund.id, budget: lumpSum() }),
        ),
      );
      const results = await Promise.all(tries);
      const created = results.filter((r) => r.status === 201);
      assert.equal(created.length, 2, JSON.stringify(results.map((r) => [r.status, r.body.message])));
      assert.ok(
        results.every((r) => r.status === 201 || r.status === 400 || r.status === 409),
        JSON.stringify(results.map((r) => r.status)),
      );
      assert.equal(new Set(created.map((r) => r.body.taskBookId)).size, 2, 'no task book funded twice');
      const dash = await ok(organizer.get(`/api/funding/funds/${fund.id}`));
      assert.equal(dash.availableFen, 1);
      assert.equal(dash.committedFen, 800_000_000);

      // Parallel releases of the same tranche: distinct keys and repeated keys; exactly one release.
      const award = created[0].body;
      const commander = [solver1, solver2, member][taskBookIds.indexOf(award.taskBookId)];
      await signTaskBook(cast, commander, award.taskBookId);
      const shared = key();
      const rel = await Promise.all([
        ...Array.from({ length: 8 }, () => release(organizer, award.id, 0)),
        ...Array.from({ length: 8 }, () => release(organizer, award.id, 0, shared)),
      ]);
      assert.ok(
        rel.every((r) => r.status === 200 || r.status === 409),
        JSON.stringify(rel.map((r) => [r.status, r.body.message])),
      );
      const after = await ok(organizer.get(`/api/funding/awards/${award.id}`));
      assert.equal(after.releasedFen, 120_000_000, 'released once');
      assert.equal(after.disbursedFen, 120_000_000);
      const ledger = await ok(organizer.get(`/api/funding/ledger?awardId=${award.id}&pageSize=200`));
      const releases = ledger.items.filter((r: { kind: string }) => r.kind === 'release');
      assert.equal(releases.length, 1, 'one release entry');
      assert.equal(releases[0].lines.length, 2, 'of two lines');

      // Parallel expenses: ¥1.2M held, 10 × ¥0.2M asked: at most 6 go through, never below zero.
      const period = new Date(t.clock.t).toISOString().slice(0, 7);
      const spends = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          commander.post(`/api/funding/awards/${award.id}/expenses`, {
            period,
            lines: [
              {
                category: 'operational',
                kind: 'materials',
                description: `原料批次 ${i}`,
                amountFen: 20_000_000,
              },
            ],
          }),
        ),
      );
      assert.equal(
        spends.filter((r) => r.status === 200).length,
        6,
        JSON.stringify(spends.map((r) => [r.status, r.body.message])),
      );
      const final = await ok(organizer.get(`/api/funding/awards/${award.id}`));
      assert.equal(final.disbursedFen, 0);
      assert.equal(final.spentFen, 120_000_000);
      const v = await ok(admin.get('/api/funding/ledger/verify'));
      assert.equal(v.ok, true, JSON.stringify(v.problems));
    });

    // Two app instances (each its own fastify and connection pool) on one PostgreSQL database, the
    // requests alternating between them: no double award, no double release (the locks are rows).
    test('two app instances on one database: no double award, no double release', {
      skip: kind === 'pglite' ? 'PGlite is one process, one instance' : false,
    }, async () => {
      const { organizer, solver1, solver2, member } = cast;
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${(await t.database.pool.query('SELECT current_database() AS d')).rows[0].d}`;
      const db2 = await openDatabase({ url: url.toString() });
      const app2 = await buildServer({ database: db2, config: loadConfig({}), now: t.clock.now });
      try {
        // The same session works on both instances: sessions and CSRF secrets live in the database.
        const organizer2 = Object.assign(new TestClient(app2), {
          cookies: organizer.cookies,
          csrf: organizer.csrf,
        });
        const by = (i: number) => (i % 2 === 0 ? organizer : organizer2);
        const fund = await programmeFund(cast, 800_000_001, '双实例基金');
        const { taskBookIds } = await awardedChallenge(t, cast, 'two-instances', [solver1, solver2, member]);
        const results = await Promise.all(
          taskBookIds.flatMap((tb, j) =>
            [0, 1, 2].map((i) =>
              by(i + j).post('/api/funding/awards', { taskBookId: tb, fundId: fund.id, budget: lumpSum() }),
            ),
          ),
        );
        const created = results.filter((r) => r.status === 201);
        assert.equal(created.length, 2, JSON.stringify(results.map((r) => [r.status, r.body.message])));
        assert.equal(new Set(created.map((r) => r.body.taskBookId)).size, 2, 'no task book funded twice');
        const award = created[0].body;
        const commander = [solver1, solver2, member][taskBookIds.indexOf(award.taskBookId)];
        await signTaskBook(cast, commander, award.taskBookId);
        const shared = key();
        const rel = await Promise.all(
          Array.from({ length: 16 }, (_, i) => release(by(i), award.id, 0, i % 4 === 0 ? shared : key())),
        );
        assert.ok(
          rel.every((r) => r.status === 200 || r.status === 409),
          JSON.stringify(rel.map((r) => r.status)),
        );
        const after = await ok(organizer2.get(`/api/funding/awards/${award.id}`));
        assert.equal(after.releasedFen, 120_000_000, 'released once across both instances');
        const v = await ok(cast.admin.get('/api/funding/ledger/verify'));
        assert.equal(v.ok, true, JSON.stringify(v.problems));
      } finally {
        await app2.close();
        await db2.close();
      }
    });
  });
}
