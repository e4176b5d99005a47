// Achievement transformation over HTTP: a university lists a patent, an enterprise's demand matches
// it (explained), they negotiate in a confidential thread, the agreed price passes its notice in the
// owner organisation, both sign, the office registers the contract, payment arrives and rewards are
// split exactly; refusals name the field and change nothing; concurrent requests have one effect.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { patentCheckChar } from '../../src/modules/transfer/ipnumber.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import { messageEn } from '../support/messages.ts';

const DAY = 86_400_000;
const digits = '202310123456';
const PATENT = `ZL${digits}.${patentCheckChar(digits)}`;

for (const kind of backends()) {
  describe(`transfer (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    const count = async (table: string) =>
      Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
    const head = async () => Number((await t.database.pool.query('SELECT seq FROM audit_head')).rows[0].seq);
    const achievement = (orgId: string, over: Record<string, unknown> = {}) => ({
      orgId,
      kind: 'patent',
      ipNumber: PATENT,
      titleZh: '高纯石英坩埚内层涂层制备方法',
      titleEn: 'Method for coating the inner layer of high-purity quartz crucibles',
      abstractZh: '一种降低石英坩埚内层气泡和金属杂质的涂层方法，用于单晶硅拉制。',
      abstractEn:
        'A coating that lowers bubbles and metal impurities in quartz crucibles for silicon pulling.',
      keywords: ['石英坩埚', '涂层', 'quartz crucible'],
      disciplineCodes: ['E0207'],
      ipcCodes: ['C30B 15/10'],
      trl: 6,
      offers: ['transfer', 'exclusiveLicence'],
      askingPriceFen: 120_000_000,
      inventors: [
        { nameZh: '李建国', nameEn: 'Li Jianguo', shareBp: 5000 },
        { nameZh: '刘洋', nameEn: 'Liu Yang', shareBp: 3000 },
        { nameZh: '王外聘', nameEn: 'Wang Waipin', shareBp: 2000 },
      ],
      list: true,
      ...over,
    });

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('bad input names its field and writes nothing', async () => {
      const { solver1, university, outsider } = cast;
      const before = [await count('transfer_achievement'), await count('transfer_inventor'), await head()];
      const wrongCheck = await solver1.post(
        '/api/transfer/achievements',
        achievement(university.id, { ipNumber: `${digits}.${patentCheckChar(digits) === '1' ? '2' : '1'}` }),
      );
      assert.equal(wrongCheck.status, 400);
      assert.equal(wrongCheck.body.field, 'ipNumber');
      assert.match(messageEn(wrongCheck.body), /check digit/);
      const shares = await solver1.post(
        '/api/transfer/achievements',
        achievement(university.id, {
          inventors: [
            { nameZh: '甲', shareBp: 5000 },
            { nameZh: '乙', shareBp: 4000 },
          ],
        }),
      );
      assert.equal(shares.status, 400);
      assert.equal(shares.body.field, 'inventors');
      assert.match(messageEn(shares.body), /90 %/);
      const notMember = await outsider.post('/api/transfer/achievements', achievement(university.id));
      assert.equal(notMember.status, 403);
      assert.deepEqual(
        [await count('transfer_achievement'), await count('transfer_inventor'), await head()],
        before,
      );
    });

    test('from listing to rewards: matched, negotiated, noticed, signed, registered, paid, split', async () => {
      const { solver1, solver2, hostAdmin, proposer, outsider, university, enterprise } = cast;
      const listed = await solver1.post('/api/transfer/achievements', achievement(university.id));
      assert.equal(listed.status, 201, JSON.stringify(listed.body));
      assert.equal(listed.body.patentKind, 'invention');
      assert.equal(listed.body.filingYear, 2023);
      assert.equal(listed.body.ipNumber, PATENT.slice(2));
      const a = listed.body.id as string;
      // The public sees it; the same patent cannot be listed twice.
      assert.equal((await t.client().get(`/api/transfer/achievements/${a}`)).status, 200);
      const again = await solver1.post('/api/transfer/achievements', achievement(university.id));
      assert.equal(again.status, 409);
      assert.equal(again.body.field, 'ipNumber');

      const demand = await proposer.post('/api/transfer/demands', {
        orgId: enterprise.id,
        titleZh: '降低石英坩埚气泡密度',
        titleEn: 'Fewer bubbles in quartz crucibles',
        problemZh: '拉晶时坩埚内层气泡导致位错，需要新的涂层工艺。',
        problemEn: 'Bubbles in the crucible inner layer cause dislocations; we need a coating process.',
        keywords: ['石英坩埚', 'coating'],
        disciplineCodes: ['E02'],
        budgetMinFen: 50_000_000,
        budgetMaxFen: 150_000_000,
        deadline: '2027-06-30',
      });
      assert.equal(demand.status, 201, JSON.stringify(demand.body));
      const matches = await t.client().get(`/api/transfer/demands/${demand.body.id}/matches`);
      assert.equal(matches.status, 200);
      assert.equal(matches.body[0].id, a);
      assert.ok(matches.body[0].score > 0);
      const terms = matches.body[0].words.map((w: { term: string }) => w.term);
      assert.ok(
        terms.some((x: string) => /石英|坩埚|crucibl/.test(x)),
        JSON.stringify(terms),
      );
      assert.ok(matches.body[0].codes.some((c: { code: string }) => c.code === 'E02'));
      const back = await t.client().get(`/api/transfer/achievements/${a}/matches`);
      assert.equal(back.body[0].id, demand.body.id);

      // Concurrent expressions of interest: one deal, the rest refused, no 5xx.
      const tries = await Promise.all(
        [0, 1, 2, 3, 4].map(() =>
          proposer.post(`/api/transfer/achievements/${a}/interest`, {
            buyerOrgId: enterprise.id,
            demandId: demand.body.id,
            message: '我们希望洽谈独占许可或转让。',
          }),
        ),
      );
      assert.deepEqual(tries.map((r) => r.status).sort(), [201, 409, 409, 409, 409]);
      const deal = tries.find((r) => r.status === 201)!.body.id as string;
      assert.equal(await count('transfer_deal'), 1);

      // Confidential: the parties and the office read it; others in the university and outsiders do not.
      for (const c of [solver1, hostAdmin, proposer])
        assert.equal((await c.get(`/api/transfer/deals/${deal}`)).status, 200);
      for (const c of [solver2, outsider, t.client()])
        assert.ok([401, 404].includes((await c.get(`/api/transfer/deals/${deal}`)).status));
      assert.equal(
        (await outsider.post(`/api/transfer/deals/${deal}/messages`, { body: '偷看' })).status,
        404,
      );
      assert.equal(
        (await hostAdmin.post(`/api/transfer/deals/${deal}/messages`, { body: '可以，请提出条件。' })).status,
        200,
      );

      const offered = await proposer.post(`/api/transfer/deals/${deal}/terms`, {
        mode: 'soleLicence',
        priceFen: 100_000_000,
        pricing: 'agreement',
        termMonths: 120,
      });
      assert.equal(offered.status, 400);
      assert.equal(offered.body.field, 'mode');
      const proposed = await proposer.post(`/api/transfer/deals/${deal}/terms`, {
        mode: 'transfer',
        priceFen: 100_000_000,
        pricing: 'agreement',
        paymentSchedule: [{ due: '2027-01-31', amountFen: 100_000_000 }],
        field: '半导体单晶硅',
        territory: '中国',
        termMonths: 120,
        noticeDays: 15,
      });
      assert.equal(proposed.status, 200, JSON.stringify(proposed.body));
      assert.equal(proposed.body.state, 'proposed');
      assert.equal((await proposer.post(`/api/transfer/deals/${deal}/accept`)).status, 409);
      const accepted = await hostAdmin.post(`/api/transfer/deals/${deal}/accept`);
      assert.equal(accepted.body.state, 'notice');

      // The notice is seen in the owner organisation (solver2 is a member), with name and price.
      const notices = await solver2.get('/api/transfer/notices');
      assert.equal(notices.body.length, 1);
      assert.equal(notices.body[0].priceFen, 100_000_000);
      assert.equal(notices.body[0].achievement.zh, '高纯石英坩埚内层涂层制备方法');
      assert.deepEqual((await proposer.get('/api/transfer/notices')).body, []);
      const early = await proposer.post(`/api/transfer/deals/${deal}/sign`);
      assert.equal(early.status, 409);
      assert.match(messageEn(early.body), /notice/);
      assert.equal(
        (await outsider.post(`/api/transfer/deals/${deal}/objections`, { text: '价格过低' })).status,
        404,
      );
      const obj = await solver2.post(`/api/transfer/deals/${deal}/objections`, { text: '请说明定价依据' });
      assert.equal(obj.status, 201);
      assert.equal(
        (
          await solver1.post(`/api/transfer/objections/${obj.body.id}/resolve`, {
            decision: 'dismissed',
            resolution: '-',
          })
        ).status,
        403,
      );
      t.clock.t += 16 * DAY;
      const blocked = await proposer.post(`/api/transfer/deals/${deal}/sign`);
      assert.equal(blocked.status, 409);
      assert.match(messageEn(blocked.body), /objection/);
      const dismissed = await hostAdmin.post(`/api/transfer/objections/${obj.body.id}/resolve`, {
        decision: 'dismissed',
        resolution: '定价依据评估报告，已说明。',
      });
      assert.equal(dismissed.status, 200);

      assert.equal((await proposer.post(`/api/transfer/deals/${deal}/sign`)).body.state, 'signing');
      assert.equal((await proposer.post(`/api/transfer/deals/${deal}/sign`)).status, 409);
      assert.equal((await hostAdmin.post(`/api/transfer/deals/${deal}/register`, {})).status, 409);
      const signed = await solver1.post(`/api/transfer/deals/${deal}/sign`);
      assert.equal(signed.body.state, 'signed');
      assert.equal((await solver1.post(`/api/transfer/deals/${deal}/register`, {})).status, 403);
      const reg = await hostAdmin.post(`/api/transfer/deals/${deal}/register`, {});
      assert.equal(reg.status, 200, JSON.stringify(reg.body));
      assert.equal(reg.body.registration.contractType, 'transfer');
      assert.match(reg.body.registration.number, /^2026\d{6}000001$/);

      const over = await hostAdmin.post(`/api/transfer/deals/${deal}/payments`, {
        amountFen: 100_000_001,
        receivedOn: '2026-12-14',
      });
      assert.equal(over.status, 400);
      assert.equal(over.body.field, 'amountFen');
      assert.equal(
        (
          await proposer.post(`/api/transfer/deals/${deal}/payments`, {
            amountFen: 1,
            receivedOn: '2026-12-14',
          })
        ).status,
        403,
      );
      const paid = await hostAdmin.post(`/api/transfer/deals/${deal}/payments`, {
        amountFen: 100_000_000,
        receivedOn: '2026-12-14',
      });
      assert.equal(paid.status, 201, JSON.stringify(paid.body));
      assert.equal(paid.body.undistributedFen, 100_000_000);

      // Concurrent distributions: one effect.
      const dists = await Promise.all(
        [0, 1, 2, 3].map(() =>
          hostAdmin.post(`/api/transfer/deals/${deal}/distributions`, { costsFen: 20_000_000 }),
        ),
      );
      assert.deepEqual(dists.map((r) => r.status).sort(), [201, 409, 409, 409]);
      const view = (await hostAdmin.get(`/api/transfer/deals/${deal}`)).body;
      assert.equal(view.distributions.length, 1);
      const d = view.distributions[0];
      assert.equal(d.netFen, 80_000_000);
      assert.equal(d.rule, 'statute');
      assert.equal(d.poolFen, 40_000_000);
      assert.deepEqual(
        d.rewards.map((r: { amountFen: number }) => r.amountFen),
        [20_000_000, 12_000_000, 8_000_000],
      );
      assert.deepEqual(
        d.steps.map((s: { rule: string }) => s.rule),
        ['netIncome', 'art45_1', 'split'],
      );
      // The journal balances: debits equal credits, payment and rewards.
      const j = (
        await t.database.pool.query(
          `SELECT side, sum(amount_fen)::int8 AS s FROM transfer_journal_line GROUP BY side ORDER BY side`,
        )
      ).rows.map((r) => [r.side, Number(r.s)]);
      assert.deepEqual(j, [
        ['credit', 140_000_000],
        ['debit', 140_000_000],
      ]);

      // The transfer-income calculator's items come from the registered contract.
      const items = await hostAdmin.get(
        `/api/transfer/registered-contracts?orgId=${university.id}&taxYear=2026`,
      );
      assert.equal(items.status, 200);
      assert.equal(items.body.length, 1);
      assert.deepEqual(
        [items.body[0].technology, items.body[0].mode, items.body[0].amountFen, items.body[0].receivedFen],
        ['patent', 'ownership', 100_000_000, 100_000_000],
      );
      assert.equal(
        (await proposer.get(`/api/transfer/registered-contracts?orgId=${university.id}&taxYear=2026`)).status,
        403,
      );
      // Every change was audited.
      const actions = (
        await t.database.pool.query(
          `SELECT action FROM audit_log WHERE action LIKE 'transfer.%' ORDER BY seq`,
        )
      ).rows.map((r) => r.action);
      for (const x of [
        'transfer.achievement_create',
        'transfer.demand_create',
        'transfer.deal_interest',
        'transfer.deal_propose',
        'transfer.deal_accept',
        'transfer.objection_lodge',
        'transfer.objection_resolve',
        'transfer.deal_sign',
        'transfer.contract_register',
        'transfer.payment_record',
        'transfer.rewards_distribute',
      ])
        assert.ok(actions.includes(x), x);
    });

    test('a saved search alerts the enterprise once when a fitting achievement is listed', async () => {
      const { solver1, proposer, university, enterprise } = cast;
      const demand = await proposer.post('/api/transfer/demands', {
        orgId: enterprise.id,
        titleZh: '谐波减速器柔轮寿命提升',
        titleEn: 'Longer flexspline life for harmonic reducers',
        keywords: ['谐波减速器', 'flexspline'],
        budgetMaxFen: 80_000_000,
        deadline: '2027-03-31',
        alert: true,
      });
      assert.equal(demand.status, 201);
      const inbox = async () =>
        (
          await t.database.pool.query(
            `SELECT count(*)::int AS n FROM notification WHERE kind = 'transfer.match'`,
          )
        ).rows[0].n;
      const n0 = await inbox();
      const draft = await solver1.post(
        '/api/transfer/achievements',
        achievement(university.id, {
          kind: 'knowHow',
          ipNumber: null,
          titleZh: '谐波减速器柔轮喷丸强化工艺',
          titleEn: 'Shot peening of harmonic reducer flexsplines',
          abstractZh: '柔轮疲劳寿命提升三倍。',
          abstractEn: 'Triples flexspline fatigue life.',
          keywords: ['谐波减速器', 'flexspline'],
          disciplineCodes: ['E05'],
          ipcCodes: [],
          list: false,
        }),
      );
      assert.equal(draft.status, 201);
      assert.equal(await inbox(), n0);
      const listed = await solver1.post(`/api/transfer/achievements/${draft.body.id}/actions/list`);
      assert.equal(listed.status, 200);
      assert.equal(await inbox(), n0 + 1);
      assert.equal(
        (await solver1.post(`/api/transfer/achievements/${draft.body.id}/actions/list`)).status,
        409,
      );
    });
  });
}
