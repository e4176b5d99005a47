import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { t } from '../../i18n/messages.ts';
import { availableActions, decide, type Machine, validateMachine } from './machine.ts';

type S = 'draft' | 'open' | 'closed';
type A = 'publish' | 'close' | 'reopen';
const m: Machine<S, A, { late: boolean }> = {
  name: 'door',
  states: ['draft', 'open', 'closed'],
  initial: 'draft',
  transitions: [
    { action: 'publish', from: ['draft'], to: 'open', who: ['owner'] },
    { action: 'close', from: ['open'], to: 'closed', who: ['owner', 'admin'] },
    {
      action: 'reopen',
      from: ['closed'],
      to: 'open',
      who: ['admin'],
      guard: (g) => (g.late ? t('door.tooLate') : null),
    },
  ],
};

describe('workflow engine', () => {
  test('allows a declared transition and names the next state', () => {
    assert.deepEqual(decide(m, 'draft', 'publish', new Set(['owner']), { late: false }), {
      ok: true,
      to: 'open',
    });
  });
  test('refuses a transition from the wrong state, saying which states allow it', () => {
    const d = decide(m, 'closed', 'publish', new Set(['owner']), { late: false });
    assert.equal(d.ok, false);
    assert.equal(!d.ok && d.code, 'ILLEGAL_TRANSITION');
    assert.deepEqual(!d.ok && d.reason, {
      key: 'workflow.wrongState',
      params: { machine: 'door', state: 'closed', action: 'publish', allowed: 'draft' },
    });
  });
  test('refuses someone without the relation', () => {
    const d = decide(m, 'closed', 'reopen', new Set(['owner']), { late: false });
    assert.equal(!d.ok && d.code, 'FORBIDDEN');
  });
  test('a failing guard gives its reason', () => {
    const d = decide(m, 'closed', 'reopen', new Set(['admin']), { late: true });
    assert.deepEqual(d, { ok: false, code: 'ILLEGAL_TRANSITION', reason: { key: 'door.tooLate' } });
  });
  test('available actions are exactly those decide allows', () => {
    const actions: A[] = ['publish', 'close', 'reopen'];
    fc.assert(
      fc.property(
        fc.constantFrom<S>('draft', 'open', 'closed'),
        fc.subarray(['owner', 'admin']),
        fc.boolean(),
        (s, rel, late) => {
          const relations = new Set(rel);
          const avail = new Set(availableActions(m, s, relations, { late }));
          for (const a of actions)
            assert.equal(avail.has(a), decide(m, s, a, relations, { late }).ok, `${s} ${a}`);
        },
      ),
    );
  });
  test('validation finds undeclared and unreachable states', () => {
    assert.deepEqual(validateMachine(m), []);
    const broken = { ...m, states: [...m.states, 'limbo'] as S[] };
    assert.deepEqual(validateMachine(broken), ['state limbo is unreachable']);
  });
});
