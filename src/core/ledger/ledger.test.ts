import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { appropriate, close, commit, release, spend } from './grants.ts';
import { type AccountSpec, Ledger, reconcile, reversal, totals } from './ledger.ts';

describe('double-entry ledger', () => {
  test('a worked award: appropriation, commitment, two tranches, spending, closing', () => {
    const l = new Ledger();
    assert.deepEqual(appropriate(l, 'e1', 'F', 1_000_000_00), []);
    assert.deepEqual(commit(l, 'e2', 'F', 'A', 400_000_00), []);
    assert.deepEqual(release(l, 'e3', 'A', 120_000_00), []);
    assert.deepEqual(spend(l, 'e4', 'A', 'equipment', 100_000_00), []);
    assert.deepEqual(release(l, 'e5', 'A', 140_000_00), []);
    assert.deepEqual(close(l, 'e6', 'F', 'A'), []);
    assert.equal(l.balance('available:F'), 600_000_00 + 140_000_00, 'the unreleased commitment is freed');
    assert.equal(l.balance('returned:F'), 160_000_00, 'unspent money held by the team is returned');
    assert.equal(l.balance('spent:A:equipment'), 100_000_00);
    assert.equal(l.balance('committed:A') + l.balance('disbursed:A'), 0);
  });

  test('refuses an unbalanced entry, a zero or fractional amount and an unknown account, changing nothing', () => {
    const specs: AccountSpec[] = [
      { code: 'a', normal: 'debit', floor: false },
      { code: 'b', normal: 'credit', floor: false },
    ];
    const l = new Ledger(specs);
    const kinds = (e: Parameters<Ledger['post']>[0]) => l.post(e).map((p) => p.kind);
    assert.deepEqual(
      kinds({
        id: 'x',
        memo: '',
        lines: [
          { account: 'a', side: 'debit', amount: 5 },
          { account: 'b', side: 'credit', amount: 4 },
        ],
      }),
      ['unbalanced'],
    );
    assert.ok(
      kinds({
        id: 'y',
        memo: '',
        lines: [
          { account: 'a', side: 'debit', amount: 0.5 },
          { account: 'b', side: 'credit', amount: 0.5 },
        ],
      }).includes('bad_amount'),
    );
    assert.ok(
      kinds({
        id: 'z',
        memo: '',
        lines: [
          { account: 'a', side: 'debit', amount: 1 },
          { account: 'nope', side: 'credit', amount: 1 },
        ],
      }).includes('unknown_account'),
    );
    assert.equal(l.journal().length, 0);
    assert.equal(l.balance('a'), 0);
  });

  test('never commits more than available, releases more than committed, or spends more than received', () => {
    const l = new Ledger();
    appropriate(l, 'e1', 'F', 100);
    assert.equal(commit(l, 'e2', 'F', 'A', 101)[0]?.kind, 'below_floor');
    commit(l, 'e3', 'F', 'A', 100);
    assert.equal(release(l, 'e4', 'A', 101)[0]?.kind, 'below_floor');
    release(l, 'e5', 'A', 60);
    assert.equal(spend(l, 'e6', 'A', 'labour', 61)[0]?.kind, 'below_floor');
  });

  test('an entry is reversed at most once and the reversal restores every balance', () => {
    const l = new Ledger();
    appropriate(l, 'e1', 'F', 100);
    commit(l, 'e2', 'F', 'A', 70);
    const e2 = l.journal()[1];
    assert.deepEqual(l.post(reversal(e2, 'r1')), []);
    assert.equal(l.balance('available:F'), 100);
    assert.equal(l.post(reversal(e2, 'r2'))[0]?.kind, 'already_reversed');
    assert.throws(() => {
      (l.journal()[0].lines as { amount: number }[])[0].amount = 1;
    }, 'posted entries are immutable');
  });

  test('random sequences keep every entry balanced, no floor account negative, releases within commitments', () => {
    type Cmd =
      | { k: 'appropriate'; amount: number }
      | { k: 'commit' | 'release'; award: number; amount: number }
      | { k: 'spend'; award: number; category: number; amount: number }
      | { k: 'reverse'; pick: number }
      | { k: 'close'; award: number };
    const amount = fc.integer({ min: 1, max: 1_000_000 });
    const award = fc.integer({ min: 0, max: 2 });
    const cmd = fc.oneof(
      amount.map((a): Cmd => ({ k: 'appropriate', amount: a })),
      fc.tuple(award, amount).map(([w, a]): Cmd => ({ k: 'commit', award: w, amount: a })),
      fc.tuple(award, amount).map(([w, a]): Cmd => ({ k: 'release', award: w, amount: a })),
      fc
        .tuple(award, fc.integer({ min: 0, max: 2 }), amount)
        .map(([w, c, a]): Cmd => ({ k: 'spend', award: w, category: c, amount: a })),
      fc.nat().map((p): Cmd => ({ k: 'reverse', pick: p })),
      award.map((w): Cmd => ({ k: 'close', award: w })),
    );
    fc.assert(
      fc.property(fc.array(cmd, { maxLength: 60 }), (cmds) => {
        const l = new Ledger();
        appropriate(l, 'seed', 'F', 1);
        const committedTotal = [0, 0, 0];
        const releasedTotal = [0, 0, 0];
        let n = 0;
        for (const c of cmds) {
          const id = `e${n++}`;
          switch (c.k) {
            case 'appropriate':
              appropriate(l, id, 'F', c.amount);
              break;
            case 'commit':
              if (commit(l, id, 'F', `A${c.award}`, c.amount).length === 0)
                committedTotal[c.award] += c.amount;
              break;
            case 'release':
              if (release(l, id, `A${c.award}`, c.amount).length === 0) releasedTotal[c.award] += c.amount;
              break;
            case 'spend':
              spend(l, id, `A${c.award}`, ['equipment', 'labour', 'operations'][c.category], c.amount);
              break;
            case 'reverse': {
              const j = l.journal().filter((e) => !e.reverses);
              const e = j[c.pick % j.length];
              if (l.post(reversal(e, id)).length === 0) {
                // Undo the model's view of what that entry did: a reversed commitment or release
                // no longer counts, and a reversed closing re-commits what it had freed.
                const freed = e.lines.some((x) => x.account === 'available:F' && x.side === 'debit');
                for (const line of e.lines) {
                  const hit = /^(committed|disbursed):A(\d)$/.exec(line.account);
                  if (!hit) continue;
                  const w = Number(hit[2]);
                  if (hit[1] === 'committed' && line.side === 'debit') committedTotal[w] -= line.amount;
                  if (hit[1] === 'committed' && line.side === 'credit' && freed)
                    committedTotal[w] += line.amount;
                  if (hit[1] === 'disbursed' && line.side === 'debit') releasedTotal[w] -= line.amount;
                }
              }
              break;
            }
            case 'close':
              close(l, id, 'F', `A${c.award}`);
              break;
          }
        }
        for (const e of l.journal()) {
          const t = totals(e);
          assert.equal(t.debits, t.credits, `entry ${e.id} does not balance`);
        }
        const accounts = new Map<string, AccountSpec>();
        let debitSide = 0;
        let creditSide = 0;
        for (const e of l.journal()) {
          for (const line of e.lines) {
            const spec: AccountSpec = {
              code: line.account,
              normal: line.account.startsWith('appropriation:') ? 'credit' : 'debit',
              floor: true,
            };
            accounts.set(line.account, spec);
          }
        }
        for (const [code, spec] of accounts) {
          const b = l.balance(code);
          assert.ok(b >= 0, `${code} is ${b}`);
          if (spec.normal === 'debit') debitSide += b;
          else creditSide += b;
        }
        assert.equal(debitSide, creditSide, 'the ledger as a whole balances');
        for (let w = 0; w < 3; w++)
          assert.ok(
            releasedTotal[w] <= committedTotal[w] + 0,
            `award ${w}: released ${releasedTotal[w]} > committed ${committedTotal[w]}`,
          );
        const r = reconcile(
          l.journal(),
          accounts,
          new Map([...accounts.keys()].map((a) => [a, l.balance(a)])),
        );
        assert.ok(r.ok, JSON.stringify(r.problems.concat(r.mismatches as never[]).slice(0, 3)));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });

  test('reconciliation names the first unbalanced entry and any balance that disagrees', () => {
    const specs = new Map<string, AccountSpec>([
      ['a', { code: 'a', normal: 'debit', floor: false }],
      ['b', { code: 'b', normal: 'credit', floor: false }],
    ]);
    const r = reconcile(
      [
        {
          id: 'ok',
          memo: '',
          lines: [
            { account: 'a', side: 'debit', amount: 5 },
            { account: 'b', side: 'credit', amount: 5 },
          ],
        },
        {
          id: 'tampered',
          memo: '',
          lines: [
            { account: 'a', side: 'debit', amount: 7 },
            { account: 'b', side: 'credit', amount: 5 },
          ],
        },
      ],
      specs,
      new Map([
        ['a', 12],
        ['b', 11],
      ]),
    );
    assert.equal(r.ok, false);
    assert.deepEqual(
      r.problems.map((p) => [p.kind, p.entry]),
      [['unbalanced', 'tampered']],
    );
    assert.deepEqual(r.mismatches, [{ account: 'b', derived: 10, claimed: 11 }]);
  });
});
