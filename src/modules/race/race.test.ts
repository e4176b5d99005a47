import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { validateMachine } from '../../core/workflow/machine.ts';
import { targetMet } from '../challenges/challenges.ts';
import {
  type AdvanceRule,
  type GateInputs,
  gateMachine,
  type RaceEvent,
  raceMachine,
  rankGate,
  type StageTarget,
  signingPool,
  simulate,
  splitByWeights,
  stagePools,
  type TeamInput,
  type TieBreak,
  type TranchePlan,
  teamMachine,
} from './race.ts';

const TARGETS: StageTarget[] = [
  { id: 'purity', metric: 'purity', unit: '%', comparator: 'gte', threshold: '99.5', thresholdHigh: null },
  {
    id: 'impurity',
    metric: 'impurity',
    unit: 'ppm',
    comparator: 'lte',
    threshold: '10',
    thresholdHigh: null,
  },
];
const TIE: TieBreak[] = [
  { kind: 'target', targetId: 'purity' },
  { kind: 'earlier_submission' },
  { kind: 'lot' },
];

const hundredthsText = (h: number) => (h / 100).toFixed(2);
const arbScore = fc.integer({ min: 0, max: 10_000 }).map(hundredthsText);
// Few distinct values, so ties (and the tie-breaks) happen often.
const arbTiedScore = fc.constantFrom('60.00', '75.50', '80.00', '90.25');
const arbTeam = (id: string): fc.Arbitrary<TeamInput> =>
  fc.record({
    teamId: fc.constant(id),
    scores: fc.array(fc.oneof(arbScore, arbTiedScore), { maxLength: 4 }),
    measured: fc.record(
      {
        purity: fc.constantFrom('99.0', '99.5', '99.8', '99.95'),
        impurity: fc.constantFrom('5', '10', '12.5'),
      },
      { requiredKeys: [] },
    ),
    submittedAt: fc.option(
      fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2027, 0, 1 + d)).toISOString()),
      { nil: null },
    ),
  });
const arbTeams = fc
  .integer({ min: 1, max: 8 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbTeam(`team-${i}`))));
const arbRule: fc.Arbitrary<AdvanceRule> = fc.oneof(
  fc.integer({ min: 1, max: 5 }).map((k) => ({ kind: 'top_k' as const, k })),
  arbScore.map((minScore) => ({ kind: 'threshold' as const, minScore })),
  fc.tuple(fc.integer({ min: 1, max: 5 }), arbScore).map(([k, minScore]) => ({
    kind: 'top_k_threshold' as const,
    k,
    minScore,
  })),
  fc.subarray(['purity', 'impurity'], { minLength: 1 }).map((targetIds) => ({
    kind: 'targets_met' as const,
    targetIds,
  })),
);
const gate = (teams: TeamInput[], rule: AdvanceRule, seed = 'seed-1'): GateInputs => ({
  stage: { stageNo: 1, targets: TARGETS, rule, tieBreak: TIE },
  teams,
  seed,
});

/** Oracle: the mean in 40-digit decimal arithmetic, not the exact fractions rankGate uses. */
const mean = (scores: string[]) =>
  scores.length === 0
    ? null
    : scores
        .reduce((a, s) => a.plus(s), new Decimal(0))
        .div(scores.length)
        .toSignificantDigits(40);

