import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { computeRewards, REWARD_BASES, rateUp, STATUTORY_BP, splitByShares } from './rewards.ts';

/** The divisor method one unit at a time, with exact fractions: the oracle. */
function oracleSplit(pool: number, w: number[]): number[] {
  const a = w.map(() => 0);
  for (let s = 0; s < pool; s++) {
    let best = 0;
    for (let i = 1; i < w.length; i++) if (w[i] * (a[best] + 1) > w[best] * (a[i] + 1)) best = i;
    a[best]++;
  }
  return a;
}

/** Shares in basis points summing to 10000. */
const shares = fc
  .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 8 })
  .map((xs) => {
    const total = xs.reduce((a, b) => a + b, 0);
    const bp = xs.map((x) => Math.floor((x * 10000) / total));
    bp[0] += 10000 - bp.reduce((a, b) => a + b, 0);
    return bp.filter((x) => x > 0);
  })
  .filter((bp) => bp.length > 0);

describe('reward split', () => {
  test('a worked example: 1,000,000.00 yuan net, statute, 60/30/10', () => {
    const r = computeRewards({
      basis: 'transferOrLicence',
      income: 120_000_000,
      costs: 20_000_000,
      unitRuleBp: null,
      contributors: [
        { key: 'a', shareBp: 6000 },
        { key: 'b', shareBp: 3000 },
        { key: 'c', shareBp: 1000 },
      ],
    });
    assert.equal(r.net, 100_000_000);
    assert.equal(r.pool, 50_000_000);
    assert.deepEqual(
      r.parts.map((p) => p.amount),
      [30_000_000, 15_000_000, 5_000_000],
    );
    assert.deepEqual(
      r.steps.map((s) => s.rule),
      ['netIncome', 'art45_1', 'split'],
    );
  });

  test('one fen among three equal shares goes to the first; the pool rounds up', () => {
    assert.deepEqual(splitByShares(1, [3333, 3333, 3334]), [0, 0, 1]);
    assert.deepEqual(splitByShares(2, [5000, 5000]), [1, 1]);
    assert.deepEqual(splitByShares(1, [5000, 5000]), [1, 0]);
    assert.equal(rateUp(3, 5000), 2);
    assert.equal(rateUp(101, 500), 6);
  });

  test('property: equals the one-fen-at-a-time oracle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), shares, (pool, w) => {
        assert.deepEqual(splitByShares(pool, w), oracleSplit(pool, w));
      }),
      { numRuns: 500 },
    );
  });

  test('property: parts sum to the pool exactly and stay within n fen of the exact share', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), shares, (pool, w) => {
        const parts = splitByShares(pool, w);
        assert.equal(
          parts.reduce((a, b) => a + b, 0),
          pool,
        );
        parts.forEach((p, i) => {
          const exact = (BigInt(pool) * BigInt(w[i])) / 10000n; // floor of the exact share
          assert.ok(BigInt(p) >= exact);
          assert.ok(BigInt(p) < exact + BigInt(w.length));
        });
      }),
      { numRuns: 1000 },
    );
  });

  test('property: more net income never lowers the pool nor anyone’s part', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REWARD_BASES),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.option(fc.integer({ min: 0, max: 10000 })),
        shares,
        (basis, income, more, costs, unitRuleBp, w) => {
          const contributors = w.map((shareBp, i) => ({ key: String(i), shareBp }));
          const a = computeRewards({ basis, income, costs, unitRuleBp, contributors });
          const b = computeRewards({ basis, income: income + more, costs, unitRuleBp, contributors });
          assert.ok(b.pool >= a.pool);
          for (const [i, p] of b.parts.entries()) assert.ok(p.amount >= a.parts[i].amount);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('property: without a unit rule the pool is never below the statutory floor', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...REWARD_BASES),
        fc.integer({ min: 0, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 2 ** 45 }),
        shares,
        (basis, income, costs, w) => {
          const r = computeRewards({
            basis,
            income,
            costs,
            unitRuleBp: null,
            contributors: w.map((shareBp, i) => ({ key: String(i), shareBp })),
          });
          // pool ≥ net × rate, compared exactly in integers.
          assert.ok(BigInt(r.pool) * 10000n >= BigInt(r.net) * BigInt(STATUTORY_BP[basis]));
          assert.ok(
            BigInt(r.pool - 1) * 10000n < BigInt(r.net) * BigInt(STATUTORY_BP[basis]) || r.pool === 0,
          );
          assert.equal(
            r.parts.reduce((a, p) => a + p.amount, 0),
            r.pool,
          );
        },
      ),
      { numRuns: 1000 },
    );
  });
});
