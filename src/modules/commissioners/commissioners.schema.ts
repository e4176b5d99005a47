// Request and response schemas of the commissioners API (the OpenAPI document and the web's
// typed client carry them).
import { z } from 'zod';
import { NameRef } from '../../http/names.ts';
import { PageQuery, pageOf } from '../../http/paging.ts';
import { zkey } from '../../i18n/validation.ts';
import { COMMISSIONER_KINDS, REQUESTER_KINDS, URGENCIES } from './commissioners.ts';

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) =>
  z
    .string()
    .trim()
    .min(1, { message: zkey('validation.required') })
    .max(max);
const day = z.iso.date({ message: zkey('commissioners.dateFormat') });
const code = z.string().regex(/^\d{6}$/, { message: zkey('validation.divisionCode') });

export const CommissionerBody = z.strictObject({
  kind: z.enum(COMMISSIONER_KINDS),
  /** The registered account that acts for the commissioner (required for an individual). */
  personEmail: z.string().trim().max(320).nullable().default(null),
  nameZh: required(200),
  nameEn: text(200).default(''),
  homeOrg: text(200).default(''),
  keywords: z.array(required(100)).max(50).default([]),
  disciplineCodes: z.array(required(20)).max(20).default([]),
  industries: z.array(required(100)).max(20).default([]),
  /** Six-digit GB/T 2260 codes (province, city or county). */
  regions: z
    .array(code)
    .min(1, { message: zkey('validation.required') })
    .max(50),
  capacity: z.number().int().min(1).max(50),
  available: z.boolean().default(true),
  agencyOrgId: z.uuid(),
});

export const DemandBody = z.strictObject({
  title: required(200),
  description: required(5000),
  industry: text(100).default(''),
  /** Six-digit county code (GB/T 2260). */
  regionCode: code,
  urgency: z.enum(URGENCIES).default('normal'),
  requester: required(200),
  requesterKind: z.enum(REQUESTER_KINDS),
  contactName: text(100).default(''),
  contactPhone: text(40).default(''),
  agencyOrgId: z.uuid(),
});

export const DispatchBody = z.strictObject({
  commissionerId: z.uuid(),
  termStart: day,
  termEnd: day,
  goals: required(2000),
});
export const DeclineBody = z.strictObject({ reason: required(1000) });
export const VisitBody = z.strictObject({
  visitDate: day,
  place: required(200),
  hours: z.number().positive().max(24),
  workDone: required(5000),
});
export const ConfirmBody = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: text(1000).default(''),
});

export const CommissionerQuery = PageQuery.extend({
  q: z.string().trim().max(200).optional(),
  available: z
    .enum(['true', 'false'])
    .transform((x) => x === 'true')
    .optional(),
});
export const DemandQuery = PageQuery.extend({
  scope: z.enum(['mine', 'agency', 'assigned']).default('mine'),
  state: z.enum(['open', 'dispatched', 'serving', 'resolved', 'withdrawn']).optional(),
});

const Region = z.object({ code: z.string(), name: z.string() });
const RegionLevel = z.enum(['county', 'city', 'province', 'elsewhere']);

export const Commissioner = z.object({
  id: z.string(),
  kind: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  homeOrg: z.string(),
  keywords: z.array(z.string()),
  disciplineCodes: z.array(z.string()),
  industries: z.array(z.string()),
  regions: z.array(Region),
  capacity: z.number(),
  available: z.boolean(),
  agency: NameRef,
  personEmail: z.string().nullable(),
  isMe: z.boolean(),
  /** Live dispatches (offered or accepted). */
  load: z.number(),
  visits: z.number(),
  confirmedVisits: z.number(),
  /** Hours of confirmed visits. */
  hours: z.number(),
  rating: z.number().nullable(),
  resolved: z.number(),
});
export const CommissionerPage = pageOf(Commissioner);

const Explanation = z.object({
  terms: z.array(z.object({ term: z.string(), points: z.number() })),
  otherPoints: z.number(),
});
const Who = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), homeOrg: z.string() });
export const Candidate = z.object({
  commissioner: Who,
  score: z.number(),
  affinity: z.number(),
  regionLevel: RegionLevel,
  regionPoints: z.number(),
  explanation: Explanation,
});

