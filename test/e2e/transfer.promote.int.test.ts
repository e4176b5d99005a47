// A demand no listed achievement fits becomes a draft challenge in one step: pre-filled from the
// demand, linked both ways, audited; only its enterprise or an organizer may; refusals change
// nothing; five promotions at once make one challenge.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { messageEn } from '../support/messages.ts';

for (const kind of backends()) {
  describe(`transfer demand → challenge (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    const count = async (table: string) =>
      Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
    const head = async () => Number((await t.database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
    const demand = async (titleZh: string, over: Record<string, unknown> = {}) => {
      const r = await cast.proposer.post('/api/transfer/demands', {
        orgId: cast.enterprise.id,
        titleZh,
        titleEn: 'Sapphire wafer polishing without subsurface damage',
        problemZh: '蓝宝石衬底抛光后存在亚表面损伤，需要新的化学机械抛光工艺。',
        problemEn: 'Polished sapphire substrates keep subsurface damage; we need a new CMP process.',
        keywords: ['蓝宝石', '抛光', 'sapphire'],
        disciplineCodes: ['E02'],
        regionCode: '310000',
        budgetMinFen: 20_000_000,
        budgetMaxFen: 80_000_000,
        deadline: '2099-03-31',
        ...over,
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('refusals: who, which agency, which state; nothing changes', async () => {
      const { proposer, outsider, solver1, agency, enterprise } = cast;
      const id = await demand('蓝宝石衬底无损抛光');
      const before = [await count('challenge'), await count('challenge_target'), await head()];
      const stranger = await outsider.post(`/api/transfer/demands/${id}/promote`, {
        organiserOrgId: agency.id,
      });
      assert.equal(stranger.status, 403);
      assert.match(messageEn(stranger.body), /enterprise or an organizer/);
      const member = await solver1.post(`/api/transfer/demands/${id}/promote`, { organiserOrgId: agency.id });
      assert.equal(member.status, 403);
      const notAgency = await proposer.post(`/api/transfer/demands/${id}/promote`, {
        organiserOrgId: enterprise.id,
      });
      assert.equal(notAgency.status, 400);
      assert.equal(notAgency.body.field, 'organiserOrgId');
      const missing = await proposer.post(`/api/transfer/demands/${crypto.randomUUID()}/promote`, {
        organiserOrgId: agency.id,
      });
      assert.equal(missing.status, 404);
      // A demand that does not exist is not found, whatever the organisation named.
      const missingNotAgency = await proposer.post(`/api/transfer/demands/${crypto.randomUUID()}/promote`, {
        organiserOrgId: enterprise.id,
      });
      assert.equal(missingNotAgency.status, 404);
      const closed = await demand('关闭后的需求');
      assert.equal((await proposer.post(`/api/transfer/demands/${closed}/close`, {})).status, 200);
      const late = await proposer.post(`/api/transfer/demands/${closed}/promote`, {
        organiserOrgId: agency.id,
      });
      assert.equal(late.status, 409);
      assert.equal(late.body.code, 'ILLEGAL_TRANSITION');
      const mid = await head();
      assert.deepEqual([await count('challenge'), await count('challenge_target')], before.slice(0, 2));
      assert.equal(mid, before[2] + 2); // the two demands' creation and the closing only
      const view = await proposer.get(`/api/transfer/demands/${id}`);
      assert.equal(view.body.state, 'open');
      assert.equal(view.body.canPromote, true);
      assert.equal((await outsider.get(`/api/transfer/demands/${id}`)).body.canPromote, false);
    });

    test('promoted fired five times at once: one draft challenge, pre-filled, linked both ways, audited', async () => {
      const { proposer, agency, enterprise } = cast;
      const id = await demand('蓝宝石衬底化学机械抛光');
      const challenges = await count('challenge');
      const rs = await Promise.all(
        Array.from({ length: 5 }, () =>
          proposer.post(`/api/transfer/demands/${id}/promote`, { organiserOrgId: agency.id }),
        ),
      );
      const codes = rs.map((r) => r.status).sort();
      assert.deepEqual(codes, [200, 409, 409, 409, 409], JSON.stringify(rs.map((r) => r.body)));
      assert.equal(await count('challenge'), challenges + 1);
      const ok = rs.find((r) => r.status === 200)!.body;
      assert.equal(ok.state, 'promoted');
      assert.equal(ok.canPromote, false);
      assert.equal(ok.promotedChallenge.title.zh, '蓝宝石衬底化学机械抛光');
      const c = await proposer.get(`/api/challenges/${ok.promotedChallengeId}`);
      assert.equal(c.status, 200);
      assert.equal(c.body.state, 'draft');
      assert.equal(c.body.orgId, enterprise.id);
      assert.equal(c.body.organiserOrgId, agency.id);
      assert.equal(c.body.titleZh, '蓝宝石衬底化学机械抛光');
      assert.match(c.body.statementZh, /亚表面损伤/);
      assert.equal(c.body.budgetCeilingFen, 80_000_000);
      assert.equal(c.body.regionCode, '310000');
      assert.deepEqual(c.body.keywords, ['蓝宝石', '抛光', 'sapphire']);
      assert.equal(c.body.targets.length, 1);
      assert.equal(c.body.fromDemand.id, id);
      const audit = await t.database.pool.query(
        `SELECT action FROM audit_log WHERE object_id IN ($1, $2) ORDER BY seq`,
        [id, ok.promotedChallengeId],
      );
      const actions = audit.rows.map((r: { action: string }) => r.action);
      assert.ok(actions.includes('transfer.demand_promote'), actions.join());
      assert.ok(actions.includes('challenge.create'), actions.join());
      // The public draft stays hidden; the demand's link is public with the demand.
      assert.equal((await t.client().get(`/api/challenges/${ok.promotedChallengeId}`)).status, 404);
    });

    test('a demand a listed achievement fits is not promoted', async () => {
      const { solver1, proposer, university, agency } = cast;
      const listed = await solver1.post('/api/transfer/achievements', {
        orgId: university.id,
        kind: 'knowHow',
        titleZh: '钙钛矿电池封装胶膜配方',
        titleEn: 'Encapsulant film formulation for perovskite cells',
        abstractZh: '钙钛矿电池封装胶膜，耐湿热老化。',
        abstractEn: 'An encapsulant film for perovskite cells that withstands damp heat.',
        keywords: ['钙钛矿', '封装胶膜', 'perovskite'],
        disciplineCodes: ['E02'],
        trl: 5,
        offers: ['transfer'],
        inventors: [{ nameZh: '刘洋', shareBp: 10000 }],
        list: true,
      });
      assert.equal(listed.status, 201, JSON.stringify(listed.body));
      const id = await demand('钙钛矿电池封装胶膜', {
        titleEn: 'Encapsulant film for perovskite cells',
        problemZh: '需要耐湿热老化的钙钛矿电池封装胶膜。',
        problemEn: 'We need an encapsulant film for perovskite cells that withstands damp heat.',
        keywords: ['钙钛矿', '封装胶膜', 'perovskite'],
      });
      const r = await proposer.post(`/api/transfer/demands/${id}/promote`, { organiserOrgId: agency.id });
      assert.equal(r.status, 409, JSON.stringify(r.body));
      assert.match(messageEn(r.body), /achievement fits/);
      assert.equal((await proposer.get(`/api/transfer/demands/${id}`)).body.state, 'open');
    });
  });
}
