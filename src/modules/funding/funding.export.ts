// Ledger export (CSV, XLSX) and reconciliation: `jiebang ledger verify` and its HTTP twin recompute
// every balance from the lines alone and report any unbalanced entry, any floor account below
// zero, and any tranche or award whose books disagree with the journal.
import type { Ctx } from '../../app/context.ts';
import { specOf } from '../../core/ledger/grants.ts';
import { type AccountSpec, type Entry, reconcile } from '../../core/ledger/ledger.ts';
import { toCsv as csv, toXlsx as xlsx } from '../../http/export.ts';
import * as repo from './funding.repo.ts';
import type { LedgerRow } from './funding.service.ts';

const HEADER = [
  'seq',
  'entry_id',
  'posted_at',
  'kind',
  'memo',
  'reverses',
  'account',
  'debit_fen',
  'credit_fen',
];
const cells = (r: LedgerRow) => [
  r.seq,
  r.entryId,
  r.postedAt,
  r.kind,
  r.memo,
  r.reverses ?? '',
  r.account,
  r.debitFen,
  r.creditFen,
];

/** The journal as CSV, one row per line. */
export const toCsv = (rows: LedgerRow[]) => csv(HEADER, rows.map(cells));

export const toXlsx = (rows: LedgerRow[]) => xlsx('journal', HEADER, rows.map(cells));

export interface VerifyResult {
  ok: boolean;
  entries: number;
  lines: number;
  accounts: number;
  problems: string[];
}

export async function verifyLedger(db: Ctx['db']): Promise<VerifyResult> {
  const lines = await repo.journal(db);
  const accountsRows = await repo.allAccounts(db);
  const specs = new Map<string, AccountSpec>();
  const problems: string[] = [];
  for (const a of accountsRows) {
    specs.set(a.code, { code: a.code, normal: a.normal as 'debit', floor: a.floor });
    const expected = specOf(a.code);
    if (!expected || expected.normal !== a.normal || expected.floor !== a.floor)
      problems.push(
        `account ${a.code}: declared ${a.normal}/${a.floor ? 'floor' : 'no floor'}, expected by its kind otherwise`,
      );
  }
  const byId = new Map<string, Entry & { kind: string; awardId: string | null; seq: number }>();
  for (const l of lines) {
    let e = byId.get(l.id);
    if (!e) {
      e = {
        id: l.id,
        memo: l.memo,
        lines: [],
        reverses: l.reverses ?? undefined,
        kind: l.kind,
        awardId: l.award_id,
        seq: l.seq,
      };
      byId.set(l.id, e);
    }
    e.lines.push({ account: l.account, side: l.side as 'debit', amount: l.amount_fen });
  }
  const journal = [...byId.values()];
  const r = reconcile(journal, specs);
  for (const p of r.problems) {
    const seq = byId.get(p.entry)?.seq;
    if (p.kind === 'unbalanced')
      problems.push(`entry #${seq} does not balance: debits ${p.debits}, credits ${p.credits}`);
    else problems.push(`entry #${seq}: ${p.kind} ${JSON.stringify(p)}`);
  }
  for (const [code, b] of r.balances)
    if (specs.get(code)?.floor && b < 0) problems.push(`account ${code} is below zero: ${b}`);
  for (const e of journal) {
    if (!e.reverses) continue;
    const o = byId.get(e.reverses);
    const mirrored =
      o &&
      o.lines.length === e.lines.length &&
      o.lines.every(
        (l, i) =>
          e.lines[i].account === l.account && e.lines[i].amount === l.amount && e.lines[i].side !== l.side,
      );
    if (!mirrored) problems.push(`entry #${e.seq} claims to reverse another entry but does not mirror it`);
  }
  const releases = new Map(journal.filter((e) => e.kind === 'release').map((e) => [e.id, e]));
  const released = new Map<string, number>();
  for (const t of await repo.allTranches(db)) {
    if (t.state !== 'released') continue;
    const e = t.entry_id ? releases.get(t.entry_id) : undefined;
    const amount = e?.lines.find((l) => l.side === 'debit')?.amount;
    if (amount !== t.amount_fen)
      problems.push(
        `tranche ${t.no} of award ${t.award_id}: released ${t.amount_fen} fen but the journal shows ${amount ?? 'no entry'}`,
      );
    released.set(t.award_id, (released.get(t.award_id) ?? 0) + t.amount_fen);
  }
  for (const a of await repo.allAwards(db)) {
    if ((released.get(a.id) ?? 0) > a.amount_fen) problems.push(`award ${a.id}: releases exceed the award`);
    const c = journal.find((e) => e.kind === 'commitment' && e.awardId === a.id);
    const committed = c?.lines.find((l) => l.account === `committed:${a.id}`)?.amount;
    if (committed !== a.amount_fen)
      problems.push(`award ${a.id}: commitment ${committed ?? 'missing'} ≠ award ${a.amount_fen}`);
  }
  return {
    ok: problems.length === 0,
    entries: journal.length,
    lines: lines.length,
    accounts: specs.size,
    problems,
  };
}
