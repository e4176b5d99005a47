// Posting to the persisted journal. The caller holds the row locks that serialise every posting
// touching the same floor accounts (fund rows for `available:`, the award row for the award's
// accounts); this reads the balances after the lock, checks the floors with the same pure rule as
// the in-memory ledger, and appends the entry and its lines. Balance (debits = credits) is checked
// here and again by a deferred trigger at commit.
import type { Tx } from '../../app/context.ts';
import { specOf } from '../../core/ledger/grants.ts';
import {
  type AccountSpec,
  type Entry,
  entryProblems,
  floorProblems,
  type LedgerProblem,
} from '../../core/ledger/ledger.ts';
import { AppError } from '../../errors.ts';
import { t } from '../../i18n/messages.ts';
import * as repo from './funding.repo.ts';

export type EntryKind =
  | 'appropriation'
  | 'commitment'
  | 'release'
  | 'expense'
  | 'refund'
  | 'closing'
  | 'reversal'
  | 'instrument_fee';

export interface PostMeta {
  kind: EntryKind;
  fundId: string | null;
  awardId: string | null;
  reverses?: string | null;
  by: string;
  now: Date;
}

const FUND_KINDS = new Set(['appropriation', 'available', 'returned']);
/** Accounts an organisation owns (shared instruments' charges and income). */
const ORG_KINDS = new Set(['charges', 'income']);

/** Post `e` (its id is the unique idempotency key). `short` turns a floor breach into the caller's error. */
export async function postEntry(
  tx: Tx,
  e: Entry,
  meta: PostMeta,
  short: (p: Extract<LedgerProblem, { kind: 'below_floor' }>) => AppError,
) {
  const specs = new Map<string, AccountSpec>();
  for (const l of e.lines) {
    const s = specOf(l.account);
    if (s) specs.set(l.account, s);
  }
  const bad = entryProblems(e, specs);
  if (bad.length)
    throw new AppError('INTERNAL', t('ledger.malformedEntry', { stringify: JSON.stringify(bad[0]) }));
  await repo.ensureAccounts(
    tx,
    [...specs.values()].map((s) => {
      const [kind, owner] = s.code.split(':');
      return {
        code: s.code,
        kind,
        normal: s.normal,
        floor: s.floor,
        fundId: FUND_KINDS.has(kind) ? owner : null,
        awardId: FUND_KINDS.has(kind) || ORG_KINDS.has(kind) ? null : owner,
        orgId: ORG_KINDS.has(kind) ? owner : null,
      };
    }),
  );
  const bal = await repo.balances(tx, [...specs.keys()]);
  const floors = floorProblems(e, specs, (c) => bal.get(c) ?? 0);
  const first = floors.find((p) => p.kind === 'below_floor');
  if (first?.kind === 'below_floor') throw short(first);
  return repo.insertEntry(tx, {
    kind: meta.kind,
    memo: e.memo,
    fundId: meta.fundId,
    awardId: meta.awardId,
    reverses: meta.reverses ?? null,
    key: e.id,
    by: meta.by,
    now: meta.now,
    lines: e.lines,
  });
}

/** The amount an account held before a refused entry (for error messages). */
export const heldBefore = (p: { balance: number }, e: Entry, account: string) => {
  const line = e.lines.find((l) => l.account === account);
  return p.balance + (line?.amount ?? 0);
};
