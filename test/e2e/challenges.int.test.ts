// The whole 揭榜挂帅 lifecycle over HTTP on every backend: draft, vet, publish, search, bid,
// deadline, select, notice and objections, award, task book, report, acceptance.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import {
  buildBid,
  buildCast,
  buildChallenge,
  publishedChallenge,
  submittedBid,
} from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';
import { messageEn } from '../support/messages.ts';

for (const kind of backends()) {
  describe(`challenges (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      // The clock jumps months ahead here; sessions must outlive it.
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('bad challenge input is refused naming the field, and writes nothing', async () => {
      const { proposer, enterprise, agency, university } = cast;
      const cases: [Record<string, unknown>, string][] = [
        [{ targets: [] }, 'targets'],
        [{ deadline: '2020-01-01T00:00:00+08:00' }, 'deadline'],
        [{ deadline: 'next friday' }, 'deadline'],
        [{ organiserOrgId: university.id }, 'organiserOrgId'],
        [{ orgId: university.id }, 'orgId'],
        [{ budgetCeilingFen: 10.5 }, 'budgetCeilingFen'],
        [{ cofundFen: 600_000_000 }, 'cofundFen'],
        [
          {
            targets: [
              {
                metric: '直径',
                comparator: 'range',
                threshold: '10',
                verification: '测量',
                verifier: 'proposer',
              },
            ],
          },
          'targets.0.thresholdHigh',
        ],
        [
          {
            targets: [
              {
                metric: '纯度',
                comparator: 'gte',
                threshold: '99.9%',
                verification: '检测',
                verifier: 'proposer',
              },
            ],
          },
          'targets.0.threshold',
        ],
        [
          {
            targets: [
              { metric: '纯度', comparator: 'gte', threshold: '99', verification: '检测', verifier: 'lab' },
            ],
          },
          'targets.0.verifierName',
        ],
      ];
      for (const [override, field] of cases) {
        const before = await snapshotCounts(t.database);
        const r = await proposer.post('/api/challenges', buildChallenge(enterprise.id, agency.id, override));
        assert.ok(r.status >= 400 && r.status < 500, `${field}: ${r.status}`);
        assert.equal(r.body.field, field, JSON.stringify(r.body));
        assert.deepEqual(await snapshotCounts(t.database), before);
      }
    });

    test('vetting: submit, return with comments, edit, resubmit, publish; drafts stay private', async () => {
      const { proposer, organizer, outsider, enterprise, agency } = cast;
      const c = (await proposer.post('/api/challenges', buildChallenge(enterprise.id, agency.id))).body;
      assert.equal(c.state, 'draft');
      assert.equal((await outsider.get(`/api/challenges/${c.id}`)).status, 404, 'a draft is not public');
      assert.equal(
        (await organizer.post(`/api/challenges/${c.id}/actions/publish`, {})).status,
        409,
        'not submitted yet',
      );
      assert.equal((await proposer.post(`/api/challenges/${c.id}/actions/submit`, {})).status, 200);
      const noComment = await organizer.post(`/api/challenges/${c.id}/actions/return`, {});
      assert.equal(noComment.body.field, 'comment');
      assert.equal(
        (await proposer.post(`/api/challenges/${c.id}/actions/publish`, {})).status,
        403,
        'the proposer cannot publish',
      );
      await organizer.post(`/api/challenges/${c.id}/actions/return`, { comment: '请补充第三方检测机构资质' });
      const mine = await proposer.get(`/api/challenges/${c.id}`);
      assert.equal(mine.body.state, 'returned');
      assert.equal(mine.body.vetting.at(-1).comment, '请补充第三方检测机构资质');
      const edited = await proposer.put(`/api/challenges/${c.id}`, {
        version: mine.body.version,
        challenge: buildChallenge(enterprise.id, agency.id, { ipTerms: '修订后的知识产权条款' }),
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      await proposer.post(`/api/challenges/${c.id}/actions/submit`, {});
      assert.equal((await organizer.post(`/api/challenges/${c.id}/actions/publish`, {})).status, 200);
      const pub = await t.client().get(`/api/challenges/${c.id}`);
      assert.equal(pub.status, 200, 'published challenges are public');
      assert.equal(pub.body.ipTerms, '修订后的知识产权条款');
      assert.deepEqual(pub.body.vetting, [], 'vetting comments are not public');
      const stats = (await t.client().get('/api/challenges/stats')).body;
      assert.ok(stats.collected >= 1 && stats.vetted >= 1 && stats.published >= 1);
    });

    test('public listing: Chinese and English full-text search and filters, without login', async () => {
      const c = await publishedChallenge(cast, {
        titleZh: '工业机器人精密减速器',
        titleEn: 'Precision reducer for industrial robots',
        statementZh: '协作机器人关节用精密减速器，回差小于 1 弧分。',
        statementEn: 'Joint reducers for collaborative robots.',
        keywords: ['减速器', 'backlash'],
        budgetCeilingFen: 300_000_000,
        disciplineCodes: ['E0501'],
      });
      const anon = t.client();
      const ids = async (qs: string) => {
        const r = (await anon.get(`/api/challenges?${qs}`)).body;
        return r.items.map((x: { id: string }) => x.id);
      };
      assert.ok((await ids(`q=${encodeURIComponent('减速器')}`)).includes(c.id));
      assert.ok((await ids('q=reducers')).includes(c.id), 'English is stemmed');
      assert.ok(!(await ids(`q=${encodeURIComponent('坩埚')}`)).includes(c.id));
      assert.ok((await ids('discipline=E05')).includes(c.id));
      assert.ok(!(await ids('discipline=E02')).includes(c.id));
      assert.ok((await ids('budgetMaxFen=300000000')).includes(c.id));
      assert.ok(!(await ids('budgetMinFen=300000001')).includes(c.id));
      assert.ok((await ids('region=33')).includes(c.id));
    });

    test('bids: idempotent creation, team confirmation, signed pledge, submit once, deadline by server time', async () => {
      const { solver1, solver2, member, hostAdmin, outsider, university } = cast;
      const c = await publishedChallenge(cast, { titleZh: '高纯石英坩埚（二）' });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
        { members: [{ personId: member.id, role: '工艺' }] },
      );
      const key = { headers: { 'idempotency-key': 'bid-key-0001' } };
      const first = await solver1.request('POST', `/api/challenges/${c.id}/bids`, body, key);
      assert.equal(first.status, 201, JSON.stringify(first.body));
      const again = await solver1.request('POST', `/api/challenges/${c.id}/bids`, body, key);
      assert.equal(again.status, 200);
      assert.equal(again.body.id, first.body.id, 'the same key never makes a second bid');
      const other = await solver1.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        { ...body, budgetFen: 1 },
        key,
      );
      assert.equal(other.status, 422);
      const bidId = first.body.id;
      assert.equal((await outsider.get(`/api/bids/${bidId}`)).status, 404, 'other people cannot see a bid');
      assert.equal((await solver2.get(`/api/bids/${bidId}`)).status, 404, 'a competing solver cannot see it');

      let s = await solver1.post(`/api/bids/${bidId}/actions/submit`);
      assert.equal(s.status, 409);
      assert.match(messageEn(s.body), /confirmed/);
      await member.post(`/api/bids/${bidId}/confirm`);
      s = await solver1.post(`/api/bids/${bidId}/actions/submit`);
      assert.match(messageEn(s.body), /pledge/);
      assert.equal(
        (await solver1.post(`/api/bids/${bidId}/sign`, { as: 'host' })).status,
        403,
        'the commander cannot sign for the host',
      );
      await solver1.post(`/api/bids/${bidId}/sign`, { as: 'commander' });
      await hostAdmin.post(`/api/bids/${bidId}/sign`, { as: 'host' });
      assert.equal((await solver1.post(`/api/bids/${bidId}/actions/submit`)).status, 200);
      assert.equal(
        (await solver1.post(`/api/bids/${bidId}/actions/submit`)).status,
        200,
        'resubmitting is harmless',
      );
      assert.equal((await solver1.get(`/api/bids/${bidId}`)).body.state, 'submitted');

      // Over the ceiling, and after the deadline.
      const tooMuch = await solver2.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        { ...body, members: [], budgetFen: 600_000_000 },
        { headers: { 'idempotency-key': 'bid-key-0002' } },
      );
      assert.equal(tooMuch.body.field, 'budgetFen');
      const draft = await solver2.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        { ...body, members: [] },
        { headers: { 'idempotency-key': 'bid-key-0003' } },
      );
      assert.equal(draft.status, 201);
      await solver2.post(`/api/bids/${draft.body.id}/sign`, { as: 'commander' });
      await hostAdmin.post(`/api/bids/${draft.body.id}/sign`, { as: 'host' });
      const saved = t.clock.t;
      t.clock.t = Date.parse('2026-12-31T09:00:00Z'); // exactly the deadline (17:00 Beijing)
      const late = await solver2.post(`/api/bids/${draft.body.id}/actions/submit`);
      assert.equal(late.status, 409);
      assert.match(messageEn(late.body), /deadline/);
      const lateNew = await solver2.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        { ...body, members: [] },
        { headers: { 'idempotency-key': 'bid-key-0004' } },
      );
      assert.equal(lateNew.status, 409);
      t.clock.t = saved;
    });

    test('an active integrity sanction blocks a bid, saying until when', async () => {
      const { solver2, university } = cast;
      const c = await publishedChallenge(cast, { titleZh: '高纯石英坩埚（三）' });
      await asOwner(
        t.database,
        `INSERT INTO sanction (person_id, blocks, starts_on, ends_on, reason) VALUES ('${solver2.id}', '{bid}', '2026-01-01', '2027-06-30', '数据造假')`,
      );
      const r = await solver2.request(
        'POST',
        `/api/challenges/${c.id}/bids`,
        buildBid(
          university.id,
          c.targets.map((x) => x.id),
        ),
        { headers: { 'idempotency-key': 'sanctioned-1' } },
      );
      await asOwner(t.database, `DELETE FROM sanction WHERE person_id = '${solver2.id}'`);
      assert.equal(r.status, 403);
      assert.equal(r.body.code, 'INELIGIBLE');
      assert.match(messageEn(r.body), /2027-06-30/);
    });

    test('selection, public notice with an objection, award, task book, report and acceptance target by target', async () => {
      const { solver1, solver2, hostAdmin, organizer, proposer, outsider, university } = cast;
      const c = await publishedChallenge(cast, { titleZh: '高纯石英坩埚（四）' });
      const b1 = await submittedBid(solver1, hostAdmin, c, university.id, 'flow-bid-1');
      const b2 = await submittedBid(solver2, hostAdmin, c, university.id, 'flow-bid-2');
      assert.equal(
        (await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {})).status,
        409,
        'before the deadline',
      );
      t.clock.t = Date.parse('2027-01-02T00:00:00Z');
      assert.equal((await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {})).status, 200);
      const bids = (await proposer.get(`/api/challenges/${c.id}/bids`)).body;
      assert.equal(bids.total, 2, 'the proposer sees submitted bids once bidding closed');
      assert.equal(
        (await proposer.post(`/api/bids/${b1.id}/scores`, { kind: 'proposer_fit', score: 90 })).status,
        200,
      );
      assert.equal(
        (await proposer.post(`/api/bids/${b1.id}/scores`, { kind: 'organizer', score: 90 })).body.field,
        'kind',
      );
      await organizer.post(`/api/bids/${b1.id}/scores`, { kind: 'organizer', score: 88 });
      await organizer.post(`/api/bids/${b2.id}/scores`, { kind: 'organizer', score: 71 });
      assert.equal((await organizer.post(`/api/bids/${b1.id}/actions/select`)).status, 200);
      assert.equal(
        (await organizer.post(`/api/bids/${b2.id}/actions/select`)).status,
        409,
        'one winner slot',
      );
      assert.equal((await organizer.post(`/api/challenges/${c.id}/actions/announce`, {})).status, 200);
      const obj = await solver2.post(`/api/challenges/${c.id}/objections`, {
        text: '中选团队的检测报告不完整',
      });
      assert.equal(obj.status, 201);
      assert.equal(
        (await organizer.post(`/api/challenges/${c.id}/actions/award`, {})).status,
        409,
        'notice period running',
      );
      t.clock.t += 6 * 86_400_000;
      const blocked = await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      assert.match(messageEn(blocked.body), /objection/);
      assert.equal(
        (
          await outsider.post(`/api/objections/${obj.body.id}/resolve`, {
            decision: 'dismissed',
            resolution: 'x',
          })
        ).status,
        403,
      );
      await organizer.post(`/api/objections/${obj.body.id}/resolve`, {
        decision: 'dismissed',
        resolution: '已补充检测报告原件，异议不成立',
      });
      assert.equal((await organizer.post(`/api/challenges/${c.id}/actions/award`, {})).status, 200);
      assert.equal((await solver2.get(`/api/bids/${b2.id}`)).body.state, 'not_selected');

      const detail = (await proposer.get(`/api/challenges/${c.id}`)).body;
      const bookId = detail.taskBooks[0].id;
      let book = (await solver1.get(`/api/task-books/${bookId}`)).body;
      assert.equal(book.state, 'drafting');
      assert.equal(
        book.tranches.reduce((a: number, x: { amountFen: number }) => a + x.amountFen, 0),
        400_000_000,
      );
      assert.equal(book.tranches[0].amountFen, 120_000_000, '30% at signing');
      assert.equal((await solver2.get(`/api/task-books/${bookId}`)).status, 404);
      // Targets are frozen, even for someone with database owner rights going around the app.
      await assert.rejects(
        asOwner(t.database, `UPDATE challenge_target SET threshold = 50 WHERE challenge_id = '${c.id}'`),
        /frozen/,
      );
      await assert.rejects(
        asOwner(t.database, `UPDATE task_book SET targets = '[]' WHERE id = '${bookId}'`),
        /frozen/,
      );

      const badTranches = await proposer.put(`/api/task-books/${bookId}`, {
        revision: book.revision,
        milestones: book.milestones,
        tranches: [{ label: 'all', amountFen: 1, condition: 'x' }],
      });
      assert.equal(badTranches.body.field, 'tranches');
      await solver1.post(`/api/task-books/${bookId}/sign`);
      book = (await proposer.post(`/api/task-books/${bookId}/sign`)).body;
      assert.equal(book.state, 'active');
      const print = await proposer.get(`/api/task-books/${bookId}/print?lang=en`);
      assert.match(String(print.body), /Task book/);
      assert.match(String(print.body), /≤ 10 ppm/);

      const [t1, t2] = book.targets;
      const rep = await solver1.post(`/api/task-books/${bookId}/reports`, {
        milestoneNo: 0,
        summary: '完成小批量样品',
        measured: { [t1.id]: '9.5' },
      });
      assert.equal(rep.status, 200, JSON.stringify(rep.body));
      await proposer.post(`/api/reports/${rep.body.reports[0].id}/review`, { decision: 'accepted' });
      await proposer.post(`/api/task-books/${bookId}/judgements`, {
        targetId: t1.id,
        measured: '10.000',
        evidence: 'ICP-MS 报告 2028-05',
        verifier: '国家石英材料质检中心',
      });
      assert.equal(
        (await proposer.post(`/api/task-books/${bookId}/actions/accept`, {})).status,
        409,
        'every target must be judged',
      );
      book = (
        await proposer.post(`/api/task-books/${bookId}/judgements`, {
          targetId: t2.id,
          measured: '399.99',
          evidence: '产线记录',
          verifier: '发榜方',
        })
      ).body;
      assert.deepEqual(
        book.judgements.map((j: { met: boolean }) => j.met).sort(),
        [false, true],
        '10.000 ≤ 10 is met; 399.99 ≥ 400 is not',
      );
      const acc = await proposer.post(`/api/task-books/${bookId}/actions/accept`, {});
      assert.equal(acc.status, 409);
      assert.match(messageEn(acc.body), /mandatory target is not met/);
      assert.equal(
        (await proposer.post(`/api/task-books/${bookId}/actions/fail_honest`, { comment: 'x' })).status,
        403,
        'the organizer records failure',
      );
      const failed = await organizer.post(`/api/task-books/${bookId}/actions/fail_honest`, {
        comment: '团队按计划尽力攻关，连续拉晶时间差 0.01 小时',
      });
      assert.equal(failed.body.state, 'honest_failure');
      const referrals = await t.database.pool.query('SELECT count(*)::int AS n FROM integrity_referral');
      assert.equal(referrals.rows[0].n, 0, 'honest failure never goes to integrity');
      const audit = (
        await cast.admin.get(`/api/audit?objectType=task_book&objectId=${bookId}`)
      ).body.items.map((e: { action: string }) => e.action);
      assert.ok(
        audit.includes('task_book.fail_honest') &&
          audit.includes('task_book.judge_target') &&
          audit.includes('task_book.sign_proposer'),
      );
    });
  });
}
