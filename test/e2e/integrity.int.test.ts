// Integrity records and sanctions that block bids automatically, appeals, and duplicate-
// submission flags raised on submission with overlapping passages for the officers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildBid, buildCast, publishedChallenge, submittedBid } from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';

const ROUTE =
  '采用两段酸浸除去石英砂中的铁、铝、钛等金属杂质，再经高温氯化焙烧深度提纯；坩埚内层以电弧熔制形成无气泡透明层，外层保留气泡层以保证强度。' +
  'The inner layer is arc-fused into a bubble-free transparent layer while the outer layer keeps bubbles for strength.';
const ROUTE_REWORDED =
  'The inner layer is arc-fused into a bubble-free transparent layer while the outer layer keeps bubbles for strength.' +
  '采用两段酸浸除去石英砂中的铁、铝、钛等金属杂质，再经高温氯化焙烧深度提纯；坩埚内层以电弧熔制形成无气泡透明层，外层保留气泡层以保证强度。';

for (const kind of backends()) {
  describe(`integrity (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let officer: Awaited<ReturnType<typeof buildTestApp>>['client'] extends () => infer C ? C : never;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
      officer = t.client();
      const r = await officer.register('officer@example.cn');
      await cast.admin.post('/api/memberships/grant', {
        personId: r.body.id,
        orgId: cast.agency.id,
        role: 'integrity_officer',
      });
      await officer.login('officer@example.cn');
    });
    after(() => t.close());

    test('a sanction blocks bidding until overturned on appeal; records are seen by officers and the subject only', async () => {
      const { solver1, solver2, university } = cast;
      const bad = await officer.post('/api/integrity/records', {
        findingType: 'fabrication',
        severity: 'serious',
        evidence: 'x',
        decision: 'y',
        sanction: null,
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'subjectPersonId');
      const before = await snapshotCounts(t.database);
      const bad2 = await officer.post('/api/integrity/records', {
        subjectPersonId: solver2.id,
        findingType: 'fabrication',
        severity: 'serious',
        evidence: 'x',
        decision: 'y',
        sanction: { blocks: ['bid'], startsOn: '2026-11-01', endsOn: '2026-10-01' },
      });
      assert.equal(bad2.body.field, 'sanction.endsOn');
      assert.deepEqual(await snapshotCounts(t.database), before);
      assert.equal(
        (
          await solver1.post('/api/integrity/records', {
            subjectPersonId: solver2.id,
            findingType: 'other',
            severity: 'minor',
            evidence: 'x',
            decision: 'y',
          })
        ).status,
        403,
      );

      const rec = await officer.post('/api/integrity/records', {
        subjectPersonId: solver2.id,
        findingType: 'fabrication',
        severity: 'serious',
        evidence: '2025 年结题报告中的检测数据经核查系伪造',
        decision: '取消申报资格两年',
        sanction: { blocks: ['bid'], startsOn: '2026-11-01', endsOn: '2028-10-31' },
      });
      assert.equal(rec.status, 201, JSON.stringify(rec.body));
      assert.equal(
        (await solver2.get('/api/integrity/records')).body.length,
        1,
        'the subject sees their record',
      );
      assert.equal((await solver1.get('/api/integrity/records')).body.length, 0, 'others do not');

      const c = await publishedChallenge(cast, { titleZh: '诚信测试榜单' });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
      );
      const blocked = await solver2.request('POST', `/api/challenges/${c.id}/bids`, body, {
        headers: { 'idempotency-key': 'integrity-1' },
      });
      assert.equal(blocked.body.code, 'INELIGIBLE');
      assert.match(blocked.body.message, /2028-10-31/);
      await officer.post(`/api/integrity/records/${rec.body.id}/appeal`, { appealStatus: 'overturned' });
      const ok = await solver2.request('POST', `/api/challenges/${c.id}/bids`, body, {
        headers: { 'idempotency-key': 'integrity-2' },
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
    });

    test('a sanction blocks during its period and not after it ends (clock injected)', async () => {
      const { solver2, university } = cast;
      await officer.post('/api/integrity/records', {
        subjectPersonId: solver2.id,
        findingType: 'plagiarism',
        severity: 'minor',
        evidence: '申报书大段抄袭',
        decision: '暂停申报至 2027-01-10',
        sanction: { blocks: ['bid'], startsOn: '2026-11-01', endsOn: '2027-01-10' },
      });
      const c = await publishedChallenge(cast, {
        titleZh: '制裁期限测试',
        deadline: '2027-06-30T17:00:00+08:00',
      });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
      );
      const saved = t.clock.t;
      t.clock.t = Date.parse('2027-01-10T12:00:00Z');
      const during = await solver2.request('POST', `/api/challenges/${c.id}/bids`, body, {
        headers: { 'idempotency-key': 'period-key-1' },
      });
      assert.equal(during.body.code, 'INELIGIBLE', 'the last day of the sanction still blocks');
      t.clock.t = Date.parse('2027-01-11T01:00:00Z');
      const afterwards = await solver2.request('POST', `/api/challenges/${c.id}/bids`, body, {
        headers: { 'idempotency-key': 'period-key-2' },
      });
      assert.equal(afterwards.status, 201, JSON.stringify(afterwards.body));
      t.clock.t = saved;
    });

    test('reading records and flags is itself audited', async () => {
      await officer.get('/api/integrity/records');
      const entries = (await cast.admin.get('/api/audit?objectType=integrity&limit=5')).body;
      assert.ok(entries.some((e: { action: string }) => e.action === 'integrity.read_records'));
    });

    test('a near-duplicate bid in another challenge is flagged with its overlapping passages', async () => {
      const { solver1, member, hostAdmin, university } = cast;
      const submit = async (who: typeof solver1, title: string, route: string, key: string) => {
        const c = await publishedChallenge(cast, { titleZh: title });
        const b = await who.request(
          'POST',
          `/api/challenges/${c.id}/bids`,
          buildBid(
            university.id,
            c.targets.map((x) => x.id),
            { technicalRoute: route },
          ),
          {
            headers: { 'idempotency-key': key },
          },
        );
        assert.equal(b.status, 201, JSON.stringify(b.body));
        await who.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
        await hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
        assert.equal((await who.post(`/api/bids/${b.body.id}/actions/submit`)).status, 200);
        return b.body.id as string;
      };
      const a = await submit(solver1, '重复申报测试甲', ROUTE, 'dup-key-a');
      const b = await submit(member, '重复申报测试乙', ROUTE_REWORDED, 'dup-key-b');
      const flags = (await officer.get('/api/integrity/duplicates?state=open')).body;
      const f = flags.find(
        (x: { a: { id: string }; b: { id: string } }) =>
          [x.a.id, x.b.id].sort().join() === [a, b].sort().join(),
      );
      assert.ok(f, 'the pair is flagged');
      assert.ok(f.similarity >= 0.8);
      assert.ok(
        f.a.spans.length > 0 && f.b.spans.length > 0,
        'overlapping passages are marked on both sides',
      );
      assert.equal((await solver1.get('/api/integrity/duplicates')).status, 403);
      assert.equal(
        (await officer.post(`/api/integrity/duplicates/${f.id}/decision`, { decision: 'confirmed' })).body
          .field,
        'note',
      );
      assert.equal(
        (
          await officer.post(`/api/integrity/duplicates/${f.id}/decision`, {
            decision: 'confirmed',
            note: '同一技术路线同时申报两个榜单',
          })
        ).status,
        200,
      );
      assert.equal(
        (
          await officer.post(`/api/integrity/duplicates/${f.id}/decision`, {
            decision: 'dismissed',
            note: 'x',
          })
        ).status,
        409,
      );
    });

    test('a submission whose commit lands behind the index watermark is still compared', async () => {
      const { solver1, hostAdmin, university } = cast;
      const bid = async (title: string, key: string) => {
        const c = await publishedChallenge(cast, { titleZh: title });
        const b = await solver1.request(
          'POST',
          `/api/challenges/${c.id}/bids`,
          buildBid(
            university.id,
            c.targets.map((x) => x.id),
            { technicalRoute: ROUTE },
          ),
          { headers: { 'idempotency-key': key } },
        );
        assert.equal(b.status, 201, JSON.stringify(b.body));
        await solver1.post(`/api/bids/${b.body.id}/sign`, { as: 'commander' });
        await hostAdmin.post(`/api/bids/${b.body.id}/sign`, { as: 'host' });
        return b.body.id as string;
      };
      // A submission stamped 30 s before the newest one the index has seen, made visible only now
      // (its transaction started earlier and committed later, as under load or on another instance).
      const late = await bid('迟到提交测试甲', 'late-commit-a');
      await t.database.pool.query(
        `UPDATE bid SET state = 'submitted',
           submitted_at = (SELECT max(submitted_at) FROM bid) - interval '30 seconds' WHERE id = $1`,
        [late],
      );
      const next = await bid('迟到提交测试乙', 'late-commit-b');
      assert.equal((await solver1.post(`/api/bids/${next}/actions/submit`)).status, 200);
      const flags = (await officer.get('/api/integrity/duplicates?state=open')).body;
      assert.ok(
        flags.some(
          (x: { a: { id: string }; b: { id: string } }) =>
            [x.a.id, x.b.id].sort().join() === [late, next].sort().join(),
        ),
        'the late submission was indexed and the pair flagged',
      );
    });

    test('a milestone report copied from an earlier submission is flagged too', async () => {
      const { solver1, hostAdmin, organizer, proposer, university } = cast;
      const c = await publishedChallenge(cast, {
        titleZh: '报告查重测试',
        deadline: '2027-06-30T17:00:00+08:00',
      });
      const b = await submittedBid(solver1, hostAdmin, c, university.id, 'report-dup-1');
      const saved = t.clock.t;
      t.clock.t = Date.parse('2027-07-01T00:00:00Z');
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await organizer.post(`/api/bids/${b.id}/actions/select`);
      await organizer.post(`/api/challenges/${c.id}/actions/announce`, {});
      t.clock.t += 6 * 86_400_000;
      await organizer.post(`/api/challenges/${c.id}/actions/award`, {});
      const bookId = (await proposer.get(`/api/challenges/${c.id}`)).body.taskBooks[0].id;
      await solver1.post(`/api/task-books/${bookId}/sign`);
      await proposer.post(`/api/task-books/${bookId}/sign`);
      const r = await solver1.post(`/api/task-books/${bookId}/reports`, {
        milestoneNo: 0,
        summary: `本阶段工作：${ROUTE}`,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      t.clock.t = saved;
      const flags = (await officer.get('/api/integrity/duplicates?state=open')).body;
      const f = flags.find(
        (x: { a: { type: string }; b: { type: string } }) => x.a.type === 'report' || x.b.type === 'report',
      );
      assert.ok(f, 'the report is flagged against the earlier bid with the same text');
      const report = f.a.type === 'report' ? f.a : f.b;
      assert.equal(report.commanderId, solver1.id);
      assert.ok(report.spans.length > 0);
    });

    test('a sanction on reviewing stops its subject from scoring bids', async () => {
      const { organizer, solver1, hostAdmin, university } = cast;
      const c = await publishedChallenge(cast, {
        titleZh: '评审制裁测试',
        deadline: '2027-06-30T17:00:00+08:00',
      });
      const b = await submittedBid(solver1, hostAdmin, c, university.id, 'review-ban-1');
      const saved = t.clock.t;
      t.clock.t = Date.parse('2027-07-01T00:00:00Z');
      await organizer.post(`/api/challenges/${c.id}/actions/close_bidding`, {});
      await asOwner(
        t.database,
        `INSERT INTO sanction (person_id, blocks, starts_on, ends_on, reason) VALUES ('${organizer.id}', '{review}', '2027-01-01', '2027-12-31', '评审中泄露信息')`,
      );
      const r = await organizer.post(`/api/bids/${b.id}/scores`, { kind: 'organizer', score: 80 });
      t.clock.t = Date.parse('2028-01-01T00:00:00Z'); // the day after the sanction ends
      const afterwards = await organizer.post(`/api/bids/${b.id}/scores`, { kind: 'organizer', score: 80 });
      await asOwner(t.database, `DELETE FROM sanction WHERE person_id = '${organizer.id}'`);
      t.clock.t = saved;
      assert.equal(r.body.code, 'INELIGIBLE');
      assert.match(r.body.message, /barred from reviewing by an integrity sanction until 2027-12-31/);
      assert.equal(afterwards.status, 200, JSON.stringify(afterwards.body));
    });
  });
}
