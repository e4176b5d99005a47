// The recurring jobs (due-date scans every 15 minutes, the daily digest at 08:00 Beijing time) are
// registered with the queue's scheduler when an instance runs schedules, once however often
// instances start, and not at all by an instance started with JOB_SCHEDULES=off.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { jobDefs, SCHEMA } from '../../src/jobs/queue.ts';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

type App = Awaited<ReturnType<typeof buildTestApp>>;

for (const kind of backends()) {
  describe(`recurring jobs (${kind})`, () => {
    const apps: App[] = [];
    after(() => Promise.all(apps.map((a) => a.close())));
    const schedules = async (t: App) =>
      (
        await t.database.pool.query(`SELECT name, cron, timezone FROM ${SCHEMA}.schedule ORDER BY name`)
      ).rows.map((r) => `${r.name} ${r.cron} ${r.timezone}`);

    test('an instance running schedules registers each recurring job once, on restart too', async () => {
      const t = await buildTestApp(kind, { JOB_SCHEDULES: 'on' });
      apps.push(t);
      const expected = jobDefs()
        .filter((d) => d.cron)
        .map((d) => `${d.name} ${d.cron} UTC`)
        .sort();
      assert.ok(expected.includes('notify.scan */15 * * * * UTC'));
      assert.ok(expected.includes('notify.digest 0 0 * * * UTC'));
      assert.deepEqual(await schedules(t), expected);
      await t.app.jobs!.stop();
      await t.app.jobs!.start();
      assert.deepEqual(await schedules(t), expected);
    });

    test('an instance started with JOB_SCHEDULES=off schedules nothing', async () => {
      const t = await buildTestApp(kind);
      apps.push(t);
      assert.deepEqual(await schedules(t), []);
    });
  });
}
