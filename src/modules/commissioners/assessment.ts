// The annual assessment of S&T commissioners, pure: a commissioner's figures for a year (confirmed
// hours and visits, demands resolved, mean rating) and the agency's declared rule (thresholds per
// grade) give the grade. The rule is stored with every result, so the grade can be recomputed.
import { t } from '../../i18n/messages.ts';

/** Grades from best to worst: 优秀, 合格, 基本合格, 不合格. */
export const GRADES = ['excellent', 'qualified', 'basic', 'unqualified'] as const;
export type Grade = (typeof GRADES)[number];
export const GRADE_NAMES: Record<Grade, { zh: string; en: string }> = {
  excellent: { zh: '优秀', en: 'excellent' },
  qualified: { zh: '合格', en: 'qualified' },
  basic: { zh: '基本合格', en: 'basically qualified' },
  unqualified: { zh: '不合格', en: 'unqualified' },
};

/** The graded levels a rule sets thresholds for (every level below 'unqualified'). */
export const LEVELS = ['excellent', 'qualified', 'basic'] as const;
export type Level = (typeof LEVELS)[number];

/** What a level requires: all four at once. A rating of 0 asks for no rating at all. */
export interface Thresholds {
  hours: number;
  visits: number;
  resolved: number;
  rating: number;
}
export type AssessmentRule = Record<Level, Thresholds>;

export interface YearFigures {
  /** Minutes of confirmed visits dated in the year. */
  minutes: number;
  /** Confirmed visits dated in the year. */
  visits: number;
  /** Dispatches completed (demand resolved) in the year. */
  resolved: number;
  /** Mean rating of the year's confirmed visits, or null when none was rated. */
  rating: number | null;
}

/** The default rule an agency starts from (it may change every threshold). */
export const DEFAULT_RULE: AssessmentRule = {
  excellent: { hours: 120, visits: 20, resolved: 3, rating: 4.5 },
  qualified: { hours: 60, visits: 10, resolved: 1, rating: 3.5 },
  basic: { hours: 24, visits: 4, resolved: 0, rating: 3 },
};

const CRITERIA = ['hours', 'visits', 'resolved', 'rating'] as const;

/** Whether the figures meet every threshold of a level. */
export function meets(f: YearFigures, th: Thresholds): boolean {
  return (
    f.minutes >= Math.round(th.hours * 60) &&
    f.visits >= th.visits &&
    f.resolved >= th.resolved &&
    (th.rating <= 0 || (f.rating !== null && f.rating >= th.rating))
  );
}

/**
 * The grade: the best level whose every threshold is met, else 'unqualified'. More of every
 * figure never lowers it (a level met stays met), whatever the thresholds.
 */
export function grade(f: YearFigures, rule: AssessmentRule): Grade {
  for (const level of LEVELS) if (meets(f, rule[level])) return level;
  return 'unqualified';
}

/**
 * A rule must be a ladder: every threshold of a better grade at least that of the next one, hours
 * 0–2000, counts 0–1000, rating 0–5. Returns the first problem's field (`excellent.hours`) and
 * message, or null.
 */
export function ruleProblem(rule: AssessmentRule) {
  const max = { hours: 2000, visits: 1000, resolved: 1000, rating: 5 };
  for (const level of LEVELS)
    for (const c of CRITERIA) {
      const v = rule[level][c];
      if (
        !Number.isFinite(v) ||
        v < 0 ||
        v > max[c] ||
        (c !== 'hours' && c !== 'rating' && !Number.isInteger(v))
      )
        return { field: `rule.${level}.${c}`, message: t('commissioners.assess.range', { max: max[c] }) };
    }
  for (let i = 0; i + 1 < LEVELS.length; i++)
    for (const c of CRITERIA)
      if (rule[LEVELS[i]][c] < rule[LEVELS[i + 1]][c])
        return {
          field: `rule.${LEVELS[i]}.${c}`,
          message: t('commissioners.assess.ladder', {
            better: { zh: GRADE_NAMES[LEVELS[i]].zh, en: GRADE_NAMES[LEVELS[i]].en },
            worse: { zh: GRADE_NAMES[LEVELS[i + 1]].zh, en: GRADE_NAMES[LEVELS[i + 1]].en },
          }),
        };
  return null;
}

/**
 * How a grade feeds the next year's dispatch (the declared choice): a commissioner graded
 * 'unqualified' for year Y is not a candidate, and cannot be dispatched, in year Y + 1.
 */
export const excludedNextYear = (g: Grade | null | undefined) => g === 'unqualified';
