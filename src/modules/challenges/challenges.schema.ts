// Request and response schemas of challenges, bids, selection, task books and acceptance.
import { z } from 'zod';
import { zkey } from '../../i18n/validation.ts';
import { ORG_KINDS } from '../accounts/accounts.schema.ts';
import { ETHICS_CATEGORIES } from '../ethics/ethics.ts';
import { COMPARATORS, VERIFIERS } from './challenges.ts';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, { message: zkey('validation.required') });
const decimal = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,6})?$/, { message: zkey('validation.decimal') });
const fen = z.number().int({ message: zkey('validation.wholeFen') });
const isoDateTime = z.iso.datetime({
  offset: true,
  message: zkey('validation.format.datetime'),
});
const isoDate = z.iso.date({ message: zkey('validation.format.date') });

export const TargetInput = z
  .strictObject({
    metric: required(200),
    unit: text(40).default(''),
    comparator: z.enum(COMPARATORS),
    threshold: decimal,
    thresholdHigh: decimal.nullable().default(null),
    verification: required(1000),
    verifier: z.enum(VERIFIERS),
    verifierName: text(200).default(''),
    mandatory: z.boolean().default(true),
  })
  .superRefine((t, c) => {
    if (t.comparator === 'range') {
      if (t.thresholdHigh === null)
        c.addIssue({ code: 'custom', message: zkey('validation.rangeRequired'), path: ['thresholdHigh'] });
      else if (Number(t.thresholdHigh) < Number(t.threshold)) {
        c.addIssue({
          code: 'custom',
          message: zkey('validation.notBelowThreshold'),
          path: ['thresholdHigh'],
        });
      }
    }
    if (t.verifier === 'lab' && !t.verifierName)
      c.addIssue({ code: 'custom', message: zkey('validation.nameLab'), path: ['verifierName'] });
  });
export type TargetInput = z.infer<typeof TargetInput>;

export const EligibilityRuleInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('orgKind'), allowed: z.array(z.enum(ORG_KINDS)).min(1) }),
  z.strictObject({ kind: z.literal('region'), prefixes: z.array(z.string().regex(/^\d{2,6}$/)).min(1) }),
  z.strictObject({ kind: z.literal('maxTeamSize'), max: z.number().int().min(1).max(500) }),
]);

export const ChallengeBody = z
  .strictObject({
    orgId: z.uuid({ message: zkey('validation.ownOrgId') }),
    organiserOrgId: z.uuid({ message: zkey('validation.vettingAgencyId') }),
    titleZh: required(200),
    titleEn: text(300).default(''),
    statementZh: required(20000),
    statementEn: text(40000).default(''),
    disciplineCodes: z.array(text(20)).max(10).default([]),
    keywords: z.array(required(60)).max(30).default([]),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, { message: zkey('validation.regionCode') })
      .nullable()
      .default(null),
    budgetCeilingFen: fen.positive({ message: zkey('validation.positive2') }),
    cofundFen: fen.min(0).default(0),
    deadline: isoDateTime,
    durationMonths: z.number().int().min(1).max(120),
    ipTerms: text(5000).default(''),
    winnerSlots: z.number().int().min(1).max(20).default(1),
    mode: z.enum(['single', 'multiple', 'race']).default('single'),
    eligibility: z.array(EligibilityRuleInput).max(10).default([]),
    noticeDays: z.number().int().min(1).max(30).default(5),
    /** Ethics categories the work involves; bids must declare them and need an ethics approval. */
    ethicsCategories: z.array(z.enum(ETHICS_CATEGORIES)).max(ETHICS_CATEGORIES.length).optional(),
    targets: z
      .array(TargetInput)
      .min(1, { message: zkey('validation.oneTarget') })
      .max(30),
  })
  .refine((b) => b.cofundFen <= b.budgetCeilingFen, {
    message: zkey('validation.notOverCeiling'),
    path: ['cofundFen'],
  })
  .refine((b) => b.mode !== 'single' || b.winnerSlots === 1, {
    message: zkey('validation.singleWinnerOneSlot'),
    path: ['winnerSlots'],
  });
export type ChallengeInput = z.infer<typeof ChallengeBody>;

export const ChallengeEditBody = z.strictObject({
  version: z.number().int().min(1),
  challenge: ChallengeBody,
});

export const ActionBody = z.strictObject({ comment: text(5000).default('') });

