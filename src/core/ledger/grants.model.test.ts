// Model-based test of the grant flows: fast-check runs random command sequences (allocate,
// release, spend, refund, reverse, close) against the real ledger and a plain model of what each
// balance should be, and after every command checks that every entry balances, no floor account
// is negative, releases stay within the award and the ledger agrees with the model.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { appropriate, close, commit, refund, release, spend } from './grants.ts';
import { type AccountSpec, type Entry, Ledger, reconcile, reversal, totals } from './ledger.ts';

const AWARDS = ['A0', 'A1'];
const CATS = ['equipment', 'labour'];

interface Model {
  bal: Map<string, number>;
  /** Net amounts committed to and released for each award (reversals subtract). */
  committed: Map<string, number>;
  released: Map<string, number>;
  closed: Set<string>;
  /** Applied entries with their effect, so a reversal can be predicted. */
  applied: { id: string; delta: Map<string, number>; kind: string; award?: string; reversed: boolean }[];
}
interface Real {
  l: Ledger;
  n: number;
}

const get = (m: Model, a: string) => m.bal.get(a) ?? 0;
const fits = (m: Model, delta: Map<string, number>) => [...delta].every(([a, d]) => get(m, a) + d >= 0);
function apply(m: Model, id: string, kind: string, delta: Map<string, number>, award?: string) {
  for (const [a, d] of delta) m.bal.set(a, get(m, a) + d);
  m.applied.push({ id, delta, kind, award, reversed: false });
  if (award && kind === 'commit')
    m.committed.set(award, (m.committed.get(award) ?? 0) + -(delta.get('available:F') ?? 0));
  if (award && kind === 'release')
    m.released.set(award, (m.released.get(award) ?? 0) + (delta.get(`disbursed:${award}`) ?? 0));
}

function invariants(m: Model, r: Real) {
  const specs = new Map<string, AccountSpec>();
  for (const e of r.l.journal()) {
    const t = totals(e);
    assert.equal(t.debits, t.credits, `entry ${e.id} balances`);
    for (const line of e.lines)
      specs.set(line.account, {
        code: line.account,
        normal: line.account.startsWith('appropriation:') ? 'credit' : 'debit',
        floor: true,
      });
  }
  for (const code of specs.keys()) {
    assert.ok(r.l.balance(code) >= 0, `${code} ≥ 0`);
    assert.equal(r.l.balance(code), get(m, code), `${code} agrees with the model`);
  }
  for (const a of AWARDS)
    assert.ok((m.released.get(a) ?? 0) <= (m.committed.get(a) ?? 0), `releases of ${a} within the award`);
  assert.ok(reconcile(r.l.journal(), specs, new Map([...specs.keys()].map((c) => [c, r.l.balance(c)]))).ok);
}

type Cmd = fc.Command<Model, Real>;
const next = (r: Real) => `e${r.n++}`;

