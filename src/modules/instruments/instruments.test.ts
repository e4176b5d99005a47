import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { validateMachine } from '../../core/workflow/machine.ts';
import { bookingMachine, feeFen, opennessFigures, overlaps, slotProblem, tenthsOf } from './instruments.ts';

const H = 3_600_000;

describe('instrument rules', () => {
  test('the booking machine is well formed', () => {
    assert.deepEqual(validateMachine(bookingMachine), []);
  });

  test('fees are exact: the sum of fees equals total hours × price, to the fen', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }).map((j) => j * 10),
        fc.array(fc.integer({ min: 1, max: 99_999 }), { minLength: 1, maxLength: 50 }),
        (price, uses) => {
          const fees = uses.map((tenths) => feeFen(tenths, price));
          for (const f of fees) assert.ok(Number.isSafeInteger(f) && f >= 0);
          const totalTenths = uses.reduce((a, x) => a + x, 0);
          // hours × price = (tenths / 10) × price, compared without floating point.
          assert.equal(BigInt(fees.reduce((a, x) => a + x, 0)) * 10n, BigInt(totalTenths) * BigInt(price));
        },
      ),
    );
  });

  test('machine hours: one decimal place at most, more than zero', () => {
    assert.equal(tenthsOf('2.5'), 25);
    assert.equal(tenthsOf('3'), 30);
    assert.equal(tenthsOf('0.1'), 1);
    assert.equal(tenthsOf('0'), 0);
    assert.equal(tenthsOf('2.55'), null);
    assert.equal(tenthsOf('-1'), null);
    assert.equal(tenthsOf('1e3'), null);
    assert.throws(() => feeFen(0, 100));
    assert.throws(() => feeFen(5, 105));
    // 1.7 h at ¥350.10 is ¥595.17.
    assert.equal(feeFen(17, 35_010), 59_517);
  });

  test('slot rules name the field: order, minimum length, lead time, maintenance', () => {
    const rules = { minSlotMinutes: 60, leadHours: 24 };
    const now = 0;
    assert.equal(slotProblem({ start: 30 * H, end: 29 * H }, rules, now, [])?.field, 'end');
    assert.equal(slotProblem({ start: 30 * H, end: 30.5 * H }, rules, now, [])?.field, 'end');
    assert.equal(slotProblem({ start: 2 * H, end: 4 * H }, rules, now, [])?.field, 'start');
    assert.equal(
      slotProblem({ start: 30 * H, end: 32 * H }, rules, now, [{ start: 31 * H, end: 40 * H }])?.message.key,
      'instruments.inMaintenance',
    );
    assert.equal(
      slotProblem({ start: 30 * H, end: 32 * H }, rules, now, [{ start: 32 * H, end: 40 * H }]),
      null,
    );
  });

  test('half-open slots: touching is not overlapping', () => {
    assert.equal(overlaps({ start: 0, end: 2 }, { start: 2, end: 3 }), false);
    assert.equal(overlaps({ start: 0, end: 2 }, { start: 1, end: 3 }), true);
  });

  test('openness figures: external share, distinct users, income, mean score', () => {
    const f = opennessFigures([
      { tenths: 30, external: true, bookerId: 'a', feeFen: 100, score: 5 },
      { tenths: 10, external: false, bookerId: 'b', feeFen: 50, score: null },
      { tenths: 20, external: true, bookerId: 'a', feeFen: 70, score: 4 },
    ]);
    assert.deepEqual(f, {
      uses: 3,
      tenths: 60,
      externalTenths: 50,
      externalShareMille: 833,
      users: 2,
      externalUsers: 1,
      incomeFen: 220,
      ratings: 2,
      meanScoreCenti: 450,
    });
    assert.equal(opennessFigures([]).externalShareMille, null);
  });
});
