// Every SQL statement of the funding module: funds, call rules, awards, the journal, tranches,
// expenses, performance records and the burden meter. Rows in, rows out.
import { type Selectable, sql } from 'kysely';
import type { Ctx, Tx } from '../../app/context.ts';
import type {
  FundingAwardTable,
  FundingRuleTable,
  FundingTrancheTable,
  FundTable,
  JournalEntryTable,
  PerformanceRecordTable,
} from '../../db/schema.ts';

type Q = Tx | Ctx['db'];
export type FundRow = Selectable<FundTable>;
export type RuleRow = Selectable<FundingRuleTable>;
export type AwardRow = Selectable<FundingAwardTable>;
export type TrancheRow = Selectable<FundingTrancheTable>;
export type EntryRow = Selectable<JournalEntryTable>;
export type PerformanceRow = Selectable<PerformanceRecordTable>;

// ── funds ──
export const insertFund = (
  tx: Tx,
  f: {
    kind: string;
    orgId: string;
    challengeId: string | null;
    nameZh: string;
    nameEn: string;
    year: number;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('fund')
    .values({
      kind: f.kind,
      org_id: f.orgId,
      challenge_id: f.challengeId,
      name_zh: f.nameZh,
      name_en: f.nameEn,
      fiscal_year: f.year,
      created_by: f.by,
      created_at: f.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
export const findFund = (q: Q, id: string) =>
  q.selectFrom('fund').selectAll().where('id', '=', id).executeTakeFirst();
/** Lock fund rows in id order (every path locks funds before awards, so no deadlock). */
export async function lockFunds(tx: Tx, ids: string[]): Promise<FundRow[]> {
  const sorted = [...new Set(ids)].sort();
  const out: FundRow[] = [];
  for (const id of sorted) {
    const f = await tx.selectFrom('fund').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (f) out.push(f);
  }
  return out;
}
export const cofundOf = (q: Q, challengeId: string) =>
  q
    .selectFrom('fund')
    .selectAll()
    .where('kind', '=', 'cofund')
    .where('challenge_id', '=', challengeId)
    .executeTakeFirst();
export const allFunds = (q: Q) => q.selectFrom('fund').selectAll().orderBy('created_at', 'desc').execute();

// ── call rules ──
export const findRule = (q: Q, challengeId: string) =>
  q.selectFrom('funding_rule').selectAll().where('challenge_id', '=', challengeId).executeTakeFirst();
export const upsertRule = (
  tx: Tx,
  r: {
    challengeId: string;
    budgetMode: string;
    indirectCapPct: number;
    negativeList: unknown;
    surplus: string;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('funding_rule')
    .values({
      challenge_id: r.challengeId,
      budget_mode: r.budgetMode,
      indirect_cap_pct: r.indirectCapPct,
      negative_list: JSON.stringify(r.negativeList),
      surplus: r.surplus,
      updated_by: r.by,
      updated_at: r.now,
    })
    .onConflict((oc) =>
      oc.column('challenge_id').doUpdateSet({
        budget_mode: r.budgetMode,
        indirect_cap_pct: r.indirectCapPct,
        negative_list: JSON.stringify(r.negativeList),
        surplus: r.surplus,
        updated_by: r.by,
        updated_at: r.now,
      }),
    )
    .execute();

// ── awards ──
export const insertAward = (
  tx: Tx,
  a: {
    taskBookId: string;
    challengeId: string;
    bidId: string;
    fundId: string;
    cofundId: string | null;
    amountFen: number;
    cofundFen: number;
    budgetMode: string;
    budget: unknown;
    reportEveryMonths: number;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('funding_award')
    .values({
      task_book_id: a.taskBookId,
      challenge_id: a.challengeId,
      bid_id: a.bidId,
      fund_id: a.fundId,
      cofund_id: a.cofundId,
      amount_fen: a.amountFen,
      cofund_fen: a.cofundFen,
      budget_mode: a.budgetMode,
      budget: JSON.stringify(a.budget),
      report_every_months: a.reportEveryMonths,
      state: 'active',
      created_by: a.by,
      created_at: a.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
export const findAward = (q: Q, id: string) =>
  q.selectFrom('funding_award').selectAll().where('id', '=', id).executeTakeFirst();
export const lockAward = (tx: Tx, id: string) =>
  tx.selectFrom('funding_award').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
export const awardOfBid = (q: Q, bidId: string) =>
  q.selectFrom('funding_award').selectAll().where('bid_id', '=', bidId).executeTakeFirst();
export const awardOfTaskBook = (q: Q, taskBookId: string) =>
  q.selectFrom('funding_award').selectAll().where('task_book_id', '=', taskBookId).executeTakeFirst();
export const awardsOfFund = (q: Q, fundId: string) =>
  q
    .selectFrom('funding_award')
    .selectAll()
    .where((eb) => eb.or([eb('fund_id', '=', fundId), eb('cofund_id', '=', fundId)]))
    .orderBy('created_at')
    .execute();
export const allAwards = (q: Q) => q.selectFrom('funding_award').selectAll().orderBy('created_at').execute();
export const closeAward = (tx: Tx, id: string, by: string, now: Date) =>
  tx
    .updateTable('funding_award')
    .set({ state: 'closed', closed_by: by, closed_at: now })
    .where('id', '=', id)
    .execute();

// ── journal ──
export const ensureAccounts = async (
  tx: Tx,
  accounts: {
    code: string;
    kind: string;
    normal: string;
    floor: boolean;
    fundId: string | null;
    awardId: string | null;
    orgId?: string | null;
  }[],
) => {
  if (!accounts.length) return;
  await tx
    .insertInto('ledger_account')
    .values(
      accounts.map((a) => ({
        code: a.code,
        kind: a.kind,
        normal: a.normal,
        floor: a.floor,
        fund_id: a.fundId,
        award_id: a.awardId,
        org_id: a.orgId ?? null,
      })),
    )
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
};
/** Balances on each account's normal side, derived from the lines alone. */
export async function balances(q: Q, codes: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>(codes.map((c) => [c, 0]));
  if (!codes.length) return out;
  const rows = await q
    .selectFrom('journal_line as l')
    .innerJoin('ledger_account as a', 'a.code', 'l.account')
    .select([
      'l.account',
      sql<number>`sum(CASE WHEN l.side = a.normal THEN l.amount_fen ELSE -l.amount_fen END)::int8`.as(
        'balance',
      ),
    ])
    .where('l.account', 'in', codes)
    .groupBy('l.account')
    .execute();
  for (const r of rows) out.set(r.account, Number(r.balance));
  return out;
}
/** Balances of every account whose code starts with one of the prefixes. */
export async function balancesLike(q: Q, prefixes: string[]) {
  const rows = await q
    .selectFrom('journal_line as l')
    .innerJoin('ledger_account as a', 'a.code', 'l.account')
    .select([
      'l.account',
      'a.kind',
      sql<number>`sum(CASE WHEN l.side = a.normal THEN l.amount_fen ELSE -l.amount_fen END)::int8`.as(
        'balance',
      ),
    ])
    .where((eb) => eb.or(prefixes.map((p) => eb('l.account', 'like', `${p}%`))))
    .groupBy(['l.account', 'a.kind'])
    .execute();
  return rows.map((r) => ({ account: r.account, kind: r.kind, balance: Number(r.balance) }));
}
export const entryByKey = (q: Q, key: string) =>
  q.selectFrom('journal_entry').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
export const findEntry = (q: Q, id: string) =>
  q.selectFrom('journal_entry').selectAll().where('id', '=', id).executeTakeFirst();
export const reversalOf = (q: Q, id: string) =>
  q.selectFrom('journal_entry').selectAll().where('reverses', '=', id).executeTakeFirst();
export async function insertEntry(
  tx: Tx,
  e: {
    kind: string;
    memo: string;
    fundId: string | null;
    awardId: string | null;
    reverses: string | null;
    key: string;
    by: string;
    now: Date;
    lines: { account: string; side: string; amount: number }[];
  },
) {
  const row = await tx
    .insertInto('journal_entry')
    .values({
      kind: e.kind,
      memo: e.memo,
      fund_id: e.fundId,
      award_id: e.awardId,
      reverses: e.reverses,
      idempotency_key: e.key,
      posted_by: e.by,
      posted_at: e.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await tx
    .insertInto('journal_line')
    .values(
      e.lines.map((l, i) => ({
        entry_id: row.id,
        line_no: i + 1,
        account: l.account,
        side: l.side,
        amount_fen: l.amount,
      })),
    )
    .execute();
  return row;
}
export interface JournalFilter {
  fundId?: string;
  awardId?: string;
}
/** Entries with their lines in posting order, optionally those touching one fund or award. */
export async function journal(q: Q, f: JournalFilter = {}) {
  let query = q
    .selectFrom('journal_entry as e')
    .innerJoin('journal_line as l', 'l.entry_id', 'e.id')
    .select([
      'e.id',
      'e.seq',
      'e.kind',
      'e.memo',
      'e.fund_id',
      'e.award_id',
      'e.reverses',
      'e.idempotency_key',
      'e.posted_by',
      'e.posted_at',
      'l.line_no',
      'l.account',
      'l.side',
      'l.amount_fen',
    ])
    .orderBy('e.seq')
    .orderBy('l.line_no');
  if (f.awardId) query = query.where('e.award_id', '=', f.awardId);
  if (f.fundId) {
    const fundId = f.fundId;
    query = query.where((eb) =>
      eb.or([
        eb('e.fund_id', '=', fundId),
        eb(
          'e.award_id',
          'in',
          eb
            .selectFrom('funding_award')
            .select('id')
            .where((w) => w.or([w('fund_id', '=', fundId), w('cofund_id', '=', fundId)])),
        ),
      ]),
    );
  }
  return query.execute();
}
export const allAccounts = (q: Q) => q.selectFrom('ledger_account').selectAll().execute();

// ── tranches ──
export const insertTranche = (
  tx: Tx,
  t: {
    awardId: string;
    no: number;
    label: string;
    amountFen: number;
    condition: string;
    milestoneNo: number | null;
  },
) =>
  tx
    .insertInto('funding_tranche')
    .values({
      award_id: t.awardId,
      no: t.no,
      label: t.label,
      amount_fen: t.amountFen,
      condition: t.condition,
      milestone_no: t.milestoneNo,
      state: 'planned',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
export const tranchesOf = (q: Q, awardId: string) =>
  q.selectFrom('funding_tranche').selectAll().where('award_id', '=', awardId).orderBy('no').execute();
export const trancheByKey = (q: Q, key: string) =>
  q.selectFrom('funding_tranche').selectAll().where('idempotency_key', '=', key).executeTakeFirst();
export const markReleased = (
  tx: Tx,
  id: string,
  r: { key: string; entryId: string; by: string; now: Date; evidence: unknown },
) =>
  tx
    .updateTable('funding_tranche')
    .set({
      state: 'released',
      idempotency_key: r.key,
      entry_id: r.entryId,
      released_by: r.by,
      released_at: r.now,
      evidence: JSON.stringify(r.evidence),
    })
    .where('id', '=', id)
    .where('state', '=', 'planned')
    .returningAll()
    .executeTakeFirst();
export const allTranches = (q: Q) => q.selectFrom('funding_tranche').selectAll().execute();

/** A race tranche with the team's bid (the race books it; funding mirrors it on the ledger). */
export const raceTranche = (q: Q, raceId: string, teamId: string, stageNo: number) =>
  q
    .selectFrom('race_tranche as rt')
    .innerJoin('race_team as t', 't.id', 'rt.team_id')
    .select(['rt.id', 'rt.amount_fen', 'rt.gate_id', 't.bid_id', 't.entry_no'])
    .where('rt.race_id', '=', raceId)
    .where('rt.team_id', '=', teamId)
    .where('rt.stage_no', '=', stageNo)
    .executeTakeFirst();

// ── expenses ──
export const insertExpense = (
  tx: Tx,
  x: {
    awardId: string;
    period: string;
    category: string;
    kind: string;
    description: string;
    amountFen: number;
    entryId: string;
    by: string;
    now: Date;
  },
) =>
  tx
    .insertInto('funding_expense')
    .values({
      award_id: x.awardId,
      period: x.period,
      category: x.category,
      kind: x.kind,
      description: x.description,
      amount_fen: x.amountFen,
      entry_id: x.entryId,
      submitted_by: x.by,
      submitted_at: x.now,
    })
    .execute();
/** Expense lines in posting order. */
export const expensesOf = (q: Q, awardId: string) =>
  q
    .selectFrom('funding_expense as x')
    .innerJoin('journal_entry as e', 'e.id', 'x.entry_id')
    .selectAll('x')
    .where('x.award_id', '=', awardId)
    .orderBy('e.seq')
    .execute();

// ── performance and track record ──
export const insertPerformance = (tx: Tx, p: PerformanceRow) =>
  tx
    .insertInto('performance_record')
    .values({ ...p, reasons: JSON.stringify(p.reasons) })
    .execute();
export const performanceOf = (q: Q, awardId: string) =>
  q.selectFrom('performance_record').selectAll().where('award_id', '=', awardId).executeTakeFirst();
export const trackOfOrg = (q: Q, orgId: string) =>
  q
    .selectFrom('performance_record')
    .selectAll()
    .where('host_org_id', '=', orgId)
    .orderBy('recorded_at')
    .execute();
export const trackOfPerson = (q: Q, personId: string) =>
  q
    .selectFrom('performance_record')
    .selectAll()
    .where('commander_id', '=', personId)
    .orderBy('recorded_at')
    .execute();
export const integrityCount = async (q: Q, personIds: string[], orgId: string) =>
  Number(
    (
      await q
        .selectFrom('integrity_record')
        .select(sql<number>`count(*)::int`.as('n'))
        // An overturned finding is removed on appeal; one whose appeal was rejected (upheld) stands.
        .where('appeal_status', '<>', 'overturned')
        .where((eb) => eb.or([eb('subject_person_id', 'in', personIds), eb('subject_org_id', '=', orgId)]))
        .executeTakeFirstOrThrow()
    ).n,
  );

// ── burden meter ──
export const insertBurden = (
  q: Q,
  b: {
    form: string;
    challengeId: string;
    personId: string;
    fieldsTotal: number;
    fieldsPrefilled: number;
    documents: number;
    seconds: number;
    now: Date;
  },
) =>
  q
    .insertInto('form_burden')
    .values({
      form: b.form,
      challenge_id: b.challengeId,
      person_id: b.personId,
      fields_total: b.fieldsTotal,
      fields_prefilled: b.fieldsPrefilled,
      documents: b.documents,
      seconds: b.seconds,
      submitted_at: b.now,
    })
    .execute();
export const burdenOf = (q: Q, challengeId: string) =>
  q.selectFrom('form_burden').selectAll().where('challenge_id', '=', challengeId).execute();

// ── the journal as a page of entries, with the names a sentence about each needs ──
/** Entries touching a fund or an award (or all), one page, with their total count. */
export async function entryPage(
  q: Q,
  f: JournalFilter,
  p: { offset: number; limit: number; order: 'asc' | 'desc' },
) {
  let base = q.selectFrom('journal_entry as e');
  if (f.awardId) base = base.where('e.award_id', '=', f.awardId);
  if (f.fundId) {
    const fundId = f.fundId;
    base = base.where((eb) =>
      eb.or([
        eb('e.fund_id', '=', fundId),
        eb(
          'e.award_id',
          'in',
          eb
            .selectFrom('funding_award')
            .select('id')
            .where((w) => w.or([w('fund_id', '=', fundId), w('cofund_id', '=', fundId)])),
        ),
      ]),
    );
  }
  const { n } = await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('fund as f', 'f.id', 'e.fund_id')
    .leftJoin('funding_award as a', 'a.id', 'e.award_id')
    .leftJoin('challenge as c', 'c.id', 'a.challenge_id')
    .leftJoin('bid as b', 'b.id', 'a.bid_id')
    .leftJoin('organisation as h', 'h.id', 'b.host_org_id')
    .leftJoin('fund as af', 'af.id', 'a.fund_id')
    .leftJoin('journal_entry as r', 'r.id', 'e.reverses')
    .leftJoin('person as p', 'p.id', 'e.posted_by')
    .select([
      'e.id',
      'e.seq',
      'e.kind',
      'e.memo',
      'e.posted_at',
      'e.fund_id',
      'e.award_id',
      'f.name_zh as fund_zh',
      'f.name_en as fund_en',
      'af.id as award_fund_id',
      'af.name_zh as award_fund_zh',
      'af.name_en as award_fund_en',
      'c.id as challenge_id',
      'c.title_zh as challenge_zh',
      'c.title_en as challenge_en',
      'h.id as host_id',
      'h.name_zh as host_zh',
      'h.name_en as host_en',
      'r.seq as reverses_seq',
      'r.kind as reverses_kind',
      'p.id as by_id',
      'p.name_zh as by_zh',
      'p.name_en as by_en',
      (eb) =>
        eb
          .selectFrom('funding_tranche as t')
          .select('t.no')
          .whereRef('t.entry_id', '=', 'e.id')
          .limit(1)
          .as('tranche_no'),
    ])
    .orderBy('e.seq', p.order)
    .offset(p.offset)
    .limit(p.limit)
    .execute();
  const ids = rows.map((r) => r.id);
  const lines = ids.length
    ? await q
        .selectFrom('journal_line')
        .selectAll()
        .where('entry_id', 'in', ids)
        .orderBy('entry_id')
        .orderBy('line_no')
        .execute()
    : [];
  const expenses = ids.length
    ? await q
        .selectFrom('funding_expense')
        .select(['entry_id', 'category', 'kind', 'description', 'period'])
        .where('entry_id', 'in', ids)
        .execute()
    : [];
  return { total: Number(n), rows, lines, expenses };
}

/** Active awards on challenges organised by any of `orgIds`. */
export const activeAwardsOrganisedBy = (q: Q, orgIds: string[]) =>
  q
    .selectFrom('funding_award as a')
    .innerJoin('challenge as c', 'c.id', 'a.challenge_id')
    .selectAll('a')
    .where('a.state', '=', 'active')
    .where('c.organiser_org_id', 'in', orgIds)
    .orderBy('a.created_at')
    .execute();
