import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type AssignmentProblem,
  type AssignmentResult,
  AssignmentSession,
  solveAssignment,
  solveFair,
} from './index.ts';
import { parseRap, RapParser } from './rap.ts';

// ---------- helpers ----------

function buildProblem(o: {
  k: number[];
  cap: number[];
  org?: (string | null)[];
  edges: [number, number, number][];
  conflicts?: [number, number][];
}): AssignmentProblem {
  return {
    items: o.k.map((d, i) => ({ id: `p${i}`, demand: d })),
    reviewers: o.cap.map((c, r) => ({ id: `r${r}`, capacity: c, organisation: o.org?.[r] ?? null })),
    candidates: o.edges.map(([p, r, a]) => ({ item: `p${p}`, reviewer: `r${r}`, affinity: a })),
    conflicts: (o.conflicts ?? []).map(([p, r]) => ({ item: `p${p}`, reviewer: `r${r}` })),
  };
}

/** Every constraint, checked on every output. */
function checkValid(pb: AssignmentProblem, res: AssignmentResult): void {
  const demand = new Map(pb.items.map((x) => [x.id, x.demand]));
  const cap = new Map(pb.reviewers.map((x) => [x.id, x.capacity]));
  const org = new Map(pb.reviewers.map((x) => [x.id, x.organisation ?? null]));
  const aff = new Map(pb.candidates.map((c) => [`${c.item}|${c.reviewer}`, c.affinity]));
  const conflict = new Set((pb.conflicts ?? []).map((c) => `${c.item}|${c.reviewer}`));
  const got = new Map<string, number>();
  const load = new Map<string, number>();
  const seen = new Set<string>();
  const orgSeen = new Set<string>();
  let objective = 0;
  for (const x of res.pairs) {
    const key = `${x.item}|${x.reviewer}`;
    assert.ok(aff.has(key), `pair ${key} is not a candidate`);
    assert.ok(!conflict.has(key), `conflict ${key} assigned`);
    assert.ok(!seen.has(key), `pair ${key} twice`);
    seen.add(key);
    assert.equal(x.affinity, aff.get(key));
    objective += x.affinity;
    got.set(x.item, (got.get(x.item) ?? 0) + 1);
    load.set(x.reviewer, (load.get(x.reviewer) ?? 0) + 1);
    const o = org.get(x.reviewer);
    if (o !== null && o !== undefined) {
      assert.ok(!orgSeen.has(`${x.item}|${o}`), `two reviewers of organisation ${o} on ${x.item}`);
      orgSeen.add(`${x.item}|${o}`);
    }
  }
  for (const [r, l] of load) assert.ok(l <= cap.get(r)!, `reviewer ${r} over capacity`);
  const short = new Map(res.shortfall.map((s) => [s.item, s.missing]));
  for (const [p, d] of demand) assert.equal((got.get(p) ?? 0) + (short.get(p) ?? 0), d, `item ${p} demand`);
  assert.equal(res.objective, objective);
  assert.equal(res.assigned, res.pairs.length);
  assert.equal(res.status, res.shortfall.length ? 'short' : 'optimal');
}

/** Lexicographic optimum (most pairs, then most affinity) by enumerating every subset of usable edges. */
function brute(pb: AssignmentProblem): { count: number; objective: number } {
  const conflict = new Set((pb.conflicts ?? []).map((c) => `${c.item}|${c.reviewer}`));
  const edges = pb.candidates.filter((c) => !conflict.has(`${c.item}|${c.reviewer}`));
  const demand = new Map(pb.items.map((x) => [x.id, x.demand]));
  const cap = new Map(pb.reviewers.map((x) => [x.id, x.capacity]));
  const org = new Map(pb.reviewers.map((x) => [x.id, x.organisation ?? null]));
  let best = { count: 0, objective: 0 };
  const n = edges.length;
  for (let mask = 0; mask < 1 << n; mask++) {
    const got = new Map<string, number>();
    const load = new Map<string, number>();
    const os = new Set<string>();
    let ok = true;
    let count = 0;
    let obj = 0;
    for (let i = 0; i < n && ok; i++) {
      if (!(mask & (1 << i))) continue;
      const c = edges[i];
      const g = (got.get(c.item) ?? 0) + 1;
      const l = (load.get(c.reviewer) ?? 0) + 1;
      if (g > demand.get(c.item)! || l > cap.get(c.reviewer)!) ok = false;
      const o = org.get(c.reviewer);
      if (o !== null && o !== undefined) {
        if (os.has(`${c.item}|${o}`)) ok = false;
        os.add(`${c.item}|${o}`);
      }
      got.set(c.item, g);
      load.set(c.reviewer, l);
      count++;
      obj += c.affinity;
    }
    if (!ok) continue;
    if (count > best.count || (count === best.count && obj > best.objective))
      best = { count, objective: obj };
  }
  return best;
}