export const Proposal = z.object({
  objective: z.number(),
  millis: z.number(),
  demands: z.array(
    z.object({
      demand: z.object({
        id: z.string(),
        title: z.string(),
        region: Region,
        urgency: z.string(),
        requester: z.string(),
      }),
      proposed: Candidate.nullable(),
      alternatives: z.array(Candidate),
    }),
  ),
});

const Visit = z.object({
  id: z.string(),
  visitDate: z.string(),
  place: z.string(),
  hours: z.number(),
  workDone: z.string(),
  confirmedAt: z.string().nullable(),
  rating: z.number().nullable(),
  ratingComment: z.string(),
  photos: z.array(
    z.object({ id: z.string(), fileName: z.string(), mediaType: z.string(), sizeBytes: z.number() }),
  ),
  canConfirm: z.boolean(),
  canAddPhoto: z.boolean(),
});

export const Demand = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  industry: z.string(),
  region: Region,
  urgency: z.string(),
  requester: z.string(),
  requesterKind: z.string(),
  /** Only the served party, the agency and the dispatched commissioner see these. */
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  agency: NameRef,
  state: z.string(),
  createdAt: z.string(),
  relations: z.array(z.string()),
  actions: z.array(z.string()),
  dispatches: z.array(
    z.object({
      id: z.string(),
      state: z.string(),
      commissioner: Who,
      mine: z.boolean(),
      score: z.number().nullable(),
      regionLevel: z.string(),
      explanation: Explanation.extend({ affinity: z.number(), regionPoints: z.number() }).nullable(),
      termStart: z.string(),
      termEnd: z.string(),
      goals: z.string(),
      dispatchedAt: z.string(),
      respondedAt: z.string().nullable(),
      declineReason: z.string().nullable(),
      visits: z.array(Visit),
    }),
  ),
});

export const DemandPage = pageOf(
  z.object({
    id: z.string(),
    title: z.string(),
    industry: z.string(),
    region: Region,
    urgency: z.string(),
    requester: z.string(),
    state: z.string(),
    createdAt: z.string(),
    commissioner: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  }),
);

export const Division = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['province', 'city', 'county']),
  parent: z.string().nullable(),
});

// ── annual assessment ───────────────────────────────────────────────────────────────────────

const Thresholds = z.object({
  hours: z.number().min(0).max(2000),
  visits: z.number().int().min(0).max(1000),
  resolved: z.number().int().min(0).max(1000),
  rating: z.number().min(0).max(5),
});
export const AssessmentRule = z.object({
  excellent: Thresholds,
  qualified: Thresholds,
  basic: Thresholds,
});
export const Grade = z.enum(['excellent', 'qualified', 'basic', 'unqualified']);
export const AssessmentBody = z.strictObject({
  agencyId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  rule: AssessmentRule,
});
export const AssessmentQuery = z.object({
  agencyId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const Assessment = z.object({
  year: z.number(),
  /** The thresholds the year's grades were given by (null before the first run). */
  rule: AssessmentRule.nullable(),
  defaultRule: AssessmentRule,
  assessedAt: z.string().nullable(),
  items: z.array(
    z.object({
      commissioner: Who,
      hours: z.number(),
      visits: z.number(),
      resolved: z.number(),
      ratings: z.number(),
      rating: z.number().nullable(),
      grade: Grade,
      rule: AssessmentRule,
    }),
  ),
});

// ── statistics by division ──────────────────────────────────────────────────────────────────

export const StatsQuery = z.object({
  level: z.enum(['province', 'city', 'county']).default('province'),
  within: z
    .string()
    .regex(/^[0-9]{6}$/)
    .optional(),
  agencyId: z.uuid().optional(),
});
const StatsFigures = z.object({
  commissioners: z.number(),
  demandsOpen: z.number(),
  demandsServed: z.number(),
  hours: z.number(),
  visits: z.number(),
  rating: z.number().nullable(),
});
export const Stats = z.object({
  level: z.enum(['province', 'city', 'county']),
  /** The level to drill into from a row (null at county level). */
  next: z.enum(['city', 'county']).nullable(),
  within: z.object({ code: z.string(), name: z.string(), level: z.string() }).nullable(),
  rows: z.array(StatsFigures.extend({ code: z.string(), name: z.string(), shortName: z.string() })),
  totals: StatsFigures,
});
