// Pure rules of the challenge: exact target checks, the declared acceptance rule, eligibility,
// and the three state machines as declarations.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { validateMachine } from '../../core/workflow/machine.ts';
import {
  acceptanceOutcome,
  type BidderFacts,
  bidMachine,
  challengeMachine,
  eligibilityProblems,
  targetMet,
  taskBookMachine,
} from './challenges.ts';
import '../../i18n/catalogue.ts';
import { render } from '../../i18n/messages.ts';

/** Oracle: a decimal string with at most 6 fraction digits as an exact integer of millionths. */
const micros = (s: string): bigint => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const v = BigInt(m[2]) * 1_000_000n + BigInt((m[3] ?? '').padEnd(6, '0'));
  return m[1] ? -v : v;
};
const decimalArb = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 6 }))
  .map(([neg, n, digits]) => {
    const s = n.toString().padStart(digits + 1, '0');
    const text = digits ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
    return neg && n !== 0n ? `-${text}` : text;
  });

describe('targetMet', () => {
  test('range includes both ends, exactly in decimal', () => {
    const t = { comparator: 'range' as const, threshold: '0.1', thresholdHigh: '0.3' };
    assert.equal(targetMet(t, '0.1'), true);
    assert.equal(targetMet(t, '0.3'), true);
    assert.equal(targetMet(t, '0.30000000000000004'), false, 'no float rounding lets this in');
    assert.equal(targetMet(t, '0.099999'), false);
    assert.equal(targetMet(t, '0.2'), true);
  });

  test('eq compares values, not their spelling', () => {
    const t = { comparator: 'eq' as const, threshold: '10', thresholdHigh: null };
    assert.equal(targetMet(t, '10.000'), true);
    assert.equal(targetMet(t, '10.000001'), false);
    assert.equal(targetMet({ ...t, threshold: '-0' }, '0'), true);
  });

  test('agrees with an exact integer oracle for every comparator', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gte', 'lte', 'eq', 'range'),
        decimalArb,
        decimalArb,
        decimalArb,
        (comparator, a, b, measured) => {
          const [lo, hi] = micros(a) <= micros(b) ? [a, b] : [b, a];
          const t = { comparator, threshold: lo, thresholdHigh: comparator === 'range' ? hi : null } as const;
          const v = micros(measured);
          const expected = {
            gte: v >= micros(lo),
            lte: v <= micros(lo),
            eq: v === micros(lo),
            range: v >= micros(lo) && v <= micros(hi),
          }[comparator];
          assert.equal(targetMet(t, measured), expected, `${measured} ${comparator} ${lo}..${hi}`);
        },
      ),
      { numRuns: 500 },
    );
  });

  test('eq and range hit their boundaries when measured equals a threshold', () => {
    fc.assert(
      fc.property(decimalArb, decimalArb, (a, b) => {
        const [lo, hi] = micros(a) <= micros(b) ? [a, b] : [b, a];
        assert.equal(targetMet({ comparator: 'eq', threshold: a, thresholdHigh: null }, a), true);
        assert.equal(targetMet({ comparator: 'range', threshold: lo, thresholdHigh: hi }, lo), true);
        assert.equal(targetMet({ comparator: 'range', threshold: lo, thresholdHigh: hi }, hi), true);
      }),
    );
  });
});

describe('acceptanceOutcome', () => {
  const targets = [
    { id: 'a', mandatory: true },
    { id: 'b', mandatory: false },
    { id: 'c', mandatory: true },
  ];
  test('optional targets never decide the outcome', () => {
    assert.equal(
      acceptanceOutcome(
        targets,
        new Map([
          ['a', true],
          ['b', false],
          ['c', true],
        ]),
      ),
      'accepted',
    );
    assert.equal(
      acceptanceOutcome(
        targets,
        new Map([
          ['a', true],
          ['c', true],
        ]),
      ),
      'accepted',
      'an unjudged optional target does not block',
    );
  });
  test('a mandatory target not met, or not judged, is not accepted', () => {
    assert.equal(
      acceptanceOutcome(
        targets,
        new Map([
          ['a', true],
          ['b', true],
          ['c', false],
        ]),
      ),
      'not_met',
    );
    assert.equal(acceptanceOutcome(targets, new Map([['a', true]])), 'not_met');
  });
  test('only optional targets: accepted whatever they measured', () => {
    assert.equal(acceptanceOutcome([{ id: 'x', mandatory: false }], new Map([['x', false]])), 'accepted');
  });
  test('accepted exactly when every mandatory target is met (random)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.option(fc.boolean())), { maxLength: 8 }), (rows) => {
        const ts = rows.map(([mandatory], i) => ({ id: String(i), mandatory }));
        const met = new Map<string, boolean>();
        rows.forEach(([, m], i) => {
          if (m !== null) met.set(String(i), m);
        });
        const expected = rows.every(([mandatory, m]) => !mandatory || m === true) ? 'accepted' : 'not_met';
        assert.equal(acceptanceOutcome(ts, met), expected);
      }),
    );
  });
});

