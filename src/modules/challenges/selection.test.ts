import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { fromRankingDecision, rankByOrganizerScores } from './selection.ts';

const bidsArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 0, maxLength: 12 })
  .chain((ids) =>
    fc.tuple(
      fc.constant(
        ids.map((i) => ({ id: `b${String(i).padStart(2, '0')}`, submittedAt: new Date(i * 1000) })),
      ),
      fc.array(
        fc.tuple(
          fc.nat({ max: 11 }),
          fc.integer({ min: 0, max: 4 }).map((x) => x * 25),
        ),
        {
          maxLength: 30,
        },
      ),
    ),
  );

test('organizer ranking: a bid’s rank is one more than the number of bids with a higher mean score', () => {
  fc.assert(
    fc.property(bidsArb, ([bids, raw]) => {
      const scores = bids.length ? raw.map(([i, score]) => ({ bidId: bids[i % bids.length].id, score })) : [];
      const rows = rankByOrganizerScores(bids, scores);
      assert.deepEqual(rows.map((r) => r.bidId).sort(), bids.map((b) => b.id).sort(), 'every bid once');
      const mean = (id: string) => {
        const xs = scores.filter((s) => s.bidId === id).map((s) => s.score);
        return xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : null;
      };
      for (const r of rows) {
        const m = mean(r.bidId);
        assert.equal(r.score, m);
        assert.equal(r.count, scores.filter((s) => s.bidId === r.bidId).length);
        if (m === null) assert.equal(r.rank, null);
        else {
          const higher = bids.filter((b) => {
            const o = mean(b.id);
            return o !== null && o > m;
          }).length;
          assert.equal(r.rank, higher + 1);
        }
      }
      // Listed best first, unscored last.
      for (let i = 1; i < rows.length; i++) {
        const a = rows[i - 1];
        const b = rows[i];
        if (a.rank === null) assert.equal(b.rank, null);
        else if (b.rank !== null) assert.ok(a.rank <= b.rank);
      }
    }),
  );
});

test('organizer ranking: equal means share a rank and are listed by submission time', () => {
  const bids = [
    { id: 'late', submittedAt: new Date(3000) },
    { id: 'early', submittedAt: new Date(1000) },
    { id: 'best', submittedAt: new Date(2000) },
    { id: 'none', submittedAt: new Date(0) },
  ];
  const rows = rankByOrganizerScores(bids, [
    { bidId: 'late', score: 70 },
    { bidId: 'early', score: 60 },
    { bidId: 'early', score: 80 },
    { bidId: 'best', score: 90 },
  ]);
  assert.deepEqual(
    rows.map((r) => [r.bidId, r.rank]),
    [
      ['best', 1],
      ['early', 2],
      ['late', 2],
      ['none', null],
    ],
  );
});

test('expert ranking: positions become ranks; bids the round did not cover come last', () => {
  const bids = [
    { id: 'a', submittedAt: null },
    { id: 'b', submittedAt: null },
    { id: 'c', submittedAt: null },
  ];
  const rows = fromRankingDecision(bids, [
    { bidId: 'a', position: 2, calibrated: 61.5, standardError: 3, reviewCount: 3 },
    { bidId: 'b', position: 1, calibrated: 80.25, standardError: 2.5, reviewCount: 3 },
    { bidId: 'gone', position: 3, calibrated: 10, standardError: 1, reviewCount: 3 },
  ]);
  assert.deepEqual(
    rows.map((r) => [r.bidId, r.rank, r.score]),
    [
      ['b', 1, 80.25],
      ['a', 2, 61.5],
      ['c', null, null],
    ],
  );
});
