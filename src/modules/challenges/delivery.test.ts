import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type ReviewRole, reportStanding, resolveVerifier, type Verdict } from './delivery.ts';

const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
const verdictsArb = fc
  .uniqueArray(
    fc.record({
      reviewerId: fc.constantFrom(...people),
      role: fc.constantFrom<ReviewRole>('proposer', 'organizer', 'expert'),
      decision: fc.constantFrom<'accepted' | 'revise'>('accepted', 'revise'),
    }),
    { selector: (v) => v.reviewerId, maxLength: people.length },
  )
  .map((vs) => vs as Verdict[]);
const expertsArb = fc.subarray(people).map((xs) => new Set(xs));

describe('reportStanding', () => {
  test('agrees with the rule read literally, whatever the order of the verdicts', () => {
    fc.assert(
      fc.property(verdictsArb, expertsArb, (vs, experts) => {
        const oracle = vs.some((v) => v.decision === 'revise')
          ? 'revise'
          : vs.some((v) => (v.role === 'proposer' || v.role === 'organizer') && v.decision === 'accepted') &&
              [...experts].every((e) =>
                vs.some((v) => v.reviewerId === e && v.role === 'expert' && v.decision === 'accepted'),
              )
            ? 'accepted'
            : 'pending';
        assert.equal(reportStanding(vs, experts), oracle);
        assert.equal(reportStanding([...vs].reverse(), experts), oracle);
      }),
    );
  });

  test('naming one more expert never turns a pending or revised report into an accepted one', () => {
    fc.assert(
      fc.property(verdictsArb, expertsArb, fc.constantFrom(...people), (vs, experts, extra) => {
        const before = reportStanding(vs, experts);
        const after = reportStanding(vs, new Set([...experts, extra]));
        if (before !== 'accepted') assert.notEqual(after, 'accepted');
      }),
    );
  });

  test('the proposer alone decides when no expert is named', () => {
    assert.equal(
      reportStanding([{ reviewerId: 'p', role: 'proposer', decision: 'accepted' }], new Set()),
      'accepted',
    );
    assert.equal(
      reportStanding([{ reviewerId: 'x', role: 'expert', decision: 'accepted' }], new Set(['x'])),
      'pending',
    );
  });
});

describe('resolveVerifier', () => {
  const lab = { verifier: 'lab' as const, verifierName: '国家石英材料质检中心' };
  const proposer = { verifier: 'proposer' as const, verifierName: '' };
  const panel = { verifier: 'panel' as const, verifierName: '' };
  const defaults = { proposer: '华晶石英', panel: '专家甲、专家乙' };

  test('defaults to the declared verifier', () => {
    assert.deepEqual(resolveVerifier(lab, {}, defaults), {
      ok: true,
      kind: 'lab',
      name: '国家石英材料质检中心',
      reason: '',
      departs: false,
    });
    assert.equal((resolveVerifier(proposer, {}, defaults) as { name: string }).name, '华晶石英');
    assert.equal((resolveVerifier(panel, {}, defaults) as { name: string }).name, '专家甲、专家乙');
  });

  test('the same lab written differently in case or spacing is still the declared lab', () => {
    const r = resolveVerifier(
      { verifier: 'lab', verifierName: 'SGS Shanghai' },
      { name: 'sgs  shanghai' },
      defaults,
    );
    assert.equal(r.ok && r.departs, false);
  });

  test('another kind or another lab needs a reason', () => {
    for (const input of [
      { kind: 'proposer' as const },
      { name: '某检测公司' },
      { kind: 'panel' as const, name: '专家组' },
    ]) {
      const r = resolveVerifier(lab, input, defaults);
      assert.deepEqual(r.ok ? null : r.field, 'verifierReason', JSON.stringify(input));
      const withReason = resolveVerifier(lab, { ...input, reason: '原定机构停业' }, defaults);
      assert.ok(withReason.ok && withReason.departs && withReason.reason === '原定机构停业');
    }
  });

  test('a kind other than the declared one must say who verified', () => {
    const r = resolveVerifier(proposer, { kind: 'lab', reason: '发榜方无检测条件' }, defaults);
    assert.equal(r.ok ? null : r.field, 'verifier');
  });

  test('any person of the proposer may sign for a proposer-verified target', () => {
    const r = resolveVerifier(proposer, { name: '质检部 王工' }, defaults);
    assert.ok(r.ok && !r.departs);
  });
});
