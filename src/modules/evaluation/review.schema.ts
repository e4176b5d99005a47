// zod request schemas of reviews, ranking, consensus, rebuttals and appeals (they feed OpenAPI).
import { z } from 'zod';
import { pageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { APPEAL_GROUNDS, MAX_COMMENT } from './review.ts';

const isoDateTime = z.iso.datetime({
  offset: true,
  message: zkey('validation.format.datetime'),
});

export const RoundParam = z.object({ roundId: z.uuid({ message: zkey('validation.format.uuid') }) });
export const ItemParam = z.object({
  roundId: z.uuid({ message: zkey('validation.format.uuid') }),
  bidId: z.uuid({ message: zkey('validation.format.uuid') }),
});

/** The expert's queue: page, soonest due first, open or submitted only. */
export const QueueQuery = pageQuery(['dueAt']).extend({
  order: z.enum(['asc', 'desc']).default('asc'),
  status: z.enum(['open', 'submitted']).optional(),
});

export const SheetBody = z.strictObject({
  scores: z.record(z.string().max(64), z.number({ message: zkey('validation.number') })).default({}),
  confidence: z
    .number()
    .int({ message: zkey('review.confidenceRange') })
    .min(1)
    .max(5)
    .nullable()
    .default(null),
  commentApplicant: z.string().max(MAX_COMMENT).default(''),
  commentConfidential: z.string().max(MAX_COMMENT).default(''),
});

export const RapporteurBody = z.strictObject({
  assignmentId: z.uuid({ message: zkey('validation.format.uuid') }),
});

export const ConsensusBody = z.strictObject({
  majority: z.string().max(MAX_COMMENT).default(''),
  minority: z.string().max(MAX_COMMENT).default(''),
  recommendation: z.enum(['', 'fund', 'fund_if_budget', 'do_not_fund']).default(''),
  propose: z.boolean().default(false),
});

export const WindowBody = z.strictObject({ opensAt: isoDateTime, closesAt: isoDateTime });

export const RebuttalBody = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.required') })
    .max(MAX_COMMENT),
});

export const AppealBody = z.strictObject({
  ground: z.enum(APPEAL_GROUNDS, {
    message: zkey('validation.appealGround', { grounds: APPEAL_GROUNDS.join(', ') }),
  }),
  statement: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.required') })
    .max(MAX_COMMENT),
});

export const AppealDecisionBody = z.strictObject({
  decision: z.enum(['upheld', 'dismissed']),
  reasons: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.reasonsRequired') })
    .max(MAX_COMMENT),
});

// ── responses ──
const Iso = z.string().describe('ISO 8601 date-time, UTC');

/** One assignment in the expert's queue. */
export const QueueItem = z.object({
  roundId: z.string(),
  bidId: z.string(),
  pseudonym: z.string(),
  roundTitleZh: z.string(),
  roundTitleEn: z.string(),
  roundState: z.string(),
  challengeTitleZh: z.string(),
  challengeTitleEn: z.string(),
  applicantOrgZh: z.string(),
  applicantOrgEn: z.string(),
  dueAt: Iso,
  reviewState: z.enum(['none', 'draft', 'submitted']),
  savedAt: Iso.nullable(),
  submittedAt: Iso.nullable(),
  overdue: z.boolean(),
  lastRemindedAt: Iso.nullable(),
});

/** A review item of a bid the reader leads or belongs to. */
export const ApplicantItem = z.object({
  roundId: z.string(),
  bidId: z.string(),
  roundTitleZh: z.string(),
  roundTitleEn: z.string(),
  roundState: z.string(),
  challengeTitleZh: z.string(),
  challengeTitleEn: z.string(),
});
