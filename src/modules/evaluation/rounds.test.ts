import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateMachine } from '../../core/workflow/machine.ts';
import {
  type Criterion,
  freshPseudonyms,
  nextRoundState,
  pseudonym,
  roundMachine,
  rubricProblem,
} from './rounds.ts';

const ORG = new Set(['organizer']);
const idle = { assignments: 3, itemsShort: 0, running: false };

describe('review round machine', () => {
  test('is well formed: every state reachable', () => {
    assert.deepEqual(validateMachine(roundMachine), []);
  });

  test('draft → assigning → reviewing for the organizer', () => {
    assert.deepEqual(nextRoundState('draft', 'assign', ORG, idle), { ok: true, to: 'assigning' });
    assert.deepEqual(nextRoundState('assigning', 'open_reviews', ORG, idle), { ok: true, to: 'reviewing' });
    assert.deepEqual(nextRoundState('reviewing', 'rerun', ORG, idle), { ok: true, to: 'assigning' });
  });

  test('refuses others, illegal steps and steps while a run is running', () => {
    assert.equal(nextRoundState('draft', 'assign', new Set(['owner']), idle).ok, false);
    const skip = nextRoundState('draft', 'open_reviews', ORG, idle);
    assert.equal(skip.ok, false);
    assert.equal(!skip.ok && skip.code, 'ILLEGAL_TRANSITION');
    assert.equal(nextRoundState('draft', 'assign', ORG, { ...idle, running: true }).ok, false);
    assert.equal(nextRoundState('assigning', 'open_reviews', ORG, { ...idle, assignments: 0 }).ok, false);
    assert.equal(nextRoundState('reviewing', 'edit', ORG, idle).ok, false);
  });
});

const crit = (over: Partial<Criterion> = {}): Criterion => ({
  key: 'innovation',
  nameZh: '创新性',
  nameEn: 'Innovation',
  weight: 100,
  min: 0,
  max: 10,
  descriptors: [{ score: 10, zh: '突破', en: 'breakthrough' }],
  ...over,
});

describe('rubric', () => {
  test('accepts weights summing to 100', () => {
    assert.equal(rubricProblem([crit({ weight: 60 }), crit({ key: 'feasibility', weight: 40 })]), null);
  });
  test('names the offending field', () => {
    assert.equal(rubricProblem([])?.field, 'rubric');
    assert.equal(rubricProblem([crit({ weight: 50 })])?.field, 'rubric');
    assert.equal(rubricProblem([crit({ weight: 50 }), crit({ weight: 50 })])?.field, 'rubric.1.key');
    assert.equal(rubricProblem([crit({ min: 5, max: 5 })])?.field, 'rubric.0.max');
    assert.equal(
      rubricProblem([crit({ descriptors: [{ score: 11, zh: '', en: '' }] })])?.field,
      'rubric.0.descriptors.0.score',
    );
  });
});

describe('pseudonyms', () => {
  test('A…Z then AA, AB', () => {
    assert.deepEqual([0, 1, 25, 26, 27, 701, 702].map(pseudonym), ['A', 'B', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
  test('fresh ones skip those in use', () => {
    assert.deepEqual(freshPseudonyms(new Set(['A', 'C']), 3), ['B', 'D', 'E']);
  });
});
