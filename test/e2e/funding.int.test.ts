// Funding over HTTP on every backend: funds and appropriations, awards committing money, tranches
// released only when their condition is met (and never twice), expenses against the negative list
// and the budget, reversals, closing with a performance record, the journal's immutability and
// balance enforced by the database, verification and export; who may do what; bad input names
// the field and changes nothing.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { integrityCount } from '../../src/modules/funding/funding.repo.ts';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { asOwner, backends } from '../support/db.ts';
import {
  awardedChallenge,
  key,
  lumpSum,
  ok,
  programmeFund,
  release,
  signTaskBook,
} from '../support/funding.ts';
import { messageEn } from '../support/messages.ts';
import { awardedRaceChallenge, buildRace } from '../support/race.ts';

for (const kind of backends()) {
  describe(`funding (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    const month = () => new Date(t.clock.t).toISOString().slice(0, 7);
    const count = async (table: string) =>
      Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
    const snapshot = async () => ({
      entries: await count('journal_entry'),
      lines: await count('journal_line'),
      awards: await count('funding_award'),
      expenses: await count('funding_expense'),
      released: Number(
        (
          await t.database.pool.query(
            `SELECT count(*)::int AS n FROM funding_tranche WHERE state = 'released'`,
          )
        ).rows[0].n,
      ),
      audit: await count('audit_log'),
    });

    test('OpenAPI documents the funding endpoints', async () => {
      const r = await t.client().get('/api/openapi.json');
      for (const p of [
        '/api/funding/funds',
        '/api/funding/funds/{id}/appropriations',
        '/api/funding/awards',
        '/api/funding/awards/{id}/tranches/{no}/release',
        '/api/funding/awards/{id}/expenses',
        '/api/funding/awards/{id}/refunds',
        '/api/funding/awards/{id}/close',
        '/api/funding/entries/{id}/reverse',
        '/api/funding/burden',
      ])
        assert.ok(r.body.paths[p]?.post?.requestBody, p);
      assert.ok(r.body.paths['/api/funding/calls/{challengeId}/rules']?.put?.requestBody);
      assert.ok(r.body.paths['/api/funding/ledger']?.get);
      assert.ok(r.body.paths['/api/funding/ledger/export']?.get);
    });

    test('an award from commitment to closing: tranches on their conditions, negative list, performance record', async () => {
      const { organizer, proposer, solver1, solver2, outsider, admin } = cast;
      const fund = await programmeFund(cast, 1_000_000_000);
      const { challenge, taskBookIds } = await awardedChallenge(t, cast, 'flow', [solver1]);
      const [tb] = taskBookIds;
      // The proposer opens a co-funding account and puts in ¥1M.
      const cofund = await ok(
        proposer.post('/api/funding/funds', { kind: 'cofund', challengeId: challenge.id, fiscalYear: 2026 }),
      );
      await ok(proposer.post(`/api/funding/funds/${cofund.id}/appropriations`, { amountFen: 100_000_000 }));
      assert.equal(
        (await solver1.post('/api/funding/awards', { taskBookId: tb, fundId: fund.id, budget: lumpSum() }))
          .status,
        403,
      );
      const award = await ok(
        organizer.post('/api/funding/awards', {
          taskBookId: tb,
          fundId: fund.id,
          cofundFen: 100_000_000,
          budget: lumpSum(),
        }),
      );
      assert.equal(award.committedFen, 400_000_000);
      assert.deepEqual(
        award.tranches.map((x: { amountFen: number }) => x.amountFen),
        [120_000_000, 140_000_000, 140_000_000],
      );
      assert.equal(award.reportEveryMonths, 6, 'no track record yet: the standard interval');
      const dash = await ok(organizer.get(`/api/funding/funds/${fund.id}`));
      assert.equal(
        dash.availableFen,
        1_000_000_000 - 300_000_000,
        'the programme fund carries ¥3M of the ¥4M',
      );
      assert.equal((await ok(proposer.get(`/api/funding/funds/${cofund.id}`))).availableFen, 0);
      assert.equal(
        (await organizer.post('/api/funding/awards', { taskBookId: tb, fundId: fund.id, budget: lumpSum() }))
          .body.field,
        'taskBookId',
      );

      // The signing tranche waits for both signatures.
      const early = await release(organizer, award.id, 0);
      assert.equal(early.status, 409);
      assert.match(messageEn(early.body), /not yet signed/);
      await signTaskBook(cast, solver1, tb);
      assert.equal(
        (await release(solver1, award.id, 0)).status,
        403,
        'the team cannot release money to itself',
      );
      assert.equal((await release(outsider, award.id, 0)).status, 404);
      const noKey = await organizer.post(`/api/funding/awards/${award.id}/tranches/0/release`, {});
      assert.equal(noKey.status, 400);
      assert.equal(noKey.body.field, 'idempotency-key');
      const k0 = key();
      const r0 = await release(organizer, award.id, 0, k0);
      assert.equal(r0.status, 200, JSON.stringify(r0.body));
      assert.equal(r0.body.disbursedFen, 120_000_000);
      const before0 = await snapshot();
      assert.equal(
        (await release(organizer, award.id, 0, k0)).status,
        200,
        'a retry with the same key answers the same',
      );
      const twice = await release(organizer, award.id, 0);
      assert.equal(twice.status, 409, 'a second release with another key is refused');
      assert.match(messageEn(twice.body), /already released/);
      assert.deepEqual(await snapshot(), before0, 'neither wrote anything');
      assert.equal((await release(organizer, award.id, 1)).status, 409, 'milestone 1 is not accepted yet');

      // Spending: a negative-list item is refused naming the field, and nothing is written.
      const before1 = await snapshot();
      const banned = await solver1.post(`/api/funding/awards/${award.id}/expenses`, {
        period: month(),
        lines: [
          {
            category: 'operational',
            kind: 'materials',
            description: '高纯石英砂 20 吨',
            amountFen: 10_000_000,
          },
          { category: 'operational', kind: 'services', description: '客户宴请', amountFen: 500_000 },
        ],
      });
      assert.equal(banned.status, 400);
      assert.equal(banned.body.field, 'lines.1.description');
      assert.match(messageEn(banned.body), /宴请.*negative list/);
      const byKind = await solver1.post(`/api/funding/awards/${award.id}/expenses`, {
        period: month(),
        lines: [{ category: 'operational', kind: 'gifts', description: '节日慰问品', amountFen: 1 }],
      });
      assert.equal(byKind.body.field, 'lines.0.kind');
      const over = await solver1.post(`/api/funding/awards/${award.id}/expenses`, {
        period: month(),
        lines: [
          {
            category: 'equipment',
            kind: 'equipment_purchase',
            description: '电弧熔制炉',
            amountFen: 120_000_001,
          },
        ],
      });
      assert.equal(over.body.field, 'lines.0.amountFen');
      assert.match(messageEn(over.body), /not yet spent/);
      const future = await solver1.post(`/api/funding/awards/${award.id}/expenses`, {
        period: '2099-01',
        lines: [{ category: 'labour', kind: 'personnel', description: '研究生劳务', amountFen: 1 }],
      });
      assert.equal(future.body.field, 'period');
      const strict = await solver1.post(`/api/funding/awards/${award.id}/expenses`, {
        period: month(),
        lines: [],
        extra: 1,
      });
      assert.equal(strict.status, 400);
      assert.equal(
        (
          await organizer.post(`/api/funding/awards/${award.id}/expenses`, {
            period: month(),
            lines: [{ category: 'labour', kind: 'personnel', description: 'x', amountFen: 1 }],
          })
        ).status,
        403,
      );
      assert.deepEqual(await snapshot(), before1, 'refused submissions wrote nothing');
      const spent = await ok(
        solver1.post(`/api/funding/awards/${award.id}/expenses`, {
          period: month(),
          lines: [
            {
              category: 'operational',
              kind: 'materials',
              description: '高纯石英砂 20 吨',
              amountFen: 10_000_000,
            },
            {
              category: 'equipment',
              kind: 'equipment_purchase',
              description: '电弧熔制炉',
              amountFen: 60_000_000,
            },
          ],
        }),
      );
      assert.equal(spent.spentFen, 70_000_000);
      assert.equal(spent.disbursedFen, 50_000_000);

      // A mistaken line is corrected by a reversing entry, once.
      const wrong = await ok(
        solver1.post(`/api/funding/awards/${award.id}/expenses`, {
          period: month(),
          lines: [
            { category: 'labour', kind: 'personnel', description: '重复录入的劳务费', amountFen: 5_000_000 },
          ],
        }),
      );
      const wrongEntry = wrong.expenses.at(-1).entryId;
      assert.equal(
        (await solver1.post(`/api/funding/entries/${wrongEntry}/reverse`, { reason: '重复录入' })).status,
        403,
      );
      assert.equal(
        (await organizer.post(`/api/funding/entries/${wrongEntry}/reverse`, { reason: '' })).body.field,
        'reason',
      );
      await ok(organizer.post(`/api/funding/entries/${wrongEntry}/reverse`, { reason: '重复录入' }));
      assert.equal(
        (await organizer.post(`/api/funding/entries/${wrongEntry}/reverse`, { reason: '再次' })).status,
        409,
      );
      // The journal reads as sentences: each entry carries the names its sentence needs, never ids.
      const journal = await ok(organizer.get(`/api/funding/ledger?awardId=${award.id}&order=asc&pageSize=5`));
      assert.equal(journal.page, 1);
      assert.equal(journal.items.length, 5, 'a page of entries');
      assert.ok(journal.total > 5, 'the total counts every entry of the award');
      const released = journal.items.find((r: { kind: string }) => r.kind === 'release');
      assert.equal(released.trancheOrdinal, 1, 'the first tranche');
      assert.equal(released.amountFen, 120_000_000);
      assert.match(released.award.challenge.nameZh, /高纯石英坩埚/);
      assert.ok(released.award.host.nameZh, 'the host organisation by name');
      assert.equal(released.fund.nameEn, 'Key R&D');
      assert.ok(released.postedBy.nameZh, 'who released it, by name');
      const all = await ok(organizer.get(`/api/funding/ledger?awardId=${award.id}&pageSize=200`));
      assert.equal(all.items[0].seq > all.items.at(-1).seq, true, 'newest first by default');
      const bought = all.items.find(
        (r: { kind: string; amountFen: number }) => r.kind === 'expense' && r.amountFen === 60_000_000,
      );
      assert.deepEqual(bought.expense.categories, ['equipment'], 'an expense names its category');
      const releaseEntry = released.entryId;
      assert.equal(
        (await organizer.post(`/api/funding/entries/${releaseEntry}/reverse`, { reason: 'x' })).status,
        409,
        'releases are not reversed',
      );
      const refund = await ok(
        solver1.post(`/api/funding/awards/${award.id}/refunds`, {
          period: month(),
          category: 'equipment',
          description: '供应商退还押金',
          amountFen: 1_000_000,
        }),
      );
      assert.equal(refund.spentFen, 69_000_000);
      assert.equal(
        (
          await solver1.post(`/api/funding/awards/${award.id}/refunds`, {
            period: month(),
            category: 'labour',
            description: 'x',
            amountFen: 1,
          })
        ).body.field,
        'amountFen',
      );

      // Milestone 1 accepted → tranche 2.
      const book = await ok(solver1.get(`/api/task-books/${tb}`));
      const [t1, t2] = book.targets;
      const rep = await ok(
        solver1.post(`/api/task-books/${tb}/reports`, {
          milestoneNo: 0,
          summary: '完成小批量样品',
          measured: { [t1.id]: '9.5' },
        }),
      );
      assert.equal((await release(organizer, award.id, 1)).status, 409, 'reported but not yet accepted');
      await ok(proposer.post(`/api/reports/${rep.reports[0].id}/review`, { decision: 'accepted' }));
      const afterM1 = await ok(release(organizer, award.id, 1));
      assert.equal(afterM1.releasedFen, 260_000_000);
      const rep2 = await ok(
        solver1.post(`/api/task-books/${tb}/reports`, {
          milestoneNo: 1,
          summary: '完成产线验证',
          measured: {},
        }),
      );
      await ok(proposer.post(`/api/reports/${rep2.reports.at(-1).id}/review`, { decision: 'accepted' }));
      await ok(release(organizer, award.id, 2));
      assert.equal(
        (await organizer.post(`/api/funding/awards/${award.id}/close`, {})).status,
        409,
        'acceptance first',
      );
      for (const [target, measured] of [
        [t1, '9'],
        [t2, '420'],
      ])
        await ok(
          proposer.post(`/api/task-books/${tb}/judgements`, {
            targetId: target.id,
            measured,
            evidence: '检测报告',
          }),
        );
      await ok(proposer.post(`/api/task-books/${tb}/actions/accept`, {}));
      assert.equal((await solver1.post(`/api/funding/awards/${award.id}/close`, {})).status, 403);
      const closed = await ok(organizer.post(`/api/funding/awards/${award.id}/close`, {}));
      assert.equal(closed.state, 'closed');
      assert.equal(closed.performance.grade, 'A');
      assert.equal(closed.performance.targetsMet, 2);
      assert.equal(closed.performance.spentFen, 69_000_000);
      assert.equal(
        closed.retainedFen,
        400_000_000 - 69_000_000,
        'lump-sum, accepted: the team keeps the surplus',
      );
      assert.equal(closed.committedFen + closed.disbursedFen, 0);
      const track = await ok(solver2.get(`/api/funding/track-record/org/${cast.university.id}`));
      assert.equal(track.records.length, 1);
      assert.equal(track.trust.months, 6, 'one A is not yet trusted');
      assert.equal(
        (await ok(organizer.get(`/api/funding/track-record/person/${solver1.id}`))).records[0].grade,
        'A',
      );
      // It carries integrity findings: another researcher does not read someone else's.
      assert.equal((await solver2.get(`/api/funding/track-record/person/${solver1.id}`)).status, 404);

      // The journal reconciles, and exports as CSV and XLSX.
      const v = await ok(admin.get('/api/funding/ledger/verify'));
      assert.equal(v.ok, true, JSON.stringify(v.problems));
      assert.equal((await organizer.get('/api/funding/ledger/verify')).status, 403);
      const csv = await organizer.get(`/api/funding/ledger/export?fundId=${fund.id}&format=csv`);
      assert.match(String(csv.headers['content-type']), /text\/csv/);
      const rows = String(csv.body).trim().split('\r\n');
      assert.equal(rows[0], 'seq,entry_id,posted_at,kind,memo,reverses,account,debit_fen,credit_fen');
      const debit = rows.slice(1).reduce((s, r) => s + Number(r.split(',').at(-2)), 0);
      const credit = rows.slice(1).reduce((s, r) => s + Number(r.split(',').at(-1)), 0);
      assert.equal(debit, credit, 'the export balances');
      const xlsx = await organizer.get(`/api/funding/ledger/export?awardId=${award.id}&format=xlsx`);
      assert.equal(xlsx.status, 200);
      assert.equal(String(xlsx.body).slice(0, 2), 'PK');
      assert.equal((await outsider.get(`/api/funding/ledger?fundId=${fund.id}`)).status, 404);
    });

    test('bad awards are refused naming the field, and write nothing', async () => {
      const { organizer, solver2 } = cast;
      const small = await programmeFund(cast, 300_000_000, '小额专项');
      const { challenge, taskBookIds } = await awardedChallenge(t, cast, 'bad', [solver2]);
      const [tb] = taskBookIds;
      const before = await snapshot();
      const cases: [Record<string, unknown>, string, number][] = [
        [{ taskBookId: tb, fundId: small.id, budget: lumpSum(1) }, 'budget.totalFen', 400],
        [{ taskBookId: tb, fundId: small.id, budget: lumpSum() }, 'fundId', 400],
        [{ taskBookId: tb, fundId: small.id, cofundFen: 1, budget: lumpSum() }, 'cofundFen', 400],
        [{ taskBookId: tb, fundId: challenge.id, budget: lumpSum() }, 'fundId', 400],
        [
          { taskBookId: tb, fundId: small.id, budget: { mode: 'lump_sum', totalFen: 1.5 } },
          'budget.totalFen',
          400,
        ],
        [
          {
            taskBookId: tb,
            fundId: small.id,
            budget: {
              mode: 'categorised',
              categories: { equipment: 1, operational: 1, labour: 1, indirect: 1 },
            },
          },
          'budget.mode',
          400,
        ],
      ];
      for (const [body, field, status] of cases) {
        const r = await organizer.post('/api/funding/awards', body);
        assert.equal(r.status, status, JSON.stringify(r.body));
        assert.equal(r.body.field, field, JSON.stringify(r.body));
      }
      const short = await organizer.post('/api/funding/awards', {
        taskBookId: tb,
        fundId: small.id,
        budget: lumpSum(),
      });
      assert.match(messageEn(short.body), /has ¥3,000,000.00 available/);
      assert.deepEqual(await snapshot(), before);

      // Categorised budgets: indirect costs within the call's cap.
      const rules = await organizer.put(`/api/funding/calls/${challenge.id}/rules`, {
        budgetMode: 'categorised',
        indirectCapPct: 70,
        surplus: 'return',
      });
      assert.equal(rules.body.field, 'indirectCapPct');
      await ok(
        organizer.put(`/api/funding/calls/${challenge.id}/rules`, {
          budgetMode: 'categorised',
          indirectCapPct: 20,
          surplus: 'return',
        }),
      );
      const big = await programmeFund(cast, 500_000_000, '大额专项');
      const capped = await organizer.post('/api/funding/awards', {
        taskBookId: tb,
        fundId: big.id,
        budget: {
          mode: 'categorised',
          categories: {
            equipment: 100_000_000,
            operational: 100_000_000,
            labour: 100_000_000,
            indirect: 100_000_000,
          },
        },
      });
      assert.equal(capped.body.field, 'budget.categories.indirect');
      assert.match(messageEn(capped.body), /at most 20% of direct costs/);
      const award = await ok(
        organizer.post('/api/funding/awards', {
          taskBookId: tb,
          fundId: big.id,
          budget: {
            mode: 'categorised',
            categories: {
              equipment: 150_000_000,
              operational: 100_000_000,
              labour: 100_000_000,
              indirect: 50_000_000,
            },
          },
        }),
      );
      await signTaskBook(cast, solver2, tb);
      await ok(release(organizer, award.id, 0));
      const overCat = await solver2.post(`/api/funding/awards/${award.id}/expenses`, {
        period: month(),
        lines: [
          { category: 'indirect', kind: 'overhead', description: '管理费', amountFen: 30_000_000 },
          { category: 'indirect', kind: 'overhead', description: '管理费', amountFen: 30_000_000 },
        ],
      });
      assert.equal(overCat.body.field, 'lines.1.amountFen');
      assert.match(messageEn(overCat.body), /over its budget/);
    });

    test('a race books its tranches on the funded teams’ awards in the same transaction', async () => {
      const { organizer, proposer, admin } = cast;
      const fund = await programmeFund(cast, 800_000_000, '赛马专项');
      const { challenge, bids } = await awardedRaceChallenge(t, cast, 'funded');
      const books = (await ok(proposer.get(`/api/challenges/${challenge.id}`))).taskBooks as { id: string }[];
      const awards = [];
      for (const b of books)
        awards.push(
          await ok(
            organizer.post('/api/funding/awards', { taskBookId: b.id, fundId: fund.id, budget: lumpSum() }),
          ),
        );
      assert.deepEqual(awards[0].tranches, [], 'a race task book has no schedule of its own');
      const race = await ok(organizer.post('/api/races', buildRace(t, challenge)));
      await ok(organizer.post(`/api/races/${race.id}/start`, {}));
      for (const a of awards) {
        const now = await ok(organizer.get(`/api/funding/awards/${a.id}`));
        assert.equal(now.tranches.length, 1);
        assert.equal(now.tranches[0].condition, 'gate');
        assert.equal(now.disbursedFen, 120_000_000, '30% of ¥8M (under the ¥3M cap), shared by two teams');
      }
      assert.equal(bids.length, 3);
      assert.equal((await ok(admin.get('/api/funding/ledger/verify'))).ok, true);
    });

    test('integrity findings mark a track record unclean unless overturned on appeal', async () => {
      const { admin, solver2, university } = cast;
      const count = () => integrityCount(t.database.db, [solver2.id], university.id);
      const base = await count();
      const finding = () =>
        ok(
          admin.post('/api/integrity/records', {
            subjectPersonId: solver2.id,
            findingType: 'falsification',
            severity: 'minor',
            evidence: '结题报告数据与原始记录不符',
            decision: '通报批评',
          }),
        );
      const appeal = async (id: string, decision: 'upheld' | 'overturned') => {
        await ok(solver2.post(`/api/integrity/records/${id}/appeal`, { grounds: '原始记录已补交' }));
        assert.equal(await count(), expected, 'a pending appeal changes nothing');
        await ok(admin.post(`/api/integrity/records/${id}/appeal/decision`, { decision, note: '复核' }));
      };
      let expected = base + 1;
      const kept = await finding();
      assert.equal(await count(), expected, 'a finding counts');
      await appeal(kept.id, 'upheld');
      assert.equal(await count(), expected, 'upheld on appeal: the finding stands and still counts');
      expected += 1;
      const removed = await finding();
      assert.equal(await count(), expected);
      await appeal(removed.id, 'overturned');
      assert.equal(await count(), expected - 1, 'overturned on appeal: it no longer counts');
    });

    test('a funds sanction blocks the award and a tranche release during its period, not after (clock injected)', async () => {
      const { organizer, solver2, admin } = cast;
      const DAY = 86_400_000;
      const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      const fund = await programmeFund(cast, 1_000_000_000, '制裁测试专项');
      const {
        taskBookIds: [tb],
      } = await awardedChallenge(t, cast, 'sanction', [solver2]);
      const sanction = (startsOn: string, endsOn: string) =>
        ok(
          admin.post('/api/integrity/records', {
            subjectPersonId: solver2.id,
            findingType: 'misuse_of_funds',
            severity: 'serious',
            evidence: '上一项目经费挪作他用',
            decision: '暂停获得财政经费',
            sanction: { blocks: ['funds'], startsOn, endsOn },
          }),
        );
      const day0 = t.clock.t;
      const until1 = date(day0 + 10 * DAY);
      await sanction(date(day0), until1);
      const body = { taskBookId: tb, fundId: fund.id, budget: lumpSum() };
      const before = await snapshot();
      t.clock.t = Date.parse(`${until1}T15:00:00Z`); // the last day still blocks
      const during = await organizer.post('/api/funding/awards', body);
      assert.equal(during.body.code, 'INELIGIBLE', JSON.stringify(during.body));
      assert.equal(during.body.field, 'taskBookId');
      assert.match(
        messageEn(during.body),
        new RegExp(`barred from receiving funds by an integrity sanction until ${until1}`),
      );
      assert.deepEqual(await snapshot(), before, 'the refused award writes nothing');
      t.clock.t = Date.parse(`${until1}T00:00:00Z`) + DAY; // the day after it ends
      const award = await ok(organizer.post('/api/funding/awards', body));

      await signTaskBook(cast, solver2, tb);
      const day1 = t.clock.t;
      const until2 = date(day1 + 20 * DAY);
      await sanction(date(day1), until2);
      const held = await snapshot();
      const refused = await release(organizer, award.id, 0);
      assert.equal(refused.body.code, 'INELIGIBLE');
      assert.match(
        messageEn(refused.body),
        new RegExp(`receiving funds by an integrity sanction until ${until2}`),
      );
      assert.deepEqual(await snapshot(), held, 'the refused release moves no money');
      t.clock.t = Date.parse(`${until2}T00:00:00Z`) + DAY;
      const released = await ok(release(organizer, award.id, 0));
      assert.ok(released.disbursedFen > 0, 'released once the sanction has ended');
    });

    test('the database keeps the journal append-only and every entry balanced, whoever writes', async () => {
      await assert.rejects(
        asOwner(t.database, `UPDATE journal_line SET amount_fen = amount_fen + 1`),
        /append-only/,
      );
      await assert.rejects(asOwner(t.database, `DELETE FROM journal_entry`), /append-only|foreign key/);
      await assert.rejects(
        asOwner(
          t.database,
          `BEGIN;
           INSERT INTO journal_entry (id, kind, memo, idempotency_key, posted_by, posted_at)
             SELECT '00000000-0000-4000-8000-000000000001', 'appropriation', 'forged', 'forged', id, now() FROM person LIMIT 1;
           INSERT INTO journal_line VALUES ('00000000-0000-4000-8000-000000000001', 1, (SELECT code FROM ledger_account LIMIT 1), 'debit', 5);
           COMMIT`,
        ),
        /does not balance/,
      );
      if (kind === 'pglite') await t.database.pglite!.exec('ROLLBACK').catch(() => {});
      assert.equal(
        Number(
          (await t.database.pool.query(`SELECT count(*)::int AS n FROM journal_entry WHERE memo = 'forged'`))
            .rows[0].n,
        ),
        0,
      );
      await assert.rejects(
        asOwner(t.database, `UPDATE funding_tranche SET amount_fen = 1 WHERE state = 'released'`),
        /never changed/,
      );
    });
  });
}