describe('gate ranking', () => {
  test('a hand-computed gate: top 2 by mean score, a tie broken by the named target', () => {
    const out = rankGate(
      gate(
        [
          { teamId: 'a', scores: ['80', '90'], measured: { purity: '99.6' }, submittedAt: null },
          { teamId: 'b', scores: ['85'], measured: { purity: '99.9', impurity: '9' }, submittedAt: null },
          { teamId: 'c', scores: ['70', '71'], measured: { purity: '99.99' }, submittedAt: null },
        ],
        { kind: 'top_k', k: 2 },
      ),
    );
    assert.deepEqual(
      out.ranking.map((r) => [r.teamId, r.rank, r.meanScore, r.advanced, r.targetsMet]),
      [
        ['b', 1, '85.00', true, 2],
        ['a', 2, '85.00', true, 1],
        ['c', 3, '70.50', false, 1],
      ],
    );
    assert.equal(out.ranking[1].tieBrokenBy, 'better result on purity');
    assert.equal(out.ranking[2].reasonCode, 'top_k_out');
    assert.deepEqual(out.advancing, ['b', 'a']);
  });

  test('never more than k advance under top-k, and they are the best by mean score', () => {
    fc.assert(
      fc.property(arbTeams, fc.integer({ min: 1, max: 5 }), (teams, k) => {
        const out = rankGate(gate(teams, { kind: 'top_k', k }));
        assert.equal(out.advancing.length, Math.min(k, teams.length));
        const m = new Map(teams.map((t) => [t.teamId, mean(t.scores)]));
        for (const a of out.advancing)
          for (const r of out.ranking.filter((x) => !x.advanced)) {
            const ma = m.get(a) ?? null;
            const mr = m.get(r.teamId) ?? null;
            assert.ok(mr === null || ma?.gte(mr) === true, `${a} advanced over a better ${r.teamId}`);
          }
      }),
    );
  });

  test('nobody below the threshold advances, everyone at or above does (threshold rule)', () => {
    fc.assert(
      fc.property(arbTeams, arbScore, (teams, minScore) => {
        const out = rankGate(gate(teams, { kind: 'threshold', minScore }));
        const expected = teams
          .filter((t) => mean(t.scores)?.gte(minScore))
          .map((t) => t.teamId)
          .sort();
        assert.deepEqual([...out.advancing].sort(), expected);
      }),
    );
  });

  test('both: at most k, nobody below the threshold, and the best of those who reach it', () => {
    fc.assert(
      fc.property(arbTeams, fc.integer({ min: 1, max: 5 }), arbScore, (teams, k, minScore) => {
        const out = rankGate(gate(teams, { kind: 'top_k_threshold', k, minScore }));
        const reach = teams.filter((t) => mean(t.scores)?.gte(minScore));
        assert.equal(out.advancing.length, Math.min(k, reach.length));
        for (const id of out.advancing) assert.ok(reach.some((t) => t.teamId === id));
      }),
    );
  });

  test('targets rule: exactly the teams meeting every stated target advance', () => {
    fc.assert(
      fc.property(arbTeams, fc.subarray(['purity', 'impurity'], { minLength: 1 }), (teams, targetIds) => {
        const out = rankGate(gate(teams, { kind: 'targets_met', targetIds }));
        const expected = teams.filter((t) =>
          targetIds.every((id) => {
            const v = t.measured[id];
            return v !== undefined && targetMet(TARGETS.find((x) => x.id === id)!, v);
          }),
        );
        assert.deepEqual([...out.advancing].sort(), expected.map((t) => t.teamId).sort());
      }),
    );
  });

  test('the ranking does not depend on the order of the inputs', () => {
    fc.assert(
      fc.property(
        arbTeams.chain((teams) =>
          fc.tuple(fc.constant(teams), fc.shuffledSubarray(teams, { minLength: teams.length })),
        ),
        arbRule,
        fc.string({ maxLength: 12 }),
        ([teams, shuffled], rule, seed) => {
          assert.deepEqual(rankGate(gate(shuffled, rule, seed)), rankGate(gate(teams, rule, seed)));
          // And with evidence required, some teams lacking it (decided by the id's last digit).
          const ev = (t: TeamInput) => ({ ...t, evidence: Number(t.teamId.slice(-1)) % 2 === 0 });
          const req = (ts: TeamInput[]) => {
            const g = gate(ts.map(ev), rule, seed);
            g.stage.evidenceRequired = true;
            return g;
          };
          assert.deepEqual(rankGate(req(shuffled)), rankGate(req(teams)));
        },
      ),
    );
  });

  test('evidence required: nobody without it advances, and the rest are decided as if it were not there', () => {
    fc.assert(
      fc.property(
        arbTeams.chain((teams) => fc.tuple(fc.constant(teams), fc.array(fc.boolean(), { minLength: 8 }))),
        arbRule,
        fc.string({ maxLength: 8 }),
        ([teams, has], rule, seed) => {
          const withEv = teams.map((t, i) => ({ ...t, evidence: has[i] }));
          const required = gate(withEv, rule, seed);
          required.stage.evidenceRequired = true;
          const out = rankGate(required);
          for (const r of out.ranking) {
            const ev = withEv.find((t) => t.teamId === r.teamId)!.evidence;
            if (!ev) {
              assert.equal(r.advanced, false);
              assert.equal(r.reasonCode, 'no_evidence');
            }
          }
          // Oracle: ranking only the teams with evidence, without the requirement.
          const alone = rankGate(
            gate(
              withEv.filter((t) => t.evidence),
              rule,
              seed,
            ),
          );
          assert.deepEqual(out.advancing, alone.advancing);
          assert.deepEqual(
            out.ranking.slice(0, alone.ranking.length).map((r) => r.teamId),
            alone.ranking.map((r) => r.teamId),
            'those with evidence first, in the same order',
          );
          if (rule.kind === 'top_k') assert.ok(out.advancing.length <= rule.k);
        },
      ),
    );
  });

  test('a lot decides equal teams by the recorded seed, reproducibly', () => {
    const teams = ['x', 'y', 'z'].map((teamId) => ({
      teamId,
      scores: ['80'],
      measured: {},
      submittedAt: null,
    }));
    const lotOnly: GateInputs = {
      stage: { stageNo: 1, targets: TARGETS, rule: { kind: 'top_k', k: 1 }, tieBreak: [{ kind: 'lot' }] },
      teams,
      seed: 'abc',
    };
    const a = rankGate(lotOnly);
    assert.deepEqual(rankGate({ ...lotOnly, teams: [...teams].reverse() }), a);
    assert.equal(a.ranking[1].tieBrokenBy, 'lot');
    const winners = new Set(
      ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'].map(
        (seed) => rankGate({ ...lotOnly, seed }).advancing[0],
      ),
    );
    assert.ok(winners.size > 1, 'different seeds draw differently');
  });
});

