// S&T commissioners: the agency registers commissioners, a served party posts a demand, the
// agency dispatches on the explained optimal proposal, the commissioner accepts or declines (a
// decline re-matches only that demand), logs visits with photos, and the served party confirms
// and rates them. Refusals name the field and change nothing; contact details stay with the parties.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import type { TestClient } from '../support/client.ts';
import { backends } from '../support/db.ts';

const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

for (const kind of backends()) {
  describe(`S&T commissioners (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let tea: TestClient & { id: string };
    let veg: TestClient & { id: string };
    let far: TestClient & { id: string };
    let farmer: TestClient & { id: string };
    const ids: Record<string, string> = {};

    const person = async (name: string) => {
      const c = t.client();
      const r = await c.register(`${name}@example.cn`, 'correct horse battery', name);
      await c.login(`${name}@example.cn`);
      return Object.assign(c, { id: r.body.id as string });
    };
    const commissioner = (over: Record<string, unknown>) => ({
      kind: 'individual',
      nameZh: '特派员',
      homeOrg: '东海省农业科学院',
      keywords: [],
      regions: ['330481'],
      capacity: 2,
      agencyOrgId: cast.agency.id,
      ...over,
    });
    const demand = (over: Record<string, unknown> = {}) => ({
      title: '茶园病虫害',
      description: '茶树叶片发黄，出现大面积病虫害，急需植保指导。',
      industry: '茶叶',
      regionCode: '330481',
      urgency: 'urgent',
      requester: '青石村茶叶专业合作社',
      requesterKind: 'cooperative',
      contactName: '李大姐',
      contactPhone: '13800000001',
      agencyOrgId: cast.agency.id,
      ...over,
    });
    const agreement = (commissionerId: string) => ({
      commissionerId,
      termStart: '2026-03-01',
      termEnd: '2026-12-31',
      goals: '一季内控制病虫害',
    });

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      t.clock.t = Date.parse('2026-03-10T02:00:00Z');
      cast = await buildCast(t);
      tea = await person('tea');
      veg = await person('veg');
      far = await person('far');
      farmer = await person('farmer');
    });
    after(() => t.close());

    test('the agency keeps the registry; bad input names the field and changes nothing', async () => {
      const { organizer, outsider } = cast;
      const before = await snapshotCounts(t.database);
      const badRegion = await organizer.post(
        '/api/commissioners',
        commissioner({ personEmail: 'tea@example.cn', regions: ['339999'] }),
      );
      assert.equal(badRegion.status, 400);
      assert.equal(badRegion.body.field, 'regions.0');
      const noAccount = await organizer.post('/api/commissioners', commissioner({ personEmail: null }));
      assert.equal(noAccount.body.field, 'personEmail');
      const notStaff = await outsider.post(
        '/api/commissioners',
        commissioner({ personEmail: 'tea@example.cn' }),
      );
      assert.equal(notStaff.status, 403);
      assert.deepEqual(await snapshotCounts(t.database), before);

      const a = await organizer.post(
        '/api/commissioners',
        commissioner({
          personEmail: 'tea@example.cn',
          nameZh: '唐茶',
          keywords: ['茶树', '病虫害防治', '植保'],
        }),
      );
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.deepEqual(a.body.regions, [{ code: '330481', name: '浙江省 嘉兴市 海宁市' }]);
      ids.tea = a.body.id;
      const b = await organizer.post(
        '/api/commissioners',
        commissioner({
          personEmail: 'veg@example.cn',
          nameZh: '雷菜',
          keywords: ['茶树', '蔬菜栽培'],
          regions: ['330400'],
        }),
      );
      ids.veg = b.body.id;
      const c = await organizer.post(
        '/api/commissioners',
        commissioner({
          personEmail: 'far@example.cn',
          nameZh: '远方',
          keywords: ['茶树', '病虫害防治', '植保'],
          regions: ['110101'],
        }),
      );
      ids.far = c.body.id;
      const off = await organizer.post(
        '/api/commissioners',
        commissioner({
          kind: 'team',
          nameZh: '休假团队',
          keywords: ['茶树', '病虫害防治', '植保'],
          available: false,
        }),
      );
      assert.equal(off.status, 201, JSON.stringify(off.body));
      ids.off = off.body.id;
      const dup = await organizer.post('/api/commissioners', commissioner({ personEmail: 'tea@example.cn' }));
      assert.equal(dup.status, 409);
      assert.equal(dup.body.field, 'personEmail');

      const list = await organizer.get('/api/commissioners?pageSize=10');
      assert.equal(list.body.total, 4);
      assert.equal((await outsider.get('/api/commissioners')).status, 403);
      assert.equal((await tea.get(`/api/commissioners/${ids.veg}`)).status, 404);
      assert.equal((await tea.get('/api/commissioners/me')).body.commissioner.id, ids.tea);
    });

    test('a demand is posted down to the county; the proposal explains the match', async () => {
      const before = await snapshotCounts(t.database);
      const city = await farmer.post('/api/commissioner-demands', demand({ regionCode: '330400' }));
      assert.equal(city.status, 400);
      assert.equal(city.body.field, 'regionCode');
      assert.deepEqual(await snapshotCounts(t.database), before);
      const d = await farmer.post('/api/commissioner-demands', demand());
      assert.equal(d.status, 201, JSON.stringify(d.body));
      ids.demand = d.body.id;
      assert.equal(d.body.contactPhone, '13800000001');

      const p = await cast.organizer.get(`/api/commissioner-proposal?agencyId=${cast.agency.id}`);
      assert.equal(p.status, 200, JSON.stringify(p.body));
      const row = p.body.demands.find((x: { demand: { id: string } }) => x.demand.id === ids.demand);
      // Same expertise, same county wins; the unavailable team is never a candidate.
      assert.equal(row.proposed.commissioner.id, ids.tea);
      assert.equal(row.proposed.regionLevel, 'county');
      assert.ok(row.proposed.explanation.terms.some((x: { term: string }) => x.term === '茶树'));
      const alts = row.alternatives.map((x: { commissioner: { id: string } }) => x.commissioner.id);
      assert.ok(alts.includes(ids.far));
      assert.ok(!alts.includes(ids.off));
      assert.equal(p.body.objective, row.proposed.score);
      assert.equal((await farmer.get(`/api/commissioner-proposal?agencyId=${cast.agency.id}`)).status, 403);
    });

    test('N concurrent dispatches of one demand: one takes effect, no 5xx', async () => {
      const rs = await Promise.all(
        [ids.tea, ids.tea, ids.veg, ids.far].map((c) =>
          cast.organizer.post(`/api/commissioner-demands/${ids.demand}/dispatch`, agreement(c)),
        ),
      );
      assert.ok(
        rs.every((r) => r.status < 500),
        JSON.stringify(rs.map((r) => r.body)),
      );
      assert.equal(rs.filter((r) => r.status === 200).length, 1);
      const rows = await t.database.pool.query(
        "SELECT commissioner_id FROM commissioner_dispatch WHERE demand_id = $1 AND state = 'offered'",
        [ids.demand],
      );
      assert.equal(rows.rows.length, 1);
      ids.first = rows.rows[0].commissioner_id;
    });

    test('a decline re-matches only that demand; the decliner is not proposed again', async () => {
      const other = await farmer.post(
        '/api/commissioner-demands',
        demand({ title: '蔬菜大棚', description: '大棚蔬菜栽培连作障碍' }),
      );
      const firstClient = ids.first === ids.tea ? tea : ids.first === ids.veg ? veg : far;
      const detail = await firstClient.get(`/api/commissioner-demands/${ids.demand}`);
      assert.equal(detail.status, 200);
      assert.equal(detail.body.contactPhone, '13800000001');
      const x = detail.body.dispatches.find((d: { mine: boolean }) => d.mine);
      const noReason = await firstClient.post(`/api/commissioner-dispatches/${x.id}/decline`, {
        reason: ' ',
      });
      assert.equal(noReason.status, 400);
      assert.equal(noReason.body.field, 'reason');
      assert.equal(
        (await farmer.post(`/api/commissioner-dispatches/${x.id}/decline`, { reason: '不去' })).status,
        403,
      );
      const declined = await firstClient.post(`/api/commissioner-dispatches/${x.id}/decline`, {
        reason: '本月在外地',
      });
      assert.deepEqual(declined.body, { demandId: ids.demand, state: 'open' });
      // The commissioner was told of the dispatch; the agency is told of the decline and sees the
      // demand among those to dispatch again.
      const told = await firstClient.get('/api/notifications?pageSize=50');
      assert.ok(
        told.body.items.some(
          (n: { kind: string; href: string }) =>
            n.kind === 'commissioner.dispatched' && n.href === `/commissioners/demands/${ids.demand}`,
        ),
        JSON.stringify(told.body),
      );
      const agencyInbox = await cast.organizer.get('/api/notifications?pageSize=50');
      const decl = agencyInbox.body.items.find((n: { kind: string }) => n.kind === 'commissioner.declined');
      assert.ok(decl, JSON.stringify(agencyInbox.body));
      assert.match(decl.title, /谢绝|declined/);
      const agencyTasks = (await cast.organizer.get('/api/me/tasks')).body.items;
      const redo = agencyTasks.find((x: { kind: string }) => x.kind === 'commissioners.redispatch');
      assert.equal(redo?.count, 1, JSON.stringify(agencyTasks));
      assert.equal(
        agencyTasks.find((x: { kind: string }) => x.kind === 'commissioners.dispatch')?.count,
        1,
        JSON.stringify(agencyTasks),
      );
      // Nobody else hears of it.
      assert.equal(
        (await farmer.get('/api/notifications?pageSize=50')).body.items.filter((n: { kind: string }) =>
          n.kind.startsWith('commissioner.'),
        ).length,
        0,
      );
      // The decliner no longer sees the contact details (the demand is gone from their view).
      assert.equal((await firstClient.get(`/api/commissioner-demands/${ids.demand}`)).status, 404);
      const cands = await cast.organizer.get(`/api/commissioner-demands/${ids.demand}/candidates`);
      assert.ok(!cands.body.some((c: { commissioner: { id: string } }) => c.commissioner.id === ids.first));
      const again = await cast.organizer.post(
        `/api/commissioner-demands/${ids.demand}/dispatch`,
        agreement(ids.first),
      );
      assert.equal(again.body.field, 'commissionerId');
      // The other demand was untouched by the decline.
      assert.equal((await farmer.get(`/api/commissioner-demands/${other.body.id}`)).body.state, 'open');
      if (ids.first !== ids.tea) {
        const r = await cast.organizer.post(
          `/api/commissioner-demands/${ids.demand}/dispatch`,
          agreement(ids.tea),
        );
        assert.equal(r.status, 200, JSON.stringify(r.body));
      } else {
        const r = await cast.organizer.post(
          `/api/commissioner-demands/${ids.demand}/dispatch`,
          agreement(ids.veg),
        );
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
    });

    test('accept, log a visit with a photo, the served party confirms and rates', async () => {
      const d = await cast.organizer.get(`/api/commissioner-demands/${ids.demand}`);
      const live = d.body.dispatches.find((x: { state: string }) => x.state === 'offered');
      const who = live.commissioner.id === ids.tea ? tea : veg;
      // Before accepting nobody can log a visit; an outsider sees nothing.
      assert.equal((await cast.outsider.get(`/api/commissioner-demands/${ids.demand}`)).status, 404);
      const early = await who.post(`/api/commissioner-dispatches/${live.id}/visits`, {
        visitDate: '2026-03-10',
        place: '青石村',
        hours: 3,
        workDone: '田间诊断',
      });
      assert.equal(early.status, 409);
      const respondTask = (await who.get('/api/me/tasks')).body.items;
      assert.equal(
        respondTask.find((x: { kind: string }) => x.kind === 'commissioners.respond')?.count,
        1,
        JSON.stringify(respondTask),
      );
      const acc = await who.post(`/api/commissioner-dispatches/${live.id}/accept`);
      assert.equal(acc.body.state, 'serving', JSON.stringify(acc.body));
      const future = await who.post(`/api/commissioner-dispatches/${live.id}/visits`, {
        visitDate: '2026-03-11',
        place: '青石村',
        hours: 3,
        workDone: '田间诊断',
      });
      assert.equal(future.body.field, 'visitDate');
      const v = await who.post(`/api/commissioner-dispatches/${live.id}/visits`, {
        visitDate: '2026-03-10',
        place: '青石村茶园',
        hours: 2.5,
        workDone: '田间诊断，指导施药',
      });
      assert.equal(v.status, 201, JSON.stringify(v.body));
      // The served party is told of the visit and finds it among its tasks.
      const inbox = (await farmer.get('/api/notifications?pageSize=50')).body.items;
      const logged = inbox.find((n: { kind: string }) => n.kind === 'commissioner.visitLogged');
      assert.ok(logged, JSON.stringify(inbox));
      assert.equal(logged.href, `/commissioners/demands/${ids.demand}`);
      assert.match(logged.title, /2026-03-10/);
      assert.equal(
        (await farmer.get('/api/me/tasks')).body.items.find(
          (x: { kind: string }) => x.kind === 'commissioners.confirm',
        )?.count,
        1,
      );
      const photo = await who.request(
        'POST',
        `/api/commissioner-visits/${v.body.id}/photos?name=field.png`,
        PNG,
        {
          headers: { 'content-type': 'image/png' },
        },
      );
      assert.equal(photo.status, 201, JSON.stringify(photo.body));
      const pdf = await who.request(
        'POST',
        `/api/commissioner-visits/${v.body.id}/photos?name=x.pdf`,
        Buffer.from('%PDF-1.7\n%%EOF\n'),
        { headers: { 'content-type': 'application/octet-stream' } },
      );
      assert.equal(pdf.body.field, 'file');
      assert.equal((await farmer.get(`/api/commissioner-photos/${photo.body.id}`)).status, 200);
      assert.equal((await cast.outsider.get(`/api/commissioner-photos/${photo.body.id}`)).status, 404);

      assert.equal(
        (await who.post(`/api/commissioner-visits/${v.body.id}/confirm`, { rating: 5 })).status,
        403,
      );
      const early2 = await farmer.post(`/api/commissioner-demands/${ids.demand}/resolve`);
      assert.equal(early2.status, 409);
      const conf = await farmer.post(`/api/commissioner-visits/${v.body.id}/confirm`, {
        rating: 4,
        comment: '很及时',
      });
      assert.equal(conf.status, 200, JSON.stringify(conf.body));
      assert.equal(
        conf.body.dispatches.find((x: { state: string }) => x.state === 'accepted').visits[0].rating,
        4,
      );
      const twice = await farmer.post(`/api/commissioner-visits/${v.body.id}/confirm`, { rating: 1 });
      assert.equal(twice.status, 409);
      const late = await who.request('POST', `/api/commissioner-visits/${v.body.id}/photos?name=b.png`, PNG, {
        headers: { 'content-type': 'image/png' },
      });
      assert.equal(late.status, 409);

      const reg = await cast.organizer.get('/api/commissioners?pageSize=10');
      const row = reg.body.items.find((c: { id: string }) => c.id === live.commissioner.id);
      assert.equal(row.confirmedVisits, 1);
      assert.equal(row.hours, 2.5);
      assert.equal(row.rating, 4);
      const resolved = await farmer.post(`/api/commissioner-demands/${ids.demand}/resolve`);
      assert.equal(resolved.body.state, 'resolved');
      const audit = await t.database.pool.query(
        "SELECT action FROM audit_log WHERE action LIKE 'commissioner%' ORDER BY seq",
      );
      const actions = new Set(audit.rows.map((r) => r.action));
      for (const a of [
        'commissioner.create',
        'commissioner_demand.post',
        'commissioner_demand.dispatch',
        'commissioner_dispatch.decline',
        'commissioner_dispatch.accept',
        'commissioner_visit.log',
        'commissioner_visit.confirm',
        'commissioner_demand.resolve',
      ])
        assert.ok(actions.has(a), a);
    });

    test('CSV import: a per-row report; bad rows import nothing unless skipped', async () => {
      const csv = (text: string, q = '') =>
        cast.organizer.request(
          'POST',
          `/api/commissioners/import?agencyId=${cast.agency.id}${q}`,
          Buffer.from(text),
          {
            headers: { 'content-type': 'text/csv' },
          },
        );
      const file =
        'kind,name_zh,email,keywords,regions,capacity,available\n' +
        'team,果树团队,,柑橘；嫁接,330481;330400,3,是\n' +
        'individual,无账号,,茶树,330481,1,是\n' +
        'legal_entity,坏区划站,,水产,999999,2,否\n' +
        'team,容量错,,蔬菜,330481,0,yes\n';
      const before = await snapshotCounts(t.database);
      const bad = await csv(file);
      assert.equal(bad.status, 422, JSON.stringify(bad.body));
      assert.deepEqual(
        bad.body.errors.map((e: { row: number; field: string }) => [e.row, e.field]),
        [
          [3, 'email'],
          [4, 'regions'],
          [5, 'capacity'],
        ],
      );
      assert.deepEqual(await snapshotCounts(t.database), before);
      const ok = await csv(file, '&skipBadRows=true');
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.created, 1);
      assert.equal(ok.body.skipped, 3);
      const reg = await cast.organizer.get('/api/commissioners?q=果树');
      assert.deepEqual(
        reg.body.items[0].regions.map((r: { code: string }) => r.code),
        ['330481', '330400'],
      );
      const outsider = await cast.outsider.request(
        'POST',
        `/api/commissioners/import?agencyId=${cast.agency.id}`,
        Buffer.from(file),
        {
          headers: { 'content-type': 'text/csv' },
        },
      );
      assert.equal(outsider.status, 403);
    });

    test('capacity is kept: a full commissioner cannot be dispatched', async () => {
      const mk = () => farmer.post('/api/commissioner-demands', demand({ title: '茶园施肥' }));
      const ds = [await mk(), await mk(), await mk()];
      let ok = 0;
      for (const d of ds) {
        const r = await cast.organizer.post(
          `/api/commissioner-demands/${d.body.id}/dispatch`,
          agreement(ids.far),
        );
        if (r.status === 200) ok++;
        else assert.equal(r.body.field, 'commissionerId');
      }
      assert.equal(ok, 2);
      const reg = await cast.organizer.get(`/api/commissioners/${ids.far}`);
      assert.equal(reg.body.load, 2);
    });
  });
}
