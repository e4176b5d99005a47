// "My tasks" of funding, integrity, ethics and organisation admins: each kind of work shows for
// the person who must do it, with the right count and link, and for nobody else.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorFor } from '../../src/demo/actor.ts';
import { render } from '../../src/i18n/messages.ts';
import '../../src/modules/accounts/accounts.tasks.ts';
import '../../src/modules/ethics/ethics.tasks.ts';
import '../../src/modules/funding/funding.tasks.ts';
import { tasksFor } from '../../src/modules/home/tasks.ts';
import '../../src/modules/integrity/integrity.tasks.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { awardedChallenge, lumpSum, ok, programmeFund, release, signTaskBook } from '../support/funding.ts';

const DAY = 86_400_000;

for (const kind of backends()) {
  describe(`funding, integrity, ethics and membership tasks (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let officerId: string;
    let adminId: string;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      adminId = (
        await t.database.db
          .selectFrom('person')
          .select('id')
          .where('email_norm', '=', 'admin@jiebang.test')
          .executeTakeFirstOrThrow()
      ).id;
      const c = t.client();
      officerId = (await c.register('officer@example.cn', 'correct horse battery', '纪检员')).body.id;
      await ok(
        cast.admin.post('/api/memberships/grant', {
          personId: officerId,
          orgId: cast.agency.id,
          role: 'integrity_officer',
        }),
      );
    });
    after(() => t.close());

    /** The person's tasks whose kind matches, by kind. */
    const tasks = async (personId: string, kinds: RegExp) => {
      const ctx = { db: t.database.db, now: t.clock.now, actor: await actorFor(t.database, personId) };
      const list = (await tasksFor(ctx)).filter((x) => kinds.test(x.kind));
      return Object.fromEntries(list.map((x) => [x.kind, x]));
    };

    test('a tranche whose condition is met waits for the organizer, until released', async () => {
      const { organizer, proposer, solver1 } = cast;
      const fund = await programmeFund(cast, 1_000_000_000);
      const { taskBookIds } = await awardedChallenge(t, cast, 'tasks', [solver1]);
      const award = await ok(
        organizer.post('/api/funding/awards', {
          taskBookId: taskBookIds[0],
          fundId: fund.id,
          budget: lumpSum(),
        }),
      );
      assert.deepEqual(await tasks(organizer.id, /^funding\./), {}, 'not signed yet: nothing to release');
      await signTaskBook(cast, solver1, taskBookIds[0]);
      const mine = await tasks(organizer.id, /^funding\./);
      assert.deepEqual(Object.keys(mine), ['funding.release']);
      assert.equal(mine['funding.release'].count, 1);
      assert.equal(mine['funding.release'].href, `/funding/awards/${award.id}`);
      assert.equal(render(mine['funding.release'].title, 'en'), '1 tranche(s) ready to release');
      assert.equal(render(mine['funding.release'].title, 'zh-CN'), '1 笔经费已满足拨付条件，待拨付');
      for (const other of [proposer, solver1]) assert.deepEqual(await tasks(other.id, /^funding\./), {});
      assert.equal((await release(organizer, award.id, 0)).status, 200);
      assert.deepEqual(await tasks(organizer.id, /^funding\./), {}, 'released: done');
    });

    test('flags, referrals and appeals wait for integrity officers only', async () => {
      const db = t.database.db;
      const now = new Date(t.clock.t);
      const a = await db.selectFrom('bid').select('id').executeTakeFirstOrThrow();
      const [x, y] = [a.id, cast.agency.id].sort();
      await db
        .insertInto('duplicate_flag')
        .values({ a_type: 'bid', a_id: x, b_type: 'bid', b_id: y, similarity: '0.9100', created_at: now })
        .execute();
      await db
        .insertInto('integrity_referral')
        .values({
          subject_person_id: cast.solver1.id,
          subject_org_id: null,
          source_type: 'task_book',
          source_id: a.id,
          summary: '数据造假',
          created_by: cast.organizer.id,
          created_at: now,
        })
        .execute();
      for (const status of ['pending', 'pending', 'upheld'])
        await db
          .insertInto('integrity_record')
          .values({
            subject_person_id: cast.solver2.id,
            subject_org_id: null,
            finding_type: 'plagiarism',
            severity: 'minor',
            evidence: '…',
            decision: '…',
            sanction_id: null,
            appeal_status: status,
            created_by: officerId,
            created_at: now,
            updated_at: now,
          })
          .execute();
      const mine = await tasks(officerId, /^integrity\./);
      assert.deepEqual(Object.keys(mine).sort(), [
        'integrity.appeal',
        'integrity.flag',
        'integrity.referral',
      ]);
      assert.equal(mine['integrity.flag'].count, 1);
      assert.equal(mine['integrity.flag'].href, '/integrity/flags');
      assert.equal(mine['integrity.referral'].count, 1);
      assert.equal(mine['integrity.appeal'].count, 2, 'pending appeals only');
      assert.equal(render(mine['integrity.appeal'].title, 'zh-CN'), '2 项申诉待裁决');
      for (const other of [cast.organizer.id, cast.solver2.id, adminId])
        assert.deepEqual(await tasks(other, /^integrity\./), {}, 'only integrity officers triage');
    });

    test('an open ethics review waits for each member who has not voted, never for the team', async () => {
      const db = t.database.db;
      const now = new Date(t.clock.t);
      const voters = [cast.outsider.id, cast.member.id, cast.solver1.id];
      const committee = await db
        .insertInto('ethics_committee')
        .values({ org_id: cast.agency.id, name: '伦理委员会', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('ethics_committee_member')
        .values(voters.map((p) => ({ committee_id: committee.id, person_id: p })))
        .execute();
      const bid = await db
        .selectFrom('bid')
        .select('id')
        .where('commander_id', '=', cast.solver1.id)
        .executeTakeFirstOrThrow();
      const review = await db
        .insertInto('ethics_review')
        .values({
          bid_id: bid.id,
          committee_id: committee.id,
          categories: ['ai'],
          state: 'open',
          opened_at: now,
          due_at: new Date(t.clock.t + 30 * DAY),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const outsider = await tasks(cast.outsider.id, /^ethics\./);
      assert.equal(outsider['ethics.vote'].count, 1);
      assert.equal(outsider['ethics.vote'].dueAt, new Date(t.clock.t + 30 * DAY).toISOString());
      assert.equal(render(outsider['ethics.vote'].title, 'en'), '1 ethics review(s) waiting for your vote');
      assert.deepEqual(await tasks(cast.solver1.id, /^ethics\./), {}, 'the commander does not vote');
      await db
        .insertInto('ethics_vote')
        .values({ review_id: review.id, member_id: cast.member.id, vote: 'approve', at: now })
        .execute();
      assert.deepEqual(await tasks(cast.member.id, /^ethics\./), {}, 'voted: done');
      assert.deepEqual(await tasks(cast.organizer.id, /^ethics\./), {}, 'not a member');
    });

    test('a role request waits for the admins of its organisation and the platform admin', async () => {
      const count = async (id: string) => (await tasks(id, /^membership\./))['membership.decide']?.count ?? 0;
      const [adminBefore, hostBefore] = [await count(adminId), await count(cast.hostAdmin.id)];
      const c = t.client();
      await c.register('newcomer@example.cn', 'correct horse battery', '新同事');
      await c.login('newcomer@example.cn');
      await ok(c.post('/api/memberships', { orgId: cast.university.id, role: 'solver' }));
      const host = await tasks(cast.hostAdmin.id, /^membership\./);
      assert.equal(host['membership.decide'].count, hostBefore + 1);
      assert.equal(host['membership.decide'].href, '/roles');
      assert.equal(render(host['membership.decide'].title, 'zh-CN'), `${hostBefore + 1} 项角色申请待审批`);
      assert.equal(await count(adminId), adminBefore + 1);
      for (const other of [cast.organizer, cast.solver1])
        assert.deepEqual(await tasks(other.id, /^membership\./), {}, 'not an admin of the university');
    });
  });
}
