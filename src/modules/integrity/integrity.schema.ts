// Request schemas of integrity records and duplicate flags.
import { z } from 'zod';
import { pageOf, pageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';

export const SANCTION_BLOCKS = ['bid', 'review', 'funds'] as const;

const FindingType = z.enum([
  'fabrication',
  'falsification',
  'plagiarism',
  'duplicate_submission',
  'misuse_of_funds',
  'ethics_violation',
  'other',
]);
const Severity = z.enum(['minor', 'serious', 'grave']);
const Sanction = z
  .strictObject({
    blocks: z.array(z.enum(SANCTION_BLOCKS)).min(1, { message: zkey('validation.sanctionBlocks') }),
    startsOn: z.iso.date({ message: zkey('validation.format.date') }),
    endsOn: z.iso.date({ message: zkey('validation.format.date') }),
  })
  .refine((s) => s.endsOn >= s.startsOn, { message: zkey('validation.notBeforeStart'), path: ['endsOn'] })
  .nullable()
  .default(null);
const Required = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: zkey('validation.required') })
    .max(max);

export const RecordBody = z
  .strictObject({
    subjectPersonId: z.uuid().nullable().default(null),
    subjectOrgId: z.uuid().nullable().default(null),
    findingType: FindingType,
    severity: Severity,
    evidence: Required(20000),
    decision: Required(20000),
    sanction: Sanction,
  })
  .refine((b) => b.subjectPersonId || b.subjectOrgId, {
    message: zkey('validation.personOrOrg'),
    path: ['subjectPersonId'],
  });
export type RecordInput = z.infer<typeof RecordBody>;

/** The subject of a record (or an admin of the organisation it is about) lodges one appeal. */
export const AppealBody = z.strictObject({
  grounds: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.appealGrounds') })
    .max(20000),
});
/** An officer decides a pending appeal: upheld (the finding stands) or overturned (it is removed). */
export const AppealDecisionBody = z.strictObject({
  decision: z.enum(['upheld', 'overturned']),
  note: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.recordWhy') })
    .max(20000),
});
export const FlagDecisionBody = z.strictObject({
  decision: z.enum(['dismissed', 'confirmed']),
  note: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.recordWhy') })
    .max(5000),
});

/**
 * Acting on a referral: open a record about its subject (evidence defaults to the referral's
 * summary), or dismiss it with the reason.
 */
export const ReferralDecisionBody = z.discriminatedUnion('outcome', [
  z.strictObject({
    outcome: z.literal('dismissed'),
    reason: z
      .string()
      .trim()
      .min(1, { message: zkey('validation.recordWhy') })
      .max(5000),
  }),
  z.strictObject({
    outcome: z.literal('record'),
    reason: z.string().trim().max(5000).default(''),
    findingType: FindingType,
    severity: Severity,
    evidence: z.string().trim().max(20000).default(''),
    decision: Required(20000),
    sanction: Sanction,
  }),
]);
export type ReferralDecision = z.infer<typeof ReferralDecisionBody>;

export const RecordQuery = pageQuery(['createdAt']).extend({
  appealStatus: z.enum(['none', 'pending', 'upheld', 'overturned']).optional(),
  /** The subject's name (Chinese or English, any part) or whole email. */
  q: z.string().trim().min(1).max(100).optional(),
});

const Names = z.object({ nameZh: z.string(), nameEn: z.string() });
export const IntegrityRecord = z.object({
  id: z.string(),
  subjectPersonId: z.string().nullable(),
  subjectOrgId: z.string().nullable(),
  subjectPerson: Names.extend({ email: z.string() }).nullable(),
  subjectOrg: Names.nullable(),
  findingType: z.string(),
  severity: z.string(),
  evidence: z.string(),
  decision: z.string(),
  /** none, pending, upheld or overturned. */
  appealStatus: z.string(),
  appealGrounds: z.string(),
  appealNote: z.string(),
  sanction: z
    .object({ blocks: z.array(z.string()), startsOn: z.string().nullable(), endsOn: z.string().nullable() })
    .nullable(),
  createdAt: z.string(),
});
export const RecordPage = pageOf(IntegrityRecord);
export const ExportQuery = z.strictObject({ format: z.enum(['csv', 'xlsx']) });
