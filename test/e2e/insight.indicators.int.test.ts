// R&D indicators over HTTP: an analyst imports the shipped sample and gets the figures the
// documentation lists (docs/rd-indicators.md), to the hundredth of a percent; a bad file imports
// nothing and reports every row; re-imports replace; concurrent imports of one file make one set
// of rows; reading is for analysts, programme officers and platform admins, and every read is audited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';

const sample = readFileSync(new URL('../../docs/samples/rd-indicators.csv', import.meta.url));

for (const kind of backends()) {
  describe(`R&D indicators (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let analyst: TestClient & { id: string };
    /** An officer whose profile language is English. */
    let reader: TestClient;

    const upload = (c: TestClient, body: Buffer | string, q = '') =>
      c.request('POST', `/api/insight/indicators/import${q}`, Buffer.from(body), {
        headers: { 'content-type': 'text/csv' },
      });
    const count = async () =>
      Number((await t.database.pool.query('SELECT count(*) AS n FROM insight_indicator')).rows[0].n);

    before(async () => {
      t = await buildTestApp(kind);
      cast = await buildCast(t);
      const c = t.client();
      const r = await c.register('analyst@example.cn', 'correct horse battery', '林静');
      const g = await cast.admin.post('/api/memberships/grant', {
        personId: r.body.id,
        orgId: cast.agency.id,
        role: 'analyst',
      });
      assert.equal(g.status, 201);
      await c.login('analyst@example.cn');
      analyst = Object.assign(c, { id: r.body.id as string });
      reader = t.client();
      await reader.session();
      const e = await reader.request(
        'POST',
        '/api/auth/register',
        {
          email: 'reader@example.cn',
          password: 'correct horse battery',
          nameZh: '读者',
          nameEn: 'Reader',
          locale: 'en',
        },
        { headers: { 'accept-language': 'en' } },
      );
      assert.equal(e.status, 201, JSON.stringify(e.body));
      await cast.admin.post('/api/memberships/grant', {
        personId: e.body.id,
        orgId: cast.agency.id,
        role: 'organizer',
      });
      await reader.login('reader@example.cn');
    });
    after(() => t.close());

    test('importing the sample reproduces the documented 2022 ranking, shares, growth and change', async () => {
      const r = await upload(analyst, sample);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(
        { inserted: r.body.inserted, updated: r.body.updated, skipped: r.body.skipped },
        { inserted: 13, updated: 0, skipped: 0 },
      );
      const y = await reader.get('/api/insight/indicators?dimension=province');
      assert.equal(y.status, 200);
      assert.equal(y.body.year, 2022);
      assert.deepEqual(y.body.years, [2022, 2021]);
      assert.equal(y.body.totals.intensity, '3.72');
      assert.deepEqual(
        y.body.rows.map((x: Record<string, unknown>) => [
          x.intensityRank,
          x.name,
          x.intensity,
          x.share,
          x.growth,
          x.intensityChange,
        ]),
        [
          [1, 'Beijing', '6.83', '18.36', '8.14', '0.30'],
          [2, 'Shanghai', '4.44', '12.79', '8.89', '0.23'],
          [3, 'Guangdong', '3.42', '28.48', '10.24', '0.20'],
          [4, 'Jiangsu', '3.12', '24.76', '11.54', '0.17'],
          [5, 'Zhejiang', '3.11', '15.60', '12.01', '0.17'],
        ],
      );
      assert.equal(y.body.rows[0].rdExpenditure, '2843.3');
      const zh = await analyst.get('/api/insight/indicators?dimension=industry&year=2022');
      assert.deepEqual(
        zh.body.rows.map((x: Record<string, unknown>) => [x.code, x.name, x.intensity, x.growth]),
        [
          ['C39', '计算机、通信和其他电子设备制造业', '2.77', null],
          ['C38', '电气机械和器材制造业', '1.71', null],
          ['C26', '化学原料和化学制品制造业', '1.20', null],
        ],
      );
    });

    test('two regions compared as time series; export as CSV in the reader’s language', async () => {
      const s = await analyst.get('/api/insight/indicators/series?dimension=province&codes=110000,440000');
      assert.equal(s.status, 200);
      assert.deepEqual(
        s.body.series.map((x: { name: string; points: { year: number; intensity: string }[] }) => [
          x.name,
          x.points.map((p) => `${p.year}:${p.intensity}`),
        ]),
        [
          ['北京市', ['2021:6.53', '2022:6.83']],
          ['广东省', ['2021:3.22', '2022:3.42']],
        ],
      );
      assert.equal(s.body.series[1].points[1].growth, '10.24');
      const tooMany = await analyst.get(
        `/api/insight/indicators/series?codes=${Array.from({ length: 11 }, (_, i) => `${11 + i}0000`).join(',')}`,
      );
      assert.equal(tooMany.status, 400);
      assert.equal(tooMany.body.field, 'codes');
      const csv = await reader.get('/api/insight/indicators/export?format=csv&year=2022');
      assert.equal(csv.status, 200);
      const lines = String(csv.body).trim().split('\r\n');
      assert.match(lines[0], /^rank,code,name,year,R&D expenditure/);
      assert.equal(lines[1], '1,110000,Beijing,2022,2843.3,41610.9,6.83,18.36,8.14,0.30,349000');
      assert.equal(lines.length, 6);
      const missingYear = await analyst.get('/api/insight/indicators?year=1990');
      assert.equal(missingYear.status, 400);
      assert.equal(missingYear.body.field, 'year');
    });

    test('a bad file imports nothing and reports each bad row; skipBadRows imports the rest', async () => {
      const before = await count();
      const file =
        'dimension,code,name_zh,year,rd_expenditure,output\n' +
        'province,110000,北京市,2023,3000.1,43760.7\n' +
        'province,11000,北京市,2023,1,1\n' +
        'region,110000,北京市,2023,1,1\n' +
        'province,310000,上海市,2023,2049.6,0\n' +
        'province,320000,江苏省,2023,1.23456,100\n' +
        'province,110000,北京市,2023,1,2\n';
      const bad = await upload(analyst, file);
      assert.equal(bad.status, 422);
      assert.equal(bad.body.code, 'VALIDATION');
      assert.deepEqual(
        bad.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`),
        ['3:code', '4:dimension', '5:output', '6:rd_expenditure', '7:code'],
      );
      assert.match(bad.body.message, /^第 3 行 code：/);
      assert.equal(await count(), before, 'nothing imported');
      const skip = await upload(analyst, file, '?skipBadRows=true');
      assert.equal(skip.status, 200);
      assert.deepEqual([skip.body.inserted, skip.body.skipped], [1, 5]);
      const noHeader = await upload(analyst, 'code,year\n110000,2022\n');
      assert.equal(noHeader.status, 400);
      assert.equal(noHeader.body.field, 'file');
    });

    test('a re-import replaces; concurrent imports of one file give one set of rows, no 5xx', async () => {
      const before = await count();
      const results = await Promise.all([
        upload(analyst, sample),
        upload(analyst, sample),
        upload(cast.admin, sample),
      ]);
      for (const r of results) {
        assert.equal(r.status, 200, JSON.stringify(r.body));
        assert.equal(r.body.inserted + r.body.updated, 13);
      }
      assert.equal(await count(), before);
      const changed = await upload(
        analyst,
        'dimension,code,name_zh,name_en,year,rd_expenditure,output\nprovince,110000,北京市,Beijing,2022,"2,843.4",41610.9\n',
      );
      assert.deepEqual([changed.body.inserted, changed.body.updated], [0, 1]);
      const y = await analyst.get('/api/insight/indicators?year=2022');
      assert.equal(y.body.rows[0].rdExpenditure, '2843.4');
    });

    test('analysts, programme officers and platform admins read; only analysts and admins import; reads are audited', async () => {
      for (const c of [cast.outsider, cast.solver1, cast.proposer]) {
        assert.equal((await c.get('/api/insight/indicators')).status, 403);
        assert.equal((await upload(c, sample)).status, 403);
      }
      assert.equal((await t.client().get('/api/insight/indicators')).status, 401);
      assert.equal((await cast.organizer.get('/api/insight/indicators')).status, 200);
      const refused = await upload(cast.organizer, sample);
      assert.equal(refused.status, 403);
      const audit = await t.database.pool.query(
        "SELECT action, actor_id, detail FROM audit_log WHERE action LIKE 'insight.%' ORDER BY seq",
      );
      const mine = audit.rows.filter((r) => r.actor_id === analyst.id).map((r) => r.action);
      assert.ok(mine.includes('insight.indicators_import'));
      assert.ok(mine.includes('insight.read_indicators'));
      assert.ok(mine.includes('insight.read_indicator_series'));
      const read = audit.rows.find((r) => r.action === 'insight.read_indicators');
      assert.equal(read.detail.dimension, 'province');
    });
  });
}
