// Shared large research instruments: list one, find it without logging in, book it (the database
// refuses double booking even under 200 simultaneous requests), approve, record the use with its
// fee posted to the ledger exactly to the fen (from an organisation or from an award), rate it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, snapshotCounts } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';
import {
  awardedChallenge,
  key,
  lumpSum,
  ok,
  programmeFund,
  release,
  signTaskBook,
} from '../support/funding.ts';

const HOUR = 3_600_000;
const TABLES = [
  'instrument',
  'instrument_maintenance',
  'instrument_booking',
  'instrument_use',
  'instrument_rating',
  'journal_entry',
  'journal_line',
  'funding_expense',
];

for (const kind of backends()) {
  describe(`instruments (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    let instrumentId: string;
    const at = (h: number) => new Date(t.clock.t + h * HOUR).toISOString();

    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());
    /** Rows of this module's tables, the journal and the audit head: "nothing changed" is this staying equal. */
    const counts = async () => {
      const out = await snapshotCounts(t.database);
      for (const x of TABLES)
        out[x] = Number((await t.database.pool.query(`SELECT count(*)::int AS n FROM ${x}`)).rows[0].n);
      return out;
    };

    const body = () => ({
      orgId: cast.university.id,
      nameZh: '场发射扫描电子显微镜',
      nameEn: 'Field-emission scanning electron microscope',
      category: 'microscopy',
      model: 'SU8220',
      maker: 'Hitachi',
      valueFen: 450_000_000,
      regionCode: '330106',
      address: '东海大学材料楼 B102',
      capabilitiesZh: '微观形貌观察，能谱元素分析，分辨率 0.8 纳米',
      capabilitiesEn: 'surface morphology imaging, EDS elemental analysis, 0.8 nm resolution',
      managerId: cast.solver2.id,
      openness: 'external',
      priceInternalFen: 20_000,
      priceExternalFen: 35_010,
      minSlotMinutes: 60,
      leadHours: 24,
      needsApproval: true,
    });

    test('an organisation admin lists an instrument; bad input names the field and changes nothing', async () => {
      const { hostAdmin, proposer } = cast;
      const before = await counts();
      const small = await hostAdmin.post('/api/instruments', { ...body(), valueFen: 49_999_999 });
      assert.equal(small.status, 400);
      assert.equal(small.body.field, 'valueFen');
      assert.match(small.body.message, /50 万元/);
      const cents = await hostAdmin.post('/api/instruments', { ...body(), priceExternalFen: 35_011 });
      assert.equal(cents.body.field, 'priceExternalFen');
      const stranger = await hostAdmin.post('/api/instruments', { ...body(), managerId: proposer.id });
      assert.equal(stranger.body.field, 'managerId');
      const notAdmin = await proposer.post('/api/instruments', body());
      assert.equal(notAdmin.status, 403);
      assert.deepEqual(await counts(), before);
      const created = await hostAdmin.post('/api/instruments', body());
      assert.equal(created.status, 201, JSON.stringify(created.body));
      instrumentId = created.body.id;
      assert.equal(created.body.manager.nameZh, 'solver2');
    });

    test('the listing form: organisations I administer, their members by name as managers, edits audited', async () => {
      const { hostAdmin, proposer, solver2 } = cast;
      const orgs = await hostAdmin.get('/api/instruments/listing-orgs');
      assert.equal(orgs.status, 200);
      assert.ok(orgs.body.some((o: { id: string }) => o.id === cast.university.id));
      assert.deepEqual((await proposer.get('/api/instruments/listing-orgs')).body, []);
      const managers = await hostAdmin.get(`/api/organisations/${cast.university.id}/instrument-managers`);
      assert.equal(managers.status, 200);
      const names = managers.body.map((p: { nameZh: string }) => p.nameZh);
      assert.ok(names.includes('solver2'), names.join());
      assert.ok(!names.includes('proposer'), names.join());
      assert.equal(new Set(managers.body.map((p: { id: string }) => p.id)).size, managers.body.length);
      const refused = await proposer.get(`/api/organisations/${cast.university.id}/instrument-managers`);
      assert.equal(refused.status, 403);
      const x = await hostAdmin.get(`/api/instruments/${instrumentId}`);
      assert.equal(x.body.canEdit, true);
      assert.equal((await solver2.get(`/api/instruments/${instrumentId}`)).body.canEdit, false);
      const before = await counts();
      const bad = await hostAdmin.put(`/api/instruments/${instrumentId}`, { ...body(), regionCode: '33010' });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.field, 'regionCode');
      const byManager = await solver2.put(`/api/instruments/${instrumentId}`, body());
      assert.equal(byManager.status, 403);
      assert.deepEqual(await counts(), before);
      const edited = await hostAdmin.put(`/api/instruments/${instrumentId}`, { ...body(), model: 'SU8230' });
      assert.equal(edited.status, 200, JSON.stringify(edited.body));
      assert.equal(edited.body.model, 'SU8230');
      const audit = await t.database.pool.query(
        "SELECT count(*)::int AS n FROM audit_log WHERE action = 'instrument.update' AND object_id = $1",
        [instrumentId],
      );
      assert.equal(audit.rows[0].n, 1);
    });

    test('anyone finds open instruments by capability, category, region and free time without logging in', async () => {
      const anon = t.client();
      const byWord = await anon.get('/api/instruments?q=能谱');
      assert.equal(byWord.status, 200);
      assert.deepEqual(
        byWord.body.items.map((i: { id: string }) => i.id),
        [instrumentId],
      );
      assert.equal((await anon.get('/api/instruments?q=elemental%20analysis')).body.total, 1);
      assert.equal((await anon.get('/api/instruments?q=色谱')).body.total, 0);
      assert.equal((await anon.get('/api/instruments?category=microscopy&region=330100')).body.total, 1);
      assert.equal((await anon.get('/api/instruments?region=110000')).body.total, 0);
      const half = await anon.get(`/api/instruments?from=${encodeURIComponent(at(48))}`);
      assert.equal(half.status, 400);
      assert.equal(half.body.field, 'to');
      const detail = await anon.get(`/api/instruments/${instrumentId}`);
      assert.equal(detail.body.canBook, false);
      assert.equal(detail.body.yourPriceFen, 35_010);
      const book = await anon.post(`/api/instruments/${instrumentId}/bookings`, {
        start: at(48),
        end: at(50),
        purpose: 'x',
      });
      assert.ok([401, 403].includes(book.status), String(book.status));
      assert.equal(
        (await t.database.pool.query('SELECT count(*)::int AS n FROM instrument_booking')).rows[0].n,
        0,
      );
    });

    test('200 simultaneous requests for overlapping slots: exactly one books, the others get SLOT_TAKEN', async () => {
      const { proposer } = cast;
      const before = await counts();
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, k) =>
          proposer.post(`/api/instruments/${instrumentId}/bookings`, {
            start: at(48 + (k % 5) * 0.25),
            end: at(50 + (k % 5) * 0.25),
            purpose: `石英坩埚气泡截面观察 ${k}`,
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
      assert.equal(statuses.filter((s) => s === 409).length, 199);
      for (const a of answers.filter((x) => x.status === 409)) {
        assert.equal(a.body.code, 'SLOT_TAKEN');
        assert.equal(a.body.field, 'start');
      }
      const after = await counts();
      assert.equal(after.instrument_booking, before.instrument_booking + 1);
      const rows = await t.database.db.selectFrom('instrument_booking').select('id').execute();
      assert.equal(rows.length, 1);
    });

    test('the database itself refuses an overlapping booking written around the service', async () => {
      const b = await t.database.db.selectFrom('instrument_booking').selectAll().executeTakeFirstOrThrow();
      await assert.rejects(
        t.database.db
          .insertInto('instrument_booking')
          .values({ ...b, id: undefined as never, during: b.during, purpose: 'around' })
          .execute(),
        (e: { code?: string }) => e.code === '23P01',
      );
    });

    test('rules: slot length, lead time, maintenance; approval, use and the fee in the ledger, rating', async () => {
      const { proposer, solver2, enterprise, university } = cast;
      const short = await proposer.post(`/api/instruments/${instrumentId}/bookings`, {
        start: at(72),
        end: at(72.5),
        purpose: '短时',
      });
      assert.equal(short.body.field, 'end');
      const soon = await proposer.post(`/api/instruments/${instrumentId}/bookings`, {
        start: at(2),
        end: at(4),
        purpose: '太急',
      });
      assert.equal(soon.body.field, 'start');
      assert.equal(
        (
          await solver2.post(`/api/instruments/${instrumentId}/maintenance`, {
            start: at(96),
            end: at(120),
            reason: '年度保养',
          })
        ).status,
        201,
      );
      const maint = await proposer.post(`/api/instruments/${instrumentId}/bookings`, {
        start: at(100),
        end: at(102),
        purpose: '维护期',
      });
      assert.equal(maint.body.code, 'SLOT_TAKEN');
      const free = await t
        .client()
        .get(`/api/instruments?from=${encodeURIComponent(at(97))}&to=${encodeURIComponent(at(98))}`);
      assert.equal(free.body.total, 0);

      const mine = await ok(proposer.get('/api/instruments/bookings'));
      const id = mine.items[0].id;
      const pending = await ok(proposer.get(`/api/instruments/bookings/${id}`));
      assert.equal(pending.state, 'pending');
      assert.deepEqual(pending.actions, ['cancel']);
      assert.equal(pending.payer.id, enterprise.id);
      assert.equal((await proposer.post(`/api/instruments/bookings/${id}/approve`, {})).status, 403);
      assert.equal((await cast.outsider.get(`/api/instruments/bookings/${id}`)).status, 404);
      const managed = await ok(solver2.get('/api/instruments/managed'));
      assert.equal(managed[0].pending, 1);
      const tasks = await ok(solver2.get('/api/me/tasks'));
      assert.ok(tasks.items.some((x: { kind: string }) => x.kind === 'instrument.approve'));
      const ok1 = await ok(solver2.post(`/api/instruments/bookings/${id}/approve`, {}));
      assert.equal(ok1.state, 'confirmed');

      t.clock.t += 52 * HOUR;
      const use = {
        start: new Date(Date.parse(pending.start)).toISOString(),
        end: pending.end,
        machineHours: '1.7',
        samples: 6,
      };
      const tooMuch = await solver2.post(`/api/instruments/bookings/${id}/use`, {
        ...use,
        machineHours: '2.1',
      });
      assert.equal(tooMuch.body.field, 'machineHours');
      const recorded = await ok(solver2.post(`/api/instruments/bookings/${id}/use`, use));
      // 1.7 h × ¥350.10 = ¥595.17, exactly.
      assert.equal(recorded.use.feeFen, 59_517);
      assert.equal(recorded.state, 'completed');
      assert.equal(recorded.use.entryKind, 'instrument_fee');
      const lines = await t.database.db
        .selectFrom('journal_line as l')
        .innerJoin('journal_entry as e', 'e.id', 'l.entry_id')
        .select(['l.account', 'l.side', 'l.amount_fen'])
        .where('e.idempotency_key', '=', `instrument:${id}`)
        .orderBy('l.line_no')
        .execute();
      assert.deepEqual(
        lines.map((l) => [l.account, l.side, l.amount_fen]),
        [
          [`charges:${enterprise.id}`, 'debit', 59_517],
          [`income:${university.id}`, 'credit', 59_517],
        ],
      );
      assert.equal((await solver2.post(`/api/instruments/bookings/${id}/use`, use)).status, 409);

      assert.equal(
        (await proposer.post(`/api/instruments/bookings/${id}/rating`, { score: 6 })).body.field,
        'score',
      );
      const rated = await ok(
        proposer.post(`/api/instruments/bookings/${id}/rating`, { score: 4, comment: '图像清晰' }),
      );
      assert.equal(rated.rating.score, 4);
      assert.equal((await proposer.post(`/api/instruments/bookings/${id}/rating`, { score: 5 })).status, 409);

      const year = new Date(t.clock.t).getUTCFullYear();
      const open = await ok(t.client().get(`/api/instruments/${instrumentId}/openness?year=${year}`));
      assert.equal(open.figures.tenths, 17);
      assert.equal(open.figures.externalShareMille, 1000);
      assert.equal(open.figures.incomeFen, 59_517);
      assert.equal(open.figures.meanScoreCenti, 400);
      const csv = await cast.hostAdmin.request(
        'GET',
        `/api/organisations/${university.id}/instruments/openness/export?year=${year}&format=csv`,
      );
      assert.equal(csv.status, 200);
      assert.match(String(csv.body), /场发射扫描电子显微镜/);
    });

    test('notices: the manager of a booking awaiting approval, the booker of the decision and of the fee', async () => {
      const rows = (
        await t.database.pool.query(
          "SELECT kind, recipient_id, params FROM notification WHERE kind LIKE 'instrument.%' ORDER BY created_at",
        )
      ).rows as { kind: string; recipient_id: string; params: Record<string, unknown> }[];
      const to = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.recipient_id);
      assert.ok(to('instrument.bookingRequested').length > 0);
      assert.ok(to('instrument.bookingRequested').every((r) => r === cast.solver2.id));
      assert.ok(to('instrument.bookingApproved').includes(cast.proposer.id));
      const fee = rows.find((r) => r.kind === 'instrument.feePosted');
      assert.ok(fee, 'the booker is told of the fee');
      assert.match(String(fee.params.fee), /^¥[\d,]+\.\d{2}$/);
      const inbox = await cast.proposer.get('/api/notifications');
      assert.equal(inbox.status, 200);
      assert.ok(
        JSON.stringify(inbox.body).includes('已入账') || JSON.stringify(inbox.body).includes('was posted'),
        JSON.stringify(inbox.body).slice(0, 400),
      );
    });

    test('a team pays from its award: the fee is an expense on the award, refused beyond what it holds', async () => {
      const { organizer, solver1, university } = cast;
      const fund = await programmeFund(cast, 1_000_000_000);
      const { taskBookIds } = await awardedChallenge(t, cast, 'instr', [solver1]);
      await signTaskBook(cast, solver1, taskBookIds[0]);
      const award = await ok(
        organizer.post('/api/funding/awards', {
          taskBookId: taskBookIds[0],
          fundId: fund.id,
          budget: lumpSum(),
        }),
      );
      const booking = await ok(
        solver1.post(`/api/instruments/${instrumentId}/bookings`, {
          start: at(30),
          end: at(33),
          purpose: '坩埚内壁形貌',
          awardId: award.id,
          taskBookId: taskBookIds[0],
          milestoneNo: 1,
        }),
      );
      assert.equal(booking.payer.id, university.id);
      assert.equal(booking.priceFenPerHour, 20_000);
      assert.equal(booking.award.id, award.id);
      await ok(cast.solver2.post(`/api/instruments/bookings/${booking.id}/approve`, {}));
      t.clock.t += 40 * HOUR;
      const use = { start: booking.start, end: booking.end, machineHours: '2.5', samples: 3 };
      // Nothing released yet: the team holds no money, so the fee is refused and nothing is written.
      const before = await counts();
      const short = await cast.solver2.post(`/api/instruments/bookings/${booking.id}/use`, use);
      assert.equal(short.status, 400, JSON.stringify(short.body));
      assert.equal(short.body.field, 'machineHours');
      assert.deepEqual(await counts(), before);
      assert.equal((await release(organizer, award.id, 0, key())).status, 200);
      const done = await ok(cast.solver2.post(`/api/instruments/bookings/${booking.id}/use`, use));
      assert.equal(done.use.feeFen, 50_000);
      const a = await ok(solver1.get(`/api/funding/awards/${award.id}`));
      const expenses = JSON.stringify(a);
      assert.match(expenses, /instrument_use/);
      assert.match(expenses, /50000/);

      // The booking form's choices: my organisations, and the award with its task book's milestones.
      const payers = await ok(solver1.get('/api/instruments/payers'));
      const mine = payers.awards.find((x: any) => x.id === award.id);
      assert.equal(mine.taskBookId, taskBookIds[0]);
      assert.ok(mine.milestones.length >= 1 && mine.milestones[0].no === 1 && mine.milestones[0].title);
      assert.ok(mine.challenge.nameZh);
      assert.equal((await ok(cast.outsider.get('/api/instruments/payers'))).awards.length, 0);
      // The fees against the award, and the time reserved for the task book's milestones, to its team
      // and its organizers; not found for anyone else.
      for (const who of [solver1, organizer]) {
        const byAward = await ok(who.get(`/api/instruments/bookings?awardId=${award.id}`));
        assert.deepEqual(
          byAward.items.map((x: any) => [x.id, x.feeFen, x.milestoneNo, x.booker.id]),
          [[booking.id, 50_000, 1, solver1.id]],
        );
        assert.equal(byAward.feeFenTotal, 50_000);
        assert.equal(byAward.scope.kind, 'award');
        const byTaskBook = await ok(who.get(`/api/instruments/bookings?taskBookId=${taskBookIds[0]}`));
        assert.deepEqual(
          byTaskBook.items.map((x: any) => x.id),
          [booking.id],
        );
        assert.equal(byTaskBook.scope.kind, 'taskBook');
      }
      assert.equal((await cast.outsider.get(`/api/instruments/bookings?awardId=${award.id}`)).status, 404);
      assert.equal(
        (await cast.outsider.get(`/api/instruments/bookings?taskBookId=${taskBookIds[0]}`)).status,
        404,
      );
      const both = await solver1.get(
        `/api/instruments/bookings?awardId=${award.id}&taskBookId=${taskBookIds[0]}`,
      );
      assert.equal(both.status, 400);
      assert.equal(both.body.field, 'taskBookId');
      // My own bookings stay mine: the award's bookings of others are not in them.
      assert.equal((await ok(organizer.get('/api/instruments/bookings'))).items.length, 0);
    });

    test('the manager removes a maintenance window: its time is bookable again, audited; nobody else may', async () => {
      const { solver2, proposer, outsider } = cast;
      const added = await ok(
        solver2.post(`/api/instruments/${instrumentId}/maintenance`, {
          start: at(500),
          end: at(510),
          reason: '更换灯丝',
        }),
      );
      const w = added.maintenance.find((m: any) => m.reason === '更换灯丝');
      const slot = { start: at(502), end: at(504), purpose: '能谱分析' };
      assert.equal(
        (await proposer.post(`/api/instruments/${instrumentId}/bookings`, slot)).body.code,
        'SLOT_TAKEN',
      );
      const before = await counts();
      const path = `/api/instruments/${instrumentId}/maintenance/${w.id}`;
      assert.equal((await proposer.delete(path)).status, 403);
      assert.equal((await outsider.delete(path)).status, 403);
      assert.equal(
        (await solver2.delete(`/api/instruments/${instrumentId}/maintenance/${crypto.randomUUID()}`)).status,
        404,
      );
      assert.deepEqual(await counts(), before);
      const after = await ok(solver2.delete(path));
      assert.ok(!after.maintenance.some((m: any) => m.id === w.id));
      const audit = await t.database.pool.query(
        `SELECT detail FROM audit_log WHERE action = 'instrument.maintenance_removed' AND object_id = $1`,
        [instrumentId],
      );
      assert.equal(audit.rows.length, 1);
      assert.equal(audit.rows[0].detail.reason, '更换灯丝');
      assert.equal((await proposer.post(`/api/instruments/${instrumentId}/bookings`, slot)).status, 201);
    });
  });
}