class Allocate implements Cmd {
  constructor(
    readonly award: string,
    readonly amount: number,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    const id = next(r);
    const d = new Map([
      [`available:F`, -this.amount],
      [`committed:${this.award}`, this.amount],
    ]);
    const ok = !m.closed.has(this.award) && fits(m, d);
    if (m.closed.has(this.award)) return;
    assert.equal(commit(r.l, id, 'F', this.award, this.amount).length === 0, ok);
    if (ok) apply(m, id, 'commit', d, this.award);
    invariants(m, r);
  }
  toString = () => `allocate(${this.award}, ${this.amount})`;
}
class Release implements Cmd {
  constructor(
    readonly award: string,
    readonly amount: number,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    if (m.closed.has(this.award)) return;
    const id = next(r);
    const d = new Map([
      [`committed:${this.award}`, -this.amount],
      [`disbursed:${this.award}`, this.amount],
    ]);
    const ok = fits(m, d);
    assert.equal(release(r.l, id, this.award, this.amount).length === 0, ok);
    if (ok) apply(m, id, 'release', d, this.award);
    invariants(m, r);
  }
  toString = () => `release(${this.award}, ${this.amount})`;
}
class Spend implements Cmd {
  constructor(
    readonly award: string,
    readonly cat: string,
    readonly amount: number,
    readonly back: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    if (m.closed.has(this.award)) return;
    const id = next(r);
    const s = this.back ? -1 : 1;
    const d = new Map([
      [`disbursed:${this.award}`, -s * this.amount],
      [`spent:${this.award}:${this.cat}`, s * this.amount],
    ]);
    const ok = fits(m, d);
    const fn = this.back ? refund : spend;
    assert.equal(fn(r.l, id, this.award, this.cat, this.amount).length === 0, ok);
    if (ok) apply(m, id, this.back ? 'refund' : 'spend', d, this.award);
    invariants(m, r);
  }
  toString = () => `${this.back ? 'refund' : 'spend'}(${this.award}, ${this.cat}, ${this.amount})`;
}
class Reverse implements Cmd {
  constructor(readonly pick: number) {}
  check = (m: Readonly<Model>) => m.applied.some((a) => !a.reversed && a.kind !== 'reversal');
  run(m: Model, r: Real) {
    const open = m.applied.filter(
      (a) => !a.reversed && a.kind !== 'reversal' && (!a.award || !m.closed.has(a.award)),
    );
    if (!open.length) return;
    const target = open[this.pick % open.length];
    const e = r.l.journal().find((x) => x.id === target.id) as Entry;
    const inv = new Map([...target.delta].map(([a, d]) => [a, -d]));
    const ok = fits(m, inv);
    const id = next(r);
    assert.equal(r.l.post(reversal(e, id)).length === 0, ok);
    if (ok) {
      for (const [a, d] of inv) m.bal.set(a, get(m, a) + d);
      target.reversed = true;
      m.applied.push({ id, delta: inv, kind: 'reversal', reversed: false });
      if (target.award && target.kind === 'commit')
        m.committed.set(
          target.award,
          (m.committed.get(target.award) ?? 0) + (target.delta.get('available:F') ?? 0),
        );
      if (target.award && target.kind === 'release')
        m.released.set(
          target.award,
          (m.released.get(target.award) ?? 0) - (target.delta.get(`disbursed:${target.award}`) ?? 0),
        );
    }
    invariants(m, r);
  }
  toString = () => `reverse(#${this.pick})`;
}
class Close implements Cmd {
  constructor(
    readonly award: string,
    readonly retain: boolean,
  ) {}
  check = () => true;
  run(m: Model, r: Real) {
    if (m.closed.has(this.award)) return;
    const held = get(m, `disbursed:${this.award}`);
    const left = get(m, `committed:${this.award}`);
    const id = next(r);
    assert.deepEqual(close(r.l, id, 'F', this.award, this.retain), []);
    const to = this.retain ? `retained:${this.award}` : 'returned:F';
    m.bal.set(`disbursed:${this.award}`, 0);
    m.bal.set(`committed:${this.award}`, 0);
    m.bal.set(to, get(m, to) + held);
    m.bal.set('available:F', get(m, 'available:F') + left);
    // What was never released is no longer committed; what was released stays released.
    m.committed.set(this.award, (m.committed.get(this.award) ?? 0) - left);
    m.closed.add(this.award);
    invariants(m, r);
  }
  toString = () => `close(${this.award}, ${this.retain ? 'retain' : 'return'})`;
}

/** A ledger with fund F appropriated 1000, and the model that matches it. */
function seeded(): { m: Model; l: Ledger } {
  const l = new Ledger();
  appropriate(l, 'seed', 'F', 1000);
  const m: Model = {
    bal: new Map([
      ['appropriation:F', 1000],
      ['available:F', 1000],
    ]),
    committed: new Map(),
    released: new Map(),
    closed: new Set(),
    applied: [],
  };
  return { m, l };
}

test('model-based: allocate, release, spend, refund, reverse and close keep the ledger right', () => {
  const award = fc.constantFrom(...AWARDS);
  const amount = fc.integer({ min: 1, max: 400 });
  const allocate = fc.tuple(award, amount).map(([a, x]) => new Allocate(a, x));
  const releases = fc.tuple(award, amount).map(([a, x]) => new Release(a, x));
  // Allocations and releases are listed three times so money reaches teams before closings end awards.
  const commands = [
    allocate,
    allocate,
    allocate,
    releases,
    releases,
    releases,
    fc.tuple(award, fc.constantFrom(...CATS), amount).map(([a, c, x]) => new Spend(a, c, x, false)),
    fc.tuple(award, fc.constantFrom(...CATS), amount).map(([a, c, x]) => new Spend(a, c, x, true)),
    fc.nat().map((p) => new Reverse(p)),
    fc.tuple(award, fc.boolean()).map(([a, k]) => new Close(a, k)),
  ];
  fc.assert(
    fc.property(fc.commands(commands, { maxCommands: 60 }), (cmds) => {
      const { m, l } = seeded();
      fc.modelRun(() => ({ model: m, real: { l, n: 0 } }), cmds);
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
  );
});

test('model-based: a hand-written sequence that retains a surplus at closing', () => {
  const { m, l } = seeded();
  const real = { l, n: 0 };
  for (const c of [
    new Allocate('A0', 100),
    new Release('A0', 60),
    new Spend('A0', 'labour', 10, false),
    new Close('A0', true),
  ])
    c.run(m, real);
  assert.equal(l.balance('retained:A0'), 50);
  assert.equal(l.balance('available:F'), 940);
});
