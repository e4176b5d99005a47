import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { daysOverdue, decisionDue, ethicsDecision, extensionRefusal, type Vote } from './ethics.ts';

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

describe('overdue ethics reviews', () => {
  const due = new Date('2027-01-31T00:00:00Z');
  test('an open review is overdue by whole days started after its due time; a decided one never', () => {
    assert.equal(daysOverdue('open', due, due), 0, 'due now is not yet overdue');
    assert.equal(daysOverdue('open', due, new Date(due.getTime() + 1)), 1);
    assert.equal(daysOverdue('open', due, new Date(due.getTime() + 86_400_000)), 1);
    assert.equal(daysOverdue('open', due, new Date(due.getTime() + 86_400_001)), 2);
    assert.equal(daysOverdue('rejected', due, new Date(due.getTime() + 10 * 86_400_000)), 0);
  });
  test('days overdue never decrease as time passes (property)', () => {
    fc.assert(
      fc.property(fc.nat(400 * 86_400_000), fc.nat(400 * 86_400_000), (x, y) => {
        const [a, b] = x <= y ? [x, y] : [y, x];
        const da = daysOverdue('open', due, new Date(due.getTime() - 86_400_000 * 30 + a));
        const db = daysOverdue('open', due, new Date(due.getTime() - 86_400_000 * 30 + b));
        return da <= db && da >= 0;
      }),
    );
  });
});

describe('the legal time of an ethics review', () => {
  const opened = new Date('2027-01-01T00:00:00Z');
  test('30 days at most from acceptance, 72 hours under the emergency procedure', () => {
    assert.equal(decisionDue(opened, 'standard', 10).toISOString(), '2027-01-11T00:00:00.000Z');
    assert.equal(decisionDue(opened, 'standard', 365).toISOString(), '2027-01-31T00:00:00.000Z');
    assert.equal(decisionDue(opened, 'emergency', 30).toISOString(), '2027-01-04T00:00:00.000Z');
  });
  test('one extension, of an open standard review, before its date passes', () => {
    const r = {
      state: 'open',
      procedure: 'standard',
      extension_days: null,
      due_at: new Date('2027-01-31T00:00:00Z'),
    };
    assert.equal(extensionRefusal(r, new Date('2027-01-31T00:00:00Z')), null);
    assert.equal(extensionRefusal(r, new Date('2027-01-31T00:00:01Z')), 'ethics.extendBeforeDue');
    assert.equal(extensionRefusal({ ...r, extension_days: 5 }, opened), 'ethics.alreadyExtended');
    assert.equal(extensionRefusal({ ...r, procedure: 'emergency' }, opened), 'ethics.emergencyNotExtended');
    assert.equal(extensionRefusal({ ...r, state: 'approved' }, opened), 'ethics.extendOpenOnly');
  });
});
