// Matching properties on random instances: no unavailable or full commissioner is ever assigned,
// capacities hold, the objective equals an exhaustive optimum on small instances, region points
// are monotone (nearer never scores less), and division nearness reads the code hierarchy.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { hoursToMinutes, visitDateProblem } from './commissioners.ts';
import { divisionPath, divisions, nearestLevel, REGION_LEVELS, regionLevel } from './divisions.ts';
import {
  type CommissionerInput,
  type DemandInput,
  MatchIndex,
  matchDemands,
  REGION_POINTS,
} from './matching.ts';

const WORDS = ['茶树', '病虫害', '蔬菜', '大棚', '水稻', '稻瘟病', '水产', '鱼病', '果树', '施肥'];
const PLACES = ['330481', '330482', '330402', '330106', '110101', '440303'];

const commissionerArb = fc.record({
  keywords: fc.subarray(WORDS, { minLength: 1, maxLength: 4 }),
  regions: fc.subarray([...PLACES, '330400', '330000'], { minLength: 1, maxLength: 2 }),
  capacity: fc.integer({ min: -1, max: 3 }),
  available: fc.boolean(),
});
const demandArb = fc.record({
  words: fc.subarray(WORDS, { minLength: 1, maxLength: 3 }),
  region: fc.constantFrom(...PLACES),
});
const instance = fc.record({
  commissioners: fc.array(commissionerArb, { minLength: 1, maxLength: 6 }),
  demands: fc.array(demandArb, { minLength: 1, maxLength: 5 }),
});

type Instance = typeof instance extends fc.Arbitrary<infer T> ? T : never;

function build(x: Instance) {
  const cs: CommissionerInput[] = x.commissioners.map((c, i) => ({ id: `c${i}`, ...c }));
  const ds: DemandInput[] = x.demands.map((d, i) => ({
    id: `d${i}`,
    text: d.words.join('，'),
    region: d.region,
  }));
  return { cs, ds };
}

/** Best total over every assignment of demands to eligible ranked candidates (brute force). */
function bruteForce(cs: CommissionerInput[], ds: DemandInput[]) {
  const idx = new MatchIndex(cs);
  const options = ds.map((d) => idx.rank(d, cs.length));
  const left = new Map(cs.map((c) => [c.id, c.available === false ? 0 : Math.max(0, c.capacity)]));
  let best = { matched: 0, total: 0 };
  const go = (i: number, matched: number, total: number) => {
    if (i === ds.length) {
      if (matched > best.matched || (matched === best.matched && total > best.total))
        best = { matched, total };
      return;
    }
    go(i + 1, matched, total);
    for (const o of options[i]) {
      const l = left.get(o.commissioner)!;
      if (l <= 0) continue;
      left.set(o.commissioner, l - 1);
      go(i + 1, matched + 1, total + o.score);
      left.set(o.commissioner, l);
    }
  };
  go(0, 0, 0);
  return best;
}

describe('commissioner matching', () => {
  test('no unavailable or full commissioner is assigned; capacities hold; the optimum is exact', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const { cs, ds } = build(x);
        const r = matchDemands(cs, ds, { candidates: cs.length });
        const used = new Map<string, number>();
        for (const p of r.pairs) used.set(p.commissioner, (used.get(p.commissioner) ?? 0) + 1);
        for (const c of cs) {
          const n = used.get(c.id) ?? 0;
          if (c.available === false || c.capacity <= 0) assert.equal(n, 0, `${c.id} is not eligible`);
          assert.ok(n <= Math.max(0, c.capacity), `${c.id} over capacity`);
        }
        assert.equal(
          new Set(r.pairs.map((p) => p.demand)).size,
          r.pairs.length,
          'one commissioner per demand',
        );
        const best = bruteForce(cs, ds);
        assert.equal(r.pairs.length, best.matched);
        assert.equal(r.objective, best.total);
        assert.equal(
          r.objective,
          r.pairs.reduce((s, p) => s + p.score, 0),
        );
      }),
      { numRuns: 150 },
    );
  });

  test('region points are monotone: the same expertise nearer never ranks lower', () => {
    for (let i = 1; i < REGION_LEVELS.length; i++)
      assert.ok(REGION_POINTS[REGION_LEVELS[i - 1]] > REGION_POINTS[REGION_LEVELS[i]]);
    fc.assert(
      fc.property(
        fc.subarray(WORDS, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...PLACES),
        (words, place) => {
          // Four commissioners with identical expertise, one at each distance from the place.
          const county = place;
          const city = place.slice(0, 4) === '3304' ? '330400' : `${place.slice(0, 4)}00`;
          const province = `${place.slice(0, 2)}0000`;
          const elsewhere = place.startsWith('65') ? '110101' : '650102';
          const cs = [elsewhere, province, city, county].map((r, i) => ({
            id: `c${i}`,
            keywords: words,
            regions: [r],
            capacity: 1,
          }));
          const ranked = new MatchIndex(cs).rank({ id: 'd', text: words.join(' '), region: place }, 10);
          assert.deepEqual(
            ranked.map((c) => c.level),
            ['county', 'city', 'province', 'elsewhere'],
          );
          for (let k = 1; k < ranked.length; k++) assert.ok(ranked[k - 1].score >= ranked[k].score);
        },
      ),
      { numRuns: 60 },
    );
  });

  test('a decline excludes only that pair: the re-match of one demand leaves the others alone', () => {
    const cs: CommissionerInput[] = [
      { id: 'a', keywords: ['茶树', '病虫害'], regions: ['330481'], capacity: 1 },
      { id: 'b', keywords: ['茶树'], regions: ['330400'], capacity: 1 },
      { id: 'c', keywords: ['蔬菜', '大棚'], regions: ['330481'], capacity: 1 },
    ];
    const idx = new MatchIndex(cs);
    const d: DemandInput = { id: 'tea', text: '茶树病虫害', region: '330481' };
    assert.equal(idx.rank(d)[0].commissioner, 'a');
    const again = idx.rank(d, 10, new Set(['a']));
    assert.equal(again[0].commissioner, 'b');
    assert.ok(!again.some((x) => x.commissioner === 'a'));
    // The explanation names the shared words.
    assert.ok(idx.explain(d, 'a').terms.some((x) => x.term === '茶树'));
  });

  test('divisions come from the package and nearness follows the code hierarchy', () => {
    assert.ok(divisions().size > 3000);
    assert.equal(divisions().get('330481')?.level, 'county');
    assert.equal(divisionPath('330481'), '浙江省 嘉兴市 海宁市');
    assert.equal(regionLevel('330481', '330481'), 'county');
    assert.equal(regionLevel('330400', '330481'), 'city');
    assert.equal(regionLevel('330000', '330481'), 'province');
    assert.equal(regionLevel('110101', '330481'), 'elsewhere');
    assert.equal(nearestLevel(['110101', '330482'], '330481'), 'city');
  });

  test('visit rules: hours to minutes, no future or pre-dispatch dates', () => {
    assert.equal(hoursToMinutes(2.5), 150);
    assert.equal(hoursToMinutes(0), null);
    assert.equal(hoursToMinutes(24.5), null);
    assert.equal(visitDateProblem('2026-03-10', '2026-03-10', '2026-03-01'), null);
    assert.equal(
      visitDateProblem('2026-03-11', '2026-03-10', '2026-03-01')?.key,
      'commissioners.visitInFuture',
    );
    assert.equal(
      visitDateProblem('2026-02-28', '2026-03-10', '2026-03-01')?.key,
      'commissioners.visitBeforeDispatch',
    );
  });
});
