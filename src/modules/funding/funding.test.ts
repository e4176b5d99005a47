import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  budgetProblem,
  DEFAULT_NEGATIVE_LIST,
  DEFAULT_RULES,
  grade,
  negativeListHit,
  reportingInterval,
  scheduleFromTaskBook,
  summariseBurden,
} from './funding.ts';
import '../../i18n/catalogue.ts';
import { render } from '../../i18n/messages.ts';

describe('funding rules', () => {
  test('the negative list names the field: the kind first, then a keyword in the description', () => {
    const at = 'lines.2';
    assert.equal(
      negativeListHit({ kind: 'gifts', description: '样品' }, DEFAULT_NEGATIVE_LIST, at)?.field,
      'lines.2.kind',
    );
    const hit = negativeListHit(
      { kind: 'services', description: '项目组 Banquet 费用' },
      DEFAULT_NEGATIVE_LIST,
      at,
    );
    assert.equal(hit?.field, 'lines.2.description');
    assert.match(hit ? render(hit.message, 'en') : '', /banquet.*业务招待与宴请/);
    assert.equal(
      negativeListHit({ kind: 'materials', description: '石英砂' }, DEFAULT_NEGATIVE_LIST, at),
      null,
    );
  });

  test('budgets: lump-sum equals the award; categorised adds up and keeps indirect costs under the cap', () => {
    assert.equal(budgetProblem({ mode: 'lump_sum', totalFen: 100 }, 100, DEFAULT_RULES), null);
    assert.equal(
      budgetProblem({ mode: 'lump_sum', totalFen: 99 }, 100, DEFAULT_RULES)?.field,
      'budget.totalFen',
    );
    const rules = { ...DEFAULT_RULES, budgetMode: 'categorised' as const, indirectCapPct: 50 };
    const cat = (indirect: number, labour = 100) => ({
      mode: 'categorised' as const,
      categories: { equipment: 100, operational: 0, labour, indirect },
    });
    assert.equal(budgetProblem(cat(100), 300, rules), null, '100 is exactly 50% of 200');
    assert.equal(budgetProblem(cat(101, 99), 300, rules)?.field, 'budget.categories.indirect');
    assert.equal(budgetProblem(cat(100), 301, rules)?.field, 'budget.categories');
    assert.equal(budgetProblem({ mode: 'lump_sum', totalFen: 300 }, 300, rules)?.field, 'budget.mode');
  });

  test('the schedule: signing first, then one tranche per milestone; none for a race', () => {
    const s = scheduleFromTaskBook(
      [
        { label: 'a', amountFen: 30 },
        { label: 'b', amountFen: 70 },
      ],
      false,
    );
    assert.deepEqual(
      s.map((x) => [x.condition, x.milestoneNo]),
      [
        ['signing', null],
        ['milestone', 0],
      ],
    );
    assert.deepEqual(scheduleFromTaskBook([{ label: 'a', amountFen: 1 }], true), []);
  });

  test('grades: misconduct or an integrity finding is C; honest failure is B, never C', () => {
    const base = {
      targetsMet: 2,
      targetsTotal: 2,
      amountFen: 1,
      releasedFen: 1,
      spentFen: 1,
      integrityClean: true,
    };
    assert.equal(grade({ ...base, outcome: 'accepted' }).grade, 'A');
    assert.equal(grade({ ...base, outcome: 'accepted', targetsMet: 1 }).grade, 'B');
    assert.equal(grade({ ...base, outcome: 'honest_failure', targetsMet: 0 }).grade, 'B');
    assert.equal(grade({ ...base, outcome: 'misconduct' }).grade, 'C');
    assert.equal(grade({ ...base, outcome: 'accepted', integrityClean: false }).grade, 'C');
  });

  test('the trust rule: two A records and no finding → report yearly; a C → quarterly; otherwise half-yearly', () => {
    const A = { grade: 'A' as const, integrityClean: true };
    assert.equal(reportingInterval([]).months, 6);
    assert.equal(reportingInterval([A]).months, 6);
    assert.equal(reportingInterval([A, A]).months, 12);
    assert.equal(reportingInterval([A, A, { grade: 'B', integrityClean: true }]).months, 6);
    assert.equal(reportingInterval([A, A, { grade: 'A', integrityClean: false }]).months, 3);
    assert.equal(reportingInterval([A, { grade: 'C', integrityClean: true }]).level, 'watched');
  });

  test('burden summary per form: by hand vs pre-filled, documents, median time', () => {
    const [bid, exp] = summariseBurden([
      { form: 'expense', fieldsTotal: 10, fieldsPrefilled: 6, documents: 1, seconds: 60 },
      { form: 'bid', fieldsTotal: 20, fieldsPrefilled: 5, documents: 3, seconds: 100 },
      { form: 'bid', fieldsTotal: 20, fieldsPrefilled: 15, documents: 1, seconds: 300 },
    ]);
    assert.deepEqual(bid, {
      form: 'bid',
      submissions: 2,
      avgFieldsByHand: 10,
      avgFieldsPrefilled: 10,
      avgDocuments: 2,
      medianSeconds: 200,
      prefilledShare: 0.5,
    });
    assert.equal(exp.avgFieldsByHand, 4);
  });
});
