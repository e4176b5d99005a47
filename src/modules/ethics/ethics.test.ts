import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ethicsDecision, type Vote } from './ethics.ts';

describe('ethics committee decision', () => {
  test('no decision before the quorum has voted', () => {
    assert.equal(ethicsDecision(['approve', 'approve', 'approve', 'approve'], 5), null);
  });
  test('a majority approves; any conditions make it conditional; a tie rejects', () => {
    assert.equal(ethicsDecision(['approve', 'approve', 'approve', 'reject', 'reject'], 5), 'approved');
    assert.equal(
      ethicsDecision(['approve', 'conditions', 'approve', 'reject', 'reject'], 5),
      'approved_with_conditions',
    );
    assert.equal(
      ethicsDecision(['approve', 'approve', 'approve', 'reject', 'reject', 'reject'], 5),
      'rejected',
    );
    assert.equal(ethicsDecision(['reject', 'reject', 'reject', 'approve', 'approve'], 5), 'rejected');
  });
  test('decisions are monotone: an extra approving vote never turns approval into rejection', () => {
    const vote = fc.constantFrom<Vote>('approve', 'conditions', 'reject');
    fc.assert(
      fc.property(
        fc.array(vote, { minLength: 5, maxLength: 15 }),
        fc.constantFrom<Vote>('approve', 'conditions'),
        (votes, extra) => {
          const before = ethicsDecision(votes, 5);
          const after = ethicsDecision([...votes, extra], 5);
          if (before !== 'rejected') assert.notEqual(after, 'rejected');
          // order of votes never matters
          assert.equal(ethicsDecision([...votes].reverse(), 5), before);
        },
      ),
    );
  });
});
