// A double-entry ledger in integer fen. Money lives in accounts; every journal entry moves
// it and balances (debits = credits); entries are immutable and corrected only by reversing
// entries. Balances are derived from the entries, never stored on their own.

export type Side = 'debit' | 'credit';

/** Where an account's balance normally sits; `floor` accounts may never go below zero. */
export interface AccountSpec {
  code: string;
  normal: Side;
  floor: boolean;
}

export interface Line {
  account: string;
  side: Side;
  /** Integer fen, > 0. */
  amount: number;
}

export interface Entry {
  id: string;
  memo: string;
  lines: Line[];
  /** Set on a reversing entry: the entry it cancels. */
  reverses?: string;
}

export type LedgerProblem =
  | { kind: 'unbalanced'; entry: string; debits: number; credits: number }
  | { kind: 'bad_amount'; entry: string; account: string; amount: number }
  | { kind: 'unknown_account'; entry: string; account: string }
  | { kind: 'below_floor'; entry: string; account: string; balance: number }
  | { kind: 'already_reversed'; entry: string; original: string }
  | { kind: 'unknown_entry'; entry: string; original: string }
  | { kind: 'duplicate_entry'; entry: string };

/** Sums of debits and credits of an entry. */
export function totals(e: Pick<Entry, 'lines'>): { debits: number; credits: number } {
  let debits = 0;
  let credits = 0;
  for (const l of e.lines) {
    if (l.side === 'debit') debits += l.amount;
    else credits += l.amount;
  }
  return { debits, credits };
}

/** The problems of one entry taken on its own (shape, amounts, balance). */
export function entryProblems(e: Entry, accounts: ReadonlyMap<string, AccountSpec>): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  for (const l of e.lines) {
    if (!accounts.has(l.account)) out.push({ kind: 'unknown_account', entry: e.id, account: l.account });
    if (!Number.isSafeInteger(l.amount) || l.amount <= 0)
      out.push({ kind: 'bad_amount', entry: e.id, account: l.account, amount: l.amount });
  }
  const { debits, credits } = totals(e);
  if (e.lines.length < 2 || debits !== credits)
    out.push({ kind: 'unbalanced', entry: e.id, debits, credits });
  return out;
}

/** The entry that cancels `e`: the same lines with the sides swapped. */
export function reversal(e: Entry, id: string, memo = `reversal of ${e.id}`): Entry {
  return {
    id,
    memo,
    reverses: e.id,
    lines: e.lines.map((l) => ({ ...l, side: l.side === 'debit' ? 'credit' : 'debit' })),
  };
}

/**
 * The floor accounts `e` would take below zero, given the current balances (on each account's
 * normal side). Shared by the in-memory ledger and the database service, which reads the
 * balances under a row lock first.
 */
export function floorProblems(
  e: Entry,
  accounts: ReadonlyMap<string, AccountSpec>,
  balanceOf: (code: string) => number,
): LedgerProblem[] {
  const out: LedgerProblem[] = [];
  const next = new Map<string, number>();
  for (const l of e.lines) {
    const spec = accounts.get(l.account);
    if (!spec) continue;
    const signed = l.side === spec.normal ? l.amount : -l.amount;
    next.set(l.account, (next.get(l.account) ?? balanceOf(l.account)) + signed);
  }
  for (const [account, balance] of next) {
    if (accounts.get(account)!.floor && balance < 0)
      out.push({ kind: 'below_floor', entry: e.id, account, balance });
  }
  return out;
}

export class Ledger {
  private readonly accounts = new Map<string, AccountSpec>();
  private readonly balances = new Map<string, number>();
  private readonly entries: Entry[] = [];
  private readonly byId = new Map<string, Entry>();
  private readonly reversed = new Set<string>();

  constructor(specs: AccountSpec[] = []) {
    for (const s of specs) this.open(s);
  }

  open(spec: AccountSpec): void {
    if (!this.accounts.has(spec.code)) {
      this.accounts.set(spec.code, spec);
      this.balances.set(spec.code, 0);
    }
  }

  /** Balance on the account's normal side (a debit-normal account: debits − credits). */
  balance(code: string): number {
    return this.balances.get(code) ?? 0;
  }

  journal(): readonly Entry[] {
    return this.entries;
  }

  /** Why `e` cannot be posted now (empty: it can). Nothing is changed. */
  check(e: Entry): LedgerProblem[] {
    const out = entryProblems(e, this.accounts);
    if (this.byId.has(e.id)) out.push({ kind: 'duplicate_entry', entry: e.id });
    if (e.reverses !== undefined) {
      if (!this.byId.has(e.reverses)) out.push({ kind: 'unknown_entry', entry: e.id, original: e.reverses });
      else if (this.reversed.has(e.reverses))
        out.push({ kind: 'already_reversed', entry: e.id, original: e.reverses });
    }
    if (out.length) return out;
    return floorProblems(e, this.accounts, (code) => this.balance(code));
  }

  /** Post an entry atomically: all its lines or none. Returns the problems (empty: posted). */
  post(e: Entry): LedgerProblem[] {
    const problems = this.check(e);
    if (problems.length) return problems;
    const frozen: Entry = Object.freeze({
      ...e,
      lines: Object.freeze(e.lines.map((l) => Object.freeze({ ...l }))) as Line[],
    });
    for (const l of frozen.lines) {
      const spec = this.accounts.get(l.account)!;
      this.balances.set(l.account, this.balance(l.account) + (l.side === spec.normal ? l.amount : -l.amount));
    }
    this.entries.push(frozen);
    this.byId.set(e.id, frozen);
    if (e.reverses !== undefined) this.reversed.add(e.reverses);
    return [];
  }
}

/**
 * Reconciliation: recompute every balance from the entries alone and report the first
 * entry that does not balance, and any account whose derived balance differs from `claimed`.
 */
export function reconcile(
  entries: readonly Entry[],
  accounts: ReadonlyMap<string, AccountSpec>,
  claimed?: ReadonlyMap<string, number>,
): {
  ok: boolean;
  problems: LedgerProblem[];
  balances: Map<string, number>;
  mismatches: { account: string; derived: number; claimed: number }[];
} {
  const problems: LedgerProblem[] = [];
  const balances = new Map<string, number>();
  for (const e of entries) {
    problems.push(...entryProblems(e, accounts));
    for (const l of e.lines) {
      const spec = accounts.get(l.account);
      if (!spec) continue;
      balances.set(
        l.account,
        (balances.get(l.account) ?? 0) + (l.side === spec.normal ? l.amount : -l.amount),
      );
    }
  }
  const mismatches: { account: string; derived: number; claimed: number }[] = [];
  for (const [account, c] of claimed ?? []) {
    const derived = balances.get(account) ?? 0;
    if (derived !== c) mismatches.push({ account, derived, claimed: c });
  }
  return { ok: problems.length === 0 && mismatches.length === 0, problems, balances, mismatches };
}
