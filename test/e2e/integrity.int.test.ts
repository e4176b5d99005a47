// Integrity records and sanctions that block bids automatically, appeals, and duplicate-
// submission flags raised on submission with overlapping passages for the officers.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { rescanTexts } from '../../src/modules/integrity/integrity.service.ts';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import {
  buildBid,
  buildCast,
  buildChallenge,
  publishedChallenge,
  submittedBid,
} from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';
import { awardedChallenge, ok, signTaskBook } from '../support/funding.ts';
import { messageEn } from '../support/messages.ts';

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
        (await solver2.get('/api/integrity/records')).body.items.length,
        1,
        'the subject sees their record',
      );
      assert.equal((await solver1.get('/api/integrity/records')).body.total, 0, 'others do not');
      const byName = (await officer.get('/api/integrity/records?q=solver2&pageSize=1')).body;
      assert.equal(byName.pageSize, 1);
      assert.ok(byName.total >= 1, 'found by the subject’s name');
      assert.ok(
        byName.items.every(
          (r: { subjectPerson: { nameZh: string } | null }) => r.subjectPerson?.nameZh === 'solver2',
        ),
      );
      assert.equal((await officer.get('/api/integrity/records?q=nobody-by-this-name')).body.total, 0);
      const csv = await officer.get('/api/integrity/records/export?format=csv');
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      assert.match(String(csv.body).split('\r\n')[0], /^created_at,subject_person,/);
      assert.match(String(csv.body), /solver2/);
      assert.equal(
        String((await solver1.get('/api/integrity/records/export?format=csv')).body)
          .trim()
          .split('\r\n').length,
        1,
        'the export holds only what the reader may see',
      );

      const c = await publishedChallenge(cast, { titleZh: '诚信测试榜单' });
      const body = buildBid(
        university.id,
        c.targets.map((x) => x.id),
      );
      const blocked = await solver2.request('POST', `/api/challenges/${c.id}/bids`, body, {
        headers: { 'idempotency-key': 'integrity-1' },
      });
      assert.equal(blocked.body.code, 'INELIGIBLE');
      assert.match(messageEn(blocked.body), /2028-10-31/);
      await ok(
        solver2.post(`/api/integrity/records/${rec.body.id}/appeal`, { grounds: '数据系仪器故障所致' }),
      );
      await ok(
        officer.post(`/api/integrity/records/${rec.body.id}/appeal/decision`, {
          decision: 'overturned',
          note: '复核认定系仪器故障',
        }),
      );
      const allowed = await solver2.request('POST', `/api/challenges/${c.id}/bids`, body, {
        headers: { 'idempotency-key': 'integrity-2' },
      });
      assert.equal(allowed.status, 201, JSON.stringify(allowed.body));
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
      const entries = (await cast.admin.get('/api/audit?objectType=integrity&pageSize=5')).body.items;
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
      assert.match(messageEn(r.body), /barred from reviewing by an integrity sanction until 2027-12-31/);
      assert.deepEqual(r.body.details, { sanction: { block: 'review', until: '2027-12-31' } });
      assert.equal(afterwards.status, 200, JSON.stringify(afterwards.body));
    });

    test('misconduct at acceptance is referred to the officers, who open a record from it or dismiss it', async () => {
      const { organizer, proposer, solver1, hostAdmin, university } = cast;
      const {
        challenge,
        taskBookIds: [tb],
      } = await awardedChallenge(t, cast, 'referral', [solver1]);
      await signTaskBook(cast, solver1, tb);
      for (const target of challenge.targets)
        await ok(
          proposer.post(`/api/task-books/${tb}/judgements`, {
            targetId: target.id,
            measured: '1',
            evidence: '检测报告',
          }),
        );
      await ok(
        organizer.post(`/api/task-books/${tb}/actions/fail_misconduct`, {
          comment: '验收检测数据系伪造，原始记录缺失',
        }),
      );
      for (const who of [organizer, hostAdmin, solver1])
        assert.equal((await who.get('/api/integrity/referrals')).status, 403, 'officers only');
      const list = await ok(officer.get('/api/integrity/referrals?state=open'));
      const ref = list.find((r: { sourceId: string }) => r.sourceId === tb);
      assert.ok(ref, 'the officer sees the referral');
      assert.equal(ref.subjectPerson.id, solver1.id);
      assert.equal(ref.subjectOrg.id, university.id);
      assert.equal(ref.challenge.id, challenge.id);
      assert.equal(ref.summary, '验收检测数据系伪造，原始记录缺失');
      const reads = (
        await ok(cast.admin.get('/api/audit?objectType=integrity&objectId=referrals'))
      ).items.map((e: { action: string }) => e.action);
      assert.ok(reads.includes('integrity.read_referrals'), 'the sensitive read is logged');

      // Refused requests change nothing.
      const records = async () =>
        Number((await t.database.pool.query('SELECT count(*)::int AS n FROM integrity_record')).rows[0].n);
      const before = { ...(await snapshotCounts(t.database)), records: await records() };
      const url = `/api/integrity/referrals/${ref.id}/decision`;
      assert.equal((await organizer.post(url, { outcome: 'dismissed', reason: '不构成' })).status, 403);
      assert.equal((await officer.post(url, { outcome: 'dismissed' })).body.field, 'reason');
      assert.equal(
        (await officer.post(url, { outcome: 'record', findingType: 'fabrication', severity: 'grave' })).body
          .field,
        'decision',
      );
      assert.deepEqual({ ...(await snapshotCounts(t.database)), records: await records() }, before);

      const closed = await ok(
        officer.post(url, {
          outcome: 'record',
          findingType: 'fabrication',
          severity: 'serious',
          decision: '通报批评，三年内不得担任项目负责人',
        }),
      );
      assert.equal(closed.state, 'closed');
      assert.equal(closed.outcome, 'record');
      const own = await ok(solver1.get('/api/integrity/records'));
      const rec = own.items.find((r: { id: string }) => r.id === closed.recordId);
      assert.ok(rec, 'the subject sees the record opened from the referral');
      assert.equal(rec.evidence, '验收检测数据系伪造，原始记录缺失', 'the referral is its evidence');
      assert.equal(rec.subjectOrgId, university.id);
      assert.equal((await officer.post(url, { outcome: 'dismissed', reason: '重复' })).status, 409);
      const trail = (
        await ok(cast.admin.get(`/api/audit?objectType=integrity_referral&objectId=${ref.id}`))
      ).items.map((e: { action: string }) => e.action);
      assert.ok(trail.includes('integrity.referral_record'));

      // Another referral is dismissed with a reason: closed, no record written.
      const other = (
        await t.database.pool.query(
          `INSERT INTO integrity_referral (subject_person_id, source_type, source_id, summary, created_by, created_at)
           VALUES ($1, 'task_book', $2, '举报：数据存疑', $3, now()) RETURNING id`,
          [cast.solver2.id, tb, organizer.id],
        )
      ).rows[0].id as string;
      const n = await records();
      const dismissed = await ok(
        officer.post(`/api/integrity/referrals/${other}/decision`, {
          outcome: 'dismissed',
          reason: '经核实数据真实',
        }),
      );
      assert.equal(dismissed.outcome, 'dismissed');
      assert.equal(dismissed.reason, '经核实数据真实');
      assert.equal(dismissed.recordId, null);
      assert.equal(await records(), n);
      assert.ok(
        !(await ok(officer.get('/api/integrity/referrals?state=open'))).some(
          (r: { id: string }) => r.id === other,
        ),
      );
    });

    test('a statement revised and resubmitted replaces its old text in the duplicate index', async () => {
      const { proposer, organizer, enterprise, agency } = cast;
      const DEADLINE = '2028-06-30T17:00:00+08:00';
      const OLD =
        '研制用于风电齿轮箱的高纯净度渗碳轴承钢，氧含量不高于五个百万分之一，钛含量不高于十五个百万分之一，接触疲劳寿命达到国外同类产品水平。';
      const NEW =
        '开发海上风电主轴承用大尺寸套圈的整体锻造与热处理工艺，套圈外径不小于三米，硬度均匀性偏差不超过两个洛氏单位，并通过十万小时寿命台架验证。';
      const draft = await ok(
        proposer.post(
          '/api/challenges',
          buildChallenge(enterprise.id, agency.id, {
            titleZh: '轴承钢修订',
            deadline: DEADLINE,
            statementZh: OLD,
            statementEn: 'Bearing steel.',
          }),
        ),
      );
      await proposer.post(`/api/challenges/${draft.id}/actions/submit`, {});
      await organizer.post(`/api/challenges/${draft.id}/actions/return`, { comment: '请改为主轴承套圈' });
      const mine = await ok(proposer.get(`/api/challenges/${draft.id}`));
      const edited = await proposer.put(`/api/challenges/${draft.id}`, {
        version: mine.version,
        challenge: buildChallenge(enterprise.id, agency.id, {
          titleZh: '轴承钢修订',
          deadline: DEADLINE,
          statementZh: NEW,
          statementEn: 'Bearing rings.',
        }),
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal((await proposer.post(`/api/challenges/${draft.id}/actions/submit`, {})).status, 200);

      const copyOld = await publishedChallenge(cast, {
        titleZh: '旧文复制',
        deadline: DEADLINE,
        statementZh: OLD,
        statementEn: 'Bearing steel.',
      });
      const copyNew = await publishedChallenge(cast, {
        titleZh: '新文复制',
        deadline: DEADLINE,
        statementZh: NEW,
        statementEn: 'Bearing rings.',
      });
      const pairs = (await ok(officer.get('/api/integrity/duplicates?state=open'))).map(
        (x: { a: { id: string }; b: { id: string } }) => [x.a.id, x.b.id].sort().join(),
      );
      assert.ok(pairs.includes([draft.id, copyNew.id].sort().join()), 'a copy of the revised text is caught');
      assert.ok(
        !pairs.includes([draft.id, copyOld.id].sort().join()),
        'the withdrawn text no longer matches',
      );
    });

    test('near-identical challenge statements are flagged, each side labelled a challenge', async () => {
      const { proposer, solver1, hostAdmin, university } = cast;
      const STATEMENT =
        '研制面向十二英寸晶圆的化学机械抛光液，去除速率不低于每分钟三百纳米，表面缺陷密度低于每平方厘米零点一个，金属离子残留低于十亿分之一，批次稳定性满足量产要求。';
      const a = await publishedChallenge(cast, {
        titleZh: '抛光液甲',
        deadline: '2028-06-30T17:00:00+08:00',
        statementZh: STATEMENT,
        statementEn: 'CMP slurry for 300 mm wafers.',
      });
      const b = await publishedChallenge(cast, {
        titleZh: '抛光液乙',
        deadline: '2028-06-30T17:00:00+08:00',
        statementZh: STATEMENT.replace('三百', '三百五十'),
        statementEn: 'CMP slurry for 300 mm wafers.',
      });
      const pairOf = (x: { a: { id: string }; b: { id: string } }) => [x.a.id, x.b.id].sort().join();
      const flags = await ok(officer.get('/api/integrity/duplicates?state=open'));
      const f = flags.find(
        (x: { a: { id: string }; b: { id: string } }) => pairOf(x) === [a.id, b.id].sort().join(),
      );
      assert.ok(f, 'the two statements are flagged when the second is submitted for vetting');
      assert.deepEqual([f.a.type, f.b.type], ['challenge', 'challenge']);
      assert.equal(f.a.authorId, proposer.id, 'the proposer who drafted it answers for a statement');
      assert.ok(f.a.spans.length > 0 && f.b.spans.length > 0);

      // A bid restating the challenge it answers is no duplicate of that challenge.
      const bid = await solver1.request(
        'POST',
        `/api/challenges/${a.id}/bids`,
        buildBid(
          university.id,
          a.targets.map((x) => x.id),
          { technicalRoute: `${STATEMENT}\nCMP slurry for 300 mm wafers.` },
        ),
        { headers: { 'idempotency-key': 'statement-bid-1' } },
      );
      assert.equal(bid.status, 201, JSON.stringify(bid.body));
      await solver1.post(`/api/bids/${bid.body.id}/sign`, { as: 'commander' });
      await hostAdmin.post(`/api/bids/${bid.body.id}/sign`, { as: 'host' });
      assert.equal((await solver1.post(`/api/bids/${bid.body.id}/actions/submit`)).status, 200);
      const after = await ok(officer.get('/api/integrity/duplicates?state=open'));
      const withBid = after.filter((x: { a: { id: string }; b: { id: string } }) =>
        [x.a.id, x.b.id].includes(bid.body.id),
      );
      assert.ok(
        !withBid.some(
          (x: { a: { id: string }; b: { id: string } }) => pairOf(x) === [a.id, bid.body.id].sort().join(),
        ),
        'not flagged against its own challenge',
      );
      assert.ok(
        withBid.some(
          (x: { a: { id: string }; b: { id: string } }) => pairOf(x) === [b.id, bid.body.id].sort().join(),
        ),
        'but flagged against the other listing it copies',
      );
    });

    test('reading the audit trail, verifying it and reading track records are logged', async () => {
      const { admin, solver1 } = cast;
      const head = async () =>
        Number((await t.database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
      const latest = async (action: string) =>
        (
          await t.database.pool.query(
            'SELECT actor_id, object_type, object_id, detail FROM audit_log WHERE action = $1 ORDER BY seq DESC LIMIT 1',
            [action],
          )
        ).rows[0];
      const officerId = (await officer.session()).body.person.id;

      const h0 = await head();
      await ok(officer.get('/api/audit?objectType=challenge&pageSize=3'));
      const read = await latest('audit.read');
      assert.equal(read.actor_id, officerId);
      assert.equal(read.detail.query.objectType, 'challenge');
      assert.equal(await head(), h0 + 1, 'one entry per read');
      const v = await ok(officer.get('/api/audit/verify'));
      assert.equal(v.ok, true);
      assert.equal((await latest('audit.verify')).actor_id, officerId);
      assert.equal((await ok(admin.get('/api/audit/verify'))).ok, true, 'the chain stays whole');

      await ok(officer.get(`/api/funding/track-record/person/${solver1.id}`));
      const track = await latest('funding.read_track_record');
      assert.deepEqual(
        [track.actor_id, track.object_type, track.object_id],
        [officerId, 'person', solver1.id],
      );
      const h1 = await head();
      await ok(solver1.get(`/api/funding/track-record/person/${solver1.id}`));
      assert.equal(await head(), h1, 'the subject reading their own record is not logged');
      // A refused read is not logged either (and reveals nothing).
      assert.equal((await solver1.get('/api/audit')).status, 403);
      assert.equal(await head(), h1);
    });

    test('appeals: the subject lodges one with grounds, an officer decides it; organisation subjects too', async () => {
      const { solver1, solver2, hostAdmin, member, university } = cast;
      const rec = await ok(
        officer.post('/api/integrity/records', {
          subjectOrgId: university.id,
          findingType: 'misuse_of_funds',
          severity: 'serious',
          evidence: '依托单位挪用项目经费用于基建',
          decision: '暂停获得财政经费',
          sanction: { blocks: ['funds'], startsOn: '2030-01-01', endsOn: '2030-12-31' },
        }),
      );
      assert.equal(rec.subjectOrg.nameZh, '东海大学', 'the record names its subject');
      assert.equal(rec.subjectPerson, null);
      const url = `/api/integrity/records/${rec.id}/appeal`;
      const seen = async (who: typeof solver1) =>
        (await ok(who.get('/api/integrity/records'))).items.some((r: { id: string }) => r.id === rec.id);
      assert.equal(await seen(hostAdmin), true, 'an admin of the organisation sees it');
      assert.equal(await seen(member), false, 'a member who is not its admin does not');

      const before = await snapshotCounts(t.database);
      assert.equal((await member.post(url, { grounds: '不服' })).status, 404);
      assert.equal((await solver2.post(url, { grounds: '不服' })).status, 404);
      assert.equal(
        (await officer.post(url, { grounds: '代为申诉' })).status,
        403,
        'only the subject appeals',
      );
      assert.equal((await hostAdmin.post(url, { grounds: ' ' })).body.field, 'grounds');
      assert.equal(
        (await officer.post(`${url}/decision`, { decision: 'upheld', note: '维持' })).status,
        409,
        'nothing to decide before an appeal is lodged',
      );
      assert.deepEqual(await snapshotCounts(t.database), before, 'refused requests change nothing');

      const lodged = await ok(hostAdmin.post(url, { grounds: '经费用于项目配套实验室，已提供凭证' }));
      assert.equal(lodged.appealStatus, 'pending');
      assert.equal(lodged.appealGrounds, '经费用于项目配套实验室，已提供凭证');
      assert.equal((await hostAdmin.post(url, { grounds: '再次申诉' })).status, 409, 'one appeal per record');
      assert.equal(
        (await hostAdmin.post(`${url}/decision`, { decision: 'overturned', note: 'x' })).status,
        403,
      );
      assert.equal((await officer.post(`${url}/decision`, { decision: 'overturned' })).body.field, 'note');
      const decided = await ok(
        officer.post(`${url}/decision`, { decision: 'overturned', note: '凭证属实，撤销处理' }),
      );
      assert.equal(decided.appealStatus, 'overturned');
      assert.equal(decided.appealNote, '凭证属实，撤销处理');
      assert.ok(
        decided.sanction.endsOn < '2030-01-01',
        'a sanction not yet begun is lifted before it starts',
      );
      assert.equal((await officer.post(`${url}/decision`, { decision: 'upheld', note: '维持' })).status, 409);
      const trail = (
        await ok(cast.admin.get(`/api/audit?objectType=integrity_record&objectId=${rec.id}`))
      ).items.map((e: { action: string }) => e.action);
      assert.deepEqual(trail.sort(), [
        'integrity.appeal_decided',
        'integrity.appeal_lodged',
        'integrity.record',
      ]);
    });

    test('a rescan flags every pair at the threshold it is given, with a progress report; then nothing new', async () => {
      await asOwner(t.database, 'DELETE FROM duplicate_flag');
      const rows = async () =>
        (await t.database.pool.query('SELECT similarity FROM duplicate_flag')).rows.map((r) =>
          Number(r.similarity),
        );
      await assert.rejects(
        rescanTexts(t.database.db, t.clock.now(), undefined, { threshold: 1.5 }),
        /greater than 0/,
      );
      const exact = await rescanTexts(t.database.db, t.clock.now(), undefined, { threshold: 1 });
      assert.ok(exact.flagged > 0, 'identical texts are flagged again');
      assert.deepEqual(new Set(await rows()), new Set([1]), 'at threshold 1 only identical texts');
      const progress: [number, number][] = [];
      const near = await rescanTexts(
        t.database.db,
        t.clock.now(),
        (done, total) => progress.push([done, total]),
        {
          threshold: 0.8,
        },
      );
      assert.ok(near.flagged > 0, 'near-duplicates below 1 are flagged at 0.8');
      assert.equal((await rows()).length, exact.flagged + near.flagged, 'each pair flagged once');
      assert.ok((await rows()).some((x) => x >= 0.8 && x < 1));
      assert.ok(near.checked > 0 && progress.every(([d, n]) => d <= n && n === near.checked));
      const kinds = (await t.database.pool.query('SELECT DISTINCT a_type FROM duplicate_flag')).rows.map(
        (r) => r.a_type,
      );
      assert.ok(kinds.includes('challenge') && kinds.includes('bid'), 'statements and bids are rescanned');
      const again = await rescanTexts(t.database.db, t.clock.now(), undefined, { threshold: 0.8 });
      assert.equal(again.flagged, 0, 'a second rescan finds nothing new');
      const via = await t.database.pool.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'duplicate.flag' AND detail->>'via' = 'rescan'`,
      );
      assert.equal(via.rows[0].n, exact.flagged + near.flagged, 'every flag is audited');
    });
  });
}