describe('eligibilityProblems', () => {
  const facts: BidderFacts = { orgKind: 'university', regionCode: '330106', teamSize: 4, sanctions: [] };
  test('no rules and no sanctions: anyone may bid', () => {
    assert.deepEqual(eligibilityProblems([], facts), []);
  });
  test('orgKind: the host kind must be allowed', () => {
    assert.deepEqual(
      eligibilityProblems([{ kind: 'orgKind', allowed: ['university', 'institute'] }], facts),
      [],
    );
    const [p] = eligibilityProblems([{ kind: 'orgKind', allowed: ['enterprise'] }], facts);
    assert.equal(p.field, 'hostOrgId');
    assert.match(render(p.reason, 'en'), /enterprise, not university/);
  });
  test('region: the host region must start with one prefix; no region fails', () => {
    assert.deepEqual(eligibilityProblems([{ kind: 'region', prefixes: ['44', '33'] }], facts), []);
    assert.deepEqual(eligibilityProblems([{ kind: 'region', prefixes: ['330106'] }], facts), []);
    const [p] = eligibilityProblems([{ kind: 'region', prefixes: ['3302'] }], facts);
    assert.equal(p.field, 'hostOrgId');
    assert.match(render(p.reason, 'en'), /region 3302/);
    assert.equal(
      eligibilityProblems([{ kind: 'region', prefixes: ['33'] }], { ...facts, regionCode: null }).length,
      1,
    );
  });
  test('maxTeamSize: the commander counts; the limit itself is allowed', () => {
    assert.deepEqual(eligibilityProblems([{ kind: 'maxTeamSize', max: 4 }], facts), []);
    const [p] = eligibilityProblems([{ kind: 'maxTeamSize', max: 3 }], facts);
    assert.equal(p.field, 'members');
    assert.match(render(p.reason, 'en'), /at most 3/);
  });
  test('sanctions always apply, first, saying until when', () => {
    const out = eligibilityProblems([{ kind: 'maxTeamSize', max: 1 }], {
      ...facts,
      sanctions: [{ subject: { zh: '一名团队成员', en: 'a team member' }, until: '2027-06-30' }],
    });
    assert.equal(out.length, 2);
    assert.equal(out[0].field, 'commander');
    assert.match(render(out[0].reason, 'en'), /a team member is barred from bidding .* until 2027-06-30/);
  });
});

describe('state machines', () => {
  const machines: [string, () => string[]][] = [
    [challengeMachine.name, () => validateMachine(challengeMachine)],
    [bidMachine.name, () => validateMachine(bidMachine)],
    [taskBookMachine.name, () => validateMachine(taskBookMachine)],
  ];
  for (const [name, problems] of machines) {
    test(`${name}: every state declared and reachable, everyone named`, () => {
      assert.deepEqual(problems(), []);
    });
  }
  test('validateMachine finds an unreachable state and an undeclared one', () => {
    const broken = {
      ...bidMachine,
      states: [...bidMachine.states, 'limbo'] as never,
      transitions: [...bidMachine.transitions, { action: 'x', from: ['nowhere'], to: 'draft', who: ['a'] }],
    };
    const problems = validateMachine(broken as never);
    assert.ok(problems.includes('state limbo is unreachable'));
    assert.ok(problems.includes('x names undeclared state nowhere'));
  });
});
