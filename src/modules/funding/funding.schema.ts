// Request schemas of funding: funds and appropriations, call rules, awards with budgets, tranche
// releases, expenses, reversals, the burden meter and ledger export.
import { z } from 'zod';
import { NameRef } from '../../http/names.ts';
import { pageOf, pageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { CATEGORIES } from './funding.ts';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, { message: zkey('validation.required') });
const fen = z.number().int({ message: zkey('validation.wholeFen') });
const positiveFen = fen.positive({ message: zkey('validation.positiveFen') }).max(1e15);

export const IdParam = z.strictObject({ id: z.uuid() });
export const TrancheParam = z.strictObject({ id: z.uuid(), no: z.coerce.number().int().min(0).max(1000) });
export const ChallengeParam = z.strictObject({ challengeId: z.uuid() });
export const TrackParam = z.strictObject({ kind: z.enum(['person', 'org']), id: z.uuid() });

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .trim()
    .min(8, { message: zkey('validation.atLeast8Chars') })
    .max(100)
    .regex(/^[A-Za-z0-9._:-]+$/, { message: zkey('validation.keyChars') }),
});
export const OptionalIdempotencyHeader = z.object({
  'idempotency-key': IdempotencyHeader.shape['idempotency-key'].optional(),
});

export const FundBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('programme'),
    orgId: z.uuid(),
    nameZh: required(200),
    nameEn: text(200).default(''),
    fiscalYear: z.number().int().min(2000).max(2100),
  }),
  z.strictObject({
    kind: z.literal('cofund'),
    challengeId: z.uuid(),
    fiscalYear: z.number().int().min(2000).max(2100),
  }),
]);
export type FundBody = z.infer<typeof FundBody>;

export const AppropriationBody = z.strictObject({ amountFen: positiveFen, memo: text(500).default('') });

export const NegativeItemInput = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, { message: zkey('validation.negativeListCode') }),
  labelZh: required(100),
  labelEn: text(100).default(''),
  keywords: z.array(required(40)).max(30).default([]),
});

export const RulesBody = z.strictObject({
  budgetMode: z.enum(['lump_sum', 'categorised']),
  indirectCapPct: z
    .number()
    .int()
    .min(0)
    .max(60, { message: zkey('validation.atMost60Pct') }),
  negativeList: z.array(NegativeItemInput).max(50).optional(),
  surplus: z.enum(['return', 'retain_if_accepted']),
});
export type RulesBody = z.infer<typeof RulesBody>;

const categories = z.strictObject(
  Object.fromEntries(
    CATEGORIES.map((c) => [c, fen.min(0, { message: zkey('validation.notNegative') })]),
  ) as Record<(typeof CATEGORIES)[number], z.ZodNumber>,
);
export const BudgetInput = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('lump_sum'), totalFen: positiveFen }),
  z.strictObject({ mode: z.literal('categorised'), categories }),
]);

export const AwardBody = z.strictObject({
  taskBookId: z.uuid(),
  fundId: z.uuid(),
  cofundFen: fen.min(0, { message: zkey('validation.notNegative') }).default(0),
  budget: BudgetInput,
});
export type AwardBody = z.infer<typeof AwardBody>;

export const ExpenseLineInput = z.strictObject({
  category: z.enum(CATEGORIES),
  kind: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, { message: zkey('validation.spendingKind') }),
  description: required(500),
  amountFen: positiveFen,
});
export const ExpenseBody = z.strictObject({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: zkey('validation.monthExample') }),
  lines: z
    .array(ExpenseLineInput)
    .min(1, { message: zkey('validation.oneLine') })
    .max(100),
  /** Burden meter: how the form was filled (optional; recorded with the submission). */
  burden: z
    .strictObject({
      fieldsTotal: z.number().int().min(0).max(1000),
      fieldsPrefilled: z.number().int().min(0).max(1000),
      documents: z.number().int().min(0).max(100),
      openedAt: z.iso.datetime({ offset: true }),
    })
    .optional(),
});
export type ExpenseBody = z.infer<typeof ExpenseBody>;

