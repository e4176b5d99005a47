// The annual assessment of S&T commissioners: the agency runs it for a year with its thresholds;
// every grade is stored with its figures and rule and recomputes the same; a bad rule names its
// threshold and changes nothing; only the agency runs it (analysts read); two officers running at
// once leave one consistent result; a commissioner graded 不合格 is not dispatched the next year.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AssessmentRule, grade } from '../../src/modules/commissioners/assessment.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';
import { buildOrganisation } from '../support/factories.ts';

const RULE: AssessmentRule = {
  excellent: { hours: 6, visits: 3, resolved: 1, rating: 4.5 },
  qualified: { hours: 3, visits: 2, resolved: 1, rating: 3.5 },
  basic: { hours: 1, visits: 1, resolved: 0, rating: 3 },
};

for (const kind of backends()) {
  describe(`S&T commissioners: annual assessment (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let organizer2: TestClient & { id: string };
    let otherAgencyOfficer: TestClient & { id: string };
    let analyst: TestClient & { id: string };
    let farmer: TestClient & { id: string };
    const people: Record<string, TestClient & { id: string }> = {};
    const ids: Record<string, string> = {};

    const person = async (name: string, grants: [string, string][] = []) => {
      const c = t.client();
      const r = await c.register(`${name}@example.cn`, 'correct horse battery', name);
      for (const [orgId, role] of grants) {
        const g = await cast.admin.post('/api/memberships/grant', { personId: r.body.id, orgId, role });
        assert.equal(g.status, 201, JSON.stringify(g.body));
      }
      await c.login(`${name}@example.cn`);
      return Object.assign(c, { id: r.body.id as string });
    };
    const demand = (title: string) =>
      farmer.post('/api/commissioner-demands', {
        title,
        description: '茶树叶片发黄，病虫害，需要植保指导',
        industry: '茶叶',
        regionCode: '330481',
        urgency: 'normal',
        requester: '青石村茶叶专业合作社',
        requesterKind: 'cooperative',
        contactName: '李大姐',
        contactPhone: '13800000001',
        agencyOrgId: cast.agency.id,
      });
    /** Dispatch a new demand to `who`, accept, log and confirm visits, optionally resolve. */
    const serve = async (
      who: string,
      visits: { date: string; hours: number; rating: number }[],
      resolve: boolean,
    ) => {
      t.clock.t = Date.parse('2026-03-15T02:00:00Z');
      const d = await demand(`茶园 ${who} ${visits.length}`);
      assert.equal(d.status, 201, JSON.stringify(d.body));
      const x = await cast.organizer.post(`/api/commissioner-demands/${d.body.id}/dispatch`, {
        commissionerId: ids[who],
        termStart: '2026-03-01',
        termEnd: '2026-12-31',
        goals: '控制病虫害',
      });
      assert.equal(x.status, 200, JSON.stringify(x.body));
      const dispatchId = x.body.dispatches.find((y: { state: string }) => y.state === 'offered').id;
      assert.equal((await people[who].post(`/api/commissioner-dispatches/${dispatchId}/accept`)).status, 200);
      for (const v of visits) {
        t.clock.t = Date.parse(`${v.date}T04:00:00Z`);
        const logged = await people[who].post(`/api/commissioner-dispatches/${dispatchId}/visits`, {
          visitDate: v.date,
          place: '青石村',
          hours: v.hours,
          workDone: '田间诊断',
        });
        assert.equal(logged.status, 201, JSON.stringify(logged.body));
        const c = await farmer.post(`/api/commissioner-visits/${logged.body.id}/confirm`, {
          rating: v.rating,
          comment: '',
        });
        assert.equal(c.status, 200, JSON.stringify(c.body));
      }
      if (resolve)
        assert.equal((await farmer.post(`/api/commissioner-demands/${d.body.id}/resolve`)).status, 200);
    };
    const rows = async () =>
      (
        await t.database.pool.query(
          'SELECT commissioner_id, grade, rule, minutes, visits, resolved, rating FROM commissioner_assessment ORDER BY commissioner_id',
        )
      ).rows;

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      t.clock.t = Date.parse('2026-03-15T02:00:00Z');
      cast = await buildCast(t);
      const other = (
        await cast.admin.post(
          '/api/organisations',
          buildOrganisation({ kind: 'agency', nameZh: '西山市科学技术局' }),
        )
      ).body;
      organizer2 = await person('organizer2', [[cast.agency.id, 'organizer']]);
      otherAgencyOfficer = await person('elsewhere', [[other.id, 'organizer']]);
      analyst = await person('analyst', [[cast.agency.id, 'analyst']]);
      farmer = await person('farmer');
      for (const [key, nameZh] of [
        ['good', '唐优秀'],
        ['fair', '雷合格'],
        ['idle', '闲置员'],
      ] as const) {
        people[key] = await person(key);
        const r = await cast.organizer.post('/api/commissioners', {
          kind: 'individual',
          personEmail: `${key}@example.cn`,
          nameZh,
          homeOrg: '东海省农业科学院',
          keywords: ['茶树', '病虫害防治', '植保'],
          regions: ['330481'],
          capacity: 5,
          agencyOrgId: cast.agency.id,
        });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        ids[key] = r.body.id;
      }
      await serve(
        'good',
        [
          { date: '2026-04-01', hours: 3, rating: 5 },
          { date: '2026-05-01', hours: 2, rating: 5 },
          { date: '2026-06-01', hours: 2, rating: 4 },
        ],
        true,
      );
      await serve(
        'fair',
        [
          { date: '2026-04-02', hours: 2, rating: 4 },
          { date: '2026-05-02', hours: 1.5, rating: 4 },
        ],
        true,
      );
      // 'idle' served nothing this year.
      t.clock.t = Date.parse('2027-01-10T02:00:00Z');
    });
    after(() => t.close());

    test('a bad rule, a year not begun, or another agency: refused with the field, nothing stored', async () => {
      const audit = async () =>
        Number((await t.database.pool.query('SELECT count(*) FROM audit_log')).rows[0].count);
      const before = await audit();
      const upsideDown = await cast.organizer.post('/api/commissioner-assessments', {
        agencyId: cast.agency.id,
        year: 2026,
        rule: { ...RULE, qualified: { ...RULE.qualified, visits: 9 } },
      });
      assert.equal(upsideDown.status, 400, JSON.stringify(upsideDown.body));
      assert.equal(upsideDown.body.field, 'rule.excellent.visits');
      const future = await cast.organizer.post('/api/commissioner-assessments', {
        agencyId: cast.agency.id,
        year: 2028,
        rule: RULE,
      });
      assert.equal(future.body.field, 'year');
      const outside = await otherAgencyOfficer.post('/api/commissioner-assessments', {
        agencyId: cast.agency.id,
        year: 2026,
        rule: RULE,
      });
      assert.equal(outside.status, 403);
      assert.equal(outside.body.field, 'agencyId');
      assert.equal(
        (
          await analyst.post('/api/commissioner-assessments', {
            agencyId: cast.agency.id,
            year: 2026,
            rule: RULE,
          })
        ).status,
        403,
      );
      assert.equal((await rows()).length, 0);
      assert.equal(await audit(), before);
      assert.equal(
        (await otherAgencyOfficer.get(`/api/commissioner-assessments?agencyId=${cast.agency.id}&year=2026`))
          .status,
        403,
      );
      assert.equal(
        (await farmer.get(`/api/commissioner-assessments?agencyId=${cast.agency.id}&year=2026`)).status,
        403,
      );
    });

    test('the agency runs the year: figures, grades and the rule that reproduces them', async () => {
      const r = await cast.organizer.post('/api/commissioner-assessments', {
        agencyId: cast.agency.id,
        year: 2026,
        rule: RULE,
      });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const by = (id: string) =>
        r.body.items.find((x: { commissioner: { id: string } }) => x.commissioner.id === id);
      assert.deepEqual(
        [by(ids.good).grade, by(ids.fair).grade, by(ids.idle).grade],
        ['excellent', 'qualified', 'unqualified'],
      );
      assert.equal(by(ids.good).hours, 7);
      assert.equal(by(ids.good).visits, 3);
      assert.equal(by(ids.good).resolved, 1);
      assert.equal(by(ids.good).rating, 4.67);
      assert.equal(by(ids.idle).rating, null);
      assert.deepEqual(r.body.rule, RULE);
      // Every stored grade recomputes from its own figures and rule.
      for (const row of await rows()) {
        const again = grade(
          {
            minutes: row.minutes,
            visits: row.visits,
            resolved: row.resolved,
            rating: row.rating === null ? null : Number(row.rating),
          },
          row.rule,
        );
        assert.equal(again, row.grade);
      }
      // Analysts read it; the CSV speaks the reader's language.
      const read = await analyst.get(`/api/commissioner-assessments?agencyId=${cast.agency.id}&year=2026`);
      assert.equal(read.status, 200);
      assert.equal(read.body.items.length, 3);
      const csv = await cast.organizer.get(
        `/api/commissioner-assessments/export?agencyId=${cast.agency.id}&year=2026&format=csv`,
      );
      assert.equal(csv.status, 200);
      assert.match(String(csv.body), /唐优秀,东海省农业科学院,7,3,1,3,4.67,优秀/);
      assert.match(String(csv.body), /闲置员.*不合格/);
      const xlsx = await cast.organizer.get(
        `/api/commissioner-assessments/export?agencyId=${cast.agency.id}&year=2026&format=xlsx`,
      );
      assert.equal(xlsx.status, 200);
      assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    });

    test('two officers run the year at once: both answer, one rule graded every row', async () => {
      const lenient: AssessmentRule = {
        excellent: { hours: 1, visits: 1, resolved: 0, rating: 0 },
        qualified: { hours: 0, visits: 0, resolved: 0, rating: 0 },
        basic: { hours: 0, visits: 0, resolved: 0, rating: 0 },
      };
      const rs = await Promise.all([
        cast.organizer.post('/api/commissioner-assessments', {
          agencyId: cast.agency.id,
          year: 2026,
          rule: RULE,
        }),
        organizer2.post('/api/commissioner-assessments', {
          agencyId: cast.agency.id,
          year: 2026,
          rule: lenient,
        }),
      ]);
      assert.deepEqual(
        rs.map((r) => r.status),
        [200, 200],
        JSON.stringify(rs.map((r) => r.body)),
      );
      const stored = await rows();
      assert.equal(stored.length, 3);
      const rules = new Set(stored.map((r) => JSON.stringify(r.rule)));
      assert.equal(rules.size, 1, 'one rule for the whole year');
      const runs = await t.database.pool.query(
        "SELECT count(*) FROM audit_log WHERE action = 'commissioner_assessment.run'",
      );
      assert.equal(Number(runs.rows[0].count), 3);
      // Back to the agency's rule for what follows.
      await cast.organizer.post('/api/commissioner-assessments', {
        agencyId: cast.agency.id,
        year: 2026,
        rule: RULE,
      });
    });

    test('graded 不合格 for 2026: no candidate and no dispatch in 2027; others still are', async () => {
      const d = await demand('茶园冬季修剪');
      const p = await cast.organizer.get(`/api/commissioner-proposal?agencyId=${cast.agency.id}`);
      const row = p.body.demands.find((x: { demand: { id: string } }) => x.demand.id === d.body.id);
      const named = [row.proposed, ...row.alternatives].filter(Boolean).map((c) => c.commissioner.id);
      assert.ok(!named.includes(ids.idle), JSON.stringify(named));
      assert.ok(named.includes(ids.good));
      const cands = await cast.organizer.get(`/api/commissioner-demands/${d.body.id}/candidates`);
      assert.ok(!cands.body.some((c: { commissioner: { id: string } }) => c.commissioner.id === ids.idle));
      const refused = await cast.organizer.post(`/api/commissioner-demands/${d.body.id}/dispatch`, {
        commissionerId: ids.idle,
        termStart: '2027-01-10',
        termEnd: '2027-06-30',
        goals: '冬季修剪',
      });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.field, 'commissionerId');
      assert.match(refused.body.message, /2026/);
      assert.equal((await farmer.get(`/api/commissioner-demands/${d.body.id}`)).body.state, 'open');
    });

    test('statistics by division: analysts see all, agency staff their own, names not codes', async () => {
      const province = await analyst.get('/api/commissioner-stats?level=province');
      assert.equal(province.status, 200, JSON.stringify(province.body));
      const zj = province.body.rows.find((r: { code: string }) => r.code === '330000');
      assert.deepEqual(
        { ...zj },
        {
          code: '330000',
          name: '浙江省',
          shortName: '浙江省',
          commissioners: 3,
          demandsOpen: 1,
          demandsServed: 2,
          hours: 10.5,
          visits: 5,
          rating: 4.4,
        },
      );
      assert.equal(province.body.next, 'city');
      const county = await cast.organizer.get('/api/commissioner-stats?level=county&within=330400');
      assert.equal(county.status, 200);
      assert.deepEqual(
        county.body.rows.map((r: { name: string; demandsServed: number }) => [r.name, r.demandsServed]),
        [['浙江省 嘉兴市 海宁市', 2]],
      );
      assert.equal(county.body.totals.commissioners, 3);
      // Another agency's officer sees only that agency's (empty) figures and cannot ask for ours.
      const elsewhere = await otherAgencyOfficer.get('/api/commissioner-stats?level=province');
      assert.deepEqual(elsewhere.body.rows, []);
      assert.equal(
        (await otherAgencyOfficer.get(`/api/commissioner-stats?level=province&agencyId=${cast.agency.id}`))
          .status,
        403,
      );
      assert.equal((await farmer.get('/api/commissioner-stats')).status, 403);
      const bad = await analyst.get('/api/commissioner-stats?level=city&within=330400');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'within');
      // In the reader's language (the analyst's profile says zh-CN).
      const csv = await analyst.get('/api/commissioner-stats/export?level=city&format=csv');
      assert.equal(csv.status, 200);
      assert.match(String(csv.body), /^行政区划,科技特派员/);
      assert.match(String(csv.body), /浙江省 嘉兴市,3,1,2,10.5,5,4.4/);
    });
  });
}
