// The demo races load through the services on top of the demo data: one in progress, one finished.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/db/db.ts';
import { loadDemo } from '../../src/demo/load.ts';
import { loadRaceDemo } from '../../src/demo/race-demo.ts';
import { getBoard, listRaces } from '../../src/modules/race/race.service.ts';
// The notices demo load sends are delivered by the job this module defines (the server loads it too).
import '../../src/modules/notifications/mail.ts';
import { freshDatabase } from '../support/db.ts';

describe('race demo data', { timeout: 120_000 }, () => {
  let database: Database;
  before(async () => {
    database = await freshDatabase('pglite');
  });
  after(() => database.close());

  test('one race in progress and one finished, loaded once', async () => {
    const ctx = { db: database.db, now: () => new Date(), actor: null };
    const lines: string[] = [];
    await loadDemo(ctx, (l) => lines.push(l));
    assert.equal(lines.filter((l) => /race/i.test(l)).length, 2, 'demo load makes the two races');
    assert.equal(await loadRaceDemo(ctx), 0, 'a second run changes nothing');
    assert.equal((await loadDemo(ctx)).alreadyLoaded, true);
    const races = (await listRaces(ctx, { sort: 'createdAt', order: 'desc', page: 1, pageSize: 20 })).items;
    assert.deepEqual(races.map((r) => r.state).sort(), ['finished', 'running']);
    const running = await getBoard(ctx, races.find((r) => r.state === 'running')!.id);
    assert.deepEqual(
      running.gates.map((g) => g.state),
      ['final'],
    );
    assert.equal(running.teams.filter((t) => t.status === 'active').length, 2);
    assert.equal(running.gates[0].objections.length, 0, 'objections are not public');
    const finished = await getBoard(ctx, races.find((r) => r.state === 'finished')!.id);
    assert.equal(finished.winners.length, 1);
    assert.equal(finished.releasedFen, finished.awardFen);
    assert.ok(finished.gates.every((g) => g.reproducible));
  });
});
