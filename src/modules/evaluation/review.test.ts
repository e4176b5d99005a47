import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { isOverdue, itemRole, readRubric, sheetProblems, weightedTotal } from './review.ts';

const rubric = readRubric([
  { key: 'innovation', nameZh: '创新性', nameEn: 'Innovation', weight: 3, min: 1, max: 5, descriptors: [] },
  {
    key: 'feasibility',
    nameZh: '可行性',
    nameEn: 'Feasibility',
    weight: 1,
    min: 0,
    max: 10,
    descriptors: { '0': '不可行', '10': { zh: '完全可行', en: 'Fully feasible' } },
  },
]);
const sheet = (scores: Record<string, number>, over = {}) => ({
  scores,
  confidence: 4,
  commentApplicant: '路线清楚',
  commentConfidential: '',
  ...over,
});

describe('rubric review rules', () => {
  test('reads descriptors given as a map or a list', () => {
    assert.deepEqual(rubric[1].descriptors, [
      { score: 0, zh: '不可行', en: '不可行' },
      { score: 10, zh: '完全可行', en: 'Fully feasible' },
    ]);
  });

  test('weighted total maps each criterion onto 0–100 by its own scale', () => {
    // innovation 5/5 → 1, feasibility 5/10 → 0.5: (3·1 + 1·0.5) / 4 = 87.5
    assert.equal(weightedTotal(rubric, { innovation: 5, feasibility: 5 }), 87.5);
    assert.equal(weightedTotal(rubric, { innovation: 1, feasibility: 0 }), 0);
    assert.equal(weightedTotal(rubric, { innovation: 2, feasibility: 3 }), 26.25);
    assert.ok(Number.isNaN(weightedTotal(rubric, { innovation: 2 })));
  });

  test('property: the total lies in 0..100 and rises with any criterion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 10 }), (a, b) => {
        const t = weightedTotal(rubric, { innovation: a, feasibility: b });
        assert.ok(t >= 0 && t <= 100);
        assert.ok(weightedTotal(rubric, { innovation: a + 1, feasibility: b }) > t);
      }),
    );
  });

  test('a draft may be incomplete; a submission may not, and names each field', () => {
    assert.deepEqual(sheetProblems(rubric, sheet({ innovation: 3 }, { confidence: null }), 'draft'), []);
    assert.deepEqual(
      sheetProblems(
        rubric,
        sheet({ innovation: 3 }, { confidence: null, commentApplicant: ' ' }),
        'submit',
      ).map((p) => p.field),
      ['scores.feasibility', 'confidence', 'commentApplicant'],
    );
  });

  test('scores outside the scale, fractional or unknown are refused', () => {
    const fields = (s: Record<string, number>) =>
      sheetProblems(rubric, sheet(s), 'draft').map((p) => p.field);
    assert.deepEqual(fields({ innovation: 6 }), ['scores.innovation']);
    assert.deepEqual(fields({ innovation: 0 }), ['scores.innovation']);
    assert.deepEqual(fields({ feasibility: 2.5 }), ['scores.feasibility']);
    assert.deepEqual(fields({ novelty: 3 }), ['scores.novelty']);
    assert.deepEqual(
      sheetProblems(rubric, sheet({}, { confidence: 6 }), 'draft').map((p) => p.field),
      ['confidence'],
    );
  });

  test('a rubric without keys, weights or a scale is refused', () => {
    assert.throws(() => readRubric([]), /at least one/);
    assert.throws(() => readRubric([{ key: 'a', weight: 0, min: 1, max: 5 }]), /positive weight/);
    assert.throws(() => readRubric([{ key: 'a', weight: 1, min: 5, max: 5 }]), /scale/);
    assert.throws(
      () =>
        readRubric([
          { key: 'a', weight: 1, min: 1, max: 5 },
          { key: 'a', weight: 1, min: 1, max: 5 },
        ]),
      /duplicate/,
    );
  });

  test('overdue means unsubmitted after the due time', () => {
    const due = new Date('2026-12-01T00:00:00Z');
    assert.equal(isOverdue(due, false, new Date('2026-12-01T00:00:01Z')), true);
    assert.equal(isOverdue(due, true, new Date('2026-12-02T00:00:00Z')), false);
    assert.equal(isOverdue(due, false, due), false);
  });
});

describe('itemRole', () => {
  const facts = fc.record({
    organizer: fc.boolean(),
    assignment: fc.constantFrom('assigned', 'declined', 'conflict', 'submitted', null),
    applicant: fc.boolean(),
    roundState: fc.constantFrom('draft', 'assigning', 'reviewing', 'consensus', 'ranked', 'closed'),
  });

  test('property: a conflicted or declined expert never has a role, whatever else they are', () => {
    fc.assert(
      fc.property(facts, (f) => {
        if (f.assignment === 'conflict' || f.assignment === 'declined') assert.equal(itemRole(f), null);
      }),
    );
  });

  test('property: nobody but the organizer sees a round still being set up; strangers never', () => {
    fc.assert(
      fc.property(facts, (f) => {
        const role = itemRole(f);
        if (f.roundState === 'draft' || f.roundState === 'assigning')
          assert.ok(role === null || role === 'organizer');
        if (!f.organizer && !f.assignment && !f.applicant) assert.equal(role, null);
      }),
    );
  });

  test('roles by the facts', () => {
    const base = { organizer: false, assignment: null, applicant: false, roundState: 'reviewing' } as const;
    assert.equal(itemRole({ ...base, organizer: true }), 'organizer');
    assert.equal(itemRole({ ...base, assignment: 'assigned' }), 'reviewer');
    assert.equal(itemRole({ ...base, assignment: 'submitted' }), 'reviewer');
    assert.equal(itemRole({ ...base, applicant: true }), 'applicant');
    assert.equal(itemRole({ ...base, organizer: true, assignment: 'conflict' }), null);
    assert.equal(itemRole(base), null);
  });
});