// ── Tranches ──
const arbPlan: fc.Arbitrary<TranchePlan> = fc.integer({ min: 1, max: 4 }).chain((stages) =>
  fc.record({
    awardFen: fc.integer({ min: 1, max: 2_000_000_000 }),
    signingPercent: fc.integer({ min: 0, max: 100 }),
    signingCapFen: fc.integer({ min: 0, max: 300_000_000 }),
    stages: fc
      .array(fc.integer({ min: 0, max: 100 }), { minLength: stages, maxLength: stages })
      .chain((raw) => {
        // Shares adding up to exactly 100.
        const sum = raw.reduce((a, b) => a + b, 0) || 1;
        const shares = raw.map((x) => Math.floor((x * 100) / sum));
        shares[shares.length - 1] += 100 - shares.reduce((a, b) => a + b, 0);
        return fc.tuple(
          ...shares.map((sharePercent) =>
            fc
              .array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 4 })
              .map((rankWeights) => ({ sharePercent, rankWeights })),
          ),
        );
      }),
  }),
);

const TEAM_IDS = ['t1', 't2', 't3', 't4', 't5'];
const arbEvents: fc.Arbitrary<RaceEvent[]> = fc
  .tuple(
    fc.subarray(TEAM_IDS, { minLength: 1 }),
    fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant('gate' as const),
          stageNo: fc.integer({ min: 1, max: 4 }),
          advancing: fc.shuffledSubarray(TEAM_IDS),
        }),
        fc.record({ kind: fc.constant('withdraw' as const), teamId: fc.constantFrom(...TEAM_IDS) }),
        fc.record({
          kind: fc.constant('merge' as const),
          from: fc.constantFrom(...TEAM_IDS),
          into: fc.constantFrom(...TEAM_IDS),
        }),
      ),
      { maxLength: 10 },
    ),
  )
  .map(([teams, rest]) => [{ kind: 'start', teams } as RaceEvent, ...rest]);

