// An expert under an integrity sanction on reviewing is never assigned by an assignment run while
// it lasts: the run excludes them from every item with the reason 'integrity_sanction' (and until
// when), and once the sanction has ended (clock injected) the exclusion is gone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { buildExperts, closedChallengeWithBids, RUBRIC } from '../support/evaluation.ts';
import { buildOrganisation } from '../support/factories.ts';
import { ok } from '../support/funding.ts';

const DAY = 86_400_000;

for (const kind of backends()) {
  describe(`reviewing sanctions in assignment runs (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('a sanctioned expert is excluded from every item while the sanction lasts, not after', async () => {
      const { organizer, admin } = cast;
      const { challenge, bids } = await closedChallengeWithBids(t, cast, 'ban');
      const experts = await buildExperts(t, 4, false);
      const rows = ['email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load'];
      for (const [i, e] of experts.entries()) {
        const org = await ok(
          admin.post(
            '/api/organisations',
            buildOrganisation({ kind: 'institute', nameZh: `惩戒测试单位${i}` }),
          ),
        );
        rows.push(`${e.email},${e.name},,${org.nameZh},E0207,石英；坩埚,crucible,10`);
      }
      await ok(
        organizer.request('POST', '/api/experts/import', `${rows.join('\n')}\n`, {
          headers: { 'content-type': 'text/csv' },
        }),
      );
      const banned = experts[0];
      const endsOn = new Date(t.clock.t + 10 * DAY).toISOString().slice(0, 10);
      await ok(
        admin.post('/api/integrity/records', {
          subjectPersonId: banned.id,
          findingType: 'other',
          severity: 'serious',
          evidence: '评审期间向申报人泄露评审意见',
          decision: '暂停评审资格',
          sanction: { blocks: ['review'], startsOn: new Date(t.clock.t).toISOString().slice(0, 10), endsOn },
        }),
      );
      const round = await ok(
        organizer.post('/api/review-rounds', {
          challengeId: challenge.id,
          titleZh: '惩戒测试函评',
          titleEn: 'Sanction test round',
          rubric: RUBRIC,
          reviewersPerItem: 3,
          dueAt: new Date(t.clock.t + 30 * DAY).toISOString(),
        }),
      );
      const run = async () => {
        const start = await organizer.post(`/api/review-rounds/${round.id}/assignment-runs`);
        assert.equal(start.status, 202, JSON.stringify(start.body));
        for (let i = 0; i < 2000; i++) {
          const r = await ok(
            organizer.get(`/api/review-rounds/${round.id}/assignment-runs/${start.body.id}`),
          );
          if (r.state !== 'running') return r;
          await new Promise((res) => setTimeout(res, 25));
        }
        throw new Error('run did not finish');
      };
      const assigned = async () =>
        (
          await t.database.db
            .selectFrom('review_assignment')
            .select(['bid_id', 'expert_id'])
            .where('round_id', '=', round.id)
            .execute()
        ).map((a) => a.expert_id);
      const sanctionConflicts = async () =>
        (
          (await ok(organizer.get(`/api/review-rounds/${round.id}/conflicts`))) as {
            expertId: string;
            conflicts: { code: string; detail: string }[];
          }[]
        ).filter((c) => c.conflicts.some((x) => x.code === 'integrity_sanction'));

      const during = await run();
      assert.equal(during.state, 'done', JSON.stringify(during));
      assert.equal(during.stats.conflictsExcluded.integrity_sanction, bids.length, 'excluded from each item');
      const who = await assigned();
      assert.equal(who.length, 3 * bids.length, 'the other three experts review every item');
      assert.ok(!who.includes(banned.id), 'the sanctioned expert is never assigned');
      const listed = await sanctionConflicts();
      assert.equal(listed.length, bids.length);
      assert.ok(listed.every((c) => c.expertId === banned.id));
      assert.ok(
        listed[0].conflicts.some((x) => x.detail === `until ${endsOn}`),
        'the reason says until when',
      );

      t.clock.t = Date.parse(`${endsOn}T00:00:00Z`) + DAY + 3_600_000; // the day after it ends
      assert.deepEqual(await sanctionConflicts(), [], 'no longer excluded once the sanction has ended');
      const afterwards = await run();
      assert.equal(afterwards.state, 'done', JSON.stringify(afterwards));
      assert.equal(afterwards.stats.conflictsExcluded.integrity_sanction, 0);
    });
  });
}