const smallProblem = fc
  .record({
    P: fc.integer({ min: 1, max: 4 }),
    R: fc.integer({ min: 1, max: 4 }),
    withOrg: fc.boolean(),
    seedEdges: fc.array(fc.tuple(fc.nat(3), fc.nat(3), fc.integer({ min: -1, max: 9 }), fc.boolean()), {
      maxLength: 12,
    }),
    k: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    cap: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 4, maxLength: 4 }),
    org: fc.array(fc.constantFrom(null, 'a', 'b'), { minLength: 4, maxLength: 4 }),
  })
  .map(({ P, R, withOrg, seedEdges, k, cap, org }) => {
    const seen = new Set<string>();
    const edges: [number, number, number][] = [];
    const conflicts: [number, number][] = [];
    for (const [p0, r0, a, explicitConflict] of seedEdges) {
      const p = p0 % P;
      const r = r0 % R;
      if (seen.has(`${p},${r}`)) continue;
      seen.add(`${p},${r}`);
      if (a < 0) continue; // a conflict is simply an absent pair
      edges.push([p, r, a]);
      if (explicitConflict && a % 3 === 0) conflicts.push([p, r]); // and an explicit conflict set is honoured
    }
    return buildProblem({
      k: k.slice(0, P),
      cap: cap.slice(0, R),
      org: withOrg ? org.slice(0, R) : undefined,
      edges,
      conflicts,
    });
  });

// ---------- hand-computed instances ----------

describe('assignment solver on hand-computed instances', () => {
  it('takes the best pair per item when capacities allow', () => {
    const pb = buildProblem({
      k: [1, 1],
      cap: [1, 1],
      edges: [
        [0, 0, 5],
        [0, 1, 1],
        [1, 0, 4],
        [1, 1, 3],
      ],
    });
    // p0-r0 + p1-r1 = 8 beats p0-r1 + p1-r0 = 5
    const res = solveAssignment(pb);
    checkValid(pb, res);
    assert.equal(res.objective, 8);
    assert.deepEqual(res.pairs.map((x) => `${x.item}-${x.reviewer}`).sort(), ['p0-r0', 'p1-r1']);
  });

  it('gives up a locally best pair when the global optimum needs it', () => {
    // greedy would take p0-r0 (10) and leave p1 with r1 (1): 11; optimum p0-r1 (9) + p1-r0 (8) = 17
    const pb = buildProblem({
      k: [1, 1],
      cap: [1, 1],
      edges: [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 8],
        [1, 1, 1],
      ],
    });
    const res = solveAssignment(pb);
    checkValid(pb, res);
    assert.equal(res.objective, 17);
  });

  it('respects load caps with k reviewers per item', () => {
    // r0 is everyone's favourite but takes only 2 items
    const pb = buildProblem({
      k: [2, 2, 2],
      cap: [2, 2, 2],
      edges: [
        [0, 0, 9],
        [0, 1, 5],
        [0, 2, 1],
        [1, 0, 9],
        [1, 1, 2],
        [1, 2, 4],
        [2, 0, 9],
        [2, 1, 6],
        [2, 2, 3],
      ],
    });
    const res = solveAssignment(pb);
    checkValid(pb, res);
    assert.equal(res.objective, brute(pb).objective);
    // every reviewer is full, so each item misses one reviewer along a permutation: 48 - min 12 = 36
    assert.equal(res.objective, 36);
  });

  it('never assigns a conflict, whether absent or declared', () => {
    const pb = buildProblem({
      k: [1],
      cap: [1, 1],
      edges: [
        [0, 0, 100],
        [0, 1, 1],
      ],
      conflicts: [[0, 0]],
    });
    const res = solveAssignment(pb);
    checkValid(pb, res);
    assert.deepEqual(
      res.pairs.map((x) => x.reviewer),
      ['r1'],
    );
  });

  it('allows at most one reviewer per organisation on an item', () => {
    // the two best reviewers of p0 are both from org A
    const pb = buildProblem({
      k: [2],
      cap: [1, 1, 1],
      org: ['A', 'A', null],
      edges: [
        [0, 0, 10],
        [0, 1, 9],
        [0, 2, 1],
      ],
    });
    const res = solveAssignment(pb);
    checkValid(pb, res);
    assert.equal(res.objective, 11);
  });

  it('reports the shortfall per item instead of failing', () => {
    const pb = buildProblem({
      k: [3, 1],
      cap: [1, 1],
      edges: [
        [0, 0, 5],
        [0, 1, 5],
        [1, 1, 7],
      ],
    });
    const res = solveAssignment(pb);
    checkValid(pb, res);
    assert.equal(res.status, 'short');
    assert.equal(res.assigned, 2); // max cardinality first: p0-r0, p1-r1 (12) — not p0-r0, p0-r1 (10)
    assert.equal(res.objective, 12);
    assert.deepEqual(res.shortfall, [{ item: 'p0', missing: 2 }]);
    assert.match(res.hint ?? '', /cannot be filled/);
  });

  it('fills every seat of an over-demanded market and certifies the best affinity', () => {
    // 60 items x 3 seats on 20 reviewers x 5 seats, everyone a candidate: exactly 100 pairs fit
    const edges: [number, number, number][] = [];
    for (let p = 0; p < 60; p++) for (let r = 0; r < 20; r++) edges.push([p, r, (p * 7 + r * 13) % 50]);
    const pb = buildProblem({ k: Array(60).fill(3), cap: Array(20).fill(5), edges });
    const res = solveAssignment(pb); // certify() inside proves optimality of the affinity
    checkValid(pb, res);
    assert.equal(res.assigned, 100);
    assert.equal(res.status, 'short');
  });

  it('re-optimises locally when a reviewer declines, returning the changes', () => {
    const pb = buildProblem({
      k: [1, 1],
      cap: [1, 1, 1],
      edges: [
        [0, 0, 10],
        [0, 1, 9],
        [1, 0, 8],
        [1, 1, 1],
        [1, 2, 2],
      ],
    });
    const session = AssignmentSession.solve(pb);
    assert.equal(session.result().objective, 17); // p0-r1, p1-r0
    const ch = session.decline('p1', 'r0');
    assert.deepEqual(ch.removed.map((x) => `${x.item}-${x.reviewer}`).sort(), ['p0-r1', 'p1-r0']);
    assert.deepEqual(ch.added.map((x) => `${x.item}-${x.reviewer}`).sort(), ['p0-r0', 'p1-r2']);
    assert.equal(ch.result.objective, 12);
    const ch2 = session.decline('p0', 'r1'); // an unused pair: nothing changes
    assert.deepEqual(ch2.removed, []);
    assert.deepEqual(ch2.added, []);
  });

  it('fair mode raises the worst pair before the total', () => {
    // sum: p0-r0 (10) + p1-r1 (0) = 10; fair: p0-r1 (4) + p1-r0 (5) = 9 with floor 4
    const pb = buildProblem({
      k: [1, 1],
      cap: [1, 1],
      edges: [
        [0, 0, 10],
        [0, 1, 4],
        [1, 0, 5],
        [1, 1, 0],
      ],
    });
    assert.equal(solveAssignment(pb).objective, 10);
    const { result, floor } = solveFair(pb);
    checkValid(pb, result);
    assert.equal(floor, 4);
    assert.equal(result.objective, 9);
    assert.equal(result.minItemTotal, 4);
  });
});