describe('tranches', () => {
  test('the example declaration: 30% at signing capped at ¥3M, the rest per gate, leaders weighted', () => {
    const plan: TranchePlan = {
      awardFen: 2_000_000_000,
      signingPercent: 30,
      signingCapFen: 300_000_000,
      stages: [
        { sharePercent: 40, rankWeights: [1] },
        { sharePercent: 60, rankWeights: [3, 1] },
      ],
    };
    assert.equal(signingPool(plan), 300_000_000, 'capped');
    assert.deepEqual(stagePools(plan), [680_000_000, 1_020_000_000]);
    const r = simulate(plan, [
      { kind: 'start', teams: ['a', 'b', 'c'] },
      { kind: 'gate', stageNo: 1, advancing: ['b', 'a'] },
      { kind: 'gate', stageNo: 2, advancing: ['a', 'b'] },
    ]);
    const paid = (id: string) =>
      r.releases.filter((x) => x.teamId === id).reduce((s, x) => s + x.amountFen, 0);
    assert.equal(paid('c'), 100_000_000, 'c only got its signing tranche');
    assert.equal(paid('a'), 100_000_000 + 340_000_000 + 765_000_000);
    assert.equal(paid('b'), 100_000_000 + 340_000_000 + 255_000_000);
    assert.equal(paid('a') + paid('b') + paid('c'), plan.awardFen);
  });

  test('splitting by weights hands out exactly the pool, leaders never less than those behind', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 1, maxLength: 5 }),
        (pool, n, weights) => {
          const desc = [...weights].sort((a, b) => b - a);
          const out = splitByWeights(pool, n, desc);
          assert.equal(
            out.reduce((a, b) => a + b, 0),
            pool,
          );
          for (let i = 1; i < n; i++) assert.ok(out[i - 1] >= out[i]);
        },
      ),
    );
  });

  test('an eliminated, withdrawn or merged team never receives a later tranche', () => {
    fc.assert(
      fc.property(arbPlan, arbEvents, (plan, events) => {
        const { releases, leftAt } = simulate(plan, events);
        for (const r of releases) {
          const left = leftAt.get(r.teamId);
          assert.ok(
            left === undefined || r.at < left,
            `${r.teamId} paid at ${r.at} after leaving at ${left}`,
          );
        }
        // Brute force: replay by hand who is in at each step.
        const inRace = new Set<string>();
        const decided = new Set<number>(); // one final decision per gate, as the database holds
        events.forEach((e, at) => {
          if (e.kind === 'start') for (const t of e.teams) inRace.add(t);
          for (const r of releases.filter((x) => x.at === at)) assert.ok(inRace.has(r.teamId));
          if (e.kind === 'gate' && !decided.has(e.stageNo)) {
            decided.add(e.stageNo);
            for (const t of [...inRace]) if (!e.advancing.includes(t)) inRace.delete(t);
          }
          if (e.kind === 'withdraw') inRace.delete(e.teamId);
          if (e.kind === 'merge' && e.from !== e.into && inRace.has(e.into)) inRace.delete(e.from);
        });
      }),
    );
  });

  test('total tranches never exceed the award, and equal it when every gate has someone to pay', () => {
    fc.assert(
      fc.property(arbPlan, arbEvents, (plan, events) => {
        const { releases } = simulate(plan, events);
        const total = releases.reduce((a, r) => a + r.amountFen, 0);
        assert.ok(total <= plan.awardFen, `${total} > ${plan.awardFen}`);
        for (const r of releases) assert.ok(Number.isInteger(r.amountFen) && r.amountFen > 0);
      }),
    );
    fc.assert(
      fc.property(arbPlan, (plan) => {
        const gates: RaceEvent[] = plan.stages.map((_, i) => ({
          kind: 'gate',
          stageNo: i + 1,
          advancing: ['a', 'b'],
        }));
        const { releases } = simulate(plan, [{ kind: 'start', teams: ['a', 'b', 'c'] }, ...gates]);
        assert.equal(
          releases.reduce((a, r) => a + r.amountFen, 0),
          plan.awardFen,
        );
      }),
    );
  });
});

describe('race machines', () => {
  test('are well-formed', () => {
    assert.deepEqual(validateMachine(raceMachine), []);
    assert.deepEqual(validateMachine(teamMachine), []);
    assert.deepEqual(validateMachine(gateMachine), []);
  });
});
