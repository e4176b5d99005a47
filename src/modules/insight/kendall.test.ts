// Kendall's W against a published example, a hand-computed example with ties, fast-check
// properties and an independent oracle (mean pairwise Spearman ρ = (mW − 1)/(m − 1) without ties);
// the chi-square tail against table values and the closed form for even degrees of freedom.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { chiSquareSurvival, doubledAverageRanks, gammaQ, kendallW, lnGamma } from './kendall.ts';

const close = (actual: number, expected: number, rel = 1e-12) =>
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.max(1, Math.abs(expected)),
    `${actual} differs from ${expected}`,
  );

/** m panellists each ranking n items, possibly with ties (values 1..n). */
const rankingsWithTies = fc
  .record({ m: fc.integer({ min: 2, max: 8 }), n: fc.integer({ min: 2, max: 9 }) })
  .chain(({ m, n }) =>
    fc.array(fc.array(fc.integer({ min: 1, max: n }), { minLength: n, maxLength: n }), {
      minLength: m,
      maxLength: m,
    }),
  )
  .filter((rs) => rs.some((r) => new Set(r).size > 1));

const permutation = (n: number) =>
  fc.shuffledSubarray(
    Array.from({ length: n }, (_, i) => i + 1),
    { minLength: n, maxLength: n },
  );

describe("Kendall's W", () => {
  test('Siegel (1956, ch. 9): three executives rank six applicants, S = 25.5, W = 0.16', () => {
    const c = kendallW([
      [1, 6, 3, 2, 5, 4],
      [1, 5, 6, 4, 2, 3],
      [6, 3, 2, 5, 4, 1],
    ]);
    assert.equal(c.S, 25.5);
    assert.equal(c.tieSum, 0);
    close(c.W, 306 / 1890);
    assert.equal(c.W.toFixed(2), '0.16');
    assert.equal(c.df, 5);
    close(c.chiSquare, 3 * 5 * (306 / 1890));
  });

  test('ties take average ranks and enter the correction: W = 474/504 by hand', () => {
    // A: 1 2 3 4; B: 1 2 2 4 → 1 2.5 2.5 4; C: 1 1 3 4 → 1.5 1.5 3 4. R = 3.5 6 8.5 12, S = 39.5,
    // ΣT = 6 + 6, denominator 9·60 − 3·12 = 504.
    const c = kendallW([
      [1, 2, 3, 4],
      [1, 2, 2, 4],
      [1, 1, 3, 4],
    ]);
    assert.equal(c.S, 39.5);
    assert.equal(c.tieSum, 12);
    close(c.W, 474 / 504);
    close(c.chiSquare, 3 * 3 * (474 / 504));
    close(c.pValue, chiSquareSurvival(9 * (474 / 504), 3));
  });

  test('average ranks of ties, doubled', () => {
    assert.deepEqual(doubledAverageRanks([10, 30, 20, 20]), { ranks2: [2, 8, 5, 5], ties: 6 });
    assert.deepEqual(doubledAverageRanks([1, 1, 1]), { ranks2: [4, 4, 4], ties: 24 });
  });

  test('is undefined when every panellist ties every item, and needs two of each', () => {
    assert.throws(
      () =>
        kendallW([
          [1, 1],
          [2, 2],
        ]),
      RangeError,
    );
    assert.throws(() => kendallW([[1, 2]]), RangeError);
    assert.throws(() => kendallW([[1], [1]]), RangeError);
    assert.throws(
      () =>
        kendallW([
          [1, 2],
          [1, 2, 3],
        ]),
      RangeError,
    );
  });

  test('W lies in [0, 1] and χ² = m(n − 1)W, with or without ties', () => {
    fc.assert(
      fc.property(rankingsWithTies, (rs) => {
        const c = kendallW(rs);
        assert.ok(c.W >= 0 && c.W <= 1 + 1e-12, `W = ${c.W}`);
        close(c.chiSquare, rs.length * (rs[0].length - 1) * c.W);
        assert.ok(c.pValue >= 0 && c.pValue <= 1);
      }),
    );
  });

  test('W = 1 when every panellist ranks alike (ties included)', () => {
    fc.assert(
      fc.property(rankingsWithTies, fc.integer({ min: 2, max: 7 }), (rs, m) => {
        const one = rs.find((r) => new Set(r).size > 1) ?? rs[0];
        close(kendallW(Array.from({ length: m }, () => one)).W, 1);
      }),
    );
  });

  test('is invariant to the order of items and of panellists', () => {
    fc.assert(
      fc.property(rankingsWithTies, fc.infiniteStream(fc.nat()), (rs, seeds) => {
        const n = rs[0].length;
        const order = Array.from({ length: n }, (_, i) => i);
        for (let i = n - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [order[i], order[j]] = [order[j], order[i]];
        }
        const shuffled = rs.map((r) => order.map((i) => r[i])).reverse();
        assert.equal(kendallW(shuffled).W, kendallW(rs).W);
      }),
    );
  });

  test('without ties, agrees with the mean pairwise Spearman ρ: ρ̄ = (mW − 1)/(m − 1)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }).chain((n) => fc.array(permutation(n), { minLength: 2, maxLength: 7 })),
        (rs) => {
          const m = rs.length;
          const n = rs[0].length;
          let sum = 0;
          let pairs = 0;
          for (let a = 0; a < m; a++)
            for (let b = a + 1; b < m; b++) {
              let d2 = 0;
              for (let i = 0; i < n; i++) d2 += (rs[a][i] - rs[b][i]) ** 2;
              sum += 1 - (6 * d2) / (n ** 3 - n);
              pairs++;
            }
          close((m * kendallW(rs).W - 1) / (m - 1), sum / pairs, 1e-9);
        },
      ),
    );
  });
});

describe('chi-square upper tail', () => {
  test('matches table critical values', () => {
    const table: [number, number, number][] = [
      [3.841458820694124, 1, 0.05],
      [6.634896601021214, 1, 0.01],
      [10.827566170662733, 1, 0.001],
      [5.991464547107979, 2, 0.05],
      [7.814727903251178, 3, 0.05],
      [11.070497693516351, 5, 0.05],
      [23.209251158954356, 10, 0.01],
      [50.89218131151707, 30, 0.01],
      [124.34211340400407, 100, 0.05],
      [1, 1, 0.31731050786291415],
    ];
    for (const [x, df, p] of table) close(chiSquareSurvival(x, df), p, 1e-9);
  });

  test('equals the closed form e^(−x/2) Σ (x/2)^k / k! for even degrees of freedom, far into the tail', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 1e-6, max: 400, noNaN: true }),
        (half, x) => {
          let term = 1;
          let s = 1;
          for (let k = 1; k < half; k++) {
            term *= x / 2 / k;
            s += term;
          }
          const expected = Math.exp(-x / 2) * s;
          close(chiSquareSurvival(x, 2 * half), expected, 1e-9);
        },
      ),
    );
  });

  test('is 1 at zero and decreases with x', () => {
    assert.equal(chiSquareSurvival(0, 4), 1);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 200, noNaN: true }), (df, x) => {
        assert.ok(chiSquareSurvival(x + 0.5, df) <= chiSquareSurvival(x, df));
      }),
    );
  });

  test('Γ and Q at known points', () => {
    close(lnGamma(0.5), Math.log(Math.sqrt(Math.PI)));
    close(lnGamma(10), Math.log(362880));
    close(gammaQ(1, 2), Math.exp(-2));
    close(gammaQ(0.5, 0.5), 0.31731050786291415, 1e-10);
  });
});
