// Delivery of an awarded challenge: milestone reports carry their own evidence files (visible to
// who may read the task book), are reviewed by the proposer and the experts named on the task
// book, and acceptance records who verified each target, defaulting to the declared verifier.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast, buildChallenge } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { activeTaskBook as activate, DAY, deliveryCounts, ok, PDF, uploadAs } from '../support/delivery.ts';
import { buildOrganisation } from '../support/factories.ts';
import { messageEn } from '../support/messages.ts';

for (const kind of backends()) {
  describe(`delivery (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      // The clock jumps weeks ahead (deadline, notice): keep the sessions alive across it.
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    const activeTaskBook = (tag: string) => activate(t, cast, tag);
    const upload = (c: TestClient, reportId: string, name: string, body: Buffer, type = 'application/pdf') =>
      uploadAs(c, `/api/reports/${reportId}/attachments`, name, body, type);
    const unchanged = () => deliveryCounts(t);

    test('a milestone report carries its own evidence files, readable by the parties only', async () => {
      const book = await activeTaskBook('evidence');
      const rep = await ok(
        cast.solver1.post(`/api/task-books/${book.id}/reports`, {
          milestoneNo: 0,
          summary: '完成小批量样品，附检测报告',
          measured: { [book.targets[0].id]: '9.5' },
        }),
        'report',
      );
      const reportId = rep.reports[0].id as string;
      assert.deepEqual(rep.reports[0].attachments, []);

      const r = await upload(cast.solver1, reportId, '../ICP-MS 检测报告.pdf', PDF);
      assert.equal(r.statusCode, 201, r.body);
      const file = r.json();
      assert.equal(file.fileName, 'ICP-MS 检测报告.pdf');

      // Listed with the report (not with the task book's own files).
      const seen = await ok(cast.proposer.get(`/api/task-books/${book.id}`), 'task book');
      assert.deepEqual(
        seen.reports[0].attachments.map((a: { id: string }) => a.id),
        [file.id],
      );
      assert.deepEqual(seen.attachments, []);

      // Downloads: the parties of the task book; nobody else (not even another solver).
      for (const c of [cast.solver1, cast.proposer, cast.organizer]) {
        const d = await c.get(`/api/attachments/${file.id}`);
        assert.equal(d.status, 200);
        assert.equal(d.headers['x-content-type-options'], 'nosniff');
        assert.match(String(d.headers['content-disposition']), /^attachment; /);
      }
      for (const c of [cast.solver2, cast.outsider, t.client()])
        assert.equal((await c.get(`/api/attachments/${file.id}`)).status, 404);

      // Refusals change nothing: a non-party, the proposer (not the report's author side), a file
      // that is not a PDF or image.
      const before = await unchanged();
      assert.equal((await upload(cast.solver2, reportId, 'x.pdf', PDF)).statusCode, 404);
      assert.equal((await upload(cast.outsider, reportId, 'x.pdf', PDF)).statusCode, 404);
      assert.equal((await upload(cast.proposer, reportId, 'x.pdf', PDF)).statusCode, 403);
      const html = await upload(cast.solver1, reportId, 'x.pdf', Buffer.from('<html><script>1</script>'));
      assert.equal(html.statusCode, 400);
      assert.equal(html.json().field, 'file');
      assert.deepEqual(await unchanged(), before);

      // Once a reviewer has given a verdict the evidence is what they saw: no more files.
      await ok(cast.proposer.post(`/api/reports/${reportId}/review`, { decision: 'accepted' }), 'review');
      const late = await upload(cast.solver1, reportId, 'late.pdf', PDF);
      assert.equal(late.statusCode, 409);
      assert.equal(late.json().field, 'file');

      const audit = (await cast.admin.get(`/api/audit?objectType=milestone_report&objectId=${reportId}`)).body
        .items;
      assert.ok(audit.some((e: { action: string }) => e.action === 'attachment.upload'));
    });

    const EXPERT_HEADER =
      'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load,availability,employment,publications,projects,relations';
    /** Registers people and puts them in the expert pool, each working at the given organisation. */
    async function poolExperts(list: { name: string; uscc: string }[]) {
      const out: (TestClient & { id: string })[] = [];
      for (const e of list) {
        const c = t.client();
        const email = `${e.name}@example.cn`;
        const r = await c.register(email, 'correct horse battery', e.name);
        await c.login(email);
        out.push(Object.assign(c, { id: r.body.id as string }));
      }
      const rows = list.map((e) => `${e.name}@example.cn,${e.name},,${e.uscc},E0207,石英,crucible,5,,,,,`);
      await ok(
        cast.organizer.request('POST', '/api/experts/import', `${EXPERT_HEADER}\n${rows.join('\n')}\n`, {
          headers: { 'content-type': 'text/csv' },
        }),
        'import experts',
      );
      return out;
    }

    test('the proposer and the experts named on the task book review reports, one verdict each', async () => {
      const book = await activeTaskBook('review');
      const institute = await ok(
        cast.admin.post(
          '/api/organisations',
          buildOrganisation({ kind: 'institute', nameZh: '交付评审研究所' }),
        ),
        'institute',
      );
      const [a, b, sameOrg, proposerStaff] = await poolExperts([
        { name: 'delivery-expert-a', uscc: institute.uscc },
        { name: 'delivery-expert-b', uscc: institute.uscc },
        { name: 'delivery-expert-host', uscc: cast.university.uscc },
        { name: 'delivery-expert-staff', uscc: cast.enterprise.uscc },
      ]);
      const name = (c: TestClient, personId: string) =>
        c.post(`/api/task-books/${book.id}/experts`, { personId });

      // Refused, and nothing written: not the organizer, not in the pool, conflicted with the team.
      const before = await unchanged();
      assert.equal((await name(cast.outsider, a.id)).status, 404);
      assert.equal((await name(cast.proposer, a.id)).status, 403);
      assert.equal((await name(cast.solver1, a.id)).status, 403);
      const notPool = await name(cast.organizer, cast.outsider.id);
      assert.equal(notPool.status, 400);
      assert.equal(notPool.body.field, 'personId');
      const host = await name(cast.organizer, sameOrg.id);
      assert.equal(host.body.field, 'personId');
      assert.match(messageEn(host.body), /same_org/);
      const staff = await name(cast.organizer, proposerStaff.id);
      assert.match(messageEn(staff.body), /proposer_staff/);
      assert.deepEqual(await unchanged(), before);
      assert.equal((await a.get(`/api/task-books/${book.id}`)).status, 404, 'not yet named');

      await ok(name(cast.organizer, a.id), 'name a');
      const named = await ok(name(cast.organizer, b.id), 'name b');
      assert.deepEqual(named.experts.map((x: { id: string }) => x.id).sort(), [a.id, b.id].sort());
      assert.equal((await name(cast.organizer, a.id)).status, 409, 'named once');

      // A named expert reads the task book and the report's evidence.
      const rep = await ok(
        cast.solver1.post(`/api/task-books/${book.id}/reports`, { milestoneNo: 0, summary: '样品检测完成' }),
        'report',
      );
      const reportId = rep.reports[0].id as string;
      const file = (await upload(cast.solver1, reportId, 'evidence.pdf', PDF)).json();
      const seen = await ok(a.get(`/api/task-books/${book.id}`), 'expert reads');
      assert.deepEqual(seen.relations, ['expert']);
      assert.deepEqual(seen.actions, []);
      assert.equal((await a.get(`/api/attachments/${file.id}`)).status, 200);

      const review = (c: TestClient, decision: string, comment = '') => {
        t.clock.advanceMinutes(1);
        return c.post(`/api/reports/${reportId}/review`, { decision, comment });
      };
      let r = (await ok(review(cast.proposer, 'accepted', '符合里程碑要求'), 'proposer')).reports[0];
      assert.equal(r.reviewState, 'pending', 'the experts have not reviewed yet');
      assert.deepEqual(r.awaitingExperts.map((x: { id: string }) => x.id).sort(), [a.id, b.id].sort());
      r = (await ok(review(a, 'accepted', '数据完整'), 'expert a')).reports[0];
      assert.equal(r.reviewState, 'pending');
      const noReason = await review(b, 'revise');
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'comment');
      r = (await ok(review(b, 'revise', '请补充第三方检测原始数据'), 'expert b')).reports[0];
      assert.equal(r.reviewState, 'revise', 'one reviewer asking for revision is enough');
      assert.deepEqual(
        r.reviews.map((v: { role: string; decision: string; comment: string }) => [
          v.role,
          v.decision,
          v.comment,
        ]),
        [
          ['proposer', 'accepted', '符合里程碑要求'],
          ['expert', 'accepted', '数据完整'],
          ['expert', 'revise', '请补充第三方检测原始数据'],
        ],
      );
      r = (await ok(review(b, 'accepted', '已补充'), 'expert b again')).reports[0];
      assert.equal(r.reviewState, 'accepted', 'proposer and every named expert accepted');
      assert.equal(r.reviews.length, 3, 'one verdict per reviewer, changed in place');

      // Neither the team nor strangers review.
      assert.equal((await review(cast.solver1, 'accepted')).status, 403);
      assert.equal((await review(cast.solver2, 'accepted')).status, 404);
      assert.equal((await review(sameOrg, 'accepted')).status, 404);

      const audit = (await cast.admin.get(`/api/audit?objectType=milestone_report&objectId=${reportId}`)).body
        .items;
      assert.equal(
        audit.filter((e: { action: string }) => e.action.startsWith('milestone_report.')).length,
        4,
      );
      const tbAudit = (await cast.admin.get(`/api/audit?objectType=task_book&objectId=${book.id}`)).body
        .items;
      assert.equal(tbAudit.filter((e: { action: string }) => e.action === 'task_book.name_expert').length, 2);
    });

    test('acceptance records the declared verifier by default; another needs a reason; cited files must be the task book’s', async () => {
      const book = await activeTaskBook('verifier');
      const [lab, own] = book.targets;
      assert.equal(lab.verifier, 'lab');
      assert.equal(own.verifier, 'proposer');
      const rep = await ok(
        cast.solver1.post(`/api/task-books/${book.id}/reports`, { milestoneNo: 0, summary: '检测完成' }),
        'report',
      );
      const reportFile = (await upload(cast.solver1, rep.reports[0].id, 'icp-ms.pdf', PDF)).json();
      const bookFile = (
        await cast.proposer.app.inject({
          method: 'POST',
          url: `/api/task-books/${book.id}/attachments?name=line.pdf`,
          headers: {
            cookie: [...cast.proposer.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-csrf-token': cast.proposer.csrf,
            'content-type': 'application/pdf',
          },
          payload: PDF,
        })
      ).json();
      // A file the proposer may read but that belongs to something else: a challenge annex.
      const draft = (
        await cast.proposer.post(
          '/api/challenges',
          buildChallenge(cast.enterprise.id, cast.agency.id, {
            deadline: new Date(t.clock.t + 30 * DAY).toISOString(),
          }),
        )
      ).body;
      const annex = (
        await cast.proposer.app.inject({
          method: 'POST',
          url: `/api/challenges/${draft.id}/attachments?name=annex.pdf`,
          headers: {
            cookie: [...cast.proposer.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            'x-csrf-token': cast.proposer.csrf,
            'content-type': 'application/pdf',
          },
          payload: PDF,
        })
      ).json();
      assert.ok(reportFile.id && bookFile.id && annex.id);

      const judge = (body: Record<string, unknown>) =>
        cast.proposer.post(`/api/task-books/${book.id}/judgements`, {
          targetId: lab.id,
          measured: '8',
          ...body,
        });
      const before = await unchanged();
      const otherLab = await judge({ evidence: '检测报告', verifier: '某民营检测公司' });
      assert.equal(otherLab.status, 400);
      assert.equal(otherLab.body.field, 'verifierReason');
      assert.match(messageEn(otherLab.body), /国家石英材料质检中心/);
      const otherKind = await judge({ evidence: '产线记录', verifierKind: 'proposer' });
      assert.equal(otherKind.body.field, 'verifierReason');
      const noEvidence = await judge({});
      assert.equal(noEvidence.body.field, 'evidence');
      const foreign = await judge({ evidenceAttachmentIds: [reportFile.id, annex.id] });
      assert.equal(foreign.body.field, 'evidenceAttachmentIds');
      const unknown = await judge({ evidenceAttachmentIds: [crypto.randomUUID()] });
      assert.equal(unknown.body.field, 'evidenceAttachmentIds');
      assert.deepEqual(await unchanged(), before);

      // Defaults: the declared lab; the proposer organisation for a proposer-verified target.
      let tb = await ok(judge({ evidenceAttachmentIds: [reportFile.id, bookFile.id] }), 'judge lab');
      let j = tb.judgements.find((x: { targetId: string }) => x.targetId === lab.id);
      assert.deepEqual(
        [j.verifierKind, j.verifier, j.verifierReason, j.evidenceAttachmentIds.sort(), j.met],
        ['lab', '国家石英材料质检中心', '', [reportFile.id, bookFile.id].sort(), true],
      );
      tb = await ok(
        cast.proposer.post(`/api/task-books/${book.id}/judgements`, {
          targetId: own.id,
          measured: '420',
          evidence: '产线连续拉晶记录',
        }),
        'judge own',
      );
      j = tb.judgements.find((x: { targetId: string }) => x.targetId === own.id);
      assert.deepEqual([j.verifierKind, j.verifier], ['proposer', cast.enterprise.nameZh]);

      // Another lab, with the reason on record (and in the audit trail).
      tb = await ok(
        judge({
          evidence: '复检报告',
          verifier: '某民营检测公司',
          verifierReason: '原定检测中心设备检修三个月',
        }),
        'judge with reason',
      );
      j = tb.judgements.find((x: { targetId: string }) => x.targetId === lab.id);
      assert.deepEqual(
        [j.verifierKind, j.verifier, j.verifierReason, j.evidenceAttachmentIds],
        ['lab', '某民营检测公司', '原定检测中心设备检修三个月', []],
      );
      const audit = (await cast.admin.get(`/api/audit?objectType=task_book&objectId=${book.id}`)).body.items;
      const last = audit.filter((e: { action: string }) => e.action === 'task_book.judge_target');
      assert.equal(last.length, 3);
      assert.ok(JSON.stringify(audit).includes('原定检测中心设备检修三个月'));
    });
  });
}