// ---------- properties against brute force ----------

describe('assignment solver against brute force', () => {
  it('matches the lexicographic optimum and satisfies every constraint', () => {
    fc.assert(
      fc.property(smallProblem, (pb) => {
        const res = solveAssignment(pb);
        checkValid(pb, res);
        const b = brute(pb);
        assert.equal(res.assigned, b.count);
        assert.equal(res.objective, b.objective);
      }),
      { numRuns: 400, seed: 20261128 },
    );
  });

  it('stays optimal after a sequence of declines', () => {
    fc.assert(
      fc.property(smallProblem, fc.array(fc.nat(20), { maxLength: 4 }), (pb, picks) => {
        const session = AssignmentSession.solve(pb);
        let cur = pb;
        for (const pick of picks) {
          const pairs = session.result().pairs;
          if (pairs.length === 0) break;
          const x = pairs[pick % pairs.length];
          const ch = session.decline(x.item, x.reviewer);
          cur = { ...cur, conflicts: [...(cur.conflicts ?? []), { item: x.item, reviewer: x.reviewer }] };
          checkValid(cur, ch.result);
          const b = brute(cur);
          assert.equal(ch.result.assigned, b.count);
          assert.equal(ch.result.objective, b.objective);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('RAP reader', () => {
  const text = '# c\nRAP2 2 3 3\n1 1\n1 1 1\n7 7 -1\n0 0 5\n0 1 4\n1 2 -1\n';
  it('parses RAP2 split at any byte', () => {
    const bytes = new TextEncoder().encode(text);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parser = new RapParser();
      parser.push(bytes.subarray(0, cut));
      parser.push(bytes.subarray(cut));
      const inst = parser.finish();
      assert.equal(inst.format, 'RAP2');
      assert.deepEqual([...inst.org!], [7, 7, -1]);
      assert.deepEqual([...inst.ea], [5, 4, -1]);
    }
  });
  it('rejects a truncated file', () => {
    assert.throws(() => parseRap(new TextEncoder().encode('RAP1 1 1 1\n1\n1\n0 0')), /end of file/);
  });
});
