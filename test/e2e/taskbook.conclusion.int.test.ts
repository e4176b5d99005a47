// The end of a task book: the printed task book names each party's signer and signing time
// (Beijing time) in Chinese and English; failure through misconduct is referred to integrity
// exactly once, honest failure never.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { activeTaskBook as activate, awardedTaskBook, deliveryCounts, ok } from '../support/delivery.ts';

for (const kind of backends()) {
  describe(`task book print and conclusion (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    const activeTaskBook = (tag: string, signAt?: number) => activate(t, cast, tag, signAt);
    const unchanged = () => deliveryCounts(t);

    test('the printed task book names who signed for each party and when, in Beijing time, in Chinese and English', async () => {
      // 17:30 UTC on 31 January is already 1 February in Beijing.
      const book = await activeTaskBook('print', Date.UTC(2028, 0, 31, 17, 30));
      const zh = await cast.proposer.get(`/api/task-books/${book.id}/print?lang=zh-CN`);
      assert.equal(zh.status, 200);
      assert.match(String(zh.headers['content-type']), /^text\/html/);
      const html = String(zh.body);
      assert.match(html, /<html lang="zh-CN">/);
      assert.match(html, /揭榜挂帅项目任务书/);
      assert.match(html, /<th>签署人<\/th><th>签署时间（北京时间）<\/th>/);
      assert.match(html, /<td>项目负责人（挂帅）：东海大学<\/td><td>solver1<\/td><td>2028-02-01 01:30<\/td>/);
      assert.match(html, /<td>发榜方：华晶石英<\/td><td>proposer<\/td><td>2028-02-01 03:00<\/td>/);
      assert.match(html, /≤ 10 ppm/);

      const en = String((await cast.solver1.get(`/api/task-books/${book.id}/print?lang=en`)).body);
      assert.match(en, /<html lang="en">/);
      assert.match(en, /Signed at \(Beijing time, UTC\+8\)/);
      assert.match(
        en,
        /<td>Commander \(team leader\): [^<]+<\/td><td>solver1<\/td><td>2028-02-01 01:30<\/td>/,
      );
      assert.match(en, /<td>Proposer: [^<]+<\/td><td>proposer<\/td><td>2028-02-01 03:00<\/td>/);
      assert.doesNotMatch(en, /签署/);

      // Before both have signed, the print says so instead of inventing a date.
      const draftId = await awardedTaskBook(t, cast, 'unsigned');
      await ok(cast.solver1.post(`/api/task-books/${draftId}/sign`), 'sign (commander)');
      const half = String((await cast.proposer.get(`/api/task-books/${draftId}/print?lang=zh-CN`)).body);
      assert.match(half, /<td>发榜方：华晶石英<\/td><td>未签署<\/td><td>—<\/td>/);
      assert.match(half, /<td>项目负责人（挂帅）：东海大学<\/td><td>solver1<\/td>/);
      assert.equal((await cast.solver2.get(`/api/task-books/${draftId}/print?lang=en`)).status, 404);
    });

    test('failure through misconduct writes exactly one integrity referral; honest failure writes none', async () => {
      const referrals = async (sourceId: string) =>
        (
          await t.database.pool.query(
            'SELECT subject_person_id, subject_org_id, source_type, summary, state FROM integrity_referral WHERE source_id = $1',
            [sourceId],
          )
        ).rows;
      /** Judges both targets; the first (≤ 10 ppm) is not met, so the project failed. */
      const judged = async (book: Awaited<ReturnType<typeof activeTaskBook>>) => {
        for (const [x, measured] of [
          [book.targets[0], '15'],
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
        return book;
      };
      const honest = await judged(await activeTaskBook('honest'));
      await ok(
        cast.organizer.post(`/api/task-books/${honest.id}/actions/fail_honest`, {
          comment: '技术路线经充分论证，攻关未达预期',
        }),
        'honest failure',
      );
      assert.deepEqual(await referrals(honest.id), [], 'tolerated failure (宽容失败) is never referred');

      const bad = await judged(await activeTaskBook('misconduct'));
      const before = await unchanged();
      const noReason = await cast.organizer.post(`/api/task-books/${bad.id}/actions/fail_misconduct`, {});
      assert.equal(noReason.body.field, 'comment');
      assert.equal(
        (await cast.proposer.post(`/api/task-books/${bad.id}/actions/fail_misconduct`, { comment: 'x' }))
          .status,
        403,
      );
      assert.deepEqual(await referrals(bad.id), []);
      assert.deepEqual(await unchanged(), before);
      const done = await ok(
        cast.organizer.post(`/api/task-books/${bad.id}/actions/fail_misconduct`, {
          comment: '检测数据系伪造',
        }),
        'misconduct',
      );
      assert.equal(done.state, 'misconduct');
      assert.deepEqual(await referrals(bad.id), [
        {
          subject_person_id: cast.solver1.id,
          subject_org_id: cast.university.id,
          source_type: 'task_book',
          summary: '检测数据系伪造',
          state: 'open',
        },
      ]);
      // Concluded: recording it again is refused and refers nobody twice.
      assert.equal(
        (await cast.organizer.post(`/api/task-books/${bad.id}/actions/fail_misconduct`, { comment: '再次' }))
          .status,
        409,
      );
      assert.equal((await referrals(bad.id)).length, 1);
      assert.deepEqual(await referrals(honest.id), []);
    });
  });
}
