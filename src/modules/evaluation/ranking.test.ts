import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  computeRanking,
  parseTieBreak,
  type RankInput,
  type RankingInputs,
  rankAndFund,
  TIE_BREAK_RULES,
} from './ranking.ts';

const item = (bidId: string, calibrated: number, over: Partial<RankInput> = {}): RankInput => ({
  bidId,
  calibrated,
  rawMean: calibrated,
  meanConfidence: 3,
  budgetFen: 100,
  submittedAt: 0,
  ...over,
});

describe('rankAndFund', () => {
  test('orders by calibrated score and funds down to the budget', () => {
    const out = rankAndFund([item('a', 60), item('b', 80), item('c', 70)], 250, ['lot'], 'r');
    assert.deepEqual(
      out.rows.map((r) => [r.bidId, r.position, r.funded, r.cumulativeFen]),
      [
        ['b', 1, true, 100],
        ['c', 2, true, 200],
        ['a', 3, false, null],
      ],
    );
    assert.equal(out.lineAfter, 2);
    assert.equal(out.fundedTotalFen, 200);
  });

  test('draws a strict line: a cheaper item below an unaffordable one is not funded', () => {
    const out = rankAndFund(
      [
        item('a', 90, { budgetFen: 100 }),
        item('b', 80, { budgetFen: 500 }),
        item('c', 70, { budgetFen: 10 }),
      ],
      300,
      ['lot'],
      'r',
    );
    assert.deepEqual(
      out.rows.map((r) => r.funded),
      [true, false, false],
    );
  });

  test('breaks a tie by the declared rule and says which rule decided', () => {
    const out = rankAndFund(
      [item('a', 75.001, { meanConfidence: 2 }), item('b', 74.999, { meanConfidence: 5 })],
      1000,
      parseTieBreak('confidence'),
      'r',
    );
    assert.deepEqual(
      out.rows.map((r) => [r.bidId, r.tiedWith, r.decidedBy]),
      [
        ['b', 1, null],
        ['a', 1, 'confidence'],
      ],
    );
    const cheaper = rankAndFund(
      [item('a', 75, { budgetFen: 300 }), item('b', 75, { budgetFen: 200 })],
      1000,
      parseTieBreak('lower_budget'),
      'r',
    );
    assert.deepEqual(
      cheaper.rows.map((r) => [r.bidId, r.decidedBy]),
      [
        ['b', null],
        ['a', 'lower_budget'],
      ],
    );
  });

  test('items without reviews are listed last, unranked and unfunded', () => {
    const out = rankAndFund([item('z', Number.NaN), item('a', 50)], 10_000, ['lot'], 'r');
    assert.deepEqual(
      out.rows.map((r) => [r.bidId, r.position, r.funded]),
      [
        ['a', 1, true],
        ['z', null, false],
      ],
    );
  });

  test('parseTieBreak refuses unknown rules and always ends with the lot', () => {
    assert.deepEqual(parseTieBreak('confidence'), ['confidence', 'lot']);
    assert.deepEqual(parseTieBreak('lot,raw_mean'), ['lot', 'raw_mean']);
    assert.throws(() => parseTieBreak('seniority'), /unknown tie-break/);
  });

  const inputs = fc.uniqueArray(
    fc.record({
      bidId: fc.stringMatching(/^[a-f0-9]{6}$/),
      // Few distinct scores so that ties are common.
      calibrated: fc.oneof(
        fc.integer({ min: 0, max: 5 }).map((x) => 60 + x),
        fc.constant(Number.NaN),
      ),
      rawMean: fc.integer({ min: 0, max: 3 }).map((x) => 60 + x),
      meanConfidence: fc.integer({ min: 1, max: 5 }),
      budgetFen: fc.integer({ min: 0, max: 1000 }),
      submittedAt: fc.integer({ min: 0, max: 3 }),
    }),
    { selector: (x) => x.bidId, maxLength: 25 },
  );
  const rules = fc.subarray([...TIE_BREAK_RULES]).map((r) => parseTieBreak(r.join(',')));

  test('property: the outcome does not depend on the input order', () => {
    fc.assert(
      fc.property(
        inputs,
        fc.integer({ min: 0, max: 20_000 }),
        rules,
        fc.integer(),
        (xs, budget, tb, seed) => {
          const shuffled = [...xs];
          let s = seed >>> 0;
          for (let i = shuffled.length - 1; i > 0; i--) {
            s = (Math.imul(s, 1_103_515_245) + 12_345) >>> 0;
            const j = s % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
          }
          assert.deepEqual(rankAndFund(shuffled, budget, tb, 'round'), rankAndFund(xs, budget, tb, 'round'));
        },
      ),
    );
  });

  test('property: funded items form a prefix, total within budget, line not movable down', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 20_000 }), rules, (xs, budget, tb) => {
        const out = rankAndFund(xs, budget, tb, 'round');
        const funded = out.rows.map((r) => r.funded);
        const firstUnfunded = funded.indexOf(false);
        if (firstUnfunded >= 0)
          assert.ok(
            funded.slice(firstUnfunded).every((f) => !f),
            'nobody below the line is funded',
          );
        const total = out.rows
          .filter((r) => r.funded)
          .reduce((s, r) => s + (r.cumulativeFen === null ? 0 : 1), 0);
        assert.equal(total, out.fundedCount);
        const sum = xs
          .filter((x) => out.rows.find((r) => r.bidId === x.bidId)?.funded)
          .reduce((s, x) => s + x.budgetFen, 0);
        assert.equal(sum, out.fundedTotalFen);
        assert.ok(out.fundedTotalFen <= budget);
        // The line is as low as the budget allows: the next ranked item would not fit.
        const next = out.rows[out.lineAfter];
        if (next && next.position !== null) {
          const b = xs.find((x) => x.bidId === next.bidId)!.budgetFen;
          assert.ok(out.fundedTotalFen + b > budget);
        }
        // Ranked by score: a funded item never has a lower score than an unfunded ranked one.
        const score = (id: string) => Math.round(xs.find((x) => x.bidId === id)!.calibrated * 100);
        const ranked = out.rows.filter((r) => r.position !== null);
        for (let i = 1; i < ranked.length; i++)
          assert.ok(score(ranked[i - 1].bidId) >= score(ranked[i].bidId), 'descending scores');
        assert.ok(out.rows.filter((r) => r.position === null).every((r) => !r.funded));
      }),
    );
  });
});

