// Grant funding on the ledger: an appropriation flows into a fund, is committed to awards,
// released to teams in tranches, spent by category, and what is unspent is returned (or, where
// the call allows it, retained by the team). Each step is a balanced entry between accounts that
// may never go negative. The entry builders are pure so the database service posts exactly the
// entries the in-memory ledger (and its model-based test) posts.
import type { AccountSpec, Entry, Ledger, LedgerProblem } from './ledger.ts';

export const accountsFor = {
  /** Where appropriations come from (credit-normal: it shows how much was ever appropriated). */
  appropriation: (fund: string): AccountSpec => ({
    code: `appropriation:${fund}`,
    normal: 'credit',
    floor: true,
  }),
  available: (fund: string): AccountSpec => ({ code: `available:${fund}`, normal: 'debit', floor: true }),
  committed: (award: string): AccountSpec => ({ code: `committed:${award}`, normal: 'debit', floor: true }),
  disbursed: (award: string): AccountSpec => ({ code: `disbursed:${award}`, normal: 'debit', floor: true }),
  spent: (award: string, category: string): AccountSpec => ({
    code: `spent:${award}:${category}`,
    normal: 'debit',
    floor: true,
  }),
  returned: (fund: string): AccountSpec => ({ code: `returned:${fund}`, normal: 'debit', floor: true }),
  /** A surplus the team keeps at closing where the call allows it (lump-sum, accepted). */
  retained: (award: string): AccountSpec => ({ code: `retained:${award}`, normal: 'debit', floor: true }),
  /** What an organisation paid for shared instruments it used (its own money, not a grant's). */
  charges: (org: string): AccountSpec => ({ code: `charges:${org}`, normal: 'debit', floor: true }),
  /** What an organisation's shared instruments earned (credit-normal: it only grows). */
  income: (org: string): AccountSpec => ({ code: `income:${org}`, normal: 'credit', floor: true }),
};

export const ACCOUNT_KINDS = [
  'appropriation',
  'available',
  'committed',
  'disbursed',
  'spent',
  'returned',
  'retained',
  'charges',
  'income',
] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];

/** The spec of an account from its code (`kind:owner[:category]`); null for an unknown kind. */
export function specOf(code: string): AccountSpec | null {
  const kind = code.split(':')[0] as AccountKind;
  if (!ACCOUNT_KINDS.includes(kind)) return null;
  return { code, normal: kind === 'appropriation' || kind === 'income' ? 'credit' : 'debit', floor: true };
}

const move = (id: string, memo: string, from: string, to: string, amount: number): Entry => ({
  id,
  memo,
  lines: [
    { account: to, side: 'debit', amount },
    { account: from, side: 'credit', amount },
  ],
});

/** Split `amount` in proportion to `weights` (integer fen; the remainder goes to the largest weights first). */
export function splitProRata(amount: number, weights: number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0) return weights.map((_, i) => (i === 0 ? amount : 0));
  const out = weights.map((w) => Math.floor((amount * w) / total));
  let rest = amount - out.reduce((a, x) => a + x, 0);
  const order = weights.map((w, i) => [w, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) out[order[k][1]] += 1;
  return out;
}

