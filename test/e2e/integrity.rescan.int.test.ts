// The duplicate rescan runs as a job on the queue: queued by an integrity officer (or the platform
// admin), executed by a worker, its progress and result readable by any instance; others are refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { backends } from '../support/db.ts';

for (const kind of backends()) {
  describe(`integrity rescan on the job queue (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());

    test('queued, run by a worker, done with its figures; only officers start or read it', async () => {
      const admin = await t.admin();
      const someone = t.client();
      await someone.register('someone@example.cn');
      await someone.login('someone@example.cn');
      assert.equal((await someone.post('/api/integrity/rescan', {})).status, 403);
      assert.equal((await someone.get('/api/integrity/rescan')).status, 403);
      assert.equal((await admin.get('/api/integrity/rescan')).body.state, 'none');
      const r = await admin.post('/api/integrity/rescan', { threshold: 0.9 });
      assert.equal(r.status, 202, JSON.stringify(r.body));
      assert.equal(r.body.state, 'queued');
      const until = Date.now() + 20_000;
      let s = r.body;
      while (s.state !== 'done') {
        assert.ok(s.state !== 'failed', JSON.stringify(s));
        assert.ok(Date.now() < until, `still ${s.state}`);
        await new Promise((res) => setTimeout(res, 200));
        s = (await admin.get('/api/integrity/rescan')).body;
      }
      assert.equal(s.flagged, 0);
      assert.ok(s.finishedAt);
      const jobs = (await admin.get('/api/admin/jobs')).body;
      assert.ok(jobs.queues.some((q: any) => q.name === 'integrity.rescan' && q.completed === 1));
    });
  });
}
