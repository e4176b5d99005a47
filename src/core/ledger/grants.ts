// Grant funding on the ledger: an appropriation flows into a fund, is committed to awards,
// released to teams in tranches, spent by category, and what is unspent is returned.
// Each step is a balanced entry between accounts that may never go negative.
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
};

const move = (id: string, memo: string, from: string, to: string, amount: number): Entry => ({
  id,
  memo,
  lines: [
    { account: to, side: 'debit', amount },
    { account: from, side: 'credit', amount },
  ],
});

export function appropriate(l: Ledger, id: string, fund: string, amount: number): LedgerProblem[] {
  l.open(accountsFor.appropriation(fund));
  l.open(accountsFor.available(fund));
  return l.post(move(id, `appropriation to ${fund}`, `appropriation:${fund}`, `available:${fund}`, amount));
}

/** Commit part of a fund to an award: never more than is available. */
export function commit(l: Ledger, id: string, fund: string, award: string, amount: number): LedgerProblem[] {
  l.open(accountsFor.committed(award));
  l.open(accountsFor.disbursed(award));
  return l.post(move(id, `commitment to ${award}`, `available:${fund}`, `committed:${award}`, amount));
}

/** Release a tranche to the team: never more than is still committed to the award. */
export function release(l: Ledger, id: string, award: string, amount: number): LedgerProblem[] {
  return l.post(move(id, `tranche of ${award}`, `committed:${award}`, `disbursed:${award}`, amount));
}

/** The team reports spending in a category: never more than it has received and not yet spent. */
export function spend(
  l: Ledger,
  id: string,
  award: string,
  category: string,
  amount: number,
): LedgerProblem[] {
  l.open(accountsFor.spent(award, category));
  return l.post(
    move(id, `${category} spending on ${award}`, `disbursed:${award}`, `spent:${award}:${category}`, amount),
  );
}

/** At closing: unspent money held by the team and any uncommitted remainder go back to the fund. */
export function close(l: Ledger, idPrefix: string, fund: string, award: string): LedgerProblem[] {
  l.open(accountsFor.returned(fund));
  const problems: LedgerProblem[] = [];
  const held = l.balance(`disbursed:${award}`);
  if (held > 0)
    problems.push(
      ...l.post(
        move(
          `${idPrefix}:held`,
          `unspent funds of ${award} returned`,
          `disbursed:${award}`,
          `returned:${fund}`,
          held,
        ),
      ),
    );
  const left = l.balance(`committed:${award}`);
  if (left > 0)
    problems.push(
      ...l.post(
        move(
          `${idPrefix}:left`,
          `unreleased commitment of ${award} freed`,
          `committed:${award}`,
          `available:${fund}`,
          left,
        ),
      ),
    );
  return problems;
}