export const entries = {
  appropriation: (id: string, fund: string, amount: number) =>
    move(id, `appropriation to ${fund}`, `appropriation:${fund}`, `available:${fund}`, amount),
  /** One commitment drawn from one or more funds (programme fund and the proposer's co-funding). */
  commitment: (id: string, award: string, parts: { fund: string; amount: number }[]): Entry => ({
    id,
    memo: `commitment to ${award}`,
    lines: [
      { account: `committed:${award}`, side: 'debit', amount: parts.reduce((a, p) => a + p.amount, 0) },
      ...parts
        .filter((p) => p.amount > 0)
        .map((p) => ({ account: `available:${p.fund}`, side: 'credit' as const, amount: p.amount })),
    ],
  }),
  /** An instrument fee an organisation pays to the instrument's organisation. */
  instrumentFee: (id: string, payerOrg: string, instrumentOrg: string, amount: number) =>
    move(id, `instrument fee to ${instrumentOrg}`, `income:${instrumentOrg}`, `charges:${payerOrg}`, amount),
  release: (id: string, award: string, amount: number) =>
    move(id, `tranche of ${award}`, `committed:${award}`, `disbursed:${award}`, amount),
  spend: (id: string, award: string, category: string, amount: number) =>
    move(id, `${category} spending on ${award}`, `disbursed:${award}`, `spent:${award}:${category}`, amount),
  /** Money the team got back for an expense (a supplier refund): spending becomes held money again. */
  refund: (id: string, award: string, category: string, amount: number) =>
    move(id, `${category} refund on ${award}`, `spent:${award}:${category}`, `disbursed:${award}`, amount),
  /**
   * Closing: the unreleased commitment goes back to the funds it came from (pro rata to `shares`);
   * unspent money the team holds is retained by the team (`retain`) or returned pro rata.
   */
  closing(
    idPrefix: string,
    award: string,
    shares: { fund: string; share: number }[],
    held: number,
    left: number,
    retain: boolean,
  ): Entry[] {
    const out: Entry[] = [];
    const w = shares.map((s) => s.share);
    // `amount` leaves `from` and goes back to the funds pro rata, each to its own account.
    const backToFunds = (id: string, memo: string, from: string, amount: number, to: string): Entry => {
      const parts = splitProRata(amount, w);
      return {
        id,
        memo,
        lines: [
          { account: from, side: 'credit', amount },
          ...shares
            .map((s, i) => ({ account: `${to}:${s.fund}`, side: 'debit' as const, amount: parts[i] }))
            .filter((x) => x.amount > 0),
        ],
      };
    };
    if (held > 0)
      out.push(
        retain
          ? move(
              `${idPrefix}:held`,
              `surplus of ${award} retained`,
              `disbursed:${award}`,
              `retained:${award}`,
              held,
            )
          : backToFunds(
              `${idPrefix}:held`,
              `unspent funds of ${award} returned`,
              `disbursed:${award}`,
              held,
              'returned',
            ),
      );
    if (left > 0)
      out.push(
        backToFunds(
          `${idPrefix}:left`,
          `unreleased commitment of ${award} freed`,
          `committed:${award}`,
          left,
          'available',
        ),
      );
    return out;
  },
};

const openAll = (l: Ledger, e: Entry) => {
  for (const line of e.lines) {
    const spec = specOf(line.account);
    if (spec) l.open(spec);
  }
};
const post = (l: Ledger, e: Entry) => {
  openAll(l, e);
  return l.post(e);
};

export function appropriate(l: Ledger, id: string, fund: string, amount: number): LedgerProblem[] {
  return post(l, entries.appropriation(id, fund, amount));
}

/** Commit part of a fund to an award: never more than is available. */
export function commit(l: Ledger, id: string, fund: string, award: string, amount: number): LedgerProblem[] {
  l.open(accountsFor.disbursed(award));
  return post(l, entries.commitment(id, award, [{ fund, amount }]));
}

/** Release a tranche to the team: never more than is still committed to the award. */
export function release(l: Ledger, id: string, award: string, amount: number): LedgerProblem[] {
  return post(l, entries.release(id, award, amount));
}

/** The team reports spending in a category: never more than it has received and not yet spent. */
export function spend(
  l: Ledger,
  id: string,
  award: string,
  category: string,
  amount: number,
): LedgerProblem[] {
  return post(l, entries.spend(id, award, category, amount));
}

/** A refund of earlier spending in a category: never more than was spent there. */
export function refund(
  l: Ledger,
  id: string,
  award: string,
  category: string,
  amount: number,
): LedgerProblem[] {
  return post(l, entries.refund(id, award, category, amount));
}

/** At closing: unspent money held by the team and any uncommitted remainder go back to the fund. */
export function close(
  l: Ledger,
  idPrefix: string,
  fund: string,
  award: string,
  retain = false,
): LedgerProblem[] {
  l.open(accountsFor.returned(fund));
  const problems: LedgerProblem[] = [];
  for (const e of entries.closing(
    idPrefix,
    award,
    [{ fund, share: 1 }],
    l.balance(`disbursed:${award}`),
    l.balance(`committed:${award}`),
    retain,
  ))
    problems.push(...post(l, e));
  return problems;
}
