// An accepted challenge deliverable is listed in one step: the host organisation reads it pre-filled
// (the challenge's text, the team as contributors with shares summing to 100 %, the task book as
// source) and lists it as is; an unaccepted deliverable, another organisation or a second listing
// is refused.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { activeTaskBook, ok } from '../support/delivery.ts';

for (const kind of backends()) {
  describe(`transfer: a deliverable listed in one step (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('accepted → pre-filled → listed; refusals', async () => {
      const book = await activeTaskBook(t, cast, 'listing');
      const url = `/api/transfer/task-books/${book.id}/listing`;
      // Not yet accepted: refused, for the host and for anyone else alike.
      const early = await cast.solver1.get(url);
      assert.equal(early.status, 409);
      assert.equal(early.body.code, 'ILLEGAL_TRANSITION');
      for (const [x, measured] of [
        [book.targets[0], '8'],
        [book.targets[1], '420'],
      ] as const)
        await ok(
          cast.proposer.post(`/api/task-books/${book.id}/judgements`, {
            targetId: x.id,
            measured,
            evidence: '检测报告',
          }),
          'judge',
        );
      await ok(cast.proposer.post(`/api/task-books/${book.id}/actions/accept`, {}), 'accept');

      assert.equal((await cast.outsider.get(url)).status, 404);
      assert.equal((await cast.proposer.get(url)).status, 404, 'the proposer is not the host');
      const draft = await ok(cast.solver1.get(url), 'pre-fill');
      assert.equal(draft.orgId, cast.university.id);
      assert.equal(draft.sourceTaskBookId, book.id);
      assert.match(draft.titleZh, /交付测试 listing/);
      assert.ok(draft.abstractZh.length > 0);
      assert.ok(draft.inventors.length >= 1);
      assert.equal(
        draft.inventors.reduce((s: number, i: { shareBp: number }) => s + i.shareBp, 0),
        10000,
      );

      // One step: the pre-filled draft is listed as it is.
      const listed = await cast.solver1.post('/api/transfer/achievements', { ...draft, list: true });
      assert.equal(listed.status, 201, JSON.stringify(listed.body));
      assert.equal(listed.body.state, 'listed');
      assert.match(listed.body.source.title.zh, /交付测试 listing/);
      const again = await cast.solver1.get(url);
      assert.equal(again.status, 409);
      assert.equal(again.body.code, 'DUPLICATE');
      const twice = await cast.solver1.post('/api/transfer/achievements', { ...draft, list: true });
      assert.equal(twice.status, 409);
      assert.equal(twice.body.field, 'sourceTaskBookId');
    });

    test('a task book not yet accepted cannot be a listing’s source', async () => {
      const book = await activeTaskBook(t, cast, 'early');
      const r = await cast.solver1.post('/api/transfer/achievements', {
        orgId: cast.university.id,
        kind: 'knowHow',
        titleZh: '尚未验收的成果',
        trl: 5,
        offers: ['transfer'],
        inventors: [{ nameZh: '甲', shareBp: 10000 }],
        sourceTaskBookId: book.id,
      });
      assert.equal(r.status, 400);
      assert.equal(r.body.field, 'sourceTaskBookId');
    });
  });
}
