// The expert pool over HTTP on every backend: CSV and XLSX import with a per-row error report,
// nothing imported from a bad file unless bad rows are skipped, people matched by email updated,
// new people unable to log in, the evaluator role granted, search and edit, and who may do it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';

const HEADER =
  'email,name_zh,name_en,organisation,discipline_codes,keywords_zh,keywords_en,max_load,availability,employment,publications,projects,relations';

export function expertsCsv(rows: string[]): string {
  return `${HEADER}\n${rows.join('\n')}\n`;
}

const upload = (c: TestClient, body: string | Uint8Array, query = '', type = 'text/csv') =>
  c.request('POST', `/api/experts/import${query}`, typeof body === 'string' ? body : Buffer.from(body), {
    headers: { 'content-type': type },
  });

for (const kind of backends()) {
  describe(`expert pool (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind);
      cast = await buildCast(t);
    });
    after(() => t.close());

    const experts = async () =>
      Number((await t.database.pool.query('SELECT count(*)::int AS n FROM expert')).rows[0].n);

    test('a file with bad rows imports nothing and reports each problem by row and field', async () => {
      const before = await snapshotCounts(t.database);
      const csv = expertsCsv([
        'good1@pool.cn,赵一,Zhao Yi,东海大学,E0207,石英,quartz,5,,,,,',
        'not-an-email,钱二,,东海大学,E0207,,,5,,,,,',
        'good2@pool.cn,孙三,,No Such University,E0207,,,x,2027-01-01..2026-01-01,,,,',
        'good3@pool.cn,李四,,No Such University,E0207,,,3,,,,,',
      ]);
      const r = await upload(cast.organizer, csv);
      assert.equal(r.status, 422);
      assert.equal(r.body.ok, false);
      assert.deepEqual(
        r.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [
          [3, 'email'],
          [4, 'availability'],
          [4, 'max_load'],
          [4, 'organisation'],
          [5, 'organisation'],
        ],
      );
      assert.ok(r.body.errors.every((e: { reason: string }) => e.reason.length > 0));
      // Reasons read in the organizer's language (Chinese by default), with their keys.
      assert.ok(r.body.errors.every((e: { key: string }) => /^(import|validation)\./.test(e.key)));
      assert.ok(r.body.errors.every((e: { reason: string }) => /\p{Script=Han}/u.test(e.reason)));
      assert.deepEqual(await snapshotCounts(t.database), before);
      assert.equal(await experts(), 0);
    });

    test('with skipBadRows the good rows are imported and the bad ones reported', async () => {
      const csv = expertsCsv([
        'skip-good@pool.cn,周四,Zhou Si,东海大学,E0207; E0208,石英；坩埚,crucible,4,2026-11-01..2027-06-30,东海大学|2019-09-01|,2025|Quartz purity|Li Na,2022-|石英提纯,',
        'skip-bad@pool.cn,吴五,,东海大学,E0207,,,5,,,2024|,,',
      ]);
      const r = await upload(cast.organizer, csv, '?skipBadRows=true');
      assert.equal(r.status, 200);
      assert.equal(r.body.created, 1);
      assert.equal(r.body.skipped, 1);
      assert.deepEqual(
        r.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [[3, 'publications']],
      );
      const list = await cast.organizer.get('/api/experts?q=skip-good');
      assert.equal(list.status, 200);
      const e = list.body.items[0];
      assert.equal(e.email, 'skip-good@pool.cn');
      assert.equal(e.organisationZh, '东海大学');
      assert.deepEqual(e.disciplineCodes, ['E0207', 'E0208']);
      assert.deepEqual(e.keywords, ['石英', '坩埚', 'crucible']);
      assert.equal(e.maxLoad, 4);
      assert.deepEqual(e.availability, [{ from: '2026-11-01', to: '2027-06-30' }]);
      // The imported person cannot log in: the password is a secret nobody has.
      const c = t.client();
      assert.equal((await c.login('skip-good@pool.cn', 'correct horse battery')).status, 401);
      // They hold the evaluator role in the importing organizer's agency.
      const m = await t.database.pool.query(
        `SELECT m.org_id, m.status FROM membership m JOIN person p ON p.id = m.person_id
         WHERE p.email_norm = 'skip-good@pool.cn' AND m.role = 'evaluator'`,
      );
      assert.deepEqual(m.rows, [{ org_id: cast.agency.id, status: 'active' }]);
      assert.ok(
        (await t.database.pool.query(`SELECT 1 FROM audit_log WHERE action = 'expert.import.create'`)).rows
          .length >= 1,
      );
    });

    test('an existing person matched by email is updated, not duplicated; relations resolve by email', async () => {
      const people = await snapshotCounts(t.database);
      const csv = expertsCsv([
        `SOLVER2@example.cn,,Solver Two,${cast.university.uscc},F0201,,robot,2,,,,,advisor|skip-good@pool.cn|PhD advisor; family|王小明|`,
      ]);
      const r = await upload(cast.organizer, csv);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.created, 1); // a new expert row…
      assert.equal((await snapshotCounts(t.database)).person, people.person); // …for an existing person
      const p = await cast.organizer.get('/api/experts?q=solver2@');
      assert.equal(p.body.items[0].id, cast.solver2.id);
      assert.deepEqual(p.body.items[0].keywords, ['robot']);
      const one = await cast.organizer.get(`/api/experts/${cast.solver2.id}`);
      assert.equal(one.body.relations.length, 2);
      assert.ok(
        one.body.relations.some(
          (x: { otherPersonId: string | null; displayName: string }) =>
            x.otherPersonId !== null && x.displayName === '周四',
        ),
      );
      assert.ok(one.body.relations.some((x: { otherName: string }) => x.otherName === '王小明'));
    });

    test('imports an XLSX workbook with the same columns', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('experts');
      ws.addRow(HEADER.split(','));
      ws.addRow([
        'xlsx@pool.cn',
        '郑六',
        'Zheng Liu',
        '华晶石英',
        'E0207',
        '晶体',
        'crystal',
        6,
        '',
        '',
        '',
        '',
        '',
      ]);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const r = await upload(
        cast.organizer,
        bytes,
        '',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.created, 1);
      const l = await cast.organizer.get('/api/experts?q=crystal');
      assert.equal(l.body.items[0].organisationZh, '华晶石英');
      assert.equal(l.body.total, 1, 'the total counts what the search found');
    });

    test('an unreadable file is refused as a whole', async () => {
      const r = await upload(cast.organizer, 'name,age\nx,1\n');
      assert.equal(r.status, 422);
      assert.equal(r.body.errors[0].field, 'file');
    });

    test('edit one expert: load, availability, relations; audited; bad input names the field', async () => {
      const id = cast.solver2.id;
      const r = await cast.organizer.patch(`/api/experts/${id}`, {
        maxLoad: 7,
        availability: [{ from: '2026-12-01', to: '2027-02-28' }],
        relations: [{ kind: 'business', otherName: '某公司', note: '顾问' }],
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.maxLoad, 7);
      assert.equal(r.body.relations.length, 1);
      const bad = await cast.organizer.patch(`/api/experts/${id}`, {
        availability: [{ from: '2027-01-01', to: '2026-01-01' }],
      });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'availability.0.to');
      const audit = await t.database.pool.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'expert.edit' AND object_id = $1`,
        [id],
      );
      assert.equal(audit.rows[0].n, 1);
    });

    test('only organizers (or the platform admin) manage the pool', async () => {
      const csv = expertsCsv(['x@pool.cn,某,,东海大学,,,,,,,,,']);
      const before = await experts();
      for (const c of [cast.solver1, cast.proposer, cast.outsider]) {
        assert.equal((await upload(c, csv)).status, 403);
        assert.equal((await c.get('/api/experts')).status, 403);
        assert.equal((await c.patch(`/api/experts/${cast.solver2.id}`, { maxLoad: 1 })).status, 403);
      }
      const anon = t.client();
      await anon.session();
      assert.equal((await upload(anon, csv)).status, 401);
      assert.equal(await experts(), before);
      assert.equal((await cast.admin.get('/api/experts')).status, 200);
    });
  });
}