export const RefundBody = z.strictObject({
  period: ExpenseBody.shape.period,
  category: z.enum(CATEGORIES),
  description: required(500),
  amountFen: positiveFen,
});
export type RefundBody = z.infer<typeof RefundBody>;

export const ReverseBody = z.strictObject({ reason: required(1000) });

export const BurdenBody = z.strictObject({
  form: z.enum(['bid', 'expense']),
  challengeId: z.uuid(),
  fieldsTotal: z.number().int().min(0).max(1000),
  fieldsPrefilled: z.number().int().min(0).max(1000),
  documents: z.number().int().min(0).max(100),
  openedAt: z.iso.datetime({ offset: true }),
});
export type BurdenBody = z.infer<typeof BurdenBody>;

const LedgerScope = {
  fundId: z.uuid().optional(),
  awardId: z.uuid().optional(),
};
export const LedgerQuery = pageQuery(['seq']).extend(LedgerScope);
export const LedgerExportQuery = z.strictObject({ ...LedgerScope, format: z.enum(['csv', 'xlsx']) });

/** One journal entry with the names a sentence about it needs (the web composes it per kind). */
export const LedgerEntry = z.object({
  seq: z.number().int(),
  entryId: z.string(),
  postedAt: z.string(),
  kind: z.enum([
    'appropriation',
    'commitment',
    'release',
    'expense',
    'refund',
    'closing',
    'reversal',
    'instrument_fee',
  ]),
  /** The sum of the entry's debit lines (= its credits). */
  amountFen: z.number().int(),
  postedBy: NameRef.nullable(),
  fund: NameRef.nullable(),
  award: z.object({ id: z.string(), challenge: NameRef.nullable(), host: NameRef.nullable() }).nullable(),
  /** A release: which tranche, counted from 1. */
  trancheOrdinal: z.number().int().nullable(),
  expense: z
    .object({ period: z.string(), categories: z.array(z.string()), lines: z.number().int() })
    .nullable(),
  reverses: z.object({ seq: z.number().int(), kind: z.string() }).nullable(),
  lines: z.array(
    z.object({
      accountKind: z.string(),
      category: z.string().nullable(),
      debitFen: z.number().int(),
      creditFen: z.number().int(),
    }),
  ),
});
export const LedgerPage = pageOf(LedgerEntry);

// ── answers the web reads (typed through the OpenAPI document) ──
export const FundSummary = z.object({
  id: z.string(),
  kind: z.string(),
  orgId: z.string(),
  challengeId: z.string().nullable(),
  nameZh: z.string(),
  nameEn: z.string(),
  fiscalYear: z.number(),
  canManage: z.boolean(),
  appropriatedFen: z.number(),
  availableFen: z.number(),
  committedFen: z.number(),
  disbursedFen: z.number(),
  spentFen: z.number(),
  retainedFen: z.number(),
  returnedFen: z.number(),
});

export const AwardSummary = z.object({
  id: z.string(),
  state: z.string(),
  amountFen: z.number(),
  challengeId: z.string(),
  challengeTitleZh: z.string(),
  challengeTitleEn: z.string(),
  taskBookId: z.string(),
  team: z.boolean(),
  organizer: z.boolean(),
});

export const CallRulesView = z.object({
  challengeId: z.string(),
  budgetMode: z.enum(['lump_sum', 'categorised']),
  indirectCapPct: z.number(),
  negativeList: z.array(
    z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string(), keywords: z.array(z.string()) }),
  ),
  surplus: z.enum(['return', 'retain_if_accepted']),
  trustRule: z.object({
    trustedMinRecords: z.number(),
    intervals: z.object({ trusted: z.number(), standard: z.number(), watched: z.number() }),
    textZh: z.string(),
    textEn: z.string(),
  }),
});