export const ChallengeQuery = z.object({
  q: text(200).optional(),
  discipline: text(20).optional(),
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  budgetMinFen: z.coerce.number().int().min(0).optional(),
  budgetMaxFen: z.coerce.number().int().min(0).optional(),
  deadlineAfter: isoDateTime.optional(),
  deadlineBefore: isoDateTime.optional(),
  state: z.enum(['published', 'evaluating', 'notice', 'awarded']).optional(),
});

export const MilestoneInput = z.strictObject({
  title: required(300),
  due: isoDate,
  deliverables: required(3000),
  /** Target id → the value this milestone reaches. */
  targetValues: z.record(z.uuid(), decimal).default({}),
});

export const BidBody = z.strictObject({
  hostOrgId: z.uuid({ message: zkey('validation.hostOrgId') }),
  technicalRoute: required(20000),
  budgetFen: fen.positive({ message: zkey('validation.positive2') }),
  milestones: z
    .array(MilestoneInput)
    .min(1, { message: zkey('validation.oneMilestone') })
    .max(30),
  pledge: z.strictObject({
    commitments: required(5000),
    consequences: required(5000),
  }),
  /** Ethics categories this research involves (at least those the challenge names). */
  ethicsCategories: z.array(z.enum(ETHICS_CATEGORIES)).max(ETHICS_CATEGORIES.length).optional(),
  members: z
    .array(z.strictObject({ personId: z.uuid(), role: text(100).default('') }))
    .max(100)
    .default([]),
});
export type BidInput = z.infer<typeof BidBody>;
export const BidEditBody = z.strictObject({ version: z.number().int().min(1), bid: BidBody });

export const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8, { message: zkey('http.idempotencyKeyRequired') })
    .max(100),
});

export const SignBody = z.strictObject({
  as: z.enum(['commander', 'host']),
  /** The pledge version the signer read; refused when it has changed since. */
  pledgeVersion: z.number().int().min(1).optional(),
});
export const ScoreBody = z.strictObject({
  kind: z.enum(['organizer', 'proposer_fit']),
  score: z.number().min(0).max(100),
  comment: text(5000).default(''),
});
export const ObjectionBody = z.strictObject({ text: required(5000) });
export const ObjectionDecisionBody = z.strictObject({
  decision: z.enum(['upheld', 'dismissed']),
  resolution: required(5000),
});

export const TaskBookEditBody = z.strictObject({
  revision: z.number().int().min(1),
  milestones: z.array(MilestoneInput).min(1).max(30),
  tranches: z
    .array(z.strictObject({ label: required(200), amountFen: fen.positive(), condition: required(500) }))
    .min(1)
    .max(30),
});
export const ReportBody = z.strictObject({
  milestoneNo: z.number().int().min(0),
  summary: required(20000),
  measured: z.record(z.uuid(), decimal).default({}),
});
export const ReportReviewBody = z.strictObject({
  decision: z.enum(['accepted', 'revise']),
  comment: text(5000).default(''),
});
export const TaskBookExpertBody = z.strictObject({
  personId: z.uuid({ message: zkey('validation.expertId') }),
});
export const JudgementBody = z.strictObject({
  targetId: z.uuid(),
  measured: decimal,
  /** What the evidence is; may be left empty when evidence files are cited. */
  evidence: text(5000).default(''),
  /** Who verified; defaults to the target's declared verifier (lab, panel or the proposer). */
  verifier: text(200).default(''),
  verifierKind: z.enum(VERIFIERS).optional(),
  /** Required when the verifier is not the one the target declares. */
  verifierReason: text(2000).default(''),
  /** Files attached to this task book or to its milestone reports. */
  evidenceAttachmentIds: z.array(z.uuid()).max(50).default([]),
});

// ── Response shapes (partial: the named fields are typed, the rest pass through as they are) ──
const TargetView = z.object({
  id: z.string(),
  metric: z.string(),
  unit: z.string(),
  comparator: z.enum(COMPARATORS),
  threshold: z.string(),
  thresholdHigh: z.string().nullable(),
  verification: z.string(),
  verifier: z.enum(VERIFIERS),
  verifierName: z.string(),
  mandatory: z.boolean(),
});

/** One challenge: its titles, mode, state, targets and (once awarded) its task books. */
export const ChallengeView = z.looseObject({
  id: z.string(),
  mode: z.string(),
  state: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  targets: z.array(TargetView),
  taskBooks: z.array(z.looseObject({ id: z.string(), bidId: z.string() })),
});

/** One task book, with the files attached to it. */
export const TaskBookView = z.looseObject({
  id: z.string(),
  attachments: z.array(z.looseObject({ id: z.string(), fileName: z.string() })),
});
