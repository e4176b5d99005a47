import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { histogram, loadDistribution, type PlanExpert, type PlanItem, planAssignment } from './assignment.ts';
import type { Conflict } from './coi.ts';

const VOCAB = ['石英', '坩埚', 'crystal', 'robot', 'reducer', 'battery', 'vision', '材料'];

function expert(id: string, over: Partial<PlanExpert> = {}): PlanExpert {
  return {
    id,
    orgKey: null,
    capacity: 2,
    available: true,
    profile: { keywords: ['石英'], publicationTitles: [], disciplineCodes: ['E0207'] },
    ...over,
  };
}

function item(id: string, over: Partial<PlanItem> = {}): PlanItem {
  return {
    id,
    profile: { title: '石英坩埚', abstract: '', keywords: ['石英'], disciplineCodes: ['E0207'] },
    demand: 2,
    kept: [],
    usedPseudonyms: new Set(),
    conflicts: new Map(),
    ...over,
  };
}

const SAME_ORG: Conflict[] = [{ code: 'same_org', detail: '' }];

describe('planning an assignment', () => {
  test('prefers the better-fitting expert and signs reviewers A, B by affinity', () => {
    const experts = [
      expert('far', { profile: { keywords: ['battery'], publicationTitles: [], disciplineCodes: ['B01'] } }),
      expert('near'),
      expert('mid', { profile: { keywords: ['坩埚'], publicationTitles: [], disciplineCodes: ['E02'] } }),
    ];
    const { pairs, stats } = planAssignment(experts, [item('i')], { fairness: false });
    assert.deepEqual(
      pairs.map((p) => [p.expertId, p.pseudonym]),
      [
        ['near', 'A'],
        ['mid', 'B'],
      ],
    );
    assert.ok(pairs[0].sharedTerms.includes('石英'));
    assert.equal(stats.assigned, 2);
    assert.deepEqual(stats.shortfall, []);
  });

  test('never assigns a conflicted expert and counts the exclusion by code', () => {
    const experts = [expert('a'), expert('b'), expert('c')];
    const { pairs, stats } = planAssignment(experts, [item('i', { conflicts: new Map([[0, SAME_ORG]]) })], {
      fairness: false,
    });
    assert.ok(!pairs.some((p) => p.expertId === 'a'));
    assert.equal(stats.conflictsExcluded.same_org, 1);
    assert.equal(stats.conflictsExcluded.total, 1);
  });

  test('reports a shortfall per item instead of failing', () => {
    const experts = [expert('a', { capacity: 1 }), expert('b', { available: false })];
    const { pairs, stats } = planAssignment(experts, [item('i'), item('j', { demand: 1 })], {
      fairness: false,
    });
    assert.equal(pairs.length, 1);
    const missing = Object.fromEntries(stats.shortfall.map((s) => [s.itemId, s.missing]));
    assert.equal((missing.i ?? 0) + (missing.j ?? 0), 2);
    assert.equal(stats.unavailableExperts, 1);
  });

  test('keeps started reviews: their experts and organisations are not added again, pseudonyms continue', () => {
    const experts = [
      expert('kept', { orgKey: 'o1' }),
      expert('same', { orgKey: 'o1' }),
      expert('other', { orgKey: 'o2' }),
    ];
    const { pairs } = planAssignment(
      experts,
      [item('i', { demand: 2, kept: ['kept'], usedPseudonyms: new Set(['A']) })],
      { fairness: false },
    );
    assert.deepEqual(
      pairs.map((p) => [p.expertId, p.pseudonym]),
      [['other', 'B']],
    );
  });

  test('histogram and load distribution', () => {
    assert.deepEqual(histogram([0, 99, 100, 950, 1000]), [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(loadDistribution([0, 2, 2, 1]), [1, 1, 2]);
  });
});

// On random small rounds: every constraint holds on every output, in both modes.
describe('assignment properties', () => {
  const round = fc
    .record({
      experts: fc.array(
        fc.record({
          org: fc.option(fc.constantFrom('o1', 'o2', 'o3')),
          capacity: fc.nat(3),
          available: fc.boolean(),
          keywords: fc.subarray(VOCAB),
        }),
        { minLength: 1, maxLength: 9 },
      ),
      items: fc.array(
        fc.record({
          demand: fc.nat(4),
          keywords: fc.subarray(VOCAB, { minLength: 1 }),
          keptFirst: fc.boolean(),
        }),
        { minLength: 1, maxLength: 5 },
      ),
      conflictSeed: fc.array(fc.boolean(), { minLength: 45, maxLength: 45 }),
      fairness: fc.boolean(),
    })
    .map((r) => {
      const experts = r.experts.map((e, i) =>
        expert(`e${i}`, {
          orgKey: e.org,
          capacity: e.capacity,
          available: e.available,
          profile: { keywords: e.keywords, publicationTitles: [], disciplineCodes: [] },
        }),
      );
      const items = r.items.map((it, p) => {
        const conflicts = new Map<number, Conflict[]>();
        experts.forEach((_, d) => {
          if (r.conflictSeed[(p * 9 + d) % 45]) conflicts.set(d, SAME_ORG);
        });
        const kept = it.keptFirst && !conflicts.has(0) ? ['e0'] : [];
        return item(`i${p}`, {
          demand: it.demand,
          kept,
          usedPseudonyms: new Set(kept.length ? ['A'] : []),
          conflicts,
          profile: { title: it.keywords.join(' '), abstract: '', keywords: it.keywords, disciplineCodes: [] },
        });
      });
      return { experts, items, fairness: r.fairness };
    });

  test('no conflicted pair, one reviewer per organisation per item, loads within caps', () => {
    fc.assert(
      fc.property(round, ({ experts, items, fairness }) => {
        const { pairs, stats } = planAssignment(experts, items, { fairness });
        const byId = new Map(experts.map((e, i) => [e.id, { e, i }]));
        const load = new Map<string, number>();
        for (const it of items) {
          const mine = pairs.filter((p) => p.itemId === it.id);
          assert.ok(mine.length <= it.demand, 'at most the demand');
          const orgs = new Set<string>();
          for (const id of it.kept) {
            const o = byId.get(id)?.e.orgKey;
            if (o) orgs.add(o);
          }
          const seen = new Set(it.kept);
          const names = new Set(it.usedPseudonyms);
          for (const p of mine) {
            const { e, i } = byId.get(p.expertId)!;
            assert.ok(!it.conflicts.has(i), 'conflicted pair assigned');
            assert.ok(e.available, 'unavailable expert assigned');
            assert.ok(!seen.has(e.id), 'expert twice on an item');
            seen.add(e.id);
            if (e.orgKey) {
              assert.ok(!orgs.has(e.orgKey), 'two reviewers of one organisation');
              orgs.add(e.orgKey);
            }
            assert.ok(!names.has(p.pseudonym), 'pseudonym reused');
            names.add(p.pseudonym);
            load.set(e.id, (load.get(e.id) ?? 0) + 1);
          }
          const short = stats.shortfall.find((s) => s.itemId === it.id)?.missing ?? 0;
          assert.equal(mine.length + short, it.demand, 'assigned + shortfall = demand');
        }
        for (const [id, l] of load) assert.ok(l <= byId.get(id)!.e.capacity, 'load above cap');
        assert.equal(stats.assigned, pairs.length);
        assert.equal(
          stats.objective,
          pairs.reduce((s, p) => s + p.affinity, 0),
        );
      }),
      { numRuns: 150 },
    );
  });
});
