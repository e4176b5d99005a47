// Request schemas of the expert pool, rounds, assignment runs, exclusions, declines (feed OpenAPI).
import { z } from 'zod';
import { pageQuery } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { POOL_SORT } from './pool.repo.ts';
import { RELATION_KINDS } from './pool.ts';
import { ROUND_STATES } from './rounds.ts';

const isoDate = z.iso.date({ message: zkey('validation.format.date') });
const isoDateTime = z.iso.datetime({
  offset: true,
  message: zkey('validation.format.datetime'),
});
const Window = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((w) => w.to >= w.from, { message: zkey('validation.endBeforeStart'), path: ['to'] });

export const ImportQuery = z.object({
  skipBadRows: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  agencyId: z.uuid({ message: zkey('validation.orgId') }).optional(),
  name: z.string().max(300).optional(),
});

export const PoolQuery = pageQuery(POOL_SORT).extend({
  /** Name, email, keyword or discipline code. */
  q: z.string().trim().max(100).optional(),
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** The round list: page, sort, a state, a search in the round's or the challenge's title. */
export const RoundListQuery = pageQuery(['createdAt', 'dueAt']).extend({
  q: z.string().trim().max(100).optional(),
  state: z.enum(ROUND_STATES).optional(),
});

export const RelationInput = z
  .strictObject({
    kind: z.enum(RELATION_KINDS),
    otherPersonId: z.uuid().nullable().optional(),
    otherName: z.string().trim().max(100).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((r) => !!r.otherPersonId || !!r.otherName, {
    message: zkey('validation.namePerson'),
    path: ['otherName'],
  });

export const ExpertPatch = z.strictObject({
  maxLoad: z.number().int().min(0).max(1000).optional(),
  availability: z.array(Window).max(50).optional(),
  active: z.boolean().optional(),
  relations: z.array(RelationInput).max(100).optional(),
});
export type ExpertPatch = z.infer<typeof ExpertPatch>;

const Descriptor = z.strictObject({
  score: z.number().int(),
  zh: z.string().trim().max(300).default(''),
  en: z.string().trim().max(300).default(''),
});
export const CriterionInput = z.strictObject({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { message: zkey('validation.shortKey') }),
  nameZh: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.required') })
    .max(100),
  nameEn: z.string().trim().max(100).default(''),
  weight: z
    .number()
    .positive({ message: zkey('validation.positive') })
    .max(100),
  min: z.number().int({ message: zkey('validation.wholeNumber') }),
  max: z.number().int({ message: zkey('validation.wholeNumber') }),
  descriptors: z.array(Descriptor).max(20).default([]),
});

export const CoiInput = z.strictObject({
  orgYears: z.number().int().min(0).max(20).default(3),
  coauthorYears: z.number().int().min(0).max(20).default(3),
  projectYears: z.number().int().min(0).max(20).default(3),
  maxExclusions: z.number().int().min(0).max(20).default(3),
  acceptance: z.boolean().default(false),
});

const roundFields = {
  titleZh: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.required') })
    .max(200),
  titleEn: z.string().trim().max(300).default(''),
  rubric: z
    .array(CriterionInput)
    .min(1, { message: zkey('round.rubricEmpty') })
    .max(20),
  reviewersPerItem: z.number().int().min(1).max(20).default(3),
  fairness: z.boolean().default(false),
  coi: CoiInput.default({
    orgYears: 3,
    coauthorYears: 3,
    projectYears: 3,
    maxExclusions: 3,
    acceptance: false,
  }),
  dueAt: isoDateTime,
  budgetFen: z
    .number()
    .int({ message: zkey('validation.wholeFen') })
    .min(0)
    .default(0),
  tieBreak: z.string().trim().min(1).max(200).default('confidence'),
  rebuttalAllowed: z.boolean().default(false),
  raceStageNo: z.number().int().min(1).nullable().default(null),
};

export const RoundBody = z.strictObject({ challengeId: z.uuid(), ...roundFields });
export type RoundBody = z.infer<typeof RoundBody>;
export const RoundEditBody = z.strictObject({ version: z.number().int().min(1), ...roundFields });
export type RoundEditBody = z.infer<typeof RoundEditBody>;

export const IdParam = z.object({ id: z.uuid({ message: zkey('validation.format.uuid') }) });
export const ChallengeParam = z.object({ challengeId: z.uuid() });
export const RunParam = z.object({ id: z.uuid(), runId: z.uuid() });

export const ExclusionsBody = z.strictObject({
  exclusions: z
    .array(
      z.strictObject({
        email: z.email({ message: zkey('validation.expertEmail') }),
        reason: z
          .string()
          .trim()
          .min(1, { message: zkey('validation.giveReason') })
          .max(500),
      }),
    )
    .max(20),
});

export const ReasonBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { message: zkey('validation.giveReason') })
    .max(1000),
});

// ── responses ──
/** One round in the organizer's list. */
export const RoundListItem = z.object({
  id: z.string(),
  challengeId: z.string(),
  challengeTitleZh: z.string(),
  challengeTitleEn: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  state: z.enum(ROUND_STATES),
  dueAt: z.string().describe('ISO 8601 date-time, UTC'),
  reviewersPerItem: z.number().int(),
});

/** One expert of the pool, with the current organisation and open load. */
export const PoolExpert = z.object({
  id: z.string(),
  email: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  organisationZh: z.string().nullable(),
  organisationEn: z.string().nullable(),
  disciplineCodes: z.array(z.string()),
  keywords: z.array(z.string()),
  maxLoad: z.number().int(),
  load: z.number().int(),
  availability: z.array(z.object({ from: z.string(), to: z.string() })),
  active: z.boolean(),
  source: z.string(),
});