describe('computeRanking', () => {
  // Four items, three reviewers. Reviewer 2 is severe (−15) and reviews only items 0 and 1, so on
  // raw means item 0 (true 80) falls below item 2 (true 75); calibration through the shared item
  // restores the true order.
  const truth = [80, 70, 75, 60];
  const bias = [0, 0, -15];
  const design: [number, number][] = [
    [0, 2],
    [0, 1],
    [1, 2],
    [1, 0],
    [2, 0],
    [2, 1],
    [3, 0],
    [3, 1],
  ];
  const inputs: RankingInputs = {
    seed: 'round-1',
    budgetFen: 250,
    tieBreak: 'confidence',
    calibration: { biasShrinkage: 0.5, itemShrinkage: 0 },
    items: truth.map((_, i) => ({ bidId: `bid-${i}`, budgetFen: 100, submittedAt: i })),
    reviewerCount: 3,
    reviews: design.map(([item, reviewer]) => ({
      item,
      reviewer,
      total: truth[item] + bias[reviewer],
      confidence: 4,
    })),
  };

  test('calibration corrects a severe reviewer that the raw mean does not', () => {
    const out = computeRanking(inputs);
    const raw = [...out.rows].sort((a, b) => a.rawRank! - b.rawRank!).map((r) => r.bidId);
    // Raw means 72.5, 62.5, 75, 60: the severe reviewer pulls bid-0 below bid-2.
    assert.deepEqual(raw, ['bid-2', 'bid-0', 'bid-1', 'bid-3']);
    assert.deepEqual(
      out.rows.map((r) => r.bidId),
      ['bid-0', 'bid-2', 'bid-1', 'bid-3'],
    );
    assert.ok(out.bias[2]! < -5, 'the severe reviewer is found');
    assert.deepEqual(
      out.rows.map((r) => r.funded),
      [true, true, false, false],
    );
    assert.deepEqual(
      out.rows.map((r) => r.percentile),
      [13, 38, 63, 88],
    );
    for (const r of out.rows) assert.ok(r.standardError! > 0);
  });

  test('recomputing from the JSON-stored inputs reproduces the stored outcome exactly', () => {
    const stored = JSON.parse(JSON.stringify(computeRanking(inputs)));
    const again = computeRanking(JSON.parse(JSON.stringify(inputs)));
    assert.deepEqual(JSON.parse(JSON.stringify(again)), stored);
  });

  test('an item without reviews is listed, unranked and unfunded', () => {
    const out = computeRanking({
      ...inputs,
      items: [...inputs.items, { bidId: 'bid-9', budgetFen: 1, submittedAt: 9 }],
    });
    const last = out.rows.at(-1)!;
    assert.deepEqual([last.bidId, last.position, last.funded, last.calibrated], ['bid-9', null, false, null]);
  });
});
