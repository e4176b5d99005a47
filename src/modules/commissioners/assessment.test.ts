// The assessment rule against a simple oracle: the grade is the number of levels met counting up
// from the bottom of a valid ladder; more of every figure never lowers it; a bad rule names its field.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type AssessmentRule,
  DEFAULT_RULE,
  GRADES,
  grade,
  LEVELS,
  ruleProblem,
  type Thresholds,
  type YearFigures,
} from './assessment.ts';

const thresholds = fc.record({
  hours: fc.integer({ min: 0, max: 400 }).map((h) => h / 2),
  visits: fc.integer({ min: 0, max: 40 }),
  resolved: fc.integer({ min: 0, max: 6 }),
  rating: fc.integer({ min: 0, max: 10 }).map((r) => r / 2),
});

/** A valid ladder: each better level adds something non-negative to the one below. */
const ladder = fc.tuple(thresholds, thresholds, thresholds).map(([b, q, e]): AssessmentRule => {
  const up = (lo: Thresholds, add: Thresholds): Thresholds => ({
    hours: lo.hours + add.hours,
    visits: lo.visits + add.visits,
    resolved: lo.resolved + add.resolved,
    rating: Math.min(5, lo.rating + add.rating),
  });
  const qualified = up(b, q);
  return { basic: b, qualified, excellent: up(qualified, e) };
});

const figures = fc.record({
  minutes: fc.integer({ min: 0, max: 30_000 }),
  visits: fc.integer({ min: 0, max: 80 }),
  resolved: fc.integer({ min: 0, max: 12 }),
  rating: fc.option(fc.integer({ min: 10, max: 50 }).map((r) => r / 10)),
});

/** The oracle: count the levels met from the bottom, stop at the first one missed. */
function oracle(f: YearFigures, rule: AssessmentRule) {
  const ok = (th: Thresholds) =>
    f.minutes >= th.hours * 60 &&
    f.visits >= th.visits &&
    f.resolved >= th.resolved &&
    (th.rating === 0 || (f.rating ?? 0) >= th.rating);
  let met = 0;
  for (const level of ['basic', 'qualified', 'excellent'] as const) {
    if (!ok(rule[level])) break;
    met++;
  }
  return (['unqualified', 'basic', 'qualified', 'excellent'] as const)[met];
}

const rank = (g: string) => GRADES.length - GRADES.indexOf(g as (typeof GRADES)[number]);

test('the grade equals the oracle on every valid ladder', () => {
  fc.assert(
    fc.property(ladder, figures, (rule, f) => {
      assert.equal(ruleProblem(rule), null);
      assert.equal(grade(f, rule), oracle(f, rule));
    }),
    { numRuns: 2000 },
  );
});

test('more of everything never lowers the grade, whatever the thresholds', () => {
  const more = fc.record({
    minutes: fc.nat(600),
    visits: fc.nat(5),
    resolved: fc.nat(2),
    rating: fc.integer({ min: 0, max: 20 }).map((r) => r / 10),
  });
  const anyRule = fc.record({ excellent: thresholds, qualified: thresholds, basic: thresholds });
  fc.assert(
    fc.property(fc.oneof(ladder, anyRule), figures, more, (rule, f, d) => {
      const g: YearFigures = {
        minutes: f.minutes + d.minutes,
        visits: f.visits + d.visits,
        resolved: f.resolved + d.resolved,
        // A first rating is "more" than none; an existing one only rises (at most 5).
        rating:
          f.rating === null
            ? d.rating > 0
              ? Math.min(5, 1 + d.rating)
              : null
            : Math.min(5, f.rating + d.rating),
      };
      assert.ok(rank(grade(g, rule)) >= rank(grade(f, rule)), JSON.stringify({ rule, f, g }));
    }),
    { numRuns: 2000 },
  );
});

test('the default rule grades a plain year, and a rating threshold of 0 asks for none', () => {
  const year = (hours: number, visits: number, resolved: number, rating: number | null) => ({
    minutes: hours * 60,
    visits,
    resolved,
    rating,
  });
  assert.equal(grade(year(130, 22, 3, 4.6), DEFAULT_RULE), 'excellent');
  assert.equal(grade(year(130, 22, 3, 4.4), DEFAULT_RULE), 'qualified');
  assert.equal(grade(year(30, 5, 0, 3), DEFAULT_RULE), 'basic');
  assert.equal(grade(year(30, 5, 0, null), DEFAULT_RULE), 'unqualified');
  const noRating = { ...DEFAULT_RULE, basic: { ...DEFAULT_RULE.basic, rating: 0 } };
  assert.equal(grade(year(30, 5, 0, null), noRating), 'basic');
});

test('a rule that is not a ladder, or out of range, names the threshold', () => {
  const upsideDown = { ...DEFAULT_RULE, qualified: { ...DEFAULT_RULE.qualified, visits: 30 } };
  assert.equal(ruleProblem(upsideDown)?.field, 'rule.excellent.visits');
  assert.equal(
    ruleProblem({ ...DEFAULT_RULE, basic: { ...DEFAULT_RULE.basic, rating: 6 } })?.field,
    'rule.basic.rating',
  );
  assert.equal(
    ruleProblem({ ...DEFAULT_RULE, basic: { ...DEFAULT_RULE.basic, visits: 1.5 } })?.field,
    'rule.basic.visits',
  );
  for (const level of LEVELS) assert.ok(DEFAULT_RULE[level]);
});
