// The calendar under random sequences of book / approve / reject / cancel: the database's holding
// bookings never overlap, and every answer agrees with a model that books a slot iff it overlaps no
// held slot (pending, confirmed) of that instrument.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { buildTestApp } from '../support/app.ts';
import { buildCast } from '../support/challenges.ts';
import { backends } from '../support/db.ts';

const HOUR = 3_600_000;

type Op =
  | { kind: 'book'; who: number; start: number; len: number }
  | { kind: 'approve' | 'reject' | 'cancel'; pick: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('book' as const),
    who: fc.integer({ min: 0, max: 1 }),
    start: fc.integer({ min: 0, max: 20 }),
    len: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constantFrom('approve' as const, 'reject' as const, 'cancel' as const),
    pick: fc.nat(),
  }),
);

for (const kind of backends()) {
  describe(`instrument calendar property (${kind})`, () => {
    let t: Awaited<ReturnType<typeof buildTestApp>>;
    let cast: Awaited<ReturnType<typeof buildCast>>;
    before(async () => {
      t = await buildTestApp(kind, { SESSION_IDLE_MINUTES: '10000000', SESSION_MAX_HOURS: '1000000' });
      cast = await buildCast(t);
    });
    after(() => t.close());

    test('no two held bookings overlap, and the service agrees with the model', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
          run++;
          const inst = await cast.hostAdmin.post('/api/instruments', {
            orgId: cast.university.id,
            nameZh: `性质测试仪器 ${run}`,
            category: 'analytical',
            valueFen: 60_000_000,
            regionCode: '330106',
            managerId: cast.solver2.id,
            openness: 'external',
            priceInternalFen: 1_000,
            priceExternalFen: 2_000,
            minSlotMinutes: 60,
            leadHours: 0,
            needsApproval: true,
          });
          assert.equal(inst.status, 201, JSON.stringify(inst.body));
          const bookers = [cast.proposer, cast.solver1];
          const base = t.clock.t + 24 * HOUR;
          // The model: bookings with their slot and state.
          const model: { id: string; who: number; start: number; end: number; state: string }[] = [];
          const holds = (s: string) => s === 'pending' || s === 'confirmed';
          for (const o of ops) {
            if (o.kind === 'book') {
              const start = o.start;
              const end = o.start + o.len;
              const free = !model.some((b) => holds(b.state) && b.start < end && start < b.end);
              const r = await bookers[o.who].post(`/api/instruments/${inst.body.id}/bookings`, {
                start: new Date(base + start * HOUR).toISOString(),
                end: new Date(base + end * HOUR).toISOString(),
                purpose: '性质测试',
              });
              assert.equal(r.status, free ? 201 : 409, JSON.stringify(r.body));
              if (free) model.push({ id: r.body.id, who: o.who, start, end, state: 'pending' });
              else assert.equal(r.body.code, 'SLOT_TAKEN');
              continue;
            }
            if (!model.length) continue;
            const b = model[o.pick % model.length];
            const allowed = o.kind === 'cancel' ? holds(b.state) : b.state === 'pending';
            const who = o.kind === 'cancel' ? bookers[b.who] : cast.solver2;
            const r = await who.post(`/api/instruments/bookings/${b.id}/${o.kind}`, { reason: '性质测试' });
            assert.equal(r.status, allowed ? 200 : 409, `${o.kind} ${b.state}: ${JSON.stringify(r.body)}`);
            if (allowed) b.state = { approve: 'confirmed', reject: 'rejected', cancel: 'cancelled' }[o.kind];
          }
          const rows = (
            await t.database.pool.query(
              `SELECT id, state, lower(during) AS s, upper(during) AS e FROM instrument_booking WHERE instrument_id = $1`,
              [inst.body.id],
            )
          ).rows as { id: string; state: string; s: Date; e: Date }[];
          assert.deepEqual(
            new Map(rows.map((r) => [r.id, r.state])),
            new Map(model.map((b) => [b.id, b.state])),
          );
          const held = rows.filter((r) => holds(r.state));
          for (const a of held)
            for (const c of held)
              if (a.id !== c.id) assert.ok(!(a.s < c.e && c.s < a.e), `${a.id} overlaps ${c.id}`);
        }),
        { numRuns: 12 },
      );
    });
  });
}
